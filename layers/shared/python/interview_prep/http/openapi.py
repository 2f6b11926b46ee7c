"""The OpenAPI contract of each route, written where the route is registered.

Every operation documents its success status and model, every error status it can answer
(in the standard error shape) and its security, so generated clients and fuzzers see the
API as it behaves. Statuses come from the route table and the handler's signature.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import Any, TypeVar

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, content_types
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.models import APIKey, APIKeyIn
from aws_lambda_powertools.event_handler.openapi.types import (
    OpenAPIResponse,
    OpenAPIResponseHeader,
)

from interview_prep import __version__, routes
from interview_prep.contract import API_KEY_HEADER
from interview_prep.models import ErrorResponse

F = TypeVar("F", bound=Callable[..., Any])

SECURITY_SCHEMES: dict[str, Any] = {
    "apiKey": APIKey(name=API_KEY_HEADER, in_=APIKeyIn.header),
}
OPENAPI_DESCRIPTION = (
    "Keeps resumes and turns them into personalised interview questions and learning paths. "
    f"Send your API key in the `{API_KEY_HEADER}` header. Errors share one shape: "
    "`detail`, `error_code`, `timestamp`, `details`, `request_id`. A method a path does not "
    "have is answered 405 `METHOD_NOT_ALLOWED` with an `Allow` header."
)

_LOCATION: dict[str, OpenAPIResponseHeader] = {
    "Location": {"description": "Where the new resource (or job) is read"}
}
_ERROR_DESCRIPTIONS = {
    400: "The body is not JSON, not UTF-8, or nests too deep (`BAD_REQUEST`)",
    401: "API key missing or unknown (`UNAUTHORIZED`)",
    404: "No such resource for this caller",
    409: "A request with this Idempotency-Key is still running (`IDEMPOTENCY_CONFLICT`)",
    413: "Body over the size limit (`PAYLOAD_TOO_LARGE`)",
    415: "The body is not sent as `application/json` (`UNSUPPORTED_MEDIA_TYPE`)",
    422: "A parameter or field is invalid (`VALIDATION_ERROR`, naming each field)",
    429: "Too many requests for this key, or a generation quota used up (`RATE_LIMITED`; "
    "`Retry-After` says when to retry)",
    500: "A bug: the request id finds the log (`INTERNAL_ERROR`)",
    503: "A dependency is unreachable; retry shortly",
    504: "The service took too long to answer (from API Gateway); retry",
}
#: Routes whose error statuses mean something more specific than the usual.
_ROUTE_ERROR_DESCRIPTIONS: dict[str, dict[int, str]] = {
    "start_upload": {
        413: "The declared file size is over 10 MB (`UPLOAD_TOO_LARGE`), or the body is "
        "over the size limit (`PAYLOAD_TOO_LARGE`)",
        415: "The declared file is not a PDF or DOCX (`UPLOAD_UNSUPPORTED_TYPE`), or the "
        "body is not sent as `application/json` (`UNSUPPORTED_MEDIA_TYPE`)",
    },
}
#: Where a success leads: OpenAPI links, followed by clients and stateful fuzzers.
_LINKS: dict[str, dict[str, Any]] = {
    "create_resume": {
        operation: {
            "operationId": operation,
            "parameters": {"unique_key": "$response.body#/unique_key"},
        }
        for operation in (
            "get_resume",
            "update_resume",
            "delete_resume",
            "start_interview",
            "start_learning_path",
        )
    },
    **{
        start: {
            "get_job": {
                "operationId": "get_job",
                "parameters": {"job_id": "$response.body#/job_id"},
            }
        }
        for start in ("start_interview", "start_learning_path")
    },
    "submit_answer": {
        "get_job": {"operationId": "get_job", "parameters": {"job_id": "$response.body#/job_id"}},
        "get_answer": {
            "operationId": "get_answer",
            "parameters": {
                "unique_key": "$request.path.unique_key",
                "attempt_id": "$response.body#/job_id",
            },
        },
    },
    "start_upload": {
        "get_job": {"operationId": "get_job", "parameters": {"job_id": "$response.body#/job_id"}},
        "get_resume": {
            "operationId": "get_resume",
            "parameters": {"unique_key": "$response.body#/unique_key"},
        },
    },
}

Target = APIGatewayRestResolver | Router


def route(
    target: Target, name: str, models: Mapping[int, type[Any]] | None = None
) -> Callable[[F], F]:
    """Register a handler for the route table entry ``name``, with its whole contract.

    ``models`` names the body model of each success status when there is more than one
    (``{202: JobAccepted, 200: InterviewResult}``); otherwise the return annotation is it.
    """
    entry = routes.route_named(name)

    def register(handler: F) -> F:
        registered: F = target.route(
            rule=entry.resolver_rule,
            method=entry.method,
            summary=entry.summary,
            operation_id=entry.name,
            tags=list(entry.tags),
            responses=responses_for(entry, models or {}),
            security=[{"apiKey": []}] if entry.auth else [],
        )(handler)
        return registered

    return register


def responses_for(
    entry: routes.Route, models: Mapping[int, type[Any]]
) -> dict[int, OpenAPIResponse]:
    documented: dict[int, OpenAPIResponse] = {}
    for status in sorted({entry.status, *models}):
        documented[status] = _success(entry, status, models.get(status))
    specific = _ROUTE_ERROR_DESCRIPTIONS.get(entry.name, {})
    for status in sorted(error_statuses(entry)):
        documented.setdefault(
            status,
            {  # a documented success (health's 503) stays
                "description": specific.get(status, _ERROR_DESCRIPTIONS[status]),
                "content": {content_types.APPLICATION_JSON: {"model": ErrorResponse}},
            },
        )
    return documented


def error_statuses(entry: routes.Route) -> set[int]:
    """The error statuses a route can answer, from the route table entry.

    Every route reads MongoDB or DynamoDB (503) and sits behind API Gateway (504); every
    operation may answer 422, as Powertools documents, in the standard error shape.
    """
    statuses = {422, 500, 503, 504}
    if entry.auth:
        statuses |= {401, 429}
    if "{" in entry.path:
        statuses.add(404)
    if entry.method in {"POST", "PUT", "PATCH"}:
        statuses |= {400, 413, 415}
    if entry.waits:
        statuses.add(409)  # Idempotency-Key still in progress
    return statuses


def _success(entry: routes.Route, status: int, model: type[Any] | None) -> OpenAPIResponse:
    response: OpenAPIResponse = {"description": HTTPStatus(status).phrase}
    if status == HTTPStatus.NO_CONTENT:
        response["content"] = {}
    elif model is not None:
        response["content"] = {content_types.APPLICATION_JSON: {"model": model}}
    if status in {HTTPStatus.CREATED, HTTPStatus.ACCEPTED}:
        response["headers"] = dict(_LOCATION)
    if status == entry.status and entry.name in _LINKS:
        response["links"] = _LINKS[entry.name]
    return response


def merged_document(schemas: list[dict[str, Any]]) -> dict[str, Any]:
    """One OpenAPI document of the whole service from each function's own."""
    from aws_lambda_powertools.event_handler.openapi.merge import OpenAPIMerge

    merge = OpenAPIMerge(
        title="Interview Prep API",
        version=__version__,
        description=OPENAPI_DESCRIPTION,
        security_schemes=SECURITY_SCHEMES,
        on_conflict="error",
    )
    for schema in schemas:
        merge.add_schema(schema)
    document: dict[str, Any] = json.loads(merge.get_openapi_json_schema())
    return document
