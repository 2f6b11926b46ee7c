"""The Lambda entry of a queue-fed function: SQS records in, one ``Delivery`` each to the
function's worker, failed records reported back to SQS (partial batch response) so only
they are retried."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from interview_prep.observability import logger, metrics, tracer
from interview_prep.services.job_runner import Delivery

Handler = Callable[[dict[str, Any], LambdaContext], dict[str, Any]]


def sqs_entry(process: Callable[[Delivery], None]) -> Handler:
    # a batch whose every record is retried is still an ordinary answer to SQS, not a fault
    processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)

    @tracer.capture_method
    def record_handler(record: SQSRecord, lambda_context: LambdaContext) -> None:
        process(
            Delivery(
                body=record.body,
                receipt_handle=record.receipt_handle,
                receive_count=int(record.attributes.approximate_receive_count),
                remaining_ms=lambda_context.get_remaining_time_in_millis,
            )
        )

    @logger.inject_lambda_context(clear_state=True)
    @tracer.capture_lambda_handler
    @metrics.log_metrics
    def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
        return dict(
            process_partial_response(
                event=event, record_handler=record_handler, processor=processor, context=context
            )
        )

    return lambda_handler
