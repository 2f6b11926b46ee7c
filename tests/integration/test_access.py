"""Every keyed route, tried with no key, an unknown key, a revoked key and another owner's
ids: 401 or 404 in the standard shape, never data."""

from __future__ import annotations

from typing import Any

import pytest

from interview_prep import routes
from interview_prep.services.api_keys import ApiKeys
from tests.conftest import BOB_KEY, Invoke
from tests.integration.test_pipeline import create_resume, run_worker

KEYED = [route.name for route in routes.ROUTES if route.auth]
PUBLIC = [route.name for route in routes.ROUTES if not route.auth]
STANDARD = {"detail", "error_code", "timestamp", "details", "request_id"}


@pytest.fixture
def alices(invoke: Invoke, aws: str) -> dict[str, str]:
    """Alice's resume and a finished job of hers: what Bob will try to reach."""
    key = create_resume(invoke)
    job_id = invoke("start_interview", key=key, body={"count": 3})["json"]["job_id"]
    run_worker(aws)
    return {"key": key, "job_id": job_id}


def _call(invoke: Invoke, route: str, ids: dict[str, str], **kwargs: Any) -> dict[str, Any]:
    """The route, addressed at Alice's resume or job where its path takes one."""
    parameters = routes.route_named(route).path_parameters
    address = {"key": ids["key"]} if "unique_key" in parameters else {}
    if "job_id" in parameters:
        address["job_id"] = ids["job_id"]
    body = {"name": "Mallory"} if route in {"create_resume", "update_resume"} else ...
    response: dict[str, Any] = invoke(route, body=body, **address, **kwargs)
    return response


def _assert_refused(response: dict[str, Any], status: int, code: str) -> None:
    assert response["statusCode"] == status, response.get("body")
    assert set(response["json"]) == STANDARD
    assert response["json"]["error_code"] == code


@pytest.mark.parametrize("route", KEYED)
@pytest.mark.parametrize("api_key", [None, "ipk_not-a-key", "test-key-alice-0001x"])
def test_no_or_unknown_key_is_401_on_every_keyed_route(
    invoke: Invoke, alices: dict[str, str], route: str, api_key: str | None
) -> None:
    _assert_refused(_call(invoke, route, alices, api_key=api_key), 401, "UNAUTHORIZED")


@pytest.mark.parametrize("route", KEYED)
def test_a_revoked_key_is_401_on_its_next_request(
    invoke: Invoke, alices: dict[str, str], route: str
) -> None:
    keys = ApiKeys()
    issued, stored = keys.issue("alice")
    assert invoke("list_resumes", api_key=issued)["statusCode"] == 200
    keys.revoke(stored.key_id)
    _assert_refused(_call(invoke, route, alices, api_key=issued), 401, "UNAUTHORIZED")


#: Keyed routes that address a resume or job by id (the rest address only the caller's own).
ADDRESSED = [name for name in KEYED if routes.route_named(name).path_parameters]


@pytest.mark.parametrize("route", ADDRESSED)
def test_another_owners_ids_are_404_and_never_data(
    invoke: Invoke, alices: dict[str, str], route: str
) -> None:
    response = _call(invoke, route, alices, api_key=BOB_KEY)

    assert response["statusCode"] == 404, response.get("body")
    assert set(response["json"]) == STANDARD, "an error, not a resume, job or result"
    assert "김서연" not in response["body"] and "questions" not in response["json"]


def test_bobs_list_holds_nothing_of_alices(invoke: Invoke, alices: dict[str, str]) -> None:
    listed = invoke("list_resumes", api_key=BOB_KEY)
    assert listed["statusCode"] == 200
    assert alices["key"] not in listed["body"]


@pytest.mark.parametrize("route", PUBLIC)
def test_health_and_docs_need_no_key(invoke: Invoke, aws: str, route: str) -> None:
    assert invoke(route, api_key=None)["statusCode"] == 200


def test_the_authorizer_allows_the_whole_stage_so_one_cached_answer_fits_every_route(
    keys: None,
) -> None:
    from interview_prep.local.authorizer import authorizer_event
    from interview_prep.local.events import json_request, rest_proxy_event
    from interview_prep.local.functions import invoke as invoke_function
    from tests.conftest import ALICE_KEY

    request = json_request("GET", "/api/v1/resumes/", headers={"x-api-key": ALICE_KEY})
    event = authorizer_event(rest_proxy_event(request, stage="prod"))

    policy = invoke_function("authorizer", event)

    assert policy["principalId"] == "alice"
    assert policy["context"]["owner"] == "alice" and policy["context"]["key_id"]
    [statement] = policy["policyDocument"]["Statement"]
    assert statement["Effect"] == "Allow"
    assert statement["Resource"] == ["arn:aws:execute-api:us-east-1:123456789012:local/prod/*/*"]
    with pytest.raises(Exception, match=r"^Unauthorized$"):
        invoke_function("authorizer", authorizer_event(rest_proxy_event(json_request("GET", "/"))))
