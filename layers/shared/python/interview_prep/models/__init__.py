"""Pydantic models: the one schema source for validation, storage and OpenAPI."""

from interview_prep.models.common import Page, PageCursor
from interview_prep.models.errors import ErrorResponse
from interview_prep.models.resume import SERVER_MANAGED_FIELDS, Resume, ResumeIn, ResumePage

__all__ = [
    "SERVER_MANAGED_FIELDS",
    "ErrorResponse",
    "Page",
    "PageCursor",
    "Resume",
    "ResumeIn",
    "ResumePage",
]
