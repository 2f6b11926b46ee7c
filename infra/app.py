"""CDK entry point (``cdk.json``): ``npx aws-cdk synth`` / ``deploy`` from the project root."""

from __future__ import annotations

import sys
from pathlib import Path

import aws_cdk as cdk

from infra.config import StageConfig
from infra.stack import InterviewPrepStack

ROOT = Path(__file__).resolve().parents[1]
LAYER_DIR = ROOT / "build" / "layer"


def main() -> None:
    if not (LAYER_DIR / "python" / "interview_prep").is_dir():
        sys.exit("the shared layer is not built: run .venv/bin/python scripts/build_layer.py")
    app = cdk.App()
    config = StageConfig.from_context(app.node)
    InterviewPrepStack(
        app,
        f"InterviewPrep-{config.stage}",
        config=config,
        functions_dir=ROOT / "functions",
        layer_dir=LAYER_DIR,
        description="Interview Prep API: resumes, interview questions and learning paths",
    )
    app.synth()


if __name__ == "__main__":
    main()
