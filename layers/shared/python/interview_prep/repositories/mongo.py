"""One MongoDB client per container, created on first use and reused across invocations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from pymongo import ASCENDING, DESCENDING, IndexModel, MongoClient
from pymongo.database import Database
from pymongo.errors import ConnectionFailure

from interview_prep import secrets
from interview_prep.config import get_settings
from interview_prep.errors import DatabaseUnavailableError

RESUMES = "resumes"
INTERVIEWS = "interviews"
LEARNING_PATHS = "learning_paths"
#: Collections holding what was generated from a resume (deleted with it).
RESULT_COLLECTIONS = (INTERVIEWS, LEARNING_PATHS)

Document = dict[str, Any]


def get_client() -> MongoClient[Document]:
    settings = get_settings()
    url = secrets.resolve(settings.mongodb_url_secret_name, settings.mongodb_url)
    return _client(url, settings.mongodb_timeout_ms, settings.mongodb_max_pool_size)


@cache
def _client(url: str, timeout_ms: int, pool_size: int) -> MongoClient[Document]:
    # Short timeouts so an unreachable database becomes a 503 in seconds, not a hung Lambda.
    return MongoClient(
        url,
        tz_aware=True,
        maxPoolSize=pool_size,
        serverSelectionTimeoutMS=timeout_ms,
        connectTimeoutMS=timeout_ms,
        socketTimeoutMS=timeout_ms * 3,
        appname="interview-prep-api",
    )


def get_database() -> Database[Document]:
    return get_client()[get_settings().mongodb_database]


@contextmanager
def unavailable_as_503() -> Iterator[None]:
    """Turn "cannot reach the database" into the domain error clients see as 503."""
    try:
        yield
    except ConnectionFailure as exc:
        raise DatabaseUnavailableError() from exc


INDEXES: dict[str, list[IndexModel]] = {
    RESUMES: [
        IndexModel([("unique_key", ASCENDING)], unique=True, name="unique_key_unique"),
        IndexModel(
            [("owner", ASCENDING), ("listing_position", DESCENDING)],
            unique=True,
            name="owner_newest_first",
        ),
    ],
    INTERVIEWS: [
        IndexModel(
            [("owner", ASCENDING), ("unique_key", ASCENDING), ("created_at", DESCENDING)],
            name="owner_resume_newest_first",
        ),
    ],
    LEARNING_PATHS: [
        IndexModel(
            [("owner", ASCENDING), ("unique_key", ASCENDING), ("created_at", DESCENDING)],
            name="owner_resume_newest_first",
        ),
    ],
}


def ensure_indexes(database: Database[Document] | None = None) -> list[str]:
    """Create every index the service relies on (idempotent); run by bootstrap, not per request."""
    database = database if database is not None else get_database()
    created: list[str] = []
    with unavailable_as_503():
        for collection, indexes in INDEXES.items():
            created += database[collection].create_indexes(indexes)
    return created
