"""OpenAI (``gpt-4.1`` by default) and any OpenAI-compatible server, through the ``openai`` SDK."""

from __future__ import annotations

from functools import cache
from typing import Any

from interview_prep.llm.base import ErrorClass, GenerationRequest
from interview_prep.llm.providers.vendor import RawAnswer, Turn, VendorProvider, status_class
from interview_prep.llm.schema import strict_schema

#: Structured-output modes, strictest first; OpenAI-compatible servers negotiate down.
JSON_SCHEMA, JSON_OBJECT, PLAIN = "json_schema", "json_object", "plain"


@cache
def _client(api_key: str, base_url: str | None, timeout: float) -> Any:
    import openai  # imported on the first call to this vendor only

    return openai.OpenAI(api_key=api_key, base_url=base_url, max_retries=0, timeout=timeout)


class OpenAIProvider(VendorProvider):
    name = "openai"
    modes: tuple[str, ...] = (JSON_SCHEMA,)

    def client(self) -> Any:
        key = self.settings.resolved_api_key() or "not-needed"  # local servers take any key
        return _client(key, self.settings.base_url, self.settings.timeout_seconds)

    def _complete(
        self, request: GenerationRequest, turns: list[Turn], timeout: float, max_tokens: int
    ) -> RawAnswer:
        import openai

        modes = list(self.modes)
        while True:
            mode = modes.pop(0)
            try:
                return self._complete_in(mode, request, turns, timeout, max_tokens)
            except openai.BadRequestError:
                if not modes:
                    raise
                _remember_mode(self.settings.base_url, modes[0])  # this server rejects `mode`

    def _complete_in(
        self,
        mode: str,
        request: GenerationRequest,
        turns: list[Turn],
        timeout: float,
        max_tokens: int,
    ) -> RawAnswer:
        options: dict[str, Any] = {}
        if mode == JSON_SCHEMA:
            options["response_format"] = {
                "type": "json_schema",
                "json_schema": {
                    "name": request.schema.__name__,
                    "schema": strict_schema(request.schema),
                    "strict": True,
                },
            }
        elif mode == JSON_OBJECT:
            options["response_format"] = {"type": "json_object"}
        response = self.client().chat.completions.create(
            model=self.model,
            messages=[{"role": "system", "content": request.system_prompt}, *turns],
            temperature=self._temperature(request),
            max_completion_tokens=max_tokens,
            timeout=timeout,
            **options,
        )
        usage = response.usage
        message = response.choices[0].message if response.choices else None
        return RawAnswer(
            text=message.content if message else None,
            input_tokens=usage.prompt_tokens if usage else 0,
            output_tokens=usage.completion_tokens if usage else 0,
            refused=bool(message and getattr(message, "refusal", None)),
        )

    def _classify(self, error: Exception) -> ErrorClass | None:
        import openai

        if isinstance(error, openai.APITimeoutError):
            return ErrorClass.TIMEOUT
        if isinstance(error, openai.APIConnectionError):
            return ErrorClass.CONNECTION
        if isinstance(error, openai.APIStatusError):
            return status_class(error.status_code)
        return None


_NEGOTIATED: dict[str | None, str] = {}


def _remember_mode(base_url: str | None, mode: str) -> None:
    _NEGOTIATED[base_url] = mode


class OpenAICompatibleProvider(OpenAIProvider):
    """Ollama, vLLM, LM Studio…: strict schemas first, then JSON mode, then plain text."""

    name = "openai_compatible"

    @property
    def modes(self) -> tuple[str, ...]:  # type: ignore[override]
        order = (JSON_SCHEMA, JSON_OBJECT, PLAIN)
        start = order.index(_NEGOTIATED.get(self.settings.base_url, JSON_SCHEMA))
        return order[start:]
