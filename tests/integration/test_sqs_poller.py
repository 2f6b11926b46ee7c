"""The local event source mapping: batches from SQS, partial batch failures honoured."""

from __future__ import annotations

import json
import time
from typing import Any

from interview_prep import aws
from interview_prep.local.poller import SqsPoller


def send(queue_url: str, *bodies: str) -> None:
    for body in bodies:
        aws.sqs().send_message(
            QueueUrl=queue_url,
            MessageBody=body,
            MessageAttributes={"correlation_id": {"DataType": "String", "StringValue": "c-1"}},
        )


def visible(queue_url: str) -> list[str]:
    messages = aws.sqs().receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10)
    return sorted(message["Body"] for message in messages.get("Messages", []))


def test_failed_records_stay_and_the_rest_are_deleted(aws: str) -> None:
    queue_url = aws
    events: list[dict[str, Any]] = []

    def worker(event: dict[str, Any]) -> dict[str, Any]:
        events.append(event)
        failed = [r["messageId"] for r in event["Records"] if json.loads(r["body"])["fail"]]
        return {"batchItemFailures": [{"itemIdentifier": message_id} for message_id in failed]}

    send(queue_url, '{"n": 1, "fail": false}', '{"n": 2, "fail": true}', '{"n": 3, "fail": false}')
    poller = SqsPoller(queue_url, worker, batch_size=10, wait_seconds=0, visibility_timeout=1)

    assert poller.poll_once() == 3

    record = events[0]["Records"][0]
    assert record["eventSource"] == "aws:sqs" and record["eventSourceARN"].endswith("generation")
    assert record["messageAttributes"]["correlation_id"]["stringValue"] == "c-1"
    assert record["attributes"]["ApproximateReceiveCount"] == "1"
    time.sleep(1.2)  # the failed message reappears once its visibility timeout ends
    assert visible(queue_url) == ['{"n": 2, "fail": true}']


def test_a_crashing_worker_leaves_the_whole_batch(aws: str) -> None:
    queue_url = aws

    def worker(event: dict[str, Any]) -> dict[str, Any]:
        raise RuntimeError("boom")

    send(queue_url, "a", "b")
    poller = SqsPoller(queue_url, worker, wait_seconds=0, visibility_timeout=1, log=lambda _: None)
    assert poller.poll_once() == 2
    time.sleep(1.2)
    assert visible(queue_url) == ["a", "b"]


def test_poller_thread_feeds_messages_until_stopped(aws: str) -> None:
    queue_url = aws
    seen: list[str] = []

    def worker(event: dict[str, Any]) -> None:
        seen.extend(record["body"] for record in event["Records"])

    poller = SqsPoller(queue_url, worker, wait_seconds=1).start()
    try:
        send(queue_url, "x")
        deadline = time.monotonic() + 10
        while not seen and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        poller.stop()
    assert seen == ["x"]
    assert visible(queue_url) == []
