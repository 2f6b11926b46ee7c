"""In the cloud the MongoDB URL comes from Secrets Manager; the old API key secret is what
``python -m interview_prep.keys import`` migrates into the keys table."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import pytest

from tests.conftest import Invoke


@pytest.fixture
def secrets_manager(aws: str) -> Iterator[object]:
    import boto3
    from aws_lambda_powertools.utilities import parameters

    parameters.clear_caches()
    parameters.base.DEFAULT_PROVIDERS.clear()  # providers hold clients made outside this mock
    yield boto3.client("secretsmanager")
    parameters.clear_caches()
    parameters.base.DEFAULT_PROVIDERS.clear()


def use_setting(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    from interview_prep.config import get_settings

    monkeypatch.setenv(name, value)
    get_settings.cache_clear()


def test_the_mongodb_url_comes_from_its_secret(
    invoke: Invoke, secrets_manager: object, mongodb_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url_secret = f"mongo-{uuid.uuid4()}"
    secrets_manager.create_secret(Name=url_secret, SecretString=mongodb_url)  # type: ignore[attr-defined]
    use_setting(monkeypatch, "MONGODB_URL", "mongodb://192.0.2.1:1/?directConnection=true")
    use_setting(monkeypatch, "MONGODB_URL_SECRET_NAME", url_secret)

    created = invoke("create_resume", body={"name": "Carol"})

    assert created["statusCode"] == 201 and created["json"]["owner"] == "alice"


def test_keys_import_hashes_the_old_key_secret_into_the_table(
    invoke: Invoke,
    secrets_manager: object,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from interview_prep.ops.keys import main

    name = f"keys-{uuid.uuid4()}"
    secrets_manager.create_secret(  # type: ignore[attr-defined]
        Name=name, SecretString=json.dumps({"secret-held-key": "carol"})
    )
    use_setting(monkeypatch, "API_KEYS_SECRET_NAME", name)

    assert invoke("list_resumes", api_key="secret-held-key")["statusCode"] == 401
    assert main(["import"]) == 0
    assert "secret-held-key" not in capsys.readouterr().out

    created = invoke("create_resume", body={"name": "Carol"}, api_key="secret-held-key")
    assert created["statusCode"] == 201 and created["json"]["owner"] == "carol"
    assert "secret-held-key" not in json.dumps(_keys_table_items(), default=str)


@pytest.mark.parametrize("stored", [None, "replace-me"], ids=["missing", "malformed"])
def test_keys_import_from_an_unreadable_secret_fails_without_echoing_it(
    secrets_manager: object,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    stored: str | None,
) -> None:
    from interview_prep.ops.keys import main

    name = f"keys-{uuid.uuid4()}"
    if stored is not None:
        secrets_manager.create_secret(Name=name, SecretString=stored)  # type: ignore[attr-defined]
    use_setting(monkeypatch, "API_KEYS_SECRET_NAME", name)

    assert main(["import"]) == 1

    out, err = capsys.readouterr()
    assert err.startswith("error: ") and "replace-me" not in out + err


def _keys_table_items() -> list[dict[str, object]]:
    from interview_prep import aws
    from interview_prep.config import get_settings

    items: list[dict[str, object]] = aws.table(get_settings().keys_table).scan()["Items"]
    return items
