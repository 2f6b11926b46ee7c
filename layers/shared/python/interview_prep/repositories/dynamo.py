"""What every DynamoDB repository needs: JSON-friendly numbers, conditional writes told
apart from outages, and outages turned into the repository's own domain error."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from botocore.exceptions import BotoCoreError, ClientError

from interview_prep.errors import AppError

P = ParamSpec("P")
R = TypeVar("R")


def plain(value: Any) -> Any:
    """DynamoDB hands numbers back as Decimal; the API speaks JSON numbers."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def decimals(value: Any) -> Any:
    """DynamoDB takes no floats: latency and cost go in as Decimals."""
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, dict):
        return {key: decimals(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decimals(item) for item in value]
    return value


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Refused(Exception):
    """A conditional write was refused (the only DynamoDB error callers decide on)."""


@contextmanager
def conditional() -> Iterator[None]:
    try:
        yield
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
            raise Refused from error
        raise


def store_errors(unavailable: Callable[[], AppError]) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Any other failure to reach DynamoDB leaves the repository as ``unavailable()``."""

    def decorate(method: Callable[P, R]) -> Callable[P, R]:
        @wraps(method)
        def translated(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return method(*args, **kwargs)
            except (ClientError, BotoCoreError) as exc:
                raise unavailable() from exc

        return translated

    return decorate
