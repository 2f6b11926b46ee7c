from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_apigateway as apigateway
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from constructs import Construct

from infra.config import StageConfig
from infra.nag import acknowledge
from interview_prep import routes
from interview_prep.contract import API_KEY_HEADER, IDEMPOTENCY_KEY_HEADER
from interview_prep.errors import UNAUTHORIZED_DETAIL, ErrorCode


@dataclass(frozen=True)
class GatewayError:
    """How one of API Gateway's own errors is answered, in the service's error shape."""

    #: None keeps the status API Gateway chose (the DEFAULT_* families).
    status: int | None
    code: ErrorCode
    detail: str


#: API Gateway's own errors (no function runs), reshaped like every other error.
GATEWAY_ERRORS: dict[apigateway.ResponseType, GatewayError] = {
    apigateway.ResponseType.API_CONFIGURATION_ERROR: GatewayError(
        500, ErrorCode.INTERNAL_ERROR, "The API is misconfigured."
    ),
    apigateway.ResponseType.UNAUTHORIZED: GatewayError(
        401, ErrorCode.UNAUTHORIZED, UNAUTHORIZED_DETAIL
    ),
    apigateway.ResponseType.INVALID_API_KEY: GatewayError(
        401, ErrorCode.UNAUTHORIZED, UNAUTHORIZED_DETAIL
    ),
    apigateway.ResponseType.MISSING_AUTHENTICATION_TOKEN: GatewayError(
        401, ErrorCode.UNAUTHORIZED, UNAUTHORIZED_DETAIL
    ),
    # the authorizer failed (the keys table unreachable): nobody's fault, retry
    apigateway.ResponseType.AUTHORIZER_FAILURE: GatewayError(
        503, ErrorCode.SERVICE_UNAVAILABLE, "The API key could not be checked; retry shortly."
    ),
    apigateway.ResponseType.AUTHORIZER_CONFIGURATION_ERROR: GatewayError(
        503, ErrorCode.SERVICE_UNAVAILABLE, "The API key could not be checked; retry shortly."
    ),
    apigateway.ResponseType.ACCESS_DENIED: GatewayError(403, ErrorCode.FORBIDDEN, "Access denied."),
    apigateway.ResponseType.THROTTLED: GatewayError(
        429, ErrorCode.RATE_LIMITED, "Too many requests: slow down and retry."
    ),
    apigateway.ResponseType.QUOTA_EXCEEDED: GatewayError(
        429, ErrorCode.RATE_LIMITED, "This API key's daily quota is used up."
    ),
    apigateway.ResponseType.REQUEST_TOO_LARGE: GatewayError(
        413, ErrorCode.PAYLOAD_TOO_LARGE, "The request is too large."
    ),
    apigateway.ResponseType.INTEGRATION_TIMEOUT: GatewayError(
        504, ErrorCode.SERVICE_UNAVAILABLE, "The service took too long to answer: retry."
    ),
    apigateway.ResponseType.INTEGRATION_FAILURE: GatewayError(
        502, ErrorCode.SERVICE_UNAVAILABLE, "The service could not answer: retry."
    ),
    apigateway.ResponseType.DEFAULT_4_XX: GatewayError(
        None, ErrorCode.BAD_REQUEST, "The request was rejected by the API gateway."
    ),
    apigateway.ResponseType.DEFAULT_5_XX: GatewayError(
        None, ErrorCode.INTERNAL_ERROR, "The API gateway failed to handle the request."
    ),
}


def gateway_error_body(error: GatewayError) -> str:
    """The error shape as a Gateway Response template.

    API Gateway only substitutes ``$context`` variables into these templates (they are not
    run through VTL), and the only machine-readable time it offers is the request's epoch
    in milliseconds: that is the ``timestamp`` here, a JSON number, as the error schema
    documents.
    """
    body = {
        "detail": error.detail,
        "error_code": error.code.value,
        "timestamp": "$context.requestTimeEpoch",
        "details": {"gateway_error": "$context.error.responseType"},
        "request_id": "$context.requestId",
    }
    return json.dumps(body).replace('"$context.requestTimeEpoch"', "$context.requestTimeEpoch")


class Api(Construct):
    """REST API built from the route table.

    Each table route integrates with its function; every resource also gets ``ANY`` to the
    same function (a wrong method is answered 405 in the standard error shape), and
    ``/`` and ``/{proxy+}`` send unknown paths to the catch-all function (404, same shape).
    Routes that need a key require an API Gateway API key in a usage plan (per-key rate and
    quota); the function then maps the same key to its owner.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: StageConfig,
        functions: dict[str, lambda_.IFunction],
        authorizer: lambda_.IFunction,
    ) -> None:
        super().__init__(scope, construct_id)
        self.config = config
        self.authorizer = apigateway.RequestAuthorizer(
            self,
            "KeyAuthorizer",
            handler=authorizer,
            identity_sources=[apigateway.IdentitySource.header(API_KEY_HEADER)],
            results_cache_ttl=Duration.seconds(config.authorizer_cache_seconds),
        )
        self.access_logs = logs.LogGroup(
            self,
            "AccessLogs",
            log_group_name=f"/aws/apigateway/{config.prefix}/access",
            retention=logs.RetentionDays[config.log_retention],
            removal_policy=RemovalPolicy.DESTROY,
        )
        integrations = {
            name: apigateway.LambdaIntegration(function, allow_test_invoke=False)
            for name, function in functions.items()
        }
        self.rest_api = apigateway.RestApi(
            self,
            "RestApi",
            rest_api_name=config.prefix,
            description="Interview Prep API",
            endpoint_types=[apigateway.EndpointType.REGIONAL],
            # the usage plan meters the owner's usage key the authorizer returns
            api_key_source_type=apigateway.ApiKeySourceType.AUTHORIZER,
            default_cors_preflight_options=self._cors(),
            # what "/" and "/{proxy+}" reach: the catch-all answers 404 in the standard shape
            default_integration=integrations[routes.CATCH_ALL_FUNCTION],
            cloud_watch_role=True,
            cloud_watch_role_removal_policy=RemovalPolicy.RETAIN,
            deploy_options=apigateway.StageOptions(
                stage_name=config.stage,
                throttling_rate_limit=config.throttle_rate_per_second,
                throttling_burst_limit=config.throttle_burst,
                tracing_enabled=True,
                metrics_enabled=True,
                logging_level=apigateway.MethodLoggingLevel.ERROR,
                access_log_destination=apigateway.LogGroupLogDestination(self.access_logs),
                access_log_format=apigateway.AccessLogFormat.json_with_standard_fields(
                    caller=False,
                    http_method=True,
                    ip=True,
                    protocol=True,
                    request_time=True,
                    resource_path=True,
                    response_length=True,
                    status=True,
                    user=False,
                ),
            ),
        )
        self._routes(integrations)
        self.rest_api.root.add_proxy(any_method=True)
        self._gateway_responses()
        self.usage_plan = self._usage_plan()
        self._acknowledge()

    def _acknowledge(self) -> None:
        acknowledge(
            self.rest_api,
            "AwsSolutions-APIG2",
            "Bodies are validated by the handlers against the pydantic models, which answer "
            "with field-level 422 details in the service's error shape.",
        )
        acknowledge(
            self.rest_api,
            "AwsSolutions-APIG3",
            "Stage throttling and per-key usage plans bound traffic; attach a WAF web ACL "
            "to the stage for a public production deployment (docs/deploy.md).",
        )
        for rule in ("AwsSolutions-APIG4", "AwsSolutions-COG4"):
            acknowledge(
                self.rest_api,
                rule,
                "Keyed routes require an API Gateway API key and the function maps that key "
                "to its owner; health, docs and the 404/405 catch-alls are public by design.",
            )
        acknowledge(
            self.rest_api,
            "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
            "AmazonAPIGatewayPushToCloudWatchLogs]",
            "API Gateway's account-level logging role: the AWS-managed policy is the one "
            "API Gateway documents for it.",
        )

    def _cors(self) -> apigateway.CorsOptions | None:
        if not self.config.cors_origins:
            return None
        return apigateway.CorsOptions(
            allow_origins=list(self.config.cors_origins),
            allow_headers=[API_KEY_HEADER, "Content-Type", IDEMPOTENCY_KEY_HEADER],
            allow_methods=apigateway.Cors.ALL_METHODS,
        )

    def _routes(self, integrations: dict[str, apigateway.LambdaIntegration]) -> None:
        owners: dict[str, str] = {}
        keyed: dict[str, bool] = {}
        for route in routes.ROUTES:
            path = route.path.rstrip("/")
            resource = self.rest_api.root.resource_for_path(path)
            resource.add_method(
                route.method, integrations[route.function], **self._auth(route.auth)
            )
            owners.setdefault(path, route.function)
            keyed[path] = keyed.get(path, False) or route.auth
        for path, function in owners.items():
            # wrong methods: answered 405 by the function (behind a key where the path has one)
            self.rest_api.root.resource_for_path(path).add_method(
                "ANY", integrations[function], **self._auth(keyed[path])
            )

    def _auth(self, keyed: bool) -> dict[str, Any]:
        if not keyed:
            return {}
        return {
            "authorizer": self.authorizer,
            "authorization_type": apigateway.AuthorizationType.CUSTOM,
            "api_key_required": True,
        }

    def _gateway_responses(self) -> None:
        origins = self.config.cors_origins
        headers = {"Content-Type": "'application/json'"}
        if len(origins) == 1:  # a gateway response cannot choose among several origins
            headers["Access-Control-Allow-Origin"] = f"'{origins[0]}'"
        for response_type, error in GATEWAY_ERRORS.items():
            self.rest_api.add_gateway_response(
                f"GatewayResponse{response_type.response_type}",
                type=response_type,
                status_code=str(error.status) if error.status else None,
                response_headers=headers,
                templates={"application/json": gateway_error_body(error)},
            )

    def _usage_plan(self) -> apigateway.UsagePlan:
        """Per-owner rate and daily quota: the key command puts each owner's usage key in
        this plan, and the authorizer hands that key to API Gateway (never a caller's)."""
        config = self.config
        plan = self.rest_api.add_usage_plan(
            "UsagePlan",
            name=f"{config.prefix}-default",
            description="Per-owner rate and daily quota (usage keys made by the key command)",
            throttle=apigateway.ThrottleSettings(
                rate_limit=config.usage_plan_rate_per_second,
                burst_limit=config.usage_plan_burst,
            ),
            quota=apigateway.QuotaSettings(
                limit=config.usage_plan_quota_per_day, period=apigateway.Period.DAY
            ),
        )
        plan.add_api_stage(stage=self.rest_api.deployment_stage)
        return plan
