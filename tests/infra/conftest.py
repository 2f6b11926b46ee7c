from __future__ import annotations

import os
from typing import Any

import pytest

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "1")
os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The synthesized stack, once per test session (each synth costs seconds and memory)."""
    import aws_cdk as cdk
    from aws_cdk.assertions import Template
    from infra.config import StageConfig
    from infra.stack import InterviewPrepStack

    from interview_prep.local.functions import FUNCTIONS_DIR

    # The layer's contents are checked by the layer build test; synth needs only a folder.
    layer = tmp_path_factory.mktemp("layer")
    (layer / "python" / "interview_prep").mkdir(parents=True)
    app = cdk.App()
    stack = InterviewPrepStack(
        app,
        "InterviewPrep-test",
        config=StageConfig(
            stage="test",
            cors_origins=("https://app.example.com",),
            llm_api_key_secrets={"gemini": "test/gemini-api-key"},
        ),
        functions_dir=FUNCTIONS_DIR,
        layer_dir=layer,
    )
    return Template.from_stack(stack)


@pytest.fixture(scope="session")
def resources(template: Any) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = template.to_json()["Resources"]
    return found


def of_type(resources: dict[str, dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {key: value for key, value in resources.items() if value["Type"] == kind}
