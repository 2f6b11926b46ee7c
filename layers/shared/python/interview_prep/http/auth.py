"""Who is calling: the API key in ``X-Api-Key`` mapped to its owner.

``authenticate`` is the one place that looks the owner up; it puts it on the router
context, where handlers read it with ``owner``. Moving where keys live changes only this.
"""

from __future__ import annotations

import hmac

from aws_lambda_powertools.event_handler import APIGatewayRestResolver
from aws_lambda_powertools.event_handler.api_gateway import Router

from interview_prep import secrets
from interview_prep.config import get_settings, parse_api_keys
from interview_prep.contract import API_KEY_HEADER
from interview_prep.errors import ServiceUnavailableError, UnauthorizedError
from interview_prep.observability import logger

_OWNER = "owner"


def authenticate(app: APIGatewayRestResolver) -> str:
    """Resolve the caller's owner id and keep it on the context for the rest of the request."""
    key = app.current_event.headers.get(API_KEY_HEADER)  # case-insensitive in Powertools v3
    found = _owner_for_key(key, api_key_table())
    app.append_context(**{_OWNER: found})  # type: ignore[no-untyped-call]
    return found


def owner(app: APIGatewayRestResolver | Router) -> str:
    """The authenticated caller of this request (set by :func:`authenticate`)."""
    value: str = app.context[_OWNER]
    return value


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
    found = None
    for known, candidate in table.items():
        # compare every key in constant time so timing does not reveal a prefix
        if hmac.compare_digest(known.encode(), key.encode()):
            found = candidate
    if found is None:
        raise UnauthorizedError("Unknown API key.")
    return found
