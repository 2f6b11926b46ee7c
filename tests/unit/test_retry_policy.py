"""When a failed generation is tried again: exponential backoff with jitter, or the delay a
provider failure names."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pytest

from interview_prep.config import get_settings
from interview_prep.services.retry import RetryPolicy


@dataclass
class Recorder:
    """A jitter that answers the top of its range and remembers every range it was given."""

    calls: list[tuple[float, float]] = field(default_factory=list)

    def __call__(self, low: float, high: float) -> float:
        self.calls.append((low, high))
        return high


def _policy(jitter: Recorder | None = None, base: float = 10, cap: float = 900) -> RetryPolicy:
    return RetryPolicy(base, cap, 300, 60, jitter or Recorder())


def test_the_ceiling_doubles_per_attempt_from_the_base() -> None:
    jitter = Recorder()
    policy = _policy(jitter)

    delays = [policy.backoff(attempt) for attempt in range(1, 6)]

    assert delays == [10, 20, 40, 80, 160]
    assert jitter.calls == [(5, 10), (10, 20), (20, 40), (40, 80), (80, 160)]


@pytest.mark.parametrize("attempt", [0, -3])
def test_attempts_before_the_first_wait_about_the_base(attempt: int) -> None:
    assert _policy().backoff(attempt) == 10


def test_the_cap_bounds_every_delay() -> None:
    jitter = Recorder()
    policy = _policy(jitter, cap=100)

    assert [policy.backoff(attempt) for attempt in (5, 6, 20, 100)] == [100, 100, 100, 100]
    assert set(jitter.calls[1:]) == {(50, 100)}


def test_real_jitter_stays_in_the_upper_half_below_the_ceiling() -> None:
    draws = random.Random(7)  # seeded: the bounds, not luck, make this pass
    policy = RetryPolicy(10, 900, 300, 60, jitter=draws.uniform)

    for attempt in range(1, 12):
        ceiling = min(900, 10 * 2 ** (attempt - 1))
        samples = [policy.backoff(attempt) for _ in range(50)]
        assert all(ceiling / 2 <= delay <= ceiling for delay in samples), attempt
        assert len(set(samples)) > 1  # spread out, not one synchronised burst


def test_provider_delay_tells_a_rate_limit_from_an_outage() -> None:
    policy = _policy()
    assert policy.provider_delay(rate_limited=True) == 300
    assert policy.provider_delay(rate_limited=False) == 60


def test_from_settings_reads_the_environment_and_keeps_the_jitter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RETRY_BASE_SECONDS", "3")
    monkeypatch.setenv("RETRY_MAX_SECONDS", "20")
    monkeypatch.setenv("RETRY_RATE_LIMITED_SECONDS", "111")
    monkeypatch.setenv("RETRY_UNAVAILABLE_SECONDS", "22")
    get_settings.cache_clear()
    jitter = Recorder()

    policy = RetryPolicy.from_settings(get_settings(), jitter)

    assert [policy.backoff(attempt) for attempt in (1, 2, 3, 4)] == [3, 6, 12, 20]
    assert (policy.provider_delay(True), policy.provider_delay(False)) == (111, 22)
    assert len(jitter.calls) == 4
