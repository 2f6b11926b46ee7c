"""API keys on the local stack: the demo key and ``API_KEYS`` registered on start, and the
keys table kept on disk beside the MongoDB data so issued keys survive a restart."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

from interview_prep.repositories.keys import KeyRepository
from interview_prep.services.api_keys import ApiKeys
from interview_prep.services.quotas import QuotaLimit

SNAPSHOT_FILE = "keys.json"
SNAPSHOT_SECONDS = 2.0


def register_keys(api_keys: dict[str, str], keys: ApiKeys | None = None) -> None:
    """Register each key for its owner (hashed). These owners are the local stack's own
    (the demo, tests, benchmarks): unlimited unless a ``QUOTA_*`` variable is set."""
    keys = keys or ApiKeys()
    quota_set = any(f"QUOTA_{limit.value.upper()}" in os.environ for limit in QuotaLimit)
    overrides: dict[str, int | None] = {
        limit.value: None if quota_set else 0 for limit in QuotaLimit
    }
    for key, owner in api_keys.items():
        keys.register(key, owner)
        keys.set_quotas(owner, overrides)


class KeySnapshot:
    """Writes the keys table to ``path`` whenever it changed (checked every
    ``SNAPSHOT_SECONDS``) and on stop; a crash loses at most that much."""

    def __init__(self, path: Path, store: KeyRepository | None = None) -> None:
        self.path = path
        self.store = store or KeyRepository()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="key-snapshot", daemon=True)
        self._written = ""

    def restore(self) -> int:
        if not self.path.is_file():
            return 0
        items: list[dict[str, Any]] = json.loads(self.path.read_text())
        self.store.restore(items)
        self._written = self.path.read_text()
        return len(items)

    def start(self) -> KeySnapshot:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.write()

    def write(self) -> None:
        text = json.dumps(self.store.all_keys(), indent=1, sort_keys=True)
        if text == self._written:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".tmp")
        partial.write_text(text)
        partial.chmod(0o600)
        partial.replace(self.path)  # atomic: a crash never leaves half a file
        self._written = text

    def _run(self) -> None:
        while not self._stop.wait(SNAPSHOT_SECONDS):
            try:
                self.write()
            except Exception as exc:  # moto stopping under us at shutdown
                print(f"key snapshot skipped: {type(exc).__name__}")
