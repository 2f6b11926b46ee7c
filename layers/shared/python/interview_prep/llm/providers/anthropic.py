"""Claude through the ``anthropic`` SDK, with structured outputs (``output_config.format``)."""

from __future__ import annotations

from functools import cache
from typing import Any

from interview_prep.llm.base import ErrorClass, GenerationRequest
from interview_prep.llm.providers.vendor import RawAnswer, Turn, VendorProvider, status_class
from interview_prep.llm.schema import strict_schema


@cache
def _client(api_key: str, base_url: str | None, timeout: float) -> Any:
    import anthropic  # ~2 s to import: only on the first call to this vendor

    return anthropic.Anthropic(api_key=api_key, base_url=base_url, max_retries=0, timeout=timeout)


class ClaudeProvider(VendorProvider):
    name = "claude"

    def client(self) -> Any:
        key = self.settings.resolved_api_key() or ""
        return _client(key, self.settings.base_url, self.settings.timeout_seconds)

    def _complete(
        self, request: GenerationRequest, turns: list[Turn], timeout: float, max_tokens: int
    ) -> RawAnswer:
        response = self.client().messages.create(
            model=self.model,
            max_tokens=max_tokens,
            system=request.system_prompt,
            messages=turns,  # this SDK generation takes no temperature for Messages
            output_config={
                "format": {"type": "json_schema", "schema": strict_schema(request.schema)}
            },
            timeout=timeout,
        )
        text = "".join(
            block.text for block in response.content if getattr(block, "type", "") == "text"
        )
        return RawAnswer(
            text=text,
            input_tokens=response.usage.input_tokens,
            output_tokens=response.usage.output_tokens,
            refused=response.stop_reason == "refusal",
        )

    def _classify(self, error: Exception) -> ErrorClass | None:
        import anthropic

        if isinstance(error, anthropic.APITimeoutError):
            return ErrorClass.TIMEOUT
        if isinstance(error, anthropic.APIConnectionError):
            return ErrorClass.CONNECTION
        if isinstance(error, anthropic.APIStatusError):
            return status_class(error.status_code)
        return None
