from __future__ import annotations

from aws_cdk import aws_apigateway as apigateway
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from infra.config import StageConfig
from interview_prep import routes
from interview_prep.api import API_KEY_HEADER


class Api(Construct):
    """REST API built from the route table.

    Each table route integrates with its function; every resource also gets ``ANY`` to the
    same function (a wrong method is answered 405 in the standard error shape), and
    ``/`` and ``/{proxy+}`` send unknown paths to the catch-all function (404, same shape).
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: StageConfig,
        functions: dict[str, lambda_.IFunction],
    ) -> None:
        super().__init__(scope, construct_id)
        cors = (
            apigateway.CorsOptions(
                allow_origins=list(config.cors_origins),
                allow_headers=[API_KEY_HEADER, "Content-Type", "Idempotency-Key"],
                allow_methods=apigateway.Cors.ALL_METHODS,
            )
            if config.cors_origins
            else None
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
            default_cors_preflight_options=cors,
            # what "/" and "/{proxy+}" reach: the catch-all answers 404 in the standard shape
            default_integration=integrations[routes.CATCH_ALL_FUNCTION],
            deploy_options=apigateway.StageOptions(
                stage_name=config.stage,
                throttling_rate_limit=config.throttle_rate_per_second,
                throttling_burst_limit=config.throttle_burst,
                tracing_enabled=True,
                metrics_enabled=True,
            ),
        )
        owners: dict[str, str] = {}
        for route in routes.ROUTES:
            path = route.path.rstrip("/")
            resource = self.rest_api.root.resource_for_path(path)
            resource.add_method(route.method, integrations[route.function])
            owners.setdefault(path, route.function)
        for path, function in owners.items():
            self.rest_api.root.resource_for_path(path).add_method("ANY", integrations[function])
        self.rest_api.root.add_proxy(any_method=True)
