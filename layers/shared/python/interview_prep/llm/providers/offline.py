"""The offline provider: the generator in ``generation/offline/``, behind the provider
interface. No network, no key; the service works out of the box with it."""

from __future__ import annotations

import json

from interview_prep.generation import offline
from interview_prep.generation.plan import Plan, make_plan
from interview_prep.llm.base import GenerationRequest, GenerationResult, ProviderError
from interview_prep.models.jobs import Usage

MODEL = offline.MODEL


class OfflineProvider:
    name = "offline"
    model = MODEL

    def generate(self, request: GenerationRequest) -> GenerationResult:
        plan = request.context
        if not isinstance(plan, Plan):
            plan = make_plan(request.kind, request.resume, request.parameters, request.language)
        data = offline.generate(plan)
        review = request.problems(data)
        if review is not None:  # a defect here, not bad luck: say which rules broke
            raise ProviderError(
                self.name, f"offline output breaks {review.rules}", error_class=review.error_class
            )
        produced = json.dumps(data, ensure_ascii=False)
        usage = Usage(input_tokens=len(request.user_prompt) // 4, output_tokens=len(produced) // 4)
        return GenerationResult(data=data, provider=self.name, model=MODEL, usage=usage)
