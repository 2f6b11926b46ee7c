from __future__ import annotations

from pathlib import Path

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from constructs import Construct

from infra.components.queues import GenerationQueue
from infra.components.secrets import Secrets
from infra.components.tables import Tables
from infra.config import StageConfig
from interview_prep import routes
from interview_prep.observability import METRICS_NAMESPACE

RUNTIME = lambda_.Runtime.PYTHON_3_12
ARCHITECTURE = lambda_.Architecture.ARM_64


class ApiFunctions(Construct):
    """One Lambda per API function in the route table, all on the shared layer."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: StageConfig,
        functions_dir: Path,
        layer_dir: Path,
        tables: Tables,
        queue: GenerationQueue,
        secrets: Secrets,
    ) -> None:
        super().__init__(scope, construct_id)
        self.layer = lambda_.LayerVersion(
            self,
            "SharedLayer",
            code=lambda_.Code.from_asset(str(layer_dir)),
            compatible_runtimes=[RUNTIME],
            compatible_architectures=[ARCHITECTURE],
            description="interview_prep package and its runtime dependencies",
        )
        environment = {
            "STAGE": config.stage,
            "POWERTOOLS_METRICS_NAMESPACE": METRICS_NAMESPACE,
            "POWERTOOLS_LOG_LEVEL": "INFO",
            "MONGODB_DATABASE": config.mongodb_database,
            "MONGODB_MAX_POOL_SIZE": str(config.mongodb_max_pool_size),
            "MONGODB_URL_SECRET_NAME": secrets.mongodb_url.secret_name,
            "API_KEYS_SECRET_NAME": secrets.api_keys.secret_name,
            "CORS_ORIGINS": ",".join(config.cors_origins),
            "GENERATION_QUEUE_URL": queue.queue.queue_url,
            **{spec.upper(): table.table_name for spec, table in tables.by_setting.items()},
            **config.extra_environment,
        }
        self.by_name: dict[str, lambda_.Function] = {}
        for name in routes.functions():
            function = lambda_.Function(
                self,
                f"{name.capitalize()}Function",
                function_name=f"{config.prefix}-{name}",
                runtime=RUNTIME,
                architecture=ARCHITECTURE,
                handler="handler.lambda_handler",
                code=lambda_.Code.from_asset(str(functions_dir / name)),
                layers=[self.layer],
                memory_size=config.api_memory_mb,
                timeout=Duration.seconds(config.api_timeout_seconds),
                tracing=lambda_.Tracing.ACTIVE,
                environment={**environment, "POWERTOOLS_SERVICE_NAME": name},
                log_group=logs.LogGroup(
                    self,
                    f"{name.capitalize()}Logs",
                    log_group_name=f"/aws/lambda/{config.prefix}-{name}",
                    retention=logs.RetentionDays[config.log_retention],
                    removal_policy=RemovalPolicy.DESTROY,
                ),
            )
            # least privilege: health reads table and queue metadata; data lives in MongoDB
            for table in tables.by_setting.values():
                table.grant(function, "dynamodb:DescribeTable")
            queue.queue.grant(function, "sqs:GetQueueAttributes")
            secrets.mongodb_url.grant_read(function)
            secrets.api_keys.grant_read(function)
            self.by_name[name] = function
