"""LLM configuration: the provider order, one settings block per provider, prices, ceilings.

Every value comes from the environment (``GEMINI_MODEL``, ``OPENAI_TIMEOUT_SECONDS``, …).
API keys come from the environment locally, or from Secrets Manager when
``<PROVIDER>_API_KEY_SECRET_NAME`` is set (read through Powertools parameters, cached).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from interview_prep import secrets


class LlmSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LLM_", extra="ignore", frozen=True)

    #: Real providers to try, in order; the ones without credentials are skipped.
    providers: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["gemini", "openai", "claude"]
    )
    #: Let the offline generator answer when every real provider failed (opt-in).
    offline_fallback: bool = False
    #: Token budget of one job across all attempts (input + output).
    max_tokens_per_job: Annotated[int, Field(ge=500)] = 60_000
    #: Consecutive failures that open a provider's circuit, and how long it stays open.
    breaker_failure_threshold: Annotated[int, Field(ge=1)] = 3
    breaker_cooldown_seconds: Annotated[float, Field(ge=0)] = 60
    #: USD per million tokens, ``{"model": [input, output]}``; merged over the defaults.
    prices: dict[str, tuple[float, float]] = Field(default_factory=dict)

    @field_validator("providers", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return [name.strip().lower() for name in value.split(",") if name.strip()]
        return value


class ProviderSettings(BaseSettings):
    """One provider's block; subclasses set the environment prefix and defaults."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    api_key: SecretStr | None = None
    api_key_secret_name: str = ""
    model: str = ""
    base_url: str | None = None
    temperature: Annotated[float, Field(ge=0, le=2)] = 0.4
    max_tokens: Annotated[int, Field(ge=256, le=64_000)] = 4_096
    timeout_seconds: Annotated[float, Field(gt=0, le=600)] = 45

    def resolved_api_key(self) -> str | None:
        """The key from the environment or its secret; never logged, never stored."""
        if self.api_key_secret_name:
            return secrets.resolve(self.api_key_secret_name, "")
        return self.api_key.get_secret_value() if self.api_key else None

    @property
    def configured(self) -> bool:
        return bool(self.api_key or self.api_key_secret_name)


class GeminiSettings(ProviderSettings):
    model_config = SettingsConfigDict(env_prefix="GEMINI_", extra="ignore", frozen=True)
    model: str = "gemini-2.5-flash"


class OpenAISettings(ProviderSettings):
    model_config = SettingsConfigDict(env_prefix="OPENAI_", extra="ignore", frozen=True)
    model: str = "gpt-4.1"


class ClaudeSettings(ProviderSettings):
    model_config = SettingsConfigDict(env_prefix="CLAUDE_", extra="ignore", frozen=True)
    model: str = "claude-sonnet-4-6"


class OpenAICompatibleSettings(ProviderSettings):
    """Any server speaking OpenAI's chat completions API (Ollama, vLLM, LM Studio)."""

    model_config = SettingsConfigDict(env_prefix="OPENAI_COMPATIBLE_", extra="ignore", frozen=True)
    model: str = "llama3.1"

    @property
    def configured(self) -> bool:
        return bool(self.base_url)  # local servers usually need no key


#: USD per million tokens (input, output) at the time of writing; override with LLM_PRICES.
DEFAULT_PRICES: dict[str, tuple[float, float]] = {
    "gemini-2.5-flash": (0.30, 2.50),
    "gemini-2.5-pro": (1.25, 10.00),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "claude-sonnet-4-6": (3.00, 15.00),
}


@cache
def llm_settings() -> LlmSettings:
    return LlmSettings()


def price_of(model: str) -> tuple[float, float]:
    """(input, output) USD per million tokens; unknown and local models cost nothing."""
    table = DEFAULT_PRICES | llm_settings().prices
    return table.get(model, (0.0, 0.0))


def cost_usd(model: str, input_tokens: int, output_tokens: int) -> float:
    price_in, price_out = price_of(model)
    return round((input_tokens * price_in + output_tokens * price_out) / 1_000_000, 6)


def describe(settings: ProviderSettings) -> str:
    """For logs: which model and endpoint, never the key."""
    return json.dumps({"model": settings.model, "base_url": settings.base_url})
