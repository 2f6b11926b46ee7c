"""The offline generator writes for this person: questions about their own projects built
from the knowledge base, quoting their results, with Korean that reads naturally."""

from __future__ import annotations

import json

import pytest

from interview_prep.generation import offline
from interview_prep.generation.korean import fill, particle
from interview_prep.generation.plan import make_plan
from interview_prep.generation.quality import check, similarity
from interview_prep.knowledge.depth import knowledge
from interview_prep.models import ResumeIn
from interview_prep.models.jobs import JobKind
from tests.conftest import fixture_names, fixture_resume


@pytest.mark.parametrize(
    ("word", "spec", "expected"),
    [
        ("Kafka", "을", "를"), ("MySQL", "을", "을"), ("Python", "이", "이"), ("Redis", "은", "는"),
        ("MySQL", "으로", "로"), ("Terraform", "으로", "으로"), ("서비스", "과", "와"),
        ("플랫폼", "을", "을"), ("서울", "으로", "로"), ('"응답 시간 단축"', "이라고", "이라고"),
        ('"성능 향상"', "이라고", "이라고"), ('"처리 속도"', "이라는", "라는"),
    ],
)  # fmt: skip
def test_korean_particles_follow_the_word_before_them(word: str, spec: str, expected: str) -> None:
    assert particle(word, spec) == expected
    assert fill(f"{{w:{spec}}}", w=word) == word + expected


#: A resume written for this test: an intern's streaming service and a side project.
STREAMING_INTERN = {
    "name": "테스트",
    "total_experience_months": 5,
    "work_experiences": [
        {
            "company": "핀테크 스타트업",
            "position": "백엔드 인턴",
            "project_name": "실시간 환율 알림 서비스",
            "tech_stack": ["Kafka", "FastAPI", "Redis", "Docker"],
            "achievements": [
                "통화쌍 코드를 Kafka 메시지 키로 지정해 같은 파티션에 배정, 환율 이벤트 순서 보장",
                "초당 800건의 시세를 Server-Sent Events로 브라우저에 전달해 실시간 갱신 구현",
                "Redis에 최근 시세를 캐시해 조회 API 응답 시간을 120ms에서 15ms로 단축",
            ],
            "team_size": 3,
        }
    ],
    "personal_projects": [
        {
            "name": "StudyHub",
            "description": "동아리 스터디 모집과 출석 관리를 위한 커뮤니티 플랫폼",
            "tech_stack": ["Spring Boot", "PostgreSQL", "RabbitMQ", "GitHub Actions"],
            "key_achievements": [
                "RabbitMQ로 출석 알림 발송을 비동기 처리해 요청 지연을 줄임",
                "GitHub Actions로 테스트와 배포를 자동화해 배포 시간을 20분에서 4분으로 단축",
            ],
        }
    ],
}


def test_questions_name_the_candidates_own_work() -> None:
    resume = ResumeIn.model_validate(STREAMING_INTERN)
    plan = make_plan(JobKind.INTERVIEW_QUESTIONS, resume, {"count": 5})
    answer = offline.generate(plan)
    assert check(plan, resume, answer) == []
    text = "\n".join(q["question"] for q in answer["questions"])
    assert "실시간 환율 알림 서비스" in text and "StudyHub" in text
    assert "파티션" in text, "the partitioning work is asked about"
    assert "Server-Sent Events" in text, "so is the SSE work"
    assert "를를" not in text and "을를" not in text


@pytest.mark.parametrize("name", [n for n in fixture_names() if n != "minimal-en"])
@pytest.mark.parametrize("language", ["ko", "en"])
def test_every_question_is_about_a_named_project(name: str, language: str) -> None:
    resume = fixture_resume(name)
    plan = make_plan(JobKind.INTERVIEW_QUESTIONS, resume, {"count": 5}, language)
    for question, slot in zip(offline.generate(plan)["questions"], plan.questions, strict=True):
        assert slot.focus is not None and slot.focus.name in question["question"]


def test_questions_are_built_from_the_knowledge_base_angles() -> None:
    resume = fixture_resume("senior-backend-ko")
    plan = make_plan(JobKind.INTERVIEW_QUESTIONS, resume, {"count": 5}, "en")
    covers = [tuple(q["what_good_answers_cover"]) for q in offline.generate(plan)["questions"]]
    from_kb = {
        angle.cover.en
        for entry in [*knowledge().by_technology.values(), *knowledge().by_category.values()]
        for angle in entry.angles.values()
    }
    assert sum(cover in from_kb for cover in covers) >= 4


def test_a_team_is_mentioned_in_a_collaboration_question() -> None:
    resume = fixture_resume("senior-backend-ko")
    plan = make_plan(JobKind.INTERVIEW_QUESTIONS, resume, {"count": 10}, "en")
    questions = offline.generate(plan)["questions"]
    collaboration = [q for q in questions if q["type"] == "Collaboration"]
    assert collaboration and "team of" in collaboration[0]["question"]


def test_different_resumes_get_different_questions() -> None:
    sets = {}
    for name in ("senior-backend-ko", "mid-frontend-ko", "junior-mobile-ko"):
        plan = make_plan(JobKind.INTERVIEW_QUESTIONS, fixture_resume(name), {"count": 5}, "ko")
        sets[name] = " ".join(q["question"] for q in offline.generate(plan)["questions"])
    values = list(sets.values())
    assert max(similarity(a, b) for i, a in enumerate(values) for b in values[i + 1 :]) < 0.5


@pytest.mark.parametrize("language", ["ko", "en"])
def test_learning_paths_use_the_knowledge_base_resources_and_cite_the_resume(language: str) -> None:
    resume = fixture_resume("mid-data-en")
    plan = make_plan(JobKind.LEARNING_PATH, resume, {"path_count": 5}, language)
    answer = offline.generate(plan)
    assert check(plan, resume, answer) == []
    kb_urls = {
        r.url
        for entry in [*knowledge().by_technology.values(), *knowledge().by_category.values()]
        for r in entry.resources
    }
    assert all(path["link"] in kb_urls for path in answer["paths"])
    assert len({path["title"] for path in answer["paths"]}) == 5
    assert (
        json.dumps(answer, ensure_ascii=False).count(resume.work_experiences[0].project_name or "-")
        >= 1
    )
