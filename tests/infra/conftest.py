from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "1")
os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")

STACK = "InterviewPrep-test"
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Synthesized:
    """One synthesized app: its template and cdk-nag's findings (empty when it passes)."""

    template_path: Path
    template: Any  # aws_cdk.assertions.Template
    findings: list[str]
    error: str | None


def synthesize(out: Path, **config: Any) -> Synthesized:
    """Synthesize the stack with the cdk-nag checks, as ``infra.app`` does."""
    import aws_cdk as cdk
    from aws_cdk.assertions import Template
    from infra import nag
    from infra.config import StageConfig
    from infra.stack import InterviewPrepStack

    from interview_prep.local.functions import FUNCTIONS_DIR

    # The layers' contents are checked by the layer build test; synth needs only folders.
    layer = out / "layer"
    (layer / "python" / "interview_prep").mkdir(parents=True)
    documents_layer = out / "documents-layer"
    (documents_layer / "python" / "pypdfium2").mkdir(parents=True)
    app = cdk.App(outdir=str(out / "cdk.out"))
    InterviewPrepStack(
        app,
        STACK,
        config=StageConfig(stage="test", **config),
        functions_dir=FUNCTIONS_DIR,
        layer_dir=layer,
        documents_layer_dir=documents_layer,
        web_dir=ROOT / "web",
        samples_dir=ROOT / "samples",
    )
    nag.check(app)
    error = None
    try:
        app.synth()
    except RuntimeError as failed:  # the validation report below says why
        error = str(failed)
    template_path = out / "cdk.out" / f"{STACK}.template.json"
    report = out / "cdk.out" / "validation-report.json"
    findings = []
    if report.exists():
        for plugin in json.loads(report.read_text())["pluginReports"]:
            for violation in plugin["violations"]:
                findings += [
                    f"{violation['ruleName']} at {construct['constructPath']}"
                    for construct in violation["violatingConstructs"]
                ]
    return Synthesized(
        template_path, Template.from_json(json.loads(template_path.read_text())), findings, error
    )


@pytest.fixture(scope="session")
def synthesized(tmp_path_factory: pytest.TempPathFactory) -> Synthesized:
    """The stack synthesized once per test session (each synth costs seconds and memory)."""
    return synthesize(
        tmp_path_factory.mktemp("synth"),
        cors_origins=("https://app.example.com",),
        llm_api_key_secrets={"gemini": "test/gemini-api-key"},
        alarm_email="oncall@example.com",
    )


@pytest.fixture(scope="session")
def template(synthesized: Synthesized) -> Any:
    return synthesized.template


@pytest.fixture(scope="session")
def resources(template: Any) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = template.to_json()["Resources"]
    return found


def of_type(resources: dict[str, dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {key: value for key, value in resources.items() if value["Type"] == kind}


def service_functions(resources: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The service's own functions (not CDK's helpers, such as the web page copier)."""
    return {
        key: value
        for key, value in of_type(resources, "AWS::Lambda::Function").items()
        if str(value["Properties"].get("FunctionName", "")).startswith("interview-prep-")
    }
