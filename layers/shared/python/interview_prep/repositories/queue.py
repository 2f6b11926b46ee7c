"""The service's SQS queues behind adapters: the generation queue with its dead-letter
queue, and the upload queue (S3 events and upload expiry checks).

Services send, delay and release messages and walk the dead letters through these classes
only; every boto3 failure leaves them as :class:`QueueUnavailableError`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from pydantic import ValidationError

from interview_prep import aws
from interview_prep.config import get_settings
from interview_prep.contract import LAMBDA_MAX_TIMEOUT_SECONDS, SQS_MAX_DELAY_SECONDS
from interview_prep.errors import QueueUnavailableError
from interview_prep.models.jobs import GenerationMessage
from interview_prep.models.uploads import UploadCheck
from interview_prep.ports import DeadLetter

#: SQS caps the visibility of a received message at 12 hours in total, counted from the
#: receive; the worker may have held it for up to Lambda's longest run (15 minutes) by the
#: time it asks for a delay, so a delay never goes past what is left of the 12 hours.
SQS_MAX_VISIBILITY_SECONDS = 43_200
MAX_DELAY_SECONDS = SQS_MAX_VISIBILITY_SECONDS - LAMBDA_MAX_TIMEOUT_SECONDS


@contextmanager
def unavailable_as_queue_error() -> Iterator[None]:
    try:
        yield
    except (ClientError, BotoCoreError) as exc:
        raise QueueUnavailableError() from exc


class _Queue:
    """What every queue of the service does with the messages it delivers."""

    #: The setting naming the queue (the error of an unconfigured queue says it).
    setting = "generation_queue_url"

    def __init__(self, queue_url: str | None = None) -> None:
        self._queue_url = queue_url

    @property
    def url(self) -> str:
        configured: str = getattr(get_settings(), self.setting)
        return self._queue_url or configured

    def delay(self, receipt_handle: str, seconds: float) -> int:
        """Deliver this message again after ``seconds`` (capped as SQS caps it); returns the
        delay applied."""
        applied = max(0, min(round(seconds), MAX_DELAY_SECONDS))
        with unavailable_as_queue_error():
            aws.sqs().change_message_visibility(
                QueueUrl=self.url, ReceiptHandle=receipt_handle, VisibilityTimeout=applied
            )
        return applied

    def release(self, receipt_handle: str) -> None:
        """Make the message visible at once (on its last receive: SQS then dead-letters it)."""
        self.delay(receipt_handle, 0)

    def ping(self) -> None:
        if not self.url:
            raise QueueUnavailableError(f"{self.setting.upper()} is not configured.")
        with unavailable_as_queue_error():
            aws.sqs().get_queue_attributes(QueueUrl=self.url, AttributeNames=["QueueArn"])

    def _send(self, body: str, attributes: dict[str, Any], delay_seconds: int = 0) -> None:
        with unavailable_as_queue_error():
            aws.sqs().send_message(
                QueueUrl=self.url,
                MessageBody=body,
                MessageAttributes=attributes,
                DelaySeconds=delay_seconds,
            )


class GenerationQueue(_Queue):
    def send(self, message: GenerationMessage, correlation_id: str | None = None) -> None:
        self._send(message.model_dump_json(), _attributes(correlation_id))

    # --- the dead-letter queue ------------------------------------------------------------

    def dead_letters(self, batch_size: int = 10) -> Iterator[DeadLetter]:
        """Every dead-lettered message once (each stays hidden while it is being looked at)."""
        while batch := self._receive_dead_letters(batch_size):
            yield from batch

    def redrive(self, letter: DeadLetter) -> None:
        """Send a dead letter back to the queue, then drop it from the dead-letter queue."""
        self._send(letter.body, letter.attributes)
        with unavailable_as_queue_error():
            aws.sqs().delete_message(
                QueueUrl=self.dead_letter_url, ReceiptHandle=letter.receipt_handle
            )

    def keep(self, letter: DeadLetter) -> None:
        """Leave a dead letter where it is, visible again at once."""
        with unavailable_as_queue_error():
            aws.sqs().change_message_visibility(
                QueueUrl=self.dead_letter_url,
                ReceiptHandle=letter.receipt_handle,
                VisibilityTimeout=0,
            )

    def _receive_dead_letters(self, batch_size: int) -> list[DeadLetter]:
        with unavailable_as_queue_error():
            received = aws.sqs().receive_message(
                QueueUrl=self.dead_letter_url,
                MaxNumberOfMessages=batch_size,
                WaitTimeSeconds=0,
                VisibilityTimeout=30,
                MessageAttributeNames=["All"],
            )
        return [
            DeadLetter(
                message=_generation_message(raw["Body"]),
                body=raw["Body"],
                receipt_handle=raw["ReceiptHandle"],
                attributes=dict(raw.get("MessageAttributes", {})),
            )
            for raw in received.get("Messages", [])
        ]

    @cached_property
    def dead_letter_url(self) -> str:
        with unavailable_as_queue_error():
            attributes = aws.sqs().get_queue_attributes(
                QueueUrl=self.url, AttributeNames=["RedrivePolicy"]
            )["Attributes"]
            target = json.loads(attributes["RedrivePolicy"])["deadLetterTargetArn"]
            return aws.sqs().get_queue_url(QueueName=target.rsplit(":", 1)[-1])["QueueUrl"]


class UploadQueue(_Queue):
    """S3 tells the parse function about uploaded files here; the service adds one delayed
    check per upload, so an upload that never comes still ends its job."""

    setting = "upload_queue_url"

    def send_check(self, check: UploadCheck, delay_seconds: int) -> None:
        applied = max(0, min(delay_seconds, SQS_MAX_DELAY_SECONDS))
        self._send(check.model_dump_json(), {}, applied)


def _generation_message(body: str) -> GenerationMessage | None:
    try:
        return GenerationMessage.model_validate_json(body)
    except ValidationError:
        return None


def _attributes(correlation_id: str | None) -> dict[str, Any]:
    if not correlation_id:
        return {}
    return {"correlation_id": {"DataType": "String", "StringValue": correlation_id}}
