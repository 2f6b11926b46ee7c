"""Uploading a resume file to the running local stack as a user would: POST the declaration,
PUT the file to the presigned URL (moto's S3 in server mode, as ``curl -T`` would), poll
the job, read the parsed resume; and an upload that never comes ends expired."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from interview_prep import contract
from tests.e2e.conftest import LocalStack, start_stack
from tests.fakes.resume_files import RECIPE_LINES, RESUME_LINES, docx_bytes

UPLOADS = "/api/v1/resumes/uploads"
DOCX = contract.DOCX_CONTENT_TYPE
#: Short enough that expiry is seen in the test, long enough for the PUTs to get in.
URL_SECONDS = 4


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    environment = {"UPLOAD_URL_SECONDS": str(URL_SECONDS), "UPLOAD_CHECK_GRACE_SECONDS": "1"}
    running = start_stack(tmp_path_factory.mktemp("uploads"), environment=environment)
    yield running
    running.stop()


def put(upload: dict[str, Any], data: bytes) -> int:
    request = urllib.request.Request(
        upload["url"], data=data, method=upload["method"], headers=upload["headers"]
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def finished(stack: LocalStack, status_url: str, timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, Any] = stack.request("GET", status_url).json
        if job["status"] in {"succeeded", "failed"}:
            return job
        time.sleep(0.2)
    raise AssertionError(f"upload job did not finish: {job}")


def declare(stack: LocalStack, data: bytes) -> dict[str, Any]:
    started = stack.request(
        "POST", UPLOADS, {"filename": "cv.docx", "content_type": DOCX, "size": len(data)}
    )
    assert started.status == 201, started.body
    assert started.headers["Location"] == started.json["status_url"]
    return dict(started.json)


def test_a_docx_put_to_the_presigned_url_becomes_a_resume(stack: LocalStack) -> None:
    data = docx_bytes(RESUME_LINES)
    accepted = declare(stack, data)
    assert stack.request("GET", accepted["result_url"]).status == 404

    assert put(accepted["upload"], data) == 200
    job = finished(stack, accepted["status_url"])

    assert job["status"] == "succeeded", job.get("error")
    resume = stack.request("GET", accepted["result_url"])
    assert resume.status == 200
    assert resume.json["unique_key"] == accepted["unique_key"]
    assert resume.json["work_experiences"][0]["company"] == "페이랩"
    listed = stack.request("GET", "/api/v1/resumes/").json["items"]
    assert accepted["unique_key"] in {item["unique_key"] for item in listed}


def test_a_page_that_is_no_resume_ends_failed_with_its_reason(stack: LocalStack) -> None:
    data = docx_bytes(RECIPE_LINES)
    accepted = declare(stack, data)
    assert put(accepted["upload"], data) == 200
    job = finished(stack, accepted["status_url"])
    assert job["status"] == "failed"
    assert job["error"]["code"] == "UPLOAD_NOT_A_RESUME"
    assert stack.request("GET", accepted["result_url"]).status == 404


def test_an_upload_that_never_comes_ends_expired(stack: LocalStack) -> None:
    accepted = declare(stack, b"x" * 100)
    job = finished(stack, accepted["status_url"], timeout=URL_SECONDS + 30)
    assert job["status"] == "failed"
    assert job["error"]["code"] == "UPLOAD_EXPIRED"
