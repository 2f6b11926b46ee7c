"""Evaluate a grader over a folder of (question, answer, expected band) cases.

    python -m interview_prep.evaluation --grading samples/grading
    python -m interview_prep.evaluation --grading samples/grading --provider openai

Each case file (``*.yaml``) holds cases in one language; a case lands when its score is in
its band's range (complete 70-100; partial 30-69; blank, off-topic and instruction-only
0-15; a term list or the question said back 0-30) and the grading passes the gate.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from interview_prep.grading import gate
from interview_prep.grading.context import GradingTask
from interview_prep.grading.requests import grading_request
from interview_prep.llm.base import Provider, ProviderError
from interview_prep.models.practice import PracticeQuestion


class Band(StrEnum):
    COMPLETE = "complete"
    PARTIAL = "partial"
    BLANK = "blank"
    OFF_TOPIC = "off_topic"
    TERM_LIST = "term_list"
    ECHO = "echo"
    INSTRUCTION = "instruction"

    @property
    def scores(self) -> range:
        if self is Band.COMPLETE:
            return range(70, 101)
        if self is Band.PARTIAL:
            return range(30, 70)
        if self in {Band.TERM_LIST, Band.ECHO}:
            return range(31)
        return range(16)


class GradingCase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    band: Band
    project: str | None = None
    question: PracticeQuestion
    answer: str = Field(min_length=1, max_length=5_000)


class CaseFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int
    language: str
    cases: list[GradingCase]


@dataclass
class Outcome:
    case: GradingCase
    language: str
    score: int | None = None
    problems: tuple[str, ...] = ()
    error: str | None = None

    @property
    def landed(self) -> bool:
        return self.score is not None and self.score in self.case.band.scores and not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.case.id,
            "language": self.language,
            "type": self.case.question.type.value,
            "band": self.case.band.value,
            "score": self.score,
            "landed": self.landed,
            "problems": list(self.problems),
            "error": self.error,
        }


def load_cases(folder: Path) -> list[tuple[str, GradingCase]]:
    found: list[tuple[str, GradingCase]] = []
    for path in sorted(folder.glob("*.yaml")):
        loaded = CaseFile.model_validate(yaml.safe_load(path.read_text()))
        found += [(loaded.language, case) for case in loaded.cases]
    return found


def evaluate(folder: Path, provider: Provider) -> list[Outcome]:
    outcomes = []
    for language, case in load_cases(folder):
        projects = (case.project,) if case.project else ()
        task = GradingTask(case.question, case.answer, projects)
        outcome = Outcome(case, language)
        try:
            result = provider.generate(grading_request(task, time.monotonic() + 120))
        except ProviderError as error:
            outcome.error = f"{error} [{error.error_class.value}]"
        else:
            outcome.score = int(result.data.get("score", -1))
            outcome.problems = tuple(str(v) for v in gate.check(task, result.data))
        outcomes.append(outcome)
    return outcomes


def summary(outcomes: list[Outcome]) -> dict[str, Any]:
    by_band: dict[str, list[int]] = {}
    for outcome in outcomes:
        tally = by_band.setdefault(outcome.case.band.value, [0, 0])
        tally[0] += outcome.landed
        tally[1] += 1
    return {
        "cases": len(outcomes),
        "landed": sum(o.landed for o in outcomes),
        "languages": sorted({o.language for o in outcomes}),
        "types": sorted({o.case.question.type.value for o in outcomes}),
        "by_band": {band: {"landed": n, "cases": total} for band, (n, total) in by_band.items()},
    }


def table(outcomes: list[Outcome]) -> str:
    head = f"{'case':34} {'band':12} {'range':>7} {'score':>6}  landed"
    lines = [head, "-" * len(head)]
    for o in outcomes:
        scores = o.case.band.scores
        span = f"{scores.start}-{scores.stop - 1}"
        shown = "-" if o.score is None else str(o.score)
        lines.append(
            f"{o.case.id[:34]:34} {o.case.band.value:12} {span:>7} {shown:>6}  "
            f"{'yes' if o.landed else 'NO'}"
        )
        for problem in ([o.error] if o.error else []) + list(o.problems[:3]):
            lines.append(f"    ! {problem}")
    total = summary(outcomes)
    lines += ["-" * len(head), f"landed in their band: {total['landed']} of {total['cases']}"]
    for band, tally in total["by_band"].items():
        lines.append(f"  {band:12} {tally['landed']}/{tally['cases']}")
    return "\n".join(lines)
