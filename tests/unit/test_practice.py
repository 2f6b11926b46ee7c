"""Answer practice on in-memory ports: what starting a grading checks, what the worker
stores, how follow-ups are numbered and answered, and how each failure ends."""

from __future__ import annotations

from typing import Any

import pytest

from interview_prep.errors import AppError, ErrorCode, QueueUnavailableError, RateLimitedError
from interview_prep.llm.base import ErrorClass, ProviderError
from interview_prep.models.jobs import (
    GenerationMessage,
    InterviewRequest,
    JobKind,
    JobStatus,
    LearningPathRequest,
)
from interview_prep.models.practice import AnswerAttempt, AnswerRequest
from interview_prep.services.jobs import GenerationOrder
from interview_prep.services.practice import AnswerOrder
from interview_prep.services.quotas import QuotaLimit
from interview_prep.services.resumes import ResumeService
from interview_prep.services.worker import Delivery
from tests.conftest import fixture_resume
from tests.fakes.ports import World

OWNER = "alice"


def _process(world: World, message: GenerationMessage, receive_count: int = 1) -> None:
    delivery = Delivery(message.model_dump_json(), "r-1", receive_count, lambda: 300_000)
    world.worker().process(delivery)


def _question_set(world: World) -> tuple[str, str]:
    """A resume with one generated question set: (unique_key, set_id)."""
    key = world.resumes.create(OWNER, fixture_resume("senior-backend-ko")).unique_key
    order = GenerationOrder(OWNER, key, JobKind.INTERVIEW_QUESTIONS, InterviewRequest())
    accepted = world.job_service().start(order, world.links)
    _process(world, world.queue.sent[-1].message)
    return key, accepted.job_id


def _answer(
    world: World, key: str, question_id: str, answer: str, set_id: str | None = None
) -> str:
    request = AnswerRequest(question_id=question_id, answer=answer, set_id=set_id)
    accepted = world.practice_service().start(AnswerOrder(OWNER, key, request), world.links)
    _process(world, world.queue.sent[-1].message)
    return accepted.job_id


def _attempt(world: World, key: str, attempt_id: str) -> AnswerAttempt:
    return world.practice_service().attempt(OWNER, key, attempt_id, world.links)


def _points(world: World, set_id: str, question_id: str = "q1") -> list[str]:
    stored = world.results.by_job(JobKind.INTERVIEW_QUESTIONS, OWNER, set_id)
    assert stored is not None
    question = next(q for q in stored["questions"] if q["id"] == question_id)
    points: list[str] = question["what_good_answers_cover"]
    return points


def _explaining(points: list[str]) -> str:
    """An answer that explains every point, with a number and a reason."""
    return " ".join(
        f"저희 서비스에서는 {point}에 대해 직접 설계했고, "
        "지연이 40% 줄었기 때문에 효과를 확인했습니다."
        for point in points
    )


def test_a_graded_attempt_splits_the_points_and_asks_a_follow_up(world: World) -> None:
    key, set_id = _question_set(world)
    points = _points(world, set_id)
    attempt_id = _answer(world, key, "q1", _explaining(points[:1]))

    attempt = _attempt(world, key, attempt_id)
    assert world.jobs.job(attempt_id).status is JobStatus.SUCCEEDED
    assert (attempt.question_id, attempt.set_id) == ("q1", set_id)
    assert sorted(attempt.covered + attempt.missing) == sorted(points)
    assert points[0] in attempt.covered and attempt.missing
    assert attempt.follow_up.id == "q1.f1"
    assert attempt.missing[0] in attempt.follow_up.what_good_answers_cover
    assert attempt.provider == "fake" and attempt.usage.input_tokens == 100


def test_a_complete_answer_scores_high_and_a_blank_one_low(world: World) -> None:
    key, set_id = _question_set(world)
    complete = _attempt(
        world, key, _answer(world, key, "q2", _explaining(_points(world, set_id, "q2")))
    )
    blank = _attempt(world, key, _answer(world, key, "q2", "잘 모르겠습니다."))
    assert complete.score >= 70 and not complete.missing
    assert blank.score <= 15 and not blank.covered


def test_follow_ups_are_answerable_and_numbered_per_parent(world: World) -> None:
    key, _ = _question_set(world)
    first = _attempt(world, key, _answer(world, key, "q3", "잘 모르겠습니다."))
    again = _attempt(world, key, _answer(world, key, "q3", "모릅니다."))
    assert (first.follow_up.id, again.follow_up.id) == ("q3.f1", "q3.f2")

    deeper = _attempt(world, key, _answer(world, key, "q3.f1", "기억이 안 납니다."))
    assert deeper.question_id == "q3.f1" and deeper.question == first.follow_up.question
    assert deeper.follow_up.id == "q3.f1.f1"


def test_an_unknown_question_or_set_is_refused_before_anything_is_queued(world: World) -> None:
    key = world.resumes.create(OWNER, fixture_resume("senior-backend-ko")).unique_key
    service = world.practice_service()
    with pytest.raises(AppError) as no_set:
        service.start(
            AnswerOrder(OWNER, key, AnswerRequest(question_id="q1", answer="x")), world.links
        )
    assert no_set.value.code is ErrorCode.INTERVIEW_NOT_FOUND

    key, _ = _question_set(world)
    sent = len(world.queue.sent)
    for question_id in ("q9", "q1.f1"):
        request = AnswerRequest(question_id=question_id, answer="x")
        with pytest.raises(AppError) as unknown:
            service.start(AnswerOrder(OWNER, key, request), world.links)
        assert unknown.value.code is ErrorCode.QUESTION_NOT_FOUND
    other_set = AnswerRequest(question_id="q1", answer="x", set_id="0" * 32)
    with pytest.raises(AppError) as wrong_set:
        service.start(AnswerOrder(OWNER, key, other_set), world.links)
    assert wrong_set.value.code is ErrorCode.INTERVIEW_NOT_FOUND
    with pytest.raises(AppError) as not_yours:
        service.start(
            AnswerOrder("mallory", key, AnswerRequest(question_id="q1", answer="x")), world.links
        )
    assert not_yours.value.code is ErrorCode.RESUME_NOT_FOUND
    assert len(world.queue.sent) == sent


def test_gradings_take_the_gradings_quota_and_a_failed_send_gives_it_back(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    key, _ = _question_set(world)
    world.keys.set_quotas(OWNER, {QuotaLimit.GRADINGS_PER_HOUR.value: 1})
    service = world.practice_service()
    request = AnswerRequest(question_id="q1", answer="an answer")

    world.queue.fail_with = QueueUnavailableError()
    with pytest.raises(AppError) as unqueued:
        service.start(AnswerOrder(OWNER, key, request), world.links)
    assert unqueued.value.code is ErrorCode.TASK_QUEUE_ERROR
    world.queue.fail_with = None

    service.start(AnswerOrder(OWNER, key, request), world.links)  # the slot came back
    with pytest.raises(RateLimitedError) as limited:
        service.start(AnswerOrder(OWNER, key, request), world.links)
    assert limited.value.details["limit"] == "gradings_per_hour"


def test_deleting_the_resume_deletes_its_attempts(world: World) -> None:
    key, _ = _question_set(world)
    _answer(world, key, "q1", "잘 모르겠습니다.")
    assert world.results.all(JobKind.ANSWER_GRADING)
    ResumeService(world.resumes, world.results).delete(OWNER, key)  # type: ignore[arg-type]
    assert world.results.all(JobKind.ANSWER_GRADING) == []


def test_a_question_set_gone_before_grading_fails_the_job_for_good(world: World) -> None:
    key, _ = _question_set(world)
    request = AnswerRequest(question_id="q1", answer="an answer")
    accepted = world.practice_service().start(AnswerOrder(OWNER, key, request), world.links)
    world.results.collections[JobKind.INTERVIEW_QUESTIONS].clear()
    _process(world, world.queue.sent[-1].message)
    job = world.jobs.job(accepted.job_id)
    assert job.status is JobStatus.FAILED and job.error is not None
    assert job.error.code == ErrorCode.INTERVIEW_NOT_FOUND


def test_a_provider_that_breaks_the_gate_is_retried_not_stored(world: World) -> None:
    key, set_id = _question_set(world)
    points = _points(world, set_id)

    def inflated(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "score": 95, "covered": [], "missing": points}

    original = world.provider.generate

    def generate(request: Any) -> Any:
        result = original(request)
        if request.kind is JobKind.ANSWER_GRADING:
            return type(result)(inflated(result.data), result.provider, result.model, result.usage)
        return result

    world.provider.generate = generate  # type: ignore[method-assign]
    request = AnswerRequest(question_id="q1", answer="잘 모르겠습니다.")
    accepted = world.practice_service().start(AnswerOrder(OWNER, key, request), world.links)
    with pytest.raises(Exception, match="score"):
        _process(world, world.queue.sent[-1].message)
    assert world.jobs.job(accepted.job_id).status is not JobStatus.SUCCEEDED
    assert world.results.all(JobKind.ANSWER_GRADING) == []


def test_a_refusing_provider_fails_the_grading_at_once(world: World) -> None:
    key, _ = _question_set(world)
    world.provider.script = [ProviderError("fake", "refused", error_class=ErrorClass.REFUSAL)]
    request = AnswerRequest(question_id="q1", answer="an answer")
    accepted = world.practice_service().start(AnswerOrder(OWNER, key, request), world.links)
    _process(world, world.queue.sent[-1].message)
    job = world.jobs.job(accepted.job_id)
    assert job.status is JobStatus.FAILED and job.error is not None
    assert job.error.code == ErrorCode.LLM_PROVIDER_NOT_AVAILABLE
    assert world.provider.calls == 2  # the question set, then the one grading call


def test_attempts_list_newest_first_filtered_and_paged(world: World) -> None:
    key, set_id = _question_set(world)
    ids = [_answer(world, key, q, "잘 모르겠습니다.") for q in ("q1", "q2", "q1")]
    service = world.practice_service()
    everything = service.attempts_page(OWNER, key, 10, None, {})
    assert [a.id for a in everything.items] == ids[::-1]
    only_q1 = service.attempts_page(OWNER, key, 10, None, {"question_id": "q1"})
    assert [a.id for a in only_q1.items] == [ids[2], ids[0]]
    first = service.attempts_page(OWNER, key, 2, None, {"set_id": set_id})
    assert first.next_cursor is not None
    rest = service.attempts_page(OWNER, key, 2, first.next_cursor, {"set_id": set_id})
    assert [a.id for a in rest.items] == [ids[0]] and rest.next_cursor is None


def test_an_attempt_not_graded_yet_says_where_to_poll(world: World) -> None:
    key, _ = _question_set(world)
    request = AnswerRequest(question_id="q1", answer="an answer")
    accepted = world.practice_service().start(AnswerOrder(OWNER, key, request), world.links)
    with pytest.raises(AppError) as pending:
        _attempt(world, key, accepted.job_id)
    assert pending.value.code is ErrorCode.ATTEMPT_NOT_FOUND
    assert pending.value.details["status_url"] == world.links.status(accepted.job_id)


def _learning_path(world: World, key: str) -> dict[str, Any]:
    order = GenerationOrder(OWNER, key, JobKind.LEARNING_PATH, LearningPathRequest())
    accepted = world.job_service().start(order, world.links)
    if world.queue.sent and world.queue.sent[-1].message.job_id == accepted.job_id:
        _process(world, world.queue.sent[-1].message)
    job = world.jobs.job(accepted.job_id)
    stored = world.results.by_job(JobKind.LEARNING_PATH, OWNER, job.result_job_id or job.job_id)
    assert stored is not None
    return stored


def test_weak_answers_shape_the_learning_path_and_a_new_answer_a_new_path(world: World) -> None:
    key, _ = _question_set(world)
    before = _learning_path(world, key)
    assert not any(p["evidence"]["source"].startswith("answers[") for p in before["learning_paths"])

    attempt_id = _answer(world, key, "q1", "잘 모르겠습니다.")
    missed = _attempt(world, key, attempt_id).missing[0]
    after = _learning_path(world, key)
    assert after["job_id"] != before["job_id"], "new answers give a new path, not the stored one"
    practised = [
        p for p in after["learning_paths"] if p["evidence"]["source"] == f"answers[{attempt_id}]"
    ]
    assert practised and practised[0]["type"] == "weakness"
    assert practised[0]["evidence"]["quote"] in missed
    assert any("연습" in weakness for weakness in after["analysis"]["weaknesses"])
    assert _learning_path(world, key)["job_id"] == after["job_id"], "nothing new: reused"


def test_the_gate_holds_practice_evidence_to_the_attempt_it_names(world: World) -> None:
    from interview_prep.generation.practice import practice_gaps
    from interview_prep.generation.requests import prepare

    key, _ = _question_set(world)
    attempt_id = _answer(world, key, "q1", "잘 모르겠습니다.")
    attempts, _ = world.attempts.page(OWNER, key, 50, None)
    resume = fixture_resume("senior-backend-ko")
    prepared = prepare(
        JobKind.LEARNING_PATH, resume, {}, deadline=1e12, token_budget=6_000,
        practice=practice_gaps(attempts),
    )  # fmt: skip
    assert prepared.request.offline_answer is not None
    answer = prepared.request.offline_answer()
    assert prepared.request.problems(answer) is None
    assert f"answers[{attempt_id}]" in prepared.request.user_prompt
    index = next(
        i for i, p in enumerate(answer["paths"]) if p["evidence"]["source"].startswith("answers[")
    )
    answer["paths"][index]["evidence"]["quote"] = "a point nobody missed"
    review = prepared.request.problems(answer)
    assert review is not None and f"paths[{index}].evidence" in review.problems[0]


def test_a_follow_up_id_taken_by_a_racing_grading_moves_to_the_next(world: World) -> None:
    key, set_id = _question_set(world)
    racing = {"job_id": "f" * 32, "owner": OWNER, "unique_key": key, "listing_position": 0}
    # another grading of q1 stored its q1.f1 between this one's count and its insert
    world.results.insert(JobKind.ANSWER_GRADING, {**racing, "follow_up_key": f"{set_id}:q1.f1"})
    attempt = _attempt(world, key, _answer(world, key, "q1", "잘 모르겠습니다."))
    assert attempt.follow_up.id == "q1.f2"
