"""The HTTP boundary as a client meets it: bad input is a 4xx in the standard shape, answered
before any database or model work; URLs keep the caller's stage prefix; ``?wait`` never
outlives the function.

Requests are built by the local API Gateway emulator's event builder, so a body that is
not UTF-8 arrives base64-encoded exactly as the emulator (and API Gateway) hand it over.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from interview_prep.local.authorizer import Refused, authorize, gateway_answer
from interview_prep.local.events import HttpRequest, rest_proxy_event
from interview_prep.local.functions import LocalContext, invoke, load_function
from tests.conftest import ALICE_KEY, Invoke, header, sample

pytestmark = pytest.mark.usefixtures("aws", "keys")

#: What the functions (and API Gateway's own error responses) write as ``timestamp``.
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def send(
    method: str,
    path: str,
    body: bytes = b"",
    *,
    content_type: str | None = "application/json",
    api_key: str | None = ALICE_KEY,
    stage_prefix: str = "",
    timeout_seconds: float = 30,
) -> dict[str, Any]:
    headers = {"Content-Type": content_type} if content_type else {}
    if api_key:
        headers["X-Api-Key"] = api_key
    event = rest_proxy_event(HttpRequest(method, path, headers, {}, body))
    event["requestContext"]["path"] = stage_prefix + path  # as API Gateway reports a stage
    function = _function_for(method, path)
    try:
        event = authorize(event, invoke)
    except Refused as refused:
        response = gateway_answer(event, refused)
    else:
        context = LocalContext(function_name=function, timeout_seconds=timeout_seconds)
        response = load_function(function).lambda_handler(event, context)
    if response.get("body"):
        response["json"] = json.loads(response["body"])
    return response


def _function_for(method: str, path: str) -> str:
    from interview_prep import routes

    found = routes.match(method, path)
    return found.route.function if found.route else routes.CATCH_ALL_FUNCTION


def error(response: dict[str, Any], status: int, code: str) -> dict[str, Any]:
    assert response["statusCode"] == status, response.get("body")
    body: dict[str, Any] = response["json"]
    assert set(body) == {"detail", "error_code", "timestamp", "details", "request_id"}
    assert body["error_code"] == code
    assert TIMESTAMP.match(body["timestamp"]), body["timestamp"]
    return body


@pytest.fixture
def resume_key(invoke: Invoke) -> str:
    created = invoke("create_resume", body=sample("backend-ko"))
    assert created["statusCode"] == 201, created["body"]
    return str(created["json"]["unique_key"])


# --- media type ---------------------------------------------------------------------------


@pytest.mark.parametrize("content_type", ["text/plain", None, "application/xml"])
def test_a_json_body_not_sent_as_json_is_415(invoke: Invoke, content_type: str | None) -> None:
    response = send("POST", "/api/v1/resumes/", b'{"name": "x"}', content_type=content_type)
    body = error(response, 415, "UNSUPPORTED_MEDIA_TYPE")
    assert "application/json" in body["detail"]
    assert invoke("list_resumes")["json"]["items"] == [], "nothing was stored"


@pytest.mark.parametrize(
    "content_type", ["application/json; charset=utf-8", "application/merge-patch+json"]
)
def test_json_media_types_with_parameters_or_suffixes_are_accepted(content_type: str) -> None:
    response = send("POST", "/api/v1/resumes/", b'{"name": "x"}', content_type=content_type)
    assert response["statusCode"] == 201, response["body"]


def test_a_post_without_a_body_needs_no_content_type(resume_key: str) -> None:
    response = send("POST", f"/api/v1/interview/{resume_key}/questions", content_type=None)
    assert response["statusCode"] == 202, response["body"]


# --- bodies that cannot be parsed -----------------------------------------------------------


def test_a_body_nested_deeper_than_64_levels_is_a_bad_request(invoke: Invoke) -> None:
    deep = b'{"name": "x", "summary": ' + b"[" * 3000 + b"]" * 3000 + b"}"
    body = error(send("POST", "/api/v1/resumes/", deep), 400, "BAD_REQUEST")
    assert body["details"]["reason"] == "too_deep"
    assert invoke("list_resumes")["json"]["items"] == []


def test_nesting_within_the_limit_reaches_validation() -> None:
    shallow = b'{"name": "x", "summary": ' + b"[" * 60 + b"]" * 60 + b"}"
    error(send("POST", "/api/v1/resumes/", shallow), 422, "VALIDATION_ERROR")


def test_brackets_inside_text_are_not_nesting() -> None:
    text = json.dumps({"name": "x", "summary": "[" * 500 + '"\\"{' * 100}).encode()
    response = send("POST", "/api/v1/resumes/", text)
    assert response["statusCode"] == 201, response["body"]


BODY_ROUTES = [
    "PUT /api/v1/resumes/{key}",
    "POST /api/v1/resumes/",
    "POST /api/v1/interview/{key}/questions",
    "POST /api/v1/learning/{key}/learning-path",
]


@pytest.mark.parametrize("route", BODY_ROUTES)
def test_a_body_that_is_not_utf8_is_a_bad_request(resume_key: str, route: str) -> None:
    method, path = route.split(" ")
    latin1 = '{"name": "Jos\u00e9"}'.encode("latin-1")
    body = error(send(method, path.format(key=resume_key), latin1), 400, "BAD_REQUEST")
    assert body["details"]["reason"] == "not_utf8"


def test_unparseable_json_is_a_bad_request() -> None:
    body = error(send("POST", "/api/v1/resumes/", b'{"name": '), 400, "BAD_REQUEST")
    assert body["details"]["reason"] == "json_invalid"


def test_the_caller_is_checked_before_the_body_is_parsed() -> None:
    unparseable = b"[" * 5000
    error(send("POST", "/api/v1/resumes/", unparseable, api_key=None), 401, "UNAUTHORIZED")


# --- fields -------------------------------------------------------------------------------


def test_a_nul_character_in_resume_text_names_the_field(invoke: Invoke) -> None:
    resume = {"name": "x", "work_experiences": [{"achievements": ["fine", "bad\u0000"]}]}
    response = send("POST", "/api/v1/resumes/", json.dumps(resume).encode())
    body = error(response, 422, "VALIDATION_ERROR")
    assert [e["field"] for e in body["details"]["errors"]] == ["work_experiences.0.achievements.1"]
    assert invoke("list_resumes")["json"]["items"] == []


def test_a_nul_character_in_a_skill_group_name_is_a_422_not_a_database_error() -> None:
    resume = {"name": "x", "technical_skills": {"lang\u0000": ["Go"]}}
    response = send("POST", "/api/v1/resumes/", json.dumps(resume).encode())
    error(response, 422, "VALIDATION_ERROR")


# --- methods ------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["TRACE", "PATCH", "FOO"])
def test_an_undeclared_method_is_405_with_allow(resume_key: str, method: str) -> None:
    response = send(method, f"/api/v1/resumes/{resume_key}")
    body = error(response, 405, "METHOD_NOT_ALLOWED")
    assert header(response, "Allow") == "DELETE, GET, PUT"
    assert body["details"]["allowed_methods"] == ["DELETE", "GET", "PUT"]


# --- links keep the stage prefix ----------------------------------------------------------


def test_every_url_handed_out_keeps_the_stage_prefix() -> None:
    created = send("POST", "/api/v1/resumes/", b'{"name": "x"}', stage_prefix="/prod")
    key = created["json"]["unique_key"]
    assert header(created, "Location") == f"/prod/api/v1/resumes/{key}"

    started = send("POST", f"/api/v1/interview/{key}/questions", b"{}", stage_prefix="/prod")
    job_id = started["json"]["job_id"]
    assert started["json"]["status_url"] == f"/prod/api/v1/jobs/{job_id}"
    assert header(started, "Location") == f"/prod/api/v1/jobs/{job_id}"
    assert started["json"]["result_url"] == (
        f"/prod/api/v1/interview/{key}/questions?job_id={job_id}"
    )

    pending = send("GET", f"/api/v1/interview/{key}/questions", stage_prefix="/prod")
    details = error(pending, 404, "INTERVIEW_NOT_FOUND")["details"]
    assert details["status_url"] == f"/prod/api/v1/jobs/{job_id}"


# --- ?wait --------------------------------------------------------------------------------


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The hold each ``?wait`` asked the job service for (no worker runs here)."""
    from interview_prep.http import generation

    asked: list[float] = []
    real_wait = generation._jobs.wait

    def record(owner: str, job_id: str, seconds: float) -> Any:
        asked.append(seconds)
        return real_wait(owner, job_id, 0)  # answer at once: the job stays queued

    monkeypatch.setattr(generation._jobs, "wait", record)
    return asked


def start_waiting(resume_key: str, wait: str, timeout_seconds: float) -> dict[str, Any]:
    event = rest_proxy_event(
        HttpRequest(
            "POST",
            f"/api/v1/interview/{resume_key}/questions",
            {"Content-Type": "application/json", "X-Api-Key": ALICE_KEY},
            {"wait": [wait]},
            b'{"force": true}',
        )
    )
    context = LocalContext(function_name="interview", timeout_seconds=timeout_seconds)
    authorized = authorize(event, invoke)
    response: dict[str, Any] = load_function("interview").lambda_handler(authorized, context)
    return response


def test_a_wait_within_the_lambda_time_holds_as_long_as_asked(
    resume_key: str, waits: list[float]
) -> None:
    assert start_waiting(resume_key, "3", timeout_seconds=28)["statusCode"] == 202
    assert waits == [3.0]


def test_a_long_wait_is_cut_to_the_remaining_time_and_answers_202(
    resume_key: str, waits: list[float]
) -> None:
    response = start_waiting(resume_key, "25", timeout_seconds=5)

    assert response["statusCode"] == 202
    assert json.loads(response["body"])["status"] == "queued"
    assert len(waits) == 1
    assert 0 < waits[0] <= 3.0, "5 s of Lambda time less the 2 s margin, not the 25 s asked"


def test_a_lambda_nearly_out_of_time_does_not_wait_at_all(
    resume_key: str, waits: list[float]
) -> None:
    assert start_waiting(resume_key, "25", timeout_seconds=1.5)["statusCode"] == 202
    assert waits == []
