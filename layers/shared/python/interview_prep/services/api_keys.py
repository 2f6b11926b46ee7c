"""API keys: issued once, stored as hashes, resolved to their owner by the authorizer.

A key is 256 random bits behind a readable prefix, so one SHA-256 pass is the right hash
(slow password hashes protect guessable secrets; these cannot be guessed). The key id, the
first 12 hex digits of the hash, is what lists and logs show; finding a key's record
takes the key itself.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from interview_prep.errors import AppError, UnauthorizedError
from interview_prep.ports import KeyStore, OwnerRecord, StoredKey
from interview_prep.repositories.dynamo import now_iso
from interview_prep.repositories.keys import KeyRepository

KEY_PREFIX = "ipk_"
KEY_ID_LENGTH = 12
#: ``last_used_at`` is written at most this often per key.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class KeyNotFoundError(AppError):
    """The key command was given a key or key id the table does not hold."""

    def __init__(self, key_or_id: str) -> None:
        super().__init__(f"No such key: {key_or_id}")


@dataclass(frozen=True)
class Principal:
    """Who a request comes from, as the authorizer hands it to the functions."""

    owner: str
    key_id: str
    #: The owner's usage-plan key (API Gateway's per-owner throttle), if one exists.
    usage_key: str | None = None


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def key_id_of(key: str) -> str:
    return key_hash(key)[:KEY_ID_LENGTH]


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


class ApiKeys:
    def __init__(self, store: KeyStore | None = None) -> None:
        self.store = store or KeyRepository()

    def authorize(self, key: str | None) -> Principal:
        """The owner of an active key; :class:`UnauthorizedError` for anything else."""
        if not key:
            raise UnauthorizedError("Missing API key: send it in the X-Api-Key header.")
        digest = key_hash(key)
        stored = self.store.get_key(digest[:KEY_ID_LENGTH])
        # the id is a prefix of the hash: compare all of it, in constant time
        if stored is None or not hmac.compare_digest(stored.key_hash, digest):
            raise UnauthorizedError("Unknown API key.")
        if not stored.active:
            raise UnauthorizedError("This API key was revoked.")
        self._touch(stored)
        owner = self.store.owner(stored.owner)
        return Principal(stored.owner, stored.key_id, owner.usage_key if owner else None)

    def issue(self, owner: str) -> tuple[str, StoredKey]:
        """A new key for ``owner``: the key (shown once, never stored) and its record."""
        while True:
            key = new_key()
            stored = self._record(key, owner)
            if self.store.add_key(stored):  # a key id collision: draw again
                return key, stored

    def register(self, key: str, owner: str) -> StoredKey:
        """Store a key chosen elsewhere (the local demo key, keys imported from
        ``API_KEYS``); registering the same key again changes nothing."""
        stored = self._record(key, owner)
        if self.store.add_key(stored):
            return stored
        existing = self.store.get_key(stored.key_id)
        if existing is None or not hmac.compare_digest(existing.key_hash, stored.key_hash):
            raise ValueError(f"key id {stored.key_id} is taken by another key")
        if existing.owner != owner:
            raise ValueError(f"key {stored.key_id} already belongs to {existing.owner!r}")
        return existing

    def keys_of(self, owner: str) -> list[StoredKey]:
        return self.store.keys_of(owner)

    def revoke(self, key_or_id: str) -> StoredKey:
        """Revoke by the key itself or by its key id."""
        key_id = key_or_id if _looks_like_key_id(key_or_id) else key_id_of(key_or_id)
        if not self.store.revoke(key_id, now_iso()):
            raise KeyNotFoundError(key_or_id)
        found = self.store.get_key(key_id)
        assert found is not None
        return found

    def owner(self, owner: str) -> OwnerRecord:
        return self.store.owner(owner) or OwnerRecord(owner=owner)

    def set_quotas(self, owner: str, quotas: dict[str, int | None]) -> OwnerRecord:
        self.store.set_quotas(owner, quotas)
        return self.owner(owner)

    def _touch(self, stored: StoredKey) -> None:
        now = datetime.now(UTC)
        unless_after = now - LAST_USED_RESOLUTION
        self.store.touch(
            stored.key_id, _iso(now), _iso(unless_after)
        )  # conditional: most requests write nothing

    @staticmethod
    def _record(key: str, owner: str) -> StoredKey:
        if not owner.strip():
            raise ValueError("an owner id must not be empty")
        digest = key_hash(key)
        return StoredKey(
            key_id=digest[:KEY_ID_LENGTH], owner=owner, key_hash=digest, created_at=now_iso()
        )


def _looks_like_key_id(value: str) -> bool:
    return len(value) == KEY_ID_LENGTH and all(c in "0123456789abcdef" for c in value)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
