"""Resume use cases: create, read, list, replace, delete (with everything generated from it)."""

from __future__ import annotations

from aws_lambda_powertools.metrics import MetricUnit

from interview_prep.errors import RequestValidationFailed, ResumeNotFoundError
from interview_prep.models import PageCursor, Resume, ResumeIn, ResumePage
from interview_prep.observability import logger, metrics
from interview_prep.repositories.results import ResultRepository
from interview_prep.repositories.resumes import ResumeRepository


class ResumeService:
    def __init__(
        self,
        resumes: ResumeRepository | None = None,
        results: ResultRepository | None = None,
    ) -> None:
        self.resumes = resumes or ResumeRepository()
        self.results = results or ResultRepository()

    def create(self, owner: str, content: ResumeIn) -> Resume:
        resume = self.resumes.create(owner, content)
        logger.info("resume created", extra={"unique_key": resume.unique_key})
        metrics.add_metric(name="ResumesCreated", unit=MetricUnit.Count, value=1)
        return resume

    def get(self, owner: str, unique_key: str) -> Resume:
        resume = self.resumes.get(owner, unique_key)
        if resume is None:
            raise ResumeNotFoundError(unique_key)
        return resume

    def list(self, owner: str, limit: int, cursor: str | None) -> ResumePage:
        after = parse_cursor(cursor) if cursor else None
        items, following = self.resumes.list(owner, limit, after)
        return ResumePage(items=items, next_cursor=following.encode() if following else None)

    def replace(self, owner: str, unique_key: str, content: ResumeIn) -> Resume:
        resume = self.resumes.replace(owner, unique_key, content)
        if resume is None:
            raise ResumeNotFoundError(unique_key)
        logger.info("resume replaced", extra={"unique_key": unique_key})
        return resume

    def delete(self, owner: str, unique_key: str) -> None:
        """Results go first: if the resume delete then fails, a retried DELETE finishes the job."""
        self.get(owner, unique_key)
        removed = self.results.delete_for_resume(owner, unique_key)
        if not self.resumes.delete(owner, unique_key):
            raise ResumeNotFoundError(unique_key)
        logger.info("resume deleted", extra={"unique_key": unique_key, "results_deleted": removed})
        metrics.add_metric(name="ResumesDeleted", unit=MetricUnit.Count, value=1)


def parse_cursor(token: str) -> PageCursor:
    try:
        return PageCursor.decode(token)
    except ValueError as exc:
        raise RequestValidationFailed(
            "Invalid pagination cursor.",
            {"errors": [{"field": "cursor", "message": str(exc), "type": "cursor_invalid"}]},
        ) from exc
