from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_lambda_event_sources as event_sources
from constructs import Construct

from infra.components.functions import WORKER, FunctionFactory, timeout_seconds
from infra.components.llm import use_llm_providers


class Worker(Construct):
    """The generation worker, fed by the queue with partial batch failure reporting."""

    def __init__(self, scope: Construct, construct_id: str, *, factory: FunctionFactory) -> None:
        super().__init__(scope, construct_id)
        config = factory.config
        self.function = factory.function(
            self,
            WORKER,
            timeout_seconds=timeout_seconds(config, WORKER),
            memory_mb=config.worker_memory_mb,
            # bounds LLM spend and MongoDB connections however deep the queue gets
            reserved_concurrency=config.worker_concurrency,
        )
        self.function.add_event_source(
            event_sources.SqsEventSource(
                factory.queue.queue,
                batch_size=config.worker_batch_size,
                max_batching_window=Duration.seconds(1),
                report_batch_item_failures=True,
                # pollers stop at the function's concurrency instead of being throttled
                max_concurrency=max(2, config.worker_concurrency),
            )
        )
        factory.tables.by_setting["jobs_table"].grant_read_write_data(self.function)
        use_llm_providers(self, self.function, config=config, tables=factory.tables)
