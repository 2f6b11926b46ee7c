"""The evaluation command: a table and JSON over a folder of resumes, exit 1 when an answer
fails the gate, LLM-as-judge scores at temperature 0 when a real provider is configured."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from interview_prep.evaluation.__main__ import main
from tests.conftest import FIXTURE_RESUMES, fixture_names
from tests.fakes.llm_vendors import JUDGE_MARKS, FakeVendors
from tests.integration.conftest import only


def _report(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, dict]:  # type: ignore[type-arg]
    status = main([*argv, "--json", "-"])
    out = capsys.readouterr().out
    table, _, text = out.partition("\n{")
    return status, table, json.loads("{" + text)


def test_the_offline_provider_passes_the_gate_on_every_fixture_resume(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, table, report = _report(capsys, str(FIXTURE_RESUMES), "--provider", "offline")

    assert status == 0
    assert len(report["answers"]) == 2 * len(fixture_names())
    overall = report["overall"]
    assert overall["gate_pass"] == overall["schema_valid"] == overall["grounding"] == 1.0
    assert overall["language_match"] == 1.0 and overall["duplicate_rate"] == 0.0
    assert 0 < overall["cross_resume_overlap"] < 0.5
    for name in fixture_names():
        assert name in table
    assert "overall" in table and "judge skipped" not in table


@pytest.fixture
def one_resume(tmp_path: Path) -> Path:
    shutil.copy(FIXTURE_RESUMES / "mid-data-en.json", tmp_path)
    return tmp_path


def test_a_provider_whose_answers_fail_the_gate_makes_the_command_fail(
    capsys: pytest.CaptureFixture[str],
    vendors: FakeVendors,
    monkeypatch: pytest.MonkeyPatch,
    one_resume: Path,
) -> None:
    only(monkeypatch, "openai")
    vendors.script("openai", *["ungrounded"] * 2)

    status, table, report = _report(
        capsys, str(one_resume), "--provider", "openai", "--kind", "interview"
    )

    assert status == 1
    (answer,) = report["answers"]
    assert answer["gate_pass"] is False and "quality_gate" in answer["error"]
    assert "! openai: answer still breaks evidence after repair" in table


def test_the_judge_scores_with_a_real_provider_at_temperature_zero(
    capsys: pytest.CaptureFixture[str],
    vendors: FakeVendors,
    monkeypatch: pytest.MonkeyPatch,
    one_resume: Path,
) -> None:
    only(monkeypatch, "openai")

    status, table, report = _report(
        capsys, str(one_resume), "--provider", "offline", "--kind", "interview", "--judge"
    )

    assert status == 0
    (answer,) = report["answers"]
    assert answer["judge"] == {k: float(v) for k, v in JUDGE_MARKS.items()}
    assert report["overall"]["judge_grounding"] == JUDGE_MARKS["grounding"]
    (call,) = vendors.calls("openai")
    assert call.body["temperature"] == 0
    assert "<questions_to_judge>" in call.body["messages"][-1]["content"]
    assert "judge (1-5): relevance 4" in table


def test_without_a_real_provider_the_judge_is_skipped_and_says_so(
    capsys: pytest.CaptureFixture[str], one_resume: Path
) -> None:
    status, table, report = _report(capsys, str(one_resume), "--judge", "--kind", "learning")

    assert status == 0 and "judge skipped: no real provider is configured" in table
    assert report["answers"][0]["judge"] is None
