"""Build the Lambda layers without Docker: ``build/layer`` and ``build/documents-layer``.

The shared layer: the runtime dependencies pinned in ``uv.lock`` as binary wheels for the
Lambda platform (Linux, ARM64, CPython 3.12), the ``interview_prep`` package beside them,
and ``prompts/`` beside ``python/`` (``/opt/prompts`` at run time). boto3/botocore come
with the Lambda runtime and are left out.

The documents layer (the parse function's only): the ``documents`` dependency group
(pypdfium2, python-docx and lxml), the same kind of wheels, less what the shared layer
already ships.

    .venv/bin/python scripts/build_layer.py [--layer all|shared|documents]
        [--out DIR] [--documents-out DIR]      # defaults: build/layer, build/documents-layer
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYER = ROOT / "build" / "layer"
DOCUMENTS_LAYER = ROOT / "build" / "documents-layer"
PACKAGE = ROOT / "layers" / "shared" / "python" / "interview_prep"
PROMPTS = ROOT / "prompts"
PLATFORM = "aarch64-manylinux2014"
PYTHON_VERSION = "3.12"
#: Provided by the Lambda Python runtime; bundling them only adds size.
PROVIDED_BY_RUNTIME = ("boto3", "botocore", "s3transfer", "jmespath", "urllib3")
#: Development-only parts of the package.
EXCLUDED = shutil.ignore_patterns("local", "evaluation", "__pycache__", "*.pyc")


def uv() -> str:
    local = ROOT / ".tools" / "bin" / "uv"
    return str(local) if local.exists() else "uv"


#: What ``uv export`` selects: the project's runtime dependencies, or one dependency group.
RUNTIME = ("--no-dev", "--no-default-groups")
DOCUMENTS = ("--only-group", "documents")


def exported(selection: tuple[str, ...], requirements: Path) -> list[str]:
    """The pinned requirement lines ``uv export`` writes for ``selection``."""
    subprocess.run(  # noqa: S603 - fixed argv
        [
            uv(), "export", "--frozen", *selection, "--no-emit-project",
            "--no-hashes", "--output-file", str(requirements),
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return [
        line
        for line in requirements.read_text().splitlines()
        if line and not line.lstrip().startswith("#")
    ]


def _name(line: str) -> str:
    return line.split("==")[0].strip()


def runtime_requirements(layer: Path) -> Path:
    requirements = layer.parent / f"{layer.name}-requirements.txt"
    kept = [
        line for line in exported(RUNTIME, requirements) if _name(line) not in PROVIDED_BY_RUNTIME
    ]
    requirements.write_text("\n".join(kept) + "\n")
    return requirements


def documents_requirements(layer: Path) -> Path:
    """The documents group, less what the runtime or the shared layer provides (both
    layers are unpacked into ``/opt``: one copy of a package is enough)."""
    requirements = layer.parent / f"{layer.name}-requirements.txt"
    shared = {_name(line) for line in exported(RUNTIME, requirements)}
    kept = [
        line
        for line in exported(DOCUMENTS, requirements)
        if _name(line) not in shared and _name(line) not in PROVIDED_BY_RUNTIME
    ]
    requirements.write_text("\n".join(kept) + "\n")
    return requirements


def install(requirements: Path, layer: Path) -> Path:
    """Replace ``layer`` with the wheels of ``requirements``; returns its ``python/``."""
    shutil.rmtree(layer, ignore_errors=True)
    layer_python = layer / "python"
    layer_python.mkdir(parents=True)
    subprocess.run(  # noqa: S603 - fixed argv
        [
            uv(), "pip", "install", "--quiet", "--no-deps",
            "--target", str(layer_python), "--python-platform", PLATFORM,
            "--python-version", PYTHON_VERSION, "--only-binary", ":all:",
            "--requirement", str(requirements),
        ],
        cwd=ROOT,
        check=True,
    )  # fmt: skip
    return layer_python


def build(layer: Path) -> Path:
    """Build the shared layer into ``layer`` (replacing it); returns its ``python/`` folder."""
    layer.parent.mkdir(parents=True, exist_ok=True)
    layer_python = install(runtime_requirements(layer), layer)
    shutil.copytree(PACKAGE, layer_python / PACKAGE.name, ignore=EXCLUDED)
    # prompts and the knowledge base: /opt/prompts in Lambda (interview_prep.assets)
    shutil.copytree(PROMPTS, layer / "prompts", ignore=shutil.ignore_patterns("*.md"))
    return layer_python


def build_documents(layer: Path) -> Path:
    """Build the documents layer into ``layer`` (replacing it); returns its ``python/``."""
    layer.parent.mkdir(parents=True, exist_ok=True)
    return install(documents_requirements(layer), layer)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--layer",
        choices=("all", "shared", "documents"),
        default="all",
        help="which layer to build (default: %(default)s)",
    )
    parser.add_argument(
        "--out", type=Path, default=LAYER, help="shared layer folder (default: %(default)s)"
    )
    parser.add_argument(
        "--documents-out",
        type=Path,
        default=DOCUMENTS_LAYER,
        help="documents layer folder (default: %(default)s)",
    )
    args = parser.parse_args()
    built = []
    if args.layer in ("all", "shared"):
        built.append(build(args.out.resolve()))
    if args.layer in ("all", "documents"):
        built.append(build_documents(args.documents_out.resolve()))
    for layer in built:
        size = sum(path.stat().st_size for path in layer.rglob("*") if path.is_file())
        print(f"built {layer} ({size / 1e6:.1f} MB unzipped)")


if __name__ == "__main__":
    main()
