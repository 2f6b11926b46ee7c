"""The API Gateway emulator in front of the real functions, over real sockets: any method
reaches the function, a client that leaves early is one quiet line, each function gets the
timeout it is deployed with."""

from __future__ import annotations

import http.client
import re
import socket
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

import pytest

from interview_prep.local import functions
from interview_prep.local.authorizer import AUTHORIZER_FUNCTION
from interview_prep.local.functions import invoke_api
from interview_prep.local.gateway import Gateway
from tests.e2e.conftest import HttpResult


@contextmanager
def serving(server: Gateway) -> Iterator[Gateway]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


Invoker = Callable[[str, dict[str, Any]], Any]
ALLOWED = {"principalId": "alice", "context": {"owner": "alice", "key_id": "k1"}}


def authorizing(invoker: Invoker = invoke_api) -> Invoker:
    """``invoker`` behind an authorizer that lets every request in (the key lookup itself is
    tested with the keys table in the integration tier)."""

    def call(name: str, event: dict[str, Any]) -> Any:
        return ALLOWED if name == AUTHORIZER_FUNCTION else invoker(name, event)

    return call


def address(server: Gateway) -> tuple[str, int]:
    host, port = server.server_address[:2]
    return str(host), port


def send(server: Gateway, method: str, path: str) -> HttpResult:
    connection = http.client.HTTPConnection(*address(server), timeout=30)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return HttpResult(response.status, dict(response.headers), response.read())
    finally:
        connection.close()


@pytest.mark.parametrize("method", ["TRACE", "FOO"])
def test_any_method_reaches_the_function_owning_the_path(method: str) -> None:
    gateway = Gateway(("127.0.0.1", 0), invoker=authorizing(), log=lambda _: None)
    with serving(gateway) as server:
        wrong = send(server, method, "/api/v1/resumes/abc")
        unknown = send(server, method, "/api/v1/nowhere")

    assert wrong.status == 405
    assert wrong.headers["Content-Type"] == "application/json"
    assert wrong.headers["Allow"] == "DELETE, GET, PUT"
    assert wrong.json["error_code"] == "METHOD_NOT_ALLOWED"
    assert wrong.json["details"] == {"allowed_methods": ["DELETE", "GET", "PUT"]}
    assert unknown.status == 404
    assert unknown.json["error_code"] == "ROUTE_NOT_FOUND"


def test_a_client_that_leaves_early_is_one_quiet_line(capfd: pytest.CaptureFixture[str]) -> None:
    called, released = threading.Event(), threading.Event()

    def slow_large_answer(name: str, event: dict[str, Any]) -> dict[str, Any]:
        called.set()
        released.wait(10)
        # larger than any socket buffer: writing it must fail once the client is gone
        return {
            "statusCode": 200,
            "headers": {"Content-Type": "text/plain"},
            "body": "x" * 4 * 1024 * 1024,
        }

    lines: list[str] = []
    server = Gateway(("127.0.0.1", 0), invoker=authorizing(slow_large_answer), log=lines.append)
    server.daemon_threads = False  # so server_close() waits for the request's thread to end
    with serving(server):
        with socket.create_connection(address(server), timeout=10) as client:
            client.sendall(b"GET /api/v1/resumes/?limit=5 HTTP/1.1\r\nHost: local\r\n\r\n")
            assert called.wait(10), "the request never reached the function"
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        released.set()  # the socket is closed (reset): now the gateway writes the answer

    printed = "".join(capfd.readouterr())
    assert "Traceback" not in printed
    assert len(lines) == 1
    disconnected = (
        r"client disconnected: GET /api/v1/resumes/ \((BrokenPipe|ConnectionReset)Error\)"
    )
    assert re.fullmatch(disconnected, lines[0])


def test_each_function_gets_the_timeout_it_is_deployed_with(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def remaining_time(event: dict[str, Any], context: functions.LocalContext) -> dict[str, Any]:
        return {"statusCode": 200, "body": str(context.get_remaining_time_in_millis())}

    monkeypatch.setattr(
        functions, "load_function", lambda _: SimpleNamespace(lambda_handler=remaining_time)
    )
    gateway = Gateway(("127.0.0.1", 0), invoker=authorizing(), log=lambda _: None)
    with serving(gateway) as server:
        remaining = {
            function: int(send(server, method, path).body)
            for function, method, path in [
                ("interview", "POST", "/api/v1/interview/k1/questions"),
                ("learning", "POST", "/api/v1/learning/k1/learning-path"),
                ("resumes", "GET", "/api/v1/resumes/"),
                ("jobs", "GET", "/api/v1/jobs/j1"),
            ]
        }

    # the two functions serving ?wait=N run up to 28 s, the CRUD ones 10 s, as deployed
    beyond_crud_timeout = {name for name, left in remaining.items() if left > 10_000}
    assert beyond_crud_timeout == {"interview", "learning"}, remaining
    assert all(0 < left <= 28_000 for left in remaining.values()), remaining
