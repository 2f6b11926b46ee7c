"""A hard stop (``kill -9`` of ./scripts/local.sh) must not block the next start on its data."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from interview_prep.local.mongo_server import (
    DataFolderInUseError,
    MongoServer,
    wait_for_port,
)
from tests.e2e.conftest import process_gone, start_stack, wait_until_gone

RESUMES = "/api/v1/resumes"


@dataclass(frozen=True)
class KilledStack:
    data_dir: Path
    resume_key: str
    mongo_pid: int


@pytest.fixture(scope="module")
def killed(tmp_path_factory: pytest.TempPathFactory) -> KilledStack:
    """A stack that stored a resume and was then killed with SIGKILL."""
    data_dir = tmp_path_factory.mktemp("hard-stop")
    stack = start_stack(data_dir)
    try:
        key = stack.request("POST", f"{RESUMES}/", {"name": "kept"}).json["unique_key"]
        mongo_pid = stack.mongo_pid()
    finally:
        stack.kill()
    return KilledStack(data_dir, key, mongo_pid)


def test_the_database_server_dies_with_a_killed_stack(killed: KilledStack) -> None:
    assert wait_until_gone(killed.mongo_pid), "nx-27017 outlived the stack that started it"


def test_the_next_start_ends_a_server_left_behind_and_keeps_the_data(
    killed: KilledStack,
) -> None:
    assert wait_until_gone(killed.mongo_pid)
    # what a hard stop leaves where there is no death signal (not Linux, an older version)
    with _leftover_server(killed.data_dir) as leftover:
        stack = start_stack(killed.data_dir)
        try:
            assert leftover.wait(timeout=15) is not None  # ended by the start, not by us
            assert stack.request("GET", f"{RESUMES}/{killed.resume_key}").json["name"] == "kept"
        finally:
            assert stack.stop() == 0


def test_a_pid_file_naming_another_process_stops_the_start_and_says_which(
    tmp_path: Path,
) -> None:
    with _sleeper() as other:
        (tmp_path / "run").mkdir()
        (tmp_path / "run" / "mongo.pid").write_text(str(other.pid))

        try:
            started = start_stack(tmp_path)
        except RuntimeError as failed:
            printed = str(failed)
        else:
            started.stop()
            pytest.fail("the stack started over another process's pid file")

        assert "cannot start the local stack" in printed
        assert f"process {other.pid} ({sys.executable} -c import time" in printed
        assert f"`kill {other.pid}`" in printed
        assert other.poll() is None, "a process that is not ours is never ended"


def test_a_pid_file_whose_process_is_gone_is_replaced(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "mongo.pid").write_text(str(dead.pid))

    with MongoServer(tmp_path, tmp_path / "run") as server:
        assert (tmp_path / "run" / "mongo.pid").read_text().strip() != str(dead.pid)
        wait_for_port(server.host, server.port)


def test_a_folder_in_use_by_a_running_stack_is_left_alone(tmp_path: Path) -> None:
    with MongoServer(tmp_path, tmp_path / "run") as running:
        pid = int((tmp_path / "run" / "mongo.pid").read_text())

        with pytest.raises(DataFolderInUseError, match=f"another local stack .* pid {pid}"):
            MongoServer(tmp_path, tmp_path / "run").start()

        assert not process_gone(pid)
        wait_for_port(running.host, running.port, timeout=2)


@contextmanager
def _leftover_server(data_dir: Path) -> Iterator[subprocess.Popen[bytes]]:
    """nx-27017 for ``data_dir`` as MongoServer starts it, but without the death signal."""
    server = MongoServer(data_dir, data_dir / "run")
    server.run_dir.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        server.command(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        # a loaded CI machine may take a while; an early exit is reported, not waited out
        wait_for_port(server.host, server.port, timeout=30, process=process)
        yield process
    finally:
        _end(process)


@contextmanager
def _sleeper() -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        yield process
    finally:
        _end(process)


def _end(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.kill()
    process.wait()
