"""Reading generated results: the latest, one job's, or the history, flagged stale when the
resume changed after generation."""

from __future__ import annotations

from typing import Any

from interview_prep.errors import ErrorCode, ResultNotFoundError
from interview_prep.generation.analysis import content_hash
from interview_prep.models import PageCursor, ResumeIn
from interview_prep.models.jobs import JobKind
from interview_prep.models.results import (
    InterviewHistory,
    InterviewResult,
    LearningPathHistory,
    LearningPathResult,
)
from interview_prep.repositories.results import ResultRepository
from interview_prep.services.jobs import JobLinks, JobService
from interview_prep.services.resumes import ResumeService, parse_cursor

Result = InterviewResult | LearningPathResult
History = InterviewHistory | LearningPathHistory
_MODELS: dict[JobKind, tuple[type[Result], type[History], ErrorCode, str]] = {
    JobKind.INTERVIEW_QUESTIONS: (
        InterviewResult,
        InterviewHistory,
        ErrorCode.INTERVIEW_NOT_FOUND,
        "No interview questions",
    ),
    JobKind.LEARNING_PATH: (
        LearningPathResult,
        LearningPathHistory,
        ErrorCode.LEARNING_PATH_NOT_FOUND,
        "No learning path",
    ),
}


class ResultService:
    def __init__(
        self,
        results: ResultRepository | None = None,
        resumes: ResumeService | None = None,
        jobs: JobService | None = None,
    ) -> None:
        self.results = results or ResultRepository()
        self.resumes = resumes or ResumeService()
        self.jobs = jobs or JobService()

    def get(
        self, owner: str, unique_key: str, kind: JobKind, job_id: str | None, links: JobLinks
    ) -> Result:
        current = self._resume_hash(owner, unique_key)
        document = (
            self.results.by_job(kind, owner, job_id)
            if job_id
            else self.results.latest(kind, owner, unique_key)
        )
        if document is None or document["unique_key"] != unique_key:
            raise self._not_found(owner, unique_key, kind, job_id, links)
        return _to_model(kind, document, current)

    def history(
        self, owner: str, unique_key: str, kind: JobKind, limit: int, cursor: str | None
    ) -> History:
        current = self._resume_hash(owner, unique_key)
        after: PageCursor | None = parse_cursor(cursor) if cursor else None
        documents, following = self.results.history(kind, owner, unique_key, limit, after)
        history_model = _MODELS[kind][1]
        return history_model.model_validate(
            {
                "items": [_to_model(kind, document, current) for document in documents],
                "next_cursor": following.encode() if following else None,
            }
        )

    def _resume_hash(self, owner: str, unique_key: str) -> str:
        resume = self.resumes.get(owner, unique_key)  # 404 RESUME_NOT_FOUND first
        return content_hash(ResumeIn.model_validate(resume.model_dump(mode="json")))

    def _not_found(
        self, owner: str, unique_key: str, kind: JobKind, job_id: str | None, links: JobLinks
    ) -> ResultNotFoundError:
        _, _, code, what = _MODELS[kind]
        details: dict[str, Any] = {"unique_key": unique_key}
        if job_id:
            details["job_id"] = job_id
            return ResultNotFoundError(code, f"{what} from job {job_id} for this resume.", details)
        running = self.jobs.latest_job(owner, unique_key, kind)
        if running is not None and not running.status.finished:
            details["running_job_id"] = running.job_id
            details["status_url"] = links.status(running.job_id)
            return ResultNotFoundError(
                code, f"{what} yet: generation is {running.status}.", details
            )
        return ResultNotFoundError(code, f"{what} has been generated for this resume yet.", details)


def _to_model(kind: JobKind, document: dict[str, Any], current_hash: str) -> Result:
    model = _MODELS[kind][0]
    return model.model_validate({**document, "stale": document.get("resume_hash") != current_hash})
