"""Versioned YAML prompts (``prompts/<task>.<language>.yaml``) rendered for one resume.

The whole resume reaches the model, fenced as data, inside a token budget that trims the
least important parts first (activities, certifications, education, then the details of
the lowest-ranked experiences). Contact details and the name are never sent. The output
schema is generated from the pydantic models here, at render time.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from string import Template
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from interview_prep.assets import load_yaml
from interview_prep.generation.plan import Plan
from interview_prep.generation.quality import SCHEMAS, link_roots, resume_document
from interview_prep.knowledge.depth import knowledge
from interview_prep.models import ResumeIn
from interview_prep.models.jobs import JobKind

TASKS = {JobKind.INTERVIEW_QUESTIONS: "interview_questions", JobKind.LEARNING_PATH: "learning_path"}
LANGUAGE_NAMES = {"en": {"en": "English", "ko": "Korean"}, "ko": {"en": "영어", "ko": "한국어"}}
#: Budget for the job description inside the prompt.
JOB_DESCRIPTION_TOKENS = 2_000
#: Budget for the knowledge-base notes on the resume's technologies.
KNOWLEDGE_TOKENS = 2_000
Document = dict[str, Any]


class PromptTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    version: str
    language: Literal["ko", "en"]
    description: str
    guidelines: list[str]
    system: str
    human: str
    examples: list[dict[str, Any]]


@dataclass(frozen=True)
class RenderedPrompt:
    system: str
    user: str
    #: ``name@version`` recorded with every result.
    version: str
    #: What the token budget left out, least important first.
    trimmed: tuple[str, ...]


@cache
def template(name: str, language: str) -> PromptTemplate:
    return PromptTemplate.model_validate(load_yaml(f"{name}.{language}.yaml"))


def prompt_version(kind: JobKind) -> str:
    found = template(TASKS[kind], "en")
    return f"{found.name}@{found.version}"


def estimate_tokens(text: str) -> int:
    """Rough and on the safe side: ~4 Latin characters per token, a token per other one."""
    ascii_chars = sum(1 for ch in text if ord(ch) < 128)
    return math.ceil(ascii_chars / 4 + (len(text) - ascii_chars))


def fenced(value: Any) -> str:
    """JSON whose text cannot close the fence it sits in: ``<`` and ``>`` are escaped."""
    text = json.dumps(value, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e")


@cache
def output_schema(kind: JobKind) -> str:
    """The output JSON Schema, generated from the pydantic model once per container."""
    return json.dumps(SCHEMAS[kind].model_json_schema(), ensure_ascii=False)


def render(plan: Plan, resume: ResumeIn, budget_tokens: int) -> RenderedPrompt:
    chosen = template(TASKS[plan.kind], plan.language)
    document, trimmed = trimmed_resume(plan, resume, budget_tokens)
    values = {
        "language_name": LANGUAGE_NAMES[plan.language][plan.language],
        "guidelines": "\n".join(f"- {line}" for line in chosen.guidelines),
        "schema": output_schema(plan.kind),
        "plan": json.dumps(plan_summary(plan), ensure_ascii=False, indent=1),
        "examples": "\n".join(json.dumps(e, ensure_ascii=False) for e in chosen.examples),
        "resume": fenced(document),
        "job_description": _job_description(plan.job_description),
        "count": str(plan.count),
    }
    return RenderedPrompt(
        system=Template(chosen.system).substitute(values),
        user=Template(chosen.human).substitute(values),
        version=f"{chosen.name}@{chosen.version}",
        trimmed=tuple(trimmed),
    )


def repair_prompt(language: str, problems: list[str]) -> str:
    return repair_turn("repair", problems, language if language in {"ko", "en"} else "en")


def repair_turn(name: str, problems: list[str], language: str = "en") -> str:
    """The repair round of prompt ``name``: the problems found, at most twenty."""
    listed = "\n".join(f"- {problem}" for problem in problems[:20])
    return Template(template(name, language).human).substitute(problems=listed)


def _job_description(text: str | None) -> str:
    if not text:
        return ""
    limit = JOB_DESCRIPTION_TOKENS
    while estimate_tokens(text) > limit:
        text = text[: int(len(text) * 0.9)]
    return f"<job_description>\n{fenced(text)}\n</job_description>\n"


def plan_summary(plan: Plan) -> dict[str, Any]:
    """The analysis as the model sees it: the plan to follow, not a suggestion."""
    analysis = plan.analysis
    summary: dict[str, Any] = {
        "seniority": analysis.seniority,
        "language": plan.language,
        "ranked_experiences": [
            {
                "source": exp.source,
                "name": exp.name,
                "technologies": [tech.name for tech in exp.technologies],
                "measured_results": list(exp.measured),
            }
            for exp in analysis.experiences
        ],
        "technologies": [{"name": t.name, "tier": t.tier.value} for t in analysis.technologies],
    }
    if analysis.role_gaps:
        summary["role_gaps"] = [tech.name for tech in analysis.role_gaps]
    notes = knowledge_notes(plan)
    if notes:
        summary["knowledge"] = notes
    if plan.kind is JobKind.INTERVIEW_QUESTIONS:
        summary["questions"] = [
            {
                "id": slot.id,
                "type": slot.type.value,
                "difficulty": slot.difficulty.value,
                "about": {"source": slot.focus.source, "name": slot.focus.name}
                if slot.focus
                else {"source": "technical_skills"},
                **({"aim_at_role_gap": slot.role_gap.name} if slot.role_gap else {}),
            }
            for slot in plan.questions
        ]
        return summary
    summary["paths"] = list(plan.paths)
    summary["strength_candidates"] = [_signal(s) for s in analysis.strengths]
    summary["gap_candidates"] = [_signal(s) for s in analysis.weaknesses]
    if plan.practice:
        summary["practice_gaps"] = [
            {
                "source": gap.source,
                "question_id": gap.question_id,
                "score": gap.score,
                "subject": gap.subject,
                "missed_point": gap.point,
            }
            for gap in plan.practice
        ]
    summary["allowed_links"] = allowed_links(plan)
    return summary


def knowledge_notes(plan: Plan, budget: int = KNOWLEDGE_TOKENS) -> list[dict[str, Any]]:
    """Knowledge-base entries of the resume's own technologies, as many as fit the budget:
    role gaps first, then those of the experiences the questions focus on, then by weight.
    Each gives what good answers cover for the planned question types, or the official
    resources a learning path may link to."""
    analysis = plan.analysis
    planned = {slot.type for slot in plan.questions}
    focused = sorted(
        (tech for slot in plan.questions if slot.focus for tech in slot.focus.technologies),
        key=lambda tech: -tech.weight,
    )
    notes: list[dict[str, Any]] = []
    used = 1  # the list's brackets
    for tech in dict.fromkeys(analysis.role_gaps + tuple(focused) + analysis.technologies):
        entry = knowledge().by_technology.get(tech.name)
        if entry is None:
            continue
        language = plan.language
        note: dict[str, Any] = {"technology": tech.name}
        if plan.kind is JobKind.INTERVIEW_QUESTIONS:
            note["what_good_answers_cover"] = {
                kind.value: list(a.cover.en if language == "en" else a.cover.ko)
                for kind, a in entry.angles.items()
                if kind in planned  # only the question types this set will ask
            }
        else:
            note["resources"] = [
                {"title": r.title.en if language == "en" else r.title.ko, "url": r.url}
                for r in entry.resources
            ]
        used += estimate_tokens(json.dumps(note, ensure_ascii=False)) + 2  # ", " between notes
        if used > budget:
            break
        notes.append(note)
    return notes


def _signal(signal: Any) -> dict[str, str]:
    return {"topic": signal.topic, "source": signal.source, "quote": signal.quote}


def allowed_links(plan: Plan, limit: int = 40) -> list[str]:
    """Links worth offering: every resource of the knowledge notes, then, up to ``limit``,
    the docs of the resume's technologies and of the candidates and the official roots."""
    analysis = plan.analysis
    noted = [
        resource["url"] for note in knowledge_notes(plan) for resource in note.get("resources", [])
    ]
    more = [s.docs for s in analysis.strengths + analysis.weaknesses if s.docs]
    more += [t.docs for t in analysis.technologies + analysis.role_gaps if t.docs]
    more += list(link_roots())
    found = list(dict.fromkeys(noted))
    return found + [url for url in dict.fromkeys(more) if url not in found][: limit - len(found)]


# --- the token budget ------------------------------------------------------------------


def trimmed_resume(plan: Plan, resume: ResumeIn, budget: int) -> tuple[Document, list[str]]:
    document = resume_document(resume)
    document.pop("name", None)  # personal, and not needed to ask good questions
    document = copy.deepcopy(_without_empty(document))
    trimmed: list[str] = []
    for label, drop in _trim_steps(plan, document):
        if estimate_tokens(fenced(document)) <= budget:
            break
        if drop(document):
            trimmed.append(label)
    return _without_empty(document), trimmed


def _trim_steps(plan: Plan, document: Document) -> list[tuple[str, Callable[[Document], bool]]]:
    steps: list[tuple[str, Callable[[Document], bool]]] = []
    for section in ("activities", "certifications", "education"):
        for index in reversed(range(len(document.get(section, [])))):
            steps.append((f"{section}[{index}]", _drop_item(section, index)))
    least_first = [exp.source for exp in reversed(plan.analysis.experiences)]
    for field in ("architecture_highlights", "description", "project_description"):
        steps += [(f"{source}.{field}", _drop_field(source, field)) for source in least_first]
    for keep in (2, 1, 0):
        for source in least_first:
            for field in ("achievements", "key_achievements"):
                steps.append((f"{source}.{field}[{keep}:]", _drop_field(source, field, keep)))
    return steps


def _drop_item(section: str, index: int) -> Callable[[Document], bool]:
    """Drop the last remaining item (later indexes go first, so earlier ones stay put)."""

    def drop(document: Document) -> bool:
        items = document.get(section, [])
        if len(items) <= index:
            return False
        del items[index:]
        return True

    return drop


def _drop_field(source: str, field: str, keep: int = 0) -> Callable[[Document], bool]:
    section, index = source.split("[")
    position = int(index.rstrip("]"))

    def drop(document: Document) -> bool:
        entry = document.get(section, [])[position]
        value = entry.get(field)
        if not value or (isinstance(value, list) and len(value) <= keep):
            return False
        entry[field] = value[:keep] if isinstance(value, list) else None
        return True

    return drop


def _without_empty(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_empty(v) for k, v in value.items() if v not in (None, [], {}, "")}
    if isinstance(value, list):
        return [_without_empty(item) for item in value]
    return value
