"""Fixtures for the LLM tests: local servers speaking each vendor's wire format."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from interview_prep.generation.requests import prepare
from interview_prep.llm.base import GenerationRequest
from interview_prep.models import ResumeIn
from interview_prep.models.jobs import JobKind
from tests.conftest import sample
from tests.fakes.llm_vendors import FakeVendors, fake_vendors

#: Dummy keys: the tests check that none of them ever reaches a log, error or job record.
KEYS = {"gemini": "gm-test-key-0001", "openai": "sk-test-key-0002", "claude": "sk-ant-test-0003"}


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
            monkeypatch.setenv(f"{name.upper()}_TIMEOUT_SECONDS", "1.5")
        monkeypatch.setenv("GEMINI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_BASE_URL", f"{server.base_url}/v1")
        monkeypatch.setenv("CLAUDE_BASE_URL", server.base_url)
        monkeypatch.setenv("LLM_BREAKER_FAILURE_THRESHOLD", "100")
        llm_settings.cache_clear()
        yield server
    llm_settings.cache_clear()


def only(monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    """Configure the provider order."""
    from interview_prep.llm.settings import llm_settings

    monkeypatch.setenv("LLM_PROVIDERS", ",".join(names))
    llm_settings.cache_clear()
