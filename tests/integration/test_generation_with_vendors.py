"""The worker with real SDK providers behind local vendor servers: who produced the result
is recorded honestly, and failures end as the right job state."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import MAX_RECEIVE_COUNT, ROOT, Invoke
from tests.fakes.llm_vendors import FakeVendors
from tests.integration.conftest import only
from tests.integration.test_pipeline import create_resume, job, run_worker

pytestmark = pytest.mark.usefixtures("aws")


def test_the_result_names_the_provider_that_produced_it(
    invoke: Invoke, aws: str, vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch
) -> None:
    only(monkeypatch, "gemini", "openai", "claude")
    vendors.script("gemini", "429")
    key = create_resume(invoke)
    job_id = invoke("start_interview", key=key, body={"count": 3})["json"]["job_id"]

    run_worker(aws)

    done = job(invoke, job_id)
    assert (done["status"], done["provider"], done["model"]) == ("succeeded", "openai", "gpt-4.1")
    assert [(a["provider"], a["outcome"]) for a in done["attempts"]] == [
        ("gemini", "failed"),
        ("openai", "succeeded"),
    ]
    assert done["attempts"][0]["error_class"] == "rate_limited"
    assert done["usage"]["cost_usd"] > 0
    stored = invoke("get_interview", key=key)["json"]
    assert (stored["provider"], stored["model"]) == ("openai", "gpt-4.1")


def test_all_providers_down_is_retried_then_fails_naming_them(
    invoke: Invoke, aws: str, vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch
) -> None:
    only(monkeypatch, "gemini", "openai")
    for wire in ("gemini", "openai"):
        vendors.script(wire, *["500"] * 10)
    key = create_resume(invoke)
    job_id = invoke("start_learning_path", key=key, body={})["json"]["job_id"]

    run_worker(aws)
    assert job(invoke, job_id)["status"] == "running", "transient: back to the queue"
    run_worker(aws, rounds=MAX_RECEIVE_COUNT)

    failed = job(invoke, job_id)
    assert failed["status"] == "failed"
    assert failed["error"]["code"] == "LLM_PROVIDER_NOT_AVAILABLE"
    assert "gemini (server_error)" in failed["error"]["detail"]
    assert "openai (server_error)" in failed["error"]["detail"]


def test_refused_everywhere_fails_at_once(
    invoke: Invoke, aws: str, vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch
) -> None:
    only(monkeypatch, "claude")
    vendors.script("anthropic", "refusal")
    key = create_resume(invoke)
    job_id = invoke("start_interview", key=key, body={})["json"]["job_id"]

    run_worker(aws)

    failed = job(invoke, job_id)
    assert failed["status"] == "failed" and failed["error"]["code"] == "LLM_PROVIDER_NOT_AVAILABLE"
    assert failed["attempts"][0]["error_class"] == "refusal"


#: Imported only on the code path that uses them: the LLM SDKs when a vendor is called,
#: the PDF and DOCX readers when a file is read (they ship with the parse function only).
LAZY_LIBRARIES = ("openai", "anthropic", "google.genai", "pypdfium2", "docx")


@pytest.mark.parametrize(
    "function", ["resumes", "interview", "learning", "jobs", "worker", "parser", "authorizer"]
)
def test_no_function_imports_an_llm_sdk_or_a_document_reader_until_it_uses_one(
    function: str,
) -> None:
    code = (
        "import sys; from interview_prep.local.functions import load_function;"
        f"load_function({function!r});"
        f"print(sorted(m for m in {LAZY_LIBRARIES!r} if m in sys.modules))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "[]"
