"""boto3 clients, one per service per container, created on first use."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodb.service_resource import Table
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_sqs import SQSClient

# Fail fast: a health check or request must not hang on an unreachable endpoint.
_CLIENT_CONFIG: dict[str, Any] = {
    "connect_timeout": 2,
    "read_timeout": 5,
    "retries": {"mode": "standard", "max_attempts": 2},
}


@cache
def _client(service: str) -> Any:
    import boto3
    from botocore.config import Config

    return boto3.session.Session().client(service, config=Config(**_CLIENT_CONFIG))  # type: ignore[call-overload]


@cache
def table(name: str) -> Table:
    """A DynamoDB table resource (plain Python values in and out, Decimals for numbers)."""
    import boto3
    from botocore.config import Config

    resource = boto3.session.Session().resource("dynamodb", config=Config(**_CLIENT_CONFIG))
    found: Table = resource.Table(name)
    return found


def reset() -> None:
    """Forget cached clients (tests switch endpoints; nothing else needs this)."""
    _client.cache_clear()
    table.cache_clear()
    s3.cache_clear()


def dynamodb() -> DynamoDBClient:
    client: DynamoDBClient = _client("dynamodb")
    return client


def sqs() -> SQSClient:
    client: SQSClient = _client("sqs")
    return client


@cache
def s3() -> S3Client:
    """S3 with SigV4 signing (presigned URLs) and path-style addresses, which work for every
    bucket name and for a local endpoint (moto) alike."""
    import boto3
    from botocore.config import Config

    config = Config(**_CLIENT_CONFIG, signature_version="s3v4", s3={"addressing_style": "path"})
    client: S3Client = boto3.session.Session().client("s3", config=config)
    return client


def apigateway() -> Any:
    """API Gateway's control plane (only the key command uses it)."""
    return _client("apigateway")
