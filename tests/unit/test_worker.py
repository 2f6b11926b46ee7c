"""The generation worker's decisions, each reached through ``process`` on in-memory ports:
when a job succeeds, fails for good, is retried (after which delay) or is left alone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from interview_prep.config import get_settings
from interview_prep.errors import DatabaseUnavailableError, ErrorCode
from interview_prep.llm.base import ErrorClass, ProviderError
from interview_prep.models.jobs import (
    GENERATION_KINDS,
    GenerationMessage,
    InterviewRequest,
    Job,
    JobKind,
    JobStatus,
    LearningPathRequest,
    Usage,
)
from interview_prep.services.failures import FAILURE_CODES, RetryScheduled, TransientFailure
from interview_prep.services.job_keys import job_lock_id
from interview_prep.services.jobs import GenerationOrder
from interview_prep.services.retry import RetryPolicy
from interview_prep.services.worker import Delivery
from tests.conftest import fixture_resume
from tests.fakes.ports import (
    World,
    failed_attempt,
    permanent_error,
    transient_error,
)

OWNER = "alice"
HANDLE = "receipt-1"
PLENTY_MS = 300_000


@dataclass
class Jitter:
    """Records each draw and answers with a fixed point in the range."""

    at: float = 0.5
    calls: list[tuple[float, float]] = field(default_factory=list)

    def __call__(self, low: float, high: float) -> float:
        self.calls.append((low, high))
        return low + (high - low) * self.at


@pytest.fixture
def settings_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Distinct retry delays and three receives, so each number can only come from one place."""
    for name, value in {
        "MAX_RECEIVE_COUNT": "3",
        "RETRY_RATE_LIMITED_SECONDS": "123",
        "RETRY_UNAVAILABLE_SECONDS": "45",
        "RETRY_BASE_SECONDS": "10",
        "RETRY_MAX_SECONDS": "900",
    }.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    return monkeypatch


def _queue_job(world: World, kind: JobKind = JobKind.INTERVIEW_QUESTIONS) -> GenerationMessage:
    """A job started as the API starts it; returns the message the worker will receive."""
    key = world.resumes.create(OWNER, fixture_resume("senior-backend-ko")).unique_key
    parameters = (
        InterviewRequest() if kind is JobKind.INTERVIEW_QUESTIONS else LearningPathRequest()
    )
    order = GenerationOrder(OWNER, key, kind, parameters, correlation_id="corr-1")
    world.job_service().start(order, world.links)
    return world.queue.sent[-1].message


def _process(
    world: World,
    message: GenerationMessage,
    receive_count: int = 1,
    remaining_ms: int = PLENTY_MS,
    retry: RetryPolicy | None = None,
) -> None:
    delivery = Delivery(message.model_dump_json(), HANDLE, receive_count, lambda: remaining_ms)
    world.worker(retry).process(delivery)


def _job(world: World, message: GenerationMessage) -> Job:
    return world.jobs.job(message.job_id)


def _locked(world: World, message: GenerationMessage) -> bool:
    return job_lock_id(OWNER, _job(world, message)) in world.jobs.locks


def _retried(
    world: World,
    message: GenerationMessage,
    receive_count: int = 1,
    remaining_ms: int = PLENTY_MS,
    retry: RetryPolicy | None = None,
) -> RetryScheduled:
    """Process a delivery that must end in a retry (the batch then reports it failed)."""
    with pytest.raises(RetryScheduled) as raised:
        _process(world, message, receive_count, remaining_ms, retry)
    return raised.value


def _policy(jitter: Jitter) -> RetryPolicy:
    return RetryPolicy(10, 900, rate_limited_seconds=123, unavailable_seconds=45, jitter=jitter)


# --- success ------------------------------------------------------------------------------


def test_success_stores_one_result_and_finishes_the_job(world: World) -> None:
    message = _queue_job(world)

    _process(world, message)

    [stored] = world.results.all(JobKind.INTERVIEW_QUESTIONS)
    job = _job(world, message)
    assert stored["job_id"] == job.job_id
    assert stored["owner"] == OWNER
    assert stored["fingerprint"] == job.fingerprint  # what later reuse looks up
    assert len(stored["questions"]) == 5
    assert (job.status, job.step, job.percent) == (JobStatus.SUCCEEDED, 5, 100)
    assert (job.provider, job.model) == ("fake", "fake-model-1")
    assert [a["outcome"] for a in job.attempts] == ["succeeded"]
    assert not _locked(world, message)
    assert world.provider.calls == 1
    assert world.queue.delays == {}


def test_a_result_stored_by_an_earlier_attempt_finishes_without_a_provider_call(
    world: World,
) -> None:
    message = _queue_job(world)
    job = _job(world, message)
    earlier = {
        "job_id": job.job_id,
        "owner": OWNER,
        "unique_key": job.unique_key,
        "provider": "earlier",
        "model": "earlier-model",
        "usage": {"input_tokens": 7, "output_tokens": 9, "cost_usd": 0.0},
        "fingerprint": job.fingerprint,
        "listing_position": 1,
    }
    world.results.insert(job.kind, earlier)

    _process(world, message, receive_count=2)

    done = _job(world, message)
    assert done.status is JobStatus.SUCCEEDED
    assert (done.provider, done.model) == ("earlier", "earlier-model")
    assert done.usage == Usage(input_tokens=7, output_tokens=9)
    assert world.provider.calls == 0
    assert len(world.results.all(job.kind)) == 1


# --- deliveries that change nothing -------------------------------------------------------


def test_a_message_without_a_job_record_is_dropped(world: World) -> None:
    orphan = GenerationMessage(
        job_id="f" * 32, kind=JobKind.INTERVIEW_QUESTIONS, owner=OWNER, unique_key="gone"
    )

    _process(world, orphan)  # no exception: the batch deletes the message

    assert world.provider.calls == 0
    assert world.results.all(JobKind.INTERVIEW_QUESTIONS) == []
    assert world.queue.delays == {}
    assert world.queue.released == []


@pytest.mark.parametrize("status", [JobStatus.SUCCEEDED, JobStatus.FAILED])
def test_a_redelivery_of_a_finished_job_is_ignored(world: World, status: JobStatus) -> None:
    message = _queue_job(world)
    if status is JobStatus.SUCCEEDED:
        world.jobs.succeed(message.job_id, "first", "m", Usage(), "Done")
    else:
        world.jobs.fail(message.job_id, "SOME_CODE", "failed before")
    before = _job(world, message)
    world.resumes.fail_with = DatabaseUnavailableError()  # not even read: nothing to retry

    _process(world, message, receive_count=2)

    assert _job(world, message) == before
    assert world.provider.calls == 0
    assert world.queue.delays == {}


def test_a_job_finished_by_a_twin_delivery_mid_run_is_left_to_the_twin(world: World) -> None:
    message = _queue_job(world)

    def twin_finishes(job_id: str, step: int) -> None:
        if step == 2:  # the twin succeeded while this delivery analysed the resume
            world.jobs.succeed(job_id, "twin", "twin-model", Usage(), "Done")

    world.jobs.on_advance = twin_finishes

    _process(world, message)  # no exception, so no retry of this delivery either

    job = _job(world, message)
    assert (job.status, job.provider, job.error) == (JobStatus.SUCCEEDED, "twin", None)
    assert world.provider.calls == 0
    assert world.results.all(JobKind.INTERVIEW_QUESTIONS) == []
    assert world.queue.delays == {}
    assert world.queue.released == []


# --- permanent failures --------------------------------------------------------------------


def test_a_deleted_resume_fails_the_job_at_once(world: World) -> None:
    message = _queue_job(world)
    world.resumes.delete(OWNER, message.unique_key)

    _process(world, message)  # no RetryScheduled: nothing would bring the resume back

    job = _job(world, message)
    assert job.status is JobStatus.FAILED
    assert job.error is not None
    assert job.error.code == ErrorCode.RESUME_NOT_FOUND
    assert not _locked(world, message)
    assert world.provider.calls == 0
    assert world.queue.delays == {}


def test_a_permanent_provider_error_fails_the_job_at_once(world: World) -> None:
    message = _queue_job(world)
    world.provider.script = [permanent_error()]

    _process(world, message)

    job = _job(world, message)
    assert job.status is JobStatus.FAILED
    assert job.error is not None
    assert job.error.code == ErrorCode.LLM_PROVIDER_NOT_AVAILABLE
    assert [(a["outcome"], a["error_class"]) for a in job.attempts] == [("failed", "auth")]
    assert not _locked(world, message)
    assert world.provider.calls == 1
    assert world.queue.delays == {}


# --- transient failures --------------------------------------------------------------------


@pytest.mark.parametrize("kind", GENERATION_KINDS)
def test_output_the_gate_rejects_is_retried_then_fails_on_the_last_receive(
    world: World, settings_env: pytest.MonkeyPatch, kind: JobKind
) -> None:
    message = _queue_job(world, kind)
    world.provider.default = "broken"  # every attempt, every delivery
    jitter = Jitter()

    retry = _retried(world, message, receive_count=1, retry=_policy(jitter))

    assert isinstance(retry.__cause__, TransientFailure)
    assert retry.__cause__.code == FAILURE_CODES[kind]
    job = _job(world, message)
    assert job.status is JobStatus.RUNNING
    assert job.message.startswith("Retrying: ")
    assert world.queue.delays == {HANDLE: 8}  # backoff(1): jitter over [5, 10]
    assert world.results.all(kind) == []

    world.queue.delays.clear()
    last = get_settings().max_receive_count
    _retried(world, message, receive_count=last, retry=_policy(jitter))

    job = _job(world, message)
    assert job.status is JobStatus.FAILED
    assert job.error is not None
    assert job.error.code == FAILURE_CODES[kind]
    assert job.error.detail.startswith(f"Gave up after {last} attempts")
    assert world.queue.released == [HANDLE]  # visible again, so SQS dead-letters it
    assert world.queue.delays == {}
    assert not _locked(world, message)
    assert world.provider.calls == 2
    assert world.results.all(kind) == []


@pytest.mark.parametrize("down", ["resumes", "results"])
def test_mongodb_down_inside_the_worker_is_retried(
    world: World, settings_env: pytest.MonkeyPatch, down: str
) -> None:
    message = _queue_job(world)
    store = world.resumes if down == "resumes" else world.results
    store.fail_with = DatabaseUnavailableError()
    jitter = Jitter()

    retry = _retried(world, message, receive_count=2, retry=_policy(jitter))

    assert isinstance(retry.__cause__, DatabaseUnavailableError)
    job = _job(world, message)
    assert job.status is JobStatus.RUNNING
    assert job.message == "Retrying: " + DatabaseUnavailableError().detail
    assert jitter.calls == [(10.0, 20.0)]
    assert world.queue.delays == {HANDLE: 15}
    assert world.provider.calls == 0

    _retried(world, message, receive_count=3, retry=_policy(jitter))

    job = _job(world, message)
    assert job.status is JobStatus.FAILED
    assert job.error is not None
    assert job.error.code == ErrorCode.DATABASE_CONNECTION_ERROR


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (transient_error(rate_limited=True), 123),
        (transient_error(rate_limited=False), 45),
        # a chain's error is rate limited when any of its attempts was
        (
            ProviderError(
                "chain",
                "all failed",
                error_class=ErrorClass.SERVER_ERROR,
                attempts=(
                    failed_attempt(ErrorClass.SERVER_ERROR),
                    failed_attempt(ErrorClass.RATE_LIMITED),
                ),
            ),
            123,
        ),
    ],
    ids=["rate-limited", "unavailable", "chain-rate-limited"],
)
def test_a_transient_provider_error_waits_the_settings_delay(
    world: World, settings_env: pytest.MonkeyPatch, error: ProviderError, expected: int
) -> None:
    message = _queue_job(world)
    world.provider.script = [error]

    before = datetime.now(UTC)
    retry = _retried(world, message, receive_count=1)  # the policy comes from the settings
    after = datetime.now(UTC)

    assert isinstance(retry.__cause__, TransientFailure)
    assert retry.__cause__.code == ErrorCode.LLM_PROVIDER_NOT_AVAILABLE
    assert world.queue.delays == {HANDLE: expected}
    job = _job(world, message)
    assert job.status is JobStatus.RUNNING
    assert job.attempt == 1
    assert job.next_retry_at is not None
    # stored at millisecond precision, hence the millisecond of slack below
    wait = timedelta(seconds=expected)
    assert before + wait - timedelta(milliseconds=1) <= job.next_retry_at <= after + wait
    assert job.attempts  # the failed call is on record for the client
    assert all(a["outcome"] == "failed" for a in job.attempts)


@pytest.mark.parametrize(("receive_count", "ceiling"), [(1, 10.0), (2, 20.0), (3, 40.0)])
def test_an_unexpected_failure_backs_off_exponentially_with_jitter(
    world: World, receive_count: int, ceiling: float
) -> None:
    message = _queue_job(world)
    world.provider.script = [RuntimeError("boom")]
    jitter = Jitter(at=1.0)

    retry = _retried(world, message, receive_count=receive_count, retry=_policy(jitter))

    assert isinstance(retry.__cause__, RuntimeError)
    assert jitter.calls == [(ceiling / 2, ceiling)]
    assert world.queue.delays == {HANDLE: round(ceiling)}
    job = _job(world, message)
    assert job.status is JobStatus.RUNNING
    assert job.attempt == receive_count


def test_too_little_lambda_time_left_makes_no_provider_call(world: World) -> None:
    message = _queue_job(world)
    too_little = get_settings().worker_min_remaining_ms - 1

    retry = _retried(world, message, remaining_ms=too_little)

    assert world.provider.calls == 0
    assert isinstance(retry.__cause__, TransientFailure)
    assert retry.__cause__.code == ErrorCode.SERVICE_UNAVAILABLE
    assert world.queue.delays == {HANDLE: 0}  # a fresh invocation may try at once
    assert _job(world, message).status is JobStatus.RUNNING
