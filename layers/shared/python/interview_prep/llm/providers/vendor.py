"""What every SDK-backed provider shares: one call, JSON parsing, schema validation with a
single repair round, usage and cost, and mapping the SDK's exceptions to error classes."""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from interview_prep.llm.base import (
    ErrorClass,
    GenerationRequest,
    GenerationResult,
    ProviderError,
    Review,
)
from interview_prep.llm.settings import ProviderSettings, cost_usd
from interview_prep.models.jobs import Usage

#: Below this many seconds a call is not started: it could not finish before the deadline.
MIN_CALL_SECONDS = 2.0
Turn = dict[str, str]


@dataclass(frozen=True)
class RawAnswer:
    text: str | None
    input_tokens: int
    output_tokens: int
    refused: bool = False


class VendorProvider(ABC):
    name: str = ""

    def __init__(self, settings: ProviderSettings) -> None:
        self.settings = settings

    @property
    def model(self) -> str:
        return self.settings.model

    @abstractmethod
    def _complete(
        self, request: GenerationRequest, turns: list[Turn], timeout: float, max_tokens: int
    ) -> RawAnswer:
        """One call to the vendor; raise the SDK's own exceptions."""

    @abstractmethod
    def _classify(self, error: Exception) -> ErrorClass | None:
        """The error class of an SDK exception, or None if it is not the SDK's."""

    def generate(self, request: GenerationRequest) -> GenerationResult:
        usage = Usage()
        turns: list[Turn] = [{"role": "user", "content": request.user_prompt}]
        for repair_round in (False, True):
            answer = self._call(request, turns, usage)
            usage = usage + self._usage(answer)
            text = self._text(answer, usage)
            try:
                data: dict[str, Any] = json.loads(text)
            except json.JSONDecodeError as error:
                raise self._error(ErrorClass.INVALID_JSON, "answer is not JSON", usage) from error
            review = request.problems(data) if isinstance(data, dict) else _not_an_object()
            if review is None:
                return GenerationResult(
                    data=data, provider=self.name, model=self.model, usage=usage
                )
            if repair_round:
                raise self._error(
                    review.error_class, f"answer still breaks {review.rules} after repair", usage
                )
            turns += [
                {"role": "assistant", "content": text},
                {"role": "user", "content": request.repair_prompt(list(review.problems))},
            ]
        raise AssertionError("unreachable")

    def _temperature(self, request: GenerationRequest) -> float:
        return self.settings.temperature if request.temperature is None else request.temperature

    def _call(self, request: GenerationRequest, turns: list[Turn], usage: Usage) -> RawAnswer:
        seconds = min(self.settings.timeout_seconds, request.seconds_left())
        if seconds < min(MIN_CALL_SECONDS, self.settings.timeout_seconds):
            raise self._error(ErrorClass.NO_TIME_LEFT, "no time left for a call", usage)
        max_tokens = min(self.settings.max_tokens, request.max_output_tokens or 10**9)
        try:
            return self._complete(request, turns, seconds, max_tokens)
        except ProviderError:
            raise
        except Exception as error:
            found = self._classify(error)
            if found is None:
                raise
            # the SDK's message may quote the request; keep only its type
            raise self._error(found, type(error).__name__, usage) from error

    def _usage(self, answer: RawAnswer) -> Usage:
        return Usage(
            input_tokens=answer.input_tokens,
            output_tokens=answer.output_tokens,
            cost_usd=cost_usd(self.model, answer.input_tokens, answer.output_tokens),
        )

    def _text(self, answer: RawAnswer, usage: Usage) -> str:
        if answer.refused:
            raise self._error(ErrorClass.REFUSAL, "the model refused", usage)
        if not answer.text or not answer.text.strip():
            raise self._error(ErrorClass.EMPTY, "empty answer", usage)
        return answer.text

    def _error(self, error_class: ErrorClass, detail: str, usage: Usage) -> ProviderError:
        return ProviderError(self.name, detail, error_class=error_class, usage=usage)


def _not_an_object() -> Review:
    return Review(("root: the answer must be a JSON object [schema]",), ErrorClass.SCHEMA_INVALID)


def status_class(status: int) -> ErrorClass:
    if status == 429:
        return ErrorClass.RATE_LIMITED
    if status >= 500:
        return ErrorClass.SERVER_ERROR
    if status in {401, 403}:
        return ErrorClass.AUTH
    return ErrorClass.BAD_REQUEST
