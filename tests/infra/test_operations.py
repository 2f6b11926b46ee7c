"""What an operator relies on after ``cdk deploy``: keys and usage plans, access logs,
dashboards and alarms that reach someone, the cost guard, cdk-nag and cfn-lint passing, and
the private-network option (API Gateway's own errors: test_gateway_responses.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from aws_cdk.assertions import Match

from interview_prep import contract, routes
from tests.infra.conftest import Synthesized, of_type, service_functions, synthesize

Resources = dict[str, dict[str, Any]]


def test_cdk_nag_aws_solutions_passes_with_every_exception_explained(
    synthesized: Synthesized,
) -> None:
    assert synthesized.findings == [], "\n".join(synthesized.findings)
    assert synthesized.error is None


def test_cfn_lint_finds_nothing_in_the_template(synthesized: Synthesized) -> None:
    # W3005: CDK writes DependsOn that cfn-lint considers redundant (TOOLCHAIN.md)
    lint = subprocess.run(
        [
            str(Path(sys.executable).with_name("cfn-lint")),
            "--ignore-checks",
            "W3005",
            "--",
            str(synthesized.template_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr


def test_keyed_routes_go_through_the_authorizer_and_a_usage_plan(
    template: Any, resources: Resources
) -> None:
    methods = [
        m["Properties"]
        for m in of_type(resources, "AWS::ApiGateway::Method").values()
        if m["Properties"]["HttpMethod"] != "OPTIONS"
    ]
    keyed = {(m["HttpMethod"], m.get("ApiKeyRequired", False)) for m in methods}
    assert ("POST", True) in keyed and ("GET", False) in keyed  # resumes vs health
    for method in methods:  # a key always means the authorizer, and no key means none
        custom = method.get("AuthorizationType") == "CUSTOM"
        assert custom == bool(method.get("ApiKeyRequired")), method
    [authorizer] = of_type(resources, "AWS::ApiGateway::Authorizer").values()
    assert authorizer["Properties"]["Type"] == "REQUEST"
    assert authorizer["Properties"]["IdentitySource"] == "method.request.header.X-Api-Key"
    assert authorizer["Properties"]["AuthorizerResultTtlInSeconds"] == 60
    [rest_api] = of_type(resources, "AWS::ApiGateway::RestApi").values()
    assert rest_api["Properties"]["ApiKeySourceType"] == "AUTHORIZER"
    public = [r for r in routes.ROUTES if not r.auth]
    assert public and all(r.method == "GET" for r in public)
    template.has_resource_properties(
        "AWS::ApiGateway::UsagePlan",
        {
            "Throttle": {"RateLimit": 10, "BurstLimit": 20},
            "Quota": {"Limit": 5000, "Period": "DAY"},
            "ApiStages": Match.array_with([Match.object_like({"Stage": Match.any_value()})]),
        },
    )
    # no key is made in the template: the key command adds one usage key per owner
    template.resource_count_is("AWS::ApiGateway::ApiKey", 0)
    assert {"UsagePlanId", "KeysTable"} <= set(template.to_json()["Outputs"])


@pytest.fixture(scope="module")
def variant(tmp_path_factory: pytest.TempPathFactory) -> Synthesized:
    """The stack with what the session's synth leaves off (one synth for several tests):
    the per-IP rule, no web page, one CORS origin."""
    return synthesize(
        tmp_path_factory.mktemp("variant"),
        waf_requests_per_minute=100,
        web_site=False,
        cors_origins=("https://app.example.com",),
    )


def test_the_per_ip_rule_is_off_by_default_and_on_by_configuration(
    template: Any, variant: Synthesized
) -> None:
    template.resource_count_is("AWS::WAFv2::WebACL", 0)
    assert not variant.findings and variant.error is None
    guarded = variant.template
    guarded.has_resource_properties(
        "AWS::WAFv2::WebACL",
        {
            "Scope": "REGIONAL",
            "Rules": [
                Match.object_like(
                    {
                        "Statement": {
                            "RateBasedStatement": {
                                "AggregateKeyType": "IP",
                                "Limit": 100,
                                "EvaluationWindowSec": 60,
                            }
                        }
                    }
                )
            ],
        },
    )
    guarded.resource_count_is("AWS::WAFv2::WebACLAssociation", 1)


def test_api_access_logs_go_to_a_log_group_with_retention(template: Any) -> None:
    template.has_resource_properties(
        "AWS::ApiGateway::Stage",
        {
            "AccessLogSetting": {
                "DestinationArn": Match.any_value(),
                "Format": Match.string_like_regexp("requestId"),
            }
        },
    )
    template.has_resource_properties(
        "AWS::Logs::LogGroup",
        {"LogGroupName": "/aws/apigateway/interview-prep-test/access", "RetentionInDays": 30},
    )


def alarms(resources: Resources) -> dict[str, dict[str, Any]]:
    return {
        a["Properties"]["AlarmName"]: a["Properties"]
        for a in of_type(resources, "AWS::CloudWatch::Alarm").values()
    }


def metric_names(alarm: dict[str, Any]) -> set[str]:
    if "MetricName" in alarm:
        return {alarm["MetricName"]}
    return {
        query["MetricStat"]["Metric"]["MetricName"]
        for query in alarm.get("Metrics", [])
        if "MetricStat" in query
    }


QUEUES = ("GenerationQueue", "UploadQueue")


def queue_of(alarm_name: str) -> str:
    (queue,) = [queue for queue in QUEUES if f"-{queue}-" in alarm_name]
    return queue


def test_alarms_cover_the_api_functions_queues_and_llm_providers(resources: Resources) -> None:
    found = alarms(resources)
    by_metric: dict[str, list[str]] = {}
    for name, alarm in found.items():
        for metric in metric_names(alarm):
            by_metric.setdefault(metric, []).append(name)
    assert {"5XXError", "4XXError", "Latency"} <= set(by_metric)
    # every function: throttles and duration near its timeout; errors for all but the
    # authorizer, whose "Unauthorized" answers count as Lambda errors
    functions = len(routes.functions()) + 3  # the worker, the parser and the authorizer
    for metric in ("Throttles", "Duration"):
        assert len(by_metric[metric]) == functions, metric
    assert len(by_metric["Errors"]) == functions - 1
    assert not [name for name in by_metric["Errors"] if "Authorizer" in name]
    # both queues: the oldest message, and any message in the dead-letter queue
    ages = {
        queue_of(name): found[name]["Threshold"]
        for name in by_metric["ApproximateAgeOfOldestMessage"]
    }
    # the upload queue holds each upload's expiry check, delayed by design
    assert ages == {"GenerationQueue": 900, "UploadQueue": 900 + contract.SQS_MAX_DELAY_SECONDS}
    dead_letters = {
        queue_of(name): found[name]
        for name in by_metric["ApproximateNumberOfMessagesVisible"]
        if "Dead" in name or "DLQ" in name.upper()
    }
    assert set(dead_letters) == set(QUEUES)
    for dlq_alarm in dead_letters.values():
        assert dlq_alarm["Threshold"] == 0
        assert dlq_alarm["ComparisonOperator"] == "GreaterThanThreshold"
    assert {"gemini", "openai", "claude"} <= {
        dim["Value"]
        for name in by_metric["Fallbacks"]
        for query in found[name]["Metrics"]
        if "MetricStat" in query
        for dim in query["MetricStat"]["Metric"]["Dimensions"]
        if dim["Name"] == "provider"
    }


def test_daily_llm_cost_alarm_sums_every_provider(resources: Resources) -> None:
    (cost,) = [a for a in alarms(resources).values() if metric_names(a) == {"CostUSD"}]
    assert cost["Threshold"] == 5.0
    (total,) = [q for q in cost["Metrics"] if q.get("ReturnData", True)]
    # gemini, openai, claude, offline; each as the worker and the parser spend it
    assert total["Expression"].count("FILL(") == 8
    services = {
        dimension["Value"]
        for query in cost["Metrics"]
        if "MetricStat" in query
        for dimension in query["MetricStat"]["Metric"]["Dimensions"]
        if dimension["Name"] == "service"
    }
    assert services == {"worker", "parser"}
    assert all(q["MetricStat"]["Period"] == 86400 for q in cost["Metrics"] if "MetricStat" in q)


def test_every_alarm_notifies_the_alarm_topic(template: Any, resources: Resources) -> None:
    (topic_id,) = of_type(resources, "AWS::SNS::Topic")
    for name, alarm in alarms(resources).items():
        assert {"Ref": topic_id} in alarm["AlarmActions"], name
    template.has_resource_properties(
        "AWS::SNS::Subscription", {"Protocol": "email", "Endpoint": "oncall@example.com"}
    )


def test_a_monthly_budget_warns_the_alarm_topic(template: Any) -> None:
    template.has_resource_properties(
        "AWS::Budgets::Budget",
        {
            "Budget": Match.object_like(
                {"BudgetLimit": {"Amount": 50, "Unit": "USD"}, "TimeUnit": "MONTHLY"}
            ),
            "NotificationsWithSubscribers": Match.array_with(
                [
                    Match.object_like(
                        {"Subscribers": [{"SubscriptionType": "SNS", "Address": Match.any_value()}]}
                    )
                ]
            ),
        },
    )


def test_dashboards_show_the_service(resources: Resources) -> None:
    dashboards = of_type(resources, "AWS::CloudWatch::Dashboard")
    assert dashboards
    body = json.dumps([d["Properties"]["DashboardBody"] for d in dashboards.values()])
    for shown in (
        "5XXError",
        "ApproximateAgeOfOldestMessage",
        "Fallbacks",
        "Tokens",
        "CostUSD",
        "UploadsStarted",
        "UploadsParsed",
        "UploadsFailed",
        "Upload queue",
        "parser function",
    ):
        assert shown in body, shown


def test_functions_can_run_in_a_vpc_for_private_atlas_access(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    private = synthesize(tmp_path_factory.mktemp("vpc"), mongodb_network="vpc")
    assert private.findings == [], "\n".join(private.findings)
    resources = private.template.to_json()["Resources"]
    assert len(of_type(resources, "AWS::EC2::NatGateway")) == 1
    for function in service_functions(resources).values():
        config = function["Properties"]["VpcConfig"]
        assert config["SubnetIds"] and config["SecurityGroupIds"]


def test_an_unknown_network_setting_is_refused() -> None:
    from infra.config import StageConfig

    with pytest.raises(ValueError, match="mongodb_network"):
        StageConfig(mongodb_network="peered")


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("api_timeout_seconds", 29),
        ("api_timeout_seconds", 0),
        ("worker_timeout_seconds", 901),
        ("parser_timeout_seconds", 901),
        ("parser_timeout_seconds", 0),
        ("parser_batch_size", 11),
        ("parser_concurrency", 0),
    ],
)
def test_a_timeout_the_platform_cannot_honour_is_refused(setting: str, value: int) -> None:
    from infra.config import StageConfig

    with pytest.raises(ValueError, match=setting):
        StageConfig(**{setting: value})


def test_the_app_reads_its_configuration_from_cdk_json() -> None:
    context = json.loads((Path(__file__).parents[2] / "cdk.json").read_text())["context"]
    assert context["stage"]
    from infra.config import StageConfig

    known = set(StageConfig.__dataclass_fields__)
    assert set(context["interview-prep"]) <= known


def test_the_web_page_is_served_by_cloudfront_with_the_api_on_the_same_origin(
    template: Any, resources: Resources
) -> None:
    (distribution,) = of_type(resources, "AWS::CloudFront::Distribution").values()
    config = distribution["Properties"]["DistributionConfig"]
    assert config["DefaultRootObject"] == "index.html"
    assert config["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "redirect-to-https"
    (api,) = config["CacheBehaviors"]
    assert api["PathPattern"] == f"{routes.API_PREFIX}/*"
    assert set(api["AllowedMethods"]) >= {"GET", "POST", "PUT", "DELETE", "OPTIONS"}
    origins = {origin["Id"]: origin for origin in config["Origins"]}
    api_origin = origins[api["TargetOriginId"]]
    assert api_origin["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
    assert "RestApi" in json.dumps(api_origin["DomainName"])
    assert "S3OriginConfig" in origins[config["DefaultCacheBehavior"]["TargetOriginId"]]
    template.resource_count_is("AWS::CloudFront::OriginAccessControl", 1)
    template.has_resource_properties(
        "AWS::S3::Bucket",
        {
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True,
                "BlockPublicPolicy": True,
                "IgnorePublicAcls": True,
                "RestrictPublicBuckets": True,
            }
        },
    )
    deployments = of_type(resources, "Custom::CDKBucketDeployment")
    prefixes = sorted(
        d["Properties"].get("DestinationBucketKeyPrefix", "") for d in deployments.values()
    )
    assert prefixes == ["", "samples/"]
    assert "WebUrl" in template.to_json()["Outputs"]


def test_browsers_may_put_files_from_the_configured_origins_without_the_web_page(
    variant: Synthesized,
) -> None:
    resources = variant.template.to_json()["Resources"]
    (bucket,) = [
        value
        for key, value in of_type(resources, "AWS::S3::Bucket").items()
        if key.startswith("Uploads")
    ]
    (cors,) = bucket["Properties"]["CorsConfiguration"]["CorsRules"]
    assert cors["AllowedOrigins"] == ["https://app.example.com"]
    assert cors["AllowedMethods"] == ["PUT"]
