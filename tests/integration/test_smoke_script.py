"""The post-deploy smoke script reports the step that failed and still cleans up."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from tests.conftest import ROOT

SMOKE = ROOT / "scripts" / "smoke.py"


class _FailingService(BaseHTTPRequestHandler):
    """A deployment whose generation job fails: the rest of the API answers normally."""

    calls: ClassVar[list[str]] = []

    def _answer(self, status: int, body: Any = None) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.calls.append(f"POST {self.path}")
        if self.path == "/api/v1/resumes/":
            self._answer(201, {"unique_key": "k1", "name": "x"})
        else:
            self._answer(202, {"job_id": "j1", "status_url": "/api/v1/jobs/j1", "result_url": "/r"})

    def do_GET(self) -> None:
        self.calls.append(f"GET {self.path}")
        if self.path == "/api/v1/jobs/j1":
            error = {"code": "LLM_PROVIDER_NOT_AVAILABLE", "detail": "every provider failed"}
            self._answer(200, {"status": "failed", "error": error})
        else:
            self._answer(404, {"detail": "gone", "error_code": "RESUME_NOT_FOUND"})

    def do_DELETE(self) -> None:
        self.calls.append(f"DELETE {self.path}")
        self._answer(204)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def failing_service() -> Iterator[str]:
    _FailingService.calls = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FailingService)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def run_smoke(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SMOKE), *args], capture_output=True, text=True, timeout=60, check=False
    )


def test_a_failed_job_fails_the_smoke_test_and_the_resume_is_still_deleted(
    failing_service: str,
) -> None:
    smoke = run_smoke("--url", failing_service, "--api-key", "k", "--timeout", "10")
    assert smoke.returncode == 1
    assert "FAIL job failed" in smoke.stderr and "every provider failed" in smoke.stderr
    assert "ok  delete" in smoke.stdout
    assert "DELETE /api/v1/resumes/k1" in _FailingService.calls


def test_only_http_urls_are_accepted() -> None:
    smoke = run_smoke("--url", "file:///etc/passwd", "--api-key", "k")
    assert smoke.returncode == 2
    assert "starts with https://" in smoke.stderr
