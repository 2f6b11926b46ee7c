"""Shared fixtures: a real MongoDB-protocol server (nx-27017), moto for AWS, sample data.

Set ``TEST_MONGODB_URL`` to run the same tests against a real MongoDB or Atlas instead.
"""

from __future__ import annotations

import copy
import json
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT / "events"
SAMPLES = ROOT / "samples"
EVENT_KEY = "Xq3v9Lm2Tn8Rb5Wc1Yd7Zg"  # the key events/ address (scripts/generate_events.py)
EVENT_JOB_ID = "5f0c3b8e2a7d4c1e9b6a8d7c6e5f4a3b"

ALICE_KEY = "test-key-alice-0001"
BOB_KEY = "test-key-bob-0002"
API_KEYS = {ALICE_KEY: "alice", BOB_KEY: "bob", "local-demo-key": "demo"}
MAX_RECEIVE_COUNT = 3

# Module-level so importing the layer anywhere in a test sees a sane, offline environment.
os.environ.update(
    AWS_ACCESS_KEY_ID="testing",
    AWS_SECRET_ACCESS_KEY="testing",
    AWS_DEFAULT_REGION="us-east-1",
    POWERTOOLS_TRACE_DISABLED="true",
    POWERTOOLS_SERVICE_NAME="interview-prep-test",
)
os.environ.pop("AWS_ENDPOINT_URL", None)


def sample(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / f"resume-{name}.json").read_text())
    return data


FIXTURE_RESUMES = ROOT / "tests" / "fixtures" / "resumes"


def fixture_resume(name: str) -> Any:
    """One of the varied resumes in ``tests/fixtures/resumes``, as a ``ResumeIn``."""
    from interview_prep.models import ResumeIn

    return ResumeIn.model_validate_json((FIXTURE_RESUMES / f"{name}.json").read_text())


def fixture_names() -> list[str]:
    return sorted(path.stem for path in FIXTURE_RESUMES.glob("*.json"))


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
def service_env(monkeypatch: pytest.MonkeyPatch, mongodb_url: str) -> Iterator[str]:
    """Each test gets its own database and fresh settings."""
    from interview_prep.config import get_settings
    from interview_prep.llm.settings import llm_settings

    for name in list(os.environ):  # real provider keys on a developer's machine stay unused
        if name.endswith("_API_KEY") or name.startswith(("LLM_", "GEMINI_", "OPENAI_", "CLAUDE_")):
            monkeypatch.delenv(name)
    llm_settings.cache_clear()
    database = f"test_{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv("MONGODB_URL", mongodb_url)
    monkeypatch.setenv("MONGODB_DATABASE", database)
    monkeypatch.setenv("API_KEYS", json.dumps(API_KEYS))
    monkeypatch.setenv("JOBS_TABLE", "test-jobs")
    monkeypatch.setenv("IDEMPOTENCY_TABLE", "test-idempotency")
    get_settings.cache_clear()
    yield database
    get_settings.cache_clear()
    llm_settings.cache_clear()
    _drop(mongodb_url, database)


def _drop(url: str, database: str) -> None:
    from pymongo import MongoClient

    with MongoClient(url, serverSelectionTimeoutMS=2000) as client:
        client.drop_database(database)


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """moto DynamoDB and SQS with the service's tables and queue; yields the queue URL."""
    from moto import mock_aws

    from interview_prep import aws as aws_clients
    from interview_prep import bootstrap
    from interview_prep.config import get_settings

    aws_clients.reset()
    with mock_aws():
        bootstrap.create_tables(get_settings())
        queue_url = bootstrap.create_queue("test-generation", 180, MAX_RECEIVE_COUNT)
        monkeypatch.setenv("GENERATION_QUEUE_URL", queue_url)
        monkeypatch.setenv("MAX_RECEIVE_COUNT", str(MAX_RECEIVE_COUNT))
        for delay in ("BASE", "RATE_LIMITED", "UNAVAILABLE"):  # retries come back at once
            monkeypatch.setenv(f"RETRY_{delay}_SECONDS", "0")
        get_settings.cache_clear()
        yield queue_url
    aws_clients.reset()


@pytest.fixture
def indexes(service_env: str) -> None:
    from interview_prep.repositories.mongo import ensure_indexes

    ensure_indexes()


Response = dict[str, Any]
Invoke = Callable[..., Response]


def load_event(route_name: str) -> dict[str, Any]:
    event: dict[str, Any] = json.loads((EVENTS / f"{route_name}.json").read_text())
    return event


@pytest.fixture
def invoke(indexes: None) -> Invoke:
    """Invoke a function with the events/ file of a route, adjusted like a client would."""
    from interview_prep import routes
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
            event["pathParameters"]["job_id"] = job_id
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
        response: Response = invoke_function(route.function, event)
        if response.get("body") and "json" in (header(response, "Content-Type") or ""):
            response["json"] = json.loads(response["body"])
        return response

    return _invoke


def header(response: Response, name: str) -> str | None:
    values = response.get("multiValueHeaders") or {}
    for key, value in values.items():
        if key.lower() == name.lower():
            return str(value[0])
    return None
