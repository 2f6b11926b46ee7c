"""What every queue-fed job shares, whatever it produces: progress steps, the provider
call with its failure classification, and the endings (success, failure, a retry later).

A transient failure goes back to the queue after the retry policy's delay; on the last
allowed receive the job fails with its reason before SQS dead-letters the message. A
permanent failure fails the job at once. Subclasses say what the steps are.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit

from interview_prep.config import get_settings
from interview_prep.contract import Metric
from interview_prep.errors import AppError, ErrorCode
from interview_prep.llm import registry
from interview_prep.llm.base import (
    Attempt,
    ErrorClass,
    GenerationRequest,
    GenerationResult,
    Provider,
    ProviderError,
)
from interview_prep.models.jobs import Job, JobKind, Usage
from interview_prep.observability import logger, metrics
from interview_prep.ports import DeliveryQueue, JobStore
from interview_prep.services.failures import (
    FAILURE_CODES,
    AlreadyFinished,
    PermanentFailure,
    RetryScheduled,
    TransientFailure,
    as_transient,
)
from interview_prep.services.retry import RetryPolicy


@dataclass(frozen=True)
class Delivery:
    """One receive of a message, as the SQS event source hands it over."""

    body: str
    receipt_handle: str
    receive_count: int
    remaining_ms: Callable[[], int]


class JobRunner:
    def __init__(
        self,
        jobs: JobStore,
        queue: DeliveryQueue,
        provider: Callable[[], Provider] | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        self.jobs = jobs
        self.queue = queue
        self._provider = provider
        self._retry = retry

    def run(self, job: Job, owner: str, delivery: Delivery, steps: Callable[[], None]) -> None:
        """Take ``job`` through ``steps`` and end it the way they end."""
        try:
            steps()
        except AlreadyFinished:
            logger.info("job finished by another delivery", extra={"job_id": job.job_id})
        except PermanentFailure as permanent:
            self._fail(job, owner, permanent.code, permanent.detail, permanent.attempts)
        except Exception as error:
            self._retry_or_give_up(job, owner, delivery, error)
        else:
            self._release(job, owner)

    # --- hooks ---------------------------------------------------------------------------

    def _release(self, job: Job, owner: str) -> None:
        """What a job holds while it runs, given back once it ended (nothing by default)."""

    # --- steps ---------------------------------------------------------------------------

    def _step(self, job: Job, step: int, message: str, attempt: int) -> None:
        """Record progress. A retry re-runs steps an earlier attempt passed: progress then
        stays where it was; a job finished meanwhile (by a twin delivery) stops this one."""
        if self.jobs.advance(job.job_id, step, message, attempt):
            return
        found = self.jobs.get(job.job_id)
        if found is None or found.job.status.finished:
            raise AlreadyFinished(job.job_id)

    def _ensure_time(self, delivery: Delivery) -> None:
        if delivery.remaining_ms() < get_settings().worker_min_remaining_ms:
            raise TransientFailure(ErrorCode.SERVICE_UNAVAILABLE, "Not enough time left", 0)

    def _generate(self, kind: JobKind, request: GenerationRequest) -> GenerationResult:
        started = time.perf_counter()
        try:
            result = (self._provider or registry.get_provider)().generate(request)
        except ProviderError as error:
            raise self._provider_failure(kind, error, started) from error
        if not result.attempts:  # a single provider, not a chain: record its one call
            one = Attempt(
                provider=result.provider,
                model=result.model,
                outcome="succeeded",
                latency_ms=_elapsed_ms(started),
                input_tokens=result.usage.input_tokens,
                output_tokens=result.usage.output_tokens,
            )
            result = dataclasses.replace(result, attempts=(one,))
        return result

    def _provider_failure(
        self, kind: JobKind, error: ProviderError, started: float
    ) -> PermanentFailure | TransientFailure:
        attempts = error.attempts or (_attempt_of(error, started),)
        code = _failure_code(kind, attempts)
        if not error.transient:
            return PermanentFailure(code, str(error), attempts)
        rate_limited = error.rate_limited or any(
            a.error_class is ErrorClass.RATE_LIMITED for a in attempts
        )
        delay = self._retry_policy().provider_delay(rate_limited)
        return TransientFailure(code, str(error), delay, attempts)

    # --- endings -------------------------------------------------------------------------

    def _succeed(
        self, job: Job, provider: str, model: str, usage: Usage, attempts: tuple[Attempt, ...]
    ) -> None:
        self.jobs.succeed(job.job_id, provider, model, usage, "Done", _dump(attempts))
        metrics.add_metric(name=Metric.JOBS_SUCCEEDED, unit=MetricUnit.Count, value=1)
        logger.info("job succeeded", extra={"job_id": job.job_id, "provider": provider})

    def _fail(
        self, job: Job, owner: str, code: str, detail: str, attempts: tuple[Attempt, ...] = ()
    ) -> None:
        self.jobs.fail(job.job_id, code, detail, _dump(attempts))
        self._release(job, owner)
        self._count_failure(code)
        logger.warning("job failed", extra={"job_id": job.job_id, "error_code": code})

    def _count_failure(self, code: str) -> None:
        """Every failed job counts on the alarm (subclasses leave out their users' mistakes)."""
        metrics.add_metric(name=Metric.JOBS_FAILED, unit=MetricUnit.Count, value=1)

    def _retry_or_give_up(self, job: Job, owner: str, delivery: Delivery, error: Exception) -> None:
        """Another try later, or, on the last allowed receive, the job's end (and the DLQ)."""
        if not isinstance(error, TransientFailure | AppError):
            logger.exception("unexpected worker error", extra={"job_id": job.job_id})
        transient = as_transient(job.kind, error)
        if delivery.receive_count >= get_settings().max_receive_count:
            detail = f"Gave up after {delivery.receive_count} attempts: {transient.detail}"
            self._fail(job, owner, transient.code, detail, transient.attempts)
            self.queue.release(delivery.receipt_handle)  # SQS's next receive dead-letters it
            raise RetryScheduled(detail) from error
        self._schedule_retry(job, delivery, transient)
        raise RetryScheduled(transient.detail) from error

    def _schedule_retry(self, job: Job, delivery: Delivery, failure: TransientFailure) -> None:
        attempt = delivery.receive_count
        wanted = failure.delay_seconds
        if wanted is None:
            wanted = self._retry_policy().backoff(attempt)
        seconds = self.queue.delay(delivery.receipt_handle, wanted)
        retry_at = datetime.now(UTC) + timedelta(seconds=seconds)
        self.jobs.schedule_retry(
            job.job_id, attempt, retry_at, f"Retrying: {failure.detail}", _dump(failure.attempts)
        )
        metrics.add_metric(name=Metric.JOB_RETRIES, unit=MetricUnit.Count, value=1)
        logger.warning(
            "job will be retried",
            extra={"job_id": job.job_id, "attempt": attempt, "delay_seconds": seconds},
        )

    def _retry_policy(self) -> RetryPolicy:
        return self._retry or RetryPolicy.from_settings(get_settings())


def _failure_code(kind: JobKind, attempts: tuple[Attempt, ...]) -> str:
    """The kind's failure when every provider that was called answered unusably;
    otherwise no provider was available."""
    called = [a for a in attempts if a.outcome == "failed"]
    if called and all(a.error_class and a.error_class.unusable_output for a in called):
        return FAILURE_CODES[kind]
    return ErrorCode.LLM_PROVIDER_NOT_AVAILABLE


def _dump(attempts: tuple[Attempt, ...]) -> list[dict[str, Any]]:
    return [attempt.model_dump(mode="json") for attempt in attempts]


def _elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def _attempt_of(error: ProviderError, started: float) -> Attempt:
    return Attempt(
        provider=error.provider,
        model="",
        outcome="failed",
        error_class=error.error_class,
        latency_ms=_elapsed_ms(started),
    )
