"""Failure branches taken through the real code path: moto for AWS, nx-27017 for MongoDB,
the fake vendor servers for the LLMs, and the functions invoked as Lambda would.

Nothing here replaces a service class in-process; each test breaks a dependency the way
production sees it break (a closed port, a missing table, a colliding key, a bad answer).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from interview_prep import aws as clients
from interview_prep.config import get_settings
from interview_prep.models import ErrorResponse
from interview_prep.models.jobs import GENERATION_KINDS, JobKind
from interview_prep.services.failures import FAILURE_CODES
from tests.conftest import MAX_RECEIVE_COUNT, NO_DATABASE_URL, Invoke, load_event, sample
from tests.fakes.llm_vendors import FakeVendors
from tests.integration.conftest import only
from tests.integration.test_pipeline import (
    assert_retry_between,
    create_resume,
    deliver,
    job,
    let_the_delay_pass,
    queued,
    real_retry_delays,
    result_count,
    run_worker,
    stored_jobs,
    waits_in_queue,
)

pytestmark = pytest.mark.usefixtures("aws")

#: Nothing listens here: connections are refused at once.
CLOSED_PORT_URL = "http://127.0.0.1:1"
START = {
    JobKind.INTERVIEW_QUESTIONS: "start_interview",
    JobKind.LEARNING_PATH: "start_learning_path",
}
READ = {JobKind.INTERVIEW_QUESTIONS: "get_interview", JobKind.LEARNING_PATH: "get_learning_path"}
RESULTS = {JobKind.INTERVIEW_QUESTIONS: "interviews", JobKind.LEARNING_PATH: "learning_paths"}


def assert_standard_error(response: dict[str, Any], route: str, status: int, code: str) -> None:
    """The one error shape every route answers with, naming the request."""
    body = response["json"]
    assert (response["statusCode"], body["error_code"]) == (status, code), response["body"]
    assert set(body) == set(ErrorResponse.model_fields)
    ErrorResponse.model_validate(body)
    assert body["request_id"] == load_event(route)["requestContext"]["requestId"]


@contextmanager
def mongodb_down(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """MongoDB unreachable (a closed port, a short timeout) until the block ends.

    The client cache is keyed by URL and timeout: the closed port gets its own client, and
    the healthy one is used again afterwards, as a container sees a database come back.
    """
    with monkeypatch.context() as patch:
        patch.setenv("MONGODB_URL", NO_DATABASE_URL)
        patch.setenv("MONGODB_TIMEOUT_MS", "200")
        get_settings.cache_clear()
        yield
    get_settings.cache_clear()


# --- MongoDB down inside the worker ------------------------------------------------------


def test_mongodb_down_in_the_worker_backs_off_and_succeeds_once_it_is_back(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, mongodb_url: str, service_env: str
) -> None:
    from interview_prep.ops import bootstrap

    # five receives (own queue, same redrive semantics), so a later backoff meets the cap
    receives = 5
    queue_url = bootstrap.create_queue("test-backoff", 180, receives)
    monkeypatch.setenv("GENERATION_QUEUE_URL", queue_url)
    monkeypatch.setenv("MAX_RECEIVE_COUNT", str(receives))
    policy = real_retry_delays(monkeypatch)
    key = create_resume(invoke)
    job_id = invoke("start_interview", key=key, body={"count": 3})["json"]["job_id"]

    with mongodb_down(monkeypatch):
        for attempt in range(1, receives):
            delivered = deliver(queue_url)

            retrying = job(invoke, job_id)
            assert (retrying["status"], retrying["attempt"]) == ("running", attempt)
            assert retrying["error"] is None, "retried, not failed"
            assert retrying["message"].startswith("Retrying: The database is temporarily")
            # exponential from the base, capped, jittered over the upper half
            ceiling = min(policy.max_seconds, policy.base_seconds * 2 ** (attempt - 1))
            assert_retry_between(retrying, delivered, ceiling / 2, ceiling)
            assert waits_in_queue(queue_url)
            let_the_delay_pass(queue_url, delivered)
    assert ceiling == policy.max_seconds < policy.base_seconds * 2 ** (receives - 2)

    deliver(queue_url)  # the last allowed receive, with MongoDB back

    done = job(invoke, job_id)
    assert (done["status"], done["attempt"], done["error"]) == ("succeeded", receives, None)
    assert result_count(mongodb_url, service_env, "interviews") == 1
    assert queued(queue_url) == 0


def test_mongodb_down_for_every_receive_fails_the_job_with_database_connection_error(
    invoke: Invoke, aws: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interview_prep.repositories.queue import GenerationQueue

    key = create_resume(invoke)
    job_id = invoke("start_interview", key=key, body={})["json"]["job_id"]

    with mongodb_down(monkeypatch):
        run_worker(aws, rounds=MAX_RECEIVE_COUNT + 1)  # every receive, then the DLQ

    failed = job(invoke, job_id)
    assert failed["status"] == "failed"
    assert failed["error"]["code"] == "DATABASE_CONNECTION_ERROR"
    assert f"after {MAX_RECEIVE_COUNT} attempts" in failed["error"]["detail"]
    assert queued(aws) == 0 and queued(GenerationQueue(aws).dead_letter_url) == 1


# --- the circuit breaker's shared state unavailable ---------------------------------------


def test_the_breaker_fails_open_when_its_state_table_is_gone(
    invoke: Invoke,
    aws: str,
    vendors: FakeVendors,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    only(monkeypatch, "openai")
    state_table = get_settings().state_table
    clients.dynamodb().delete_table(TableName=state_table)
    assert state_table not in clients.dynamodb().list_tables()["TableNames"]
    key = create_resume(invoke)
    job_id = invoke("start_interview", key=key, body={"count": 3})["json"]["job_id"]

    run_worker(aws)

    done = job(invoke, job_id)
    assert (done["status"], done["provider"], done["model"]) == ("succeeded", "openai", "gpt-4.1")
    assert [(a["provider"], a["outcome"]) for a in done["attempts"]] == [("openai", "succeeded")]
    assert len(vendors.calls("openai")) == 1
    logged = [record.getMessage() for record in caplog.records]
    assert "breaker state unavailable; treated as closed" in logged, "it met the missing table"
    assert invoke("get_interview", key=key)["statusCode"] == 200


# --- resumes.create and its unique key ----------------------------------------------------


def test_a_unique_key_collision_is_retried_with_a_fresh_key(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, mongodb_url: str, service_env: str
) -> None:
    from interview_prep.repositories import resumes

    taken = create_resume(invoke)
    fresh = resumes.new_unique_key
    keys = iter([taken])
    monkeypatch.setattr(resumes, "new_unique_key", lambda: next(keys, None) or fresh())

    created = invoke("create_resume", body=sample("backend-ko") | {"summary": "second"})

    assert created["statusCode"] == 201, created["body"]
    assert created["json"]["unique_key"] not in {taken, ""}
    assert next(keys, None) is None, "the taken key was really offered"
    assert result_count(mongodb_url, service_env, "resumes") == 2
    first = invoke("get_resume", key=taken)["json"]
    assert first["summary"] == sample("backend-ko")["summary"], "the first resume is untouched"


def test_a_key_that_collides_every_time_is_503_and_stores_nothing(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, mongodb_url: str, service_env: str
) -> None:
    from interview_prep.repositories import resumes

    taken = create_resume(invoke)
    monkeypatch.setattr(resumes, "new_unique_key", lambda: taken)

    response = invoke("create_resume", body=sample("backend-ko") | {"summary": "second"})

    assert_standard_error(response, "create_resume", 503, "DATABASE_CONNECTION_ERROR")
    assert result_count(mongodb_url, service_env, "resumes") == 1
    assert invoke("get_resume", key=taken)["json"]["summary"] == sample("backend-ko")["summary"]


# --- the quality gate against a real vendor wire format -----------------------------------


def start_with_ungrounded_answers(
    invoke: Invoke, vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch, kind: JobKind
) -> tuple[str, str]:
    """A job whose only provider keeps answering valid JSON that quotes what the resume
    never says (the gate's grounding rule; the repair round gets the same)."""
    only(monkeypatch, "openai")
    vendors.script("openai", *["ungrounded"] * 4 * MAX_RECEIVE_COUNT)
    key = create_resume(invoke)
    return key, invoke(START[kind], key=key, body={})["json"]["job_id"]


@pytest.mark.parametrize("kind", GENERATION_KINDS)
def test_output_the_gate_rejects_is_never_stored(
    invoke: Invoke,
    aws: str,
    vendors: FakeVendors,
    monkeypatch: pytest.MonkeyPatch,
    mongodb_url: str,
    service_env: str,
    kind: JobKind,
) -> None:
    key, job_id = start_with_ungrounded_answers(invoke, vendors, monkeypatch, kind)

    run_worker(aws, rounds=MAX_RECEIVE_COUNT + 1)

    failed = job(invoke, job_id)
    assert failed["status"] == "failed" and failed["error"]["code"]
    assert {a["error_class"] for a in failed["attempts"]} == {"quality_gate"}
    assert vendors.calls("openai"), "the vendor really answered"
    assert result_count(mongodb_url, service_env, RESULTS[kind]) == 0
    assert invoke(READ[kind], key=key)["statusCode"] == 404
    assert queued(aws) == 0


@pytest.mark.parametrize("kind", GENERATION_KINDS)
def test_output_the_gate_rejects_fails_with_the_generation_code_after_every_receive(
    invoke: Invoke,
    aws: str,
    vendors: FakeVendors,
    monkeypatch: pytest.MonkeyPatch,
    kind: JobKind,
) -> None:
    _, job_id = start_with_ungrounded_answers(invoke, vendors, monkeypatch, kind)

    run_worker(aws, rounds=MAX_RECEIVE_COUNT + 1)

    failed = job(invoke, job_id)
    assert failed["error"]["code"] == FAILURE_CODES[kind]
    assert f"after {MAX_RECEIVE_COUNT} attempts" in failed["error"]["detail"]
    assert len(vendors.calls("openai")) == 2 * MAX_RECEIVE_COUNT, "answer + repair per receive"


# --- DynamoDB unreachable on POST ---------------------------------------------------------


@contextmanager
def dynamodb_unreachable() -> Iterator[None]:
    """DynamoDB (only: SQS stays on moto) behind a closed port until the block ends."""
    from interview_prep.services import idempotency

    def forget_clients() -> None:  # boto3 clients keep the endpoint they were made with
        clients.reset()
        idempotency._persistence.cache_clear()

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AWS_ENDPOINT_URL_DYNAMODB", CLOSED_PORT_URL)
        forget_clients()
        try:
            yield
        finally:
            patch.undo()
            forget_clients()


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="plain"),
        pytest.param({"Idempotency-Key": "retry-1"}, id="idempotency-key"),
    ],
)
def test_dynamodb_unreachable_on_post_is_503_and_starts_nothing(
    invoke: Invoke, aws: str, headers: dict[str, str]
) -> None:
    key = create_resume(invoke)

    with dynamodb_unreachable():
        response = invoke("start_interview", key=key, body={"count": 3}, headers=headers)
        assert queued(aws) == 0

    assert_standard_error(response, "start_interview", 503, "SERVICE_UNAVAILABLE")
    assert stored_jobs() == 0
