"""Build the shared Lambda layer without Docker: ``build/layer/python/...``.

Installs the runtime dependencies pinned in ``uv.lock`` as binary wheels for the Lambda
platform (Linux, ARM64, CPython 3.12) and copies the ``interview_prep`` package beside
them, and ``prompts/`` beside ``python/`` (``/opt/prompts`` at run time). boto3/botocore
come with the Lambda runtime and are left out.

    .venv/bin/python scripts/build_layer.py [--out DIR]     # default: build/layer
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYER = ROOT / "build" / "layer"
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


def runtime_requirements(layer: Path) -> Path:
    requirements = layer.parent / f"{layer.name}-requirements.txt"
    subprocess.run(  # noqa: S603 - fixed argv
        [
            uv(), "export", "--frozen", "--no-dev", "--no-default-groups", "--no-emit-project",
            "--no-hashes", "--output-file", str(requirements),
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    kept = [
        line
        for line in requirements.read_text().splitlines()
        if line
        and not line.lstrip().startswith("#")
        and line.split("==")[0].strip() not in PROVIDED_BY_RUNTIME
    ]
    requirements.write_text("\n".join(kept) + "\n")
    return requirements


def build(layer: Path) -> Path:
    """Build the layer tree into ``layer`` (replacing it); returns its ``python/`` folder."""
    shutil.rmtree(layer, ignore_errors=True)
    layer_python = layer / "python"
    layer_python.mkdir(parents=True)
    subprocess.run(  # noqa: S603 - fixed argv
        [
            uv(), "pip", "install", "--quiet", "--no-deps",
            "--target", str(layer_python), "--python-platform", PLATFORM,
            "--python-version", PYTHON_VERSION, "--only-binary", ":all:",
            "--requirement", str(runtime_requirements(layer)),
        ],
        cwd=ROOT,
        check=True,
    )  # fmt: skip
    shutil.copytree(PACKAGE, layer_python / PACKAGE.name, ignore=EXCLUDED)
    # prompts and the knowledge base: /opt/prompts in Lambda (interview_prep.assets)
    shutil.copytree(PROMPTS, layer / "prompts", ignore=shutil.ignore_patterns("*.md"))
    return layer_python


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=LAYER, help="layer folder (default: %(default)s)"
    )
    layer = build(parser.parse_args().out.resolve())
    size = sum(path.stat().st_size for path in layer.rglob("*") if path.is_file())
    print(f"built {layer} ({size / 1e6:.1f} MB unzipped)")


if __name__ == "__main__":
    main()
