from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from constructs import Construct

from infra.components.network import Network
from infra.components.queues import GenerationQueue
from infra.components.secrets import Secrets
from infra.components.tables import Tables
from infra.components.uploads import Uploads
from infra.config import StageConfig
from infra.nag import LAMBDA_BASIC_ROLE, LAMBDA_VPC_ROLE, acknowledge
from interview_prep import contract, routes
from interview_prep.resources import GENERATION_QUEUE, UPLOAD_QUEUE, UPLOADS_BUCKET

RUNTIME = lambda_.Runtime.PYTHON_3_12
#: One key lookup in DynamoDB; API Gateway gives up on an authorizer after 10 s anyway.
AUTHORIZER_TIMEOUT_SECONDS = 5
ARCHITECTURE = lambda_.Architecture.ARM_64
#: API functions that start generation jobs (write jobs, send to the queue, idempotency).
JOB_STARTERS = frozenset({"interview", "learning"})
#: API functions that read job progress.
JOB_READERS = frozenset({"interview", "learning", "jobs"})
#: API functions that start resume uploads (write the job, take a quota slot, presign the
#: PUT URL, send the expiry check).
UPLOAD_STARTERS = frozenset({"resumes"})
#: The queue-fed generation worker (its folder, function and Powertools service name).
WORKER = "worker"
#: The upload queue's consumer: reads uploaded PDF/DOCX files into resumes.
PARSER = "parser"
#: API Gateway's Lambda authorizer (API key -> owner).
AUTHORIZER = "authorizer"


def function_id(name: str) -> str:
    """The function's logical id in the template (``ResumesFunction``)."""
    return f"{name.capitalize()}Function"


def timeout_seconds(config: StageConfig, name: str) -> int:
    """The function's Lambda timeout.

    Functions serving ``?wait`` hold the request for up to ``contract.MAX_WAIT_SECONDS``, so
    they run just under API Gateway's integration limit; the rest keep the short API timeout.
    """
    if name == WORKER:
        return config.worker_timeout_seconds
    if name == PARSER:
        return config.parser_timeout_seconds
    if name == AUTHORIZER:
        return AUTHORIZER_TIMEOUT_SECONDS
    if name in routes.waiting_functions():
        return contract.WAIT_FUNCTION_TIMEOUT_SECONDS
    return config.api_timeout_seconds


@dataclass(frozen=True)
class FunctionFactory:
    """What every function of the service shares: runtime, layer, environment, logging."""

    config: StageConfig
    functions_dir: Path
    layer: lambda_.ILayerVersion
    tables: Tables
    queue: GenerationQueue
    uploads: Uploads
    secrets: Secrets
    #: Set when functions run in a VPC (``mongodb_network: vpc``).
    network: Network | None = None

    def environment(self, name: str) -> dict[str, str]:
        config = self.config
        return {
            "STAGE": config.stage,
            "POWERTOOLS_SERVICE_NAME": name,
            "POWERTOOLS_METRICS_NAMESPACE": contract.METRICS_NAMESPACE,
            "POWERTOOLS_LOG_LEVEL": "INFO",
            # traces keep timings, not payloads: responses carry resumes
            "POWERTOOLS_TRACER_CAPTURE_RESPONSE": "false",
            "MONGODB_DATABASE": config.mongodb_database,
            "MONGODB_MAX_POOL_SIZE": str(config.mongodb_max_pool_size),
            "MONGODB_URL_SECRET_NAME": self.secrets.mongodb_url.secret_name,
            "CORS_ORIGINS": ",".join(config.cors_origins),
            GENERATION_QUEUE.setting.upper(): self.queue.queue.queue_url,
            UPLOAD_QUEUE.setting.upper(): self.uploads.queue.queue_url,
            UPLOADS_BUCKET.setting.upper(): self.uploads.bucket.bucket_name,
            "MAX_RECEIVE_COUNT": str(config.max_receive_count),
            **{
                setting.upper(): table.table_name
                for setting, table in self.tables.by_setting.items()
            },
            **config.extra_environment,
        }

    def function(
        self,
        scope: Construct,
        name: str,
        *,
        timeout_seconds: int,
        memory_mb: int,
        reserved_concurrency: int | None = None,
        extra_layers: Sequence[lambda_.ILayerVersion] = (),
    ) -> lambda_.Function:
        """One function of the service; ``extra_layers`` come after the shared layer."""
        prefix = self.config.prefix
        function = lambda_.Function(
            scope,
            function_id(name),
            function_name=f"{prefix}-{name}",
            runtime=RUNTIME,
            architecture=ARCHITECTURE,
            handler="handler.lambda_handler",
            code=lambda_.Code.from_asset(str(self.functions_dir / name)),
            layers=[self.layer, *extra_layers],
            memory_size=memory_mb,
            timeout=Duration.seconds(timeout_seconds),
            reserved_concurrent_executions=reserved_concurrency,
            tracing=lambda_.Tracing.ACTIVE,
            environment=self.environment(name),
            vpc=self.network.vpc if self.network else None,
            vpc_subnets=self.network.subnets if self.network else None,
            security_groups=[self.network.security_group] if self.network else None,
            log_group=logs.LogGroup(
                scope,
                f"{name.capitalize()}Logs",
                log_group_name=f"/aws/lambda/{prefix}-{name}",
                retention=logs.RetentionDays[self.config.log_retention],
                removal_policy=RemovalPolicy.DESTROY,
            ),
        )
        # a readable, stable logical id: what `sam local invoke` takes (README)
        cfn_function = function.node.default_child
        assert isinstance(cfn_function, lambda_.CfnFunction)
        cfn_function.override_logical_id(function_id(name))
        self.secrets.mongodb_url.grant_read(function)
        acknowledge(
            function,
            LAMBDA_BASIC_ROLE,
            "The AWS-managed basic execution role only lets the function write its own logs.",
        )
        if self.network is not None:
            acknowledge(
                function,
                LAMBDA_VPC_ROLE,
                "The AWS-managed VPC access role only manages the function's network "
                "interfaces in the VPC.",
            )
        acknowledge(
            function,
            "AwsSolutions-IAM5[Resource::*]",
            "X-Ray's PutTraceSegments and PutTelemetryRecords have no resource-level "
            "permissions; every other statement names its table, queue or secret.",
        )
        acknowledge(
            function,
            "AwsSolutions-L1",
            f"Pinned to {RUNTIME.name}: the layers' binary wheels are built for it "
            "(scripts/build_layer.py); move both together.",
        )
        return function


class SharedLayer(Construct):
    """The ``interview_prep`` package and its runtime dependencies (built by build_layer.py)."""

    def __init__(self, scope: Construct, construct_id: str, *, layer_dir: Path) -> None:
        super().__init__(scope, construct_id)
        self.layer = _layer(
            self, "SharedLayer", layer_dir, "interview_prep package and its runtime dependencies"
        )


class DocumentsLayer(Construct):
    """The PDF and DOCX readers (pypdfium2, python-docx with lxml), built by build_layer.py
    from the ``documents`` dependency group: attached to the parse function only, so no API
    function ships or imports them."""

    def __init__(self, scope: Construct, construct_id: str, *, layer_dir: Path) -> None:
        super().__init__(scope, construct_id)
        self.layer = _layer(
            self, "DocumentsLayer", layer_dir, "PDF and DOCX readers of the parse function"
        )


def _layer(
    scope: Construct, construct_id: str, layer_dir: Path, description: str
) -> lambda_.LayerVersion:
    return lambda_.LayerVersion(
        scope,
        construct_id,
        code=lambda_.Code.from_asset(str(layer_dir)),
        compatible_runtimes=[RUNTIME],
        compatible_architectures=[ARCHITECTURE],
        description=description,
    )


class ApiFunctions(Construct):
    """One Lambda per API function in the route table, each with only the access it uses."""

    def __init__(self, scope: Construct, construct_id: str, *, factory: FunctionFactory) -> None:
        super().__init__(scope, construct_id)
        tables, queue = factory.tables, factory.queue
        jobs = tables.by_setting["jobs_table"]
        self.by_name: dict[str, lambda_.Function] = {}
        for name in routes.functions():
            function = factory.function(
                self,
                name,
                timeout_seconds=timeout_seconds(factory.config, name),
                memory_mb=factory.config.api_memory_mb,
            )
            # every service's health check reads table and queue metadata
            for table in tables.by_setting.values():
                table.grant(function, "dynamodb:DescribeTable")
            queue.queue.grant(function, "sqs:GetQueueAttributes")
            if name in JOB_READERS:
                jobs.grant_read_data(function)
            if name in JOB_STARTERS:
                jobs.grant_read_write_data(function)
                tables.by_setting["idempotency_table"].grant_read_write_data(function)
                tables.by_setting["keys_table"].grant_read_write_data(function)  # quotas
                queue.queue.grant_send_messages(function)
            if name in UPLOAD_STARTERS:
                jobs.grant_read_write_data(function)
                tables.by_setting["keys_table"].grant_read_write_data(function)  # quotas
                factory.uploads.grant_upload(function)  # what the presigned URL may do
                factory.uploads.queue.grant_send_messages(function)  # the expiry check
            self.by_name[name] = function
        self.authorizer = factory.function(
            self,
            AUTHORIZER,
            timeout_seconds=timeout_seconds(factory.config, AUTHORIZER),
            memory_mb=factory.config.api_memory_mb,
        )
        tables.by_setting["keys_table"].grant_read_write_data(self.authorizer)  # last used
