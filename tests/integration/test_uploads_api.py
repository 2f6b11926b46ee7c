"""Uploading a resume file through the API: POST -> presigned PUT (S3) -> S3 event -> upload
queue (SQS) -> parse function -> resume in MongoDB, progress on the job endpoint.

moto plays S3, SQS and DynamoDB in-process (its S3 sends the bucket's events to the queue,
as the CDK app configures); the client's PUT is a boto3 ``put_object`` here, a real HTTP
PUT to the presigned URL in the local-stack end-to-end test.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from interview_prep import aws, contract
from interview_prep.config import get_settings
from interview_prep.local.functions import invoke as invoke_function
from interview_prep.local.poller import SqsPoller
from tests import documents
from tests.conftest import BOB_KEY, Invoke
from tests.fakes.resume_files import RECIPE_LINES, RESUME_LINES, docx_bytes

pytestmark = pytest.mark.usefixtures("aws")

DOCX = contract.DOCX_CONTENT_TYPE


def parse(rounds: int = 2) -> int:
    """Deliver what the upload queue holds to the parse function; returns messages seen."""
    poller = SqsPoller(
        get_settings().upload_queue_url,
        lambda event: invoke_function("parser", event, timeout_seconds=120),
        batch_size=10,
        wait_seconds=0,
        log=lambda _: None,
    )
    return sum(poller.poll_once() for _ in range(rounds))


def start_upload(invoke: Invoke, **body: Any) -> dict[str, Any]:
    declared = {"filename": "cv.docx", "content_type": DOCX, "size": 20_000} | body
    response = invoke("start_upload", body=declared)
    assert response["statusCode"] == 201, response.get("body")
    return dict(response["json"])


def put_file(accepted: dict[str, Any], data: bytes) -> None:
    """What the client's PUT to the presigned URL does."""
    key = f"{contract.UPLOAD_PREFIX}{accepted['job_id']}"
    aws.s3().put_object(Bucket=get_settings().uploads_bucket, Key=key, Body=data, ContentType=DOCX)


def objects_left() -> list[str]:
    listed = aws.s3().list_objects_v2(Bucket=get_settings().uploads_bucket)
    return [item["Key"] for item in listed.get("Contents", [])]


def job(invoke: Invoke, job_id: str, api_key: str | None = None) -> dict[str, Any]:
    extra = {"api_key": api_key} if api_key else {}
    response = invoke("get_job", job_id=job_id, **extra)
    return dict(response["json"])


def test_an_uploaded_docx_is_parsed_into_the_uploaders_resume(invoke: Invoke) -> None:
    accepted = start_upload(invoke)
    assert set(accepted) == {
        "upload_id",
        "unique_key",
        "job_id",
        "status_url",
        "result_url",
        "upload",
    }
    assert accepted["upload"]["method"] == "PUT"
    assert accepted["upload"]["headers"] == {"Content-Type": DOCX}
    assert "X-Amz-Signature=" in accepted["upload"]["url"]
    assert accepted["result_url"].endswith(f"/resumes/{accepted['unique_key']}")

    before = invoke("get_resume", key=accepted["unique_key"])
    assert before["statusCode"] == 404  # nothing until the parse succeeds
    waiting = job(invoke, accepted["job_id"])
    assert (waiting["kind"], waiting["status"]) == ("resume_upload", "queued")

    put_file(accepted, docx_bytes(RESUME_LINES))
    assert parse() >= 1

    done = job(invoke, accepted["job_id"])
    assert done["status"] == "succeeded", done.get("error")
    assert done["percent"] == 100
    resume = invoke("get_resume", key=accepted["unique_key"])
    assert resume["statusCode"] == 200
    assert resume["json"]["name"] == "한지우"
    assert resume["json"]["contact"]["email"] == "jiwoo.han@example.com"
    assert objects_left() == []  # the file is deleted once read
    assert invoke("get_resume", key=accepted["unique_key"], api_key=BOB_KEY)["statusCode"] == 404
    assert invoke("get_job", job_id=accepted["job_id"], api_key=BOB_KEY)["statusCode"] == 404


def test_a_document_that_is_no_resume_fails_the_job_and_is_deleted(invoke: Invoke) -> None:
    accepted = start_upload(invoke)
    put_file(accepted, docx_bytes(RECIPE_LINES))
    parse()

    failed = job(invoke, accepted["job_id"])
    assert failed["status"] == "failed"
    assert failed["error"]["code"] == "UPLOAD_NOT_A_RESUME"
    assert invoke("get_resume", key=accepted["unique_key"])["statusCode"] == 404
    assert objects_left() == []


def test_content_that_is_not_what_was_declared_is_refused(invoke: Invoke) -> None:
    accepted = start_upload(invoke)
    put_file(accepted, b"GIF89a" + b"\0" * 100)  # declared DOCX, really an image
    parse()
    failed = job(invoke, accepted["job_id"])
    assert failed["error"]["code"] == "UPLOAD_UNSUPPORTED_TYPE"
    assert objects_left() == []


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: documents.image_only_pdf(RESUME_LINES), "UPLOAD_NO_TEXT"),
        (lambda: documents.encrypted_pdf("Jiwoo Han Experience", "secret"), "UPLOAD_ENCRYPTED"),
        (documents.encrypted_docx, "UPLOAD_ENCRYPTED"),
        (lambda: docx_bytes(RESUME_LINES)[:5000], "UPLOAD_UNREADABLE"),
    ],
    ids=["scanned-pdf", "encrypted-pdf", "encrypted-docx", "truncated-docx"],
)
def test_a_file_that_cannot_be_read_ends_the_job_with_the_reason_and_is_deleted(
    invoke: Invoke, make: Callable[[], bytes], code: str
) -> None:
    accepted = start_upload(invoke)
    put_file(accepted, make())
    parse()

    failed = job(invoke, accepted["job_id"])
    assert (failed["status"], failed["error"]["code"]) == ("failed", code)
    assert failed["error"]["detail"]
    assert invoke("get_resume", key=accepted["unique_key"])["statusCode"] == 404
    assert objects_left() == []


@pytest.mark.parametrize(
    ("declared", "status", "code"),
    [
        ({"size": contract.MAX_UPLOAD_BYTES + 1}, 413, "UPLOAD_TOO_LARGE"),
        ({"content_type": "image/jpeg"}, 415, "UPLOAD_UNSUPPORTED_TYPE"),
        ({"size": 0}, 422, "VALIDATION_ERROR"),
        ({"filename": ""}, 422, "VALIDATION_ERROR"),
    ],
)
def test_a_bad_declaration_is_answered_in_the_standard_shape(
    invoke: Invoke, declared: dict[str, Any], status: int, code: str
) -> None:
    body = {"filename": "cv.pdf", "content_type": contract.PDF_CONTENT_TYPE, "size": 1} | declared
    response = invoke("start_upload", body=body)
    assert response["statusCode"] == status
    assert response["json"]["error_code"] == code
    assert response["json"]["detail"]


def test_an_upload_needs_a_key(invoke: Invoke) -> None:
    response = invoke("start_upload", api_key=None)
    assert response["statusCode"] == 401
