"""A deployed function that lacks a setting it needs fails at cold start, saying which."""

from __future__ import annotations

import pytest

from interview_prep.config import FUNCTION_NEEDS, ConfigurationError, Settings, check_settings

DEPLOYED = {
    "stage": "prod",
    "mongodb_url_secret_name": "prod/mongodb-url",
    "keys_table": "interview-prep-prod-keys",
    "generation_queue_url": "https://sqs.us-east-1.amazonaws.com/123456789012/generation",
    "jobs_table": "interview-prep-prod-jobs",
    "uploads_bucket": "interview-prep-prod-uploads",
    "upload_queue_url": "https://sqs.us-east-1.amazonaws.com/123456789012/uploads",
}


@pytest.fixture(autouse=True)
def no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only what a test passes is configured (the suite's own variables would hide gaps)."""
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)


def settings(**values: str) -> Settings:
    return Settings.model_validate(values)


@pytest.mark.parametrize("function", sorted(FUNCTION_NEEDS))
def test_a_fully_configured_deployment_starts(function: str) -> None:
    check_settings(function, settings(**DEPLOYED))


@pytest.mark.parametrize("function", ["interview", "learning", "worker"])
def test_a_missing_queue_url_names_the_variable(function: str) -> None:
    values = {k: v for k, v in DEPLOYED.items() if k != "generation_queue_url"}
    with pytest.raises(ConfigurationError, match="GENERATION_QUEUE_URL") as raised:
        check_settings(function, settings(**values))
    assert function in str(raised.value)


def test_a_missing_secret_name_names_both_ways_to_configure_it() -> None:
    values = {k: v for k, v in DEPLOYED.items() if k != "mongodb_url_secret_name"}
    with pytest.raises(ConfigurationError, match="MONGODB_URL_SECRET_NAME or MONGODB_URL"):
        check_settings("resumes", settings(**values))


@pytest.mark.parametrize("function", ["authorizer", "interview", "learning"])
def test_the_keys_table_default_is_not_enough_outside_the_local_stack(function: str) -> None:
    values = {k: v for k, v in DEPLOYED.items() if k != "keys_table"}
    with pytest.raises(ConfigurationError, match="KEYS_TABLE"):
        check_settings(function, settings(**values))


@pytest.mark.parametrize(
    ("function", "setting"),
    [
        ("resumes", "uploads_bucket"),
        ("resumes", "upload_queue_url"),
        ("parser", "uploads_bucket"),
        ("parser", "upload_queue_url"),
        ("parser", "jobs_table"),
    ],
)
def test_the_upload_path_names_what_it_lacks(function: str, setting: str) -> None:
    values = {k: v for k, v in DEPLOYED.items() if k != setting}
    with pytest.raises(ConfigurationError, match=setting.upper()):
        check_settings(function, settings(**values))


def test_an_upload_check_longer_than_sqs_can_delay_is_refused() -> None:
    with pytest.raises(ValueError, match="900"):
        settings(upload_url_seconds="880", upload_check_grace_seconds="30")


def test_no_function_needs_the_clear_text_key_table() -> None:
    assert all("api_keys" not in needs for needs in FUNCTION_NEEDS.values())


def test_the_local_stack_runs_on_embedded_defaults() -> None:
    for function in FUNCTION_NEEDS:
        check_settings(function, settings(stage="local"))
