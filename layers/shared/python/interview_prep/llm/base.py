"""The provider interface the worker calls: prompt + expected schema + deadline in;
parsed JSON + who produced it + usage out; failures classified as transient or not."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ValidationError

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
    #: Output token cap for one call (the chain lowers it as the job's token budget shrinks).
    max_output_tokens: int | None = None
    #: Checks beyond the schema (the quality gate); None means the schema alone decides.
    review: Callable[[dict[str, Any]], Review | None] | None = None
    #: Writes the repair turn from the problems found.
    repair: Callable[[list[str]], str] | None = None
    #: Overrides the provider's configured temperature (a judge wants 0).
    temperature: float | None = None
    #: The answer of a provider that reads no prompt (the offline generator), computed by
    #: the domain on demand; None where no such answer exists (a judge's request).
    offline_answer: Callable[[], dict[str, Any]] | None = None

    def seconds_left(self) -> float:
        return self.deadline - time.monotonic()

    def problems(self, data: dict[str, Any]) -> Review | None:
        """What keeps an answer from being used, or None when it may be stored."""
        if self.review is not None:
            return self.review(data)
        try:
            self.schema.model_validate(data)
        except ValidationError as error:
            return Review(schema_problems(error), ErrorClass.SCHEMA_INVALID)
        return None

    def repair_prompt(self, problems: list[str]) -> str:
        if self.repair is not None:
            return self.repair(problems)
        listed = "\n".join(f"- {problem}" for problem in problems)
        return f"Fix exactly these problems and answer with the corrected JSON only:\n{listed}"


@dataclass(frozen=True)
class Review:
    """Why an answer cannot be used: the problems, each saying where, and their class."""

    problems: tuple[str, ...]
    error_class: ErrorClass

    @property
    def rules(self) -> str:
        """The kinds of problem, without their text (which may quote the resume)."""
        found = {p.rsplit("[", 1)[-1].rstrip("]") for p in self.problems if p.endswith("]")}
        return ", ".join(sorted(found)) or self.error_class.value


def schema_problems(error: ValidationError) -> tuple[str, ...]:
    return tuple(
        f"{'.'.join(str(part) for part in item['loc']) or 'root'}: {item['msg']} [schema]"
        for item in error.errors()[:20]
    )


class ErrorClass(StrEnum):
    """Why a provider attempt failed; decides whether a later retry may succeed."""

    TIMEOUT = "timeout"
    RATE_LIMITED = "rate_limited"
    SERVER_ERROR = "server_error"
    CONNECTION = "connection"
    REFUSAL = "refusal"
    EMPTY = "empty"
    INVALID_JSON = "invalid_json"
    SCHEMA_INVALID = "schema_invalid"
    QUALITY_GATE = "quality_gate"
    AUTH = "auth"
    BAD_REQUEST = "bad_request"
    CIRCUIT_OPEN = "circuit_open"
    NO_TIME_LEFT = "no_time_left"
    TOKEN_CEILING = "token_ceiling"  # noqa: S105 - an error class, not a password
    UNKNOWN = "unknown"

    @property
    def transient(self) -> bool:
        return self in _TRANSIENT

    @property
    def unusable_output(self) -> bool:
        """The provider answered, but not with something the service can store."""
        return self in _UNUSABLE_OUTPUT


#: Answers that were not JSON, broke the schema or failed the quality gate even after the
#: repair round: the next call samples a new answer, so a later try may pass.
_UNUSABLE_OUTPUT = {ErrorClass.INVALID_JSON, ErrorClass.SCHEMA_INVALID, ErrorClass.QUALITY_GATE}

_TRANSIENT = _UNUSABLE_OUTPUT | {
    ErrorClass.TIMEOUT,
    ErrorClass.RATE_LIMITED,
    ErrorClass.SERVER_ERROR,
    ErrorClass.CONNECTION,
    ErrorClass.CIRCUIT_OPEN,
    ErrorClass.NO_TIME_LEFT,
    ErrorClass.EMPTY,
    ErrorClass.UNKNOWN,
}


class Attempt(BaseModel):
    """One provider call (or skip) while answering a job, as recorded on the job."""

    provider: str
    model: str
    outcome: Literal["succeeded", "failed", "skipped"]
    error_class: ErrorClass | None = None
    latency_ms: float = 0
    input_tokens: int = 0
    output_tokens: int = 0


@dataclass(frozen=True)
class GenerationResult:
    data: dict[str, Any]
    provider: str
    model: str
    usage: Usage
    attempts: tuple[Attempt, ...] = ()


class ProviderError(Exception):
    """A provider (or the whole chain) could not answer; ``transient`` ones may work later."""

    def __init__(
        self,
        provider: str,
        detail: str,
        *,
        error_class: ErrorClass = ErrorClass.UNKNOWN,
        transient: bool | None = None,
        usage: Usage | None = None,
        attempts: tuple[Attempt, ...] = (),
    ) -> None:
        super().__init__(f"{provider}: {detail}")
        self.provider = provider
        self.detail = detail
        self.error_class = error_class
        self.transient = error_class.transient if transient is None else transient
        self.usage = usage or Usage()
        self.attempts = attempts

    @property
    def rate_limited(self) -> bool:
        return self.error_class is ErrorClass.RATE_LIMITED


class Provider(Protocol):
    name: str

    def generate(self, request: GenerationRequest) -> GenerationResult: ...
