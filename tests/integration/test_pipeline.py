"""The asynchronous pipeline: POST -> DynamoDB job -> SQS -> worker -> MongoDB -> GET.

moto plays SQS and DynamoDB (redrive to the DLQ included), nx-27017 plays MongoDB, and
the worker function is fed real SQS batches by the local event source mapping.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from interview_prep import aws
from interview_prep.generation.prompts import prompt_version
from interview_prep.llm import registry
from interview_prep.llm.base import GenerationRequest, GenerationResult, ProviderError
from interview_prep.llm.providers.offline import OfflineProvider
from interview_prep.local.events import sqs_event
from interview_prep.local.functions import invoke as invoke_function
from interview_prep.local.poller import SqsPoller
from interview_prep.models.jobs import JobKind
from interview_prep.services.retry import RetryPolicy
from tests.conftest import ALICE_KEY, BOB_KEY, MAX_RECEIVE_COUNT, Invoke, sample
from tests.fakes.llm_vendors import FakeVendors, Received, _Handler
from tests.integration.conftest import only

pytestmark = pytest.mark.usefixtures("aws")


def worker(event: dict[str, Any]) -> dict[str, Any]:
    response: dict[str, Any] = invoke_function("worker", event, timeout_seconds=120)
    return response


def run_worker(queue_url: str, rounds: int = 1) -> int:
    """Deliver what is in the queue to the worker ``rounds`` times; returns messages seen."""
    poller = SqsPoller(queue_url, worker, batch_size=10, wait_seconds=0, log=lambda _: None)
    return sum(poller.poll_once() for _ in range(rounds))


def queued(queue_url: str) -> int:
    attributes = aws.sqs().get_queue_attributes(
        QueueUrl=queue_url,
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    )["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"]) + int(
        attributes["ApproximateNumberOfMessagesNotVisible"]
    )


def stored_jobs() -> int:
    """Job records in the jobs table (pointer items such as ``active#…`` not counted)."""
    from interview_prep.config import get_settings

    items = aws.table(get_settings().jobs_table).scan()["Items"]
    return sum(1 for item in items if "kind" in item)


def create_resume(invoke: Invoke, name: str = "backend-ko", api_key: str = ALICE_KEY) -> str:
    response = invoke("create_resume", body=sample(name), api_key=api_key)
    assert response["statusCode"] == 201
    return str(response["json"]["unique_key"])


def job(invoke: Invoke, job_id: str, api_key: str = ALICE_KEY) -> dict[str, Any]:
    response = invoke("get_job", job_id=job_id, api_key=api_key)
    assert response["statusCode"] == 200, response["body"]
    return dict(response["json"])


def result_count(mongodb_url: str, database: str, collection: str) -> int:
    from pymongo import MongoClient

    with MongoClient(mongodb_url) as client:
        return client[database][collection].count_documents({})


class FailingProvider:
    name = "failing"

    def __init__(self) -> None:
        self.calls = 0
        self.healed = False

    def generate(self, request: GenerationRequest) -> GenerationResult:
        self.calls += 1
        if self.healed:
            return OfflineProvider().generate(request)
        raise ProviderError(self.name, "upstream unavailable", transient=True)


@pytest.fixture
def provider(monkeypatch: pytest.MonkeyPatch) -> FailingProvider:
    failing = FailingProvider()
    monkeypatch.setattr(registry, "get_provider", lambda: failing)
    return failing


class Outage:
    """Every fake vendor answers HTTP ``status`` until healed.

    The fake's scripts run out after so many calls and know no 503, so this wraps its
    handler (on the class: the SDKs keep connections open across calls).
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch, status: int = 503) -> None:
        self.status, self.down = status, True
        healthy = _Handler.do_POST
        outage = self

        def do_post(handler: _Handler) -> None:
            if not outage.down:
                healthy(handler)
                return
            length = int(handler.headers.get("Content-Length") or 0)
            body = json.loads(handler.rfile.read(length) or b"{}")
            vendor = handler._vendor()
            handler.server.received.append(
                Received(vendor, handler.path, body, dict(handler.headers))
            )
            error = {"code": status, "message": "overloaded", "status": "UNAVAILABLE"}
            handler._send(status, {"type": "error", "error": error})

        monkeypatch.setattr(_Handler, "do_POST", do_post)

    def heal(self) -> None:
        self.down = False


#: Retry delays as a deployment has them, not the ``aws`` fixture's zeros.
REAL_DELAYS = {"BASE": 40.0, "MAX": 120.0, "RATE_LIMITED": 300.0, "UNAVAILABLE": 60.0}


def real_retry_delays(monkeypatch: pytest.MonkeyPatch, **overrides: float) -> RetryPolicy:
    """Set the retry delays (after ``aws`` zeroed them) and return the policy they make."""
    from interview_prep.config import get_settings

    for name, seconds in (REAL_DELAYS | overrides).items():
        monkeypatch.setenv(f"RETRY_{name}_SECONDS", str(seconds))
    get_settings.cache_clear()
    return RetryPolicy.from_settings(get_settings())


@dataclass(frozen=True)
class Round:
    """One receive of the queue by the worker function, and when it happened."""

    receipts: list[str]
    started: datetime
    ended: datetime


def deliver(queue_url: str) -> Round:
    """Like ``run_worker``, but keeps the receipt handles, so a test can let a delay pass."""
    receipts: list[str] = []

    def handler(event: dict[str, Any]) -> dict[str, Any]:
        receipts.extend(record["receiptHandle"] for record in event["Records"])
        return worker(event)

    # received visible at once: only the delay the worker applies can hide the message
    poller = SqsPoller(
        queue_url, handler, batch_size=10, wait_seconds=0, visibility_timeout=0, log=lambda _: None
    )
    started = datetime.now(UTC)
    poller.poll_once()
    return Round(receipts, started, datetime.now(UTC))


def waits_in_queue(queue_url: str) -> bool:
    """The one message is there but hidden: counted as not visible, and a receive gets nothing."""
    attributes = aws.sqs().get_queue_attributes(
        QueueUrl=queue_url,
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    )["Attributes"]
    counts = (
        int(attributes["ApproximateNumberOfMessages"]),
        int(attributes["ApproximateNumberOfMessagesNotVisible"]),
    )
    received = aws.sqs().receive_message(QueueUrl=queue_url, WaitTimeSeconds=0)
    return counts == (0, 1) and not received.get("Messages")


def let_the_delay_pass(queue_url: str, delivered: Round) -> None:
    """What waiting out the delay would do, without waiting: the message is visible again."""
    for receipt in delivered.receipts:
        aws.sqs().change_message_visibility(
            QueueUrl=queue_url, ReceiptHandle=receipt, VisibilityTimeout=0
        )


def assert_retry_between(found: dict[str, Any], delivered: Round, low: float, high: float) -> None:
    """``next_retry_at`` lies ``low``..``high`` seconds after the attempt that scheduled it.

    The attempt ran between ``started`` and ``ended``; the queue applies whole seconds.
    """
    retry_at = datetime.fromisoformat(found["next_retry_at"])
    earliest = delivered.started + timedelta(seconds=low - 0.501)
    latest = delivered.ended + timedelta(seconds=high + 0.5)
    assert earliest <= retry_at <= latest, (
        f"retry {(retry_at - delivered.started).total_seconds():.1f} s after the attempt, "
        f"expected {low:g}..{high:g} s"
    )


@pytest.mark.parametrize(
    ("start", "read", "body", "items"),
    [
        ("start_interview", "get_interview", {"count": 3, "language": "en"}, "questions"),
        ("start_learning_path", "get_learning_path", {"path_count": 4}, "learning_paths"),
    ],
)
def test_full_flow(
    invoke: Invoke, aws: str, start: str, read: str, body: dict[str, Any], items: str
) -> None:
    key = create_resume(invoke)

    accepted = invoke(start, key=key, body=body)

    assert accepted["statusCode"] == 202
    started = accepted["json"]
    assert started["status"] == "queued"
    assert started["status_url"] == f"/api/v1/jobs/{started['job_id']}"
    assert dict(accepted["multiValueHeaders"])["Location"] == [started["status_url"]]
    queued_job = job(invoke, started["job_id"])
    assert (queued_job["step"], queued_job["total_steps"], queued_job["percent"]) == (0, 5, 0)

    assert run_worker(aws) == 1

    done = job(invoke, started["job_id"])
    assert done["status"] == "succeeded" and done["percent"] == 100 and done["step"] == 5
    assert done["provider"] == "offline" and done["model"]
    assert done["usage"]["output_tokens"] > 0
    result = invoke(read, key=key)
    assert result["statusCode"] == 200
    stored = result["json"]
    assert stored["job_id"] == started["job_id"] and stored["stale"] is False
    assert len(stored[items]) == next(iter(v for k, v in body.items() if k.endswith("count")))
    assert stored["prompt_version"] == prompt_version(JobKind(done["kind"]))
    assert all(item["evidence"]["quote"] for item in stored[items]), "grounded in the resume"
    if items == "learning_paths":
        assert stored["analysis"]["strengths"] and stored["analysis"]["weaknesses"]
        assert [p["type"] for p in stored[items]].count("weakness") == 2
    else:
        assert [q["id"] for q in stored[items]] == ["q1", "q2", "q3"]
    assert started["result_url"].endswith(f"?job_id={started['job_id']}")
    assert queued(aws) == 0


def test_worker_crash_after_storing_gives_one_result(
    invoke: Invoke, aws: str, monkeypatch: pytest.MonkeyPatch, mongodb_url: str, service_env: str
) -> None:
    from interview_prep.repositories.jobs import JobRepository

    key = create_resume(invoke)
    job_id = invoke("start_interview", key=key, body={})["json"]["job_id"]
    real_succeed = JobRepository.succeed
    crashes = []

    def crash_once(self: JobRepository, *args: Any, **kwargs: Any) -> bool:
        if not crashes:
            crashes.append(1)
            raise ConnectionError("the container died before acknowledging")
        return real_succeed(self, *args, **kwargs)

    monkeypatch.setattr(JobRepository, "succeed", crash_once)

    run_worker(aws)  # stores the result, then dies
    assert job(invoke, job_id)["status"] == "running"
    run_worker(aws)  # redelivered

    assert job(invoke, job_id)["status"] == "succeeded"
    assert result_count(mongodb_url, service_env, "interviews") == 1


def test_the_same_message_twice_stores_one_result(
    invoke: Invoke, aws: str, mongodb_url: str, service_env: str
) -> None:
    key = create_resume(invoke)
    job_id = invoke("start_interview", key=key, body={})["json"]["job_id"]
    message = aws_messages(aws)
    aws_client = aws  # the original message is still queued; send a duplicate of it
    from interview_prep import aws as clients

    clients.sqs().send_message(QueueUrl=aws_client, MessageBody=message)

    run_worker(aws, rounds=2)

    assert job(invoke, job_id)["status"] == "succeeded"
    assert result_count(mongodb_url, service_env, "interviews") == 1
    assert queued(aws) == 0


def aws_messages(queue_url: str) -> str:
    """The body of the one queued message, left in the queue."""
    messages = aws.sqs().receive_message(QueueUrl=queue_url, VisibilityTimeout=0)["Messages"]
    return str(messages[0]["Body"])


def test_always_failing_job_retries_then_dead_letters_and_redrive_recovers(
    invoke: Invoke, aws: str, vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interview_prep.repositories.queue import GenerationQueue
    from interview_prep.services.redrive import redrive

    monkeypatch.setenv("LLM_OFFLINE_FALLBACK", "false")  # nothing may answer in its place
    only(monkeypatch, "openai")
    outage = Outage(monkeypatch)
    key = create_resume(invoke)
    job_id = invoke("start_learning_path", key=key, body={})["json"]["job_id"]

    run_worker(aws)
    retrying = job(invoke, job_id)
    assert retrying["status"] == "running" and retrying["attempt"] == 1
    assert retrying["next_retry_at"] and "Retrying" in retrying["message"]
    assert retrying["attempts"][0]["error_class"] == "server_error"

    run_worker(aws, rounds=MAX_RECEIVE_COUNT)  # the rest of the receives, then the DLQ

    failed = job(invoke, job_id)
    assert failed["status"] == "failed"
    assert failed["error"]["code"] == "LLM_PROVIDER_NOT_AVAILABLE"
    assert f"after {MAX_RECEIVE_COUNT} attempts" in failed["error"]["detail"]
    assert "openai (server_error)" in failed["error"]["detail"]
    assert len(vendors.calls("openai")) == MAX_RECEIVE_COUNT, "one call per receive"
    assert queued(aws) == 0 and queued(GenerationQueue(aws).dead_letter_url) == 1

    outage.heal()
    report = redrive(GenerationQueue(aws))
    assert report.moved == [job_id]
    assert job(invoke, job_id)["status"] == "queued"
    run_worker(aws)
    done = job(invoke, job_id)
    assert (done["status"], done["provider"]) == ("succeeded", "openai")
    assert len(vendors.calls("openai")) == MAX_RECEIVE_COUNT + 1
    assert invoke("get_learning_path", key=key)["statusCode"] == 200
    assert queued(aws) == 0 and queued(GenerationQueue(aws).dead_letter_url) == 0


def test_redrive_leaves_a_dead_letter_it_cannot_read_and_says_so(
    aws: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from interview_prep import aws as clients
    from interview_prep.ops.redrive import main
    from interview_prep.repositories.queue import GenerationQueue

    dead_letter_url = GenerationQueue(aws).dead_letter_url
    clients.sqs().send_message(QueueUrl=dead_letter_url, MessageBody="not a job")

    assert main(["--queue-url", aws]) == 0

    out, err = capsys.readouterr()
    assert "0 redriven, 1 left in the dead-letter queue" in out
    assert "1 of them are not generation messages" in err
    assert queued(dead_letter_url) == 1 and queued(aws) == 0


@pytest.mark.parametrize(("failure", "delay"), [("429", "RATE_LIMITED"), ("503", "UNAVAILABLE")])
def test_a_vendor_failure_waits_its_own_delay_in_the_queue(
    invoke: Invoke,
    aws: str,
    vendors: FakeVendors,
    monkeypatch: pytest.MonkeyPatch,
    failure: str,
    delay: str,
) -> None:
    real_retry_delays(monkeypatch)
    only(monkeypatch, "openai")
    if failure == "503":
        Outage(monkeypatch)
    else:
        vendors.script("openai", failure)
    key = create_resume(invoke)
    job_id = invoke("start_interview", key=key, body={"count": 3})["json"]["job_id"]

    delivered = deliver(aws)

    retrying = job(invoke, job_id)
    assert (retrying["status"], retrying["attempt"], retrying["error"]) == ("running", 1, None)
    seconds = REAL_DELAYS[delay]  # the failure's own delay, not the backoff from the base
    assert_retry_between(retrying, delivered, seconds, seconds)
    assert waits_in_queue(aws)


def test_a_delay_beyond_the_sqs_cap_waits_at_most_12_hours(
    invoke: Invoke, aws: str, vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interview_prep.repositories.queue import MAX_DELAY_SECONDS

    real_retry_delays(monkeypatch, RATE_LIMITED=MAX_DELAY_SECONDS)  # the largest allowed
    only(monkeypatch, "openai")
    vendors.script("openai", "429")
    key = create_resume(invoke)
    job_id = invoke("start_interview", key=key, body={"count": 3})["json"]["job_id"]

    delivered = deliver(aws)

    retrying = job(invoke, job_id)
    assert retrying["next_retry_at"], "the retry was scheduled"
    assert_retry_between(retrying, delivered, MAX_DELAY_SECONDS - 60, MAX_DELAY_SECONDS)
    assert waits_in_queue(aws)


def test_queue_failure_at_post_is_503_and_the_job_is_failed(
    invoke: Invoke, aws: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interview_prep.config import get_settings

    key = create_resume(invoke)
    monkeypatch.setenv(
        "GENERATION_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/missing"
    )
    get_settings.cache_clear()

    response = invoke("start_interview", key=key, body={})

    assert response["statusCode"] == 503
    assert response["json"]["error_code"] == "TASK_QUEUE_ERROR"
    failed = job(invoke, response["json"]["details"]["job_id"])
    assert failed["status"] == "failed" and failed["error"]["code"] == "TASK_QUEUE_ERROR"
    assert queued(aws) == 0


def test_resume_deleted_before_processing_fails_without_retries(
    invoke: Invoke, aws: str, provider: FailingProvider
) -> None:
    key = create_resume(invoke)
    job_id = invoke("start_interview", key=key, body={})["json"]["job_id"]
    assert invoke("delete_resume", key=key)["statusCode"] == 204

    run_worker(aws)

    failed = job(invoke, job_id)
    assert failed["status"] == "failed" and failed["error"]["code"] == "RESUME_NOT_FOUND"
    assert queued(aws) == 0 and provider.calls == 0


def test_idempotency_key_returns_the_same_job_per_owner(invoke: Invoke, aws: str) -> None:
    alice = create_resume(invoke)
    bob = create_resume(invoke, api_key=BOB_KEY)
    headers = {"Idempotency-Key": "retry-123"}

    first = invoke("start_interview", key=alice, body={"count": 2}, headers=headers)
    again = invoke("start_interview", key=alice, body={"count": 2}, headers=headers)
    bobs = invoke("start_interview", key=bob, body={"count": 2}, headers=headers, api_key=BOB_KEY)
    reused = invoke("start_interview", key=alice, body={"count": 4}, headers=headers)

    assert first["statusCode"] == again["statusCode"] == 202
    assert again["json"]["job_id"] == first["json"]["job_id"]
    assert bobs["json"]["job_id"] != first["json"]["job_id"]
    assert reused["statusCode"] == 422
    assert reused["json"]["error_code"] == "VALIDATION_ERROR"
    assert queued(aws) == stored_jobs() == 2, "the reused key started nothing"


def test_a_duplicate_request_while_running_returns_the_running_job(
    invoke: Invoke, aws: str
) -> None:
    key = create_resume(invoke)
    first = invoke("start_interview", key=key, body={"count": 3})["json"]
    second = invoke("start_interview", key=key, body={"count": 3})["json"]
    other = invoke("start_interview", key=key, body={"count": 4})["json"]

    assert second["job_id"] == first["job_id"]
    assert other["job_id"] != first["job_id"]
    assert queued(aws) == 2


def test_identical_request_after_success_reuses_the_result_unless_forced(
    invoke: Invoke, aws: str
) -> None:
    key = create_resume(invoke)
    first = invoke("start_interview", key=key, body={"count": 2})["json"]
    run_worker(aws)

    cached = invoke("start_interview", key=key, body={"count": 2})
    assert queued(aws) == 0, "a reused result queues nothing"
    forced = invoke("start_interview", key=key, body={"count": 2, "force": True})

    assert cached["statusCode"] == forced["statusCode"] == 202
    assert cached["json"]["status"] == "succeeded"
    assert cached["json"]["result_url"].endswith(first["job_id"])
    assert queued(aws) == 1 and forced["json"]["status"] == "queued"


def test_result_404_names_the_running_job(invoke: Invoke) -> None:
    key = create_resume(invoke)
    assert invoke("get_interview", key=key)["json"]["error_code"] == "INTERVIEW_NOT_FOUND"
    job_id = invoke("start_interview", key=key, body={})["json"]["job_id"]

    missing = invoke("get_interview", key=key)

    assert missing["statusCode"] == 404
    assert missing["json"]["error_code"] == "INTERVIEW_NOT_FOUND"
    assert missing["json"]["details"]["running_job_id"] == job_id


def test_results_turn_stale_when_the_resume_changes_and_history_lists_them(
    invoke: Invoke, aws: str
) -> None:
    key = create_resume(invoke)
    first = invoke("start_interview", key=key, body={"count": 1})["json"]["job_id"]
    run_worker(aws)
    second = invoke("start_interview", key=key, body={"count": 2})["json"]["job_id"]
    run_worker(aws)

    assert invoke("get_interview", key=key)["json"]["job_id"] == second
    assert invoke("get_interview", key=key, query={"job_id": first})["json"]["job_id"] == first
    edited = sample("backend-ko") | {"summary": "changed"}
    invoke("update_resume", key=key, body=edited)

    latest = invoke("get_interview", key=key)["json"]
    history = invoke("interview_history", key=key, query={"limit": "1"})["json"]
    assert latest["stale"] is True
    assert [item["job_id"] for item in history["items"]] == [second]
    rest = invoke("interview_history", key=key, query={"cursor": history["next_cursor"]})["json"]
    assert [item["job_id"] for item in rest["items"]] == [first]


def test_a_batch_with_one_bad_record_reports_only_that_record(invoke: Invoke, aws: str) -> None:
    key = create_resume(invoke)
    job_id = invoke("start_interview", key=key, body={})["json"]["job_id"]
    from interview_prep import aws as clients

    good = clients.sqs().receive_message(QueueUrl=aws, AttributeNames=["All"])["Messages"][0]
    bad = dict(good, MessageId="not-a-job", Body="{not json")
    arn = aws_queue_arn(aws)

    response = worker(sqs_event([good, bad], arn))

    assert response == {"batchItemFailures": [{"itemIdentifier": "not-a-job"}]}
    assert job(invoke, job_id)["status"] == "succeeded"


def aws_queue_arn(queue_url: str) -> str:
    return str(
        aws.sqs().get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
            "Attributes"
        ]["QueueArn"]
    )


def test_jobs_are_private_and_validated(invoke: Invoke, aws: str) -> None:
    key = create_resume(invoke)
    job_id = invoke("start_interview", key=key, body={})["json"]["job_id"]

    assert (
        invoke("get_job", job_id=job_id, api_key=BOB_KEY)["json"]["error_code"] == "JOB_NOT_FOUND"
    )
    refused = {
        "unknown job": invoke("get_job", job_id="nope"),
        "count 11": invoke("start_interview", key=key, body={"count": 11}),
        "misspelt field": invoke("start_interview", key=key, body={"counts": 2}),
        "path_count 2": invoke("start_learning_path", key=key, body={"path_count": 2}),
        "no such resume": invoke("start_interview", key="missing", body={}),
        "another owner's resume": invoke("start_interview", key=key, api_key=BOB_KEY, body={}),
    }
    assert {case: (r["statusCode"], r["json"]["error_code"]) for case, r in refused.items()} == {
        "unknown job": (404, "JOB_NOT_FOUND"),
        "count 11": (422, "VALIDATION_ERROR"),
        "misspelt field": (422, "VALIDATION_ERROR"),
        "path_count 2": (422, "VALIDATION_ERROR"),
        "no such resume": (404, "RESUME_NOT_FOUND"),
        "another owner's resume": (404, "RESUME_NOT_FOUND"),
    }
    assert queued(aws) == stored_jobs() == 1, "only the first request started a job"


def test_progress_never_moves_backwards(invoke: Invoke) -> None:
    from interview_prep.repositories.jobs import JobRepository

    key = create_resume(invoke)
    job_id = invoke("start_interview", key=key, body={})["json"]["job_id"]
    jobs = JobRepository()

    assert jobs.advance(job_id, 3, "three", 1)
    assert not jobs.advance(job_id, 2, "two", 1)
    assert job(invoke, job_id)["step"] == 3
    assert jobs.fail(job_id, "X", "stop")
    assert not jobs.advance(job_id, 4, "after failure", 1)
    assert json.dumps(job(invoke, job_id)["error"]) == '{"code": "X", "detail": "stop"}'


def test_correlation_id_travels_from_the_request_to_the_job_and_the_message(
    invoke: Invoke, aws: str
) -> None:
    from tests.conftest import load_event

    key = create_resume(invoke)
    request_id = load_event("start_interview")["requestContext"]["requestId"]
    job_id = invoke("start_interview", key=key, body={})["json"]["job_id"]

    from interview_prep import aws as clients

    message = clients.sqs().receive_message(
        QueueUrl=aws, MessageAttributeNames=["All"], VisibilityTimeout=0
    )["Messages"][0]
    assert message["MessageAttributes"]["correlation_id"]["StringValue"] == request_id
    assert job(invoke, job_id)["correlation_id"] == request_id


def test_too_little_time_left_leaves_the_message_for_a_retry(
    invoke: Invoke, aws: str, provider: FailingProvider
) -> None:
    key = create_resume(invoke)
    job_id = invoke("start_interview", key=key, body={})["json"]["job_id"]
    poller = SqsPoller(
        aws,
        lambda event: invoke_function("worker", event, timeout_seconds=5),  # < 15 s needed
        wait_seconds=0,
        log=lambda _: None,
    )

    poller.poll_once()

    waiting = job(invoke, job_id)
    assert waiting["status"] == "running" and waiting["attempt"] == 1
    assert provider.calls == 0, "no provider call is started without time to finish it"
    assert queued(aws) == 1


def test_a_result_stored_before_ids_and_evidence_existed_still_reads(invoke: Invoke) -> None:
    """Upgrading keeps old results readable (the local stack keeps its data between runs)."""
    from interview_prep.repositories import mongo
    from interview_prep.repositories.results import ResultRepository

    key = create_resume(invoke)
    now = mongo.now()
    ResultRepository().insert(
        JobKind.INTERVIEW_QUESTIONS,
        {
            "job_id": "0" * 32, "owner": "alice", "unique_key": key,
            "kind": "interview_questions", "provider": "offline", "model": "offline-grounded-v1",
            "prompt_version": "1.0.0", "language": "en", "usage": {}, "resume_hash": "old",
            "fingerprint": "old", "created_at": now,
            "listing_position": mongo.listing_position(now),
            "questions": [{"type": "Reliability", "difficulty": "easy", "topic": "Kafka",
                           "question": "What if Kafka fails?",
                           "what_good_answers_cover": ["a", "b", "c", "d", "e"]}],
        },
    )  # fmt: skip

    stored = invoke("get_interview", key=key)

    assert stored["statusCode"] == 200
    (question,) = stored["json"]["questions"]
    assert question["evidence"] is None and question["id"] is None
    assert stored["json"]["stale"] is True
