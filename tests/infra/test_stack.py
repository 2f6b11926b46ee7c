"""The CDK app: built from the route table and the resource descriptions, least privilege."""

from __future__ import annotations

import json
from typing import Any

from aws_cdk.assertions import Match

from interview_prep import routes
from interview_prep.local.functions import FUNCTIONS_DIR
from tests.infra.conftest import of_type, service_functions

Resources = dict[str, dict[str, Any]]


def resource_paths(resources: Resources) -> dict[str, str]:
    """Logical id of each API Gateway resource -> its full path."""
    parts = {
        key: (value["Properties"]["ParentId"], value["Properties"]["PathPart"])
        for key, value in of_type(resources, "AWS::ApiGateway::Resource").items()
    }

    def path_of(key: str) -> str:
        parent, part = parts[key]
        prefix = path_of(parent["Ref"]) if "Ref" in parent else ""
        return f"{prefix}/{part}"

    return {key: path_of(key) for key in parts}


def path_of_method(method: dict[str, Any], paths: dict[str, str]) -> str:
    resource = method["Properties"]["ResourceId"]
    return paths[resource["Ref"]] if "Ref" in resource else "/"  # GetAtt RootResourceId


def function_of(method: dict[str, Any], functions: Resources) -> str:
    uri = json.dumps(method["Properties"]["Integration"]["Uri"])
    (logical_id,) = [key for key in functions if f'"{key}"' in uri]
    return str(functions[logical_id]["Properties"]["FunctionName"]).rsplit("-", 1)[-1]


def test_one_arm64_python_function_per_handler_on_the_shared_layer(resources: Resources) -> None:
    functions = service_functions(resources)
    names = {fn["Properties"]["FunctionName"] for fn in functions.values()}
    assert names == {f"interview-prep-test-{name}" for name in [*routes.functions(), "worker"]}
    assert set(routes.functions()) <= {p.parent.name for p in FUNCTIONS_DIR.glob("*/handler.py")}
    (layer_id,) = [
        key
        for key, layer in of_type(resources, "AWS::Lambda::LayerVersion").items()
        if layer["Properties"].get("Description", "").startswith("interview_prep package")
    ]
    for function in functions.values():
        properties = function["Properties"]
        assert properties["Runtime"] == "python3.12"
        assert properties["Architectures"] == ["arm64"]
        assert properties["Handler"] == "handler.lambda_handler"
        assert properties["Layers"] == [{"Ref": layer_id}]
        assert properties["TracingConfig"] == {"Mode": "Active"}


def test_routes_come_from_the_route_table(resources: Resources) -> None:
    paths = resource_paths(resources)
    functions = service_functions(resources)
    methods = {
        (path_of_method(m, paths), m["Properties"]["HttpMethod"]): function_of(m, functions)
        for m in of_type(resources, "AWS::ApiGateway::Method").values()
        if m["Properties"]["HttpMethod"] != "OPTIONS"  # CORS preflight, answered by API Gateway
    }
    expected = {(r.path.rstrip("/"), r.method): r.function for r in routes.ROUTES}
    expected |= {(path, "ANY"): function for (path, _), function in expected.items()}
    expected[("/{proxy+}", "ANY")] = expected[("/", "ANY")] = routes.CATCH_ALL_FUNCTION
    assert methods == expected


def test_secrets_are_referenced_never_inlined(template: Any, resources: Resources) -> None:
    secrets = of_type(resources, "AWS::SecretsManager::Secret")
    assert len(secrets) == 2
    for secret in secrets.values():
        assert "SecretString" not in secret["Properties"]
    for function in service_functions(resources).values():
        variables = function["Properties"]["Environment"]["Variables"]
        assert "MONGODB_URL" not in variables and "API_KEYS" not in variables
        assert {"MONGODB_URL_SECRET_NAME", "API_KEYS_SECRET_NAME"} <= set(variables)


def test_tables_are_on_demand_with_ttl_and_point_in_time_recovery(template: Any) -> None:
    template.has_resource_properties(
        "AWS::DynamoDB::Table",
        {
            "KeySchema": [{"AttributeName": "job_id", "KeyType": "HASH"}],
            "BillingMode": "PAY_PER_REQUEST",
            "TimeToLiveSpecification": {"AttributeName": "expires_at", "Enabled": True},
            "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
        },
    )


def test_generation_queue_has_a_dead_letter_queue(template: Any) -> None:
    template.has_resource_properties(
        "AWS::SQS::Queue",
        {
            "QueueName": "interview-prep-test-generation",
            "VisibilityTimeout": 720,
            "RedrivePolicy": {"maxReceiveCount": 5, "deadLetterTargetArn": Match.any_value()},
        },
    )


def actions_by_function(resources: Resources) -> dict[str, set[str]]:
    """Function name suffix -> every IAM action its role's policies allow."""
    roles = {
        fn["Properties"]["Role"]["Fn::GetAtt"][0]: fn["Properties"]["FunctionName"].rsplit("-", 1)[
            -1
        ]
        for fn in service_functions(resources).values()
    }
    found: dict[str, set[str]] = {name: set() for name in roles.values()}
    for policy in of_type(resources, "AWS::IAM::Policy").values():
        for role in policy["Properties"]["Roles"]:
            if role["Ref"] not in roles:
                continue  # a CDK helper's role
            for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
                action = statement["Action"]
                found[roles[role["Ref"]]] |= {action} if isinstance(action, str) else set(action)
    return found


HEALTH_AND_BASICS = {
    "dynamodb:DescribeTable",
    "sqs:GetQueueAttributes",
    "secretsmanager:GetSecretValue",
    "secretsmanager:DescribeSecret",
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
}


def test_each_function_gets_only_the_access_it_uses(resources: Resources) -> None:
    actions = actions_by_function(resources)
    assert actions["resumes"] == HEALTH_AND_BASICS
    assert "dynamodb:PutItem" not in actions["jobs"] and "dynamodb:GetItem" in actions["jobs"]
    for starter in ("interview", "learning"):
        assert {"dynamodb:PutItem", "dynamodb:UpdateItem", "sqs:SendMessage"} <= actions[starter]
        assert "sqs:DeleteMessage" not in actions[starter]
    assert {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"} <= actions[
        "worker"
    ]
    assert "sqs:SendMessage" not in actions["worker"]
    assert not any(action.endswith("*") for found in actions.values() for action in found)


def test_worker_is_fed_by_the_queue_with_partial_batch_failures(template: Any) -> None:
    template.has_resource_properties(
        "AWS::Lambda::EventSourceMapping",
        {"BatchSize": 5, "FunctionResponseTypes": ["ReportBatchItemFailures"]},
    )
    template.has_resource_properties(
        "AWS::Lambda::Function",
        {
            "FunctionName": "interview-prep-test-worker",
            "Timeout": 120,
            "ReservedConcurrentExecutions": 5,
            "Environment": {"Variables": Match.object_like({"MAX_RECEIVE_COUNT": "5"})},
        },
    )


def test_stage_throttling_and_cors_from_configuration(template: Any) -> None:
    template.has_resource_properties(
        "AWS::ApiGateway::Stage",
        {
            "StageName": "test",
            "TracingEnabled": True,
            "MethodSettings": Match.array_with(
                [Match.object_like({"ThrottlingRateLimit": 50, "ThrottlingBurstLimit": 100})]
            ),
        },
    )
    template.has_resource_properties(
        "AWS::ApiGateway::Method",
        {
            "HttpMethod": "OPTIONS",
            "Integration": Match.object_like(
                {
                    "IntegrationResponses": Match.array_with(
                        [
                            Match.object_like(
                                {
                                    "ResponseParameters": Match.object_like(
                                        {
                                            "method.response.header.Access-Control-Allow-Origin": (
                                                "'https://app.example.com'"
                                            )
                                        }
                                    )
                                }
                            )
                        ]
                    )
                }
            ),
        },
    )


def test_worker_reads_llm_keys_from_named_secrets_only(template: Any) -> None:
    template.has_resource_properties(
        "AWS::Lambda::Function",
        {
            "FunctionName": "interview-prep-test-worker",
            "Environment": {
                "Variables": Match.object_like(
                    {
                        "GEMINI_API_KEY_SECRET_NAME": "test/gemini-api-key",
                        "LLM_PROVIDERS": "gemini,openai,claude",
                        "STATE_TABLE": Match.any_value(),
                    }
                )
            },
        },
    )
    serialized = json.dumps(template.to_json())
    assert 'GEMINI_API_KEY"' not in serialized and 'OPENAI_API_KEY"' not in serialized
