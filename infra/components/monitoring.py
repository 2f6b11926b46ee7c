from __future__ import annotations

from collections.abc import Mapping

import cdk_monitoring_constructs as mc
from aws_cdk import Duration
from aws_cdk import aws_apigateway as apigateway
from aws_cdk import aws_budgets as budgets
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from constructs import Construct

from infra.components.functions import (
    AUTHORIZER,
    JOB_STARTERS,
    PARSER,
    UPLOAD_STARTERS,
    WORKER,
    timeout_seconds,
)
from infra.components.queues import GenerationQueue, WorkQueue
from infra.components.uploads import Uploads
from infra.config import StageConfig
from interview_prep import contract, routes
from interview_prep.contract import METRICS_NAMESPACE, Metric

#: Dimension the worker's metrics carry besides ``provider`` (its Powertools service name).
WORKER_SERVICE = WORKER
#: The parse function's service name: it reports parsed and failed uploads, and calls
#: models through the same provider layer as the worker.
PARSER_SERVICE = PARSER
#: The functions whose provider metrics (calls, fallbacks, tokens, cost) add up.
LLM_SERVICES = (WORKER_SERVICE, PARSER_SERVICE)
FIVE_MINUTES = Duration.minutes(5)
ONE_DAY = Duration.days(1)


class AlarmTopic(Construct):
    """The SNS topic every alarm and the budget notify (plus an optional e-mail)."""

    def __init__(self, scope: Construct, construct_id: str, *, config: StageConfig) -> None:
        super().__init__(scope, construct_id)
        self.topic = sns.Topic(
            self, "Topic", topic_name=f"{config.prefix}-alarms", enforce_ssl=True
        )
        if config.alarm_email:
            self.topic.add_subscription(subscriptions.EmailSubscription(config.alarm_email))


class Monitoring(Construct):
    """Dashboards and alarms: API, every function, the queues and their DLQs, jobs and
    uploads, LLM providers."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: StageConfig,
        topic: sns.ITopic,
        rest_api: apigateway.RestApi,
        functions: Mapping[str, lambda_.IFunction],
        queue: GenerationQueue,
        uploads: Uploads,
    ) -> None:
        super().__init__(scope, construct_id)
        self.config = config
        self.facade = mc.MonitoringFacade(
            self,
            "Facade",
            alarm_factory_defaults=mc.AlarmFactoryDefaults(
                alarm_name_prefix=config.prefix,
                actions_enabled=True,
                action=mc.SnsAlarmActionStrategy(on_alarm_topic=topic, on_ok_topic=topic),
                datapoints_to_alarm=2,
                evaluation_periods=3,
            ),
            dashboard_factory=mc.DefaultDashboardFactory(
                self,
                "Dashboards",
                dashboard_name_prefix=config.prefix,
                create_dashboard=True,
                create_summary_dashboard=True,
                create_alarm_dashboard=False,
            ),
            metric_factory_defaults=mc.MetricFactoryDefaults(namespace=METRICS_NAMESPACE),
        )
        self._api(rest_api)
        for name, function in sorted(functions.items()):
            self._function(name, function)
        self._queue(
            queue,
            "Generation queue",
            max_age_seconds=config.queue_oldest_message_seconds,
        )
        self._queue(
            uploads.queues,
            "Upload queue",
            # the expiry checks wait there, delayed by design, for up to SQS's longest delay
            max_age_seconds=config.queue_oldest_message_seconds + contract.SQS_MAX_DELAY_SECONDS,
        )
        self._jobs()
        self._uploads()
        self._providers()

    def _api(self, rest_api: apigateway.RestApi) -> None:
        config = self.config
        self.facade.add_large_header("API")
        self.facade.monitor_api_gateway(
            api=rest_api,
            api_stage=config.stage,
            human_readable_name="REST API",
            alarm_friendly_name="Api",
            add_latency_p95_alarm={
                "Warning": mc.LatencyThreshold(
                    max_latency=Duration.millis(config.api_p95_latency_ms)
                )
            },
        )
        # Error *shares* of all requests (the library's "rate" is errors per second).
        self.facade.monitor_custom(
            alarm_friendly_name="ApiErrorShare",
            human_readable_name="API error share (% of requests)",
            metric_groups=[
                mc.CustomMetricGroup(
                    title="Errors, % of requests",
                    metrics=[
                        self._api_error_share(rest_api, "5XXError", config.api_5xx_rate_percent),
                        self._api_error_share(rest_api, "4XXError", config.api_4xx_rate_percent),
                    ],
                )
            ],
        )

    def _api_error_share(
        self, rest_api: apigateway.RestApi, metric: str, max_percent: float
    ) -> mc.CustomMetricWithAlarm:
        errors = cloudwatch.Metric(
            namespace="AWS/ApiGateway",
            metric_name=metric,
            dimensions_map={"ApiName": rest_api.rest_api_name, "Stage": self.config.stage},
            statistic="Average",  # 0/1 per request: the average is the share
            period=FIVE_MINUTES,
        )
        key = f"e{metric[0]}xx"  # ids must differ between the graphs' two expressions
        share = cloudwatch.MathExpression(
            expression=f"100 * {key}",
            using_metrics={key: errors},
            label=f"{metric[:3]} %",
            period=FIVE_MINUTES,
        )
        return mc.CustomMetricWithAlarm(
            metric=share,
            alarm_friendly_name=f"Api{metric[:3]}Share",
            add_alarm={"Critical" if metric.startswith("5") else "Warning": _above(max_percent)},
        )

    def _function(self, name: str, function: lambda_.IFunction) -> None:
        self.facade.monitor_lambda_function(
            lambda_function=function,
            human_readable_name=f"{name} function",
            alarm_friendly_name=f"{name.capitalize()}Function",
            # the authorizer's protocol for a bad key is an error ("Unauthorized"), so its
            # error count is traffic, not faults; AUTHORIZER_FAILURE shows as API 5xx
            add_fault_count_alarm=(
                {}
                if name == AUTHORIZER
                else {"Critical": mc.ErrorCountThreshold(max_error_count=0)}
            ),
            add_throttles_count_alarm={"Warning": mc.ErrorCountThreshold(max_error_count=0)},
            add_latency_p99_alarm={
                "Warning": mc.LatencyThreshold(
                    max_latency=Duration.millis(slow_call_ms(self.config, name))
                )
            },
        )

    def _queue(self, queue: WorkQueue, title: str, *, max_age_seconds: int) -> None:
        self.facade.add_large_header(title)
        self.facade.monitor_sqs_queue_with_dlq(
            queue=queue.queue,
            dead_letter_queue=queue.dead_letter_queue,
            human_readable_name=title,
            alarm_friendly_name=title.title().replace(" ", ""),
            add_queue_max_message_age_alarm={
                "Warning": mc.MaxMessageAgeThreshold(max_age_in_seconds=max_age_seconds)
            },
            # any message here is a job that failed every attempt: someone should look
            add_dead_letter_queue_max_size_alarm={
                "Critical": mc.MaxMessageCountThreshold(max_message_count=0)
            },
        )

    def _jobs(self) -> None:
        """The business metrics: jobs started, reused, finished and retried."""
        starters = sorted(JOB_STARTERS)
        self.facade.add_large_header("Generation jobs")
        self.facade.monitor_custom(
            alarm_friendly_name="GenerationJobs",
            human_readable_name="Generation jobs",
            metric_groups=[
                mc.CustomMetricGroup(
                    title="Jobs queued per API function",
                    metrics=[
                        _service_metric(Metric.JOBS_QUEUED, s, FIVE_MINUTES) for s in starters
                    ],
                ),
                mc.CustomMetricGroup(
                    title="Requests answered from a stored result",
                    metrics=[
                        _service_metric(Metric.RESULT_CACHE_HITS, s, FIVE_MINUTES) for s in starters
                    ],
                ),
                mc.CustomMetricGroup(
                    title="Jobs finished and retried",
                    metrics=[
                        _service_metric(
                            Metric.JOBS_SUCCEEDED, WORKER_SERVICE, FIVE_MINUTES, "succeeded"
                        ),
                        self._failed_jobs(),
                        _service_metric(
                            Metric.JOB_RETRIES, WORKER_SERVICE, FIVE_MINUTES, "retried"
                        ),
                    ],
                ),
            ],
        )

    def _failed_jobs(self) -> mc.CustomMetricWithAlarm:
        """Jobs that failed for good: each is a user who got an error instead of a result."""
        return mc.CustomMetricWithAlarm(
            metric=_service_metric(Metric.JOBS_FAILED, WORKER_SERVICE, FIVE_MINUTES, "failed"),
            alarm_friendly_name="JobsFailed",
            add_alarm={"Warning": _above(self.config.jobs_failed_per_5_minutes)},
        )

    def _uploads(self) -> None:
        """Uploaded resumes: upload URLs handed out, files read into resumes, and files that
        ended their job failed (unreadable, scanned, not a resume, never uploaded...)."""
        self.facade.add_large_header("Resume uploads")
        self.facade.monitor_custom(
            alarm_friendly_name="ResumeUploads",
            human_readable_name="Resume uploads",
            metric_groups=[
                mc.CustomMetricGroup(
                    title="Uploads started, parsed and failed",
                    metrics=[
                        *(
                            _service_metric(Metric.UPLOADS_STARTED, s, FIVE_MINUTES, "started")
                            for s in sorted(UPLOAD_STARTERS)
                        ),
                        _service_metric(
                            Metric.UPLOADS_PARSED, PARSER_SERVICE, FIVE_MINUTES, "parsed"
                        ),
                        # mostly the uploader's file, not a fault: graphed, not alarmed
                        _service_metric(
                            Metric.UPLOADS_FAILED, PARSER_SERVICE, FIVE_MINUTES, "failed"
                        ),
                    ],
                ),
            ],
        )

    def _providers(self) -> None:
        providers = self.config.provider_names
        self.facade.add_large_header("LLM providers")
        self.facade.monitor_custom(
            alarm_friendly_name="LlmProviders",
            human_readable_name="LLM providers (worker and parse function)",
            metric_groups=[
                mc.CustomMetricGroup(
                    title="Calls per provider",
                    metrics=[
                        _every_llm_service("ProviderCalls", p, FIVE_MINUTES) for p in providers
                    ],
                ),
                mc.CustomMetricGroup(
                    title="Fallbacks to the next provider",
                    metrics=[self._fallbacks(p) for p in providers],
                ),
                mc.CustomMetricGroup(
                    title="Failures per provider and error class",
                    metrics=[
                        mc.CustomMetricSearch(
                            namespace=METRICS_NAMESPACE,
                            search_query="ProviderFailures_",
                            dimensions_map={"provider": "*", "service": "*"},
                            statistic=mc.MetricStatistic.SUM,
                            period=FIVE_MINUTES,
                            label="failures",
                        )
                    ],
                ),
                mc.CustomMetricGroup(
                    title="Tokens per day",
                    metrics=[_every_llm_service("Tokens", p, ONE_DAY) for p in providers],
                ),
                mc.CustomMetricGroup(
                    title="LLM cost per day (USD)",
                    metrics=[self._daily_cost(providers)],
                ),
            ],
        )

    def _fallbacks(self, provider: str) -> mc.CustomMetricWithAlarm:
        return mc.CustomMetricWithAlarm(
            metric=_every_llm_service("Fallbacks", provider, FIVE_MINUTES),
            alarm_friendly_name=f"{provider.capitalize()}Fallbacks",
            add_alarm={"Warning": _above(self.config.llm_fallbacks_per_5_minutes)},
        )

    def _daily_cost(self, providers: tuple[str, ...]) -> mc.CustomMetricWithAlarm:
        """Cost guard: the day's LLM spend over every provider and every function that calls
        one (the EMF ``CostUSD`` metric)."""
        costs = {
            key: metric
            for provider in providers
            for key, metric in _every_llm_service(
                "CostUSD", provider, ONE_DAY
            ).using_metrics.items()
        }
        total = cloudwatch.MathExpression(
            expression=" + ".join(f"FILL({key}, 0)" for key in costs),
            using_metrics=costs,
            label="USD per day",
            period=ONE_DAY,
        )
        return mc.CustomMetricWithAlarm(
            metric=total,
            alarm_friendly_name="LlmDailyCost",
            add_alarm={
                "Critical": _above(
                    self.config.daily_llm_cost_usd, datapoints_to_alarm=1, evaluation_periods=1
                )
            },
        )


def slow_call_ms(config: StageConfig, name: str) -> int:
    """p99 duration that warns: close to the timeout, where the next slow call fails.

    A ``?wait`` request may rightly last the longest wait, so for the functions serving it
    the warning sits halfway between that and the timeout (inside the safety margin).
    """
    timeout_ms = timeout_seconds(config, name) * 1000
    if name not in routes.waiting_functions():
        return int(timeout_ms * 0.8)
    return (contract.MAX_WAIT_SECONDS * 1000 + timeout_ms) // 2


def _above(
    threshold: float,
    *,
    datapoints_to_alarm: int | None = None,
    evaluation_periods: int | None = None,
) -> mc.CustomThreshold:
    """Alarm above ``threshold``; no data (no traffic, no spend) is not a breach."""
    return mc.CustomThreshold(
        threshold=threshold,
        comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treat_missing_data_override=cloudwatch.TreatMissingData.NOT_BREACHING,
        datapoints_to_alarm=datapoints_to_alarm,
        evaluation_periods=evaluation_periods,
    )


def _service_metric(
    name: str, service: str, period: Duration, label: str | None = None
) -> cloudwatch.Metric:
    """A business metric as one function emits it (dimension: its Powertools service)."""
    return cloudwatch.Metric(
        namespace=METRICS_NAMESPACE,
        metric_name=name,
        dimensions_map={"service": service},
        statistic="Sum",
        period=period,
        label=label or service,
    )


def _every_llm_service(name: str, provider: str, period: Duration) -> cloudwatch.MathExpression:
    """A provider metric summed over the functions that call models (worker, parser)."""
    parts: dict[str, cloudwatch.IMetric] = {
        f"{name.lower()}_{provider}_{service}": cloudwatch.Metric(
            namespace=METRICS_NAMESPACE,
            metric_name=name,
            dimensions_map={"provider": provider, "service": service},
            statistic="Sum",
            period=period,
            label=f"{provider} ({service})",
        )
        for service in LLM_SERVICES
    }
    return cloudwatch.MathExpression(
        expression=" + ".join(f"FILL({key}, 0)" for key in parts),
        using_metrics=parts,
        label=provider,
        period=period,
    )


class Budget(Construct):
    """Cost guard for the account: a monthly AWS Budget that warns at 80 % and on forecast."""

    def __init__(
        self, scope: Construct, construct_id: str, *, config: StageConfig, topic: sns.Topic
    ) -> None:
        super().__init__(scope, construct_id)
        topic.add_to_resource_policy(
            iam.PolicyStatement(
                principals=[iam.ServicePrincipal("budgets.amazonaws.com")],
                actions=["sns:Publish"],
                resources=[topic.topic_arn],
            )
        )
        subscriber = budgets.CfnBudget.SubscriberProperty(
            subscription_type="SNS", address=topic.topic_arn
        )
        budgets.CfnBudget(
            self,
            "Monthly",
            budget=budgets.CfnBudget.BudgetDataProperty(
                budget_name=f"{config.prefix}-monthly",
                budget_type="COST",
                time_unit="MONTHLY",
                budget_limit=budgets.CfnBudget.SpendProperty(
                    amount=config.monthly_budget_usd, unit="USD"
                ),
            ),
            notifications_with_subscribers=[
                budgets.CfnBudget.NotificationWithSubscribersProperty(
                    notification=budgets.CfnBudget.NotificationProperty(
                        notification_type=kind,
                        comparison_operator="GREATER_THAN",
                        threshold=percent,
                        threshold_type="PERCENTAGE",
                    ),
                    subscribers=[subscriber],
                )
                for kind, percent in (("ACTUAL", 80), ("FORECASTED", 100))
            ],
        )
