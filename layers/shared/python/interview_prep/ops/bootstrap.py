"""Explicit set-up steps, run by the local stack on start and by a deployment once:
MongoDB indexes always; DynamoDB tables and SQS queues only against an emulator.

    python -m interview_prep.bootstrap            # indexes
"""

from __future__ import annotations

import json
from typing import Any

from interview_prep import aws
from interview_prep.config import Settings, get_settings
from interview_prep.repositories import mongo
from interview_prep.resources import TABLES, TableSpec


def create_tables(settings: Settings) -> list[str]:
    """Create the DynamoDB tables as the CDK app defines them (for moto; CDK owns the cloud)."""
    client = aws.dynamodb()
    existing = set(client.list_tables()["TableNames"])
    created = []
    for spec in TABLES:
        name = getattr(settings, spec.setting)
        if name in existing:
            continue
        client.create_table(**_table_definition(name, spec))
        if spec.ttl_attribute:
            client.update_time_to_live(
                TableName=name,
                TimeToLiveSpecification={"Enabled": True, "AttributeName": spec.ttl_attribute},
            )
        created.append(name)
    return created


def _table_definition(name: str, spec: TableSpec) -> dict[str, Any]:
    return {
        "TableName": name,
        "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": [{"AttributeName": spec.partition_key, "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": spec.partition_key, "AttributeType": "S"}],
    }


def create_queue(name: str, visibility_timeout: int, max_receive_count: int) -> str:
    """Create a queue with its dead-letter queue; returns the main queue's URL."""
    client = aws.sqs()
    dlq_url = client.create_queue(QueueName=f"{name}-dlq")["QueueUrl"]
    dlq_arn = client.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])[
        "Attributes"
    ]["QueueArn"]
    redrive = {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": str(max_receive_count)}
    return client.create_queue(
        QueueName=name,
        Attributes={
            "VisibilityTimeout": str(visibility_timeout),
            "RedrivePolicy": json.dumps(redrive),
        },
    )["QueueUrl"]


def main() -> int:
    created = mongo.ensure_indexes()
    print(f"MongoDB database {get_settings().mongodb_database!r}: indexes ready ({len(created)})")
    return 0
