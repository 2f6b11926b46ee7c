"""The parse function's work: an uploaded file -> a stored resume, or a job that says why not.

One message on the upload queue is either S3's notice of an uploaded file or the delayed
expiry check of an upload. A file goes through five steps, each recorded on its job:
received (size checked) -> text extracted (real content checked) -> structured (provider
chain) -> checked -> stored under the key allocated at upload. Whatever the ending, the
file is deleted; a document that cannot be read ends the job with the reason, and no
resume is invented from it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote_plus

from aws_lambda_powertools.metrics import MetricUnit
from pydantic import ValidationError

from interview_prep import contract
from interview_prep.config import get_settings
from interview_prep.contract import Metric
from interview_prep.documents.contacts import MaskedText, mask_contacts
from interview_prep.documents.extract import DocumentError, extract_text, looks_encrypted_office
from interview_prep.documents.formats import sniff
from interview_prep.documents.sections import parse_resume_text
from interview_prep.documents.structuring import (
    has_content,
    review,
    structuring_request,
    to_resume,
)
from interview_prep.errors import ErrorCode, ResumeKeyTaken
from interview_prep.llm.base import GenerationResult, Provider
from interview_prep.models import ResumeIn
from interview_prep.models.jobs import Job, JobStatus, Usage
from interview_prep.models.uploads import ResumeDraft, UploadCheck
from interview_prep.observability import logger, metrics
from interview_prep.ports import DeliveryQueue, JobStore, ObjectStore, ResumeStore
from interview_prep.repositories.jobs import JobRepository
from interview_prep.repositories.objects import UploadBucket
from interview_prep.repositories.queue import UploadQueue
from interview_prep.repositories.resumes import ResumeRepository
from interview_prep.services.failures import PermanentFailure
from interview_prep.services.job_runner import Delivery, JobRunner
from interview_prep.services.retry import RetryPolicy
from interview_prep.services.uploads import job_id_of, object_key

#: Failures that say something about the uploaded document, not about the service.
DOCUMENT_FAILURES = frozenset(
    {
        ErrorCode.UPLOAD_TOO_LARGE,
        ErrorCode.UPLOAD_UNSUPPORTED_TYPE,
        ErrorCode.UPLOAD_NO_TEXT,
        ErrorCode.UPLOAD_ENCRYPTED,
        ErrorCode.UPLOAD_UNREADABLE,
        ErrorCode.UPLOAD_NOT_A_RESUME,
    }
)
EXPIRED_DETAIL = "No file was uploaded before the upload URL expired at {expires_at}."


def uploaded_keys(body: dict[str, Any]) -> list[str]:
    """The object keys of an S3 event notification's "object created" records."""
    return [
        unquote_plus(str(record["s3"]["object"]["key"]))
        for record in body.get("Records", [])
        if str(record.get("eventName", "")).startswith("ObjectCreated")
    ]


class UploadWorker(JobRunner):
    def __init__(
        self,
        jobs: JobStore | None = None,
        resumes: ResumeStore | None = None,
        objects: ObjectStore | None = None,
        queue: DeliveryQueue | None = None,
        provider: Callable[[], Provider] | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        super().__init__(jobs or JobRepository(), queue or UploadQueue(), provider, retry)
        self.resumes = resumes or ResumeRepository()
        self.objects = objects or UploadBucket()

    def process(self, delivery: Delivery) -> None:
        body = json.loads(delivery.body)
        if isinstance(body, dict) and body.get("check") == "upload_expiry":
            self.check_expiry(UploadCheck.model_validate(body).job_id)
            return
        keys = uploaded_keys(body) if isinstance(body, dict) else []
        if not keys:  # S3's s3:TestEvent when the notification is set up, or a stray message
            logger.info("not an upload notice; dropped", extra={"event": body.get("Event")})
            return
        for key in keys:
            self._parse_upload(key, delivery)

    # --- a file arrived ------------------------------------------------------------------

    def _parse_upload(self, key: str, delivery: Delivery) -> None:
        job_id = job_id_of(key)
        found = self.jobs.get(job_id) if job_id else None
        if found is None or found.job.status.finished:
            # no such upload, or a second PUT to a URL whose job has ended: keep nothing
            logger.info("file without a waiting upload job; deleted", extra={"job_id": job_id})
            self.objects.delete(key)
            return
        job, owner = found.job, found.owner
        if job.correlation_id:
            logger.set_correlation_id(job.correlation_id)
        self.run(job, owner, delivery, lambda: self._steps(job, owner, key, delivery))

    def _steps(self, job: Job, owner: str, key: str, delivery: Delivery) -> None:
        attempt = delivery.receive_count
        if self.resumes.get(owner, job.unique_key) is not None:  # an earlier attempt stored it
            self._finish(job, key, None)
            return
        size = self._received(key)
        self._step(job, 1, f"File received ({_kilobytes(size)} KB)", attempt)

        text = self._text(key)
        self._step(job, 2, f"Text extracted ({len(text)} characters)", attempt)

        masked = mask_contacts(text)
        offline_draft = _document_step(lambda: parse_resume_text(masked.text))
        self._ensure_time(delivery)
        output = self._generate(job.kind, self._request(masked, offline_draft, delivery))
        self._step(job, 3, f"Structured by {output.provider}", attempt)

        resume = _checked_resume(output, masked)
        self._step(job, 4, "Resume checked", attempt)

        self._store(owner, job, resume)
        self._finish(job, key, output)

    def _received(self, key: str) -> int:
        size = self.objects.size(key)
        if size is None:
            raise PermanentFailure(ErrorCode.UPLOAD_UNREADABLE, "The uploaded file is gone.")
        if size > contract.MAX_UPLOAD_BYTES:
            raise PermanentFailure(
                ErrorCode.UPLOAD_TOO_LARGE,
                f"The file is {size} bytes; uploads may be at most "
                f"{contract.MAX_UPLOAD_BYTES} bytes.",
            )
        return size

    def _text(self, key: str) -> str:
        data = self.objects.read(key)
        if data is None:
            raise PermanentFailure(ErrorCode.UPLOAD_UNREADABLE, "The uploaded file is gone.")
        if looks_encrypted_office(data):
            raise PermanentFailure(
                ErrorCode.UPLOAD_ENCRYPTED,
                "The document is password-protected; upload it without a password.",
            )
        found = sniff(data)
        if found is None:
            raise PermanentFailure(
                ErrorCode.UPLOAD_UNSUPPORTED_TYPE,
                "The file is neither a PDF nor a DOCX document, whatever its name or type says.",
            )
        text: str = _document_step(lambda: extract_text(data, found))
        return text

    def _request(self, masked: MaskedText, draft: dict[str, Any], delivery: Delivery) -> Any:
        settings = get_settings()
        seconds_left = (delivery.remaining_ms() - settings.worker_min_remaining_ms) / 1000
        return structuring_request(masked, draft, time.monotonic() + seconds_left)

    def _store(self, owner: str, job: Job, resume: ResumeIn) -> None:
        try:
            self.resumes.create(owner, resume, unique_key=job.unique_key)
        except ResumeKeyTaken:
            if self.resumes.get(owner, job.unique_key) is None:  # not ours: never overwrite
                raise PermanentFailure(
                    ErrorCode.RESUME_PARSE_FAILED, "The resume's key is taken."
                ) from None

    def _finish(self, job: Job, key: str, output: GenerationResult | None) -> None:
        self.objects.delete(key)
        provider, model = (output.provider, output.model) if output else ("", "")
        usage = output.usage if output else Usage()
        self._succeed(job, provider, model, usage, output.attempts if output else ())
        metrics.add_metric(name=Metric.UPLOADS_PARSED, unit=MetricUnit.Count, value=1)

    def _count_failure(self, code: str) -> None:
        metrics.add_metric(name=Metric.UPLOADS_FAILED, unit=MetricUnit.Count, value=1)
        if code not in DOCUMENT_FAILURES:  # a broken provider or store, not a bad document
            super()._count_failure(code)

    def _fail(
        self, job: Job, owner: str, code: str, detail: str, attempts: tuple[Any, ...] = ()
    ) -> None:
        super()._fail(job, owner, code, detail, attempts)
        try:
            self.objects.delete(object_key(job.job_id))
        except Exception:  # the bucket's lifecycle rule removes it within a day
            logger.exception("could not delete the uploaded file", extra={"job_id": job.job_id})

    # --- no file came --------------------------------------------------------------------

    def check_expiry(self, job_id: str) -> None:
        """End a job still waiting for its file once the URL has expired."""
        found = self.jobs.get(job_id)
        if found is None or found.job.status is not JobStatus.QUEUED:
            return  # ended already, or its file arrived and is being parsed
        job = found.job
        expires_at = str(job.parameters.get("expires_at", ""))
        if datetime.now(UTC) < datetime.fromisoformat(expires_at):
            logger.warning("upload check came early; job kept waiting", extra={"job_id": job_id})
            return
        if self.objects.size(object_key(job_id)) is not None:
            return  # the file is there; S3's notice of it is on its way
        detail = EXPIRED_DETAIL.format(expires_at=expires_at)
        self.jobs.fail(job_id, ErrorCode.UPLOAD_EXPIRED, detail)
        metrics.add_metric(name=Metric.UPLOADS_FAILED, unit=MetricUnit.Count, value=1)
        logger.info("upload expired", extra={"job_id": job_id})


def _document_step(read: Callable[[], Any]) -> Any:
    """A document that cannot be read is the job's end, with the reader's reason."""
    try:
        return read()
    except DocumentError as error:
        raise PermanentFailure(error.code, error.detail) from error


def _checked_resume(output: GenerationResult, masked: MaskedText) -> ResumeIn:
    """The answer passes the chain's checks once more: a single provider (not a chain)
    answers unchecked, and nothing invented may be stored."""
    found = review(output.data, masked.text)
    if found is not None:
        raise PermanentFailure(
            ErrorCode.RESUME_PARSE_FAILED,
            f"{output.provider} returned a resume that breaks {found.rules}",
        )
    try:
        draft = ResumeDraft.model_validate(output.data)
        if not has_content(draft):
            raise PermanentFailure(
                ErrorCode.UPLOAD_NOT_A_RESUME,
                "No resume content was found: no experience, projects, skills or education.",
            )
        return to_resume(draft, masked)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(map(str, item['loc']))}: {item['msg']}" for item in error.errors()[:5]
        )
        raise PermanentFailure(
            ErrorCode.RESUME_PARSE_FAILED, f"The parsed resume is not valid: {problems}"
        ) from error


def _kilobytes(size: int) -> int:
    return max(1, round(size / 1024))
