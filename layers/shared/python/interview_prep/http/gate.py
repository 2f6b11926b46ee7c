"""The checks every request passes before its parameters and body are parsed.

Powertools runs its request validation before any middleware, so a body that breaks JSON
parsing would surface as an exception there. The gate runs first instead, as part of the
validation step: authenticate (401) and bound the body (413, 415, 400); only then does
Powertools validate against the route's models (422).
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware
from aws_lambda_powertools.event_handler.middlewares.openapi_validation import (
    OpenAPIRequestValidationMiddleware,
)

from interview_prep import routes
from interview_prep.config import get_settings
from interview_prep.http import formats
from interview_prep.http.auth import authenticate
from interview_prep.http.limits import check_body


class GatedRequestValidation(OpenAPIRequestValidationMiddleware):
    """Powertools' request validation, preceded by the gate."""

    def handler(self, app: Any, next_middleware: NextMiddleware) -> Response[Any]:
        check_request(app)
        response: Response[Any] = super().handler(app, next_middleware)
        return response

    def _get_body(self, app: Any) -> dict[str, Any]:
        # The gate admitted only JSON media types, ``application/*+json`` included, which
        # Powertools alone would refuse: every body that gets here is parsed as JSON.
        body: dict[str, Any] = self._parse_json_data(app)
        event = app.current_event
        found = routes.match(event.http_method, event.path)
        if found.route is None:
            return body
        translated: dict[str, Any] = formats.translate(
            found.route.name, event.query_string_parameters or {}, body
        )
        return translated


def install(app: APIGatewayRestResolver) -> None:
    """Put the gate in front of request validation for every route of ``app``."""
    # The resolver keeps one validation middleware and puts it first in every route's chain.
    app._request_validation_middleware = GatedRequestValidation()  # type: ignore[no-untyped-call]


def check_request(app: APIGatewayRestResolver) -> None:
    event = app.current_event
    found = routes.match(event.http_method, event.path)
    if found.route is not None and found.route.auth:
        authenticate(app)
    check_body(
        event.body,
        bool(event.is_base64_encoded),
        event.headers.get("Content-Type"),
        get_settings().max_body_bytes,
    )
