"""The quality gate every provider's answer passes before it is stored.

Rules: schema valid; exact count and ids; distinct types; difficulty mix as planned;
every evidence quote really in the named resume element; no near-duplicate questions;
language as requested; strength/gap ratio as planned; links only from the knowledge base
or official documentation roots. Each violation names where it is, so a repair round
can fix exactly that.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from typing import Any

from pydantic import BaseModel, ValidationError

from interview_prep.assets import load_yaml
from interview_prep.generation.analysis import detect_language
from interview_prep.generation.grounding import normalise, quote_found
from interview_prep.generation.plan import Plan
from interview_prep.generation.practice import quoted_in_practice
from interview_prep.knowledge.catalog import catalog
from interview_prep.llm.base import ErrorClass, Review
from interview_prep.models import ResumeIn
from interview_prep.models.jobs import JobKind
from interview_prep.models.results import (
    Evidence,
    InterviewQuestionSet,
    LearningPathSet,
)

#: Character-trigram Jaccard similarity above which two questions count as the same one.
NEAR_DUPLICATE = 0.6
SCHEMAS: dict[JobKind, type[BaseModel]] = {
    JobKind.INTERVIEW_QUESTIONS: InterviewQuestionSet,
    JobKind.LEARNING_PATH: LearningPathSet,
}


@dataclass(frozen=True)
class Violation:
    rule: str
    where: str
    detail: str

    def __str__(self) -> str:
        return f"{self.where}: {self.detail} [{self.rule}]"


def schema_violations(kind: JobKind, data: Any) -> list[Violation]:
    return model_violations(SCHEMAS[kind], data)


def model_violations(model: type[BaseModel], data: Any) -> list[Violation]:
    try:
        model.model_validate(data)
    except ValidationError as error:
        return [
            Violation("schema", ".".join(str(p) for p in item["loc"]) or "root", item["msg"])
            for item in error.errors()[:20]
        ]
    return []


def check(plan: Plan, resume: ResumeIn, data: Any) -> list[Violation]:
    """Every rule the answer breaks; empty when it may be stored."""
    found = schema_violations(plan.kind, data)
    if found:
        return found
    document = resume_document(resume)
    if plan.kind is JobKind.INTERVIEW_QUESTIONS:
        return question_violations(plan, document, InterviewQuestionSet.model_validate(data))
    return path_violations(plan, document, LearningPathSet.model_validate(data))


def resume_document(resume: ResumeIn) -> dict[str, Any]:
    """What evidence may quote: the resume without contact details."""
    return resume.model_dump(mode="json", exclude={"contact"})


def question_violations(
    plan: Plan, document: dict[str, Any], answer: InterviewQuestionSet
) -> list[Violation]:
    questions = answer.questions
    found: list[Violation] = []
    if len(questions) != plan.count:
        found.append(
            Violation("count", "questions", f"{len(questions)} questions, asked for {plan.count}")
        )
    for index, question in enumerate(questions):
        if question.id != f"q{index + 1}":
            found.append(Violation("ids", f"questions[{index}].id", f"must be q{index + 1}"))
    limit = math.ceil(len(questions) / 8)
    for question_type, times in Counter(q.type for q in questions).items():
        if times > limit:
            found.append(
                Violation(
                    "distinct_types",
                    "questions",
                    f"type {question_type.value} used {times} times; at most {limit}",
                )
            )
    got = sorted(q.difficulty.value for q in questions)
    wanted = sorted(d.value for d in plan.difficulties)
    if len(questions) == plan.count and got != wanted:
        found.append(
            Violation(
                "difficulty_mix",
                "questions",
                f"difficulties {_tally(got)}, planned {_tally(wanted)}",
            )
        )
    for index, question in enumerate(questions):
        where = f"questions[{index}]"
        found += evidence_violations(document, question.evidence, where)
        if detect_language(question.question) != plan.language:
            found.append(
                Violation(
                    "language", f"{where}.question", f"not written in {_LANGUAGE[plan.language]}"
                )
            )
    for first, second in near_duplicates([q.question for q in questions]):
        found.append(
            Violation("duplicate", f"questions[{second}]", f"nearly the same as questions[{first}]")
        )
    return found


def path_violations(
    plan: Plan, document: dict[str, Any], answer: LearningPathSet
) -> list[Violation]:
    paths = answer.paths
    found: list[Violation] = []
    if len(paths) != plan.count:
        found.append(Violation("count", "paths", f"{len(paths)} paths, asked for {plan.count}"))
    got, wanted = Counter(p.type for p in paths), Counter(plan.paths)
    if len(paths) == plan.count and got != wanted:
        found.append(
            Violation(
                "path_ratio",
                "paths",
                f"{got['strength']} strength / {got['weakness']} weakness paths, "
                f"planned {wanted['strength']} / {wanted['weakness']}",
            )
        )
    for index, path in enumerate(paths):
        where = f"paths[{index}]"
        found += evidence_violations(document, path.evidence, where, plan)
        if not allowed_link(path.link):
            found.append(
                Violation(
                    "link_origin",
                    f"{where}.link",
                    "not in the knowledge base or an official documentation root",
                )
            )
        for field in ("title", "description", "reason"):
            if detect_language(getattr(path, field)) != plan.language:
                detail = f"not written in {_LANGUAGE[plan.language]}"
                found.append(Violation("language", f"{where}.{field}", detail))
    summary = (
        answer.summary + " " + " ".join(answer.analysis.strengths + answer.analysis.weaknesses)
    )
    if detect_language(summary) != plan.language:
        found.append(Violation("language", "summary", f"not written in {_LANGUAGE[plan.language]}"))
    return found


def evidence_violations(
    document: dict[str, Any], evidence: Evidence, where: str, plan: Plan | None = None
) -> list[Violation]:
    """The quote is in the resume element named, or (a learning path from practice) in
    the graded attempt ``answers[<id>]`` names."""
    practice = plan.practice if plan is not None else ()
    in_practice = quoted_in_practice(practice, evidence.source, evidence.quote)
    if in_practice or (
        in_practice is None and quote_found(document, evidence.source, evidence.quote)
    ):
        return []
    return [
        Violation(
            "evidence",
            f"{where}.evidence",
            f"quote {evidence.quote[:80]!r} is not in {evidence.source}",
        )
    ]


def trigrams(text: str) -> set[str]:
    squeezed = re.sub(r"[\W_]+", "", normalise(text))
    return {squeezed[i : i + 3] for i in range(max(1, len(squeezed) - 2))}


def similarity(first: str, second: str) -> float:
    a, b = trigrams(first), trigrams(second)
    return len(a & b) / len(a | b) if a | b else 1.0


def near_duplicates(texts: list[str]) -> list[tuple[int, int]]:
    return [
        (i, j)
        for (i, first), (j, second) in combinations(enumerate(texts), 2)
        if similarity(first, second) >= NEAR_DUPLICATE
    ]


@cache
def link_roots() -> tuple[str, ...]:
    """The knowledge base's documentation links plus the official roots allow-list."""
    listed = load_yaml("knowledge/official_docs.yaml")["roots"]
    return tuple(sorted(set(catalog().doc_roots()) | set(listed)))


def allowed_link(url: str) -> bool:
    return any(url.startswith(root) for root in link_roots())


_LANGUAGE = {"ko": "Korean", "en": "English"}


def _tally(values: list[str]) -> str:
    return ", ".join(f"{n} {value}" for value, n in sorted(Counter(values).items()))


def reviewer(plan: Plan, resume: ResumeIn) -> Callable[[dict[str, Any]], Review | None]:
    """The gate as the LLM layer calls it: problems listed for the repair round."""

    def review(data: dict[str, Any]) -> Review | None:
        return review_of(check(plan, resume, data))

    return review


def review_of(found: list[Violation]) -> Review | None:
    """The violations as the LLM layer takes them (None: the answer may be stored)."""
    if not found:
        return None
    schema = any(v.rule == "schema" for v in found)
    error_class = ErrorClass.SCHEMA_INVALID if schema else ErrorClass.QUALITY_GATE
    return Review(tuple(str(v) for v in found), error_class)
