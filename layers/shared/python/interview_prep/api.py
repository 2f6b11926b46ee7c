"""HTTP plumbing shared by every API function: resolver factory, auth, limits, error shape.

A handler module does ``app = create_app("resumes")``, registers its functions with
``@route(app, "<route name from the table>")`` and exports ``lambda_handler = lambda_entry(app)``.
"""

from __future__ import annotations

import base64
import hmac
import json
from collections.abc import Callable
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Annotated, Any, TypeVar

from aws_lambda_powertools.event_handler import (
    APIGatewayRestResolver,
    CORSConfig,
    Response,
    content_types,
)
from aws_lambda_powertools.event_handler.exceptions import NotFoundError, ServiceError
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.models import APIKey, APIKeyIn
from aws_lambda_powertools.event_handler.openapi.params import Path, Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.metrics.functions import is_metrics_disabled
from aws_lambda_powertools.utilities.typing import LambdaContext

from interview_prep import __version__, routes, secrets
from interview_prep.config import Settings, get_settings, parse_api_keys
from interview_prep.errors import (
    AppError,
    BadRequestError,
    ErrorCode,
    MethodNotAllowedError,
    PayloadTooLargeError,
    RequestValidationFailed,
    RouteNotFoundError,
    ServiceUnavailableError,
    UnauthorizedError,
)
from interview_prep.models import ErrorResponse
from interview_prep.observability import logger, metrics, tracer
from interview_prep.services.health import HealthReport, check_health

API_KEY_HEADER = "X-Api-Key"
F = TypeVar("F", bound=Callable[..., Any])
Handler = Callable[[dict[str, Any], LambdaContext], dict[str, Any]]

SECURITY_SCHEMES: dict[str, Any] = {
    "apiKey": APIKey(name=API_KEY_HEADER, in_=APIKeyIn.header),
}
OPENAPI_DESCRIPTION = (
    "Keeps resumes and turns them into personalised interview questions and learning paths. "
    f"Send your API key in the `{API_KEY_HEADER}` header. Errors share one shape: "
    "`detail`, `error_code`, `timestamp`, `details`, `request_id`."
)

_ERROR_RESPONSES: dict[int, Any] = {
    status: {
        "description": HTTPStatus(status).phrase,
        "content": {content_types.APPLICATION_JSON: {"model": ErrorResponse}},
    }
    for status in (400, 401, 404, 413, 422, 500, 503)
}


def create_app(function: str, settings: Settings | None = None) -> APIGatewayRestResolver:
    """A Powertools REST resolver with the service's validation, auth, limits and error shape."""
    settings = settings or get_settings()
    app = APIGatewayRestResolver(
        enable_validation=True, cors=_cors(settings), serializer=_json_utf8
    )
    app.use(middlewares=[_gatekeeper])
    _register_error_handlers(app)
    app.configure_openapi(
        title=f"Interview Prep API - {function}",
        version=__version__,
        description=OPENAPI_DESCRIPTION,
        security_schemes=SECURITY_SCHEMES,
    )
    docs = routes.route_named(f"{function}_docs")
    app.enable_swagger(path=docs.resolver_rule, security_schemes=SECURITY_SCHEMES)
    _add_health_route(app, function)
    return app


def _add_health_route(app: APIGatewayRestResolver, function: str) -> None:
    """Every service answers ``GET /api/v1/<service>/health`` the same way."""

    @route(app, f"{function}_health")
    def health() -> Response[HealthReport]:
        report = check_health(function)
        return json_response(report, status=200 if report.healthy else 503)


def route(app: APIGatewayRestResolver, name: str) -> Callable[[F], F]:
    """Register a handler function for the route table entry called ``name``."""
    entry = routes.route_named(name)
    decorator: Callable[[F], F] = app.route(
        rule=entry.resolver_rule,
        method=entry.method,
        summary=entry.summary,
        operation_id=entry.name,
        tags=list(entry.tags),
        responses=dict(_ERROR_RESPONSES),
        security=[{"apiKey": []}] if entry.auth else [],
    )
    return decorator


# Parameters several functions share (documented once in OpenAPI).
UniqueKey = Annotated[str, Path(description="The resume's unique_key")]
Limit = Annotated[int | None, Query(ge=1, le=100, description="Page size (default 20)")]
Cursor = Annotated[str | None, Query(max_length=512, description="`next_cursor` of the last page")]


def base_path(app: APIGatewayRestResolver) -> str:
    """The prefix the client called through (API Gateway stage or custom-domain base path)."""
    event = app.current_event
    full = event.request_context.path or event.path
    return full[: -len(event.path)] if full.endswith(event.path) else ""


def owner(app: APIGatewayRestResolver) -> str:
    """The authenticated caller (set by the gatekeeper for every route that needs a key)."""
    value: str = app.context["owner"]
    return value


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


def lambda_entry(app: APIGatewayRestResolver) -> Handler:
    """The Lambda entry point for a resolver, with logging, tracing and metrics."""

    @logger.inject_lambda_context(
        correlation_id_path=correlation_paths.API_GATEWAY_REST, clear_state=True
    )
    @tracer.capture_lambda_handler
    # the cold-start metric ignores POWERTOOLS_METRICS_DISABLED, so ask only when enabled
    @metrics.log_metrics(capture_cold_start_metric=not is_metrics_disabled())
    def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
        return app.resolve(event, context)

    return handler


def _json_utf8(body: Any) -> str:
    # Korean resumes stay readable (and a third smaller) without escaping non-ASCII text.
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), default=str)


# --- request checks ---------------------------------------------------------------------------


def _gatekeeper(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response[Any]:
    _check_request(app)
    return next_middleware(app)


def _check_request(app: APIGatewayRestResolver) -> None:
    """Authenticate and bound the request. Runs before the handler, for matched routes only."""
    event = app.current_event
    found = routes.match(event.http_method, event.path)
    if found.route is None:
        return
    if found.route.auth:
        key = event.headers.get(API_KEY_HEADER)  # case-insensitive in Powertools v3
        app.append_context(owner=_owner_for_key(key, api_key_table()))  # type: ignore[no-untyped-call]
    content_type = event.headers.get("Content-Type") or ""
    if event.body and content_type and "json" not in content_type.lower():
        # curl -d without -H sends a form; say so instead of "unknown field: {...}"
        raise BadRequestError(
            "Send the request body as JSON with 'Content-Type: application/json'.",
            {"content_type": content_type},
        )
    size = _body_size(event.body, bool(event.is_base64_encoded))
    limit = get_settings().max_body_bytes
    if size > limit:
        raise PayloadTooLargeError(
            f"Request body is {size} bytes; the limit is {limit} bytes.",
            {"size_bytes": size, "limit_bytes": limit},
        )


def api_key_table() -> dict[str, str]:
    """API key -> owner: from Secrets Manager when configured, else from ``API_KEYS``."""
    settings = get_settings()
    if not settings.api_keys_secret_name:
        return settings.api_keys
    try:
        return parse_api_keys(secrets.resolve(settings.api_keys_secret_name, ""))
    except ValueError as exc:
        logger.error("the API key secret is not a JSON object of key -> owner")
        raise ServiceUnavailableError("The service is misconfigured; retry later.") from exc


def _owner_for_key(key: str | None, table: dict[str, str]) -> str:
    if not key:
        raise UnauthorizedError(f"Missing API key: send it in the {API_KEY_HEADER} header.")
    owner = None
    for known, candidate in table.items():
        # compare every key in constant time so timing does not reveal a prefix
        if hmac.compare_digest(known.encode(), key.encode()):
            owner = candidate
    if owner is None:
        raise UnauthorizedError("Unknown API key.")
    return owner


def _body_size(body: str | None, is_base64: bool) -> int:
    if not body:
        return 0
    return len(base64.b64decode(body)) if is_base64 else len(body.encode())


# --- errors -----------------------------------------------------------------------------------


def error_body(error: AppError, request_id: str | None) -> str:
    return ErrorResponse(
        detail=error.detail,
        error_code=error.code,
        timestamp=datetime.now(UTC).replace(microsecond=0),
        details=error.details,
        request_id=request_id,
    ).model_dump_json()


def _render(app: APIGatewayRestResolver, error: AppError) -> Response[str]:
    request_id = app.current_event.request_context.request_id
    return Response(
        status_code=error.status,
        content_type=content_types.APPLICATION_JSON,
        body=error_body(error, request_id),
        headers=error.headers,
    )


def _register_error_handlers(app: APIGatewayRestResolver) -> None:
    @app.exception_handler(AppError)
    def _app_error(error: AppError) -> Response[str]:
        if error.status >= HTTPStatus.INTERNAL_SERVER_ERROR:
            logger.warning("request failed", extra={"error_code": error.code})
        return _render(app, error)

    @app.exception_handler(RequestValidationError)
    def _invalid_request(error: RequestValidationError) -> Response[str]:
        try:
            # Validation runs before middlewares: answer 401/413 first, as if it had not.
            _check_request(app)
        except AppError as earlier:
            return _render(app, earlier)
        return _render(app, validation_error(error.errors()))

    @app.not_found
    def _unmatched(_: NotFoundError) -> Response[str]:
        event = app.current_event
        found = routes.match(event.http_method, event.path)
        if found.allowed_methods:
            allowed = ", ".join(found.allowed_methods)
            return _render(
                app,
                MethodNotAllowedError(
                    f"Method {event.http_method} is not allowed on {event.path}.",
                    {"allowed_methods": list(found.allowed_methods)},
                    headers={"Allow": allowed},
                ),
            )
        return _render(app, RouteNotFoundError(f"No route for {event.path}.", {"path": event.path}))

    @app.exception_handler(ServiceError)
    def _powertools_error(error: ServiceError) -> Response[str]:
        generic = AppError(str(error.msg))
        generic.status = HTTPStatus(error.status_code)
        return _render(app, generic)

    @app.exception_handler(Exception)
    def _unexpected(error: Exception) -> Response[str]:
        logger.exception("unhandled error")
        return _render(app, AppError("Internal server error."))


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


def _cors(settings: Settings) -> CORSConfig | None:
    origins = settings.cors_origins
    if not origins:
        return None
    return CORSConfig(
        allow_origin=origins[0],
        extra_origins=origins[1:],
        allow_headers=[API_KEY_HEADER, "Idempotency-Key", "Content-Type"],
        expose_headers=["Location"],
        max_age=600,
    )


__all__ = [
    "ErrorCode",
    "create_app",
    "created",
    "json_response",
    "lambda_entry",
    "no_content",
    "owner",
    "route",
]
