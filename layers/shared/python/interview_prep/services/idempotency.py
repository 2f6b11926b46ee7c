"""``Idempotency-Key`` support through Powertools idempotency on DynamoDB.

A key is scoped to its owner and route, so one caller's key can never return another's
job; reusing a key with a different request body is refused instead of silently
answering for the first body.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from typing import Any

from interview_prep.config import get_settings
from interview_prep.errors import (
    IdempotencyConflictError,
    RequestValidationFailed,
    ServiceUnavailableError,
)
from interview_prep.models.jobs import JobAccepted

#: How long a key keeps returning the same job.
KEY_LIFETIME_SECONDS = 24 * 3600


@cache
def _persistence(table_name: str) -> Any:
    from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer

    return DynamoDBPersistenceLayer(table_name=table_name)


def run_once(
    key: str | None,
    owner: str,
    route: str,
    body: str,
    start: Callable[[], JobAccepted],
    lambda_context: Any = None,
) -> JobAccepted:
    """``start()``, or, for a key seen before, the job that key started."""
    if not key:
        return start()
    from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig, idempotent_function
    from aws_lambda_powertools.utilities.idempotency.exceptions import (
        IdempotencyAlreadyInProgressError,
        IdempotencyPersistenceLayerError,
        IdempotencyValidationError,
    )
    from aws_lambda_powertools.utilities.idempotency.serialization.pydantic import (
        PydanticSerializer,
    )

    config = IdempotencyConfig(
        event_key_jmespath="[owner, route, key]",
        payload_validation_jmespath="body",
        raise_on_no_idempotency_key=True,
        expires_after_seconds=KEY_LIFETIME_SECONDS,
    )
    if lambda_context is not None:
        # an in-progress record expires with the invocation, so a crashed one can be retried
        config.register_lambda_context(lambda_context)

    @idempotent_function(
        data_keyword_argument="request",
        persistence_store=_persistence(get_settings().idempotency_table),
        config=config,
        output_serializer=PydanticSerializer(JobAccepted),
        key_prefix="start-generation",
    )
    def start_once(request: dict[str, str]) -> JobAccepted:
        return start()

    request = {
        "owner": owner,
        "route": route,
        "key": key,
        "body": hashlib.sha256(body.encode()).hexdigest(),
    }
    try:
        accepted: JobAccepted = start_once(request=request)
    except IdempotencyAlreadyInProgressError as exc:
        raise IdempotencyConflictError(
            "A request with this Idempotency-Key is still being processed; retry shortly.",
            {"idempotency_key": key},
        ) from exc
    except IdempotencyValidationError as exc:
        raise RequestValidationFailed(
            "This Idempotency-Key was used with a different request body.",
            {"errors": [{"field": "Idempotency-Key", "message": "reused", "type": "key_reused"}]},
        ) from exc
    except IdempotencyPersistenceLayerError as exc:
        # the key store cannot be read or written: nothing was started, so a retry is safe
        raise ServiceUnavailableError(
            "The Idempotency-Key store is temporarily unreachable; retry shortly."
        ) from exc
    return accepted
