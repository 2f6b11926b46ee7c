"""A whole generation, logged at DEBUG, for a resume carrying contact data in its contact
block and inside its summary: none of it in any log line, none of it sent to the vendor."""

from __future__ import annotations

import io
import json
import logging

import pytest

from tests.conftest import Invoke, sample
from tests.fakes.llm_vendors import FakeVendors
from tests.integration.conftest import only
from tests.integration.test_pipeline import job, run_worker

EMAIL, PHONE, INTL_PHONE = "minji.kim@example.com", "010-2345-6789", "+82 10 9876 5432"


def _resume_with_contact_data() -> dict[str, object]:
    resume = sample("backend-ko")
    resume["contact"] = {"email": EMAIL, "phone": PHONE}
    resume["summary"] = f"{resume['summary']} 연락: {EMAIL}, {INTL_PHONE}, {PHONE}."
    return resume


@pytest.mark.parametrize("route", ["start_interview", "start_learning_path"])
def test_contact_data_reaches_neither_logs_nor_the_vendor(
    invoke: Invoke,
    aws: str,
    vendors: FakeVendors,
    monkeypatch: pytest.MonkeyPatch,
    route: str,
) -> None:
    from interview_prep.observability import logger

    previous = logger.log_level
    written = io.StringIO()
    capture = logging.StreamHandler(written)  # every line, formatted as the service writes it
    capture.setFormatter(logger.registered_formatter)
    logger.addHandler(capture)
    logger.setLevel(logging.DEBUG)  # what POWERTOOLS_LOG_LEVEL=DEBUG gives at import
    try:
        _generate_and_check(invoke, aws, vendors, monkeypatch, written, route)
    finally:
        logger.setLevel(previous)
        logger.removeHandler(capture)


def _generate_and_check(
    invoke: Invoke,
    aws: str,
    vendors: FakeVendors,
    monkeypatch: pytest.MonkeyPatch,
    written: io.StringIO,
    route: str,
) -> None:
    from interview_prep.observability import logger

    only(monkeypatch, "openai")
    created = invoke("create_resume", body=_resume_with_contact_data())
    assert created["statusCode"] == 201
    key = created["json"]["unique_key"]
    logger.debug("stored resume", extra={"resume": created["json"]})  # as careless code might

    job_id = invoke(route, key=key, body={})["json"]["job_id"]
    run_worker(aws)
    finished = job(invoke, job_id)
    assert finished["status"] == "succeeded", (finished["message"], finished["attempts"])

    lines = written.getvalue().splitlines()
    assert any("stored resume" in line for line in lines), lines[:3]
    for secret in (EMAIL, PHONE, INTL_PHONE):
        assert not [line for line in lines if secret in line], secret
    [call] = vendors.calls("openai")
    sent = json.dumps(call.body, ensure_ascii=False)
    for secret in (EMAIL, PHONE, INTL_PHONE):
        assert secret not in sent
    assert "[email]" in sent and "[phone]" in sent, "the summary kept its shape"
