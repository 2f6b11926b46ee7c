"""A local MongoDB-protocol server (nx-27017, SQLite-backed) run as a child process.

The server must not outlive the process that started it, or it keeps the SQLite file and
the next start on the same folder fails. On Linux the kernel ends it when its parent dies
(``kill -9`` included); a start that finds a server left behind for its folder anyway (by
another system or an older version) ends it first, and a lock file keeps a second stack
off a folder that a running one uses.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

SERVER_NAMES = frozenset({"nx-27017", "nx_27017"})
STOP_TIMEOUT_SECONDS = 5.0
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class DataFolderInUseError(OSError):
    """Another process holds the data folder; the message says which one and how to end it."""


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for_port(
    host: str,
    port: int,
    timeout: float = 10.0,
    process: subprocess.Popen[bytes] | None = None,
) -> None:
    """Wait for a listener; if ``process`` is given and exits meanwhile, say so at once."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            code = process.returncode
            raise OSError(f"the server exited with code {code} before listening on {host}:{port}")
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
    ``run_dir`` holds the server's log, its pid file and the lock of whoever runs it.
    """

    def __init__(
        self,
        data_dir: Path | None,
        run_dir: Path,
        host: str = "127.0.0.1",
        log: Callable[[str], None] = print,
    ) -> None:
        self.host = host
        self.port = free_port(host)
        # absolute, so a later start can recognise this server by its command line
        self.data_dir = data_dir.resolve() if data_dir is not None else None
        self.run_dir = run_dir.resolve()
        self.log = log
        self._process: subprocess.Popen[bytes] | None = None
        self._lock: int | None = None

    @property
    def url(self) -> str:
        return f"mongodb://{self.host}:{self.port}/?directConnection=true"

    @property
    def pid_file(self) -> Path:
        return self.run_dir / "mongo.pid"

    def command(self) -> list[str]:
        """The server's argv; its ``--pid-file`` is how a later start recognises it."""
        database = "memory" if self.data_dir is None else str(self.data_dir / "mongo.db")
        return [
            _executable(),
            "--host", self.host,
            "-p", str(self.port),
            "--db", database,
            "--log-file", str(self.run_dir / "mongo.log"),
            "--pid-file", str(self.pid_file),
        ]  # fmt: skip

    def start(self) -> MongoServer:
        self.run_dir.mkdir(parents=True, exist_ok=True)
        if self.data_dir is not None:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        try:
            self._lock = _lock_folder(self.run_dir, self.pid_file)
            if (ended := end_stale_server(self.pid_file)) is not None:
                self.log(f"ended the database server an earlier run left behind (pid {ended})")
            self._process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
                self.command(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # stopped by us, in order, not by the terminal's Ctrl-C
                preexec_fn=_death_signal(),  # Linux: dies with us, even on kill -9
            )
            wait_for_port(self.host, self.port, process=self._process)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None
        if self._lock is not None:
            os.close(self._lock)  # releases the lock
            self._lock = None

    def __enter__(self) -> MongoServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def _death_signal() -> Callable[[], None] | None:
    """A ``preexec_fn`` that has Linux SIGTERM the child when its parent dies (None elsewhere).

    SIGTERM rather than SIGKILL: nx-27017 then closes SQLite and removes its pid file. Linux
    sends it when the *thread* that started the child ends, so start servers from a thread
    that lives as long as they should (the stack's main thread does).
    """
    if not sys.platform.startswith("linux"):
        return None
    # looked up here: between fork and exec the child must not import or take locks
    prctl = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).prctl
    parent, sigterm = os.getpid(), int(signal.SIGTERM)

    def set_death_signal() -> None:
        prctl(_PR_SET_PDEATHSIG, sigterm)
        if os.getppid() != parent:  # the parent died before prctl: no signal will come
            os._exit(1)

    return set_death_signal


def _lock_folder(run_dir: Path, pid_file: Path) -> int:
    """Lock ``run_dir/mongo.lock`` for as long as this process runs a server there.

    The kernel drops the lock when the holder dies, however it dies: a held lock is a live
    stack (whose server must not be touched), a free one means any server found is stale.
    The descriptor is not inherited, so the server itself never holds the lock.
    """
    descriptor = os.open(run_dir / "mongo.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        pid = _read_pid(pid_file)
        server = f" (its database server is pid {pid})" if pid is not None else ""
        raise DataFolderInUseError(
            f"another local stack is using {run_dir.parent}{server}: stop it first, "
            "or start this one with another --data-dir"
        ) from None
    return descriptor


def end_stale_server(pid_file: Path) -> int | None:
    """End the server left behind for this pid file, returning its pid (None if none ran).

    Only a process recognisably ours is ended; any other live pid raises with the command
    line and what to do. A pid file whose process is gone is removed.
    """
    pid = _read_pid(pid_file)
    if pid is None or not _alive(pid):
        pid_file.unlink(missing_ok=True)
        return None
    command = _command_line(pid)
    if not _serves(command, pid_file, _process_cwd(pid)):
        shown = " ".join(command) or "command line unreadable"
        raise DataFolderInUseError(
            f"process {pid} ({shown}) holds {pid_file.parent}: its pid is in {pid_file}, but "
            f"it is not this folder's nx-27017. End it with `kill {pid}` (if it has nothing "
            f"to do with this folder, delete {pid_file} instead)"
        )
    _end(pid)
    pid_file.unlink(missing_ok=True)
    return pid


def _read_pid(pid_file: Path) -> int | None:
    try:
        return int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs; a zombie (exited, not yet reaped by its parent) does not."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc (not Linux): the signal check is all there is
    return stat.rpartition(")")[2].split()[0] != "Z"


def _command_line(pid: int) -> list[str]:
    """A live process's argv ([] if unreadable): /proc on Linux, ``ps`` elsewhere."""
    if Path("/proc/self/cmdline").is_file():
        try:
            raw = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return []
        return [arg.decode(errors="replace") for arg in raw.split(b"\0") if arg]
    listed = subprocess.run(  # noqa: S603 - fixed argv, no shell
        ["ps", "-ww", "-o", "args=", "-p", str(pid)],  # noqa: S607 - ps from PATH, as a shell would
        capture_output=True,
        text=True,
        check=False,
    )
    return listed.stdout.split()  # best effort: a path with spaces is then not recognised


def _process_cwd(pid: int) -> Path | None:
    try:
        return Path(f"/proc/{pid}/cwd").readlink()
    except OSError:
        return None


def _serves(command: list[str], pid_file: Path, cwd: Path | None) -> bool:
    """Whether an argv is nx-27017 writing ``pid_file``, that is, a server of this folder."""
    launcher = {Path(arg).name for arg in command[:3]}  # nx-27017 / python nx-27017 / -m nx_27017
    if not launcher & SERVER_NAMES or "--pid-file" not in command[:-1]:
        return False
    given = Path(command[command.index("--pid-file") + 1])
    if not given.is_absolute():  # relative to the server's own working directory
        given = (cwd or Path.cwd()) / given
    return given.resolve() == pid_file.resolve()


def _end(pid: int) -> None:
    """SIGTERM, then SIGKILL if it is still there after STOP_TIMEOUT_SECONDS."""
    for stop in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(pid, stop)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if not _alive(pid):
                return
            time.sleep(0.05)
    raise DataFolderInUseError(f"process {pid} does not end, even on SIGKILL")
