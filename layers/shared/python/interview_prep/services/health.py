"""Dependency health: each check reports up/down with its latency."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel

from interview_prep import __version__
from interview_prep.observability import logger
from interview_prep.repositories import mongo
from interview_prep.repositories.jobs import JobRepository
from interview_prep.repositories.queue import GenerationQueue


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


CHECKS: dict[str, Callable[[], None]] = {
    "mongodb": mongo.ping,
    "dynamodb": lambda: JobRepository().ping(),
    "sqs": lambda: GenerationQueue().ping(),
}


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
