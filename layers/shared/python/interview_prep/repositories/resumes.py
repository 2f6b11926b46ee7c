"""Resumes in MongoDB. Every method takes the owner; another owner's resume does not exist."""

from __future__ import annotations

import secrets

from pymongo import ReturnDocument
from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

from interview_prep.errors import DatabaseUnavailableError, ResumeKeyTaken
from interview_prep.models import PageCursor, Resume, ResumeIn
from interview_prep.observability import logger
from interview_prep.repositories import mongo

_KEY_BYTES = 16  # 128 bits of randomness
_NO_ID = {"_id": False}


def new_unique_key() -> str:
    """Random, URL-safe and unguessable; never derived from anything in the resume."""
    return secrets.token_urlsafe(_KEY_BYTES)


class ResumeRepository:
    @property
    def collection(self) -> Collection[mongo.Document]:
        # Looked up per call (cheap: the client is cached) so configuration changes apply.
        return mongo.get_database()[mongo.RESUMES]

    def create(
        self, owner: str, content: ResumeIn, unique_key: str | None = None, attempts: int = 3
    ) -> Resume:
        now = mongo.now()
        fields = content.model_dump(mode="json")
        for attempt in range(attempts):
            document = {
                **fields,
                "unique_key": unique_key or new_unique_key(),
                "owner": owner,
                "created_at": now,
                "updated_at": now,
                "listing_position": mongo.listing_position(now),
            }
            try:
                with mongo.unavailable_as_503():
                    self.collection.insert_one(document)
                return Resume.model_validate(document)
            except DuplicateKeyError:
                if unique_key is not None and self._key_taken(unique_key):
                    raise ResumeKeyTaken(unique_key) from None
                # Fresh key and position; the unique indexes, not luck, guarantee uniqueness.
                logger.warning("resume key or position taken; retrying", extra={"try": attempt})
        raise DatabaseUnavailableError()  # only a broken index or clock collides every time

    def _key_taken(self, unique_key: str) -> bool:
        with mongo.unavailable_as_503():
            return self.collection.count_documents({"unique_key": unique_key}, limit=1) > 0

    def get(self, owner: str, unique_key: str) -> Resume | None:
        with mongo.unavailable_as_503():
            found = self.collection.find_one({"owner": owner, "unique_key": unique_key}, _NO_ID)
        return Resume.model_validate(found) if found else None

    def list(
        self, owner: str, limit: int, after: PageCursor | None
    ) -> tuple[list[Resume], PageCursor | None]:
        """Newest first; returns the page and the cursor of the next one (None on the last)."""
        page, following = mongo.newest_first(self.collection, {"owner": owner}, limit, after)
        return [Resume.model_validate(document) for document in page], following

    def replace(self, owner: str, unique_key: str, content: ResumeIn) -> Resume | None:
        """Replace every client-owned field; ``created_at`` stays, ``updated_at`` moves."""
        update = {**content.model_dump(mode="json"), "updated_at": mongo.now()}
        with mongo.unavailable_as_503():
            found = self.collection.find_one_and_update(
                {"owner": owner, "unique_key": unique_key},
                {"$set": update},
                projection=_NO_ID,
                return_document=ReturnDocument.AFTER,
            )
        return Resume.model_validate(found) if found else None

    def delete(self, owner: str, unique_key: str) -> bool:
        with mongo.unavailable_as_503():
            result = self.collection.delete_one({"owner": owner, "unique_key": unique_key})
        return result.deleted_count == 1
