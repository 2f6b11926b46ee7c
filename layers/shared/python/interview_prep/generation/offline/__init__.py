"""The offline generator: questions and learning paths from the plan and the knowledge
base, no network. Deterministic and grounded: each item is about an experience the plan
chose, is built from the knowledge base's angle for its technology and type, weaves in the
candidate's own project, results and team, and quotes the resume as evidence."""

from __future__ import annotations

from typing import Any

from interview_prep.generation.offline.paths import learning_path
from interview_prep.generation.offline.questions import question_set
from interview_prep.generation.plan import Plan
from interview_prep.models.jobs import JobKind


def generate(plan: Plan) -> dict[str, Any]:
    if plan.kind is JobKind.INTERVIEW_QUESTIONS:
        return question_set(plan)
    return learning_path(plan)
