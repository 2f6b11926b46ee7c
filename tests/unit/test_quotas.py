"""Per-owner quotas: only work that will call a model counts, and a failed start refunds."""

from __future__ import annotations

import pytest

from interview_prep.errors import RateLimitedError, TaskQueueError
from interview_prep.models.jobs import InterviewRequest, JobKind, LearningPathRequest
from interview_prep.services.jobs import GenerationOrder, GenerationParameters
from interview_prep.services.worker import Delivery
from tests.conftest import fixture_resume
from tests.fakes.ports import World

ALICE, BOB = "alice", "bob"
QUESTIONS = "questions_per_hour"


@pytest.fixture
def world(monkeypatch: pytest.MonkeyPatch) -> World:
    from interview_prep.config import get_settings

    monkeypatch.setenv("QUOTA_QUESTIONS_PER_HOUR", "2")
    monkeypatch.setenv("QUOTA_LEARNING_PATHS_PER_DAY", "1")
    get_settings.cache_clear()
    return World()


def _order(
    key: str,
    count: int = 3,
    owner: str = ALICE,
    kind: JobKind = JobKind.INTERVIEW_QUESTIONS,
    force: bool = False,
) -> GenerationOrder:
    parameters: GenerationParameters = (
        InterviewRequest(count=count, force=force)
        if kind is JobKind.INTERVIEW_QUESTIONS
        else LearningPathRequest(path_count=count, force=force)
    )
    return GenerationOrder(owner, key, kind, parameters)


def _finish(world: World) -> None:
    message = world.queue.sent[-1].message
    world.worker().process(Delivery(message.model_dump_json(), "rh", 1, lambda: 300_000))


def test_over_the_limit_is_429_with_retry_after_and_the_limit(world: World, key: str) -> None:
    service = world.job_service()
    service.start(_order(key, 3), world.links)
    world.windows.now += 600
    service.start(_order(key, 4), world.links)

    with pytest.raises(RateLimitedError) as refused:
        service.start(_order(key, 5), world.links)

    error = refused.value
    assert error.details == {"limit": QUESTIONS, "max": 2, "window_seconds": 3600}
    # the oldest slot leaves the window 3600 s after it was taken, 600 s ago
    assert 2990 <= int(error.headers["Retry-After"]) <= 3001
    assert len(world.queue.sent) == 2, "nothing queued for the refused request"
    # the refused request left no lock: once a slot frees, the same request runs
    world.windows.now += 3000
    assert service.start(_order(key, 5), world.links).status.value == "queued"


def test_the_window_slides(world: World, key: str) -> None:
    service = world.job_service()
    for count in (3, 4):
        service.start(_order(key, count, force=True), world.links)
    world.windows.now += 3601
    service.start(_order(key, 5), world.links)
    assert world.windows.counted(ALICE, QUESTIONS) == 1


def test_reused_and_collapsed_requests_are_free(world: World, key: str) -> None:
    service = world.job_service()
    first = service.start(_order(key, 3), world.links)
    collapsed = service.start(_order(key, 3), world.links)  # same request, still running
    assert collapsed.job_id == first.job_id
    _finish(world)
    reused = service.start(_order(key, 3), world.links)  # answered from the stored result
    assert reused.status.value == "succeeded"

    assert world.windows.counted(ALICE, QUESTIONS) == 1


def test_a_queue_failure_gives_the_slot_back(world: World, key: str) -> None:
    world.queue.fail_sends = True
    with pytest.raises(TaskQueueError):
        world.job_service().start(_order(key, 3), world.links)
    assert world.windows.counted(ALICE, QUESTIONS) == 0


def test_quotas_are_per_owner_and_per_kind(world: World, key: str) -> None:
    service = world.job_service()
    bobs = world.resumes.create(BOB, fixture_resume("senior-backend-ko")).unique_key
    service.start(_order(key, 3), world.links)
    service.start(_order(key, 4), world.links)
    service.start(_order(bobs, 3, owner=BOB), world.links)
    service.start(_order(key, kind=JobKind.LEARNING_PATH), world.links)
    with pytest.raises(RateLimitedError) as refused:
        service.start(_order(key, 4, kind=JobKind.LEARNING_PATH), world.links)
    assert refused.value.details["limit"] == "learning_paths_per_day"
    assert refused.value.details["window_seconds"] == 86_400


def test_an_owner_override_wins_and_zero_is_unlimited(world: World, key: str) -> None:
    service = world.job_service()
    world.keys.set_quotas(ALICE, {QUESTIONS: 0})
    for count in range(3, 9):
        service.start(_order(key, count), world.links)
    assert len(world.queue.sent) == 6
    assert world.windows.counted(ALICE, QUESTIONS) == 0, "an unlimited owner is not counted"

    world.keys.set_quotas(ALICE, {QUESTIONS: 1})
    service.start(_order(key, 9), world.links)
    with pytest.raises(RateLimitedError):
        service.start(_order(key, 10), world.links)
