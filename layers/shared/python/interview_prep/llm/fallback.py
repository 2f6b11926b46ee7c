"""The provider chain: on any failure the next provider is tried at once.

Each attempt (or skip) is recorded with its error class and latency; the result names the
provider and model that produced it; usage and cost add up over every attempt. When all
fail, one ProviderError says what was tried and whether a later retry may help.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence

from aws_lambda_powertools.metrics import MetricUnit, single_metric

from interview_prep.contract import METRICS_NAMESPACE
from interview_prep.llm.base import (
    Attempt,
    ErrorClass,
    GenerationRequest,
    GenerationResult,
    Provider,
    ProviderError,
)
from interview_prep.llm.breaker import CircuitBreaker
from interview_prep.models.jobs import Usage
from interview_prep.observability import logger


class FallbackChain:
    name = "chain"

    def __init__(
        self,
        providers: Sequence[Provider],
        breaker: CircuitBreaker | None = None,
        max_tokens_per_job: int = 60_000,
    ) -> None:
        self.providers = list(providers)
        self.breaker = breaker
        self.max_tokens = max_tokens_per_job

    def generate(self, request: GenerationRequest) -> GenerationResult:
        attempts: list[Attempt] = []
        usage = Usage()
        transient = False
        for provider in self.providers:
            model = str(getattr(provider, "model", provider.name))
            skip = self._skip_reason(provider.name, request, usage)
            if skip is not None:
                attempts.append(
                    Attempt(
                        provider=provider.name, model=model, outcome="skipped", error_class=skip
                    )
                )
                transient = transient or skip.transient
                continue
            budget = dataclasses.replace(request, max_output_tokens=self.max_tokens - usage.tokens)
            started = time.perf_counter()
            try:
                result = provider.generate(budget)
            except ProviderError as error:
                usage = usage + error.usage
                transient = transient or error.transient
                attempts.append(self._failed(provider.name, model, error, started))
                self._record(provider.name, started, ok=False, error_class=error.error_class)
                continue
            usage = usage + result.usage
            attempts.append(
                Attempt(
                    provider=provider.name,
                    model=result.model,
                    outcome="succeeded",
                    latency_ms=_ms(started),
                    input_tokens=result.usage.input_tokens,
                    output_tokens=result.usage.output_tokens,
                )
            )
            self._record(provider.name, started, ok=True, usage=result.usage)
            if len(attempts) > 1:
                _metric("Fallbacks", 1, provider.name)
            return dataclasses.replace(result, usage=usage, attempts=tuple(attempts))
        tried = ", ".join(
            f"{a.provider} ({a.error_class.value if a.error_class else a.outcome})"
            for a in attempts
        )
        raise ProviderError(
            "all providers",
            f"no provider could answer; tried {tried or 'none'}",
            error_class=ErrorClass.UNKNOWN,
            transient=transient,
            usage=usage,
            attempts=tuple(attempts),
        )

    def _skip_reason(
        self, name: str, request: GenerationRequest, usage: Usage
    ) -> ErrorClass | None:
        if usage.tokens >= self.max_tokens:
            return ErrorClass.TOKEN_CEILING
        if self.breaker is not None and not self.breaker.allow(name):
            return ErrorClass.CIRCUIT_OPEN
        return None

    def _failed(self, name: str, model: str, error: ProviderError, started: float) -> Attempt:
        logger.warning(
            "provider failed; trying the next",
            extra={"provider": name, "error_class": error.error_class.value},
        )
        return Attempt(
            provider=name,
            model=model,
            outcome="failed",
            error_class=error.error_class,
            latency_ms=_ms(started),
            input_tokens=error.usage.input_tokens,
            output_tokens=error.usage.output_tokens,
        )

    def _record(
        self,
        name: str,
        started: float,
        *,
        ok: bool,
        error_class: ErrorClass | None = None,
        usage: Usage | None = None,
    ) -> None:
        if self.breaker is not None and name != "offline":
            if ok:
                self.breaker.record_success(name)
            elif error_class not in {ErrorClass.NO_TIME_LEFT, ErrorClass.TOKEN_CEILING}:
                self.breaker.record_failure(name)
        _metric("ProviderCalls", 1, name)
        _metric("ProviderLatency", _ms(started), name, MetricUnit.Milliseconds)
        if not ok:
            _metric(f"ProviderFailures_{error_class.value if error_class else 'unknown'}", 1, name)
        if usage is not None:
            _metric("Tokens", usage.tokens, name)
            _metric("CostUSD", usage.cost_usd, name, MetricUnit.NoUnit)


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def _metric(name: str, value: float, provider: str, unit: MetricUnit = MetricUnit.Count) -> None:
    with single_metric(name=name, unit=unit, value=value, namespace=METRICS_NAMESPACE) as metric:
        metric.add_dimension(name="provider", value=provider)
