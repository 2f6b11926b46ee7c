"""Which providers answer, in which order. Adding a provider: one module in ``providers/``
and one line in ``REGISTRY``."""

from __future__ import annotations

from collections.abc import Callable

from interview_prep.llm.base import Provider
from interview_prep.llm.breaker import CircuitBreaker, DynamoDBBreakerStore
from interview_prep.llm.fallback import FallbackChain
from interview_prep.llm.providers.anthropic import ClaudeProvider
from interview_prep.llm.providers.gemini import GeminiProvider
from interview_prep.llm.providers.offline import OfflineProvider
from interview_prep.llm.providers.openai import OpenAICompatibleProvider, OpenAIProvider
from interview_prep.llm.settings import (
    ClaudeSettings,
    GeminiSettings,
    OpenAICompatibleSettings,
    OpenAISettings,
    ProviderSettings,
    llm_settings,
)

ProviderFactory = tuple[Callable[[], ProviderSettings], Callable[[ProviderSettings], Provider]]

REGISTRY: dict[str, ProviderFactory] = {
    "gemini": (GeminiSettings, GeminiProvider),
    "openai": (OpenAISettings, OpenAIProvider),
    "claude": (ClaudeSettings, ClaudeProvider),
    "openai_compatible": (OpenAICompatibleSettings, OpenAICompatibleProvider),
}


def configured_providers() -> list[Provider]:
    """The configured order, minus unknown names and providers without credentials."""
    found: list[Provider] = []
    for name in llm_settings().providers:
        if name not in REGISTRY:
            continue
        make_settings, make_provider = REGISTRY[name]
        settings = make_settings()
        if settings.configured:
            found.append(make_provider(settings))
    return found


def provider_named(name: str) -> Provider:
    """One provider by name, alone (the evaluation command); KeyError when unknown or
    without credentials."""
    if name == "offline":
        return OfflineProvider()
    make_settings, make_provider = REGISTRY[name]
    settings = make_settings()
    if not settings.configured:
        raise KeyError(f"{name} is not configured (no API key or base URL)")
    return make_provider(settings)


def get_provider() -> Provider:
    """The chain for one job. Offline answers alone when no real provider is configured;
    with real ones it joins the end of the chain only if ``LLM_OFFLINE_FALLBACK`` says so."""
    settings = llm_settings()
    real = configured_providers()
    if not real:
        return OfflineProvider()
    chain: list[Provider] = [*real, OfflineProvider()] if settings.offline_fallback else real
    breaker = CircuitBreaker(
        DynamoDBBreakerStore(),
        threshold=settings.breaker_failure_threshold,
        cooldown_seconds=settings.breaker_cooldown_seconds,
    )
    return FallbackChain(chain, breaker, settings.max_tokens_per_job)
