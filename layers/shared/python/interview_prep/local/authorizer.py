"""The API's Lambda authorizer, run the way API Gateway runs it before a keyed route.

The gateway emulator and the tests' direct invocations both go through :func:`authorize`:
the REQUEST event API Gateway would send, the real ``functions/authorizer`` handler, and
its context put into the proxy event as ``requestContext.authorizer``. There is no
decision cache here, so a revoked key fails on its next request.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from interview_prep import routes
from interview_prep.errors import (
    UNAUTHORIZED_DETAIL,
    AppError,
    ServiceUnavailableError,
    UnauthorizedError,
)
from interview_prep.local.events import ACCOUNT_ID, REGION

AUTHORIZER_FUNCTION = "authorizer"
Invoker = Callable[[str, dict[str, Any]], Any]


class Refused(Exception):
    """The gateway answers instead of the function (401, or 503 when the authorizer fails)."""

    def __init__(self, error: AppError) -> None:
        super().__init__(error.detail)
        self.error = error


def authorizer_event(proxy_event: dict[str, Any]) -> dict[str, Any]:
    """The REQUEST authorizer event for a proxy event."""
    context = proxy_event["requestContext"]
    method_arn = (
        f"arn:aws:execute-api:{REGION}:{ACCOUNT_ID}:{context['apiId']}/{context['stage']}/"
        f"{proxy_event['httpMethod']}{proxy_event['path']}"
    )
    fields = (
        "resource",
        "path",
        "httpMethod",
        "headers",
        "multiValueHeaders",
        "queryStringParameters",
        "multiValueQueryStringParameters",
        "pathParameters",
        "stageVariables",
        "requestContext",
    )
    return {"type": "REQUEST", "methodArn": method_arn} | {
        name: copy.deepcopy(proxy_event.get(name)) for name in fields
    }


def authorize(proxy_event: dict[str, Any], invoker: Invoker) -> dict[str, Any]:
    """``proxy_event`` with the authorizer's context, as the function receives it; raises
    :class:`Refused` with the gateway's answer when the request gets no further."""
    event = copy.deepcopy(proxy_event)
    event["requestContext"].pop("authorizer", None)
    if not routes.needs_key(event["httpMethod"], event["path"]):
        return event
    try:
        policy = invoker(AUTHORIZER_FUNCTION, authorizer_event(event))
    except Exception as exc:
        if str(exc) == "Unauthorized":
            raise Refused(UnauthorizedError(UNAUTHORIZED_DETAIL)) from None
        raise Refused(ServiceUnavailableError("The authorizer failed; retry shortly.")) from exc
    if not isinstance(policy, dict) or "principalId" not in policy:
        # API Gateway's AUTHORIZER_CONFIGURATION_ERROR: answered 503, like a failure
        raise Refused(ServiceUnavailableError("The authorizer gave no policy; retry shortly."))
    event["requestContext"]["authorizer"] = {
        "principalId": policy["principalId"],
        **policy.get("context", {}),
    }
    event["requestContext"]["identity"]["apiKey"] = policy.get("usageIdentifierKey")
    return event


def gateway_answer(proxy_event: dict[str, Any], refused: Refused) -> dict[str, Any]:
    """The proxy response API Gateway's Gateway Response gives, in the standard shape."""
    from interview_prep.http.errors import error_body

    request_id = proxy_event["requestContext"]["requestId"]
    return {
        "statusCode": int(refused.error.status),
        "multiValueHeaders": {
            "Content-Type": ["application/json"],
            "x-amzn-RequestId": [request_id],
        },
        "body": error_body(refused.error, request_id),
    }
