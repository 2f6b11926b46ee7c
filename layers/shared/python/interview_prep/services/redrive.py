"""Move dead-lettered generation messages back to the queue and give their jobs a new attempt.

Nothing consumes the dead-letter queue automatically, so every message waits here for
a person to look at the cause and redrive it (all of them, or one job's).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from interview_prep import aws
from interview_prep.models.jobs import GenerationMessage
from interview_prep.observability import logger
from interview_prep.repositories.jobs import JobRepository


@dataclass
class RedriveReport:
    moved: list[str] = field(default_factory=list)
    skipped: int = 0


def dead_letter_queue_url(queue_url: str) -> str:
    attributes = aws.sqs().get_queue_attributes(
        QueueUrl=queue_url, AttributeNames=["RedrivePolicy"]
    )["Attributes"]
    target = json.loads(attributes["RedrivePolicy"])["deadLetterTargetArn"]
    return aws.sqs().get_queue_url(QueueName=target.rsplit(":", 1)[-1])["QueueUrl"]


def redrive(
    queue_url: str, job_id: str | None = None, jobs: JobRepository | None = None
) -> RedriveReport:
    """Redrive every dead-lettered message, or only ``job_id``'s."""
    jobs = jobs or JobRepository()
    dlq_url = dead_letter_queue_url(queue_url)
    report = RedriveReport()
    held: list[str] = []  # receipt handles of messages left for later
    while True:
        batch = (
            aws.sqs()
            .receive_message(
                QueueUrl=dlq_url,
                MaxNumberOfMessages=10,
                WaitTimeSeconds=0,
                VisibilityTimeout=30,
                MessageAttributeNames=["All"],
            )
            .get("Messages", [])
        )
        if not batch:
            break
        for message in batch:
            moved = _move(dict(message), queue_url, dlq_url, job_id, jobs)
            if moved:
                report.moved.append(moved)
            else:
                held.append(message["ReceiptHandle"])
                report.skipped += 1
    for handle in held:  # make the others visible again right away
        aws.sqs().change_message_visibility(
            QueueUrl=dlq_url, ReceiptHandle=handle, VisibilityTimeout=0
        )
    return report


def _move(
    message: dict[str, Any], queue_url: str, dlq_url: str, only: str | None, jobs: JobRepository
) -> str | None:
    body = GenerationMessage.model_validate_json(message["Body"])
    if only and body.job_id != only:
        return None
    jobs.requeue(body.job_id)  # a failed job starts a new attempt; others are left as they are
    aws.sqs().send_message(
        QueueUrl=queue_url,
        MessageBody=message["Body"],
        MessageAttributes=message.get("MessageAttributes", {}),
    )
    aws.sqs().delete_message(QueueUrl=dlq_url, ReceiptHandle=message["ReceiptHandle"])
    logger.info("job redriven", extra={"job_id": body.job_id})
    return body.job_id
