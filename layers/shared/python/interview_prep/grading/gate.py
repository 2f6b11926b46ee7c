"""The quality gate every grading passes before it is stored, whoever graded.

Rules: schema valid; ``covered`` and ``missing`` split the question's points exactly; no
score above 50 while more than half the points are missing; feedback in the question's
language; the follow-up on the question's topic, not the question again, and aimed at a
missing point when there is one. Each violation names where it is, for the repair round.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from interview_prep.generation.analysis import detect_language
from interview_prep.generation.grounding import normalise
from interview_prep.generation.quality import (
    NEAR_DUPLICATE,
    Violation,
    model_violations,
    review_of,
    similarity,
)
from interview_prep.grading.context import GradingTask
from interview_prep.grading.terms import AnswerText
from interview_prep.llm.base import Review
from interview_prep.models.practice import Grading

_LANGUAGE = {"ko": "Korean", "en": "English"}
#: Share of a missing point's key terms a follow-up must use to count as aimed at it.
AIMED = 0.3


def check(task: GradingTask, data: Any) -> list[Violation]:
    found = model_violations(Grading, data)
    if found:
        return found
    grading = Grading.model_validate(data)
    return (
        split_violations(task, grading)
        + score_violations(task, grading)
        + (language_violations(task, grading) + follow_up_violations(task, grading))
    )


def split_violations(task: GradingTask, grading: Grading) -> list[Violation]:
    points = {normalise(p) for p in task.points}
    covered = [normalise(p) for p in grading.covered]
    missing = [normalise(p) for p in grading.missing]
    found: list[Violation] = []
    if set(covered) & set(missing):
        found.append(Violation("split", "covered", "a point is both covered and missing"))
    if len(covered) + len(missing) != len(set(covered) | set(missing)):
        found.append(Violation("split", "covered", "a point is listed twice"))
    for name, listed in (("covered", covered), ("missing", missing)):
        for index, point in enumerate(listed):
            if point not in points:
                where = f"{name}[{index}]"
                found.append(Violation("split", where, "not one of the question's points"))
    left_out = points - set(covered) - set(missing)
    if left_out:
        detail = f"{len(left_out)} of the question's points in neither list"
        found.append(Violation("split", "missing", detail))
    return found


def score_violations(task: GradingTask, grading: Grading) -> list[Violation]:
    if grading.score > 50 and len(grading.missing) > len(task.points) / 2:
        detail = f"score {grading.score} with {len(grading.missing)} of {len(task.points)} missing"
        return [Violation("score", "score", detail + "; at most 50")]
    return []


def language_violations(task: GradingTask, grading: Grading) -> list[Violation]:
    wanted = task.language
    found = []
    for where, text in (("feedback", grading.feedback), ("follow_up", grading.follow_up.question)):
        if detect_language(text) != wanted:
            found.append(Violation("language", where, f"not written in {_LANGUAGE[wanted]}"))
    return found


def follow_up_violations(task: GradingTask, grading: Grading) -> list[Violation]:
    follow_up = grading.follow_up
    asked = " ".join([follow_up.question, *follow_up.what_good_answers_cover])
    text = AnswerText(asked)
    question = task.question
    found: list[Violation] = []
    if not text.coverage(f"{question.topic} {task.subject}") and not text.coverage(
        question.question
    ):
        found.append(Violation("follow_up", "follow_up.question", "not on the question's topic"))
    if similarity(follow_up.question, question.question) >= NEAR_DUPLICATE:
        found.append(Violation("follow_up", "follow_up.question", "nearly the question again"))
    if grading.missing and all(text.coverage(point) < AIMED for point in grading.missing):
        found.append(Violation("follow_up", "follow_up", "aims at none of the missing points"))
    return found


def reviewer(task: GradingTask) -> Callable[[dict[str, Any]], Review | None]:
    """The gate as the LLM layer calls it."""

    def review(data: dict[str, Any]) -> Review | None:
        return review_of(check(task, data))

    return review
