"""API Gateway's own errors (no function runs) answer in the functions' error shape.

Each synthesized Gateway Response template is rendered the way API Gateway renders it:
simple substitution of ``$context`` variables, no VTL (AWS documents these templates as
"not processed by the Velocity Template Language engine"). The body must parse into the
error model clients use, and the timestamp must be the request's time.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

import pytest

from interview_prep.errors import ErrorCode
from interview_prep.models.errors import ErrorResponse
from tests.infra.conftest import of_type

Resources = dict[str, dict[str, Any]]

INSTANT = datetime(2026, 12, 2, 7, 5, 9, 654_000, UTC)
REQUEST_ID = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
_VARIABLE = re.compile(r"\$context\.([\w.]+)")


def context(response_type: str) -> dict[str, str]:
    """The ``$context`` variables as API Gateway sets them for a request at ``INSTANT``."""
    return {
        "requestTimeEpoch": str(int(INSTANT.timestamp() * 1000)),
        "requestTime": "02/Dec/2026:07:05:09 +0000",
        "requestId": REQUEST_ID,
        "error.responseType": response_type,
        "error.messageString": '"Forbidden"',
    }


def render(template: str, response_type: str) -> str:
    """Substitute variables, as API Gateway does; an unknown variable renders empty."""
    values = context(response_type)
    return _VARIABLE.sub(lambda match: values.get(match.group(1), ""), template)


def gateway_responses(resources: Resources) -> dict[str, dict[str, Any]]:
    return {
        r["Properties"]["ResponseType"]: r["Properties"]
        for r in of_type(resources, "AWS::ApiGateway::GatewayResponse").values()
    }


def rendered_error(properties: dict[str, Any], response_type: str) -> ErrorResponse:
    template: str = properties["ResponseTemplates"]["application/json"]
    assert "#" not in template, "no VTL directives: API Gateway would send them as text"
    return ErrorResponse.model_validate_json(render(template, response_type))


@pytest.mark.parametrize(
    "response_type", ["INVALID_API_KEY", "THROTTLED", "QUOTA_EXCEEDED", "DEFAULT_4XX"]
)
def test_a_gateway_error_carries_the_request_time_as_the_schema_documents(
    resources: Resources, response_type: str
) -> None:
    error = rendered_error(gateway_responses(resources)[response_type], response_type)
    assert error.timestamp == int(INSTANT.timestamp() * 1000)
    schema = ErrorResponse.model_json_schema()["properties"]["timestamp"]
    assert {"type": "integer"} in schema["anyOf"], "clients are told about the epoch form"


def test_api_gateway_errors_answer_in_the_standard_error_shape(resources: Resources) -> None:
    responses = gateway_responses(resources)
    assert {"INVALID_API_KEY", "THROTTLED", "QUOTA_EXCEEDED", "DEFAULT_4XX", "DEFAULT_5XX"} <= set(
        responses
    )
    for response_type, properties in responses.items():
        error = rendered_error(properties, response_type)
        assert error.error_code in {code.value for code in ErrorCode}, response_type
        assert error.details == {"gateway_error": response_type}
        assert error.request_id == REQUEST_ID
        assert properties["ResponseParameters"]["gatewayresponse.header.Content-Type"] == (
            "'application/json'"
        )
    assert responses["INVALID_API_KEY"]["StatusCode"] == "401"
    throttled = rendered_error(responses["THROTTLED"], "THROTTLED")
    assert throttled.error_code == ErrorCode.RATE_LIMITED.value
    assert "StatusCode" not in responses["DEFAULT_4XX"]  # keeps API Gateway's own 4xx status
    assert (
        responses["THROTTLED"]["ResponseParameters"][
            "gatewayresponse.header.Access-Control-Allow-Origin"
        ]
        == "'https://app.example.com'"
    )


def test_the_functions_write_the_iso_form_of_the_same_field() -> None:
    written = ErrorResponse(detail="x", error_code="X", timestamp=INSTANT.replace(microsecond=0))
    assert json.loads(written.model_dump_json())["timestamp"] == "2026-12-02T07:05:09Z"
