"""The CDK app: built from the route table and the resource descriptions, least privilege."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from aws_cdk.assertions import Match
from infra.components.functions import AUTHORIZER, AUTHORIZER_TIMEOUT_SECONDS, WORKER
from infra.config import StageConfig

from interview_prep import contract, routes
from interview_prep.local.functions import FUNCTIONS_DIR
from tests.infra.conftest import ROOT, of_type, service_functions

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


def function_name(function: dict[str, Any]) -> str:
    """``interview-prep-test-resumes`` -> ``resumes``."""
    return str(function["Properties"]["FunctionName"]).removeprefix("interview-prep-test-")


def function_folders() -> set[str]:
    return {p.name for p in FUNCTIONS_DIR.iterdir() if p.is_dir() and p.name != "__pycache__"}


def test_one_arm64_python_function_per_handler_on_the_shared_layer(resources: Resources) -> None:
    functions = service_functions(resources)
    deployed = {function_name(fn) for fn in functions.values()}
    assert deployed == {*routes.functions(), WORKER, AUTHORIZER}
    # both ways: a folder nothing deploys, or a deployed function without its folder
    assert function_folders() == deployed
    assert all((FUNCTIONS_DIR / name / "handler.py").is_file() for name in deployed)
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
    assert len(secrets) == 1, "the MongoDB URL only: API keys live hashed in the keys table"
    for secret in secrets.values():
        assert "SecretString" not in secret["Properties"]
    for function in service_functions(resources).values():
        variables = function["Properties"]["Environment"]["Variables"]
        assert not {"MONGODB_URL", "API_KEYS", "API_KEYS_SECRET_NAME"} & set(variables)
        assert {"MONGODB_URL_SECRET_NAME", "KEYS_TABLE"} <= set(variables)


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
            "RedrivePolicy": {
                "maxReceiveCount": contract.MAX_RECEIVE_COUNT,
                "deadLetterTargetArn": Match.any_value(),
            },
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
            "Environment": {
                "Variables": Match.object_like(
                    {"MAX_RECEIVE_COUNT": str(contract.MAX_RECEIVE_COUNT)}
                )
            },
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


def timeouts(resources: Resources) -> dict[str, int]:
    """Function name suffix -> its Lambda timeout in seconds."""
    return {
        function_name(fn): fn["Properties"]["Timeout"]
        for fn in service_functions(resources).values()
    }


def test_functions_serving_wait_run_longer_than_the_rest(resources: Resources) -> None:
    waiting = routes.waiting_functions()
    assert waiting == {"interview", "learning"}
    expected = {name: contract.API_FUNCTION_TIMEOUT_SECONDS for name in routes.functions()}
    expected |= {name: contract.WAIT_FUNCTION_TIMEOUT_SECONDS for name in waiting}
    expected[WORKER] = StageConfig().worker_timeout_seconds  # the test stage keeps it
    expected[AUTHORIZER] = AUTHORIZER_TIMEOUT_SECONDS
    assert timeouts(resources) == expected


def largest_accepted_wait() -> int:
    """The largest ``max_wait_seconds`` the functions' settings accept."""
    from pydantic import ValidationError

    from interview_prep.config import Settings

    largest = Settings().max_wait_seconds
    while True:
        try:
            Settings(max_wait_seconds=largest + 1)
        except ValidationError:
            return largest
        largest += 1


def test_the_longest_wait_ends_before_the_function_and_api_gateway(
    resources: Resources,
) -> None:
    from interview_prep.config import Settings

    assert Settings().max_wait_seconds == contract.MAX_WAIT_SECONDS
    longest_wait_ms = largest_accepted_wait() * 1000 + contract.WAIT_SAFETY_MARGIN_MS
    found = timeouts(resources)
    gateway_ms = contract.API_GATEWAY_INTEGRATION_TIMEOUT_SECONDS * 1000
    for name in routes.waiting_functions():
        assert longest_wait_ms < found[name] * 1000 < gateway_ms, name
    # and no integration shortens API Gateway's limit below the functions' timeout
    for method in of_type(resources, "AWS::ApiGateway::Method").values():
        integration = method["Properties"].get("Integration", {})
        assert integration.get("TimeoutInMillis", gateway_ms) == gateway_ms


def test_slow_call_alarms_leave_room_for_the_longest_wait(resources: Resources) -> None:
    thresholds = {
        alarm["AlarmName"]: alarm["Threshold"]
        for alarm in (
            a["Properties"] for a in of_type(resources, "AWS::CloudWatch::Alarm").values()
        )
        if any(
            query.get("MetricStat", {}).get("Metric", {}).get("MetricName") == "Duration"
            for query in alarm.get("Metrics", [])
        )
    }
    assert len(thresholds) == len(timeouts(resources))
    for name, timeout in timeouts(resources).items():
        (threshold,) = [
            t for alarm, t in thresholds.items() if f"-{name.capitalize()}Function-" in alarm
        ]
        floor = contract.MAX_WAIT_SECONDS if name in routes.waiting_functions() else 0
        assert floor * 1000 < threshold < timeout * 1000, name


#: What importing the CDK app must not load: the runtime's heavy dependencies.
RUNTIME_ONLY = ("aws_lambda_powertools", "pymongo", "pydantic")


def test_the_cdk_app_imports_only_dependency_free_runtime_modules() -> None:
    probe = (
        "import json, sys\n"
        "import infra.app, infra.stack\n"
        f"print(json.dumps(sorted(m for m in {RUNTIME_ONLY!r} if m in sys.modules)))\n"
    )
    imported = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert json.loads(imported.stdout.splitlines()[-1]) == []
