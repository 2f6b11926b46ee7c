"""Schemathesis against the running local stack, from the exported ``docs/openapi.json``.

Every operation gets schema examples, coverage cases (boundaries, wrong types, undeclared
methods) and a few fuzzed cases; the state machine then follows the document's OpenAPI
links (create -> read/update/delete, start -> job) so the checks reach real resources.
Bounded in examples (and by pytest-timeout in time) to stay well under two minutes here.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from interview_prep.contract import IDEMPOTENCY_KEY_HEADER
from tests.conftest import ALICE_KEY, ROOT
from tests.e2e.conftest import LocalStack

OPENAPI = ROOT / "docs" / "openapi.json"
JSON = "application/json"
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "unsupported_method",
    "use_after_free",
    "ensure_resource_availability",
    "ignored_auth",
]
CONFIG = schemathesis.Config.from_dict(
    {
        # the document's apiKey scheme (X-Api-Key): explicit auth, so ignored_auth can probe
        # the same request without it and with a wrong key
        "auth": {"openapi": {"apiKey": {"api_key": ALICE_KEY}}},
        "checks": {"enabled": False, **{name: {"enabled": True} for name in CHECKS}},
        "phases": {
            "stateful": {
                # the document's own links only: inferred ones (e.g. from the list) would draw
                # from server state that grows between scenarios, which Hypothesis flags as flaky
                "inference": {"algorithms": []},
                # scenarios walk real resources; negative cases are the other phases' job
                "generation": {"mode": "positive"},
            }
        },
    }
)


def fuzzed_document() -> dict[str, Any]:
    """The exported document, resume bodies fuzzed in this service's format only: the JSON
    Resume alternative (~60 optional nested fields) multiplies the coverage phase past any
    time bound here; JSON Resume bodies are tested against the published schema instead
    (``tests/integration/test_jsonresume_api.py``)."""
    document: dict[str, Any] = json.loads(OPENAPI.read_text(encoding="utf-8"))
    for methods in document["paths"].values():
        for operation in methods.values():
            content = operation.get("requestBody", {}).get("content", {}).get(JSON, {})
            alternatives = content.get("schema", {}).get("oneOf")
            if alternatives:
                content["schema"] = alternatives[0]
    return document


schema = schemathesis.openapi.from_dict(fuzzed_document(), config=CONFIG)


@contextlib.contextmanager
def server_log_on_failure(stack: LocalStack) -> Iterator[None]:
    """A 500's cause is in the stack's log, not in the response: attach its tail."""
    try:
        yield
    except BaseException as exc:
        exc.add_note("local stack log, last lines:\n" + "\n".join(stack.output[-40:]))
        raise


@pytest.mark.timeout(90)
@schema.parametrize()
# derandomize and no example database: the same cases locally and in CI, run after run
@settings(
    max_examples=20,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_conforms(case: schemathesis.Case[Any], stack: LocalStack) -> None:
    # the port is only known once the stack runs; the document itself says servers: ["/"]
    with server_log_on_failure(stack):
        case.call_and_validate(base_url=stack.base_url)


class _Workflow(schema.as_state_machine()):  # type: ignore[misc]
    """Follows the links; the base URL is the running stack's."""

    base_url: str = ""

    def before_call(self, case: schemathesis.Case[Any]) -> None:
        # ?wait answers 200 or 202 depending on timing, and a replayed Idempotency-Key answers
        # from an earlier scenario: both would change which links can follow, between replays
        (case.query or {}).pop("wait", None)
        for name in case.headers or {}:
            if name.lower() == IDEMPOTENCY_KEY_HEADER.lower():
                case.headers[name] = uuid.uuid4().hex

    def get_call_kwargs(self, case: schemathesis.Case[Any]) -> dict[str, Any]:
        return {"base_url": self.base_url}


@pytest.mark.timeout(90)
def test_linked_workflows_conform(stack: LocalStack) -> None:
    _Workflow.base_url = stack.base_url
    bounded = settings(
        _Workflow.TestCase.settings,  # schemathesis' defaults: no deadline, no health checks
        max_examples=50,
        stateful_step_count=8,
        derandomize=True,
        database=None,
    )
    with server_log_on_failure(stack):
        _Workflow.run(settings=bounded)
