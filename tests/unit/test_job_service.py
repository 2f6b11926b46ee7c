"""JobService on in-memory ports: what starting a generation writes, sends and returns."""

from __future__ import annotations

import pytest

from interview_prep.errors import (
    ErrorCode,
    JobNotFoundError,
    JobStoreUnavailableError,
    ResumeNotFoundError,
    TaskQueueError,
)
from interview_prep.models import ResumeIn
from interview_prep.models.jobs import (
    InterviewRequest,
    JobKind,
    JobStatus,
    LearningPathRequest,
)
from interview_prep.repositories.jobs import TOTAL_STEPS
from interview_prep.services.job_keys import job_lock_id
from interview_prep.services.jobs import GenerationOrder, GenerationParameters
from interview_prep.services.worker import Delivery
from tests.conftest import fixture_resume
from tests.fakes.ports import World

ALICE, BOB = "alice", "bob"


def _order(
    key: str,
    parameters: GenerationParameters | None = None,
    owner: str = ALICE,
    kind: JobKind = JobKind.INTERVIEW_QUESTIONS,
) -> GenerationOrder:
    if parameters is None:
        parameters = (
            InterviewRequest() if kind is JobKind.INTERVIEW_QUESTIONS else LearningPathRequest()
        )
    return GenerationOrder(owner, key, kind, parameters, correlation_id="corr-1")


def _finish_queued(world: World) -> None:
    """Run the worker on the last message sent, as the SQS trigger would."""
    message = world.queue.sent[-1].message
    delivery = Delivery(message.model_dump_json(), "rh-1", 1, lambda: 300_000)
    world.worker().process(delivery)


def test_start_writes_a_queued_job_and_sends_one_message(world: World, key: str) -> None:
    accepted = world.job_service().start(_order(key, InterviewRequest(count=3)), world.links)

    assert accepted.status is JobStatus.QUEUED
    assert accepted.status_url == world.links.status(accepted.job_id)
    result_url = world.links.result(JobKind.INTERVIEW_QUESTIONS, key, accepted.job_id)
    assert accepted.result_url == result_url

    [sent] = world.queue.sent
    assert sent.correlation_id == "corr-1"
    assert (sent.message.job_id, sent.message.owner, sent.message.unique_key) == (
        accepted.job_id,
        ALICE,
        key,
    )
    assert sent.message.parameters["count"] == 3

    job = world.jobs.job(accepted.job_id)
    assert (job.status, job.step, job.total_steps) == (JobStatus.QUEUED, 0, TOTAL_STEPS)
    assert job.result_url == result_url
    assert job.result_job_id == accepted.job_id
    assert job.correlation_id == "corr-1"
    assert world.jobs.locks[job_lock_id(ALICE, job)] == job.job_id  # one job per request
    assert world.job_service().latest_job(ALICE, key, JobKind.INTERVIEW_QUESTIONS) == job


@pytest.mark.parametrize("force", [False, True], ids=["same", "forced"])
def test_an_identical_start_while_running_collapses_into_the_running_job(
    world: World, key: str, force: bool
) -> None:
    service = world.job_service()
    first = service.start(_order(key), world.links)
    # force asks for a new generation, not a second one running beside the first
    again = service.start(_order(key, InterviewRequest(force=force)), world.links)

    assert again.job_id == first.job_id
    assert again.status is JobStatus.QUEUED
    assert len(world.queue.sent) == 1
    assert list(world.jobs.items) == [first.job_id]


def test_different_parameters_are_a_different_job(world: World, key: str) -> None:
    service = world.job_service()
    first = service.start(_order(key, InterviewRequest(count=3)), world.links)
    second = service.start(_order(key, InterviewRequest(count=4)), world.links)

    assert second.job_id != first.job_id
    assert len(world.queue.sent) == 2


def test_an_identical_finished_result_is_reused_without_a_message(world: World, key: str) -> None:
    service = world.job_service()
    first = service.start(_order(key), world.links)
    _finish_queued(world)
    assert world.jobs.job(first.job_id).status is JobStatus.SUCCEEDED

    reused = service.start(_order(key), world.links)

    assert reused.job_id != first.job_id
    assert reused.status is JobStatus.SUCCEEDED
    assert reused.result_url == world.links.result(JobKind.INTERVIEW_QUESTIONS, key, first.job_id)
    job = world.jobs.job(reused.job_id)
    assert (job.status, job.step, job.percent) == (JobStatus.SUCCEEDED, TOTAL_STEPS, 100)
    assert job.result_job_id == first.job_id
    assert (job.provider, job.model) == (world.provider.name, world.provider.model)
    assert len(world.queue.sent) == 1  # no second generation, no LLM cost
    assert world.provider.calls == 1


def test_force_bypasses_the_reuse_of_a_finished_result(world: World, key: str) -> None:
    service = world.job_service()
    service.start(_order(key), world.links)
    _finish_queued(world)

    forced = service.start(_order(key, InterviewRequest(force=True)), world.links)

    assert forced.status is JobStatus.QUEUED
    assert len(world.queue.sent) == 2
    assert world.queue.sent[-1].message.job_id == forced.job_id
    assert world.jobs.job(forced.job_id).result_job_id == forced.job_id


def test_a_changed_resume_is_not_served_the_old_result(world: World, key: str) -> None:
    service = world.job_service()
    service.start(_order(key), world.links)
    _finish_queued(world)
    changed = fixture_resume("senior-backend-ko").model_dump(mode="json")
    world.resumes.replace(ALICE, key, ResumeIn.model_validate({**changed, "name": "Someone Else"}))

    again = service.start(_order(key), world.links)

    assert again.status is JobStatus.QUEUED
    assert len(world.queue.sent) == 2


def test_the_queue_down_fails_the_job_and_frees_the_lock(world: World, key: str) -> None:
    service = world.job_service()
    world.queue.fail_sends = True

    with pytest.raises(TaskQueueError) as raised:
        service.start(_order(key), world.links)

    assert raised.value.status == 503
    assert raised.value.code is ErrorCode.TASK_QUEUE_ERROR
    failed = world.jobs.job(raised.value.details["job_id"])
    assert failed.status is JobStatus.FAILED
    assert failed.error is not None
    assert failed.error.code == ErrorCode.TASK_QUEUE_ERROR
    assert world.queue.sent == []
    assert world.jobs.locks == {}

    world.queue.fail_sends = False  # the client's retry starts a fresh job
    retried = service.start(_order(key), world.links)
    assert retried.job_id != failed.job_id
    assert retried.status is JobStatus.QUEUED
    assert [s.message.job_id for s in world.queue.sent] == [retried.job_id]


def test_the_job_store_down_starts_nothing(world: World, key: str) -> None:
    world.jobs.fail_with = JobStoreUnavailableError()

    with pytest.raises(JobStoreUnavailableError):
        world.job_service().start(_order(key), world.links)

    assert world.queue.sent == []


def test_another_owners_resume_does_not_exist(world: World, key: str) -> None:
    with pytest.raises(ResumeNotFoundError):
        world.job_service().start(_order(key, owner=BOB), world.links)

    assert world.jobs.items == {}
    assert world.jobs.locks == {}
    assert world.jobs.pointers == {}
    assert world.queue.sent == []


def test_get_returns_only_the_owners_job(world: World, key: str) -> None:
    service = world.job_service()
    accepted = service.start(_order(key), world.links)

    assert service.get(ALICE, accepted.job_id).job_id == accepted.job_id
    with pytest.raises(JobNotFoundError):
        service.get(BOB, accepted.job_id)
    with pytest.raises(JobNotFoundError):
        service.get(ALICE, "0" * 32)


@pytest.mark.parametrize("job_id", ["not-a-job", "A" * 32, "a" * 31, "../" + "a" * 29, ""])
def test_get_of_a_malformed_id_is_not_found_without_asking_the_store(
    world: World, job_id: str
) -> None:
    world.jobs.fail_with = JobStoreUnavailableError()  # would surface if the store were asked

    with pytest.raises(JobNotFoundError):
        world.job_service().get(ALICE, job_id)


def test_wait_returns_a_finished_job_at_once(world: World, key: str) -> None:
    service = world.job_service()
    accepted = service.start(_order(key), world.links)
    _finish_queued(world)

    assert service.wait(ALICE, accepted.job_id, 0).status is JobStatus.SUCCEEDED


def test_latest_job_is_the_last_started_per_owner_resume_and_kind(world: World, key: str) -> None:
    service = world.job_service()
    assert service.latest_job(ALICE, key, JobKind.INTERVIEW_QUESTIONS) is None

    service.start(_order(key, InterviewRequest(count=3)), world.links)
    second = service.start(_order(key, InterviewRequest(count=4)), world.links)
    paths = service.start(_order(key, kind=JobKind.LEARNING_PATH), world.links)

    latest = service.latest_job(ALICE, key, JobKind.INTERVIEW_QUESTIONS)
    assert latest is not None
    assert latest.job_id == second.job_id
    latest_paths = service.latest_job(ALICE, key, JobKind.LEARNING_PATH)
    assert latest_paths is not None
    assert latest_paths.job_id == paths.job_id
    assert service.latest_job(BOB, key, JobKind.INTERVIEW_QUESTIONS) is None


@pytest.mark.parametrize("failing", ["set_latest", "fail"])
def test_a_start_that_fails_midway_does_not_strand_the_retry(
    world: World, key: str, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    def unavailable(*_: object, **__: object) -> None:
        raise JobStoreUnavailableError()

    monkeypatch.setattr(world.jobs, failing, unavailable)
    world.queue.fail_sends = failing == "fail"  # the queue down, then the job store too
    service = world.job_service()
    with pytest.raises(JobStoreUnavailableError):
        service.start(_order(key), world.links)
    monkeypatch.undo()
    world.queue.fail_sends = False

    retried = service.start(_order(key), world.links)

    assert [s.message.job_id for s in world.queue.sent] == [retried.job_id]
