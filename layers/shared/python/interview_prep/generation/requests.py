"""From a resume and the job's parameters to what a provider is asked: plan, prompt, gate."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from interview_prep.generation import offline
from interview_prep.generation.plan import Plan, make_plan
from interview_prep.generation.practice import PracticeGap
from interview_prep.generation.prompts import RenderedPrompt, render, repair_prompt
from interview_prep.generation.quality import SCHEMAS, reviewer
from interview_prep.llm.base import GenerationRequest
from interview_prep.models import ResumeIn
from interview_prep.models.jobs import JobKind
from interview_prep.privacy import redact_all


@dataclass(frozen=True)
class Prepared:
    plan: Plan
    prompt: RenderedPrompt
    request: GenerationRequest


def without_contact_data(resume: ResumeIn) -> ResumeIn:
    """What the model may see: no contact block, and no address or number in free text."""
    content = resume.model_dump(mode="json", exclude={"contact"})
    return ResumeIn.model_validate(redact_all(content))


def prepare(
    kind: JobKind,
    resume: ResumeIn,
    parameters: dict[str, Any],
    *,
    deadline: float,
    token_budget: int,
    practice: tuple[PracticeGap, ...] = (),
) -> Prepared:
    """``practice``: what graded answers missed, for a learning path to build on."""
    resume = without_contact_data(resume)
    language = str(parameters.get("language", "auto"))
    plan = make_plan(kind, resume, parameters, language, practice)
    prompt = render(plan, resume, token_budget)
    request = GenerationRequest(
        kind=kind,
        system_prompt=prompt.system,
        user_prompt=prompt.user,
        schema=SCHEMAS[kind],
        deadline=deadline,
        language=plan.language,
        review=reviewer(plan, resume),
        repair=functools.partial(repair_prompt, plan.language),
        offline_answer=functools.partial(offline.generate, plan),
    )
    return Prepared(plan, prompt, request)
