"""Generated results (interview question sets, learning paths) stored per resume."""

from __future__ import annotations

from pymongo.database import Database

from interview_prep.repositories import mongo


class ResultRepository:
    def __init__(self, database: Database[mongo.Document] | None = None) -> None:
        self._database = database

    @property
    def database(self) -> Database[mongo.Document]:
        if self._database is None:
            self._database = mongo.get_database()
        return self._database

    def delete_for_resume(self, owner: str, unique_key: str) -> int:
        """Delete everything generated from one resume; returns how many results went."""
        deleted = 0
        with mongo.unavailable_as_503():
            for name in mongo.RESULT_COLLECTIONS:
                result = self.database[name].delete_many({"owner": owner, "unique_key": unique_key})
                deleted += result.deleted_count
        return deleted
