from __future__ import annotations

from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as event_sources
from constructs import Construct

from infra.components.functions import PARSER, FunctionFactory, timeout_seconds
from infra.components.llm import use_llm_providers


class Parser(Construct):
    """The parse function: fed by the upload queue (S3's notices of uploaded files and the
    uploads' expiry checks) with partial batch failure reporting; the only function with
    the documents layer."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        factory: FunctionFactory,
        documents_layer: lambda_.ILayerVersion,
    ) -> None:
        super().__init__(scope, construct_id)
        config, uploads = factory.config, factory.uploads
        self.function = factory.function(
            self,
            PARSER,
            timeout_seconds=timeout_seconds(config, PARSER),
            memory_mb=config.parser_memory_mb,
            # bounds model spend and MongoDB connections however many files arrive at once
            reserved_concurrency=config.parser_concurrency,
            extra_layers=[documents_layer],
        )
        # receive, delete and change visibility (retries) come with the event source
        self.function.add_event_source(
            event_sources.SqsEventSource(
                uploads.queue,
                batch_size=config.parser_batch_size,
                report_batch_item_failures=True,
                # pollers stop at the function's concurrency instead of being throttled
                max_concurrency=max(2, config.parser_concurrency),
            )
        )
        uploads.grant_read_and_delete(self.function)
        factory.tables.by_setting["jobs_table"].grant_read_write_data(self.function)
        use_llm_providers(self, self.function, config=config, tables=factory.tables)
