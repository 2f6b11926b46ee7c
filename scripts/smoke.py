"""Smoke test of a running deployment: create a resume, generate interview questions,
poll the job, read the result, delete the resume; one line per step, exit 1 on the first
failure (the resume is deleted even then).

    python3 scripts/smoke.py --url https://<api id>.execute-api.<region>.amazonaws.com/dev \\
        --api-key <key> [--timeout 180]

Standard library only, so it runs from any machine with Python 3.11+.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "resume-minimal.json"
RESUMES = "/api/v1/resumes/"


class StepFailed(Exception):
    pass


@dataclass
class Client:
    base_url: str
    api_key: str

    def call(self, method: str, path: str, body: Any = None, expect: int = 200) -> Any:
        request = urllib.request.Request(  # noqa: S310 - http(s) only, checked by main()
            self.base_url.rstrip("/") + path,
            data=None if body is None else json.dumps(body).encode(),
            method=method,
            headers={"X-Api-Key": self.api_key, "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        except urllib.error.URLError as error:
            raise StepFailed(f"{method} {path}: {error.reason}") from error
        if status != expect:
            raise StepFailed(f"{method} {path}: HTTP {status} (expected {expect}): {raw[:300]!r}")
        return json.loads(raw) if raw else None


def run(client: Client, timeout: float, report: Any = print) -> None:
    started = time.monotonic()

    def step(name: str, detail: str) -> None:
        report(f"ok  {name:<10} {detail}  ({time.monotonic() - started:.1f} s)")

    resume = client.call("POST", RESUMES, json.loads(SAMPLE.read_text()), expect=201)
    key = resume["unique_key"]
    step("create", f"resume {key}")
    try:
        job = client.call("POST", f"/api/v1/interview/{key}/questions", {"count": 3}, expect=202)
        step("generate", f"job {job['job_id']}")
        status = _poll(client, job["status_url"], timeout)
        step("poll", f"{status['status']} by {status['provider']} ({status['model']})")
        result = client.call("GET", job["result_url"])
        step("read", f"{len(result['questions'])} questions, prompt {result['prompt_version']}")
    finally:
        client.call("DELETE", f"{RESUMES}{key}", expect=204)
        step("delete", f"resume {key}")
    client.call("GET", f"{RESUMES}{key}", expect=404)


def _poll(client: Client, status_url: str, timeout: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    delay = 1.0
    while time.monotonic() < deadline:
        status: dict[str, Any] = client.call("GET", status_url)
        if status["status"] == "succeeded":
            return status
        if status["status"] == "failed":
            raise StepFailed(f"job failed: {status.get('error')}")
        time.sleep(delay)
        delay = min(delay * 1.5, 10)
    raise StepFailed(f"job not done after {timeout:.0f} s")


def http_url(value: str) -> str:
    if not value.startswith(("https://", "http://")):
        raise argparse.ArgumentTypeError("the API URL starts with https:// (or http:// locally)")
    return value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--url", required=True, type=http_url, help="API base URL (the ApiUrl stack output)"
    )
    parser.add_argument("--api-key", required=True, help="an API key mapped to an owner")
    parser.add_argument("--timeout", type=float, default=180, help="seconds to wait for the job")
    args = parser.parse_args()
    try:
        run(Client(args.url, args.api_key), args.timeout)
    except StepFailed as failure:
        print(f"FAIL {failure}", file=sys.stderr)
        return 1
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
