"""API Gateway REQUEST authorizer: the API key in ``X-Api-Key`` to its owner.

Allows every route of the stage, so one cached decision fits them all; answers the
one-word ``Unauthorized`` that API Gateway turns into a 401 for a missing, unknown or
revoked key, and fails (API Gateway's AUTHORIZER_FAILURE, answered 503) when the key
table cannot be read.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.data_classes import event_source
from aws_lambda_powertools.utilities.data_classes.api_gateway_authorizer_event import (
    APIGatewayAuthorizerRequestEvent,
    APIGatewayAuthorizerResponse,
)
from aws_lambda_powertools.utilities.typing import LambdaContext

from interview_prep.config import check_settings
from interview_prep.contract import API_KEY_HEADER
from interview_prep.errors import UnauthorizedError
from interview_prep.observability import logger
from interview_prep.services.api_keys import ApiKeys

check_settings("authorizer")
keys = ApiKeys()


@logger.inject_lambda_context(clear_state=True)
@event_source(data_class=APIGatewayAuthorizerRequestEvent)
def lambda_handler(event: APIGatewayAuthorizerRequestEvent, context: LambdaContext) -> Any:
    try:
        principal = keys.authorize(event.headers.get(API_KEY_HEADER))  # case-insensitive
    except UnauthorizedError as refused:
        logger.info("request refused", extra={"reason": refused.detail})
        raise Exception("Unauthorized") from None
    arn = event.parsed_arn
    policy = APIGatewayAuthorizerResponse(
        principal_id=principal.owner,
        region=arn.region,
        aws_account_id=arn.aws_account_id,
        api_id=arn.api_id,
        stage=arn.stage,
        context={"owner": principal.owner, "key_id": principal.key_id},
        usage_identifier_key=principal.usage_key,
    )
    policy.allow_all_routes()
    logger.append_keys(key_id=principal.key_id)
    return policy.asdict()
