"""How a generation attempt can end other than in success, as the worker decides on it."""

from __future__ import annotations

from interview_prep.errors import AppError, ErrorCode
from interview_prep.llm.base import Attempt
from interview_prep.models.jobs import JobKind

FAILURE_CODES = {
    JobKind.INTERVIEW_QUESTIONS: ErrorCode.INTERVIEW_GENERATION_FAILED,
    JobKind.LEARNING_PATH: ErrorCode.LEARNING_PATH_GENERATION_FAILED,
    JobKind.RESUME_UPLOAD: ErrorCode.RESUME_PARSE_FAILED,
    JobKind.ANSWER_GRADING: ErrorCode.ANSWER_GRADING_FAILED,
}


class PermanentFailure(Exception):
    """No retry can help (the resume is gone, the provider refused the request)."""

    def __init__(self, code: str, detail: str, attempts: tuple[Attempt, ...] = ()) -> None:
        super().__init__(detail)
        self.code, self.detail, self.attempts = code, detail, attempts


class TransientFailure(Exception):
    """A later attempt may succeed; ``delay_seconds`` None means "back off as usual"."""

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


def as_transient(kind: JobKind, error: Exception) -> TransientFailure:
    """Any failure that is not known to be permanent is worth another try."""
    if isinstance(error, TransientFailure):
        return error
    if isinstance(error, AppError):  # e.g. DATABASE_CONNECTION_ERROR from an adapter
        return TransientFailure(error.code, error.detail)
    return TransientFailure(FAILURE_CODES[kind], "An unexpected error interrupted generation.")
