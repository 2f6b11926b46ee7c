"""Starting a resume upload: the checks on what the client declares, the parse job, the
presigned PUT and the delayed check that ends the job if no file comes.

Nothing is left behind by a start that fails: the URL is signed before anything is
written, and a job whose expiry check could not be queued is failed at once (it could
otherwise wait forever) and its quota slot given back.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Protocol

from aws_lambda_powertools.metrics import MetricUnit

from interview_prep import contract
from interview_prep.config import get_settings
from interview_prep.contract import Metric
from interview_prep.errors import (
    QueueUnavailableError,
    TaskQueueError,
    UploadTooLargeError,
    UploadUnsupportedTypeError,
)
from interview_prep.models.jobs import Job, JobKind, JobStatus, is_job_id
from interview_prep.models.uploads import (
    ACCEPTED_CONTENT_TYPES,
    UploadAccepted,
    UploadCheck,
    UploadRequest,
    UploadTicket,
)
from interview_prep.observability import logger, metrics
from interview_prep.ports import CheckQueue, JobStore, ObjectStore
from interview_prep.repositories import mongo
from interview_prep.repositories.jobs import TOTAL_STEPS, JobRepository
from interview_prep.repositories.objects import UploadBucket
from interview_prep.repositories.queue import UploadQueue
from interview_prep.repositories.resumes import new_unique_key
from interview_prep.services.quotas import Quotas, Slot

WAITING_MESSAGE = "Waiting for the file"


class UploadLinks(Protocol):
    def status(self, job_id: str) -> str: ...

    def resume(self, unique_key: str) -> str: ...


def object_key(job_id: str) -> str:
    """Where the upload of ``job_id`` goes (the parse function reads the job id back)."""
    return f"{contract.UPLOAD_PREFIX}{job_id}"


def job_id_of(key: str) -> str | None:
    job_id = key.removeprefix(contract.UPLOAD_PREFIX)
    if key.startswith(contract.UPLOAD_PREFIX) and is_job_id(job_id):
        return job_id
    return None


def media_type(content_type: str) -> str:
    """``Application/PDF; charset=x`` -> ``application/pdf``."""
    return content_type.split(";", 1)[0].strip().lower()


class UploadService:
    def __init__(
        self,
        jobs: JobStore | None = None,
        objects: ObjectStore | None = None,
        checks: CheckQueue | None = None,
        quotas: Quotas | None = None,
    ) -> None:
        self.jobs = jobs or JobRepository()
        self.objects = objects or UploadBucket()
        self.checks = checks or UploadQueue()
        self.quotas = quotas or Quotas()

    def start(
        self,
        owner: str,
        request: UploadRequest,
        links: UploadLinks,
        correlation_id: str | None = None,
    ) -> UploadAccepted:
        content_type = _accepted_type(request)
        settings = get_settings()
        seconds = settings.upload_url_seconds
        job = _new_job(request, content_type, links, seconds, correlation_id)
        slot = self.quotas.take(owner, JobKind.RESUME_UPLOAD, job.job_id)  # 429 when full
        try:
            url = self.objects.upload_url(object_key(job.job_id), content_type, seconds)
            self.jobs.create(job, owner)
            self._schedule_expiry(job, seconds + settings.upload_check_grace_seconds)
        except Exception:
            self._give_back(slot, job.job_id)
            raise
        metrics.add_metric(name=Metric.UPLOADS_STARTED, unit=MetricUnit.Count, value=1)
        logger.info("upload started", extra={"job_id": job.job_id})
        return UploadAccepted(
            upload_id=job.job_id,
            unique_key=job.unique_key,
            job_id=job.job_id,
            status_url=links.status(job.job_id),
            result_url=links.resume(job.unique_key),
            upload=UploadTicket(
                url=url,
                headers={"Content-Type": content_type},
                expires_at=job.parameters["expires_at"],
            ),
        )

    def _schedule_expiry(self, job: Job, delay_seconds: int) -> None:
        try:
            self.checks.send_check(UploadCheck(job_id=job.job_id), delay_seconds)
        except QueueUnavailableError as exc:
            logger.exception("could not schedule the upload check", extra={"job_id": job.job_id})
            self.jobs.fail(job.job_id, TaskQueueError.code, "The upload could not be started.")
            raise TaskQueueError(job.job_id) from exc

    def _give_back(self, slot: Slot | None, job_id: str) -> None:
        try:
            self.quotas.give_back(slot)
        except Exception:
            logger.exception("could not give the quota slot back", extra={"job_id": job_id})


def _accepted_type(request: UploadRequest) -> str:
    content_type = media_type(request.content_type)
    if content_type not in ACCEPTED_CONTENT_TYPES:
        raise UploadUnsupportedTypeError(request.content_type, ACCEPTED_CONTENT_TYPES)
    if request.size > contract.MAX_UPLOAD_BYTES:
        raise UploadTooLargeError(request.size, contract.MAX_UPLOAD_BYTES)
    return content_type


def _new_job(
    request: UploadRequest,
    content_type: str,
    links: UploadLinks,
    seconds: int,
    correlation_id: str | None,
) -> Job:
    now = mongo.now()
    job_id, unique_key = uuid.uuid4().hex, new_unique_key()
    expires_at = now + timedelta(seconds=seconds)
    return Job(
        job_id=job_id,
        kind=JobKind.RESUME_UPLOAD,
        status=JobStatus.QUEUED,
        unique_key=unique_key,
        parameters={
            "filename": request.filename,
            "content_type": content_type,
            "size": request.size,
            "expires_at": expires_at.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        },
        total_steps=TOTAL_STEPS,
        message=WAITING_MESSAGE,
        result_url=links.resume(unique_key),
        correlation_id=correlation_id,
        created_at=now,
        updated_at=now,
    )
