"""The provider interface the worker calls: prompt + expected schema + deadline in;
parsed JSON + who produced it + usage out; failures classified as transient or not."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import BaseModel

from interview_prep.models import ResumeIn
from interview_prep.models.jobs import JobKind, Usage


@dataclass(frozen=True)
class GenerationRequest:
    kind: JobKind
    system_prompt: str
    user_prompt: str
    #: The pydantic model the answer must validate against (its JSON Schema goes to the model).
    schema: type[BaseModel]
    #: ``time.monotonic()`` value after which no call may start or continue.
    deadline: float
    language: str
    #: Structured inputs for providers that do not read prompts (the offline generator).
    resume: ResumeIn
    parameters: dict[str, Any] = field(default_factory=dict)

    def seconds_left(self) -> float:
        return self.deadline - time.monotonic()


@dataclass(frozen=True)
class GenerationResult:
    data: dict[str, Any]
    provider: str
    model: str
    usage: Usage


class ProviderError(Exception):
    """A provider could not answer. ``transient`` errors are worth retrying later."""

    def __init__(
        self,
        provider: str,
        detail: str,
        *,
        transient: bool,
        rate_limited: bool = False,
    ) -> None:
        super().__init__(f"{provider}: {detail}")
        self.provider = provider
        self.detail = detail
        self.transient = transient
        self.rate_limited = rate_limited


class Provider(Protocol):
    name: str

    def generate(self, request: GenerationRequest) -> GenerationResult: ...
