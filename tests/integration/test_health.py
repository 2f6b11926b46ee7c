from __future__ import annotations

import pytest

from tests.conftest import Invoke


@pytest.mark.usefixtures("aws")
def test_health_reports_each_dependency_without_a_key(invoke: Invoke) -> None:
    response = invoke("resumes_health", api_key=None)
    assert response["statusCode"] == 200
    report = response["json"]
    assert report["status"] == "ok"
    assert set(report["checks"]) == {"mongodb", "dynamodb", "sqs"}
    for check in report["checks"].values():
        assert check["status"] == "up" and check["latency_ms"] >= 0


@pytest.mark.usefixtures("aws")
def test_health_is_503_when_mongodb_is_down(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interview_prep.config import get_settings
    from interview_prep.local.mongo_server import free_port

    monkeypatch.setenv("MONGODB_URL", f"mongodb://127.0.0.1:{free_port()}/?directConnection=true")
    monkeypatch.setenv("MONGODB_TIMEOUT_MS", "300")
    get_settings.cache_clear()

    response = invoke("resumes_health", api_key=None)

    assert response["statusCode"] == 503
    checks = response["json"]["checks"]
    assert checks["mongodb"]["status"] == "down"
    assert checks["dynamodb"]["status"] == "up"


def test_health_is_503_when_aws_resources_are_missing(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interview_prep.config import get_settings

    monkeypatch.setenv("JOBS_TABLE", "no-such-table")
    monkeypatch.setenv(
        "GENERATION_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/no-such-queue"
    )
    get_settings.cache_clear()
    response = invoke("resumes_health", api_key=None)
    assert response["statusCode"] == 503
    assert response["json"]["checks"]["dynamodb"]["status"] == "down"
    assert response["json"]["checks"]["sqs"]["status"] == "down"
