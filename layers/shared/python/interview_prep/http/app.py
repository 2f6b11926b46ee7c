"""The resolver every API function is built on, and its Lambda entry point.

A handler module does ``app = create_app("resumes")``, registers its functions with
``@route(app, "<route name from the table>")`` and exports ``lambda_handler = lambda_entry(app)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, CORSConfig, Response
from aws_lambda_powertools.event_handler.openapi.models import OpenAPI, PathItem
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.metrics.functions import is_metrics_disabled
from aws_lambda_powertools.utilities.typing import LambdaContext

from interview_prep import __version__, routes
from interview_prep.config import Settings, check_settings
from interview_prep.contract import API_KEY_HEADER, IDEMPOTENCY_KEY_HEADER
from interview_prep.http import formats, gate
from interview_prep.http.errors import register_error_handlers
from interview_prep.http.openapi import OPENAPI_DESCRIPTION, SECURITY_SCHEMES, route
from interview_prep.http.responses import dumps, json_response
from interview_prep.observability import logger, metrics, tracer
from interview_prep.services.health import HealthReport, check_health

Handler = Callable[[dict[str, Any], LambdaContext], dict[str, Any]]


class ServiceResolver(APIGatewayRestResolver):
    """Powertools' REST resolver, whose OpenAPI document (served and exported) describes
    the resume bodies in both of their formats."""

    def get_openapi_schema(self, **kwargs: Any) -> OpenAPI:
        schema = super().get_openapi_schema(**kwargs)
        document = schema.model_dump(by_alias=True, exclude_none=True, mode="json")
        patched = formats.document_both_formats(document)
        # path items typed as models again: read from plain dicts, the model keeps them as
        # dicts (its paths are ``PathItem | Any``), which other readers do not expect
        paths = {path: PathItem.model_validate(item) for path, item in patched["paths"].items()}
        return OpenAPI.model_validate({**patched, "paths": paths})


def create_app(function: str, settings: Settings | None = None) -> APIGatewayRestResolver:
    """A Powertools REST resolver with the service's gate, error shape, docs and health."""
    settings = check_settings(function, settings)
    app = ServiceResolver(enable_validation=True, cors=_cors(settings), serializer=dumps)
    gate.install(app)
    register_error_handlers(app)
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


def _add_health_route(app: APIGatewayRestResolver, function: str) -> None:
    """Every service answers ``GET /api/v1/<service>/health`` the same way."""

    @route(app, f"{function}_health", models={200: HealthReport, 503: HealthReport})
    def health() -> Response[HealthReport]:
        report = check_health(function)
        return json_response(report, status=200 if report.healthy else 503)


def _cors(settings: Settings) -> CORSConfig | None:
    origins = settings.cors_origins
    if not origins:
        return None
    return CORSConfig(
        allow_origin=origins[0],
        extra_origins=origins[1:],
        allow_headers=[API_KEY_HEADER, IDEMPOTENCY_KEY_HEADER, "Content-Type"],
        expose_headers=["Location"],
        max_age=600,
    )
