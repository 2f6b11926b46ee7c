"""Dependency health: each check reports up/down with its latency."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel

from interview_prep import __version__, aws
from interview_prep.config import get_settings
from interview_prep.observability import logger
from interview_prep.repositories import mongo


class DependencyStatus(BaseModel):
    status: Literal["up", "down"]
    latency_ms: float
    error: str | None = None


class HealthReport(BaseModel):
    status: Literal["ok", "degraded"]
    service: str
    version: str
    checks: dict[str, DependencyStatus]

    @property
    def healthy(self) -> bool:
        return self.status == "ok"


def _mongodb() -> None:
    mongo.get_client().admin.command("ping")


def _dynamodb() -> None:
    aws.dynamodb().describe_table(TableName=get_settings().jobs_table)


def _sqs() -> None:
    queue_url = get_settings().generation_queue_url
    if not queue_url:
        raise RuntimeError("GENERATION_QUEUE_URL is not configured")
    aws.sqs().get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])


CHECKS: dict[str, Callable[[], None]] = {"mongodb": _mongodb, "dynamodb": _dynamodb, "sqs": _sqs}


def _probe(name: str, check: Callable[[], None]) -> DependencyStatus:
    started = time.perf_counter()
    try:
        check()
    except Exception as exc:
        logger.warning("dependency down", extra={"dependency": name, "error": type(exc).__name__})
        return DependencyStatus(
            status="down", latency_ms=_elapsed_ms(started), error=type(exc).__name__
        )
    return DependencyStatus(status="up", latency_ms=_elapsed_ms(started))


def _elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)


def check_health(service: str) -> HealthReport:
    checks = {name: _probe(name, check) for name, check in CHECKS.items()}
    healthy = all(check.status == "up" for check in checks.values())
    return HealthReport(
        status="ok" if healthy else "degraded", service=service, version=__version__, checks=checks
    )
