"""Start the local stack as a user would (a subprocess on free ports) and talk HTTP to it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from interview_prep.local.mongo_server import free_port
from tests.conftest import ALICE_KEY, API_KEYS, ROOT

READY_LINE = "Press Ctrl-C to stop."
#: Variables the tests' own process sets that must not leak into the stack.
_NOT_INHERITED = {
    "MONGODB_URL",
    "MONGODB_DATABASE",
    "AWS_ENDPOINT_URL",
    "GENERATION_QUEUE_URL",
    "UPLOAD_QUEUE_URL",
    "UPLOADS_BUCKET",
    "JOBS_TABLE",
    "POWERTOOLS_SERVICE_NAME",
}


@dataclass
class HttpResult:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class LocalStack:
    process: subprocess.Popen[str]
    base_url: str
    data_dir: Path
    output: list[str] = field(default_factory=list)

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        api_key: str | None = ALICE_KEY,
        raw: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> HttpResult:
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        if api_key:
            all_headers["X-Api-Key"] = api_key
        request = urllib.request.Request(
            self.base_url + path, data=data, method=method, headers=all_headers
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return HttpResult(response.status, dict(response.headers), response.read())
        except urllib.error.HTTPError as error:
            return HttpResult(error.code, dict(error.headers), error.read())

    def mongo_pid(self) -> int:
        return int((self.data_dir / "run" / "mongo.pid").read_text().strip())

    def stop(self, timeout: float = 20) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=timeout)

    def kill(self) -> None:
        """A hard stop (``kill -9``): no signal handler, no exit stack runs."""
        self.process.kill()
        self.process.wait(timeout=20)


def process_gone(pid: int) -> bool:
    """Whether ``pid`` has exited; a zombie (dead, its parent has not reaped it yet) has."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return Path("/proc/self").exists()  # with /proc: it went meanwhile; without: alive
    return state == "Z"


def wait_until_gone(pid: int, timeout: float = 15) -> bool:
    """Poll until ``pid`` has exited; False if it is still running after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not process_gone(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def start_stack(
    data_dir: Path, *extra_args: str, environment: dict[str, str] | None = None
) -> LocalStack:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in _NOT_INHERITED}
    env["API_KEYS"] = json.dumps(API_KEYS)
    env |= environment or {}
    command = [sys.executable, "-m", "interview_prep.local", "--port", str(port)]
    command += ["--data-dir", str(data_dir), "--wait-seconds", "1", *extra_args]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    stack = LocalStack(process, f"http://127.0.0.1:{port}", data_dir)
    ready = threading.Event()

    def drain() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            stack.output.append(line.rstrip("\n"))
            if READY_LINE in line:
                ready.set()

    threading.Thread(target=drain, daemon=True).start()
    deadline = time.monotonic() + 60
    while not ready.wait(0.1):
        if process.poll() is not None or time.monotonic() > deadline:
            stack.stop()
            raise RuntimeError("local stack did not start:\n" + "\n".join(stack.output))
    return stack


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    running = start_stack(tmp_path_factory.mktemp("stack"))
    yield running
    running.stop()
