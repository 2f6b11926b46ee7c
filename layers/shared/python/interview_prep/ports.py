"""The ports: what the services need from the outside world, as the layer defines it.

Adapters in ``repositories/`` implement them on MongoDB, DynamoDB and SQS and turn every
infrastructure failure into a domain error (``interview_prep.errors``); the unit tests
implement them in memory (``tests/fakes/ports.py``). Services import these, never boto3
or pymongo.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from interview_prep.models import PageCursor, Resume, ResumeIn
from interview_prep.models.jobs import GenerationMessage, Job, JobKind, Usage
from interview_prep.models.uploads import UploadCheck


@dataclass(frozen=True)
class StoredJob:
    """A job and its owner (the worker acts on behalf of the owner)."""

    job: Job
    owner: str


@dataclass(frozen=True)
class Claim:
    """The outcome of claiming an active-job lock."""

    acquired: bool
    #: The job holding the lock when it was not acquired; None when the lock vanished
    #: between the refused claim and the read (its holder released it: claim again).
    holder: str | None = None


@dataclass(frozen=True)
class DeadLetter:
    """A message SQS gave up on, as the dead-letter queue holds it."""

    #: None when the body is not a generation message (sent by hand, or by an older
    #: version): such a letter is never redriven.
    message: GenerationMessage | None
    body: str
    receipt_handle: str
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StoredKey:
    """An API key as the keys table holds it: a hash, never the key."""

    key_id: str
    owner: str
    key_hash: str
    created_at: str
    last_used_at: str | None = None
    revoked_at: str | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True)
class OwnerRecord:
    owner: str
    key_ids: frozenset[str] = frozenset()
    #: Quota name -> the owner's own maximum (0 = unlimited), overriding the settings.
    quotas: dict[str, int] = field(default_factory=dict)
    #: The API Gateway usage-plan key that stands for this owner (never a caller's key).
    usage_key_id: str | None = None
    usage_key: str | None = None


class KeyStore(Protocol):
    def add_key(self, key: StoredKey) -> bool: ...
    def get_key(self, key_id: str) -> StoredKey | None: ...
    def keys_of(self, owner: str) -> list[StoredKey]: ...
    def revoke(self, key_id: str, when: str) -> bool: ...
    def touch(self, key_id: str, when: str, unless_after: str) -> None: ...
    def owner(self, owner: str) -> OwnerRecord | None: ...
    def set_quotas(self, owner: str, quotas: dict[str, int | None]) -> None: ...
    def set_usage_key(self, owner: str, usage_key_id: str, usage_key: str) -> None: ...


class QuotaStore(Protocol):
    def take(
        self, owner: str, limit: str, slot_id: str, maximum: int, window_seconds: int
    ) -> int | None: ...
    def give_back(self, owner: str, limit: str, slot_id: str) -> None: ...


class ResumeStore(Protocol):
    def create(self, owner: str, content: ResumeIn, unique_key: str | None = None) -> Resume:
        """Store a new resume under a fresh key, or under ``unique_key`` (allocated earlier
        for an upload); ``ResumeKeyTaken`` if that key is taken."""
        ...

    def get(self, owner: str, unique_key: str) -> Resume | None: ...

    def list(
        self, owner: str, limit: int, after: PageCursor | None
    ) -> tuple[list[Resume], PageCursor | None]: ...

    def replace(self, owner: str, unique_key: str, content: ResumeIn) -> Resume | None: ...

    def delete(self, owner: str, unique_key: str) -> bool: ...


class ResultStore(Protocol):
    def insert(self, kind: JobKind, document: dict[str, Any]) -> bool: ...

    def by_job(self, kind: JobKind, owner: str, job_id: str) -> dict[str, Any] | None: ...

    def latest(self, kind: JobKind, owner: str, unique_key: str) -> dict[str, Any] | None: ...

    def cached(
        self, kind: JobKind, owner: str, unique_key: str, fingerprint: str
    ) -> dict[str, Any] | None: ...

    def history(
        self, kind: JobKind, owner: str, unique_key: str, limit: int, after: PageCursor | None
    ) -> tuple[list[dict[str, Any]], PageCursor | None]: ...

    def delete_for_resume(self, owner: str, unique_key: str) -> int: ...


class AttemptStore(Protocol):
    """Graded answers, queried for practice (stored through :class:`ResultStore`)."""

    def page(
        self,
        owner: str,
        unique_key: str,
        limit: int,
        after: PageCursor | None,
        filters: dict[str, str] | None = None,
    ) -> tuple[list[dict[str, Any]], PageCursor | None]: ...

    def answered(self, owner: str, unique_key: str, set_id: str, question_id: str) -> int: ...

    def asking(
        self, owner: str, unique_key: str, set_id: str, follow_up_id: str
    ) -> dict[str, Any] | None: ...


class JobStore(Protocol):
    def create(self, job: Job, owner: str) -> None: ...

    def get(self, job_id: str) -> StoredJob | None: ...

    def get_for_owner(self, owner: str, job_id: str) -> Job | None: ...

    def advance(self, job_id: str, step: int, message: str, attempt: int) -> bool: ...

    def schedule_retry(
        self,
        job_id: str,
        attempt: int,
        retry_at: datetime,
        message: str,
        attempts: list[dict[str, Any]] | None = None,
    ) -> bool: ...

    def succeed(
        self,
        job_id: str,
        provider: str,
        model: str,
        usage: Usage,
        message: str,
        attempts: list[dict[str, Any]] | None = None,
    ) -> bool: ...

    def fail(
        self, job_id: str, code: str, detail: str, attempts: list[dict[str, Any]] | None = None
    ) -> bool: ...

    def requeue(self, job_id: str) -> bool: ...

    def claim_active(self, lock_id: str, job_id: str) -> Claim: ...

    def take_over_active(self, lock_id: str, job_id: str, previous: str) -> bool: ...

    def release_active(self, lock_id: str, job_id: str) -> None: ...

    def set_latest(self, pointer_id: str, job_id: str) -> None: ...

    def latest(self, pointer_id: str) -> str | None: ...


class DeliveryQueue(Protocol):
    """What a consumer does with a message it was handed: see it again later, or now."""

    def delay(self, receipt_handle: str, seconds: float) -> int: ...

    def release(self, receipt_handle: str) -> None: ...


class MessageQueue(DeliveryQueue, Protocol):
    def send(self, message: GenerationMessage, correlation_id: str | None = None) -> None: ...

    def dead_letters(self, batch_size: int = 10) -> Iterator[DeadLetter]: ...

    def redrive(self, letter: DeadLetter) -> None: ...

    def keep(self, letter: DeadLetter) -> None: ...


class CheckQueue(Protocol):
    def send_check(self, check: UploadCheck, delay_seconds: int) -> None: ...


class ObjectStore(Protocol):
    """Uploaded files: a presigned PUT in, then read once and deleted."""

    def upload_url(self, key: str, content_type: str, expires_in: int) -> str: ...

    def size(self, key: str) -> int | None:
        """The object's size in bytes, or None when there is no such object."""
        ...

    def read(self, key: str) -> bytes | None: ...

    def delete(self, key: str) -> None: ...
