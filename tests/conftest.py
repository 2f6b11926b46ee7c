"""What every test tier shares: an offline environment, sample data, fresh settings.

Nothing here starts a server or opens a socket: the MongoDB-protocol server, moto and the
``invoke`` fixture live in ``tests/integration/conftest.py``; ``tests/e2e`` and
``tests/browser`` start their own stack. The plain helpers (``Invoke``, ``header``,
``load_event``, the keys) stay here because tests of several tiers import them.
"""

from __future__ import annotations

import json
import os
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
#: Where a test that forgot the database fixture ends up: a closed port, never a developer's
#: own MongoDB on 27017. The integration tier points MONGODB_URL at its server instead.
NO_DATABASE_URL = "mongodb://127.0.0.1:1/?directConnection=true"

# Module-level so importing the layer anywhere in a test sees a sane, offline environment.
os.environ.update(
    AWS_ACCESS_KEY_ID="testing",
    AWS_SECRET_ACCESS_KEY="testing",
    AWS_DEFAULT_REGION="us-east-1",
    POWERTOOLS_TRACE_DISABLED="true",
    POWERTOOLS_SERVICE_NAME="interview-prep-test",
)
os.environ.pop("AWS_ENDPOINT_URL", None)


@pytest.fixture(autouse=True)
def offline_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No real provider key, no real database, and settings read afresh by each test."""
    from interview_prep.config import get_settings
    from interview_prep.llm.settings import llm_settings

    for name in list(os.environ):  # real provider keys on a developer's machine stay unused
        if name.endswith("_API_KEY") or name.startswith(("LLM_", "GEMINI_", "OPENAI_", "CLAUDE_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("MONGODB_URL", NO_DATABASE_URL)
    get_settings.cache_clear()
    llm_settings.cache_clear()
    yield
    get_settings.cache_clear()
    llm_settings.cache_clear()


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


Response = dict[str, Any]
#: The signature of the integration tier's ``invoke`` fixture.
Invoke = Callable[..., Response]


def load_event(route_name: str) -> dict[str, Any]:
    event: dict[str, Any] = json.loads((EVENTS / f"{route_name}.json").read_text())
    return event


def header(response: Response, name: str) -> str | None:
    values = response.get("multiValueHeaders") or {}
    for key, value in values.items():
        if key.lower() == name.lower():
            return str(value[0])
    return None
