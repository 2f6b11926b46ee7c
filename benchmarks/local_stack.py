"""How fast the local stack starts and answers, and how long a handler's cold import takes.

    .venv/bin/python benchmarks/local_stack.py [--runs 3]

Prints one line per figure; the figures in benchmarks/README.md come from it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READY_LINE = "Press Ctrl-C to stop."


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_and_first_request() -> tuple[float, float, float]:
    """Seconds to the ready line, to the first answered health check, and to stop on SIGINT."""
    port = free_port()
    with tempfile.TemporaryDirectory() as data:
        started = time.perf_counter()
        process = subprocess.Popen(  # noqa: S603 - our own module
            [sys.executable, "-m", "interview_prep.local", "--port", str(port), "--data-dir", data],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert process.stdout is not None
        for line in process.stdout:
            if READY_LINE in line:
                break
        ready = time.perf_counter() - started
        url = f"http://127.0.0.1:{port}/api/v1/resumes/health"
        with urllib.request.urlopen(url, timeout=30) as response:
            json.load(response)
        first = time.perf_counter() - started
        stop_started = time.perf_counter()
        process.send_signal(2)
        process.communicate(timeout=30)
        return ready, first, time.perf_counter() - stop_started


def cold_import(function: str) -> float:
    """Seconds to import a handler in a fresh interpreter (the Lambda init phase, roughly)."""
    code = (
        "import time; t=time.perf_counter();"
        "from interview_prep.local.functions import load_function;"
        f"load_function({function!r}); print(time.perf_counter()-t)"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return float(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    samples = [start_and_first_request() for _ in range(runs)]
    ready = statistics.median(s[0] for s in samples)
    print(f"local stack ready:           {ready:.2f} s (median of {runs})")
    print(f"first health answered:       {statistics.median(s[1] for s in samples):.2f} s")
    print(f"stopped after Ctrl-C:        {statistics.median(s[2] for s in samples):.2f} s")
    for function in ("resumes", "interview"):
        imports = [cold_import(function) for _ in range(runs)]
        print(f"cold import of {function + ':':<13} {statistics.median(imports) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
