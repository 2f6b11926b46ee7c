"""The offline provider: answers with what the domain's offline generator produced for the
request (``GenerationRequest.offline_answer``). No network, no key; the service works out
of the box with it, and ``llm`` needs to know nothing about how the answer is made."""

from __future__ import annotations

import json

from interview_prep.llm.base import ErrorClass, GenerationRequest, GenerationResult, ProviderError
from interview_prep.models.jobs import Usage

#: The offline generator's version, as jobs and results name the model.
MODEL = "offline-grounded-v3"


class OfflineProvider:
    name = "offline"
    model = MODEL

    def generate(self, request: GenerationRequest) -> GenerationResult:
        if request.offline_answer is None:
            raise ProviderError(
                self.name,
                "this request has no offline answer",
                error_class=ErrorClass.BAD_REQUEST,
                transient=False,
            )
        data = request.offline_answer()
        review = request.problems(data)
        if review is not None:  # a defect here, not bad luck: say which rules broke
            raise ProviderError(
                self.name, f"offline output breaks {review.rules}", error_class=review.error_class
            )
        produced = json.dumps(data, ensure_ascii=False)
        usage = Usage(input_tokens=len(request.user_prompt) // 4, output_tokens=len(produced) // 4)
        return GenerationResult(data=data, provider=self.name, model=MODEL, usage=usage)
