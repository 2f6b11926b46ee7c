from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class ErrorResponse(BaseModel):
    """The one error shape every route answers with."""

    detail: str = Field(examples=["Resume not found with key: 3kP9sQ2mVx1bZr8LcT4yWg"])
    error_code: str = Field(examples=["RESUME_NOT_FOUND"])
    #: ISO 8601 UTC from the service; epoch milliseconds from API Gateway's own errors.
    timestamp: datetime | int = Field(
        description=(
            "When the request was answered: `YYYY-MM-DDTHH:MM:SSZ` (UTC). Errors API Gateway "
            "answers itself (throttling, quota, missing key, timeouts, oversized requests) "
            "carry the request time in epoch milliseconds instead: API Gateway can only "
            "substitute variables into those bodies, not format a time."
        ),
        examples=["2026-11-25T09:56:15Z"],
    )
    details: dict[str, Any] = Field(default_factory=dict)
    request_id: str | None = Field(default=None, examples=["c6af9ac6-7b61-11e6-9a41-93e8deadbeef"])
