"""A circuit breaker per provider, its state shared by every worker instance.

closed: calls flow; ``threshold`` consecutive failures open it. open: the provider is
skipped at no cost until ``cooldown`` passes. half-open: one worker claims the single
probe; its success closes the circuit, its failure opens it again. The store is an
interface, so providers and the chain know nothing of DynamoDB. When the shared state
cannot be read or written, the breaker fails open: providers are called as if closed,
because a breaker must never be the reason generation stops.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from botocore.exceptions import BotoCoreError, ClientError

from interview_prep import aws
from interview_prep.config import get_settings
from interview_prep.observability import logger


class BreakerStoreUnavailable(Exception):
    """The shared breaker state cannot be reached."""


@dataclass(frozen=True)
class BreakerState:
    failures: int = 0
    opened_at: float | None = None


class BreakerStore(Protocol):
    def load(self, name: str) -> BreakerState: ...
    def add_failure(self, name: str, now: float) -> int: ...
    def open(self, name: str, now: float) -> None: ...
    def reset(self, name: str) -> None: ...
    def claim_probe(self, name: str, now: float, opened_before: float) -> bool: ...


class CircuitBreaker:
    def __init__(self, store: BreakerStore, threshold: int, cooldown_seconds: float) -> None:
        self.store = store
        self.threshold = threshold
        self.cooldown = cooldown_seconds

    def allow(self, name: str) -> bool:
        try:
            state = self.store.load(name)
            if state.opened_at is None:
                return True
            now = time.time()
            if now - state.opened_at < self.cooldown:
                return False
            # half-open: exactly one caller gets the probe; the window restarts with it
            return self.store.claim_probe(name, now, now - self.cooldown)
        except BreakerStoreUnavailable:
            _state_unavailable(name)
            return True

    def record_success(self, name: str) -> None:
        try:
            self.store.reset(name)
        except BreakerStoreUnavailable:
            _state_unavailable(name)

    def record_failure(self, name: str) -> None:
        now = time.time()
        try:
            if self.store.add_failure(name, now) >= self.threshold:
                self.store.open(name, now)
        except BreakerStoreUnavailable:
            _state_unavailable(name)

    def state(self, name: str) -> str:
        found = self.store.load(name)
        if found.opened_at is None:
            return "closed"
        return "open" if time.time() - found.opened_at < self.cooldown else "half-open"


def _state_unavailable(name: str) -> None:
    logger.warning("breaker state unavailable; treated as closed", extra={"provider": name})


@contextmanager
def _unavailable_as_store_error() -> Iterator[None]:
    try:
        yield
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
            raise
        raise BreakerStoreUnavailable(_code(error)) from error
    except BotoCoreError as error:
        raise BreakerStoreUnavailable(type(error).__name__) from error


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", "ClientError"))


class DynamoDBBreakerStore:
    """One item per provider in the state table: ``pk = breaker#<provider>``."""

    @property
    def table(self) -> Any:
        return aws.table(get_settings().state_table)

    @staticmethod
    def _key(name: str) -> dict[str, str]:
        return {"pk": f"breaker#{name}"}

    def load(self, name: str) -> BreakerState:
        with _unavailable_as_store_error():
            item = self.table.get_item(Key=self._key(name), ConsistentRead=True).get("Item")
        item = item or {}
        opened = item.get("opened_at")
        return BreakerState(int(item.get("failures", 0)), float(opened) if opened else None)

    def add_failure(self, name: str, now: float) -> int:
        with _unavailable_as_store_error():
            updated = self.table.update_item(
                Key=self._key(name),
                UpdateExpression="ADD failures :one SET last_failure_at = :now",
                ExpressionAttributeValues={":one": 1, ":now": _number(now)},
                ReturnValues="UPDATED_NEW",
            )
        return int(updated["Attributes"]["failures"])

    def open(self, name: str, now: float) -> None:
        with _unavailable_as_store_error():
            self.table.update_item(
                Key=self._key(name),
                UpdateExpression="SET opened_at = :now",
                ExpressionAttributeValues={":now": _number(now)},
            )

    def reset(self, name: str) -> None:
        with _unavailable_as_store_error():
            self.table.put_item(Item={**self._key(name), "failures": 0})

    def claim_probe(self, name: str, now: float, opened_before: float) -> bool:
        try:
            with _unavailable_as_store_error():
                self.table.update_item(
                    Key=self._key(name),
                    UpdateExpression="SET opened_at = :now",
                    ConditionExpression="opened_at <= :before",
                    ExpressionAttributeValues={
                        ":now": _number(now),
                        ":before": _number(opened_before),
                    },
                )
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                return False
            raise
        return True


def _number(value: float) -> Any:
    from decimal import Decimal

    return Decimal(str(round(value, 3)))
