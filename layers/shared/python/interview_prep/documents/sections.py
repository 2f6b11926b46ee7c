"""The offline structurer: a resume's text cut into a draft ``ResumeDraft`` accepts.

The text is split at its section headings (``headings``); each section is cut into entries
around their dates (``entries``) and read into records (``records``, ``skills``). The name
is the first short line that is no heading, contact placeholder or date. Every string in
the draft is a piece of the text, whitespace collapsed (``grounding``): the parser splits
and selects, it never writes, translates or reformats. A text without any resume content
(a recipe, an invoice, lorem ipsum) is refused with ``UPLOAD_NOT_A_RESUME``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from interview_prep.documents import records
from interview_prep.documents.entries import entries_of, is_anchor
from interview_prep.documents.extract import DocumentError
from interview_prep.documents.grounding import normalise
from interview_prep.documents.headings import TITLES, Heading, Kind, heading_of
from interview_prep.documents.lines import Field, Line, lines_of, parts, squeeze, tidy, width
from interview_prep.documents.skills import skill_groups
from interview_prep.errors import ErrorCode

_PAGE_NUMBER = re.compile(
    r"^(?:-\s*)?(?:page\s*)?\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?(?:\s*-)?$", re.IGNORECASE
)
_NAME_WIDTH = 40
_NAME_WORDS = 5
#: A name or headline line above a summary paragraph (``Backend Engineer``) is no wider.
_HEADLINE_WIDTH = 40
#: Headings that, inside a job or project, are that entry's sub-headings instead.
_SUB_HEADINGS = (Field.ACHIEVEMENTS, Field.DESCRIPTION, Field.ARCHITECTURE)
#: Inside a skills section these name a group (``Languages``, ``Tools``), not a section.
_SKILL_GROUP_WORDS = frozenset({"languages", "언어", "외국어", "tools"})
_LONG_FIELDS = frozenset(
    {
        "summary",
        "project_description",
        "description",
        "achievements",
        "key_achievements",
        "architecture_highlights",
    }
)
_LONGEST_SHORT, _LONGEST_LONG, _MOST_ITEMS = 300, 5_000, 100
_READERS: dict[Kind, tuple[str, Callable[..., list[records.Record]]]] = {
    Kind.EXPERIENCE: ("work_experiences", records.work_experiences),
    Kind.PROJECTS: ("personal_projects", records.personal_projects),
    Kind.EDUCATION: ("education", records.education),
    Kind.CERTIFICATIONS: ("certifications", records.certifications),
    Kind.ACTIVITIES: ("activities", records.activities),
}
#: Sections that make a draft a resume rather than a page that merely has a name on it.
CONTENT_SECTIONS = (
    "work_experiences",
    "personal_projects",
    "skill_groups",
    "education",
    "certifications",
    "activities",
)


@dataclass
class Section:
    heading: Heading | None
    lines: list[Line] = field(default_factory=list)


def parse_resume_text(text: str) -> dict[str, Any]:
    """The draft of the resume ``text`` holds, for ``ResumeDraft.model_validate``.

    Raises ``DocumentError(UPLOAD_NOT_A_RESUME)`` when there is no resume in it. Any value
    the heuristics got wrong enough to be no piece of the text is dropped, so the draft
    always passes the grounding check (``draft_of`` returns it unchecked, for tests).
    """
    draft: dict[str, Any] = _grounded(draft_of(text), normalise(text))
    return draft


def draft_of(text: str) -> dict[str, Any]:
    """The draft as the heuristics build it (see ``parse_resume_text``)."""
    lines = [line for line in lines_of(text) if not _PAGE_NUMBER.match(line.text)]
    preamble, sections = split_sections(lines)
    draft: dict[str, Any] = {}
    for section in sections:
        _read_section(section, draft)
    if not any(draft.get(key) for key in CONTENT_SECTIONS):
        raise DocumentError(
            ErrorCode.UPLOAD_NOT_A_RESUME,
            "No resume was found in the document: it has no experience, projects, skills or "
            "education under headings a resume uses.",
        )
    name = _name(preamble, sections)
    if name is None:
        raise DocumentError(
            ErrorCode.UPLOAD_NOT_A_RESUME, "The document names nobody: no line reads as a name."
        )
    summary = draft.get("summary") or _preamble_summary(preamble)
    return _fit({"name": name, **draft, "summary": summary})


def split_sections(lines: list[Line]) -> tuple[list[Line], list[Section]]:
    """The lines before the first heading, and the sections."""
    preamble: list[Line] = []
    sections: list[Section] = []
    for index, line in enumerate(lines):
        current = sections[-1].heading.kind if sections and sections[-1].heading else None
        heading = heading_of(line)
        if heading is not None and _opens_section(heading, line, current, lines[index + 1 :]):
            sections.append(Section(heading))
        elif sections:
            sections[-1].lines.append(line)
        else:
            preamble.append(line)
    return preamble, sections


def _opens_section(heading: Heading, line: Line, current: Kind | None, rest: list[Line]) -> bool:
    """Whether a heading-like line opens a section, or is a sub-heading where it stands."""
    if current is Kind.SKILLS and (
        heading.kind is Kind.SKILLS or squeeze(heading.title) in _SKILL_GROUP_WORDS
    ):
        return False
    if current in (Kind.EXPERIENCE, Kind.PROJECTS) and line.bare_label is not None:
        if line.bare_label in _SUB_HEADINGS:
            return False
        if line.bare_label is Field.TECH:  # ``Tech stack`` inside a job, unless no job follows
            return not _more_entries(rest)
    return True


def _more_entries(rest: list[Line]) -> bool:
    """Whether the job or project goes on below: another dated entry, or an achievement
    (a list item that is a sentence; a skills list has none) before the next heading."""
    for line in rest:
        if heading_of(line) is not None and line.bare_label is None:
            return False
        if is_anchor(line) or (line.bullet and line.ends_sentence):
            return True
    return False


def _read_section(section: Section, draft: dict[str, Any]) -> None:
    heading = section.heading
    if heading is None or not section.lines:
        return
    if heading.kind is Kind.SUMMARY:
        draft.setdefault("summary", tidy(" ".join(line.text for line in section.lines)))
    elif heading.kind is Kind.SKILLS:
        _merge_groups(
            draft.setdefault("skill_groups", []), skill_groups(section.lines, heading.title)
        )
    elif heading.kind in _READERS:
        key, read = _READERS[heading.kind]
        draft.setdefault(key, []).extend(read(entries_of(section.lines, heading.kind)))


def _merge_groups(groups: list[dict[str, Any]], more: list[dict[str, Any]]) -> None:
    by_name = {group["group"]: group for group in groups}
    for group in more:
        if group["group"] in by_name:
            known = by_name[group["group"]]["skills"]
            known += [skill for skill in group["skills"] if skill not in known]
        else:
            groups.append(group)
            by_name[group["group"]] = group


def _name(preamble: list[Line], sections: list[Section]) -> str | None:
    """The first name-like line: in the preamble, else at the top of a contact or summary
    section (some templates put the name there)."""
    places = [preamble] + [
        s.lines[:3]
        for s in sections
        if s.heading and s.heading.kind in (Kind.CONTACT, Kind.SUMMARY, Kind.OTHER)
    ]
    for lines in places:
        for line in lines:
            name = name_of(line)
            if name is not None:
                return name
    return None


def name_of(line: Line) -> str | None:
    """The name ``line`` gives, if it reads as one: ``강도현``, ``Name: Daniel Okafor``."""
    if line.bullet or line.dates or heading_of(line) is not None:
        return None
    label = line.label
    fields = (
        [tidy(label.value)] if label is not None and label.field is Field.NAME else parts(line.text)
    )
    if not fields or (label is not None and label.field is not Field.NAME):
        return None
    name = fields[0]
    looks_like_text = any(char.isdigit() for char in name) or name.endswith((".", "!", "?", ":"))
    if looks_like_text or Line(name).contact or squeeze(name) in TITLES:
        return None
    return name if width(name) <= _NAME_WIDTH and len(name.split()) <= _NAME_WORDS else None


def _preamble_summary(preamble: list[Line]) -> str | None:
    """Without a summary heading, the first paragraph of running text above the sections:
    a run of plain lines holding a sentence, without the short headline it may start with."""
    run: list[Line] = []
    for line in [*preamble, Line("[email]")]:  # a contact line ends the last run
        if not line.contact and not line.bullet:
            run.append(line)
            continue
        while run and not run[0].ends_sentence and width(run[0].text) <= _HEADLINE_WIDTH:
            run.pop(0)
        if any(item.ends_sentence for item in run):
            return tidy(" ".join(item.text for item in run))
        run = []
    return None


def _fit(draft: dict[str, Any]) -> dict[str, Any]:
    """The draft within the model's limits, without empty fields: long text cut at the
    limit (still a piece of the text), an overlong short field dropped, lists capped."""
    return {
        key: fitted
        for key, value in draft.items()
        if (fitted := _fit_value(key, value)) not in (None, "", [])
    }


def _fit_value(key: str, value: Any) -> Any:
    if isinstance(value, str):
        if key in _LONG_FIELDS:
            return value[:_LONGEST_LONG].strip()
        return value if len(value) <= _LONGEST_SHORT else None
    if isinstance(value, list):
        items = [_fit_value(key, item) for item in value]
        return [item for item in items if item not in (None, "", [], {})][:_MOST_ITEMS]
    if isinstance(value, dict):
        return _fit(value) or None
    return value


def _grounded(node: Any, haystack: str) -> Any:
    """``node`` without the strings that are no piece of the text (and what they emptied)."""
    if isinstance(node, str):
        return node if normalise(node) in haystack else None
    if isinstance(node, list):
        kept = [_grounded(item, haystack) for item in node]
        return [item for item in kept if item not in (None, {}, [])]
    if isinstance(node, dict):
        kept_fields = {key: _grounded(value, haystack) for key, value in node.items()}
        return {key: value for key, value in kept_fields.items() if value not in (None, {}, [])}
    return node
