"""In the cloud the MongoDB URL and the API key table come from Secrets Manager."""

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


def test_mongodb_url_and_api_keys_come_from_secrets(
    invoke: Invoke, secrets_manager: object, mongodb_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = secrets_manager
    url_secret, keys_secret = f"mongo-{uuid.uuid4()}", f"keys-{uuid.uuid4()}"
    client.create_secret(Name=url_secret, SecretString=mongodb_url)  # type: ignore[attr-defined]
    client.create_secret(  # type: ignore[attr-defined]
        Name=keys_secret, SecretString=json.dumps({"secret-held-key": "carol"})
    )
    use_setting(monkeypatch, "MONGODB_URL", "mongodb://192.0.2.1:1/?directConnection=true")
    use_setting(monkeypatch, "MONGODB_URL_SECRET_NAME", url_secret)
    use_setting(monkeypatch, "API_KEYS_SECRET_NAME", keys_secret)

    created = invoke("create_resume", body={"name": "Carol"}, api_key="secret-held-key")

    assert created["statusCode"] == 201 and created["json"]["owner"] == "carol"
    assert invoke("list_resumes", api_key="test-key-alice-0001")["statusCode"] == 401


def test_an_unreadable_secret_is_a_503(
    invoke: Invoke, secrets_manager: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_setting(monkeypatch, "API_KEYS_SECRET_NAME", f"missing-{uuid.uuid4()}")
    response = invoke("list_resumes")
    assert response["statusCode"] == 503
    assert response["json"]["error_code"] == "SERVICE_UNAVAILABLE"
    assert "missing-" not in response["body"]


def test_a_malformed_key_table_is_a_503_not_a_crash(
    invoke: Invoke, secrets_manager: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = f"keys-{uuid.uuid4()}"
    secrets_manager.create_secret(Name=name, SecretString="replace-me")  # type: ignore[attr-defined]
    use_setting(monkeypatch, "API_KEYS_SECRET_NAME", name)
    response = invoke("list_resumes")
    assert response["statusCode"] == 503
    assert "replace-me" not in response["body"]
