"""Write ``events/``: one API Gateway REST proxy event per route of the route table, and
the SQS batches the queue-fed functions receive (``worker_*``, ``parser_*``).

The events come from the same builder the local API Gateway emulator uses. Run it again
after changing the route table:  .venv/bin/python scripts/generate_events.py
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from interview_prep import routes
from interview_prep.config import LOCAL_DEMO_API_KEY
from interview_prep.local.events import REGION, HttpRequest, rest_proxy_event, sqs_event
from interview_prep.models.uploads import UploadCheck
from interview_prep.resources import UPLOADS_BUCKET
from interview_prep.services.api_keys import key_id_of

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT / "events"
SAMPLE_RESUME = ROOT / "samples" / "resume-backend-ko.json"
#: The key the sample events address; tests substitute a key they created.
SAMPLE_KEY = "Xq3v9Lm2Tn8Rb5Wc1Yd7Zg"
SAMPLE_JOB_ID = "5f0c3b8e2a7d4c1e9b6a8d7c6e5f4a3b"
SAMPLE_UPLOAD_SIZE = 48213
#: CloudFormation names the deployed bucket; ``sam local invoke`` takes it from --env-vars.
SAMPLE_BUCKET = "interview-prep-dev-uploads-example"
BODIES = {
    "create_resume": json.loads(SAMPLE_RESUME.read_text()),
    "update_resume": json.loads(SAMPLE_RESUME.read_text()),
    "start_interview": {"language": "auto", "count": 5},
    "start_learning_path": {"language": "ko", "path_count": 5},
    "start_upload": {"filename": "cv.pdf", "content_type": "application/pdf", "size": 48213},
    "submit_answer": {
        "question_id": "q1",
        "answer": "We cached product pages in Redis with a 5-minute TTL because the catalogue "
        "database was the bottleneck; p95 fell from 420 ms to 90 ms.",
    },
}


def sample_request(route: routes.Route) -> HttpRequest:
    headers = {
        "Accept": "application/json",
        "Host": "abc123.execute-api.us-east-1.amazonaws.com",
        "User-Agent": "curl/8.5.0",
        "X-Forwarded-Proto": "https",
    }
    if route.auth:
        headers["X-Api-Key"] = LOCAL_DEMO_API_KEY
    body = b""
    if route.name in BODIES:
        headers["Content-Type"] = "application/json"
        body = json.dumps(BODIES[route.name], ensure_ascii=False).encode()
    path = route.path.replace("{unique_key}", SAMPLE_KEY).replace("{job_id}", SAMPLE_JOB_ID)
    path = path.replace("{attempt_id}", SAMPLE_JOB_ID)
    query = {"limit": ["10"]} if route.name == "list_resumes" else {}
    return HttpRequest(route.method, path, headers, query, body)


def main() -> None:
    EVENTS.mkdir(exist_ok=True)
    for route in routes.ROUTES:
        request_id = str(uuid.uuid5(uuid.NAMESPACE_URL, route.name))
        event = rest_proxy_event(sample_request(route), stage="prod", request_id=request_id)
        if route.auth:  # what the authorizer hands over for the demo key
            event["requestContext"]["authorizer"] = {
                "principalId": "demo",
                "owner": "demo",
                "key_id": key_id_of(LOCAL_DEMO_API_KEY),
            }
        event["requestContext"]["requestTime"] = "25/Nov/2026:09:00:00 +0000"
        event["requestContext"]["requestTimeEpoch"] = 1795597200000
        target = EVENTS / f"{route.name}.json"
        target.write_text(json.dumps(event, ensure_ascii=False, indent=2) + "\n")
        print(f"wrote {target.relative_to(ROOT)}")
    write_worker_event()
    write_parser_events()


def write_worker_event() -> None:
    """A generation message as the worker will receive it from SQS (the pipeline owns its body)."""
    body = {
        "job_id": SAMPLE_JOB_ID,
        "kind": "interview_questions",
        "owner": "demo",
        "unique_key": SAMPLE_KEY,
        "parameters": {"language": "auto", "count": 5},
    }
    message = {
        "MessageId": "3f1c2a9e-7b4d-4e8f-9a6b-1c2d3e4f5a6b",
        "ReceiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a",
        "Body": json.dumps(body),
        "MD5OfBody": "",
        "Attributes": {
            "ApproximateReceiveCount": "1",
            "SentTimestamp": "1795597200000",
            "ApproximateFirstReceiveTimestamp": "1795597200100",
        },
        "MessageAttributes": {
            "correlation_id": {"DataType": "String", "StringValue": "c6af9ac6-7b61-11e6-9a41"}
        },
    }
    queue_arn = "arn:aws:sqs:us-east-1:123456789012:interview-prep-generation"
    target = EVENTS / "worker_generation.json"
    target.write_text(json.dumps(sqs_event([message], queue_arn), indent=2) + "\n")
    print(f"wrote {target.relative_to(ROOT)}")


def s3_object_created(key: str, size: int) -> dict[str, Any]:
    """S3's notification of one uploaded object, as it sends it to the upload queue."""
    return {
        "Records": [
            {
                "eventVersion": "2.1",
                "eventSource": "aws:s3",
                "awsRegion": REGION,
                "eventTime": "2026-11-25T09:00:05.000Z",
                "eventName": "ObjectCreated:Put",
                "userIdentity": {"principalId": "AWS:AROAEXAMPLEROLEID:interview-prep-dev-resumes"},
                "requestParameters": {"sourceIPAddress": "203.0.113.10"},
                "responseElements": {
                    "x-amz-request-id": "C3D13FE58DE4C810",
                    "x-amz-id-2": "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5",
                },
                "s3": {
                    "s3SchemaVersion": "1.0",
                    "configurationId": "uploads-created",
                    "bucket": {
                        "name": SAMPLE_BUCKET,
                        "ownerIdentity": {"principalId": "A3NL1KOZZKEXAMPLE"},
                        "arn": f"arn:aws:s3:::{SAMPLE_BUCKET}",
                    },
                    "object": {
                        "key": key,
                        "size": size,
                        "eTag": "d41d8cd98f00b204e9800998ecf8427e",
                        "sequencer": "0A1B2C3D4E5F678901",
                    },
                },
            }
        ]
    }


def write_parser_events() -> None:
    """What the parse function receives from the upload queue: S3's notice of an uploaded
    file (``uploads/<job id>``), and the delayed check that ends an upload never made."""
    bodies = {
        "parser_upload": json.dumps(
            s3_object_created(f"{UPLOADS_BUCKET.prefix}{SAMPLE_JOB_ID}", SAMPLE_UPLOAD_SIZE)
        ),
        "parser_upload_expiry": UploadCheck(job_id=SAMPLE_JOB_ID).model_dump_json(),
    }
    queue_arn = "arn:aws:sqs:us-east-1:123456789012:interview-prep-dev-upload"
    for name, body in bodies.items():
        message = {
            "MessageId": str(uuid.uuid5(uuid.NAMESPACE_URL, name)),
            "ReceiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a",
            "Body": body,
            "MD5OfBody": "",
            "Attributes": {
                "ApproximateReceiveCount": "1",
                "SentTimestamp": "1795597205000",
                "ApproximateFirstReceiveTimestamp": "1795597205100",
            },
        }
        target = EVENTS / f"{name}.json"
        target.write_text(json.dumps(sqs_event([message], queue_arn), indent=2) + "\n")
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
