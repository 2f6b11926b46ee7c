"""Who is calling: the owner the API's Lambda authorizer resolved the API key to.

API Gateway runs the authorizer (``functions/authorizer``) before any keyed route and hands
its context to the function as ``requestContext.authorizer``; the local gateway emulator
does the same. ``authenticate`` is the one place that reads it: it puts the owner on the
router context, where handlers read it with ``owner``.
"""

from __future__ import annotations

from aws_lambda_powertools.event_handler import APIGatewayRestResolver
from aws_lambda_powertools.event_handler.api_gateway import Router

from interview_prep.contract import API_KEY_HEADER
from interview_prep.errors import UnauthorizedError

_OWNER = "owner"


def authenticate(app: APIGatewayRestResolver) -> str:
    """Resolve the caller's owner id and keep it on the context for the rest of the request."""
    authorizer = app.current_event.request_context.authorizer
    found = authorizer.get("owner") if authorizer else None
    if not isinstance(found, str) or not found:
        # only reachable when the function is invoked around the gateway (a test event
        # without the authorizer's context): never guess an owner
        raise UnauthorizedError(f"Missing API key: send it in the {API_KEY_HEADER} header.")
    app.append_context(**{_OWNER: found})  # type: ignore[no-untyped-call]
    return found


def owner(app: APIGatewayRestResolver | Router) -> str:
    """The authenticated caller of this request (set by :func:`authenticate`)."""
    value: str = app.context[_OWNER]
    return value
