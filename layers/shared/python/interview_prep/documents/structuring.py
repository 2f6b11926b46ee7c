"""From a document's text to a resume: the request to the provider chain, the checks its
answer must pass, and the resume made from an accepted answer.

The providers see the masked text only (:mod:`documents.contacts`). An answer must fit
:class:`ResumeDraft` and every string in it must occur in the text (whitespace
normalised); a failing answer gets one repair round, then the next provider. The offline
provider answers with the section-heading parser's draft, which obeys the same rule.
"""

from __future__ import annotations

from string import Template
from typing import Any

from pydantic import ValidationError

from interview_prep.documents.contacts import MaskedText
from interview_prep.documents.experience import months_of
from interview_prep.documents.grounding import ungrounded
from interview_prep.documents.sections import CONTENT_SECTIONS
from interview_prep.generation.analysis import detect_language
from interview_prep.generation.prompts import repair_turn, template
from interview_prep.llm.base import ErrorClass, GenerationRequest, Review, schema_problems
from interview_prep.models import ResumeIn
from interview_prep.models.jobs import JobKind
from interview_prep.models.uploads import ResumeDraft

TASK = "resume_structuring"
REPAIR = "resume_structuring_repair"
#: A resume is a few thousand characters; a longer text is cut (and the cut logged).
MAX_TEXT_CHARACTERS = 40_000


def prompt_version() -> str:
    found = template(TASK, "en")
    return f"{found.name}@{found.version}"


def structuring_request(
    masked: MaskedText, offline_draft: dict[str, Any], deadline: float
) -> GenerationRequest:
    """What the chain is asked; ``offline_draft`` is the section parser's answer."""
    text = masked.text[:MAX_TEXT_CHARACTERS]
    prompt = template(TASK, "en")
    return GenerationRequest(
        kind=JobKind.RESUME_UPLOAD,
        system_prompt=prompt.system,
        user_prompt=Template(prompt.human).substitute(text=_fenced(text)),
        schema=ResumeDraft,
        deadline=deadline,
        language=detect_language(text),
        review=lambda data: review(data, masked.text),
        repair=repair_prompt,
        temperature=0.0,
        offline_answer=lambda: offline_draft,
    )


def review(data: dict[str, Any], text: str) -> Review | None:
    """Schema first, then the rule that makes a parse trustworthy: nothing invented."""
    try:
        draft = ResumeDraft.model_validate(data)
    except ValidationError as error:
        return Review(schema_problems(error), ErrorClass.SCHEMA_INVALID)
    invented = ungrounded(draft.model_dump(mode="json", exclude_none=True), text)
    if invented:
        problems = tuple(f"{path}: not in the document [grounding]" for path in invented[:20])
        return Review(problems, ErrorClass.QUALITY_GATE)
    return None


def repair_prompt(problems: list[str]) -> str:
    return repair_turn(REPAIR, problems)


def has_content(draft: ResumeDraft) -> bool:
    return any(getattr(draft, section) for section in CONTENT_SECTIONS)


def to_resume(draft: ResumeDraft, masked: MaskedText) -> ResumeIn:
    """The stored resume: the draft with links restored, the contact details found by
    pattern, skills as the resume's map and the experience total from the dates."""
    fields = masked.unmask(draft.model_dump(mode="json", exclude={"skill_groups"}))
    skills: dict[str, list[str]] = {}
    for group in draft.skill_groups:
        skills.setdefault(group.group, []).extend(
            skill for skill in group.skills if skill not in skills.get(group.group, [])
        )
    durations = [work.duration for work in draft.work_experiences if work.duration]
    return ResumeIn.model_validate(
        {
            **fields,
            "contact": masked.contact or None,
            "technical_skills": skills,
            "total_experience_months": months_of(durations),
        }
    )


def _fenced(text: str) -> str:
    """The text cannot close the fence it sits in."""
    return text.replace("</document", "</ document")
