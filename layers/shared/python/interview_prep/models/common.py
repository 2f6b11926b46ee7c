from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime
from typing import Annotated, Generic, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    Strict,
    ValidationError,
)

T = TypeVar("T")


def _as_utc(value: datetime) -> datetime:
    # BSON dates are UTC by definition; some drivers and servers hand them back naive.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _iso_millis(value: datetime) -> str:
    return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")


#: A JSON integer as the schema says: no ``true``, ``"30"`` or ``30.5`` read as a number.
Integer = Annotated[int, Strict()]
#: A JSON boolean: no ``"true"``, ``1`` or ``0``.
Boolean = Annotated[bool, Strict()]

#: A UTC timestamp written as ISO 8601 with milliseconds, as MongoDB stores it.
Timestamp = Annotated[
    datetime, AfterValidator(_as_utc), PlainSerializer(_iso_millis, return_type=str)
]


class Page(BaseModel, Generic[T]):
    """One page of a newest-first listing; pass ``next_cursor`` back as ``cursor`` for the next."""

    items: list[T]
    next_cursor: str | None = None


class PageCursor(BaseModel):
    """Position after the last item of a page (that item's listing position)."""

    model_config = ConfigDict(frozen=True)

    position: int = Field(ge=0)

    def encode(self) -> str:
        return base64.urlsafe_b64encode(self.model_dump_json().encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> PageCursor:
        """Parse a token made by :meth:`encode`; raises ``ValueError`` for anything else."""
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            return cls.model_validate_json(raw)
        except (binascii.Error, ValidationError, UnicodeDecodeError) as exc:
            raise ValueError("not a cursor returned by this API") from exc
