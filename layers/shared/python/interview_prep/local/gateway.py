"""An API Gateway (REST API, proxy integration) emulator in front of the real handlers.

Each HTTP request becomes the proxy event API Gateway would send; the route table picks
the function (unknown paths go to the catch-all function, as the CDK app wires them) and
the handler's proxy response becomes the HTTP response. Every HTTP method is forwarded, as
API Gateway's ``ANY`` method does, so the function answers a wrong one (405). Calls into one
function are serialised, like one warm Lambda container: the Powertools resolver keeps
per-request state. Each call gets the timeout its function is deployed with.
"""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import Callable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from interview_prep import routes
from interview_prep.local.authorizer import Refused, authorize, gateway_answer
from interview_prep.local.events import HttpRequest, rest_proxy_event
from interview_prep.local.functions import invoke_api

MAX_BODY_BYTES = 10 * 1024 * 1024  # API Gateway's own payload limit
Invoker = Callable[[str, dict[str, Any]], dict[str, Any]]


class Gateway(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        *,
        stage: str = "local",
        static: Mapping[str, Path] | None = None,
        invoker: Invoker = invoke_api,
        log: Callable[[str], None] = print,
    ) -> None:
        super().__init__(address, _RequestHandler)
        self.stage = stage
        #: URL prefix -> folder of static files (the web page), longest prefix first
        self.static = dict(sorted((static or {}).items(), key=lambda item: -len(item[0])))
        self.invoker = invoker
        self.log = log
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def call_function(self, name: str, event: dict[str, Any]) -> dict[str, Any]:
        with self._locks_guard:
            lock = self._locks.setdefault(name, threading.Lock())
        with lock:
            return self.invoker(name, event)


class _RequestHandler(BaseHTTPRequestHandler):
    server: Gateway
    protocol_version = "HTTP/1.1"
    #: ``METHOD /path`` of the request being answered, for the disconnect line
    _in_flight: str | None = None

    def __getattr__(self, name: str) -> Callable[[], None]:
        """``do_<METHOD>`` for every method, TRACE or FOO too: the function owning the path
        answers it (405 with ``Allow``), not ``http.server``'s HTML 501 page."""
        if name.startswith("do_"):
            return self._handle
        raise AttributeError(name)

    def handle(self) -> None:
        try:
            super().handle()
        except ConnectionError as exc:  # the client left; socketserver would print a traceback
            if self._in_flight is not None:  # an idle keep-alive connection closing is no news
                self.server.log(f"client disconnected: {self._in_flight} ({type(exc).__name__})")

    def _handle(self) -> None:
        started = time.perf_counter()
        url = urlsplit(self.path)
        self._in_flight = f"{self.command} {url.path}"
        request = HttpRequest(
            method=self.command,
            path=url.path,
            headers={name: value for name, value in self.headers.items()},
            query=parse_qs(url.query, keep_blank_values=True),
            body=self._read_body(),
        )
        if self._serve_static(request):
            self._in_flight = None
            return
        function = _function_for(request)
        event = rest_proxy_event(request, stage=self.server.stage, source_ip=self.client_address[0])
        response = self._answer(function, event)
        self._write(response)
        self._in_flight = None
        elapsed = (time.perf_counter() - started) * 1000
        status = response["statusCode"]
        self.server.log(f"{request.method} {url.path} -> {status} ({function}, {elapsed:.0f} ms)")

    def _answer(self, function: str, event: dict[str, Any]) -> dict[str, Any]:
        try:
            event = authorize(event, self.server.call_function)
        except Refused as refused:
            return gateway_answer(event, refused)
        try:
            return self.server.call_function(function, event)
        except Exception as exc:
            self.server.log(f"{function} crashed: {type(exc).__name__}: {exc}")
            return _bad_gateway(event)

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(min(length, MAX_BODY_BYTES + 1)) if length else b""

    def _serve_static(self, request: HttpRequest) -> bool:
        if request.method != "GET" or request.path.startswith("/api/"):
            return False
        target = _static_file(self.server.static, request.path)
        if target is None:
            return False
        body = target.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", _content_type(target))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.wfile.write(body)
        return True

    def _write(self, response: dict[str, Any]) -> None:
        body = _body_bytes(response)
        self.send_response(int(response["statusCode"]))
        for name, values in _headers(response).items():
            if name.lower() in {"content-length", "connection", "transfer-encoding"}:
                continue
            for value in values:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are logged once, with their function, by ``_handle``."""


def _static_file(static: Mapping[str, Path], path: str) -> Path | None:
    """The file a static mount serves for ``path`` (``/`` is ``index.html``), if any."""
    for prefix, folder in static.items():
        if not path.startswith(prefix):
            continue
        relative = path[len(prefix) :].lstrip("/") or "index.html"
        target = (folder / relative).resolve()
        if target.is_file() and folder.resolve() in target.parents:
            return target
    return None


def _function_for(request: HttpRequest) -> str:
    found = routes.match(request.method, request.path)
    if found.route is not None:
        return found.route.function
    for route in routes.ROUTES:  # a wrong method goes to the function owning the path
        if route.pattern.match(request.path):
            return route.function
    return routes.CATCH_ALL_FUNCTION


def _headers(response: dict[str, Any]) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {k: [str(v)] for k, v in (response.get("headers") or {}).items()}
    for name, values in (response.get("multiValueHeaders") or {}).items():
        merged[name] = [str(value) for value in values]
    return merged


def _body_bytes(response: dict[str, Any]) -> bytes:
    body = response.get("body") or ""
    if response.get("isBase64Encoded"):
        return base64.b64decode(body)
    return str(body).encode("utf-8")


def _bad_gateway(event: dict[str, Any]) -> dict[str, Any]:
    request_id = event["requestContext"]["requestId"]
    return {
        "statusCode": 502,
        "headers": {"Content-Type": "application/json", "x-amzn-RequestId": request_id},
        "body": '{"message": "Internal server error"}',
    }


_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
}


def _content_type(path: Path) -> str:
    return _CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")
