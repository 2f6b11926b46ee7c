"""``python -m interview_prep.keys`` against moto: a key is printed once and works, lists
never show it, revocation and quotas take effect, owners get a usage-plan key, and the
local stack's snapshot brings issued keys back after a restart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_prep.ops.keys import main
from interview_prep.services.api_keys import ApiKeys
from tests.conftest import Invoke


def issue(capsys: pytest.CaptureFixture[str], *flags: str, before: tuple[str, ...] = ()) -> str:
    capsys.readouterr()
    assert main([*before, "issue", "--owner", "carol", *flags]) == 0
    out = capsys.readouterr().out
    return out.strip().splitlines()[-1]  # the key is the last line


def test_an_issued_key_works_is_listed_without_itself_and_revokes(
    invoke: Invoke, capsys: pytest.CaptureFixture[str]
) -> None:
    key = issue(capsys)
    created = invoke("create_resume", body={"name": "Carol"}, api_key=key)
    assert created["statusCode"] == 201 and created["json"]["owner"] == "carol"

    capsys.readouterr()  # the functions' own log lines
    assert main(["list", "--owner", "carol"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    key_id, _created, last_used, status = line.split()
    assert status == "active" and last_used != "-" and key not in line
    assert main(["list", "--owner", "carol", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["keys"][0]["key_id"] == key_id and key not in json.dumps(listed)

    assert main(["revoke", key_id]) == 0
    assert invoke("list_resumes", api_key=key)["statusCode"] == 401
    capsys.readouterr()
    assert main(["list", "--owner", "carol"]) == 0
    assert capsys.readouterr().out.split()[-1] == "revoked"
    assert main(["revoke", "0123456789ab"]) == 1


def test_quotas_set_by_the_command_apply_to_the_owner(
    invoke: Invoke, capsys: pytest.CaptureFixture[str]
) -> None:
    key = issue(capsys, "--questions-per-hour", "1")
    resume = invoke("create_resume", body={"name": "Carol"}, api_key=key)["json"]["unique_key"]

    first = invoke("start_interview", key=resume, body={"count": 3}, api_key=key)
    second = invoke("start_interview", key=resume, body={"count": 4}, api_key=key)

    assert first["statusCode"] == 202
    assert second["statusCode"] == 429 and second["json"]["error_code"] == "RATE_LIMITED"
    assert second["json"]["details"] == {
        "limit": "questions_per_hour",
        "max": 1,
        "window_seconds": 3600,
    }
    assert int(second["multiValueHeaders"]["Retry-After"][0]) > 3500
    assert main(["set-quota", "--owner", "carol", "--questions-per-hour", "0"]) == 0
    capsys.readouterr()
    third = invoke("start_interview", key=resume, body={"count": 5}, api_key=key)
    assert third["statusCode"] == 202


def test_an_owner_gets_one_usage_plan_key_in_the_plan(
    aws: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from interview_prep import aws as clients

    plan = clients.apigateway().create_usage_plan(name="interview-prep-test-default")["id"]

    first = issue(capsys, before=("--usage-plan-id", plan))
    issue(capsys, before=("--usage-plan-id", plan))  # a second key: the same usage key

    plan_keys = clients.apigateway().get_usage_plan_keys(usagePlanId=plan)["items"]
    assert len(plan_keys) == 1
    principal = ApiKeys().authorize(first)
    assert principal.usage_key and principal.usage_key != first


def test_issued_keys_survive_a_restart_of_the_local_stack(
    aws: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from interview_prep import aws as clients
    from interview_prep.config import get_settings
    from interview_prep.local.keystore import KeySnapshot
    from interview_prep.ops import bootstrap

    snapshot = KeySnapshot(tmp_path / "keys.json")
    key = issue(capsys)
    snapshot.write()
    assert key not in (tmp_path / "keys.json").read_text()

    table = get_settings().keys_table  # the restart: an empty keys table
    clients.dynamodb().delete_table(TableName=table)
    bootstrap.create_tables(get_settings())
    with pytest.raises(Exception, match="Unknown API key"):
        ApiKeys().authorize(key)

    assert KeySnapshot(tmp_path / "keys.json").restore() > 0
    assert ApiKeys().authorize(key).owner == "carol"
