"""API keys, their owners and the owners' quota windows in the DynamoDB keys table.

Three kinds of item, told apart by their key prefix: ``key#<key id>`` (one key: its
owner, its SHA-256 hash, created, last used, revoked), ``owner#<owner>`` (the owner's key
ids, quota overrides and usage-plan key) and ``quota#<owner>#<limit>`` (the start times of
the owner's jobs inside one sliding window). No key is ever stored in clear.
"""

from __future__ import annotations

import time
from typing import Any

from interview_prep import aws
from interview_prep.config import get_settings
from interview_prep.errors import KeyStoreUnavailableError
from interview_prep.ports import OwnerRecord, StoredKey
from interview_prep.repositories.dynamo import (
    Refused,
    conditional,
    decimals,
    plain,
    store_errors,
)

_store_errors = store_errors(KeyStoreUnavailableError)
#: Optimistic writes of one quota window retried this often under contention.
WINDOW_WRITE_ATTEMPTS = 8


def _key_item(key: StoredKey) -> dict[str, Any]:
    return {
        "pk": f"key#{key.key_id}",
        "key_id": key.key_id,
        "owner": key.owner,
        "key_hash": key.key_hash,
        "created_at": key.created_at,
    }


def _stored_key(item: dict[str, Any]) -> StoredKey:
    return StoredKey(
        key_id=str(item["key_id"]),
        owner=str(item["owner"]),
        key_hash=str(item["key_hash"]),
        created_at=str(item["created_at"]),
        last_used_at=item.get("last_used_at"),
        revoked_at=item.get("revoked_at"),
    )


class KeyRepository:
    @property
    def table(self) -> Any:
        return aws.table(get_settings().keys_table)

    # --- keys ----------------------------------------------------------------------------

    @_store_errors
    def add_key(self, key: StoredKey) -> bool:
        """Store a new key and list it on its owner; False if the key id is taken."""
        try:
            with conditional():
                self.table.put_item(
                    Item=_key_item(key), ConditionExpression="attribute_not_exists(pk)"
                )
        except Refused:
            return False
        self.table.update_item(
            Key={"pk": f"owner#{key.owner}"},
            UpdateExpression="SET #owner = :owner ADD key_ids :ids",
            ExpressionAttributeNames={"#owner": "owner"},
            ExpressionAttributeValues={":owner": key.owner, ":ids": {key.key_id}},
        )
        return True

    @_store_errors
    def get_key(self, key_id: str) -> StoredKey | None:
        item = self.table.get_item(Key={"pk": f"key#{key_id}"}, ConsistentRead=True).get("Item")
        return _stored_key(item) if item else None

    @_store_errors
    def keys_of(self, owner: str) -> list[StoredKey]:
        record = self.owner(owner)
        found = [self.get_key(key_id) for key_id in sorted(record.key_ids)] if record else []
        return sorted((k for k in found if k), key=lambda k: k.created_at)

    @_store_errors
    def revoke(self, key_id: str, when: str) -> bool:
        """Mark a key revoked (once: the first revocation time stays); False if unknown."""
        try:
            with conditional():
                self.table.update_item(
                    Key={"pk": f"key#{key_id}"},
                    UpdateExpression="SET revoked_at = if_not_exists(revoked_at, :when)",
                    ConditionExpression="attribute_exists(pk)",
                    ExpressionAttributeValues={":when": when},
                )
        except Refused:
            return False
        return True

    @_store_errors
    def touch(self, key_id: str, when: str, unless_after: str) -> None:
        """Record a use, at most once per period (skipped if it was used after
        ``unless_after``): the authorizer runs on every uncached request."""
        try:
            with conditional():
                self.table.update_item(
                    Key={"pk": f"key#{key_id}"},
                    UpdateExpression="SET last_used_at = :when",
                    ConditionExpression=(
                        "attribute_exists(pk) AND "
                        "(attribute_not_exists(last_used_at) OR last_used_at < :after)"
                    ),
                    ExpressionAttributeValues={":when": when, ":after": unless_after},
                )
        except Refused:
            pass

    @_store_errors
    def all_keys(self) -> list[dict[str, Any]]:
        """Every key and owner item as stored (the local stack's snapshot; never the API)."""
        items: list[dict[str, Any]] = []
        request: dict[str, Any] = {}
        while True:
            page = self.table.scan(**request)
            items += [
                {k: sorted(v) if isinstance(v, set) else v for k, v in plain(item).items()}
                for item in page.get("Items", [])
                if str(item["pk"]).startswith(("key#", "owner#"))
            ]
            if "LastEvaluatedKey" not in page:
                return items
            request["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    @_store_errors
    def restore(self, items: list[dict[str, Any]]) -> None:
        with self.table.batch_writer() as batch:
            for item in items:
                batch.put_item(Item={k: set(v) if k == "key_ids" else v for k, v in item.items()})

    # --- owners --------------------------------------------------------------------------

    @_store_errors
    def owner(self, owner: str) -> OwnerRecord | None:
        item = self.table.get_item(Key={"pk": f"owner#{owner}"}, ConsistentRead=True).get("Item")
        if not item:
            return None
        item = plain(item)
        return OwnerRecord(
            owner=owner,
            key_ids=frozenset(str(k) for k in item.get("key_ids", ())),
            quotas={str(k): int(v) for k, v in item.get("quotas", {}).items()},
            usage_key_id=item.get("usage_key_id"),
            usage_key=item.get("usage_key"),
        )

    @_store_errors
    def set_quotas(self, owner: str, quotas: dict[str, int | None]) -> None:
        """Set (a number) or clear (None) the owner's overrides, leaving the others."""
        self.table.update_item(
            Key={"pk": f"owner#{owner}"},
            UpdateExpression="SET #owner = :owner, quotas = if_not_exists(quotas, :empty)",
            ExpressionAttributeNames={"#owner": "owner"},
            ExpressionAttributeValues={":owner": owner, ":empty": {}},
        )
        for name, value in quotas.items():
            names = {"#name": name}
            if value is None:
                self.table.update_item(
                    Key={"pk": f"owner#{owner}"},
                    UpdateExpression="REMOVE quotas.#name",
                    ExpressionAttributeNames=names,
                )
            else:
                self.table.update_item(
                    Key={"pk": f"owner#{owner}"},
                    UpdateExpression="SET quotas.#name = :value",
                    ExpressionAttributeNames=names,
                    ExpressionAttributeValues={":value": value},
                )

    @_store_errors
    def set_usage_key(self, owner: str, usage_key_id: str, usage_key: str) -> None:
        self.table.update_item(
            Key={"pk": f"owner#{owner}"},
            UpdateExpression="SET #owner = :owner, usage_key_id = :id, usage_key = :key",
            ExpressionAttributeNames={"#owner": "owner"},
            ExpressionAttributeValues={":owner": owner, ":id": usage_key_id, ":key": usage_key},
        )


class QuotaRepository:
    """Sliding windows: each holds the start time of every job counted in it, by job id, so
    a slot can be given back; every write is conditional on the window's version."""

    @property
    def table(self) -> Any:
        return aws.table(get_settings().keys_table)

    @_store_errors
    def take(
        self, owner: str, limit: str, slot_id: str, maximum: int, window_seconds: int
    ) -> int | None:
        """Count ``slot_id`` in the window; None when counted, else the seconds until the
        oldest slot leaves the window."""
        key = {"pk": f"quota#{owner}#{limit}"}
        for _ in range(WINDOW_WRITE_ATTEMPTS):
            now = time.time()
            item = plain(self.table.get_item(Key=key, ConsistentRead=True).get("Item") or {})
            version = int(item.get("version", 0))
            slots = {
                job: float(started)
                for job, started in item.get("slots", {}).items()
                if float(started) > now - window_seconds
            }
            if len(slots) >= maximum:
                return max(1, int(min(slots.values()) + window_seconds - now) + 1)
            slots[slot_id] = now
            if self._write_window(key, slots, version, window_seconds, now):
                return None
        raise KeyStoreUnavailableError()  # the window kept changing hands

    def _write_window(
        self, key: dict[str, str], slots: dict[str, float], version: int, window: int, now: float
    ) -> bool:
        try:
            with conditional():
                self.table.put_item(
                    Item={
                        **key,
                        "slots": decimals(slots),
                        "version": version + 1,
                        "expires_at": int(now) + window + 60,
                    },
                    ConditionExpression="attribute_not_exists(pk) OR version = :version",
                    ExpressionAttributeValues={":version": version},
                )
        except Refused:
            return False
        return True

    @_store_errors
    def give_back(self, owner: str, limit: str, slot_id: str) -> None:
        try:
            with conditional():
                self.table.update_item(
                    Key={"pk": f"quota#{owner}#{limit}"},
                    UpdateExpression="REMOVE slots.#slot ADD version :one",
                    ConditionExpression="attribute_exists(pk)",
                    ExpressionAttributeNames={"#slot": slot_id},
                    ExpressionAttributeValues={":one": 1},
                )
        except Refused:
            pass  # no window: nothing was counted
