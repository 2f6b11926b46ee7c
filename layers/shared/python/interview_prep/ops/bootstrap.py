"""Explicit set-up steps, run by the local stack on start and by a deployment once:
MongoDB indexes always; DynamoDB tables, SQS queues and the S3 bucket only against an
emulator.

    python -m interview_prep.bootstrap            # indexes
"""

from __future__ import annotations

import json
from typing import Any

from interview_prep import aws
from interview_prep.config import Settings, get_settings
from interview_prep.repositories import mongo
from interview_prep.resources import TABLES, BucketSpec, TableSpec


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


def create_bucket(spec: BucketSpec, settings: Settings, notify_queue_url: str) -> str:
    """Create the bucket and send its "object created" events under the prefix to a queue,
    as the CDK app does; returns the bucket's name."""
    name: str = getattr(settings, spec.setting)
    s3 = aws.s3()
    if name not in {bucket["Name"] for bucket in s3.list_buckets().get("Buckets", [])}:
        s3.create_bucket(Bucket=name)
    queue_arn = aws.sqs().get_queue_attributes(
        QueueUrl=notify_queue_url, AttributeNames=["QueueArn"]
    )["Attributes"]["QueueArn"]
    s3.put_bucket_notification_configuration(
        Bucket=name,
        NotificationConfiguration={
            "QueueConfigurations": [
                {
                    "QueueArn": queue_arn,
                    "Events": ["s3:ObjectCreated:*"],
                    "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": spec.prefix}]}},
                }
            ]
        },
    )
    # a browser uploads straight to the presigned URL (the web page's upload button)
    s3.put_bucket_cors(
        Bucket=name,
        CORSConfiguration={
            "CORSRules": [
                {"AllowedMethods": ["PUT"], "AllowedOrigins": ["*"], "AllowedHeaders": ["*"]}
            ]
        },
    )
    return name


def main() -> int:
    created = mongo.ensure_indexes()
    print(f"MongoDB database {get_settings().mongodb_database!r}: indexes ready ({len(created)})")
    return 0
