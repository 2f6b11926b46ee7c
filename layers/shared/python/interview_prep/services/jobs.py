"""Starting generation jobs and reading their progress.

A job is written (queued) before its message is sent; if the send fails the job is
marked failed at once, so no job waits forever for a message that never left.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any, Protocol

from aws_lambda_powertools.metrics import MetricUnit

from interview_prep.contract import Metric
from interview_prep.errors import JobNotFoundError, QueueUnavailableError, TaskQueueError
from interview_prep.generation.practice import PRACTICE_ATTEMPTS, practice_ids
from interview_prep.models import ResumeIn
from interview_prep.models.jobs import (
    GenerationMessage,
    InterviewRequest,
    Job,
    JobAccepted,
    JobKind,
    JobStatus,
    LearningPathRequest,
    is_job_id,
)
from interview_prep.observability import logger, metrics
from interview_prep.ports import AttemptStore, JobStore, MessageQueue, ResultStore
from interview_prep.repositories import mongo
from interview_prep.repositories.attempts import AttemptRepository
from interview_prep.repositories.jobs import TOTAL_STEPS, JobRepository
from interview_prep.repositories.queue import GenerationQueue
from interview_prep.repositories.results import ResultRepository
from interview_prep.services import job_keys
from interview_prep.services.job_keys import active_lock_id, fingerprint, latest_pointer_id
from interview_prep.services.quotas import Quotas, Slot
from interview_prep.services.resumes import ResumeService

GenerationParameters = InterviewRequest | LearningPathRequest


class JobLinks(Protocol):
    """Where a client polls a job and reads its result (the HTTP layer knows the routes)."""

    def status(self, job_id: str) -> str: ...

    def result(self, kind: JobKind, unique_key: str, job_id: str) -> str: ...


@dataclass(frozen=True)
class GenerationOrder:
    """One request to generate: whose resume, what kind, with which parameters."""

    owner: str
    unique_key: str
    kind: JobKind
    parameters: GenerationParameters
    correlation_id: str | None = None


class JobService:
    def __init__(
        self,
        jobs: JobStore | None = None,
        results: ResultStore | None = None,
        resumes: ResumeService | None = None,
        queue: MessageQueue | None = None,
        quotas: Quotas | None = None,
        attempts: AttemptStore | None = None,
    ) -> None:
        self.jobs = jobs or JobRepository()
        self.results = results or ResultRepository()
        self.resumes = resumes or ResumeService()
        self.queue = queue or GenerationQueue()
        self.quotas = quotas or Quotas()
        self.attempts = attempts or AttemptRepository()

    def start(self, order: GenerationOrder, links: JobLinks) -> JobAccepted:
        owner, unique_key, kind = order.owner, order.unique_key, order.kind
        resume = self.resumes.get(owner, unique_key)  # 404 RESUME_NOT_FOUND for anyone else
        parameters = order.parameters.model_dump(mode="json")
        content = ResumeIn.model_validate(resume.model_dump(mode="json"))
        print_ = fingerprint(content, kind, parameters, self._practice(owner, unique_key, kind))
        job = new_job(kind, unique_key, parameters, links, order.correlation_id, print_)

        forced = order.parameters.force
        if not forced and (cached := self.results.cached(kind, owner, unique_key, print_)):
            return self._reuse(job, owner, cached, links)

        lock_id = active_lock_id(owner, unique_key, kind, parameters)
        running = job_keys.claim(self.jobs, lock_id, job.job_id)
        if running is not None:
            logger.info("duplicate request collapsed", extra={"job_id": running.job_id})
            return self.accepted(running, links)

        self.submit(job, owner, order.correlation_id, lock_id)
        return self.accepted(job, links)

    def submit(
        self, job: Job, owner: str, correlation_id: str | None, lock_id: str | None = None
    ) -> None:
        """Count ``job`` against its quota, store it and send its message; a start that
        fails on the way gives back what it took (the quota slot, the lock ``lock_id``)."""
        slot: Slot | None = None
        try:
            slot = self.quotas.take(owner, job.kind, job.job_id)  # 429 RATE_LIMITED when full
            self._queue(job, owner, correlation_id)
        except Exception:
            # neither the lock nor the quota slot may outlive a start that failed: every
            # retry would collapse into a job that was never queued, or pay for it twice
            self._undo_start(lock_id, job.job_id, slot)
            raise
        metrics.add_metric(name=Metric.JOBS_QUEUED, unit=MetricUnit.Count, value=1)
        logger.info("job queued", extra={"job_id": job.job_id, "kind": job.kind})

    def get(self, owner: str, job_id: str) -> Job:
        job = self.find(owner, job_id)
        if job is None:
            raise JobNotFoundError(job_id)
        return job

    def find(self, owner: str, job_id: str) -> Job | None:
        """The owner's job ``job_id``, or None (for anything that is not a job id too)."""
        return self.jobs.get_for_owner(owner, job_id) if is_job_id(job_id) else None

    def wait(self, owner: str, job_id: str, seconds: float) -> Job:
        """Poll the job until it finishes or ``seconds`` pass (the optional synchronous mode)."""
        deadline = time.monotonic() + seconds
        job = self.get(owner, job_id)
        while not job.status.finished and time.monotonic() < deadline:
            time.sleep(min(0.25, max(0.0, deadline - time.monotonic())))
            job = self.get(owner, job_id)
        return job

    def latest_job(self, owner: str, unique_key: str, kind: JobKind) -> Job | None:
        job_id = self.jobs.latest(latest_pointer_id(owner, unique_key, kind))
        return self.jobs.get_for_owner(owner, job_id) if job_id else None

    # --- helpers -------------------------------------------------------------------------

    def _practice(self, owner: str, unique_key: str, kind: JobKind) -> list[str] | None:
        """The graded attempts a learning path reads: new answers make a new path."""
        if kind is not JobKind.LEARNING_PATH:
            return None
        attempts, _ = self.attempts.page(owner, unique_key, PRACTICE_ATTEMPTS, None)
        return practice_ids(attempts)

    def _queue(self, job: Job, owner: str, correlation_id: str | None) -> None:
        """Store the job, point the resume's latest job at it and send its message."""
        self.jobs.create(job, owner)
        self.jobs.set_latest(latest_pointer_id(owner, job.unique_key, job.kind), job.job_id)
        message = GenerationMessage(
            job_id=job.job_id,
            kind=job.kind,
            owner=owner,
            unique_key=job.unique_key,
            parameters=job.parameters,
        )
        try:
            self.queue.send(message, correlation_id)
        except QueueUnavailableError as exc:
            logger.exception("could not queue the job", extra={"job_id": job.job_id})
            self.jobs.fail(job.job_id, TaskQueueError.code, "The job could not be queued.")
            raise TaskQueueError(job.job_id) from exc

    def _undo_start(self, lock_id: str | None, job_id: str, slot: Slot | None) -> None:
        """Best effort: a store may be what just failed; the error being raised matters
        more than these."""
        try:
            if lock_id is not None:
                self.jobs.release_active(lock_id, job_id)
        except Exception:
            logger.exception("could not release the job lock", extra={"job_id": job_id})
        try:
            self.quotas.give_back(slot)
        except Exception:
            logger.exception("could not give the quota slot back", extra={"job_id": job_id})

    def _reuse(self, job: Job, owner: str, cached: dict[str, Any], links: JobLinks) -> JobAccepted:
        """A finished job that points at an identical earlier result: no LLM call, no cost."""
        result_url = links.result(job.kind, job.unique_key, str(cached["job_id"]))
        done = job.model_copy(
            update={
                "status": JobStatus.SUCCEEDED,
                "step": TOTAL_STEPS,
                "percent": 100,
                "message": "Reused an identical earlier result",
                "provider": cached["provider"],
                "model": cached["model"],
                "result_url": result_url,
                "result_job_id": str(cached["job_id"]),
            }
        )
        self.jobs.create(done, owner)
        metrics.add_metric(name=Metric.RESULT_CACHE_HITS, unit=MetricUnit.Count, value=1)
        return self.accepted(done, links)

    @staticmethod
    def accepted(job: Job, links: JobLinks) -> JobAccepted:
        return JobAccepted(
            job_id=job.job_id,
            status=job.status,
            status_url=links.status(job.job_id),
            result_url=job.result_url or links.result(job.kind, job.unique_key, job.job_id),
        )


def new_job(
    kind: JobKind,
    unique_key: str,
    parameters: dict[str, Any],
    links: JobLinks,
    correlation_id: str | None,
    fingerprint_: str | None = None,
) -> Job:
    """A queued job's record, its result URL included."""
    now = mongo.now()
    job_id = uuid.uuid4().hex
    return Job(
        job_id=job_id,
        kind=kind,
        status=JobStatus.QUEUED,
        unique_key=unique_key,
        parameters=parameters,
        fingerprint=fingerprint_,
        total_steps=TOTAL_STEPS,
        message="Waiting for a worker",
        result_url=links.result(kind, unique_key, job_id),
        result_job_id=job_id,
        correlation_id=correlation_id,
        created_at=now,
        updated_at=now,
    )
