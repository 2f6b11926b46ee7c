"""In-memory implementations of the layer's ports (``interview_prep.ports``), for unit tests.

Each fake keeps the semantics of its adapter in ``repositories/`` (owner scoping, the
conditional job writes, one result per job, newest-first pages), so a service tested on
them behaves as it does on MongoDB, DynamoDB and SQS. Every fake can be told to fail
(``fail_with``) so the services' failure branches are reachable, and a few hooks let a
test interleave "another worker" between two calls the service makes.
"""

from __future__ import annotations

import copy
import itertools
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal

from interview_prep.errors import QueueUnavailableError, ResumeKeyTaken
from interview_prep.llm.base import (
    Attempt,
    ErrorClass,
    GenerationRequest,
    GenerationResult,
    ProviderError,
)
from interview_prep.llm.breaker import BreakerState, BreakerStoreUnavailable
from interview_prep.models import PageCursor, Resume, ResumeIn
from interview_prep.models.jobs import GenerationMessage, Job, JobKind, JobStatus, Usage
from interview_prep.models.uploads import UploadCheck
from interview_prep.ports import Claim, DeadLetter, OwnerRecord, StoredJob, StoredKey
from interview_prep.repositories import mongo
from interview_prep.repositories.jobs import TOTAL_STEPS
from interview_prep.repositories.queue import MAX_DELAY_SECONDS
from interview_prep.services.jobs import JobService
from interview_prep.services.parsing import UploadWorker
from interview_prep.services.practice import PracticeService
from interview_prep.services.quotas import Quotas
from interview_prep.services.resumes import ResumeService
from interview_prep.services.retry import RetryPolicy
from interview_prep.services.uploads import UploadService
from interview_prep.services.worker import GenerationWorker

_ACTIVE = (JobStatus.QUEUED.value, JobStatus.RUNNING.value)
#: Listing positions that only grow, so "newest first" never depends on a clock tick.
_positions = itertools.count(1)


def _stamp() -> str:
    """Time as the job adapter writes it (ISO 8601, milliseconds, Z)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _page(
    documents: list[dict[str, Any]], limit: int, after: PageCursor | None
) -> tuple[list[dict[str, Any]], PageCursor | None]:
    """Newest first after the cursor, as the Mongo adapters query (``$lt`` + limit + 1)."""
    ordered = sorted(documents, key=lambda d: d["listing_position"], reverse=True)
    if after is not None:
        ordered = [d for d in ordered if d["listing_position"] < after.position]
    found = ordered[: limit + 1]
    page = found[:limit]
    more = len(found) > limit
    return page, PageCursor(position=int(page[-1]["listing_position"])) if more else None


class _Failing:
    """``fail_with`` set: every call raises it (the adapter's domain error, e.g. a 503)."""

    fail_with: Exception | None = None

    def _reachable(self) -> None:
        if self.fail_with is not None:
            raise self.fail_with


# --- MongoDB ---------------------------------------------------------------------------


class FakeResumeStore(_Failing):
    """``ResumeStore``: another owner's resume does not exist."""

    def __init__(self) -> None:
        self.documents: list[dict[str, Any]] = []

    def _find(self, owner: str, unique_key: str) -> dict[str, Any] | None:
        return next(
            (d for d in self.documents if d["owner"] == owner and d["unique_key"] == unique_key),
            None,
        )

    def create(self, owner: str, content: ResumeIn, unique_key: str | None = None) -> Resume:
        self._reachable()
        if unique_key is not None and any(d["unique_key"] == unique_key for d in self.documents):
            raise ResumeKeyTaken(unique_key)
        now = mongo.now()
        document = {
            **content.model_dump(mode="json"),
            "unique_key": unique_key or secrets.token_urlsafe(16),
            "owner": owner,
            "created_at": now,
            "updated_at": now,
            "listing_position": next(_positions),
        }
        self.documents.append(document)
        return Resume.model_validate(document)

    def get(self, owner: str, unique_key: str) -> Resume | None:
        self._reachable()
        found = self._find(owner, unique_key)
        return Resume.model_validate(found) if found else None

    def list(
        self, owner: str, limit: int, after: PageCursor | None
    ) -> tuple[list[Resume], PageCursor | None]:
        self._reachable()
        page, following = _page([d for d in self.documents if d["owner"] == owner], limit, after)
        return [Resume.model_validate(d) for d in page], following

    def replace(self, owner: str, unique_key: str, content: ResumeIn) -> Resume | None:
        self._reachable()
        found = self._find(owner, unique_key)
        if found is None:
            return None
        found.update({**content.model_dump(mode="json"), "updated_at": mongo.now()})
        return Resume.model_validate(found)

    def delete(self, owner: str, unique_key: str) -> bool:
        self._reachable()
        found = self._find(owner, unique_key)
        if found is None:
            return False
        self.documents.remove(found)
        return True


class FakeResultStore(_Failing):
    """``ResultStore``: one collection per kind, a unique ``job_id`` in each."""

    def __init__(self) -> None:
        self.collections: dict[JobKind, list[dict[str, Any]]] = {kind: [] for kind in JobKind}

    def insert(self, kind: JobKind, document: dict[str, Any]) -> bool:
        self._reachable()
        stored = self.collections[kind]
        if any(d["job_id"] == document["job_id"] for d in stored):
            return False  # the unique index: a second insert for a job is a no-op
        if "follow_up_key" in document and any(
            (d["owner"], d.get("follow_up_key")) == (document["owner"], document["follow_up_key"])
            for d in stored
        ):
            return False  # the attempts' unique follow-up id
        stored.append(copy.deepcopy(document))
        return True

    def by_job(self, kind: JobKind, owner: str, job_id: str) -> dict[str, Any] | None:
        self._reachable()
        return next(
            (
                copy.deepcopy(d)
                for d in self.collections[kind]
                if d["owner"] == owner and d["job_id"] == job_id
            ),
            None,
        )

    def latest(self, kind: JobKind, owner: str, unique_key: str) -> dict[str, Any] | None:
        found, _ = self.history(kind, owner, unique_key, 1, None)
        return found[0] if found else None

    def cached(
        self, kind: JobKind, owner: str, unique_key: str, fingerprint: str
    ) -> dict[str, Any] | None:
        self._reachable()
        matching = [
            d for d in self._of(kind, owner, unique_key) if d.get("fingerprint") == fingerprint
        ]
        page, _ = _page(matching, 1, None)
        return copy.deepcopy(page[0]) if page else None

    def history(
        self, kind: JobKind, owner: str, unique_key: str, limit: int, after: PageCursor | None
    ) -> tuple[list[dict[str, Any]], PageCursor | None]:
        self._reachable()
        page, following = _page(self._of(kind, owner, unique_key), limit, after)
        return copy.deepcopy(page), following

    def delete_for_resume(self, owner: str, unique_key: str) -> int:
        self._reachable()
        deleted = 0
        for kind, stored in self.collections.items():
            kept = [d for d in stored if (d["owner"], d["unique_key"]) != (owner, unique_key)]
            deleted += len(stored) - len(kept)
            self.collections[kind] = kept
        return deleted

    def _of(self, kind: JobKind, owner: str, unique_key: str) -> list[dict[str, Any]]:
        return [
            d
            for d in self.collections[kind]
            if d["owner"] == owner and d["unique_key"] == unique_key
        ]

    def all(self, kind: JobKind) -> list[dict[str, Any]]:
        """Every stored result of one kind, whoever owns it (for assertions)."""
        return copy.deepcopy(self.collections[kind])


class FakeAttemptStore(_Failing):
    """``AttemptStore`` over the fake result store's grading collection, as the Mongo
    adapter queries the same collection the results adapter writes."""

    def __init__(self, results: FakeResultStore) -> None:
        self.results = results

    def _of(self, owner: str, unique_key: str, **fields: str) -> list[dict[str, Any]]:
        self._reachable()
        return [
            d
            for d in self.results.collections[JobKind.ANSWER_GRADING]
            if d["owner"] == owner
            and d["unique_key"] == unique_key
            and all(d.get(name) == value for name, value in fields.items())
        ]

    def page(
        self,
        owner: str,
        unique_key: str,
        limit: int,
        after: PageCursor | None,
        filters: dict[str, str] | None = None,
    ) -> tuple[list[dict[str, Any]], PageCursor | None]:
        page, following = _page(self._of(owner, unique_key, **(filters or {})), limit, after)
        return copy.deepcopy(page), following

    def answered(self, owner: str, unique_key: str, set_id: str, question_id: str) -> int:
        return len(self._of(owner, unique_key, set_id=set_id, question_id=question_id))

    def asking(
        self, owner: str, unique_key: str, set_id: str, follow_up_id: str
    ) -> dict[str, Any] | None:
        key = f"{set_id}:{follow_up_id}"
        found = self._of(owner, unique_key, follow_up_key=key)
        return copy.deepcopy(found[0]) if found else None


# --- DynamoDB --------------------------------------------------------------------------


class FakeJobStore(_Failing):
    """``JobStore`` with the job table's conditional writes.

    Items are kept as the adapter writes them (JSON values) and read back through the
    model, so a value the model cannot read fails here as it would in DynamoDB.
    """

    def __init__(self) -> None:
        self.items: dict[str, dict[str, Any]] = {}
        #: ``active#…`` pointers: lock id -> the job holding it.
        self.locks: dict[str, str] = {}
        #: ``latest#…`` pointers: pointer id -> the last job started.
        self.pointers: dict[str, str] = {}
        self.claims = 0
        #: Called between a refused claim and its read (another instance acts in between).
        self.on_claim_refused: Callable[[str], None] | None = None
        #: Called before a takeover's conditional put.
        self.before_take_over: Callable[[str], None] | None = None
        #: Called with (job_id, step) before an ``advance`` is evaluated.
        self.on_advance: Callable[[str, int], None] | None = None

    # --- jobs ----------------------------------------------------------------------------

    def create(self, job: Job, owner: str) -> None:
        self._reachable()
        if job.job_id in self.items:
            raise AssertionError(f"job {job.job_id} created twice")  # uuid4 ids never collide
        self.items[job.job_id] = {**job.model_dump(mode="json"), "owner": owner}

    def get(self, job_id: str) -> StoredJob | None:
        self._reachable()
        item = self.items.get(job_id)
        if item is None:
            return None
        return StoredJob(Job.model_validate(item), str(item["owner"]))

    def get_for_owner(self, owner: str, job_id: str) -> Job | None:
        found = self.get(job_id)
        return found.job if found and found.owner == owner else None

    def job(self, job_id: str) -> Job:
        """A job that must exist (for assertions)."""
        found = self.get(job_id)
        assert found is not None, f"no job {job_id}"
        return found.job

    def _update(self, job_id: str, values: dict[str, Any], allowed: Callable[..., bool]) -> bool:
        self._reachable()
        item = self.items.get(job_id)
        if item is None or not allowed(item):  # a condition on a missing item fails too
            return False
        item.update(copy.deepcopy(values))
        return True

    def advance(self, job_id: str, step: int, message: str, attempt: int) -> bool:
        if self.on_advance is not None:
            self.on_advance(job_id, step)
        values = {
            "status": JobStatus.RUNNING.value,
            "step": step,
            "percent": round(step * 100 / TOTAL_STEPS),
            "message": message,
            "attempt": attempt,
            "next_retry_at": None,
            "updated_at": _stamp(),
        }
        return self._update(
            job_id, values, lambda item: item["status"] in _ACTIVE and item["step"] <= step
        )

    def schedule_retry(
        self,
        job_id: str,
        attempt: int,
        retry_at: datetime,
        message: str,
        attempts: list[dict[str, Any]] | None = None,
    ) -> bool:
        values = {
            "status": JobStatus.RUNNING.value,
            "attempt": attempt,
            "next_retry_at": retry_at.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "message": message,
            "updated_at": _stamp(),
        }
        return self._finish_or_progress(job_id, values, attempts)

    def succeed(
        self,
        job_id: str,
        provider: str,
        model: str,
        usage: Usage,
        message: str,
        attempts: list[dict[str, Any]] | None = None,
    ) -> bool:
        values = {
            "status": JobStatus.SUCCEEDED.value,
            "step": TOTAL_STEPS,
            "percent": 100,
            "message": message,
            "provider": provider,
            "model": model,
            "usage": usage.model_dump(),
            "next_retry_at": None,
            "updated_at": _stamp(),
        }
        return self._finish_or_progress(job_id, values, attempts)

    def fail(
        self, job_id: str, code: str, detail: str, attempts: list[dict[str, Any]] | None = None
    ) -> bool:
        values = {
            "status": JobStatus.FAILED.value,
            "message": detail,
            "error": {"code": code, "detail": detail},
            "next_retry_at": None,
            "updated_at": _stamp(),
        }
        return self._finish_or_progress(job_id, values, attempts)

    def _finish_or_progress(
        self, job_id: str, values: dict[str, Any], attempts: list[dict[str, Any]] | None
    ) -> bool:
        if attempts:
            values = {**values, "attempts": attempts}
        return self._update(job_id, values, lambda item: item["status"] in _ACTIVE)

    def requeue(self, job_id: str) -> bool:
        values = {
            "status": JobStatus.QUEUED.value,
            "step": 0,
            "percent": 0,
            "message": "Queued again by redrive",
            "error": None,
            "next_retry_at": None,
            "updated_at": _stamp(),
        }
        return self._update(job_id, values, lambda item: item["status"] == JobStatus.FAILED.value)

    # --- pointers ------------------------------------------------------------------------

    def claim_active(self, lock_id: str, job_id: str) -> Claim:
        self._reachable()
        self.claims += 1
        if lock_id not in self.locks:
            self.locks[lock_id] = job_id
            return Claim(acquired=True)
        if self.on_claim_refused is not None:
            self.on_claim_refused(lock_id)
        return Claim(acquired=False, holder=self.locks.get(lock_id))

    def take_over_active(self, lock_id: str, job_id: str, previous: str) -> bool:
        self._reachable()
        if self.before_take_over is not None:
            self.before_take_over(lock_id)
        if self.locks.get(lock_id) != previous:
            return False
        self.locks[lock_id] = job_id
        return True

    def release_active(self, lock_id: str, job_id: str) -> None:
        self._reachable()
        if self.locks.get(lock_id) == job_id:  # another job's lock stays
            del self.locks[lock_id]

    def set_latest(self, pointer_id: str, job_id: str) -> None:
        self._reachable()
        self.pointers[pointer_id] = job_id

    def latest(self, pointer_id: str) -> str | None:
        self._reachable()
        return self.pointers.get(pointer_id)


# --- SQS -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    message: GenerationMessage
    correlation_id: str | None


class FakeQueue(_Failing):
    """``MessageQueue``: records what the services asked of SQS, holds the dead letters."""

    def __init__(self) -> None:
        self.sent: list[Sent] = []
        #: receipt handle -> the visibility delay last applied (capped as SQS caps it).
        self.delays: dict[str, int] = {}
        self.released: list[str] = []
        self.kept: list[str] = []
        #: ``send`` raises QueueUnavailableError (the adapter's error for any SQS failure).
        self.fail_sends = False
        self._dead: list[DeadLetter] = []
        self._in_flight: set[str] = set()
        self._handles = itertools.count(1)

    def send(self, message: GenerationMessage, correlation_id: str | None = None) -> None:
        self._reachable()
        if self.fail_sends:
            raise QueueUnavailableError()
        self.sent.append(Sent(message, correlation_id))

    def delay(self, receipt_handle: str, seconds: float) -> int:
        self._reachable()
        applied = max(0, min(round(seconds), MAX_DELAY_SECONDS))
        self.delays[receipt_handle] = applied
        return applied

    def release(self, receipt_handle: str) -> None:
        self._reachable()
        self.released.append(receipt_handle)

    # --- the dead-letter queue ------------------------------------------------------------

    def add_dead_letter(
        self, message: GenerationMessage | str, correlation_id: str | None = None
    ) -> DeadLetter:
        """A letter holding ``message``, or a raw body that is not one."""
        attributes: dict[str, Any] = {}
        if correlation_id:
            attributes["correlation_id"] = {"DataType": "String", "StringValue": correlation_id}
        body = message if isinstance(message, str) else message.model_dump_json()
        letter = DeadLetter(
            message=None if isinstance(message, str) else message,
            body=body,
            receipt_handle=f"dlq-{next(self._handles)}",
            attributes=attributes,
        )
        self._dead.append(letter)
        return letter

    @property
    def dead(self) -> list[DeadLetter]:
        return list(self._dead)

    def dead_letters(self, batch_size: int = 10) -> Iterator[DeadLetter]:
        """Each visible letter once; a received one stays hidden until kept or deleted."""
        while batch := [d for d in self._dead if d.receipt_handle not in self._in_flight][
            :batch_size
        ]:
            self._reachable()
            self._in_flight.update(d.receipt_handle for d in batch)
            yield from batch

    def redrive(self, letter: DeadLetter) -> None:
        self._reachable()
        attribute = letter.attributes.get("correlation_id") or {}
        self.send(GenerationMessage.model_validate_json(letter.body), attribute.get("StringValue"))
        self._dead = [d for d in self._dead if d.receipt_handle != letter.receipt_handle]
        self._in_flight.discard(letter.receipt_handle)

    def keep(self, letter: DeadLetter) -> None:
        self._reachable()
        self.kept.append(letter.message.job_id if letter.message else letter.body)
        self._in_flight.discard(letter.receipt_handle)


@dataclass
class ScheduledCheck:
    check: UploadCheck
    delay_seconds: int


class FakeCheckQueue(_Failing):
    """``CheckQueue`` and ``DeliveryQueue`` of the upload queue."""

    def __init__(self) -> None:
        self.checks: list[ScheduledCheck] = []
        self.delays: dict[str, int] = {}
        self.released: list[str] = []
        self.fail_sends = False

    def send_check(self, check: UploadCheck, delay_seconds: int) -> None:
        self._reachable()
        if self.fail_sends:
            raise QueueUnavailableError()
        self.checks.append(ScheduledCheck(check, delay_seconds))

    def delay(self, receipt_handle: str, seconds: float) -> int:
        self._reachable()
        self.delays[receipt_handle] = round(seconds)
        return round(seconds)

    def release(self, receipt_handle: str) -> None:
        self._reachable()
        self.released.append(receipt_handle)


# --- S3 --------------------------------------------------------------------------------


class FakeObjectStore(_Failing):
    """``ObjectStore``: a bucket in a dict; a URL names its key and content type."""

    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}
        self.deleted: list[str] = []
        self.signed: list[tuple[str, str, int]] = []

    def upload_url(self, key: str, content_type: str, expires_in: int) -> str:
        self._reachable()
        self.signed.append((key, content_type, expires_in))
        return f"https://uploads.example.test/{key}?signed=1"

    def put(self, key: str, data: bytes) -> None:
        """The client's PUT to the presigned URL."""
        self.objects[key] = data

    def size(self, key: str) -> int | None:
        self._reachable()
        found = self.objects.get(key)
        return None if found is None else len(found)

    def read(self, key: str) -> bytes | None:
        self._reachable()
        return self.objects.get(key)

    def delete(self, key: str) -> None:
        self._reachable()
        self.objects.pop(key, None)
        self.deleted.append(key)


# --- keys, owners and quota windows ----------------------------------------------------


@dataclass
class FakeKeyStore:
    """``KeyStore`` in memory, with the keys table's semantics."""

    keys: dict[str, StoredKey] = field(default_factory=dict)
    owners: dict[str, OwnerRecord] = field(default_factory=dict)
    unavailable: bool = False

    def _reachable(self) -> None:
        if self.unavailable:
            from interview_prep.errors import KeyStoreUnavailableError

            raise KeyStoreUnavailableError()

    def add_key(self, key: StoredKey) -> bool:
        self._reachable()
        if key.key_id in self.keys:
            return False
        self.keys[key.key_id] = key
        record = self.owners.get(key.owner, OwnerRecord(owner=key.owner))
        self.owners[key.owner] = replace(record, key_ids=record.key_ids | {key.key_id})
        return True

    def get_key(self, key_id: str) -> StoredKey | None:
        self._reachable()
        return self.keys.get(key_id)

    def keys_of(self, owner: str) -> list[StoredKey]:
        self._reachable()
        return sorted(
            (k for k in self.keys.values() if k.owner == owner), key=lambda k: k.created_at
        )

    def revoke(self, key_id: str, when: str) -> bool:
        self._reachable()
        if key_id not in self.keys:
            return False
        key = self.keys[key_id]
        self.keys[key_id] = replace(key, revoked_at=key.revoked_at or when)
        return True

    def touch(self, key_id: str, when: str, unless_after: str) -> None:
        self._reachable()
        key = self.keys.get(key_id)
        if key and (key.last_used_at is None or key.last_used_at < unless_after):
            self.keys[key_id] = replace(key, last_used_at=when)

    def owner(self, owner: str) -> OwnerRecord | None:
        self._reachable()
        return self.owners.get(owner)

    def set_quotas(self, owner: str, quotas: dict[str, int | None]) -> None:
        self._reachable()
        record = self.owners.get(owner, OwnerRecord(owner=owner))
        merged = dict(record.quotas) | {k: v for k, v in quotas.items() if v is not None}
        for name in (k for k, v in quotas.items() if v is None):
            merged.pop(name, None)
        self.owners[owner] = replace(record, quotas=merged)

    def set_usage_key(self, owner: str, usage_key_id: str, usage_key: str) -> None:
        record = self.owners.get(owner, OwnerRecord(owner=owner))
        self.owners[owner] = replace(record, usage_key_id=usage_key_id, usage_key=usage_key)


@dataclass
class FakeQuotaStore:
    """``QuotaStore`` in memory: sliding windows of job start times, on a settable clock."""

    windows: dict[tuple[str, str], dict[str, float]] = field(default_factory=dict)
    now: float = 1_000_000.0
    unavailable: bool = False

    def take(
        self, owner: str, limit: str, slot_id: str, maximum: int, window_seconds: int
    ) -> int | None:
        if self.unavailable:
            from interview_prep.errors import KeyStoreUnavailableError

            raise KeyStoreUnavailableError()
        slots = {
            job: started
            for job, started in self.windows.get((owner, limit), {}).items()
            if started > self.now - window_seconds
        }
        if len(slots) >= maximum:
            return max(1, int(min(slots.values()) + window_seconds - self.now) + 1)
        self.windows[(owner, limit)] = slots | {slot_id: self.now}
        return None

    def give_back(self, owner: str, limit: str, slot_id: str) -> None:
        self.windows.get((owner, limit), {}).pop(slot_id, None)

    def counted(self, owner: str, limit: str) -> int:
        return len(self.windows.get((owner, limit), {}))


# --- the circuit breakers' shared state ---------------------------------------------


@dataclass
class FakeBreakerStore:
    """``BreakerStore`` with the DynamoDB store's semantics (the probe claim is conditional)."""

    states: dict[str, BreakerState] = field(default_factory=dict)
    unavailable: set[str] = field(default_factory=set)  # methods that raise

    def _reachable(self, method: str) -> None:
        if method in self.unavailable:
            raise BreakerStoreUnavailable(method)

    def load(self, name: str) -> BreakerState:
        self._reachable("load")
        return self.states.get(name, BreakerState())

    def add_failure(self, name: str, now: float) -> int:
        self._reachable("add_failure")
        state = self.load(name)
        self.states[name] = replace(state, failures=state.failures + 1)
        return state.failures + 1

    def open(self, name: str, now: float) -> None:
        self._reachable("open")
        self.states[name] = replace(self.load(name), opened_at=now)

    def reset(self, name: str) -> None:
        self._reachable("reset")
        self.states[name] = BreakerState()

    def claim_probe(self, name: str, now: float, opened_before: float) -> bool:
        self._reachable("claim_probe")
        state = self.load(name)
        if state.opened_at is None or state.opened_at > opened_before:
            return False  # ConditionExpression "opened_at <= :before" refused
        self.states[name] = replace(state, opened_at=now)
        return True


# --- the LLM provider and the HTTP links ------------------------------------------------

#: What one scripted call does: answer with the offline generator's output ("ok"), answer
#: with output the quality gate rejects ("broken"), or raise the given exception.
Outcome = Literal["ok", "broken"] | Exception


def broken_answer(request: GenerationRequest) -> dict[str, Any]:
    """Schema-valid output that breaks the gate: one question (or path) short of the plan."""
    data = request.offline_answer() if request.offline_answer else {}
    key = "questions" if request.kind is JobKind.INTERVIEW_QUESTIONS else "paths"
    return {**data, key: data[key][:-1]}


def transient_error(*, rate_limited: bool = False) -> ProviderError:
    error_class = ErrorClass.RATE_LIMITED if rate_limited else ErrorClass.SERVER_ERROR
    return ProviderError("fake", "vendor unavailable", error_class=error_class)


def permanent_error() -> ProviderError:
    return ProviderError("fake", "key refused", error_class=ErrorClass.AUTH)


@dataclass
class FakeProvider:
    """``llm.base.Provider`` that plays a script, then ``default`` for every later call."""

    script: list[Outcome] = field(default_factory=list)
    default: Outcome = "ok"
    name: str = "fake"
    model: str = "fake-model-1"
    requests: list[GenerationRequest] = field(default_factory=list)

    def generate(self, request: GenerationRequest) -> GenerationResult:
        self.requests.append(request)
        outcome = self.script.pop(0) if self.script else self.default
        if isinstance(outcome, Exception):
            raise outcome
        if outcome == "broken":
            data = broken_answer(request)
        else:
            assert request.offline_answer is not None
            data = request.offline_answer()
        usage = Usage(input_tokens=100, output_tokens=200)
        return GenerationResult(data=data, provider=self.name, model=self.model, usage=usage)

    @property
    def calls(self) -> int:
        return len(self.requests)


def failed_attempt(error_class: ErrorClass) -> Attempt:
    return Attempt(provider="fake", model="fake-model-1", outcome="failed", error_class=error_class)


class FakeLinks:
    """``JobLinks``: URLs only need to be recognisable."""

    def status(self, job_id: str) -> str:
        return f"/jobs/{job_id}"

    def result(self, kind: JobKind, unique_key: str, job_id: str) -> str:
        return f"/resumes/{unique_key}/{kind.value}?job_id={job_id}"

    def resume(self, unique_key: str) -> str:
        return f"/resumes/{unique_key}"


@dataclass
class World:
    """One set of fakes, wired into the services the way the functions wire the adapters."""

    jobs: FakeJobStore = field(default_factory=FakeJobStore)
    results: FakeResultStore = field(default_factory=FakeResultStore)
    resumes: FakeResumeStore = field(default_factory=FakeResumeStore)
    queue: FakeQueue = field(default_factory=FakeQueue)
    provider: FakeProvider = field(default_factory=FakeProvider)
    links: FakeLinks = field(default_factory=FakeLinks)
    keys: FakeKeyStore = field(default_factory=FakeKeyStore)
    windows: FakeQuotaStore = field(default_factory=FakeQuotaStore)
    objects: FakeObjectStore = field(default_factory=FakeObjectStore)
    upload_queue: FakeCheckQueue = field(default_factory=FakeCheckQueue)
    attempts: FakeAttemptStore = field(init=False)

    def __post_init__(self) -> None:
        self.attempts = FakeAttemptStore(self.results)

    def job_service(self) -> JobService:
        resumes = ResumeService(self.resumes, self.results)  # type: ignore[arg-type]
        quotas = Quotas(self.windows, self.keys)
        return JobService(self.jobs, self.results, resumes, self.queue, quotas, self.attempts)

    def worker(self, retry: RetryPolicy | None = None) -> GenerationWorker:
        return GenerationWorker(
            self.jobs,
            self.results,
            self.resumes,
            self.queue,
            lambda: self.provider,
            retry,
            self.attempts,
        )

    def practice_service(self) -> PracticeService:
        resumes = ResumeService(self.resumes, self.results)  # type: ignore[arg-type]
        return PracticeService(self.job_service(), self.results, self.attempts, resumes)

    def upload_service(self) -> UploadService:
        quotas = Quotas(self.windows, self.keys)
        return UploadService(self.jobs, self.objects, self.upload_queue, quotas)

    def upload_worker(self, retry: RetryPolicy | None = None) -> UploadWorker:
        return UploadWorker(
            self.jobs, self.resumes, self.objects, self.upload_queue, lambda: self.provider, retry
        )
