"""The CDK app: built from the route table and the resource descriptions, least privilege."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from aws_cdk.assertions import Match
from infra.components.functions import (
    AUTHORIZER,
    AUTHORIZER_TIMEOUT_SECONDS,
    PARSER,
    WORKER,
    function_id,
)
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


def layer_id(resources: Resources, description: str) -> str:
    (found,) = [
        key
        for key, layer in of_type(resources, "AWS::Lambda::LayerVersion").items()
        if layer["Properties"].get("Description", "").startswith(description)
    ]
    return found


def test_one_arm64_python_function_per_handler_on_the_shared_layer(resources: Resources) -> None:
    functions = service_functions(resources)
    deployed = {function_name(fn) for fn in functions.values()}
    assert deployed == {*routes.functions(), WORKER, PARSER, AUTHORIZER}
    # both ways: a folder nothing deploys, or a deployed function without its folder
    assert function_folders() == deployed
    assert all((FUNCTIONS_DIR / name / "handler.py").is_file() for name in deployed)
    shared = layer_id(resources, "interview_prep package")
    for function in functions.values():
        properties = function["Properties"]
        assert properties["Runtime"] == "python3.12"
        assert properties["Architectures"] == ["arm64"]
        assert properties["Handler"] == "handler.lambda_handler"
        assert properties["Layers"][0] == {"Ref": shared}
        assert properties["TracingConfig"] == {"Mode": "Active"}


def test_the_pdf_and_docx_readers_ship_with_the_parse_function_only(
    resources: Resources,
) -> None:
    shared = layer_id(resources, "interview_prep package")
    documents = layer_id(resources, "PDF and DOCX readers")
    layers = {
        function_name(fn): fn["Properties"]["Layers"]
        for fn in service_functions(resources).values()
    }
    assert layers.pop(PARSER) == [{"Ref": shared}, {"Ref": documents}]
    assert all(found == [{"Ref": shared}] for found in layers.values()), layers
    assert function_id(PARSER) in resources


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


@pytest.mark.parametrize("name", ["generation", "upload"])
def test_each_queue_has_a_dead_letter_queue(template: Any, name: str) -> None:
    # six times its consumer's timeout (worker and parser: 120 s by default)
    template.has_resource_properties(
        "AWS::SQS::Queue",
        {
            "QueueName": f"interview-prep-test-{name}",
            "VisibilityTimeout": 720,
            "SqsManagedSseEnabled": True,
            "RedrivePolicy": {
                "maxReceiveCount": contract.MAX_RECEIVE_COUNT,
                "deadLetterTargetArn": Match.any_value(),
            },
        },
    )
    template.has_resource_properties(
        "AWS::SQS::Queue",
        {"QueueName": f"interview-prep-test-{name}-dlq", "MessageRetentionPeriod": 1_209_600},
    )


def statements_by_function(resources: Resources) -> dict[str, list[dict[str, Any]]]:
    """Function name suffix -> the statements of its role's policies."""
    roles = {
        fn["Properties"]["Role"]["Fn::GetAtt"][0]: fn["Properties"]["FunctionName"].rsplit("-", 1)[
            -1
        ]
        for fn in service_functions(resources).values()
    }
    found: dict[str, list[dict[str, Any]]] = {name: [] for name in roles.values()}
    for policy in of_type(resources, "AWS::IAM::Policy").values():
        for role in policy["Properties"]["Roles"]:
            if role["Ref"] not in roles:
                continue  # a CDK helper's role
            found[roles[role["Ref"]]] += policy["Properties"]["PolicyDocument"]["Statement"]
    return found


def _listed(value: str | list[str]) -> set[str]:
    return {value} if isinstance(value, str) else set(value)


def actions_by_function(resources: Resources) -> dict[str, set[str]]:
    """Function name suffix -> every IAM action its role's policies allow."""
    return {
        name: {action for statement in statements for action in _listed(statement["Action"])}
        for name, statements in statements_by_function(resources).items()
    }


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
    # resumes: CRUD in MongoDB, and uploads (the job, a quota slot, the URL, the check)
    assert actions["resumes"] - HEALTH_AND_BASICS == {
        "dynamodb:BatchGetItem",
        "dynamodb:BatchWriteItem",
        "dynamodb:ConditionCheckItem",
        "dynamodb:DeleteItem",
        "dynamodb:GetItem",
        "dynamodb:GetRecords",
        "dynamodb:GetShardIterator",
        "dynamodb:PutItem",
        "dynamodb:Query",
        "dynamodb:Scan",
        "dynamodb:UpdateItem",
        "s3:PutObject",
        "sqs:GetQueueUrl",
        "sqs:SendMessage",
    }
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
    expected[PARSER] = StageConfig().parser_timeout_seconds
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


def uploads_bucket_id(resources: Resources) -> str:
    (bucket,) = [key for key in of_type(resources, "AWS::S3::Bucket") if key.startswith("Uploads")]
    return bucket


def s3_grants(resources: Resources) -> dict[str, set[tuple[str, str]]]:
    """Function -> (S3 action, resource as text) for every S3 statement of its role."""
    return {
        name: {
            (action, json.dumps(resource, sort_keys=True))
            for statement in statements
            for action in _listed(statement["Action"])
            if action.startswith("s3:")
            for resource in (
                statement["Resource"]
                if isinstance(statement["Resource"], list)
                else [statement["Resource"]]
            )
        }
        for name, statements in statements_by_function(resources).items()
    }


def test_only_the_upload_starter_and_the_parser_touch_uploaded_files(
    resources: Resources,
) -> None:
    bucket = uploads_bucket_id(resources)
    arn = {"Fn::GetAtt": [bucket, "Arn"]}
    files = json.dumps({"Fn::Join": ["", [arn, "/uploads/*"]]}, sort_keys=True)
    grants = s3_grants(resources)
    # a presigned PUT carries its signer's authority: the signer may only write files
    assert grants.pop("resumes") == {("s3:PutObject", files)}
    assert grants.pop(PARSER) == {
        ("s3:GetObject", files),
        ("s3:DeleteObject", files),
        # 404 rather than 403 for a file already deleted or never uploaded
        ("s3:ListBucket", json.dumps(arn, sort_keys=True)),
    }
    assert not any(grants.values()), grants


def test_the_uploads_bucket_is_private_encrypted_tls_only_and_self_emptying(
    template: Any, resources: Resources
) -> None:
    bucket = resources[uploads_bucket_id(resources)]
    properties = bucket["Properties"]
    assert properties["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    assert properties["OwnershipControls"] == {
        "Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]
    }
    (encryption,) = properties["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert encryption["ServerSideEncryptionByDefault"] == {"SSEAlgorithm": "AES256"}
    assert properties.get("VersioningConfiguration", {}).get("Status") != "Enabled"
    assert "BucketName" not in properties, "CloudFormation names it: S3 names are global"
    (rule,) = properties["LifecycleConfiguration"]["Rules"]
    assert rule == {
        "Id": "expire-uploads",
        "Prefix": "uploads/",
        "Status": "Enabled",
        "ExpirationInDays": contract.UPLOAD_RETENTION_DAYS,
        "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1},
    }
    # with the web page served, any origin may PUT (its origin is not knowable without a
    # cycle; the signature is the authority) and nothing else
    (cors,) = properties["CorsConfiguration"]["CorsRules"]
    assert cors["AllowedMethods"] == ["PUT"]
    assert cors["AllowedOrigins"] == ["*"]
    assert cors["AllowedHeaders"] == ["Content-Type"]
    template.has_resource_properties(
        "AWS::S3::BucketPolicy",
        {
            "Bucket": {"Ref": uploads_bucket_id(resources)},
            "PolicyDocument": {
                "Statement": Match.array_with(
                    [
                        Match.object_like(
                            {
                                "Effect": "Deny",
                                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                            }
                        )
                    ]
                )
            },
        },
    )
    outputs = template.to_json()["Outputs"]
    assert outputs["UploadsBucket"]["Value"] == {"Ref": uploads_bucket_id(resources)}


def upload_queue_id(resources: Resources) -> str:
    (queue,) = [
        key
        for key, queue in of_type(resources, "AWS::SQS::Queue").items()
        if queue["Properties"]["QueueName"] == "interview-prep-test-upload"
    ]
    return queue


def test_files_created_under_the_prefix_are_announced_on_the_upload_queue(
    template: Any, resources: Resources
) -> None:
    bucket, queue = uploads_bucket_id(resources), upload_queue_id(resources)
    template.has_resource_properties(
        "Custom::S3BucketNotifications",
        {
            "BucketName": {"Ref": bucket},
            "NotificationConfiguration": {
                "QueueConfigurations": [
                    {
                        "Events": ["s3:ObjectCreated:*"],
                        "Filter": {
                            "Key": {"FilterRules": [{"Name": "prefix", "Value": "uploads/"}]}
                        },
                        "QueueArn": {"Fn::GetAtt": [queue, "Arn"]},
                    }
                ]
            },
        },
    )
    # S3 may send to the queue, from this bucket only
    template.has_resource_properties(
        "AWS::SQS::QueuePolicy",
        {
            "Queues": [{"Ref": queue}],
            "PolicyDocument": {
                "Statement": Match.array_with(
                    [
                        Match.object_like(
                            {
                                "Effect": "Allow",
                                "Principal": {"Service": "s3.amazonaws.com"},
                                "Action": Match.array_with(["sqs:SendMessage"]),
                                "Condition": {
                                    "ArnLike": {"aws:SourceArn": {"Fn::GetAtt": [bucket, "Arn"]}}
                                },
                            }
                        )
                    ]
                )
            },
        },
    )


def test_the_parser_is_fed_by_the_upload_queue_with_partial_batch_failures(
    template: Any, resources: Resources
) -> None:
    template.has_resource_properties(
        "AWS::Lambda::EventSourceMapping",
        {
            "FunctionName": {"Ref": function_id(PARSER)},
            "EventSourceArn": {"Fn::GetAtt": [upload_queue_id(resources), "Arn"]},
            "BatchSize": 1,
            "FunctionResponseTypes": ["ReportBatchItemFailures"],
            "ScalingConfig": {"MaximumConcurrency": 2},
        },
    )
    properties = resources[function_id(PARSER)]["Properties"]
    assert properties["ReservedConcurrentExecutions"] == 2
    assert properties["MemorySize"] == 1024
    actions = actions_by_function(resources)
    # retries change the message's visibility; only the resumes function sends checks
    assert {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"} <= actions[
        PARSER
    ]
    assert "sqs:SendMessage" not in actions[PARSER]
    # the job, the circuit breakers, and no other table
    assert {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"} <= actions[PARSER]


def test_the_parser_calls_models_like_the_worker(resources: Resources) -> None:
    llm = {"LLM_PROVIDERS", "LLM_OFFLINE_FALLBACK", "GEMINI_API_KEY_SECRET_NAME"}
    environments = {
        function_name(fn): fn["Properties"]["Environment"]["Variables"]
        for fn in service_functions(resources).values()
    }
    for name in (WORKER, PARSER):
        assert {key: environments[name][key] for key in llm} == {
            "LLM_PROVIDERS": "gemini,openai,claude",
            "LLM_OFFLINE_FALLBACK": "false",
            "GEMINI_API_KEY_SECRET_NAME": "test/gemini-api-key",
        }, name
    assert {name for name, env in environments.items() if llm & set(env)} == {WORKER, PARSER}
    secret_readers = {
        name
        for name, statements in statements_by_function(resources).items()
        for statement in statements
        if "test/gemini-api-key" in json.dumps(statement["Resource"])
    }
    assert secret_readers == {WORKER, PARSER}


def test_every_function_starts_with_the_environment_the_stack_gives_it(
    resources: Resources,
) -> None:
    """The runtime's own cold-start check (``config.check_settings``) passes for every
    deployed function with the variables in the template (tokens stand for the names
    CloudFormation fills in), and every deployed function is one it knows."""
    from interview_prep.config import FUNCTION_NEEDS, Settings, check_settings

    deployed = {}
    for function in service_functions(resources).values():
        variables = function["Properties"]["Environment"]["Variables"]
        values = {
            key.lower(): value if isinstance(value, str) else "resolved-at-deploy"
            for key, value in variables.items()
        }
        deployed[function_name(function)] = Settings.model_validate(values)
    assert set(deployed) == set(FUNCTION_NEEDS)
    for name, settings in deployed.items():
        assert settings.stage == "test"
        check_settings(name, settings)
        assert {"uploads_bucket", "upload_queue_url"} <= settings.model_fields_set, name
