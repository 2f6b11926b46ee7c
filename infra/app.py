"""CDK entry point (``cdk.json``): ``npx cdk synth`` / ``deploy`` from the project root.

The layers must be built first (``scripts/build_layer.py`` builds both); ``-c
layer_dir=DIR`` and ``-c documents_layer_dir=DIR`` point at layers built elsewhere.
cdk-nag's AwsSolutions checks run on every synth.
"""

from __future__ import annotations

import sys
from pathlib import Path

import aws_cdk as cdk

from infra import nag
from infra.config import StageConfig
from infra.stack import InterviewPrepStack

ROOT = Path(__file__).resolve().parents[1]
LAYER_DIR = ROOT / "build" / "layer"
DOCUMENTS_LAYER_DIR = ROOT / "build" / "documents-layer"
#: What a built documents layer holds (the PDF reader's package).
DOCUMENTS_LAYER_MARKER = Path("python") / "pypdfium2"


def main() -> None:
    app = cdk.App()
    layer_dir = Path(app.node.try_get_context("layer_dir") or LAYER_DIR)
    if not (layer_dir / "python" / "interview_prep").is_dir():
        sys.exit(f"the shared layer is not built in {layer_dir}: run scripts/build_layer.py")
    documents_dir = Path(app.node.try_get_context("documents_layer_dir") or DOCUMENTS_LAYER_DIR)
    if not (documents_dir / DOCUMENTS_LAYER_MARKER).is_dir():
        sys.exit(f"the documents layer is not built in {documents_dir}: run scripts/build_layer.py")
    config = StageConfig.from_context(app.node)
    InterviewPrepStack(
        app,
        f"InterviewPrep-{config.stage}",
        config=config,
        functions_dir=ROOT / "functions",
        layer_dir=layer_dir,
        documents_layer_dir=documents_dir,
        web_dir=ROOT / "web",
        samples_dir=ROOT / "samples",
        description="Interview Prep API: resumes, interview questions and learning paths",
    )
    nag.check(app)
    app.synth()


if __name__ == "__main__":
    main()
