"""Which provider answers. Until real providers are configured, the offline one does."""

from __future__ import annotations

from functools import cache

from interview_prep.llm.base import Provider


@cache
def get_provider() -> Provider:
    from interview_prep.llm.providers.offline import OfflineProvider

    return OfflineProvider()
