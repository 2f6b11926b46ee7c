"""What the evaluation measures for one answer, rule by rule (the gate's rules as numbers)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from statistics import mean
from typing import Any

from interview_prep.generation.analysis import detect_language
from interview_prep.generation.grounding import normalise, quote_found
from interview_prep.generation.plan import Plan
from interview_prep.generation.quality import (
    allowed_link,
    check,
    near_duplicates,
    resume_document,
    schema_violations,
)
from interview_prep.models import ResumeIn
from interview_prep.models.jobs import JobKind


@dataclass
class Score:
    resume: str
    kind: str
    provider: str = ""
    model: str = ""
    schema_valid: bool = False
    gate_pass: bool = False
    distinct_types: float | None = None
    difficulty_fit: bool | None = None
    grounding: float | None = None
    projects_named: float | None = None
    duplicate_rate: float | None = None
    language_match: float | None = None
    path_ratio: bool | None = None
    link_origin: float | None = None
    violations: list[str] = field(default_factory=list)
    error: str | None = None
    judge: dict[str, float] | None = None
    #: Question texts, kept for overlap measures across resumes.
    texts: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        found = asdict(self)
        found.pop("texts")
        return found


def measure(name: str, plan: Plan, resume: ResumeIn, answer: dict[str, Any]) -> Score:
    score = Score(resume=name, kind=plan.kind.value)
    if schema_violations(plan.kind, answer):
        score.violations = [str(v) for v in check(plan, resume, answer)]
        return score
    score.schema_valid = True
    score.violations = [str(v) for v in check(plan, resume, answer)]
    score.gate_pass = not score.violations
    document = resume_document(resume)
    items = answer["questions"] if plan.kind is JobKind.INTERVIEW_QUESTIONS else answer["paths"]
    evidence = [item["evidence"] for item in items]
    score.grounding = _share(quote_found(document, e["source"], e["quote"]) for e in evidence)
    if plan.kind is JobKind.INTERVIEW_QUESTIONS:
        _measure_questions(score, plan, items)
    else:
        _measure_paths(score, plan, items)
    return score


def _measure_questions(score: Score, plan: Plan, questions: list[dict[str, Any]]) -> None:
    texts = [q["question"] for q in questions]
    score.texts = texts
    score.distinct_types = len({q["type"] for q in questions}) / len(questions)
    planned = Counter(d.value for d in plan.difficulties)
    score.difficulty_fit = Counter(q["difficulty"] for q in questions) == planned
    names = [normalise(exp.name) for exp in plan.analysis.experiences]
    if names:
        score.projects_named = _share(any(n in normalise(t) for n in names) for t in texts)
    duplicated = {second for _, second in near_duplicates(texts)}
    score.duplicate_rate = len(duplicated) / len(texts)
    score.language_match = _share(detect_language(t) == plan.language for t in texts)


def _measure_paths(score: Score, plan: Plan, paths: list[dict[str, Any]]) -> None:
    score.path_ratio = Counter(p["type"] for p in paths) == Counter(plan.paths)
    score.link_origin = _share(allowed_link(p["link"]) for p in paths)
    score.language_match = _share(
        detect_language(p["title"] + " " + p["description"] + " " + p["reason"]) == plan.language
        for p in paths
    )


def _share(values: Any) -> float:
    found = list(values)
    return sum(1 for v in found if v) / len(found) if found else 0.0


def overall(scores: list[Score]) -> dict[str, float | None]:
    """Means over the resumes (booleans as shares); None where no resume had the measure."""
    totals: dict[str, float | None] = {"answers": len(scores)}
    for key in ("schema_valid", "gate_pass", "distinct_types", "difficulty_fit", "grounding",
                "projects_named", "duplicate_rate", "language_match", "path_ratio",
                "link_origin"):  # fmt: skip
        values = [float(v) for s in scores if (v := getattr(s, key)) is not None]
        totals[key] = round(mean(values), 3) if values else None
    totals["cross_resume_overlap"] = cross_resume_overlap(scores)
    return totals


def cross_resume_overlap(scores: list[Score]) -> float | None:
    """Mean word-trigram Jaccard between question sets of different resumes: how much of
    the wording is template rather than the person."""
    sets = [_word_trigrams(s.texts) for s in scores if s.texts]
    pairs = [(a, b) for i, a in enumerate(sets) for b in sets[i + 1 :]]
    if not pairs:
        return None
    return round(mean(len(a & b) / len(a | b) for a, b in pairs if a | b), 3)


def _word_trigrams(texts: list[str]) -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for text in texts:
        words = normalise(text).split()
        found |= {tuple(words[i : i + 3]) for i in range(len(words) - 2)}
    return found
