"""The OpenAPI contract as a generated client reads it: every operation says what success
looks like, which errors it can answer (all in the one error shape) and how to call it."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from interview_prep import routes
from interview_prep.local.openapi import merged_document

ERROR_REF = "#/components/schemas/ErrorResponse"
OPERATIONS = [route for route in routes.ROUTES if not route.name.endswith("_docs")]


@cache
def document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(merged_document())
    return loaded


def operation(route: routes.Route) -> dict[str, Any]:
    found: dict[str, Any] = document()["paths"][route.path.rstrip("/")][route.method.lower()]
    return found


def schema_ref(response: dict[str, Any]) -> str:
    return str(response["content"]["application/json"]["schema"].get("$ref", ""))


def schema_refs(response: dict[str, Any]) -> list[str]:
    """The models a response may carry: one, or each alternative (``?format=...``)."""
    schema = response["content"]["application/json"]["schema"]
    alternatives = schema.get("anyOf") or schema.get("oneOf") or [schema]
    return [str(alternative.get("$ref", "")) for alternative in alternatives]


@pytest.mark.parametrize("route", OPERATIONS, ids=lambda route: route.name)
def test_every_operation_documents_its_success_with_a_model(route: routes.Route) -> None:
    success = operation(route)["responses"][str(route.status)]
    if route.status == 204:
        assert not success.get("content"), "204 has no body"
    else:
        for ref in schema_refs(success):
            assert ref.startswith("#/components/schemas/")
            assert ref != ERROR_REF


@pytest.mark.parametrize("route", OPERATIONS, ids=lambda route: route.name)
def test_every_error_an_operation_answers_has_the_error_shape(route: routes.Route) -> None:
    responses = operation(route)["responses"]
    errors = {code: r for code, r in responses.items() if int(code) >= 400}
    assert {"422", "500", "503", "504"} <= set(errors)
    for code, response in errors.items():
        if route.name.endswith("_health") and code == "503":
            continue  # an unhealthy service still answers with its health report
        assert schema_ref(response) == ERROR_REF, f"{route.name} {code}"


@pytest.mark.parametrize("route", OPERATIONS, ids=lambda route: route.name)
def test_keyed_operations_declare_their_security_and_401(route: routes.Route) -> None:
    found = operation(route)
    if route.auth:
        assert found["security"] == [{"apiKey": []}]
        assert {"401", "429"} <= set(found["responses"])
    else:
        assert found.get("security", []) == []
        assert "401" not in found["responses"]


@pytest.mark.parametrize(
    "route", [r for r in OPERATIONS if r.method in {"POST", "PUT"}], ids=lambda r: r.name
)
def test_operations_with_a_body_declare_the_body_errors(route: routes.Route) -> None:
    assert {"400", "413", "415", "422"} <= set(operation(route)["responses"])


@pytest.mark.parametrize("name", ["start_interview", "start_learning_path"])
def test_starting_a_generation_documents_both_the_job_and_the_waited_result(name: str) -> None:
    responses = operation(routes.route_named(name))["responses"]
    assert schema_ref(responses["202"]) == "#/components/schemas/JobAccepted"
    assert schema_ref(responses["200"]).endswith("Result")
    assert "Location" in responses["202"]["headers"]
    assert "409" in responses, "an Idempotency-Key still in progress"
    assert responses["202"]["links"]["get_job"]["parameters"] == {
        "job_id": "$response.body#/job_id"
    }


def test_a_created_resume_links_to_the_operations_on_it() -> None:
    created = operation(routes.route_named("create_resume"))["responses"]["201"]
    assert "Location" in created["headers"]
    for target in ("get_resume", "update_resume", "delete_resume", "start_interview"):
        link = created["links"][target]
        assert link["operationId"] == target
        assert link["parameters"] == {"unique_key": "$response.body#/unique_key"}
    operation_ids = {
        found["operationId"] for path in document()["paths"].values() for found in path.values()
    }
    linked = {link["operationId"] for link in created["links"].values()}
    assert linked <= operation_ids, "every link names a real operation"
