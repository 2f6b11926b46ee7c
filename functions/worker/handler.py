"""SQS consumer: each record is one generation job; failed records are reported back to SQS
(partial batch response) so only they are retried."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from interview_prep.config import check_settings
from interview_prep.observability import logger, metrics, tracer
from interview_prep.services.worker import Delivery, GenerationWorker

check_settings("worker")
# a batch whose every record is retried is still an ordinary answer to SQS, not a fault
processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)
worker = GenerationWorker()


@tracer.capture_method
def record_handler(record: SQSRecord, lambda_context: LambdaContext) -> None:
    delivery = Delivery(
        body=record.body,
        receipt_handle=record.receipt_handle,
        receive_count=int(record.attributes.approximate_receive_count),
        remaining_ms=lambda_context.get_remaining_time_in_millis,
    )
    worker.process(delivery)


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return process_partial_response(
        event=event, record_handler=record_handler, processor=processor, context=context
    )
