"""Per-owner quotas on work that calls a model, counted in sliding windows.

Only a job about to be queued takes a slot: a request answered from a stored result,
collapsed onto a running job or replayed by ``Idempotency-Key`` never gets this far, and
a job that could not be queued gives its slot back.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from interview_prep.config import Settings, get_settings
from interview_prep.errors import RateLimitedError
from interview_prep.models.jobs import JobKind
from interview_prep.ports import KeyStore, QuotaStore
from interview_prep.repositories.keys import KeyRepository, QuotaRepository


class QuotaLimit(StrEnum):
    QUESTIONS_PER_HOUR = "questions_per_hour"
    LEARNING_PATHS_PER_DAY = "learning_paths_per_day"
    GRADINGS_PER_HOUR = "gradings_per_hour"
    UPLOADS_PER_HOUR = "uploads_per_hour"

    @property
    def window_seconds(self) -> int:
        return 86_400 if self is QuotaLimit.LEARNING_PATHS_PER_DAY else 3_600

    def default(self, settings: Settings) -> int:
        maximum: int = getattr(settings, f"quota_{self.value}")
        return maximum


LIMIT_OF_KIND = {
    JobKind.INTERVIEW_QUESTIONS: QuotaLimit.QUESTIONS_PER_HOUR,
    JobKind.LEARNING_PATH: QuotaLimit.LEARNING_PATHS_PER_DAY,
    JobKind.RESUME_UPLOAD: QuotaLimit.UPLOADS_PER_HOUR,
    JobKind.ANSWER_GRADING: QuotaLimit.GRADINGS_PER_HOUR,
}


@dataclass(frozen=True)
class Slot:
    """A counted job, to give back if it is never queued."""

    owner: str
    limit: QuotaLimit
    job_id: str


class Quotas:
    def __init__(self, windows: QuotaStore | None = None, owners: KeyStore | None = None):
        self.windows = windows or QuotaRepository()
        self.owners = owners or KeyRepository()

    def maximum(self, owner: str, limit: QuotaLimit) -> int:
        """The owner's own maximum if set, else the setting's (0 = unlimited)."""
        record = self.owners.owner(owner)
        if record is not None and limit.value in record.quotas:
            return record.quotas[limit.value]
        return limit.default(get_settings())

    def take(self, owner: str, kind: JobKind, job_id: str) -> Slot | None:
        """Count the job against the owner's quota; :class:`RateLimitedError` when full,
        None when the quota is unlimited (nothing to give back)."""
        limit = LIMIT_OF_KIND[kind]
        maximum = self.maximum(owner, limit)
        if maximum == 0:
            return None
        wait = self.windows.take(owner, limit.value, job_id, maximum, limit.window_seconds)
        if wait is not None:
            raise RateLimitedError(limit.value, maximum, limit.window_seconds, wait)
        return Slot(owner, limit, job_id)

    def give_back(self, slot: Slot | None) -> None:
        if slot is not None:
            self.windows.give_back(slot.owner, slot.limit.value, slot.job_id)
