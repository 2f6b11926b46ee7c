"""LLM-as-judge: a real model scores each question on an anchored 1-5 rubric at
temperature 0 (``prompts/judge.en.yaml``). Only meaningful with a real provider."""

from __future__ import annotations

import json
import time
from statistics import mean
from string import Template
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from interview_prep.generation.plan import Plan
from interview_prep.generation.prompts import fenced, template, trimmed_resume
from interview_prep.llm.base import GenerationRequest, Provider
from interview_prep.models import ResumeIn

CRITERIA = ("relevance", "clarity", "answerability", "difficulty_fit", "grounding")
Mark = Annotated[int, Field(ge=1, le=5)]


class Verdict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    relevance: Mark
    clarity: Mark
    answerability: Mark
    difficulty_fit: Mark
    grounding: Mark
    note: Annotated[str, Field(max_length=400)]


class Verdicts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    verdicts: list[Verdict]


def judge(
    provider: Provider, plan: Plan, resume: ResumeIn, answer: dict[str, Any], budget: int
) -> dict[str, float]:
    """Mean score per criterion over the answer's questions."""
    rubric = template("judge", "en")
    document, _ = trimmed_resume(plan, resume, budget)
    stated = {
        "seniority": plan.analysis.seniority,
        "difficulties": [slot.difficulty.value for slot in plan.questions],
    }
    values = {
        "guidelines": "\n".join(f"- {line}" for line in rubric.guidelines),
        "schema": json.dumps(Verdicts.model_json_schema()),
        "plan": json.dumps(stated),
        "resume": fenced(document),
        "questions": fenced(answer["questions"]),
    }
    request = GenerationRequest(
        kind=plan.kind,
        system_prompt=Template(rubric.system).substitute(values),
        user_prompt=Template(rubric.human).substitute(values),
        schema=Verdicts,
        deadline=time.monotonic() + 120,
        language="en",
        temperature=0.0,
    )
    verdicts = Verdicts.model_validate(provider.generate(request).data).verdicts
    return {c: round(mean(getattr(v, c) for v in verdicts), 2) for c in CRITERIA}
