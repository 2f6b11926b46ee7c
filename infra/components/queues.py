from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.config import StageConfig
from interview_prep.resources import GENERATION_QUEUE, QueueSpec


def queue_name(config: StageConfig, spec: QueueSpec) -> str:
    """``interview-prep-<stage>-generation`` for ``generation_queue_url``."""
    return f"{config.prefix}-{spec.setting.removesuffix('_queue_url')}"


class WorkQueue(Construct):
    """A queue one function consumes and its dead-letter queue (nothing consumes the DLQ:
    redrive does)."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: StageConfig,
        spec: QueueSpec,
        consumer_timeout_seconds: int,
    ) -> None:
        super().__init__(scope, construct_id)
        self.spec = spec
        name = queue_name(config, spec)
        self.dead_letter_queue = sqs.Queue(
            self,
            "DeadLetterQueue",
            queue_name=f"{name}{spec.dead_letter_name_suffix}",
            retention_period=Duration.days(14),
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
        )
        self.queue = sqs.Queue(
            self,
            "Queue",
            queue_name=name,
            # AWS's guidance for Lambda event sources: at least six times the function timeout
            visibility_timeout=Duration.seconds(6 * consumer_timeout_seconds),
            retention_period=Duration.days(4),
            # SQS-managed keys: S3 can deliver its notifications (a KMS key would need a
            # key policy for S3), and the queues stay free of KMS charges
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
            dead_letter_queue=sqs.DeadLetterQueue(
                queue=self.dead_letter_queue, max_receive_count=config.max_receive_count
            ),
        )


class GenerationQueue(WorkQueue):
    """The generation jobs the worker runs."""

    def __init__(self, scope: Construct, construct_id: str, *, config: StageConfig) -> None:
        super().__init__(
            scope,
            construct_id,
            config=config,
            spec=GENERATION_QUEUE,
            consumer_timeout_seconds=config.worker_timeout_seconds,
        )
