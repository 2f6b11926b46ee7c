"""The API Gateway emulator: API Gateway's event shape in, its response handling out."""

from __future__ import annotations

import base64
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from interview_prep.local.gateway import Gateway

Call = tuple[str, dict[str, Any]]


@pytest.fixture
def gateway() -> Iterator[tuple[Gateway, list[Call]]]:
    calls: list[Call] = []

    def fake_function(name: str, event: dict[str, Any]) -> dict[str, Any]:
        if name == "authorizer":  # as the real one answers a known key
            key = event["headers"].get("X-Api-Key")
            if key == "fails":
                raise RuntimeError("the keys table is unreachable")
            if key != "good":
                raise Exception("Unauthorized")
            return {"principalId": "alice", "context": {"owner": "alice", "key_id": "k1"}}
        calls.append((name, event))
        if event["path"].endswith("/binary"):
            return {
                "statusCode": 200,
                "multiValueHeaders": {"Content-Type": ["image/png"], "X-Two": ["a", "b"]},
                "body": base64.b64encode(b"\x89PNG\x00\xff").decode(),
                "isBase64Encoded": True,
            }
        return {"statusCode": 201, "headers": {"Content-Type": "application/json"}, "body": "{}"}

    server = Gateway(("127.0.0.1", 0), invoker=fake_function, log=lambda _: None)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, calls
    server.shutdown()
    server.server_close()


def send(
    server: Gateway,
    method: str,
    path: str,
    body: bytes | None,
    content_type: str,
    api_key: str | None = "good",
) -> Any:
    headers = {"Content-Type": content_type} | ({"X-Api-Key": api_key} if api_key else {})
    request = urllib.request.Request(
        server.base_url + path, data=body, method=method, headers=headers
    )
    return urllib.request.urlopen(request, timeout=10)


def test_keyed_routes_carry_the_authorizers_context(gateway: tuple[Gateway, list[Call]]) -> None:
    server, calls = gateway
    send(server, "GET", "/api/v1/resumes/k1", None, "application/json")
    send(server, "GET", "/api/v1/resumes/health", None, "application/json", api_key=None)

    keyed, public = (event["requestContext"] for _, event in calls)
    assert keyed["authorizer"] == {"principalId": "alice", "owner": "alice", "key_id": "k1"}
    assert "authorizer" not in public


@pytest.mark.parametrize(
    ("api_key", "status", "code"),
    [
        (None, 401, "UNAUTHORIZED"),
        ("bad", 401, "UNAUTHORIZED"),
        ("fails", 503, "SERVICE_UNAVAILABLE"),
    ],
)
def test_a_refused_key_never_reaches_the_function(
    gateway: tuple[Gateway, list[Call]], api_key: str | None, status: int, code: str
) -> None:
    server, calls = gateway
    with pytest.raises(urllib.error.HTTPError) as refused:
        send(server, "DELETE", "/api/v1/resumes/k1", None, "application/json", api_key=api_key)

    assert refused.value.code == status
    body = json.loads(refused.value.read())
    assert body["error_code"] == code and body["request_id"]
    assert calls == []


def test_request_becomes_a_rest_proxy_event(gateway: tuple[Gateway, list[Call]]) -> None:
    server, calls = gateway
    response = send(
        server, "PUT", "/api/v1/resumes/k1?a=1&a=2&b=", b'{"name":"x"}', "application/json"
    )

    assert response.status == 201
    name, event = calls[0]
    assert name == "resumes"
    assert event["resource"] == "/api/v1/resumes/{unique_key}"
    assert event["pathParameters"] == {"unique_key": "k1"}
    assert event["queryStringParameters"] == {"a": "2", "b": ""}
    assert event["multiValueQueryStringParameters"] == {"a": ["1", "2"], "b": [""]}
    assert json.loads(event["body"]) == {"name": "x"} and not event["isBase64Encoded"]
    assert event["requestContext"]["stage"] == "local" and event["requestContext"]["requestId"]


def test_binary_bodies_travel_base64(gateway: tuple[Gateway, list[Call]]) -> None:
    server, calls = gateway
    response = send(server, "POST", "/api/v1/resumes/binary", b"\x00\xffPDF", "application/pdf")

    _, event = calls[0]
    assert event["isBase64Encoded"] and base64.b64decode(event["body"]) == b"\x00\xffPDF"
    assert response.read() == b"\x89PNG\x00\xff"
    assert response.headers.get_all("X-Two") == ["a", "b"]


def test_unknown_paths_go_to_the_catch_all_function(gateway: tuple[Gateway, list[Call]]) -> None:
    server, calls = gateway
    send(server, "GET", "/somewhere/else", None, "application/json")
    send(server, "DELETE", "/api/v1/interview/health", None, "application/json")
    assert [name for name, _ in calls] == ["resumes", "interview"]
    assert calls[0][1]["resource"] == "/{proxy+}"


def test_the_web_page_and_samples_are_served_and_nothing_outside_them(tmp_path: Any) -> None:
    web, samples = tmp_path / "web", tmp_path / "samples"
    web.mkdir()
    samples.mkdir()
    (web / "index.html").write_text("<h1>hi</h1>")
    (samples / "resume.json").write_text('{"name": "x"}')
    (tmp_path / "secret.txt").write_text("no")
    calls: list[Call] = []

    def function(name: str, event: dict[str, Any]) -> dict[str, Any]:
        calls.append((name, event))
        return {"statusCode": 404, "headers": {"Content-Type": "application/json"}, "body": "{}"}

    server = Gateway(
        ("127.0.0.1", 0),
        static={"/": web, "/samples/": samples},
        invoker=function,
        log=lambda _: None,
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = urllib.request.urlopen(server.base_url + "/", timeout=10)
        assert page.read() == b"<h1>hi</h1>"
        assert page.headers["Content-Type"] == "text/html; charset=utf-8"
        sample = urllib.request.urlopen(server.base_url + "/samples/resume.json", timeout=10)
        assert json.loads(sample.read()) == {"name": "x"}
        for escape in ("/../secret.txt", "/samples/../secret.txt", "/nope.html"):
            with pytest.raises(urllib.error.HTTPError) as missing:
                urllib.request.urlopen(server.base_url + escape, timeout=10)
            assert missing.value.code == 404  # the catch-all function answers
        assert len(calls) == 3
    finally:
        server.shutdown()
        server.server_close()
