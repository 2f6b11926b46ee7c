"""What graded practice tells a learning path: the points a candidate's answers missed.

A weak attempt (score under 50, or a point missing) names its first missing point, the
most important one; the lowest scores come first, one gap per topic. A learning path may
build a weakness on it, quoting the attempt (``answers[<attempt id>]``): the missed point
or a passage of the answer, verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from interview_prep.generation.grounding import normalise, short_quote
from interview_prep.knowledge.catalog import main_subject

#: Graded attempts a learning path reads (the newest).
PRACTICE_ATTEMPTS = 50
#: Practice gaps offered to one learning path at most.
MAX_GAPS = 3
WEAK_SCORE = 50
_SOURCE = re.compile(r"^answers\[([0-9a-f]{32})\]$")


@dataclass(frozen=True)
class PracticeGap:
    attempt_id: str
    question_id: str
    score: int
    #: The main technology of the question (or its topic's first part).
    subject: str
    #: The missed point, verbatim (what the evidence quotes).
    point: str
    #: Everything evidence may quote from this attempt: the answer and the missed points.
    quotable: str

    @property
    def source(self) -> str:
        return f"answers[{self.attempt_id}]"


def practice_gaps(attempts: list[dict[str, Any]]) -> tuple[PracticeGap, ...]:
    weak = sorted(
        (a for a in attempts if a.get("missing") and int(a.get("score", 0)) < WEAK_SCORE),
        key=lambda a: (int(a["score"]), -int(a.get("listing_position", 0))),
    )
    gaps: dict[str, PracticeGap] = {}
    for attempt in weak:
        subject = _subject(attempt)
        if subject.casefold() in gaps:
            continue
        point = str(attempt["missing"][0])
        quotable = "\n".join([str(attempt.get("answer", "")), *map(str, attempt["missing"])])
        gaps[subject.casefold()] = PracticeGap(
            attempt_id=str(attempt["job_id"]),
            question_id=str(attempt["question_id"]),
            score=int(attempt["score"]),
            subject=subject,
            point=short_quote(point, 200),
            quotable=quotable,
        )
    return tuple(gaps.values())[:MAX_GAPS]


def _subject(attempt: dict[str, Any]) -> str:
    topic, question = str(attempt.get("topic") or ""), str(attempt.get("question", ""))
    return main_subject(topic, question) or str(attempt["question_id"])


def practice_ids(attempts: list[dict[str, Any]]) -> list[str]:
    """What a learning path's reuse fingerprint takes from practice: new answers, new path."""
    return sorted(str(a["job_id"]) for a in attempts)


def quoted_in_practice(gaps: tuple[PracticeGap, ...], source: str, quote: str) -> bool | None:
    """Whether ``quote`` is verbatim in the attempt ``source`` names; None when ``source``
    is not an attempt reference."""
    found = _SOURCE.match(source.strip())
    if found is None:
        return None
    gap = next((g for g in gaps if g.attempt_id == found.group(1)), None)
    wanted = normalise(quote)
    return gap is not None and bool(wanted) and wanted in normalise(gap.quotable)
