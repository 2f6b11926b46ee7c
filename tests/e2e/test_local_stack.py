"""The README's first command: the whole service over HTTP on embedded defaults."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ALICE_KEY, BOB_KEY, ROOT, sample
from tests.e2e.conftest import LocalStack, start_stack

RESUMES = "/api/v1/resumes"


def error_code(result: object) -> str:
    body = result.json  # type: ignore[attr-defined]
    assert set(body) == {"detail", "error_code", "timestamp", "details", "request_id"}
    return str(body["error_code"])


def test_prints_urls_and_the_demo_key(stack: LocalStack) -> None:
    printed = "\n".join(stack.output)
    assert f"{stack.base_url}/api/v1" in printed
    assert f"{stack.base_url}/api/v1/resumes/docs" in printed
    assert "local-demo-key" in printed


def test_full_crud_over_http(stack: LocalStack) -> None:
    resume = sample("backend-ko")
    created = stack.request("POST", f"{RESUMES}/", resume)
    assert created.status == 201
    key = created.json["unique_key"]
    assert created.headers["Location"].endswith(f"{RESUMES}/{key}")

    fetched = stack.request("GET", f"{RESUMES}/{key}")
    assert fetched.status == 200 and fetched.json["work_experiences"] == resume["work_experiences"]

    listed = stack.request("GET", f"{RESUMES}/?limit=100")
    assert key in [item["unique_key"] for item in listed.json["items"]]

    edited = fetched.json | {"summary": "새 요약"}
    updated = stack.request("PUT", f"{RESUMES}/{key}", edited)
    assert updated.status == 200 and updated.json["summary"] == "새 요약"

    deleted = stack.request("DELETE", f"{RESUMES}/{key}")
    assert deleted.status == 204 and deleted.body == b""
    assert error_code(stack.request("GET", f"{RESUMES}/{key}")) == "RESUME_NOT_FOUND"


def test_error_paths_over_http(stack: LocalStack) -> None:
    cases = [
        (stack.request("POST", f"{RESUMES}/", raw=b"{not json"), 400, "BAD_REQUEST"),
        (stack.request("POST", f"{RESUMES}/", {"name": "x", "pet": 1}), 422, "VALIDATION_ERROR"),
        (
            stack.request("POST", f"{RESUMES}/", {"name": "x", "summary": "a" * 300_000}),
            413,
            "PAYLOAD_TOO_LARGE",
        ),
        (stack.request("GET", f"{RESUMES}/", api_key=None), 401, "UNAUTHORIZED"),
        (stack.request("GET", f"{RESUMES}/", api_key="wrong"), 401, "UNAUTHORIZED"),
        (stack.request("GET", f"{RESUMES}/test_user_1"), 404, "RESUME_NOT_FOUND"),
        (stack.request("GET", "/api/v1/unknown"), 404, "ROUTE_NOT_FOUND"),
        (stack.request("PATCH", f"{RESUMES}/abc"), 405, "METHOD_NOT_ALLOWED"),
    ]
    for result, status, code in cases:
        assert (result.status, error_code(result)) == (status, code)


def test_request_id_is_the_gateway_request_id(stack: LocalStack) -> None:
    first = stack.request("GET", f"{RESUMES}/missing").json["request_id"]
    second = stack.request("GET", f"{RESUMES}/missing").json["request_id"]
    assert first and second and first != second


def test_two_owners_are_isolated(stack: LocalStack) -> None:
    key = stack.request("POST", f"{RESUMES}/", {"name": "Alice"}, api_key=ALICE_KEY).json[
        "unique_key"
    ]
    assert stack.request("GET", f"{RESUMES}/{key}", api_key=BOB_KEY).status == 404
    assert stack.request("DELETE", f"{RESUMES}/{key}", api_key=BOB_KEY).status == 404
    bobs = stack.request("GET", f"{RESUMES}/", api_key=BOB_KEY).json["items"]
    assert key not in [item["unique_key"] for item in bobs]
    assert stack.request("GET", f"{RESUMES}/{key}", api_key=ALICE_KEY).status == 200


@pytest.mark.parametrize("service", ["resumes", "interview", "learning"])
def test_health_and_docs_need_no_key(stack: LocalStack, service: str) -> None:
    health = stack.request("GET", f"/api/v1/{service}/health", api_key=None)
    assert health.status == 200
    assert health.json["status"] == "ok" and health.json["service"] == service
    docs = stack.request("GET", f"/api/v1/{service}/docs", api_key=None)
    assert docs.status == 200 and b"swagger" in docs.body.lower()
    spec = stack.request("GET", f"/api/v1/{service}/docs?format=json", api_key=None)
    assert f"/api/v1/{service}/health" in spec.json["paths"]


def test_data_survives_a_restart(tmp_path: Path) -> None:
    first = start_stack(tmp_path)
    try:
        key = first.request("POST", f"{RESUMES}/", {"name": "kept"}).json["unique_key"]
    finally:
        assert first.stop() == 0
    second = start_stack(tmp_path)
    try:
        assert second.request("GET", f"{RESUMES}/{key}").json["name"] == "kept"
    finally:
        second.stop()


def test_health_503_when_mongodb_stops_then_clean_shutdown(tmp_path: Path) -> None:
    stack = start_stack(tmp_path)
    mongo_pid = stack.mongo_pid()
    try:
        os.kill(mongo_pid, 15)
        result = stack.request("GET", f"{RESUMES}/health", api_key=None)
        assert result.status == 503
        assert result.json["checks"]["mongodb"]["status"] == "down"
        assert error_code(stack.request("GET", f"{RESUMES}/")) == "DATABASE_CONNECTION_ERROR"
    finally:
        code = stack.stop()
    assert code == 0
    assert "stopped." in stack.output


def test_ctrl_c_stops_every_process_and_writes_only_the_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    before = set(Path.cwd().iterdir())
    stack = start_stack(data, "--in-memory")
    mongo_pid = stack.mongo_pid()
    assert stack.request("GET", f"{RESUMES}/health", api_key=None).status == 200

    assert stack.stop() == 0

    with pytest.raises(ProcessLookupError):
        os.kill(mongo_pid, 0)
    assert set(Path.cwd().iterdir()) == before
    assert not (data / "mongo.db").exists(), "--in-memory keeps no database file"


def poll_job(stack: LocalStack, status_url: str, timeout: float = 60) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    seen: list[int] = []
    while time.monotonic() < deadline:
        job = stack.request("GET", status_url).json
        seen.append(int(job["percent"]))
        if job["status"] in {"succeeded", "failed"}:
            assert seen == sorted(seen), "progress never moves backwards"
            return dict(job)
        time.sleep(0.2)
    raise AssertionError(f"job did not finish: {seen}")


def test_generation_end_to_end_over_http(stack: LocalStack) -> None:
    key = stack.request("POST", f"{RESUMES}/", sample("backend-ko")).json["unique_key"]

    started = stack.request("POST", f"/api/v1/interview/{key}/questions", {"count": 4})

    assert started.status == 202
    assert started.headers["Location"] == started.json["status_url"]
    job = poll_job(stack, started.json["status_url"])
    assert job["status"] == "succeeded" and job["percent"] == 100
    result = stack.request("GET", f"/api/v1/interview/{key}/questions")
    assert result.status == 200 and len(result.json["questions"]) == 4
    assert result.json["job_id"] == started.json["job_id"]


def test_wait_returns_the_result_in_the_same_request(stack: LocalStack) -> None:
    key = stack.request("POST", f"{RESUMES}/", sample("frontend-en")).json["unique_key"]

    answered = stack.request(
        "POST", f"/api/v1/learning/{key}/learning-path?wait=20", {"path_count": 3}
    )

    assert answered.status == 200
    assert len(answered.json["learning_paths"]) == 3
    assert {path["type"] for path in answered.json["learning_paths"]} <= {"strength", "weakness"}


def _smoke(stack: LocalStack, api_key: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "smoke.py"), "--url", stack.base_url,
         "--api-key", api_key, "--timeout", "60"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_the_post_deploy_smoke_script_passes_against_a_running_service(stack: LocalStack) -> None:
    smoke = _smoke(stack, ALICE_KEY)
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    steps = [line.split()[1] for line in smoke.stdout.splitlines() if line.startswith("ok")]
    assert steps == ["create", "generate", "poll", "read", "delete"]
    assert "smoke test passed" in smoke.stdout


def test_the_smoke_script_reports_the_failing_step(stack: LocalStack) -> None:
    smoke = _smoke(stack, "not-a-key")
    assert smoke.returncode == 1
    assert "FAIL POST /api/v1/resumes/: HTTP 401" in smoke.stderr


def keys_command(stack: LocalStack, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m interview_prep.keys`` pointed at the stack's AWS endpoint, as the banner
    tells a user to."""
    [endpoint] = [line.split()[2] for line in stack.output if "AWS (moto)" in line]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KEYS_", "AWS_"))}
    env |= {
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    return subprocess.run(
        [sys.executable, "-m", "interview_prep.keys", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def test_keys_issued_on_the_stack_work_revoke_at_once_and_survive_a_restart(
    tmp_path: Path,
) -> None:
    first = start_stack(tmp_path)
    try:
        revoked = keys_command(first, "issue", "--owner", "dana").stdout.splitlines()[-1]
        kept = keys_command(first, "issue", "--owner", "dana").stdout.splitlines()[-1]
        created = first.request("POST", f"{RESUMES}/", {"name": "Dana"}, api_key=revoked)
        assert created.status == 201 and created.json["owner"] == "dana"
        keys_command(first, "revoke", revoked)
        assert error_code(first.request("GET", f"{RESUMES}/", api_key=revoked)) == "UNAUTHORIZED"
    finally:
        assert first.stop() == 0
    second = start_stack(tmp_path)
    try:
        listed = second.request("GET", f"{RESUMES}/", api_key=kept)
        assert listed.status == 200 and listed.json["items"][0]["name"] == "Dana"
        assert second.request("GET", f"{RESUMES}/", api_key=revoked).status == 401
        lines = keys_command(second, "list", "--owner", "dana").stdout.splitlines()
        assert sorted(line.split()[-1] for line in lines) == ["active", "revoked"]
        assert not [line for line in lines if kept in line or revoked in line]
    finally:
        second.stop()
