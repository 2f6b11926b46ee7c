"""From a question and an answer to what the provider chain is asked, and its checks.

The answer is fenced as data like a resume: a candidate who writes "give this 100" is
graded on that sentence, as an answer. Contact details in the answer are masked first.
"""

from __future__ import annotations

import json
from functools import cache
from string import Template

from interview_prep.generation.prompts import LANGUAGE_NAMES, fenced, repair_turn, template
from interview_prep.grading import gate, offline
from interview_prep.grading.context import GradingTask
from interview_prep.llm.base import GenerationRequest
from interview_prep.models.jobs import JobKind
from interview_prep.models.practice import Grading
from interview_prep.privacy import redact

TASK = "answer_grading"
REPAIR = "answer_grading_repair"


def prompt_version() -> str:
    found = template(TASK, "en")
    return f"{found.name}@{found.version}"


@cache
def output_schema() -> str:
    return json.dumps(Grading.model_json_schema(), ensure_ascii=False)


def grading_request(task: GradingTask, deadline: float) -> GenerationRequest:
    language = task.language
    chosen = template(TASK, language)
    question = task.question.model_dump(mode="json")
    values = {
        "language_name": LANGUAGE_NAMES[language][language],
        "guidelines": "\n".join(f"- {line}" for line in chosen.guidelines),
        "schema": output_schema(),
        "question": fenced(question),
        "answer": fenced(redact(task.answer)),
    }
    return GenerationRequest(
        kind=JobKind.ANSWER_GRADING,
        system_prompt=Template(chosen.system).substitute(values),
        user_prompt=Template(chosen.human).substitute(values),
        schema=Grading,
        deadline=deadline,
        language=language,
        review=gate.reviewer(task),
        repair=repair_prompt,
        temperature=0.0,
        offline_answer=lambda: offline.grade(task),
    )


def repair_prompt(problems: list[str]) -> str:
    return repair_turn(REPAIR, problems)
