"""Domain errors. Each carries its HTTP status and stable error code; ``api`` renders them."""

from __future__ import annotations

from enum import StrEnum
from http import HTTPStatus
from typing import Any

#: What a request without a valid key is told (by the gateway, before any function runs).
UNAUTHORIZED_DETAIL = "Missing, unknown or revoked API key: send a valid one in X-Api-Key."


class ErrorCode(StrEnum):
    BAD_REQUEST = "BAD_REQUEST"
    VALIDATION_ERROR = "VALIDATION_ERROR"
    UNAUTHORIZED = "UNAUTHORIZED"
    FORBIDDEN = "FORBIDDEN"
    ROUTE_NOT_FOUND = "ROUTE_NOT_FOUND"
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
    UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
    RATE_LIMITED = "RATE_LIMITED"
    RESUME_NOT_FOUND = "RESUME_NOT_FOUND"
    JOB_NOT_FOUND = "JOB_NOT_FOUND"
    INTERVIEW_NOT_FOUND = "INTERVIEW_NOT_FOUND"
    LEARNING_PATH_NOT_FOUND = "LEARNING_PATH_NOT_FOUND"
    QUESTION_NOT_FOUND = "QUESTION_NOT_FOUND"
    ATTEMPT_NOT_FOUND = "ATTEMPT_NOT_FOUND"
    IDEMPOTENCY_CONFLICT = "IDEMPOTENCY_CONFLICT"
    INTERVIEW_GENERATION_FAILED = "INTERVIEW_GENERATION_FAILED"
    LEARNING_PATH_GENERATION_FAILED = "LEARNING_PATH_GENERATION_FAILED"
    ANSWER_GRADING_FAILED = "ANSWER_GRADING_FAILED"
    LLM_PROVIDER_NOT_AVAILABLE = "LLM_PROVIDER_NOT_AVAILABLE"
    UPLOAD_TOO_LARGE = "UPLOAD_TOO_LARGE"
    UPLOAD_UNSUPPORTED_TYPE = "UPLOAD_UNSUPPORTED_TYPE"
    UPLOAD_EXPIRED = "UPLOAD_EXPIRED"
    UPLOAD_NO_TEXT = "UPLOAD_NO_TEXT"
    UPLOAD_ENCRYPTED = "UPLOAD_ENCRYPTED"
    UPLOAD_UNREADABLE = "UPLOAD_UNREADABLE"
    UPLOAD_NOT_A_RESUME = "UPLOAD_NOT_A_RESUME"
    RESUME_PARSE_FAILED = "RESUME_PARSE_FAILED"
    STORAGE_UNAVAILABLE = "STORAGE_UNAVAILABLE"
    DATABASE_CONNECTION_ERROR = "DATABASE_CONNECTION_ERROR"
    TASK_QUEUE_ERROR = "TASK_QUEUE_ERROR"
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
    INTERNAL_ERROR = "INTERNAL_ERROR"


class AppError(Exception):
    """Base of every error that reaches a client in the standard shape."""

    status: HTTPStatus = HTTPStatus.INTERNAL_SERVER_ERROR
    code: ErrorCode = ErrorCode.INTERNAL_ERROR

    def __init__(
        self,
        detail: str,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.details: dict[str, Any] = details or {}
        self.headers: dict[str, str] = headers or {}


class BadRequestError(AppError):
    status = HTTPStatus.BAD_REQUEST
    code = ErrorCode.BAD_REQUEST


class RequestValidationFailed(AppError):
    status = HTTPStatus.UNPROCESSABLE_ENTITY
    code = ErrorCode.VALIDATION_ERROR


class UnauthorizedError(AppError):
    status = HTTPStatus.UNAUTHORIZED
    code = ErrorCode.UNAUTHORIZED


class RouteNotFoundError(AppError):
    status = HTTPStatus.NOT_FOUND
    code = ErrorCode.ROUTE_NOT_FOUND


class MethodNotAllowedError(AppError):
    status = HTTPStatus.METHOD_NOT_ALLOWED
    code = ErrorCode.METHOD_NOT_ALLOWED


class PayloadTooLargeError(AppError):
    status = HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    code = ErrorCode.PAYLOAD_TOO_LARGE


class UnsupportedMediaTypeError(AppError):
    status = HTTPStatus.UNSUPPORTED_MEDIA_TYPE
    code = ErrorCode.UNSUPPORTED_MEDIA_TYPE


class ResumeNotFoundError(AppError):
    status = HTTPStatus.NOT_FOUND
    code = ErrorCode.RESUME_NOT_FOUND

    def __init__(self, unique_key: str) -> None:
        super().__init__(f"Resume not found with key: {unique_key}", {"unique_key": unique_key})


class ResumeKeyTaken(Exception):
    """A resume already exists under the key a store was asked to use."""


class ServiceUnavailableError(AppError):
    status = HTTPStatus.SERVICE_UNAVAILABLE
    code = ErrorCode.SERVICE_UNAVAILABLE


class DatabaseUnavailableError(AppError):
    status = HTTPStatus.SERVICE_UNAVAILABLE
    code = ErrorCode.DATABASE_CONNECTION_ERROR

    def __init__(self) -> None:
        super().__init__("The database is temporarily unreachable; retry shortly.")


class JobNotFoundError(AppError):
    status = HTTPStatus.NOT_FOUND
    code = ErrorCode.JOB_NOT_FOUND

    def __init__(self, job_id: str) -> None:
        super().__init__(f"Job not found with id: {job_id}", {"job_id": job_id})


class ResultNotFoundError(AppError):
    status = HTTPStatus.NOT_FOUND

    def __init__(self, code: ErrorCode, detail: str, details: dict[str, Any]) -> None:
        super().__init__(detail, details)
        self.code = code


class TaskQueueError(AppError):
    status = HTTPStatus.SERVICE_UNAVAILABLE
    code = ErrorCode.TASK_QUEUE_ERROR

    def __init__(self, job_id: str) -> None:
        super().__init__(
            "The generation request could not be queued; nothing was started. Retry shortly.",
            {"job_id": job_id},
        )


class QueueUnavailableError(AppError):
    """The generation queue cannot be reached (raised by the queue adapter)."""

    status = HTTPStatus.SERVICE_UNAVAILABLE
    code = ErrorCode.TASK_QUEUE_ERROR

    def __init__(self, detail: str = "The task queue is temporarily unreachable.") -> None:
        super().__init__(detail)


class JobStoreUnavailableError(AppError):
    """The job table cannot be reached (raised by the job repository)."""

    status = HTTPStatus.SERVICE_UNAVAILABLE
    code = ErrorCode.SERVICE_UNAVAILABLE

    def __init__(self) -> None:
        super().__init__("The job store is temporarily unreachable; retry shortly.")


class KeyStoreUnavailableError(AppError):
    """The keys table cannot be reached (raised by the key and quota repositories)."""

    status = HTTPStatus.SERVICE_UNAVAILABLE
    code = ErrorCode.SERVICE_UNAVAILABLE

    def __init__(self) -> None:
        super().__init__("The API key store is temporarily unreachable; retry shortly.")


class RateLimitedError(AppError):
    """The owner used up a quota; ``Retry-After`` says when a slot frees."""

    status = HTTPStatus.TOO_MANY_REQUESTS
    code = ErrorCode.RATE_LIMITED

    def __init__(self, limit: str, maximum: int, window_seconds: int, retry_after: int) -> None:
        super().__init__(
            f"Quota {limit} reached ({maximum} per {window_seconds} s); retry in {retry_after} s.",
            {"limit": limit, "max": maximum, "window_seconds": window_seconds},
            {"Retry-After": str(retry_after)},
        )


class IdempotencyConflictError(AppError):
    status = HTTPStatus.CONFLICT
    code = ErrorCode.IDEMPOTENCY_CONFLICT


class UploadTooLargeError(AppError):
    status = HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    code = ErrorCode.UPLOAD_TOO_LARGE

    def __init__(self, size: int, maximum: int) -> None:
        super().__init__(
            f"The file is {size} bytes; uploads may be at most {maximum} bytes.",
            {"size": size, "max": maximum},
        )


class UploadUnsupportedTypeError(AppError):
    status = HTTPStatus.UNSUPPORTED_MEDIA_TYPE
    code = ErrorCode.UPLOAD_UNSUPPORTED_TYPE

    def __init__(self, content_type: str, accepted: tuple[str, ...]) -> None:
        super().__init__(
            f"Uploads must be PDF or DOCX files, not {content_type!r}.",
            {"content_type": content_type, "accepted": list(accepted)},
        )


class StorageUnavailableError(AppError):
    """The uploads bucket cannot be reached (raised by the object store adapter)."""

    status = HTTPStatus.SERVICE_UNAVAILABLE
    code = ErrorCode.STORAGE_UNAVAILABLE

    def __init__(self) -> None:
        super().__init__("The file store is temporarily unreachable; retry shortly.")
