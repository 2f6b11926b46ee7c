"""Uploading a resume file: the start (declared size and type, the presigned PUT, the job,
the expiry check) and the parse function's work on what arrives, with in-memory fakes."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import NoReturn

import pytest

from interview_prep import contract
from interview_prep.errors import (
    ErrorCode,
    RateLimitedError,
    StorageUnavailableError,
    TaskQueueError,
    UploadTooLargeError,
    UploadUnsupportedTypeError,
)
from interview_prep.llm.base import GenerationRequest, GenerationResult
from interview_prep.models.jobs import JobKind, JobStatus, Usage
from interview_prep.models.uploads import UploadAccepted, UploadRequest
from interview_prep.services.failures import RetryScheduled
from interview_prep.services.job_runner import Delivery
from interview_prep.services.uploads import object_key
from tests.fakes.ports import World
from tests.fakes.resume_files import RECIPE_LINES, RESUME_LINES, docx_bytes

OWNER = "alice"
PDF = contract.PDF_CONTENT_TYPE
DOCX = contract.DOCX_CONTENT_TYPE


def s3_event(*keys: str) -> str:
    records = [
        {"eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": "b"}, "object": {"key": k}}}
        for k in keys
    ]
    return json.dumps({"Records": records})


def delivery(body: str, receive_count: int = 1) -> Delivery:
    return Delivery(
        body=body,
        receipt_handle=f"handle-{receive_count}",
        receive_count=receive_count,
        remaining_ms=lambda: 100_000,
    )


def start(world: World, content_type: str = DOCX, size: int = 20_000) -> UploadAccepted:
    request = UploadRequest(filename="cv.docx", content_type=content_type, size=size)
    return world.upload_service().start(OWNER, request, world.links)


def upload_and_parse(world: World, data: bytes, receive_count: int = 1) -> UploadAccepted:
    accepted = start(world)
    world.objects.put(object_key(accepted.job_id), data)
    world.upload_worker().process(delivery(s3_event(object_key(accepted.job_id)), receive_count))
    return accepted


# --- the start -----------------------------------------------------------------------------


def test_an_upload_gets_a_presigned_put_a_waiting_job_and_an_expiry_check(world: World) -> None:
    before = datetime.now(UTC)
    accepted = start(world, content_type="Application/PDF; charset=binary")

    assert accepted.upload_id == accepted.job_id
    assert accepted.result_url == f"/resumes/{accepted.unique_key}"
    assert accepted.status_url == f"/jobs/{accepted.job_id}"
    assert accepted.upload.method == "PUT"
    assert accepted.upload.headers == {"Content-Type": PDF}  # what was signed
    assert world.objects.signed == [(object_key(accepted.job_id), PDF, 600)]
    lifetime = accepted.upload.expires_at - before
    assert timedelta(seconds=599) < lifetime < timedelta(seconds=602)

    job = world.jobs.job(accepted.job_id)
    assert (job.kind, job.status, job.unique_key) == (
        JobKind.RESUME_UPLOAD,
        JobStatus.QUEUED,
        accepted.unique_key,
    )
    assert job.message == "Waiting for the file"
    assert job.parameters["filename"] == "cv.docx"
    [scheduled] = world.upload_queue.checks
    assert scheduled.check.job_id == accepted.job_id
    assert scheduled.delay_seconds == 600 + 30
    assert world.resumes.documents == []  # the resume comes with the parse


def test_a_declared_size_over_10_mb_is_refused_and_nothing_starts(world: World) -> None:
    with pytest.raises(UploadTooLargeError) as raised:
        start(world, size=contract.MAX_UPLOAD_BYTES + 1)
    assert raised.value.status == 413
    assert raised.value.code is ErrorCode.UPLOAD_TOO_LARGE
    assert world.jobs.items == {} and world.upload_queue.checks == []
    assert not any(world.windows.windows.values())  # no quota slot taken


@pytest.mark.parametrize("content_type", ["text/plain", "image/png", "application/msword"])
def test_a_type_other_than_pdf_or_docx_is_refused(world: World, content_type: str) -> None:
    with pytest.raises(UploadUnsupportedTypeError) as raised:
        start(world, content_type=content_type)
    assert raised.value.status == 415
    assert raised.value.details["accepted"] == [PDF, DOCX]
    assert world.jobs.items == {}


def test_an_upload_over_quota_is_refused_before_anything_is_signed(world: World) -> None:
    world.keys.set_quotas(OWNER, {"uploads_per_hour": 1})
    start(world)
    with pytest.raises(RateLimitedError):
        start(world)
    assert len(world.objects.signed) == 1


def test_an_unqueued_expiry_check_fails_the_job_and_gives_the_slot_back(world: World) -> None:
    world.keys.set_quotas(OWNER, {"uploads_per_hour": 1})
    world.upload_queue.fail_sends = True
    with pytest.raises(TaskQueueError) as raised:
        start(world)
    [job_id] = world.jobs.items
    job = world.jobs.job(job_id)
    assert job.status is JobStatus.FAILED  # never a job waiting for a check that never comes
    assert job.error is not None and job.error.code == ErrorCode.TASK_QUEUE_ERROR
    assert raised.value.details["job_id"] == job.job_id
    world.upload_queue.fail_sends = False
    start(world)  # the slot came back


def test_a_bucket_that_cannot_sign_leaves_no_job(world: World) -> None:
    world.objects.fail_with = StorageUnavailableError()
    with pytest.raises(StorageUnavailableError):
        start(world)
    assert world.jobs.items == {}


# --- the parse -----------------------------------------------------------------------------


def test_an_uploaded_docx_becomes_the_uploaders_resume_and_the_file_is_deleted(
    world: World,
) -> None:
    accepted = upload_and_parse(world, docx_bytes(RESUME_LINES))

    job = world.jobs.job(accepted.job_id)
    assert job.status is JobStatus.SUCCEEDED, job.error
    resume = world.resumes.get(OWNER, accepted.unique_key)
    assert resume is not None
    assert resume.name == "한지우"
    assert resume.contact is not None
    assert resume.contact.email == "jiwoo.han@example.com"
    assert resume.contact.phone == "010-2345-6789"
    assert resume.contact.github == "https://github.com/jiwoohan"
    [work] = resume.work_experiences
    assert work.company == "페이랩"
    assert work.duration == "2020.03 - 2023.08"
    assert "결제 API p95 지연을 640ms에서 180ms로 낮췄습니다." in work.achievements
    assert resume.total_experience_months == 42  # March 2020 through August 2023
    assert resume.technical_skills["Languages"] == ["Java", "Kotlin"]
    assert world.resumes.get("bob", accepted.unique_key) is None
    assert world.objects.objects == {}


def test_no_contact_detail_reaches_the_provider(world: World) -> None:
    upload_and_parse(world, docx_bytes(RESUME_LINES))
    [request] = world.provider.requests
    sent = request.system_prompt + request.user_prompt
    for detail in ("jiwoo.han@example.com", "010-2345-6789", "github.com/jiwoohan"):
        assert detail not in sent


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, ErrorCode.UPLOAD_UNSUPPORTED_TYPE),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog", ErrorCode.UPLOAD_UNREADABLE),
        (b"PK\x03\x04 not really a zip", ErrorCode.UPLOAD_UNSUPPORTED_TYPE),
    ],
    ids=["png", "truncated-pdf", "broken-zip"],
)
def test_a_file_that_cannot_be_read_fails_loudly_and_is_deleted(
    world: World, data: bytes, code: ErrorCode
) -> None:
    accepted = upload_and_parse(world, data)
    job = world.jobs.job(accepted.job_id)
    assert job.status is JobStatus.FAILED
    assert job.error is not None and job.error.code == code and job.error.detail
    assert world.resumes.documents == []
    assert world.objects.objects == {}
    assert world.provider.requests == []


def test_a_document_that_is_no_resume_stores_nothing(world: World) -> None:
    accepted = upload_and_parse(world, docx_bytes(RECIPE_LINES))
    job = world.jobs.job(accepted.job_id)
    assert job.error is not None and job.error.code == ErrorCode.UPLOAD_NOT_A_RESUME
    assert world.resumes.documents == [] and world.objects.objects == {}


def test_an_object_over_the_limit_is_refused_whatever_was_declared(world: World) -> None:
    accepted = upload_and_parse(world, b"%PDF-1.7\n" + b"0" * contract.MAX_UPLOAD_BYTES)
    job = world.jobs.job(accepted.job_id)
    assert job.error is not None and job.error.code == ErrorCode.UPLOAD_TOO_LARGE
    assert world.objects.objects == {}


class InventingProvider:
    """Answers with a company the document never names."""

    name, model = "inventor", "inventor-1"

    def generate(self, request: GenerationRequest) -> GenerationResult:
        assert request.offline_answer is not None
        data = request.offline_answer()
        data["work_experiences"][0]["company"] = "Google"
        return GenerationResult(data=data, provider=self.name, model=self.model, usage=Usage())


def test_an_answer_with_invented_text_is_rejected(world: World) -> None:
    accepted = start(world)
    world.objects.put(object_key(accepted.job_id), docx_bytes(RESUME_LINES))
    worker = world.upload_worker()
    worker._provider = InventingProvider
    worker.process(delivery(s3_event(object_key(accepted.job_id))))

    job = world.jobs.job(accepted.job_id)
    assert job.error is not None and job.error.code == ErrorCode.RESUME_PARSE_FAILED
    assert "grounding" in job.error.detail
    assert world.resumes.documents == []


def test_a_store_outage_retries_and_keeps_the_file_until_the_last_try(world: World) -> None:
    accepted = start(world)
    key = object_key(accepted.job_id)
    world.objects.put(key, docx_bytes(RESUME_LINES))
    world.resumes.fail_with = StorageUnavailableError()
    worker = world.upload_worker()

    with pytest.raises(RetryScheduled):
        worker.process(delivery(s3_event(key), receive_count=1))
    assert world.jobs.job(accepted.job_id).status is JobStatus.RUNNING
    assert key in world.objects.objects

    with pytest.raises(RetryScheduled):
        worker.process(delivery(s3_event(key), receive_count=contract.MAX_RECEIVE_COUNT))
    job = world.jobs.job(accepted.job_id)
    assert job.status is JobStatus.FAILED
    assert job.error is not None and job.error.code == ErrorCode.STORAGE_UNAVAILABLE
    assert key not in world.objects.objects


def test_a_redelivery_after_the_resume_was_stored_succeeds_without_parsing_again(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    accepted = start(world)
    key = object_key(accepted.job_id)
    world.objects.put(key, docx_bytes(RESUME_LINES))
    worker = world.upload_worker()
    with monkeypatch.context() as patch:  # the first attempt dies after storing the resume
        patch.setattr(world.jobs, "succeed", _raise(StorageUnavailableError()))
        with pytest.raises(RetryScheduled):
            worker.process(delivery(s3_event(key)))
    worker.process(delivery(s3_event(key), receive_count=2))

    assert world.jobs.job(accepted.job_id).status is JobStatus.SUCCEEDED
    assert len(world.resumes.documents) == 1
    assert len(world.provider.requests) == 1


def test_a_second_put_after_the_job_ended_is_deleted_and_changes_nothing(world: World) -> None:
    accepted = upload_and_parse(world, docx_bytes(RESUME_LINES))
    key = object_key(accepted.job_id)
    world.objects.put(key, docx_bytes(RECIPE_LINES))
    world.upload_worker().process(delivery(s3_event(key)))

    assert world.jobs.job(accepted.job_id).status is JobStatus.SUCCEEDED
    assert world.objects.objects == {}
    assert len(world.resumes.documents) == 1


def test_s3s_test_event_and_files_without_a_job_are_dropped(world: World) -> None:
    worker = world.upload_worker()
    worker.process(delivery(json.dumps({"Service": "Amazon S3", "Event": "s3:TestEvent"})))
    stray = object_key("0" * 32)
    world.objects.put(stray, b"%PDF-1.7")
    worker.process(delivery(s3_event(stray)))
    assert world.objects.objects == {}


# --- no file came --------------------------------------------------------------------------


def _raise(error: Exception) -> Callable[..., NoReturn]:
    def raising(*_: object, **__: object) -> NoReturn:
        raise error

    return raising


def expire(world: World, accepted: UploadAccepted) -> None:
    """Move the job's URL expiry into the past (as if the check's delay had passed)."""
    past = (datetime.now(UTC) - timedelta(seconds=1)).isoformat()
    world.jobs.items[accepted.job_id]["parameters"]["expires_at"] = past


def test_an_upload_that_never_came_ends_expired(world: World) -> None:
    accepted = start(world)
    expire(world, accepted)
    world.upload_worker().process(delivery(world.upload_queue.checks[0].check.model_dump_json()))
    job = world.jobs.job(accepted.job_id)
    assert job.status is JobStatus.FAILED
    assert job.error is not None and job.error.code == ErrorCode.UPLOAD_EXPIRED
    assert "expired" in job.error.detail


def test_the_expiry_check_leaves_an_upload_that_arrived_or_is_early(world: World) -> None:
    early = start(world)
    arrived = start(world)
    expire(world, arrived)
    world.objects.put(object_key(arrived.job_id), b"%PDF-1.7")  # S3's notice still on its way
    worker = world.upload_worker()
    for scheduled in world.upload_queue.checks:
        worker.process(delivery(scheduled.check.model_dump_json()))
    assert world.jobs.job(early.job_id).status is JobStatus.QUEUED
    assert world.jobs.job(arrived.job_id).status is JobStatus.QUEUED


def test_the_expiry_check_leaves_a_parsed_upload_alone(world: World) -> None:
    accepted = upload_and_parse(world, docx_bytes(RESUME_LINES))
    world.upload_worker().process(delivery(world.upload_queue.checks[0].check.model_dump_json()))
    assert world.jobs.job(accepted.job_id).status is JobStatus.SUCCEEDED
