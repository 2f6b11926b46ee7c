"""Prompts and the knowledge base are found from a checkout and from the layer layout
(``/opt/python/interview_prep`` beside ``/opt/prompts``), or where PROMPTS_DIR says."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "layers" / "shared" / "python" / "interview_prep"


def _found(python_path: Path, env: dict[str, str] | None = None) -> str:
    code = "from interview_prep.assets import prompts_dir; print(prompts_dir())"
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(python_path), **(env or {})},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_a_checkout_reads_the_repository_prompts() -> None:
    assert _found(PACKAGE.parent) == str(ROOT / "prompts")


def test_the_layer_layout_reads_opt_prompts(tmp_path: Path) -> None:
    opt = tmp_path / "opt"
    (opt / "python" / "interview_prep").mkdir(parents=True)
    shutil.copy(PACKAGE / "assets.py", opt / "python" / "interview_prep" / "assets.py")
    (opt / "python" / "interview_prep" / "__init__.py").write_text("")
    shutil.copytree(ROOT / "prompts", opt / "prompts")
    assert _found(opt / "python") == str(opt / "prompts")


def test_prompts_dir_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _found(PACKAGE.parent, {"PROMPTS_DIR": str(tmp_path)}) == str(tmp_path)
