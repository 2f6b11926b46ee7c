"""One MongoDB client per container, created on first use and reused across invocations."""

from __future__ import annotations

import secrets as secrets_random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from typing import Any

from pymongo import ASCENDING, DESCENDING, IndexModel, MongoClient
from pymongo.collection import Collection
from pymongo.database import Database
from pymongo.errors import ConnectionFailure

from interview_prep import secrets
from interview_prep.config import get_settings
from interview_prep.errors import DatabaseUnavailableError
from interview_prep.models.common import PageCursor

RESUMES = "resumes"
INTERVIEWS = "interviews"
LEARNING_PATHS = "learning_paths"
ANSWER_ATTEMPTS = "answer_attempts"
#: Collections holding what was generated from a resume (deleted with it).
RESULT_COLLECTIONS = (INTERVIEWS, LEARNING_PATHS, ANSWER_ATTEMPTS)

Document = dict[str, Any]


def now() -> datetime:
    """The current UTC time at BSON precision, so what is returned equals what is stored."""
    current = datetime.now(UTC)
    return current.replace(microsecond=current.microsecond // 1000 * 1000)


def listing_position(created_at: datetime) -> int:
    """Newest-first order as one integer: creation millisecond, then 20 random bits.

    One integer keeps cursor queries to a single range condition that every MongoDB-protocol
    server evaluates alike; a unique index settles the rare same-millisecond collision.
    """
    return int(created_at.timestamp() * 1000) << 20 | secrets_random.randbits(20)


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


def newest_first(
    collection: Collection[Document],
    query: dict[str, Any],
    limit: int,
    after: PageCursor | None,
) -> tuple[list[Document], PageCursor | None]:
    """One page of ``query``'s matches, newest first after ``after``, and the next cursor
    (None on the last page): one range condition on the listing position, limit + 1."""
    if after is not None:
        query = {**query, "listing_position": {"$lt": after.position}}
    with unavailable_as_503():
        documents = list(
            collection.find(query, {"_id": False})
            .sort("listing_position", DESCENDING)
            .limit(limit + 1)
        )
    page = documents[:limit]
    more = len(documents) > limit
    return page, PageCursor(position=int(page[-1]["listing_position"])) if more else None


def ping() -> None:
    with unavailable_as_503():
        get_client().admin.command("ping")


INDEXES: dict[str, list[IndexModel]] = {
    RESUMES: [
        IndexModel([("unique_key", ASCENDING)], unique=True, name="unique_key_unique"),
        IndexModel(
            [("owner", ASCENDING), ("listing_position", DESCENDING)],
            unique=True,
            name="owner_newest_first",
        ),
    ],
    **{
        collection: [
            IndexModel([("job_id", ASCENDING)], unique=True, name="one_result_per_job"),
            IndexModel(
                [("owner", ASCENDING), ("unique_key", ASCENDING), ("listing_position", DESCENDING)],
                name="owner_resume_newest_first",
            ),
            IndexModel(
                [("owner", ASCENDING), ("unique_key", ASCENDING), ("fingerprint", ASCENDING)],
                name="result_cache",
            ),
        ]
        for collection in RESULT_COLLECTIONS
    },
}
INDEXES[ANSWER_ATTEMPTS] += [
    # a follow-up id (q3.f1) names one question of a set: two gradings cannot both ask it
    IndexModel(
        [("owner", ASCENDING), ("follow_up_key", ASCENDING)],
        unique=True,
        name="one_follow_up_per_id",
    ),
    IndexModel(
        [
            ("owner", ASCENDING),
            ("unique_key", ASCENDING),
            ("set_id", ASCENDING),
            ("question_id", ASCENDING),
        ],
        name="attempts_of_question",
    ),
]


def ensure_indexes(database: Database[Document] | None = None) -> list[str]:
    """Create every index the service relies on (idempotent); run by bootstrap, not per request."""
    database = database if database is not None else get_database()
    created: list[str] = []
    with unavailable_as_503():
        for collection, indexes in INDEXES.items():
            created += database[collection].create_indexes(indexes)
    return created
