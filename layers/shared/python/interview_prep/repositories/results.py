"""Generated results (interview question sets, learning paths) stored per resume."""

from __future__ import annotations

from pymongo.database import Database

from interview_prep.repositories import mongo


class ResultRepository:
    @property
    def database(self) -> Database[mongo.Document]:
        return mongo.get_database()

    def delete_for_resume(self, owner: str, unique_key: str) -> int:
        """Delete everything generated from one resume; returns how many results went."""
        deleted = 0
        with mongo.unavailable_as_503():
            for name in mongo.RESULT_COLLECTIONS:
                result = self.database[name].delete_many({"owner": owner, "unique_key": unique_key})
                deleted += result.deleted_count
        return deleted
