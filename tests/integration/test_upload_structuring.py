"""Structuring an uploaded resume through the real SDK providers behind local vendor
servers: contact details never reach a vendor, and an answer that invents text is repaired
or rejected, never stored."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Invoke
from tests.fakes.llm_vendors import INVENTED, FakeVendors
from tests.fakes.resume_files import RESUME_LINES, docx_bytes
from tests.integration.conftest import only
from tests.integration.test_uploads_api import job, parse, put_file, start_upload

pytestmark = pytest.mark.usefixtures("aws")

CONTACT_DETAILS = ("jiwoo.han@example.com", "010-2345-6789", "github.com/jiwoohan")


def upload(invoke: Invoke) -> dict[str, object]:
    accepted = start_upload(invoke)
    put_file(accepted, docx_bytes(RESUME_LINES))
    parse()
    return accepted


def test_the_vendor_structures_the_text_and_never_sees_contact_details(
    invoke: Invoke, vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch
) -> None:
    only(monkeypatch, "openai")
    accepted = upload(invoke)

    done = job(invoke, str(accepted["job_id"]))
    assert (done["status"], done["provider"]) == ("succeeded", "openai"), done.get("error")
    [call] = vendors.calls("openai")
    sent = json.dumps(call.body, ensure_ascii=False)
    assert "페이랩" in sent  # the document's text went out ...
    for detail in CONTACT_DETAILS:  # ... without the candidate's contact details
        assert detail not in sent
    resume = invoke("get_resume", key=str(accepted["unique_key"]))["json"]
    assert resume["contact"]["email"] == "jiwoo.han@example.com"  # put back from the text


def test_an_answer_that_invents_text_gets_a_repair_round(
    invoke: Invoke, vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch
) -> None:
    only(monkeypatch, "claude")
    vendors.script("anthropic", "ungrounded", "ok")
    accepted = upload(invoke)

    done = job(invoke, str(accepted["job_id"]))
    assert done["status"] == "succeeded", done.get("error")
    repair = vendors.calls("anthropic")[1].body
    assert "not in the document" in json.dumps(repair, ensure_ascii=False)
    resume = invoke("get_resume", key=str(accepted["unique_key"]))["json"]
    assert resume["work_experiences"][0]["company"] == "페이랩"


def test_answers_that_keep_inventing_fail_the_job_and_store_nothing(
    invoke: Invoke, vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch
) -> None:
    only(monkeypatch, "gemini")
    vendors.script("gemini", *["ungrounded"] * 20)
    accepted = start_upload(invoke)
    put_file(accepted, docx_bytes(RESUME_LINES))
    parse(rounds=8)  # every delivery the queue allows

    failed = job(invoke, str(accepted["job_id"]))
    assert failed["status"] == "failed"
    assert failed["error"]["code"] == "RESUME_PARSE_FAILED"
    assert INVENTED not in json.dumps(failed, ensure_ascii=False)
    assert invoke("get_resume", key=str(accepted["unique_key"]))["statusCode"] == 404
