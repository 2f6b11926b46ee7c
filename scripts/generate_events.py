"""Write ``events/``: one API Gateway REST proxy event per route of the route table.

The events come from the same builder the local API Gateway emulator uses. Run it again
after changing the route table:  .venv/bin/python scripts/generate_events.py
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from interview_prep import routes
from interview_prep.config import LOCAL_DEMO_API_KEY
from interview_prep.local.events import HttpRequest, rest_proxy_event, sqs_event
from interview_prep.services.api_keys import key_id_of

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT / "events"
SAMPLE_RESUME = ROOT / "samples" / "resume-backend-ko.json"
#: The key the sample events address; tests substitute a key they created.
SAMPLE_KEY = "Xq3v9Lm2Tn8Rb5Wc1Yd7Zg"
SAMPLE_JOB_ID = "5f0c3b8e2a7d4c1e9b6a8d7c6e5f4a3b"
BODIES = {
    "create_resume": json.loads(SAMPLE_RESUME.read_text()),
    "update_resume": json.loads(SAMPLE_RESUME.read_text()),
    "start_interview": {"language": "auto", "count": 5},
    "start_learning_path": {"language": "ko", "path_count": 5},
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


if __name__ == "__main__":
    main()
