"""Graded answers in MongoDB: the grading kind's results, queried the ways practice needs.

Attempts are stored through :class:`ResultRepository` (one per job, deleted with the
resume); this adds the listing filters and the follow-up look-ups.
"""

from __future__ import annotations

from typing import Any

from pymongo.collection import Collection

from interview_prep.models import PageCursor
from interview_prep.repositories import mongo

_NO_ID = {"_id": False}


def follow_up_key(set_id: str, follow_up_id: str) -> str:
    """What makes a follow-up id unique for its owner: the set it belongs to and the id."""
    return f"{set_id}:{follow_up_id}"


class AttemptRepository:
    @property
    def collection(self) -> Collection[mongo.Document]:
        return mongo.get_database()[mongo.ANSWER_ATTEMPTS]

    def page(
        self,
        owner: str,
        unique_key: str,
        limit: int,
        after: PageCursor | None,
        filters: dict[str, str] | None = None,
    ) -> tuple[list[dict[str, Any]], PageCursor | None]:
        """Newest first; ``filters`` narrows by ``question_id`` and ``set_id``."""
        query = {"owner": owner, "unique_key": unique_key, **(filters or {})}
        return mongo.newest_first(self.collection, query, limit, after)

    def answered(self, owner: str, unique_key: str, set_id: str, question_id: str) -> int:
        """How many attempts answered this question of the set."""
        query = {
            "owner": owner,
            "unique_key": unique_key,
            "set_id": set_id,
            "question_id": question_id,
        }
        with mongo.unavailable_as_503():
            return self.collection.count_documents(query)

    def asking(
        self, owner: str, unique_key: str, set_id: str, follow_up_id: str
    ) -> dict[str, Any] | None:
        """The attempt whose grading asked the follow-up ``follow_up_id``."""
        query = {
            "owner": owner,
            "unique_key": unique_key,
            "follow_up_key": follow_up_key(set_id, follow_up_id),
        }
        with mongo.unavailable_as_503():
            return self.collection.find_one(query, _NO_ID)
