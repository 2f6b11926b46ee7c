"""A local MongoDB-protocol server (nx-27017, SQLite-backed) run as a child process."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for_port(host: str, port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listening on {host}:{port} after {timeout:.0f}s")


def _executable() -> str:
    beside_python = Path(sys.executable).with_name("nx-27017")
    found = str(beside_python) if beside_python.exists() else shutil.which("nx-27017")
    if not found:
        raise FileNotFoundError("nx-27017 is not installed (it comes with the 'local' group)")
    return found


class MongoServer:
    """``with MongoServer(data_dir) as server: server.url`` — stopped (and reaped) on exit.

    ``data_dir=None`` keeps everything in memory; otherwise data lives in ``data_dir/mongo.db``.
    """

    def __init__(self, data_dir: Path | None, run_dir: Path, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port = free_port(host)
        self.data_dir = data_dir
        self.run_dir = run_dir
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"mongodb://{self.host}:{self.port}/?directConnection=true"

    def start(self) -> MongoServer:
        self.run_dir.mkdir(parents=True, exist_ok=True)
        database = "memory"
        if self.data_dir is not None:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            database = str(self.data_dir / "mongo.db")
        command = [
            _executable(),
            "--host", self.host,
            "-p", str(self.port),
            "--db", database,
            "--log-file", str(self.run_dir / "mongo.log"),
            "--pid-file", str(self.run_dir / "mongo.pid"),
        ]  # fmt: skip
        self._process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # stopped by us, in order, not by the terminal's Ctrl-C
        )
        wait_for_port(self.host, self.port)
        return self

    def stop(self) -> None:
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None

    def __enter__(self) -> MongoServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
