"""Resume analysis and planning: seniority, difficulty matrix, technology normalisation and
weights, experience ranking, strength and gap candidates, role gaps, question types."""

from __future__ import annotations

from collections import Counter

import pytest

from interview_prep.generation.analysis import analyse, detect_language, seniority
from interview_prep.generation.plan import difficulty_plan, make_plan, path_plan
from interview_prep.knowledge.catalog import Tier, catalog
from interview_prep.models import ResumeIn
from interview_prep.models.jobs import JobKind
from tests.conftest import fixture_names, fixture_resume


@pytest.mark.parametrize(
    ("months", "level"),
    [(None, "junior"), (0, "junior"), (23, "junior"), (24, "mid"), (59, "mid"), (60, "senior")],
)
def test_seniority_follows_the_months_of_experience(months: int | None, level: str) -> None:
    assert seniority(months) == level


@pytest.mark.parametrize(
    ("level", "mix"), [("junior", (2, 2, 1)), ("mid", (1, 3, 1)), ("senior", (0, 2, 3))]
)
def test_five_questions_follow_the_difficulty_matrix(level: str, mix: tuple[int, ...]) -> None:
    tally = Counter(d.value for d in difficulty_plan(level, 5))  # type: ignore[arg-type]
    assert (tally["easy"], tally["medium"], tally["hard"]) == mix


@pytest.mark.parametrize(
    ("level", "count", "mix"),
    [
        ("mid", 10, (2, 6, 2)),
        ("senior", 3, (0, 1, 2)),  # 0 / 1.2 / 1.8: the larger remainder wins the last one
        ("junior", 3, (1, 1, 1)),  # 1.2 / 1.2 / 0.6
        ("mid", 7, (1, 4, 2)),  # 1.4 / 4.2 / 1.4: a tie goes to the harder one
    ],
)
def test_other_counts_scale_by_largest_remainder(
    level: str, count: int, mix: tuple[int, ...]
) -> None:
    tally = Counter(d.value for d in difficulty_plan(level, count))  # type: ignore[arg-type]
    assert (tally["easy"], tally["medium"], tally["hard"]) == mix


@pytest.mark.parametrize(("count", "strengths"), [(3, 2), (4, 2), (5, 3), (6, 4), (8, 5)])
def test_learning_paths_are_about_sixty_percent_strengths(count: int, strengths: int) -> None:
    plan = path_plan(count)
    assert len(plan) == count and plan.count("strength") == strengths


@pytest.mark.parametrize(
    ("written", "canonical", "tier"),
    [
        ("K8s", "Kubernetes", Tier.ADVANCED),
        ("Postgres", "PostgreSQL", Tier.INTERMEDIATE),
        ("ReactJS", "React", Tier.INTERMEDIATE),
        ("Spring boot", "Spring Boot", Tier.INTERMEDIATE),
        ("html", "HTML", Tier.BASIC),
        ("Istio", "Istio", Tier.EXPERT),
    ],
)
def test_technologies_are_normalised_through_aliases(
    written: str, canonical: str, tier: Tier
) -> None:
    found = catalog().lookup(written)
    assert (found.name, found.tier, found.known) == (canonical, tier, True)


def test_complexity_weights_are_zero_to_three() -> None:
    assert [tier.weight for tier in Tier] == [0, 1, 2, 3]


def test_an_unknown_technology_is_weighed_by_its_category() -> None:
    by_name = catalog().lookup("AcmeQueue")
    by_group = catalog().lookup("Zed", group="databases")
    assert (by_name.known, by_name.category) == (False, "messaging")
    assert by_name.tier == catalog().categories["messaging"].tier
    assert by_group.category == "database"
    assert catalog().lookup("Frobnicator").category is None


def test_experiences_rank_by_complexity_and_measured_results() -> None:
    resume = ResumeIn.model_validate(
        {
            "name": "x",
            "work_experiences": [
                {"project_name": "Landing page", "tech_stack": ["HTML", "CSS"],
                 "achievements": ["Built the page"]},
                {"project_name": "Order pipeline", "tech_stack": ["Kafka", "Kubernetes"],
                 "achievements": ["Cut p99 from 900 ms to 120 ms", "Handled 3,000 TPS"]},
            ],
        }
    )  # fmt: skip
    ranked = analyse(resume).experiences
    assert [e.name for e in ranked] == ["Order pipeline", "Landing page"]
    assert ranked[0].measured == ("Cut p99 from 900 ms to 120 ms", "Handled 3,000 TPS")


def test_missing_practices_become_gap_candidates_with_evidence() -> None:
    resume = ResumeIn.model_validate(
        {
            "name": "x",
            "total_experience_months": 40,
            "work_experiences": [
                {"project_name": "Shop API", "tech_stack": ["Spring Boot", "MySQL", "Prometheus"],
                 "achievements": ["Wrote integration tests for checkout"]},
            ],
        }
    )  # fmt: skip
    gaps = {s.subject: s for s in analyse(resume).weaknesses}
    assert "security" in gaps and "ci_cd" in gaps
    assert "observability" not in gaps, "Prometheus is monitoring"
    assert "testing" not in gaps, "the achievements mention tests"
    assert (gaps["security"].source, gaps["security"].quote) == (
        "work_experiences[0]",
        "Spring Boot",
    )


def test_a_job_description_adds_the_role_gaps() -> None:
    resume = fixture_resume("junior-backend-en")
    analysis = analyse(resume, "We run Kafka on Kubernetes; FastAPI experience required.")
    assert [t.name for t in analysis.role_gaps] == ["Kafka", "Kubernetes"]
    assert {s.subject for s in analysis.weaknesses} >= {"Kafka", "Kubernetes"}


def test_a_resume_without_projects_still_has_strengths_and_gaps() -> None:
    analysis = analyse(fixture_resume("minimal-en"))
    assert analysis.strengths and analysis.weaknesses
    assert analysis.anchor[0] == "technical_skills"


@pytest.mark.parametrize("name", fixture_names())
def test_question_types_are_distinct_and_difficulties_follow_the_matrix(name: str) -> None:
    resume = fixture_resume(name)
    for count in range(1, 11):
        plan = make_plan(JobKind.INTERVIEW_QUESTIONS, resume, {"count": count})
        types = [slot.type for slot in plan.questions]
        assert len(types) == count
        assert max(Counter(types).values()) == (1 if count <= 8 else 2)
        wanted = difficulty_plan(plan.analysis.seniority, count)
        assert Counter(plan.difficulties) == Counter(wanted)


def test_question_types_fit_the_resume() -> None:
    senior = make_plan(JobKind.INTERVIEW_QUESTIONS, fixture_resume("senior-backend-ko"), {})
    junior = make_plan(JobKind.INTERVIEW_QUESTIONS, fixture_resume("junior-mobile-ko"), {})
    assert {"Scalability", "Trade-off"} <= {slot.type.value for slot in senior.questions}
    assert "Implementation" in {slot.type.value for slot in junior.questions}
    # the hardest slots go to design questions
    hard = {slot.type.value for slot in senior.questions if slot.difficulty.value == "hard"}
    assert hard & {"Scalability", "Reliability", "Trade-off"}


def test_questions_spread_over_the_experiences() -> None:
    plan = make_plan(JobKind.INTERVIEW_QUESTIONS, fixture_resume("senior-backend-ko"), {})
    sources = {slot.focus.source for slot in plan.questions if slot.focus}
    assert len(sources) == 3, "three jobs, each asked about"


@pytest.mark.parametrize(
    ("text", "language"),
    [("Kafka 파티션을 늘려 처리량을 높였습니다", "ko"), ("Raised Kafka throughput", "en")],
)
def test_language_is_detected_from_the_text(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(("name", "language"), [("senior-backend-ko", "ko"), ("mid-data-en", "en")])
def test_auto_language_follows_the_resume(name: str, language: str) -> None:
    plan = make_plan(
        JobKind.INTERVIEW_QUESTIONS, fixture_resume(name), {"language": "auto"}, "auto"
    )
    assert plan.language == language


def test_with_a_job_description_questions_are_aimed_at_the_role_gaps() -> None:
    resume = fixture_resume("junior-backend-en")
    jd = "We run Kafka on Kubernetes."
    plan = make_plan(JobKind.INTERVIEW_QUESTIONS, resume, {"job_description": jd})
    aimed = [slot for slot in plan.questions if slot.role_gap]
    assert [slot.role_gap.name for slot in aimed if slot.role_gap] == ["Kafka"]
    assert (
        aimed[0].type.value in {"Trade-off", "Scalability", "Reliability"}
        or aimed[0] is plan.questions[-1]
    )
    assert all(not s.role_gap for s in make_plan(JobKind.INTERVIEW_QUESTIONS, resume, {}).questions)
