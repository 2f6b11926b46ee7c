"""Lambda events exactly as API Gateway (REST proxy) and SQS deliver them.

The local API Gateway emulator builds its events here, and ``events/`` is written from
here too, so the sample events, the emulator and ``sam local invoke`` agree on one shape.
"""

from __future__ import annotations

import base64
import json
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from interview_prep import routes

ACCOUNT_ID = "123456789012"
REGION = "us-east-1"
CATCH_ALL_RESOURCE = "/{proxy+}"


@dataclass(frozen=True)
class HttpRequest:
    method: str
    path: str
    headers: dict[str, str]
    query: dict[str, list[str]]
    body: bytes


def rest_proxy_event(
    request: HttpRequest,
    *,
    stage: str = "local",
    source_ip: str = "127.0.0.1",
    request_id: str | None = None,
) -> dict[str, Any]:
    """The REST API proxy event API Gateway would send for ``request``."""
    found = routes.match(request.method, request.path)
    if found.route is not None:
        resource, path_parameters = found.route.path, found.path_parameters or None
    else:
        resource, path_parameters = CATCH_ALL_RESOURCE, {"proxy": request.path.lstrip("/")}
    body, is_base64 = _encode_body(request)
    now = datetime.now(UTC)
    request_id = request_id or str(uuid.uuid4())
    headers = dict(request.headers)
    return {
        "resource": resource,
        "path": request.path,
        "httpMethod": request.method.upper(),
        "headers": headers or None,
        "multiValueHeaders": {name: [value] for name, value in headers.items()} or None,
        "queryStringParameters": {k: v[-1] for k, v in request.query.items()} or None,
        "multiValueQueryStringParameters": dict(request.query) or None,
        "pathParameters": path_parameters,
        "stageVariables": None,
        "requestContext": {
            "accountId": ACCOUNT_ID,
            "apiId": "local",
            "resourceId": uuid.uuid5(uuid.NAMESPACE_URL, resource).hex[:6],
            "resourcePath": resource,
            "httpMethod": request.method.upper(),
            "path": request.path,
            "stage": stage,
            "protocol": "HTTP/1.1",
            "requestId": request_id,
            "extendedRequestId": request_id,
            "requestTime": now.strftime("%d/%b/%Y:%H:%M:%S +0000"),
            "requestTimeEpoch": int(now.timestamp() * 1000),
            "domainName": headers.get("Host", "localhost"),
            "identity": {
                "sourceIp": source_ip,
                "userAgent": headers.get("User-Agent"),
                "apiKey": None,
                "cognitoIdentityId": None,
                "caller": None,
                "user": None,
                "userArn": None,
                "accessKey": None,
                "accountId": None,
            },
        },
        "body": body,
        "isBase64Encoded": is_base64,
    }


def _encode_body(request: HttpRequest) -> tuple[str | None, bool]:
    if not request.body:
        return None, False
    content_type = request.headers.get("Content-Type", request.headers.get("content-type", ""))
    textual = not content_type or "json" in content_type or content_type.startswith("text/")
    if textual:
        try:
            return request.body.decode("utf-8"), False
        except UnicodeDecodeError:
            pass
    return base64.b64encode(request.body).decode(), True


def sqs_event(messages: list[dict[str, Any]], queue_arn: str) -> dict[str, Any]:
    """An SQS event batch as the Lambda event source mapping delivers it."""
    return {"Records": [_sqs_record(message, queue_arn) for message in messages]}


def _sqs_record(message: dict[str, Any], queue_arn: str) -> dict[str, Any]:
    attributes = message.get("Attributes", {})
    return {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": {
            "ApproximateReceiveCount": attributes.get("ApproximateReceiveCount", "1"),
            "SentTimestamp": attributes.get("SentTimestamp", str(int(time.time() * 1000))),
            "SenderId": attributes.get("SenderId", ACCOUNT_ID),
            "ApproximateFirstReceiveTimestamp": attributes.get(
                "ApproximateFirstReceiveTimestamp", str(int(time.time() * 1000))
            ),
        },
        "messageAttributes": {
            name: {
                "stringValue": value.get("StringValue"),
                "binaryValue": value.get("BinaryValue"),
                "stringListValues": [],
                "binaryListValues": [],
                "dataType": value.get("DataType", "String"),
            }
            for name, value in message.get("MessageAttributes", {}).items()
        },
        "md5OfBody": message.get("MD5OfBody", ""),
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": REGION,
    }


def json_request(
    method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
) -> HttpRequest:
    """Convenience for samples and tests: a request with a JSON body."""
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    raw = b"" if body is None else json.dumps(body, ensure_ascii=False).encode()
    return HttpRequest(method, path, all_headers, {}, raw)
