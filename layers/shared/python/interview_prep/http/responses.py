"""Success responses in the service's JSON encoding."""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types


def json_response(
    body: Any, status: int = HTTPStatus.OK, headers: dict[str, str] | None = None
) -> Response[Any]:
    return Response(
        status_code=status,
        content_type=content_types.APPLICATION_JSON,
        body=body,
        headers=headers or {},
    )


def created(body: Any, location: str) -> Response[Any]:
    return json_response(body, HTTPStatus.CREATED, {"Location": location})


def no_content() -> Response[None]:
    return Response(status_code=HTTPStatus.NO_CONTENT, content_type=None, body=None)


def dumps(body: Any) -> str:
    """Compact JSON; Korean resumes stay readable (and a third smaller) without escaping."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), default=str)
