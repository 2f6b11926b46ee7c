"""The integration tier: a real MongoDB-protocol server (nx-27017) with a database per test,
moto for AWS, the functions invoked in-process, and local servers speaking each LLM vendor's
wire format.

Set ``TEST_MONGODB_URL`` to run the same tests against a real MongoDB or Atlas instead.
"""

from __future__ import annotations

import copy
import json
import os
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from interview_prep.generation.requests import prepare
from interview_prep.llm.base import GenerationRequest
from interview_prep.models import ResumeIn
from interview_prep.models.jobs import JobKind
from tests.conftest import (
    ALICE_KEY,
    API_KEYS,
    EVENT_JOB_ID,
    EVENT_KEY,
    MAX_RECEIVE_COUNT,
    Invoke,
    Response,
    header,
    load_event,
    sample,
)
from tests.fakes.llm_vendors import FakeVendors, fake_vendors

#: Dummy keys: the tests check that none of them ever reaches a log, error or job record.
KEYS = {"gemini": "gm-test-key-0001", "openai": "sk-test-key-0002", "claude": "sk-ant-test-0003"}
#: Generous, so a loaded CI machine never turns an ordinary answer into a timeout ...
VENDOR_TIMEOUT_SECONDS = "10"
#: ... and short only for a vendor told to stall (it stalls far longer than this).
STALL_TIMEOUT_SECONDS = "0.5"


@pytest.fixture(scope="session")
def mongodb_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    real = os.environ.get("TEST_MONGODB_URL")
    if real:
        yield real
        return
    from interview_prep.local.mongo_server import MongoServer

    with MongoServer(data_dir=None, run_dir=tmp_path_factory.mktemp("mongo")) as server:
        yield server.url


@pytest.fixture(autouse=True)
def service_env(
    offline_env: None, monkeypatch: pytest.MonkeyPatch, mongodb_url: str
) -> Iterator[str]:
    """Each test gets its own database (yielded by name) and fresh settings."""
    # after ``offline_env``, so this MONGODB_URL is the one that counts
    from interview_prep.config import get_settings

    database = f"test_{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv("MONGODB_URL", mongodb_url)
    monkeypatch.setenv("MONGODB_DATABASE", database)
    monkeypatch.setenv("API_KEYS", json.dumps(API_KEYS))
    monkeypatch.setenv("JOBS_TABLE", "test-jobs")
    monkeypatch.setenv("IDEMPOTENCY_TABLE", "test-idempotency")
    get_settings.cache_clear()
    yield database
    _drop(mongodb_url, database)


def _drop(url: str, database: str) -> None:
    from pymongo import MongoClient

    with MongoClient(url, serverSelectionTimeoutMS=2000) as client:
        client.drop_database(database)


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """moto DynamoDB, SQS and S3 with the service's tables, queues and uploads bucket (its
    events go to the upload queue); yields the generation queue's URL."""
    from moto import mock_aws

    from interview_prep import aws as aws_clients
    from interview_prep.config import get_settings
    from interview_prep.ops import bootstrap
    from interview_prep.resources import UPLOADS_BUCKET

    aws_clients.reset()
    with mock_aws():
        bootstrap.create_tables(get_settings())
        queue_url = bootstrap.create_queue("test-generation", 180, MAX_RECEIVE_COUNT)
        upload_queue_url = bootstrap.create_queue("test-uploads", 180, MAX_RECEIVE_COUNT)
        monkeypatch.setenv("GENERATION_QUEUE_URL", queue_url)
        monkeypatch.setenv("UPLOAD_QUEUE_URL", upload_queue_url)
        monkeypatch.setenv("UPLOADS_BUCKET", "test-uploads")
        monkeypatch.setenv("MAX_RECEIVE_COUNT", str(MAX_RECEIVE_COUNT))
        for delay in ("BASE", "RATE_LIMITED", "UNAVAILABLE"):  # retries come back at once
            monkeypatch.setenv(f"RETRY_{delay}_SECONDS", "0")
        get_settings.cache_clear()
        bootstrap.create_bucket(UPLOADS_BUCKET, get_settings(), upload_queue_url)
        yield queue_url
    aws_clients.reset()


@pytest.fixture
def indexes(service_env: str) -> None:
    from interview_prep.repositories.mongo import ensure_indexes

    ensure_indexes()


@pytest.fixture
def keys(aws: str) -> None:
    """The test owners' keys in the keys table, as the local stack registers them."""
    from interview_prep.local.keystore import register_keys

    register_keys(API_KEYS)


@pytest.fixture
def invoke(indexes: None, keys: None) -> Invoke:
    """Invoke a function with the events/ file of a route, adjusted like a client would,
    after the authorizer, as API Gateway runs it."""
    from interview_prep import routes
    from interview_prep.local.authorizer import Refused, authorize, gateway_answer
    from interview_prep.local.functions import invoke as invoke_function

    def _invoke(
        route_name: str,
        *,
        key: str | None = None,
        job_id: str | None = None,
        api_key: str | None = ALICE_KEY,
        headers: dict[str, str] | None = None,
        body: Any = ...,
        raw_body: str | None = None,
        query: dict[str, str] | None = None,
        method: str | None = None,
        path: str | None = None,
    ) -> Response:
        event = copy.deepcopy(load_event(route_name))
        route = routes.route_named(route_name)
        if key is not None:
            event["path"] = event["path"].replace(EVENT_KEY, key)
            event["pathParameters"]["unique_key"] = key
        if job_id is not None:
            event["path"] = event["path"].replace(EVENT_JOB_ID, job_id)
            name = "attempt_id" if "attempt_id" in event["pathParameters"] else "job_id"
            event["pathParameters"][name] = job_id
        if path is not None:
            event["path"] = path
        if method is not None:
            event["httpMethod"] = method
        sent = {k: v for k, v in (event["headers"] or {}).items() if k != "X-Api-Key"}
        if api_key is not None:
            sent["X-Api-Key"] = api_key
        sent |= headers or {}
        event["headers"] = sent
        event["multiValueHeaders"] = {k: [v] for k, v in sent.items()}
        if body is not ...:
            event["body"] = json.dumps(body, ensure_ascii=False)
        if raw_body is not None:
            event["body"] = raw_body
        if query is not None:
            event["queryStringParameters"] = query
            event["multiValueQueryStringParameters"] = {k: [v] for k, v in query.items()}
        try:
            authorized = authorize(event, invoke_function)
        except Refused as refused:
            response: Response = gateway_answer(event, refused)
        else:
            response = invoke_function(route.function, authorized)
        if response.get("body") and "json" in (header(response, "Content-Type") or ""):
            response["json"] = json.loads(response["body"])
        return response

    return _invoke


def request_for(count: int = 3, language: str = "en") -> GenerationRequest:
    """What the worker would ask for: the rendered prompt, the gate and the plan."""
    resume = ResumeIn.model_validate(sample("backend-ko"))
    parameters = {"count": count, "language": language}
    return prepare(
        JobKind.INTERVIEW_QUESTIONS,
        resume,
        parameters,
        deadline=time.monotonic() + 60,
        token_budget=6_000,
    ).request


@pytest.fixture
def vendors(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeVendors]:
    from interview_prep.llm.settings import llm_settings

    with fake_vendors() as server:
        for name, key in KEYS.items():
            monkeypatch.setenv(f"{name.upper()}_API_KEY", key)
            monkeypatch.setenv(f"{name.upper()}_TIMEOUT_SECONDS", VENDOR_TIMEOUT_SECONDS)
        monkeypatch.setenv("GEMINI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_BASE_URL", f"{server.base_url}/v1")
        monkeypatch.setenv("CLAUDE_BASE_URL", server.base_url)
        monkeypatch.setenv("LLM_BREAKER_FAILURE_THRESHOLD", "100")
        llm_settings.cache_clear()
        yield server
    llm_settings.cache_clear()


def stall(vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch, provider: str) -> None:
    """The provider's next call stalls; its client gives up after a short timeout."""
    from interview_prep.llm.settings import llm_settings

    assert vendors.stall_seconds > 2 * float(STALL_TIMEOUT_SECONDS)
    wire = {"claude": "anthropic"}.get(provider, provider)
    vendors.script(wire, "stall")
    monkeypatch.setenv(f"{provider.upper()}_TIMEOUT_SECONDS", STALL_TIMEOUT_SECONDS)
    llm_settings.cache_clear()


def only(monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    """Configure the provider order."""
    from interview_prep.llm.settings import llm_settings

    monkeypatch.setenv("LLM_PROVIDERS", ",".join(names))
    llm_settings.cache_clear()
