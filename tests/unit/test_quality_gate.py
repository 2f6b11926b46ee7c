"""The quality gate: a good answer passes; an answer that breaks any one rule is caught,
with the place named so the repair round can fix it."""

from __future__ import annotations

import copy
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest

from interview_prep.generation import offline
from interview_prep.generation.plan import make_plan
from interview_prep.generation.quality import check
from interview_prep.models.jobs import JobKind
from tests.conftest import fixture_names, fixture_resume

Answer = dict[str, Any]
RESUME = "senior-backend-ko"


def _questions(language: str = "ko", count: int = 5) -> tuple[Any, Any, Answer]:
    resume = fixture_resume(RESUME)
    plan = make_plan(JobKind.INTERVIEW_QUESTIONS, resume, {"count": count}, language)
    return plan, resume, offline.generate(plan)


def _paths(language: str = "ko", count: int = 5) -> tuple[Any, Any, Answer]:
    resume = fixture_resume(RESUME)
    plan = make_plan(JobKind.LEARNING_PATH, resume, {"path_count": count}, language)
    return plan, resume, offline.generate(plan)


def _rules(plan: Any, resume: Any, answer: Answer) -> set[str]:
    return {violation.rule for violation in check(plan, resume, answer)}


@pytest.mark.parametrize("name", fixture_names())
@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_offline_answer_passes_for_every_fixture_resume(name: str, language: str) -> None:
    resume = fixture_resume(name)
    for kind, key, counts in (
        (JobKind.INTERVIEW_QUESTIONS, "count", (1, 5, 8, 10)),
        (JobKind.LEARNING_PATH, "path_count", (3, 5, 8)),
    ):
        for count in counts:
            plan = make_plan(kind, resume, {key: count}, language)
            assert check(plan, resume, offline.generate(plan)) == [], (kind, count)


def _set(path: str, value: Any) -> Callable[[Answer], None]:
    def mutate(answer: Answer) -> None:
        *parents, last = path.split(".")
        node: Any = answer
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        if value is _DELETE:
            del node[int(last) if last.isdigit() else last]
        else:
            node[int(last) if last.isdigit() else last] = (
                value(answer) if callable(value) else value
            )

    return mutate


_DELETE = object()

QUESTION_BREAKS: dict[str, tuple[Callable[[Answer], None], str]] = {
    "missing evidence": (_set("questions.0.evidence", _DELETE), "schema"),
    "five covers": (_set("questions.0.what_good_answers_cover", ["a", "b", "c", "d", "e"]), "schema"),
    "unknown type": (_set("questions.0.type", "Trivia"), "schema"),
    "one question short": (_set("questions.4", _DELETE), "count"),
    "ids out of order": (_set("questions.1.id", "q7"), "ids"),
    "a repeated type": (_set("questions.1.type", lambda a: a["questions"][0]["type"]), "distinct_types"),
    "all easy": (lambda a: [q.update(difficulty="easy") for q in a["questions"]], "difficulty_mix"),
    "an invented quote": (_set("questions.2.evidence.quote", "led 400 engineers at a famous company"), "evidence"),
    "a source that does not exist": (_set("questions.2.evidence.source", "work_experiences[9]"), "evidence"),
    "a quote from another element": (_set("questions.2.evidence.source", "education[0]"), "evidence"),
    "a near duplicate": (_set("questions.3.question", lambda a: a["questions"][0]["question"] + " 자세히요."), "duplicate"),
    "the wrong language": (_set("questions.1.question", "How would you scale the payment service to ten times the traffic?"), "language"),
}  # fmt: skip


@pytest.mark.parametrize("case", QUESTION_BREAKS)
def test_each_broken_question_rule_is_caught(case: str) -> None:
    plan, resume, answer = _questions()
    assert check(plan, resume, answer) == []
    broken = copy.deepcopy(answer)
    mutate, rule = QUESTION_BREAKS[case]
    mutate(broken)
    assert rule in _rules(plan, resume, broken)


PATH_BREAKS: dict[str, tuple[Callable[[Answer], None], str]] = {
    "two paths": (lambda a: a.update(paths=a["paths"][:2]), "schema"),
    "one resource": (_set("paths.0.resources", ["read the docs"]), "schema"),
    "no analysis": (_set("analysis", _DELETE), "schema"),
    "a plain http link": (_set("paths.0.link", "http://kafka.apache.org/documentation/"), "schema"),
    "a path short": (_set("paths.4", _DELETE), "count"),
    "all strengths": (lambda a: [p.update(type="strength") for p in a["paths"]], "path_ratio"),
    "an invented link": (_set("paths.1.link", "https://some-blog.example.com/kafka-tips"), "link_origin"),
    "an invented quote": (_set("paths.0.evidence.quote", "won a national award"), "evidence"),
    "the wrong language": (_set("paths.0.reason", "Because you know Kafka well, go deeper into its internals and operations."), "language"),
}  # fmt: skip


@pytest.mark.parametrize("case", PATH_BREAKS)
def test_each_broken_learning_path_rule_is_caught(case: str) -> None:
    plan, resume, answer = _paths()
    assert check(plan, resume, answer) == []
    broken = copy.deepcopy(answer)
    mutate, rule = PATH_BREAKS[case]
    mutate(broken)
    rules = _rules(plan, resume, broken)
    assert rule in rules, rules


def test_quotes_match_after_unicode_and_whitespace_normalisation() -> None:
    plan, resume, answer = _questions()
    quote = answer["questions"][0]["evidence"]["quote"]
    answer["questions"][0]["evidence"]["quote"] = "  " + unicodedata.normalize(
        "NFD", quote.replace(" ", "\n  ")
    )
    assert check(plan, resume, answer) == []


def test_contact_details_are_not_quotable() -> None:
    plan, resume, answer = _questions()
    assert resume.contact is not None and resume.contact.email
    answer["questions"][0]["evidence"] = {"source": "contact", "quote": str(resume.contact.email)}
    assert _rules(plan, resume, answer) == {"evidence"}


def test_links_from_the_official_roots_are_allowed() -> None:
    plan, resume, answer = _paths()
    answer["paths"][0]["link"] = "https://docs.aws.amazon.com/wellarchitected/latest/framework/"
    assert check(plan, resume, answer) == []


def test_ten_questions_may_use_a_type_twice_but_not_three_times() -> None:
    plan, resume, answer = _questions(count=10)
    assert check(plan, resume, answer) == []
    first_type = answer["questions"][0]["type"]
    answer["questions"][1]["type"] = answer["questions"][2]["type"] = first_type
    assert "distinct_types" in _rules(plan, resume, answer)


def test_violations_name_where_they_are() -> None:
    plan, resume, answer = _questions()
    answer["questions"][2]["evidence"]["quote"] = "never written"
    source = answer["questions"][2]["evidence"]["source"]
    (violation,) = check(plan, resume, answer)
    assert (violation.rule, violation.where) == ("evidence", "questions[2].evidence")
    assert violation.detail == f"quote 'never written' is not in {source}"
    # the repair prompt gets one line per problem: where, what, and the rule in brackets
    line = f"questions[2].evidence: quote 'never written' is not in {source} [evidence]"
    assert str(violation) == line


@pytest.mark.parametrize("language", ["ko", "en"])
def test_offline_questions_for_a_job_description_name_the_missing_technology(language: str) -> None:
    resume = fixture_resume("junior-backend-en")
    parameters = {"count": 5, "job_description": "Our platform runs on Kafka and Kubernetes."}
    plan = make_plan(JobKind.INTERVIEW_QUESTIONS, resume, parameters, language)
    answer = offline.generate(plan)
    assert check(plan, resume, answer) == []
    assert any("Kafka" in q["question"] for q in answer["questions"])
