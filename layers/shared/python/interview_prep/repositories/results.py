"""Generated results (question sets, learning paths) in MongoDB, one collection per kind.

A result is stored exactly once per job: a unique index on ``job_id`` turns a second
insert (a redelivered message, a worker that died after storing) into a no-op.
"""

from __future__ import annotations

from typing import Any

from pymongo import DESCENDING
from pymongo.collection import Collection
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from interview_prep.models import PageCursor
from interview_prep.models.jobs import JobKind
from interview_prep.repositories import mongo

COLLECTIONS = {
    JobKind.INTERVIEW_QUESTIONS: mongo.INTERVIEWS,
    JobKind.LEARNING_PATH: mongo.LEARNING_PATHS,
    #: A grading's result is the graded attempt.
    JobKind.ANSWER_GRADING: mongo.ANSWER_ATTEMPTS,
}
_NO_ID = {"_id": False}


class ResultRepository:
    @property
    def database(self) -> Database[mongo.Document]:
        return mongo.get_database()

    def collection(self, kind: JobKind) -> Collection[mongo.Document]:
        return self.database[COLLECTIONS[kind]]

    def insert(self, kind: JobKind, document: dict[str, Any]) -> bool:
        """Store a result; False when this job's result was already stored."""
        try:
            with mongo.unavailable_as_503():
                self.collection(kind).insert_one(dict(document))
        except DuplicateKeyError:
            return False
        return True

    def by_job(self, kind: JobKind, owner: str, job_id: str) -> dict[str, Any] | None:
        with mongo.unavailable_as_503():
            return self.collection(kind).find_one({"owner": owner, "job_id": job_id}, _NO_ID)

    def latest(self, kind: JobKind, owner: str, unique_key: str) -> dict[str, Any] | None:
        found, _ = self.history(kind, owner, unique_key, 1, None)
        return found[0] if found else None

    def cached(
        self, kind: JobKind, owner: str, unique_key: str, fingerprint: str
    ) -> dict[str, Any] | None:
        """The newest result made from the same resume content, parameters and prompt."""
        query = {"owner": owner, "unique_key": unique_key, "fingerprint": fingerprint}
        with mongo.unavailable_as_503():
            return self.collection(kind).find_one(
                query, _NO_ID, sort=[("listing_position", DESCENDING)]
            )

    def history(
        self, kind: JobKind, owner: str, unique_key: str, limit: int, after: PageCursor | None
    ) -> tuple[list[dict[str, Any]], PageCursor | None]:
        query = {"owner": owner, "unique_key": unique_key}
        return mongo.newest_first(self.collection(kind), query, limit, after)

    def delete_for_resume(self, owner: str, unique_key: str) -> int:
        """Delete everything generated from one resume; returns how many results went."""
        deleted = 0
        with mongo.unavailable_as_503():
            for name in mongo.RESULT_COLLECTIONS:
                result = self.database[name].delete_many({"owner": owner, "unique_key": unique_key})
                deleted += result.deleted_count
        return deleted
