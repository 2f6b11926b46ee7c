"""What ``cdk deploy`` and ``sam local`` use, built the way a user builds them: the shared
and documents layers (without Docker, for ARM64 Lambda), ``npx cdk synth`` through the real
CLI, the function ids the README gives to ``sam local invoke``, and the events in
``events/``."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser.models import (
    APIGatewayProxyEventModel,
    S3Model,
    SqsModel,
)

from interview_prep import routes

ROOT = Path(__file__).resolve().parents[2]
STACK = "InterviewPrep-dev"
#: Lambda's limit for a function and its layers, unzipped; the functions need little.
LAMBDA_UNZIPPED_LIMIT = 250 * 1024 * 1024
FUNCTION_CODE_HEADROOM = 20 * 1024 * 1024


#: The PDF and DOCX readers (and what python-docx brings): the parse function's layer only.
DOCUMENT_PACKAGES = ("pypdfium2", "pypdfium2_raw", "docx", "lxml")


@pytest.fixture(scope="session")
def layers(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Both layers, as ``scripts/build_layer.py`` builds them by default."""
    out = tmp_path_factory.mktemp("layers")
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "build_layer.py"),
            "--out",
            str(out / "layer"),
            "--documents-out",
            str(out / "documents-layer"),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return out / "layer", out / "documents-layer"


@pytest.fixture(scope="session")
def layer(layers: tuple[Path, Path]) -> Path:
    return layers[0]


@pytest.fixture(scope="session")
def documents_layer(layers: tuple[Path, Path]) -> Path:
    return layers[1]


@pytest.fixture(scope="session")
def cli_template(
    layer: Path, documents_layer: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """``npx cdk synth`` as a user runs it (the stage of cdk.json, the layer just built)."""
    out = tmp_path_factory.mktemp("cdk") / "cdk.out"
    npx = shutil.which("npx")
    assert npx, "Node.js is needed for the CDK CLI"
    env = {
        **os.environ,
        "CDK_DISABLE_VERSION_CHECK": "1",
        "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "1",
    }
    synth = subprocess.run(
        [
            npx,
            "--no-install",
            "cdk",
            "synth",
            "--quiet",
            "-o",
            str(out),
            "-c",
            f"layer_dir={layer}",
            "-c",
            f"documents_layer_dir={documents_layer}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert synth.returncode == 0, synth.stdout[-3000:] + synth.stderr[-3000:]
    template: dict[str, Any] = json.loads((out / f"{STACK}.template.json").read_text())
    return template


def test_the_layer_holds_arm64_wheels_and_not_what_lambda_provides(layer: Path) -> None:
    python = layer / "python"
    binaries = [p.name for p in python.rglob("*.so")]
    assert any("aarch64" in name for name in binaries)
    assert not [name for name in binaries if "x86_64" in name]
    assert any(name.startswith("_pydantic_core.cpython-312-aarch64") for name in binaries)
    for provided in ("boto3", "botocore", "s3transfer"):
        assert not (python / provided).exists(), provided
    for imported in ("aws_lambda_powertools", "pydantic", "pymongo", "yaml", "openai"):
        assert (python / imported).is_dir(), imported
    # what the API functions import never includes the document readers
    for reader in DOCUMENT_PACKAGES:
        assert not (python / reader).exists(), reader


def test_the_documents_layer_holds_the_readers_as_arm64_wheels_and_nothing_shared(
    layer: Path, documents_layer: Path
) -> None:
    python = documents_layer / "python"
    for reader in DOCUMENT_PACKAGES:
        assert (python / reader).is_dir(), reader
    binaries = [p for p in python.rglob("*.so*") if p.is_file()]
    assert any(p.name.startswith("etree.cpython-312-aarch64") for p in binaries)
    assert (python / "pypdfium2_raw" / "libpdfium.so").is_file()
    assert not [p.name for p in binaries if "x86_64" in p.name]
    pdfium = (python / "pypdfium2_raw" / "libpdfium.so").read_bytes()[:20]
    assert pdfium[:4] == b"\x7fELF" and int.from_bytes(pdfium[18:20], "little") == 183  # aarch64
    # one copy of each package in /opt: the shared layer's (and the runtime's) stay there
    shared = {p.name for p in (layer / "python").iterdir()}
    assert not {p.name for p in python.iterdir() if p.is_dir() and p.name != "bin"} & shared
    assert not (python / "interview_prep").exists() and not (documents_layer / "prompts").exists()


def test_the_layer_ships_the_package_and_prompts_without_development_parts(layer: Path) -> None:
    package = layer / "python" / "interview_prep"
    assert (package / "generation" / "offline" / "questions.py").is_file()
    assert not (package / "local").exists() and not (package / "evaluation").exists()
    assert not list(package.rglob("__pycache__"))
    assert list((layer / "prompts" / "knowledge" / "angles").glob("*.yaml"))
    assert (layer / "prompts" / "interview_questions.ko.yaml").is_file()


def test_the_layers_fit_lambdas_size_limit(layer: Path, documents_layer: Path) -> None:
    # the parse function carries both
    size = sum(
        p.stat().st_size for d in (layer, documents_layer) for p in d.rglob("*") if p.is_file()
    )
    assert size < LAMBDA_UNZIPPED_LIMIT - FUNCTION_CODE_HEADROOM, f"{size / 1e6:.0f} MB"


def sam_function_ids() -> set[str]:
    readme = (ROOT / "README.md").read_text()
    return set(re.findall(r"sam local invoke -t \S+ (\w+)", readme))


def test_every_function_the_readme_invokes_with_sam_is_in_the_template(
    cli_template: dict[str, Any],
) -> None:
    functions = {
        key
        for key, resource in cli_template["Resources"].items()
        if resource["Type"] == "AWS::Lambda::Function"
    }
    named = sam_function_ids()
    assert named, "the README shows sam local invoke"
    assert named <= functions
    readme = (ROOT / "README.md").read_text()
    for event in re.findall(r"-e (events/\S+\.json)", readme):
        assert (ROOT / event).is_file(), event
    assert f"-t cdk.out/{STACK}.template.json" in readme


def test_every_event_file_is_the_event_its_function_receives(
    cli_template: dict[str, Any],
) -> None:
    from infra.components.functions import function_id

    resources = cli_template["Resources"]
    for path in sorted((ROOT / "events").glob("*.json")):
        event = json.loads(path.read_text())
        if path.stem.startswith("worker_"):
            SqsModel.model_validate(event)
            function = "worker"
        elif path.stem.startswith("parser_"):
            (record,) = SqsModel.model_validate(event).Records
            function = "parser"
            if path.stem == "parser_upload":  # S3's notice of a file under the prefix
                (created,) = S3Model.model_validate_json(record.body).Records
                assert created.eventName.startswith("ObjectCreated:")
                assert re.fullmatch(r"uploads/[0-9a-f]{32}", created.s3.object.key)
        else:
            parsed = APIGatewayProxyEventModel.model_validate(event)
            route = routes.route_named(path.stem)
            assert (parsed.httpMethod, parsed.resource) == (route.method, route.path)
            function = route.function
        assert resources[function_id(function)]["Type"] == "AWS::Lambda::Function", path.name


def run_app(context: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "infra.app"],
        cwd=ROOT,
        env={**os.environ, "CDK_CONTEXT_JSON": json.dumps(context)},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_the_app_refuses_to_synthesize_without_a_built_layer(tmp_path: Path) -> None:
    app = run_app({"layer_dir": str(tmp_path)})
    assert app.returncode == 1
    assert f"the shared layer is not built in {tmp_path}" in app.stderr


def test_the_app_refuses_to_synthesize_without_the_documents_layer(tmp_path: Path) -> None:
    shared = tmp_path / "layer"
    (shared / "python" / "interview_prep").mkdir(parents=True)
    missing = tmp_path / "documents-layer"
    app = run_app({"layer_dir": str(shared), "documents_layer_dir": str(missing)})
    assert app.returncode == 1
    assert f"the documents layer is not built in {missing}" in app.stderr
