"""A client generated from ``docs/openapi.json`` by openapi-python-client drives the local stack.

The generator runs offline on the exported document (the file users get), into a temporary
folder; the test then uses only the generated, typed models and operations. A contract
that documents no success response yields a client without response types, so this fails.
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
import time
import typing
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from interview_prep.contract import API_KEY_HEADER
from tests.conftest import ALICE_KEY, ROOT, sample
from tests.e2e.conftest import LocalStack

OPENAPI = ROOT / "docs" / "openapi.json"
PACKAGE = "interview_prep_client"
#: No post hooks: they would run ruff over the output, which the import does not need.
GENERATOR_CONFIG = f"package_name_override: {PACKAGE}\npost_hooks: []\n"


def _offline(command: list[str]) -> list[str]:
    """Run in a network namespace without interfaces where the OS allows it: proves no network."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn", *command]
    return command


def generate_client(folder: Path) -> Path:
    config = folder / "generator.yaml"
    config.write_text(GENERATOR_CONFIG)
    generator = Path(sys.executable).with_name("openapi-python-client")
    command = [str(generator), "generate", "--path", str(OPENAPI), "--meta", "none"]
    command += ["--config", str(config), "--output-path", str(folder / PACKAGE)]
    command += ["--fail-on-warning"]
    done = subprocess.run(
        _offline(command), cwd=folder, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return folder


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The generated package, imported with the project's own httpx and attrs."""
    folder = str(generate_client(tmp_path_factory.mktemp("client")))
    sys.path.insert(0, folder)
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(folder)
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


def _module(name: str) -> Any:
    return importlib.import_module(f"{PACKAGE}.{name}")


@pytest.fixture
def client(api: ModuleType, stack: LocalStack) -> Iterator[Any]:
    # raise_on_unexpected_status: an undocumented status is a contract bug, not a None result
    authenticated = api.AuthenticatedClient(
        base_url=stack.base_url,
        token=ALICE_KEY,
        prefix="",
        auth_header_name=API_KEY_HEADER,
        raise_on_unexpected_status=True,
        timeout=30.0,
    )
    with authenticated as opened:
        yield opened


def test_generator_emits_typed_operations_for_every_success_response(api: ModuleType) -> None:
    models = _module("models")
    for name in ("Resume", "ResumeIn", "ResumePage", "JobAccepted", "Job", "InterviewResult"):
        assert hasattr(models, name), name
    # the parsed type of each success response is the model, not only ErrorResponse
    hints = {
        "resumes.create_resume": "Resume",
        "resumes.get_resume": "Resume",
        "interview.start_interview": "JobAccepted",
        "jobs.get_job": "Job",
        "interview.get_interview": "InterviewResult",
    }
    for operation, model in hints.items():
        returned = typing.get_type_hints(_module(f"api.{operation}").sync)["return"]
        assert getattr(models, model) in typing.get_args(returned), f"{operation}: {returned}"


def test_create_generate_poll_and_read_with_the_generated_client(
    client: Any, stack: LocalStack
) -> None:
    models = _module("models")
    create_resume = _module("api.resumes.create_resume")
    get_resume = _module("api.resumes.get_resume")
    delete_resume = _module("api.resumes.delete_resume")
    start_interview = _module("api.interview.start_interview")
    get_interview = _module("api.interview.get_interview")
    get_job = _module("api.jobs.get_job")

    body = models.ResumeIn.from_dict(sample("backend-ko"))
    created = create_resume.sync_detailed(client=client, body=body)
    assert created.status_code == HTTPStatus.CREATED
    resume = created.parsed
    assert isinstance(resume, models.Resume)
    assert resume.name == body.name and resume.unique_key

    fetched = get_resume.sync(resume.unique_key, client=client)
    assert isinstance(fetched, models.Resume) and fetched.unique_key == resume.unique_key

    accepted = start_interview.sync(
        resume.unique_key, client=client, body=models.InterviewRequest(count=3)
    )
    assert isinstance(accepted, models.JobAccepted)
    assert accepted.status in {models.JobStatus.QUEUED, models.JobStatus.RUNNING}

    job = _poll(get_job, accepted.job_id, client, models, stack)
    assert isinstance(job, models.Job)
    assert job.status == models.JobStatus.SUCCEEDED and job.unique_key == resume.unique_key

    result = get_interview.sync(resume.unique_key, client=client, job_id=accepted.job_id)
    assert isinstance(result, models.InterviewResult)
    assert result.job_id == accepted.job_id and len(result.questions) == 3
    assert all(isinstance(question, models.StoredQuestion) for question in result.questions)

    deleted = delete_resume.sync_detailed(resume.unique_key, client=client)
    assert deleted.status_code == HTTPStatus.NO_CONTENT


def test_errors_parse_into_the_generated_error_model(client: Any) -> None:
    models = _module("models")
    missing = _module("api.resumes.get_resume").sync_detailed("no-such-resume", client=client)
    assert missing.status_code == HTTPStatus.NOT_FOUND
    assert isinstance(missing.parsed, models.ErrorResponse)
    assert missing.parsed.error_code == "RESUME_NOT_FOUND"


def _poll(get_job: Any, job_id: str, client: Any, models: Any, stack: LocalStack) -> Any:
    """The job once it is finished (the offline generator takes a second or two)."""
    deadline = time.monotonic() + 60
    while True:
        job = get_job.sync(job_id, client=client)
        finished = {models.JobStatus.SUCCEEDED, models.JobStatus.FAILED}
        if not isinstance(job, models.Job) or job.status in finished:
            return job
        if time.monotonic() > deadline:
            log = "\n".join(stack.output[-40:])  # the stack's own log says why
            raise AssertionError(f"job {job_id} is still {job.status}:\n{log}")
        time.sleep(0.2)
