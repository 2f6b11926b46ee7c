"""Every failure answered in the standard error shape, with the API Gateway request id."""

from __future__ import annotations

from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types
from aws_lambda_powertools.event_handler.exceptions import NotFoundError, ServiceError
from aws_lambda_powertools.event_handler.openapi.exceptions import (
    RequestUnsupportedContentType,
    RequestValidationError,
)

from interview_prep import routes
from interview_prep.errors import (
    AppError,
    BadRequestError,
    MethodNotAllowedError,
    RequestValidationFailed,
    RouteNotFoundError,
    UnsupportedMediaTypeError,
)
from interview_prep.models import ErrorResponse
from interview_prep.observability import logger


def error_body(error: AppError, request_id: str | None) -> str:
    return ErrorResponse(
        detail=error.detail,
        error_code=error.code,
        timestamp=datetime.now(UTC).replace(microsecond=0),
        details=error.details,
        request_id=request_id,
    ).model_dump_json()


def render(app: APIGatewayRestResolver, error: AppError) -> Response[str]:
    request_id = app.current_event.request_context.request_id
    return Response(
        status_code=error.status,
        content_type=content_types.APPLICATION_JSON,
        body=error_body(error, request_id),
        headers=error.headers,
    )


def register_error_handlers(app: APIGatewayRestResolver) -> None:
    @app.exception_handler(AppError)
    def _app_error(error: AppError) -> Response[str]:
        if error.status >= HTTPStatus.INTERNAL_SERVER_ERROR:
            logger.warning("request failed", extra={"error_code": error.code})
        return render(app, error)

    @app.exception_handler(RequestValidationError)
    def _invalid_request(error: RequestValidationError) -> Response[str]:
        return render(app, validation_error(error.errors()))

    @app.exception_handler(RequestUnsupportedContentType)
    def _unsupported(_: RequestUnsupportedContentType) -> Response[str]:
        content_type = app.current_event.headers.get("Content-Type")
        return render(app, unsupported_media_type(content_type))

    @app.not_found
    def _unmatched(_: NotFoundError) -> Response[str]:
        return render(app, unmatched(app.current_event.http_method, app.current_event.path))

    @app.exception_handler(ServiceError)
    def _powertools_error(error: ServiceError) -> Response[str]:
        generic = AppError(str(error.msg))
        generic.status = HTTPStatus(error.status_code)
        return render(app, generic)

    @app.exception_handler(Exception)
    def _unexpected(error: Exception) -> Response[str]:
        logger.exception("unhandled error")
        return render(app, AppError("Internal server error."))


def unmatched(method: str, path: str) -> AppError:
    """404 for a path no route has; 405 with ``Allow`` for a path that has other methods."""
    found = routes.match(method, path)
    if not found.allowed_methods:
        return RouteNotFoundError(f"No route for {path}.", {"path": path})
    return MethodNotAllowedError(
        f"Method {method} is not allowed on {path}.",
        {"allowed_methods": list(found.allowed_methods)},
        headers={"Allow": ", ".join(found.allowed_methods)},
    )


def unsupported_media_type(content_type: str | None) -> AppError:
    # curl -d without -H sends a form; say so instead of "unknown field: {...}"
    return UnsupportedMediaTypeError(
        "Send the request body as JSON with 'Content-Type: application/json'.",
        {"content_type": content_type or None, "supported": ["application/json"]},
    )


def validation_error(errors: list[dict[str, Any]] | Any) -> AppError:
    """Map pydantic/Powertools validation errors to 400 (not JSON) or 422 (naming each field)."""
    if any(error.get("type") == "json_invalid" for error in errors):
        return BadRequestError("Request body is not valid JSON.", {"reason": "json_invalid"})
    fields = [_describe(error) for error in errors]
    unknown = [f["field"] for f in fields if f["type"] == "extra_forbidden"]
    detail = (
        f"Unknown field(s): {', '.join(unknown)}."
        if unknown and len(unknown) == len(fields)
        else "Request validation failed: "
        + "; ".join(f"{f['field']}: {f['message']}" for f in fields)
    )
    details: dict[str, Any] = {"errors": fields}
    if unknown:
        details["unknown_fields"] = unknown
    return RequestValidationFailed(detail, details)


def _describe(error: dict[str, Any]) -> dict[str, str]:
    location = [str(part) for part in error.get("loc", ())]
    if location and location[0] in {"body", "query", "path", "header"}:
        location = location[1:] or location
    return {
        "field": ".".join(location) or "body",
        "message": str(error.get("msg", "invalid")),
        "type": str(error.get("type", "invalid")),
    }
