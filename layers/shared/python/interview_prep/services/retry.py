"""When a failed generation is tried again: exponential backoff with jitter, unless the
failure names its own delay (a rate limit waits longer than an outage)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from interview_prep.config import Settings

#: A uniform draw in [low, high]; replaceable so tests can pin the jitter.
Jitter = Callable[[float, float], float]


@dataclass(frozen=True)
class RetryPolicy:
    base_seconds: float
    max_seconds: float
    rate_limited_seconds: float
    unavailable_seconds: float
    jitter: Jitter = random.uniform

    @classmethod
    def from_settings(cls, settings: Settings, jitter: Jitter = random.uniform) -> RetryPolicy:
        return cls(
            base_seconds=settings.retry_base_seconds,
            max_seconds=settings.retry_max_seconds,
            rate_limited_seconds=settings.retry_rate_limited_seconds,
            unavailable_seconds=settings.retry_unavailable_seconds,
            jitter=jitter,
        )

    def backoff(self, attempt: int) -> float:
        """Attempt 1 waits about the base, each later one twice as long, up to the cap; the
        jitter spreads retries over the upper half so a burst of failures does not return
        as a burst."""
        ceiling = min(self.max_seconds, self.base_seconds * 2.0 ** max(0, attempt - 1))
        return float(self.jitter(ceiling / 2, ceiling))

    def provider_delay(self, rate_limited: bool) -> float:
        return self.rate_limited_seconds if rate_limited else self.unavailable_seconds
