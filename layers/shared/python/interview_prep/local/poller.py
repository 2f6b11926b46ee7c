"""Feeds a worker function from SQS the way a Lambda event source mapping does.

Long-polls the queue, hands each batch to the function as an SQS event, deletes the
messages that succeeded and leaves the ones listed in ``batchItemFailures`` to reappear
after their visibility timeout (and, after ``maxReceiveCount`` receives, go to the DLQ).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from interview_prep import aws
from interview_prep.local.events import sqs_event

Handler = Callable[[dict[str, Any]], dict[str, Any] | None]


class SqsPoller:
    def __init__(
        self,
        queue_url: str,
        handler: Handler,
        *,
        batch_size: int = 5,
        wait_seconds: int = 1,
        visibility_timeout: int | None = None,
        log: Callable[[str], None] = print,
    ) -> None:
        self.queue_url = queue_url
        self.handler = handler
        self.batch_size = batch_size
        self.wait_seconds = wait_seconds
        self.visibility_timeout = visibility_timeout
        self.log = log
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._queue_arn: str | None = None

    @property
    def queue_arn(self) -> str:
        if self._queue_arn is None:
            attributes = aws.sqs().get_queue_attributes(
                QueueUrl=self.queue_url, AttributeNames=["QueueArn"]
            )["Attributes"]
            self._queue_arn = attributes["QueueArn"]
        return self._queue_arn

    def poll_once(self) -> int:
        """Receive one batch and process it; returns how many messages were received."""
        request: dict[str, Any] = {
            "QueueUrl": self.queue_url,
            "MaxNumberOfMessages": self.batch_size,
            "WaitTimeSeconds": self.wait_seconds,
            "AttributeNames": ["All"],
            "MessageAttributeNames": ["All"],
        }
        if self.visibility_timeout is not None:
            request["VisibilityTimeout"] = self.visibility_timeout
        messages: list[dict[str, Any]] = list(
            aws.sqs().receive_message(**request).get("Messages", [])  # type: ignore[arg-type]
        )
        if messages:
            self._process(messages)
        return len(messages)

    def _process(self, messages: list[dict[str, Any]]) -> None:
        try:
            response = self.handler(sqs_event(messages, self.queue_arn)) or {}
        except Exception as exc:
            self.log(f"worker crashed, {len(messages)} message(s) will be retried: {exc!r}")
            return
        failed = {item["itemIdentifier"] for item in response.get("batchItemFailures", [])}
        done = [m for m in messages if m["MessageId"] not in failed]
        if done:
            aws.sqs().delete_message_batch(
                QueueUrl=self.queue_url,
                Entries=[
                    {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(done)
                ],
            )

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll_once()
            except Exception as exc:
                self.log(f"poller error: {exc!r}")
                self._stop.wait(1.0)

    def start(self) -> SqsPoller:
        self._thread = threading.Thread(target=self._run, name="sqs-poller", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.wait_seconds + 5)
