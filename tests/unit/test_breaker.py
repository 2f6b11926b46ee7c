"""The circuit breaker over its shared state: closed, open, half-open with a single probe,
and open-by-default (calls flow) when the state store cannot be reached."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from interview_prep.llm import breaker as breaker_module
from interview_prep.llm.breaker import CircuitBreaker
from tests.fakes.ports import FakeBreakerStore

NAME = "gemini"
THRESHOLD, COOLDOWN = 3, 60.0


@dataclass
class Clock:
    now: float = 1_000_000.0

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    # only the breaker's view of time moves; the rest of the process keeps the real clock
    monkeypatch.setattr(breaker_module, "time", SimpleNamespace(time=clock.time))
    return clock


@pytest.fixture
def store() -> FakeBreakerStore:
    return FakeBreakerStore()


def _breaker(store: FakeBreakerStore) -> CircuitBreaker:
    return CircuitBreaker(store, THRESHOLD, COOLDOWN)


def _opened(breaker: CircuitBreaker) -> None:
    for _ in range(THRESHOLD):
        breaker.record_failure(NAME)


def test_closed_until_the_threshold_of_failures(clock: Clock, store: FakeBreakerStore) -> None:
    breaker = _breaker(store)
    for _ in range(THRESHOLD - 1):
        breaker.record_failure(NAME)
        assert breaker.allow(NAME)
    assert breaker.state(NAME) == "closed"

    breaker.record_failure(NAME)

    assert breaker.state(NAME) == "open"
    assert not breaker.allow(NAME)


def test_an_open_breaker_skips_the_provider_until_the_cooldown(
    clock: Clock, store: FakeBreakerStore
) -> None:
    breaker = _breaker(store)
    _opened(breaker)

    clock.now += COOLDOWN - 1
    assert not breaker.allow(NAME)
    assert not _breaker(store).allow(NAME)  # every instance shares the state
    assert breaker.allow("openai")  # one provider's breaker only


def test_half_open_grants_exactly_one_probe(clock: Clock, store: FakeBreakerStore) -> None:
    _opened(_breaker(store))
    clock.now += COOLDOWN
    assert _breaker(store).state(NAME) == "half-open"

    # two worker instances ask at the same moment: one probes, the other still skips
    granted = [_breaker(store).allow(NAME) for _ in range(3)]

    assert granted == [True, False, False]


def test_a_failed_probe_opens_the_breaker_again(clock: Clock, store: FakeBreakerStore) -> None:
    breaker = _breaker(store)
    _opened(breaker)
    clock.now += COOLDOWN
    assert breaker.allow(NAME)  # the probe

    clock.now += COOLDOWN / 2
    breaker.record_failure(NAME)  # the probe failed

    # a full cooldown from the failure, not from the probe's claim, before the next probe
    clock.now += COOLDOWN / 2 + 1
    assert breaker.state(NAME) == "open"
    assert not breaker.allow(NAME)
    clock.now += COOLDOWN / 2
    assert breaker.allow(NAME)


def test_a_successful_probe_closes_the_breaker(clock: Clock, store: FakeBreakerStore) -> None:
    breaker = _breaker(store)
    _opened(breaker)
    clock.now += COOLDOWN
    assert breaker.allow(NAME)

    breaker.record_success(NAME)

    assert breaker.state(NAME) == "closed"
    assert [breaker.allow(NAME) for _ in range(3)] == [True, True, True]
    breaker.record_failure(NAME)  # counting starts again from zero
    assert breaker.allow(NAME)


@pytest.mark.parametrize(
    "down",
    [
        {"load", "add_failure", "open", "reset", "claim_probe"},
        {"claim_probe"},  # the state was read, the probe claim cannot be written
    ],
    ids=["everything", "probe-claim"],
)
def test_an_unreachable_state_store_fails_open(
    clock: Clock, store: FakeBreakerStore, down: set[str]
) -> None:
    breaker = _breaker(store)
    _opened(breaker)
    clock.now += COOLDOWN  # half-open: the only state in which both cases differ from closed
    store.unavailable = down

    assert breaker.allow(NAME)
    assert breaker.allow(NAME)  # not just one probe: the breaker is out of the way
    breaker.record_failure(NAME)  # neither raises: a breaker never stops generation
    breaker.record_success(NAME)


def test_an_unreachable_store_fails_open_while_open(clock: Clock, store: FakeBreakerStore) -> None:
    breaker = _breaker(store)
    _opened(breaker)
    store.unavailable = {"load"}

    assert breaker.allow(NAME)
