"""API keys: stored only as hashes, resolved to their owner, revocable, never printed twice."""

from __future__ import annotations

import dataclasses

import pytest

from interview_prep.errors import UnauthorizedError
from interview_prep.services.api_keys import ApiKeys, KeyNotFoundError, key_hash
from tests.fakes.ports import FakeKeyStore


@pytest.fixture
def store() -> FakeKeyStore:
    return FakeKeyStore()


def test_an_issued_key_resolves_to_its_owner_and_is_stored_only_as_a_hash(
    store: FakeKeyStore,
) -> None:
    keys = ApiKeys(store)
    key, stored = keys.issue("alice")

    assert key.startswith("ipk_") and len(key) > 40
    principal = keys.authorize(key)
    assert (principal.owner, principal.key_id) == ("alice", stored.key_id)
    held = [str(v) for k in store.keys.values() for v in dataclasses.asdict(k).values()]
    assert key not in held and key_hash(key) in held


@pytest.mark.parametrize("sent", [None, "", "ipk_guess", "local-demo-key"])
def test_a_missing_or_unknown_key_is_unauthorized(store: FakeKeyStore, sent: str | None) -> None:
    ApiKeys(store).issue("alice")
    with pytest.raises(UnauthorizedError):
        ApiKeys(store).authorize(sent)


def test_a_revoked_key_fails_at_once_by_key_or_key_id(store: FakeKeyStore) -> None:
    keys = ApiKeys(store)
    first, stored = keys.issue("alice")
    second, _ = keys.issue("alice")

    assert keys.revoke(stored.key_id).revoked_at
    with pytest.raises(UnauthorizedError, match="revoked"):
        keys.authorize(first)
    keys.revoke(second)  # the key itself works too
    with pytest.raises(UnauthorizedError):
        keys.authorize(second)
    with pytest.raises(KeyNotFoundError):
        keys.revoke("0123456789ab")


def test_a_use_is_recorded(store: FakeKeyStore) -> None:
    keys = ApiKeys(store)
    key, stored = keys.issue("alice")
    assert store.keys[stored.key_id].last_used_at is None
    keys.authorize(key)
    assert store.keys[stored.key_id].last_used_at is not None


def test_registering_a_key_again_changes_nothing_but_another_owner_is_refused(
    store: FakeKeyStore,
) -> None:
    keys = ApiKeys(store)
    first = keys.register("local-demo-key", "demo")
    assert keys.register("local-demo-key", "demo") == first
    with pytest.raises(ValueError, match="demo"):
        keys.register("local-demo-key", "mallory")
    assert keys.authorize("local-demo-key").owner == "demo"


def test_the_usage_plan_key_goes_to_api_gateway_never_the_callers_key(
    store: FakeKeyStore,
) -> None:
    keys = ApiKeys(store)
    key, _ = keys.issue("alice")
    store.set_usage_key("alice", "uk-1", "usage-value")
    assert keys.authorize(key).usage_key == "usage-value"
