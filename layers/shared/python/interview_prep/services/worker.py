"""The generation worker: one SQS message -> one job taken through its steps.

load resume -> analyse -> generate -> validate -> store, with progress after each step.
Transient failures go back to the queue with a delay (the message's visibility timeout);
on the last allowed receive the job is failed with its reason before SQS moves the message
to the dead-letter queue. Permanent failures fail the job at once.
"""

from __future__ import annotations

import dataclasses
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit

from interview_prep import aws
from interview_prep.config import Settings, get_settings
from interview_prep.errors import AppError, ErrorCode
from interview_prep.generation.analysis import content_hash
from interview_prep.generation.quality import SCHEMAS
from interview_prep.generation.requests import prepare
from interview_prep.llm import registry
from interview_prep.llm.base import (
    Attempt,
    ErrorClass,
    GenerationRequest,
    GenerationResult,
    ProviderError,
)
from interview_prep.models import ResumeIn
from interview_prep.models.jobs import GenerationMessage, Job, JobKind, Usage
from interview_prep.observability import logger, metrics
from interview_prep.repositories import mongo
from interview_prep.repositories.jobs import JobRepository
from interview_prep.repositories.results import ResultRepository
from interview_prep.repositories.resumes import ResumeRepository
from interview_prep.services.jobs import active_lock_id

FAILURE_CODES = {
    JobKind.INTERVIEW_QUESTIONS: ErrorCode.INTERVIEW_GENERATION_FAILED,
    JobKind.LEARNING_PATH: ErrorCode.LEARNING_PATH_GENERATION_FAILED,
}


class PermanentFailure(Exception):
    def __init__(self, code: str, detail: str, attempts: tuple[Attempt, ...] = ()) -> None:
        super().__init__(detail)
        self.code, self.detail, self.attempts = code, detail, attempts


class TransientFailure(Exception):
    def __init__(
        self,
        code: str,
        detail: str,
        delay_seconds: float | None = None,
        attempts: tuple[Attempt, ...] = (),
    ) -> None:
        super().__init__(detail)
        self.code, self.detail, self.delay_seconds = code, detail, delay_seconds
        self.attempts = attempts


class AlreadyFinished(Exception):
    """Another delivery of the same message finished the job first."""


class RetryScheduled(Exception):
    """Raised to the batch processor so the record is reported failed and retried later."""


def retry_delay(settings: Settings, attempt: int, failure: TransientFailure) -> float:
    """Exponential backoff with jitter, unless the failure names its own delay."""
    if failure.delay_seconds is not None:
        return failure.delay_seconds
    ceiling = min(settings.retry_max_seconds, settings.retry_base_seconds * 2.0 ** (attempt - 1))
    return float(ceiling / 2 + random.uniform(0, ceiling / 2))  # noqa: S311 - jitter, not crypto


class GenerationWorker:
    def __init__(
        self,
        jobs: JobRepository | None = None,
        results: ResultRepository | None = None,
        resumes: ResumeRepository | None = None,
    ) -> None:
        self.jobs = jobs or JobRepository()
        self.results = results or ResultRepository()
        self.resumes = resumes or ResumeRepository()

    def process(
        self,
        body: str,
        receipt_handle: str,
        receive_count: int,
        remaining_ms: Callable[[], int],
    ) -> None:
        message = GenerationMessage.model_validate_json(body)
        found = self.jobs.get(message.job_id)
        if found is None:
            logger.warning("no job record for message; dropped", extra={"job_id": message.job_id})
            return
        job, owner = found
        if job.correlation_id:
            logger.set_correlation_id(job.correlation_id)
        if job.status.finished:
            logger.info("job already finished; redelivery ignored", extra={"job_id": job.job_id})
            return
        lock_id = active_lock_id(owner, job.unique_key, job.kind, job.parameters)
        try:
            self._run(job, owner, receive_count, remaining_ms)
        except AlreadyFinished:
            logger.info("job finished by another delivery", extra={"job_id": job.job_id})
        except PermanentFailure as permanent:
            self._fail(job, lock_id, permanent.code, permanent.detail, permanent.attempts)
        except Exception as error:  # every other failure is worth another try
            transient = _as_transient(job, error)
            settings = get_settings()
            if receive_count >= settings.max_receive_count:
                detail = f"Gave up after {receive_count} attempts: {transient.detail}"
                self._fail(job, lock_id, transient.code, detail, transient.attempts)
                # visible again at once, so SQS's next receive moves it to the DLQ
                self._release_message(receipt_handle, 0, settings)
                raise RetryScheduled(detail) from error
            self._schedule_retry(job, receipt_handle, receive_count, transient, settings)
            raise RetryScheduled(transient.detail) from error
        else:
            self.jobs.release_active(lock_id, job.job_id)

    # --- the steps -----------------------------------------------------------------------

    def _run(self, job: Job, owner: str, attempt: int, remaining_ms: Callable[[], int]) -> None:
        stored = self.resumes.get(owner, job.unique_key)
        if stored is None:
            raise PermanentFailure(
                ErrorCode.RESUME_NOT_FOUND, "The resume was deleted before generation started."
            )
        resume = ResumeIn.model_validate(stored.model_dump(mode="json"))
        self._step(job, 1, "Resume loaded", attempt)

        settings = get_settings()
        prepared = prepare(
            job.kind,
            resume,
            job.parameters,
            deadline=time.monotonic() + (remaining_ms() - settings.worker_min_remaining_ms) / 1000,
            token_budget=settings.prompt_resume_token_budget,
        )
        if prepared.prompt.trimmed:
            logger.info(
                "resume trimmed to the token budget", extra={"trimmed": prepared.prompt.trimmed}
            )
        self._step(job, 2, f"Resume analysed ({prepared.plan.analysis.seniority})", attempt)

        existing = self.results.by_job(job.kind, owner, job.job_id)
        if existing is not None:  # stored by an earlier attempt that died before finishing
            usage = Usage.model_validate(existing.get("usage", {}))
            self._succeed(job, existing["provider"], existing["model"], usage, ())
            return

        if remaining_ms() < settings.worker_min_remaining_ms:
            raise TransientFailure(
                ErrorCode.SERVICE_UNAVAILABLE, "Not enough time left in this run", 0
            )
        request = prepared.request
        output = self._generate(request)
        self._step(job, 3, f"Generated by {output.provider}", attempt)

        validated = _validate(job, request, output)
        self._step(job, 4, "Output validated", attempt)

        now = mongo.now()
        document: dict[str, Any] = {
            **validated,
            "job_id": job.job_id,
            "owner": owner,
            "unique_key": job.unique_key,
            "kind": job.kind.value,
            "provider": output.provider,
            "model": output.model,
            "prompt_version": prepared.prompt.version,
            "language": request.language,
            "usage": output.usage.model_dump(),
            "resume_hash": content_hash(resume),
            "fingerprint": job.fingerprint,
            "created_at": now,
            "listing_position": mongo.listing_position(now),
        }
        self.results.insert(job.kind, document)
        self._succeed(job, output.provider, output.model, output.usage, output.attempts)

    def _generate(self, request: GenerationRequest) -> GenerationResult:
        started = time.perf_counter()
        try:
            result = registry.get_provider().generate(request)
        except ProviderError as error:
            attempts = error.attempts or (_attempt_of(error, started),)
            code = ErrorCode.LLM_PROVIDER_NOT_AVAILABLE
            if not error.transient:
                raise PermanentFailure(code, str(error), attempts) from error
            settings = get_settings()
            rate_limited = error.rate_limited or any(
                a.error_class is ErrorClass.RATE_LIMITED for a in attempts
            )
            delay = (
                settings.retry_rate_limited_seconds
                if rate_limited
                else settings.retry_unavailable_seconds
            )
            raise TransientFailure(code, str(error), delay, attempts) from error
        if not result.attempts:  # a single provider, not a chain: record its one call
            one = Attempt(
                provider=result.provider,
                model=result.model,
                outcome="succeeded",
                latency_ms=round((time.perf_counter() - started) * 1000, 1),
                input_tokens=result.usage.input_tokens,
                output_tokens=result.usage.output_tokens,
            )
            result = dataclasses.replace(result, attempts=(one,))
        return result

    def _step(self, job: Job, step: int, message: str, attempt: int) -> None:
        """Record progress. A retry re-runs steps an earlier attempt passed: progress then
        stays where it was; a job finished meanwhile (by a twin delivery) stops this one."""
        if self.jobs.advance(job.job_id, step, message, attempt):
            return
        found = self.jobs.get(job.job_id)
        if found is None or found[0].status.finished:
            raise AlreadyFinished(job.job_id)

    def _succeed(
        self, job: Job, provider: str, model: str, usage: Usage, attempts: tuple[Attempt, ...]
    ) -> None:
        self.jobs.succeed(job.job_id, provider, model, usage, "Done", _dump(attempts))
        metrics.add_metric(name="JobsSucceeded", unit=MetricUnit.Count, value=1)
        logger.info("job succeeded", extra={"job_id": job.job_id, "provider": provider})

    def _fail(
        self,
        job: Job,
        lock_id: str,
        code: str,
        detail: str,
        attempts: tuple[Attempt, ...] = (),
    ) -> None:
        self.jobs.fail(job.job_id, code, detail, _dump(attempts))
        self.jobs.release_active(lock_id, job.job_id)
        metrics.add_metric(name="JobsFailed", unit=MetricUnit.Count, value=1)
        logger.warning("job failed", extra={"job_id": job.job_id, "error_code": code})

    @staticmethod
    def _release_message(receipt_handle: str, seconds: int, settings: Settings) -> None:
        aws.sqs().change_message_visibility(
            QueueUrl=settings.generation_queue_url,
            ReceiptHandle=receipt_handle,
            VisibilityTimeout=seconds,
        )

    def _schedule_retry(
        self,
        job: Job,
        receipt_handle: str,
        attempt: int,
        failure: TransientFailure,
        settings: Settings,
    ) -> None:
        # SQS caps a message's visibility timeout at 12 hours
        seconds = max(0, min(round(retry_delay(settings, attempt, failure)), 43_200))
        self._release_message(receipt_handle, seconds, settings)
        retry_at = datetime.now(UTC) + timedelta(seconds=seconds)
        self.jobs.schedule_retry(
            job.job_id, attempt, retry_at, f"Retrying: {failure.detail}", _dump(failure.attempts)
        )
        metrics.add_metric(name="JobRetries", unit=MetricUnit.Count, value=1)
        logger.warning(
            "job will be retried",
            extra={"job_id": job.job_id, "attempt": attempt, "delay_seconds": seconds},
        )


def _dump(attempts: tuple[Attempt, ...]) -> list[dict[str, Any]]:
    return [attempt.model_dump(mode="json") for attempt in attempts]


def _attempt_of(error: ProviderError, started: float) -> Attempt:
    return Attempt(
        provider=error.provider,
        model="",
        outcome="failed",
        error_class=error.error_class,
        latency_ms=round((time.perf_counter() - started) * 1000, 1),
    )


def _validate(job: Job, request: GenerationRequest, output: GenerationResult) -> dict[str, Any]:
    """The last guard: whatever produced the answer, the gate decides what is stored."""
    review = request.problems(output.data)
    if review is not None:
        raise TransientFailure(
            FAILURE_CODES[job.kind], f"{output.provider} returned output that breaks {review.rules}"
        )
    data = SCHEMAS[job.kind].model_validate(output.data).model_dump(mode="json")
    if job.kind is JobKind.INTERVIEW_QUESTIONS:
        return {"questions": data["questions"]}
    return {
        "analysis": data["analysis"],
        "summary": data["summary"],
        "learning_paths": data["paths"],
    }


def _as_transient(job: Job, error: Exception) -> TransientFailure:
    if isinstance(error, TransientFailure):
        return error
    if isinstance(error, AppError):  # e.g. DATABASE_CONNECTION_ERROR
        return TransientFailure(error.code, error.detail)
    logger.exception("unexpected worker error", extra={"job_id": job.job_id})
    return TransientFailure(FAILURE_CODES[job.kind], "An unexpected error interrupted generation.")
