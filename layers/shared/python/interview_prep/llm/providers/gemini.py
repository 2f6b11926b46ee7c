"""Gemini through the ``google-genai`` SDK, with ``response_json_schema``."""

from __future__ import annotations

from functools import cache
from typing import Any

from interview_prep.llm.base import ErrorClass, GenerationRequest
from interview_prep.llm.providers.vendor import RawAnswer, Turn, VendorProvider, status_class
from interview_prep.llm.schema import gemini_schema

_BLOCKED = {"SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION"}


@cache
def _client(api_key: str, base_url: str | None, timeout: float) -> Any:
    from google import genai  # imported on the first call to this vendor only
    from google.genai import types

    options = types.HttpOptions(
        base_url=base_url,
        timeout=int(timeout * 1000),
        retry_options=types.HttpRetryOptions(attempts=1),  # the chain, not the SDK, retries
    )
    return genai.Client(api_key=api_key, http_options=options)


class GeminiProvider(VendorProvider):
    name = "gemini"

    def client(self) -> Any:
        key = self.settings.resolved_api_key() or ""
        return _client(key, self.settings.base_url, self.settings.timeout_seconds)

    def _complete(
        self, request: GenerationRequest, turns: list[Turn], timeout: float, max_tokens: int
    ) -> RawAnswer:
        from google.genai import types

        contents = [
            types.Content(
                role="model" if turn["role"] == "assistant" else "user",
                parts=[types.Part(text=turn["content"])],
            )
            for turn in turns
        ]
        response = self.client().models.generate_content(
            model=self.model,
            contents=contents,
            config=types.GenerateContentConfig(
                system_instruction=request.system_prompt,
                temperature=self._temperature(request),
                max_output_tokens=max_tokens,
                response_mime_type="application/json",
                response_json_schema=gemini_schema(request.schema),
                http_options=types.HttpOptions(timeout=int(timeout * 1000)),
            ),
        )
        candidate = response.candidates[0] if response.candidates else None
        finish = str(getattr(candidate, "finish_reason", "") or "").rsplit(".", 1)[-1]
        blocked = bool(response.prompt_feedback and response.prompt_feedback.block_reason)
        usage = response.usage_metadata
        return RawAnswer(
            text=response.text if candidate and candidate.content else None,
            input_tokens=(usage.prompt_token_count or 0) if usage else 0,
            output_tokens=(usage.candidates_token_count or 0) if usage else 0,
            refused=blocked or finish in _BLOCKED,
        )

    def _classify(self, error: Exception) -> ErrorClass | None:
        from google.genai import errors

        if isinstance(error, errors.APIError):
            return status_class(int(error.code or 500))
        # the SDK runs on httpx or its successor httpx2: match their exception names
        bases = {cls.__name__ for cls in type(error).__mro__}
        if "TimeoutException" in bases:
            return ErrorClass.TIMEOUT
        if "TransportError" in bases:
            return ErrorClass.CONNECTION
        return None
