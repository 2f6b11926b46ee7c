"""Deployment configuration, read from CDK context (``cdk.json`` or ``-c key=value``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from constructs import Node

from interview_prep import contract
from interview_prep.resources import stage_prefix

NETWORKS = frozenset({"public", "vpc"})
#: The largest SQS batch a Lambda event source takes without a batching window (the parse
#: function has none: each of its messages may be a 10 MB file).
SQS_BATCH_LIMIT = 10


@dataclass(frozen=True)
class StageConfig:
    stage: str = "dev"
    #: Origins allowed by CORS; empty means same-origin only (no CORS headers).
    cors_origins: tuple[str, ...] = ()
    #: A ``aws_logs.RetentionDays`` member name.
    log_retention: str = "ONE_MONTH"
    throttle_rate_per_second: int = 50
    throttle_burst: int = 100
    #: Lambda timeout of the API functions that answer at once; those serving ``?wait``
    #: get ``contract.WAIT_FUNCTION_TIMEOUT_SECONDS`` instead.
    api_timeout_seconds: int = contract.API_FUNCTION_TIMEOUT_SECONDS
    api_memory_mb: int = 512
    worker_timeout_seconds: int = 120
    worker_memory_mb: int = 1024
    #: Redrive limit of the generation and upload queues; their consumers get the same value
    #: (they fail the job on the last receive).
    max_receive_count: int = contract.MAX_RECEIVE_COUNT
    worker_batch_size: int = 5
    worker_concurrency: int = 5
    #: The parse function (uploaded PDF/DOCX files -> resumes): its timeout also sets the
    #: upload queue's visibility timeout (6x). One file per batch by default: a file may be
    #: 10 MB and its structuring calls a model.
    parser_timeout_seconds: int = 120
    parser_memory_mb: int = 1024
    parser_batch_size: int = 1
    parser_concurrency: int = 2
    mongodb_database: str = "interview_prep"
    mongodb_max_pool_size: int = 5
    extra_environment: dict[str, str] = field(default_factory=dict)
    #: Provider order of the functions that call models, the worker and the parse function
    #: (``LLM_PROVIDERS``).
    llm_providers: str = "gemini,openai,claude"
    #: Existing Secrets Manager secret names holding each provider's API key, e.g.
    #: ``{"gemini": "prod/gemini-api-key"}``. Providers without one are skipped; with none
    #: at all the offline generator answers.
    llm_api_key_secrets: dict[str, str] = field(default_factory=dict)
    llm_offline_fallback: bool = False
    #: How functions reach MongoDB Atlas: ``public`` (outside a VPC; Atlas IP access list)
    #: or ``vpc`` (private subnets with NAT: one static egress IP, or PrivateLink).
    mongodb_network: str = "public"
    vpc_nat_gateways: int = 1
    #: How long API Gateway caches the authorizer's answer for one key (0 = no cache): a
    #: revoked key keeps working this long.
    authorizer_cache_seconds: int = 60
    #: Per-IP limit of AWS WAF's rate-based rule (requests per minute); 0 = no web ACL.
    waf_requests_per_minute: int = 0
    #: API Gateway usage plan per owner (on top of stage throttling).
    usage_plan_rate_per_second: int = 10
    usage_plan_burst: int = 20
    usage_plan_quota_per_day: int = 5000
    #: Serve the web page (``web/``) on CloudFront, with ``/api/*`` passed to the API.
    web_site: bool = True
    #: Where alarms are sent (an SNS email subscription); empty: topic only.
    alarm_email: str = ""
    api_5xx_rate_percent: float = 1.0
    api_4xx_rate_percent: float = 25.0
    api_p95_latency_ms: int = 3000
    queue_oldest_message_seconds: int = 900
    llm_fallbacks_per_5_minutes: int = 5
    jobs_failed_per_5_minutes: int = 3
    #: Cost guard: monthly AWS budget and the daily LLM spend (from the CostUSD metric).
    monthly_budget_usd: float = 50.0
    daily_llm_cost_usd: float = 5.0

    def __post_init__(self) -> None:
        if self.mongodb_network not in NETWORKS:
            raise ValueError(f"mongodb_network must be one of {sorted(NETWORKS)}")
        if not 1 <= self.api_timeout_seconds < contract.API_GATEWAY_INTEGRATION_TIMEOUT_SECONDS:
            # a longer function would outlive the gateway and answer into a closed 504
            raise ValueError(
                "api_timeout_seconds must be below API Gateway's "
                f"{contract.API_GATEWAY_INTEGRATION_TIMEOUT_SECONDS} s integration limit"
            )
        longest = contract.LAMBDA_MAX_TIMEOUT_SECONDS
        for setting in ("worker_timeout_seconds", "parser_timeout_seconds"):
            if not 1 <= getattr(self, setting) <= longest:
                raise ValueError(f"{setting} must be between 1 and {longest}")
        if not 1 <= self.parser_batch_size <= SQS_BATCH_LIMIT:
            raise ValueError(f"parser_batch_size must be between 1 and {SQS_BATCH_LIMIT}")
        if self.parser_concurrency < 1:
            raise ValueError("parser_concurrency must be at least 1")

    @property
    def prefix(self) -> str:
        return stage_prefix(self.stage)

    @property
    def provider_names(self) -> tuple[str, ...]:
        """Providers the model-calling functions may call, as their metrics name them
        (offline included)."""
        names = [name.strip() for name in self.llm_providers.split(",") if name.strip()]
        return (*dict.fromkeys(names), "offline")

    @classmethod
    def from_context(cls, node: Node) -> StageConfig:
        raw: dict[str, Any] = node.try_get_context("interview-prep") or {}
        stage = node.try_get_context("stage") or raw.get("stage", cls.stage)
        origins = raw.get("cors_origins", ())
        if isinstance(origins, str):
            origins = [origin for origin in origins.split(",") if origin]
        known = {name for name in cls.__dataclass_fields__ if name not in {"stage", "cors_origins"}}
        values = {name: value for name, value in raw.items() if name in known}
        return cls(stage=stage, cors_origins=tuple(origins), **values)
