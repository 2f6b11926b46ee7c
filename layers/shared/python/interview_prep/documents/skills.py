"""A skills section as named groups: ``Languages: Python, Go`` (or a table row
``Languages<TAB>Python, Go``, or ``[Languages] Python, Go``) is the group ``Languages``; a
short line over a list of items names the items below it; skills without any label form
one group named by the section's heading as written (``기술 스택``).

In a narrow column a long list wraps: a plain line right after a labelled one continues it
(``Hugging`` / ``Face Transformers`` is one skill again, joined with a space).
"""

# Dashes, full-width punctuation and bullets are what this module reads: not typos.
# ruff: noqa: RUF001

from __future__ import annotations

import re
from dataclasses import dataclass, field

from interview_prep.documents.lines import Line, split_list, tidy, width

_GROUP_LABEL = re.compile(
    r"^(?:\[(?P<bracketed>[^\]]{1,30})\]\s*|(?P<label>[^:：\t,，]{1,30}?)\s*(?:[:：]|\t+)\s*)(?P<items>.+)$"
)
#: A line this wide without any separator is a sentence about skills, not a skill.
_WIDEST_SKILL = 60
_LARGEST_GROUP = 100


@dataclass
class _Group:
    name: str
    pieces: list[str] = field(default_factory=list)
    labelled: bool = False

    @property
    def skills(self) -> list[str]:
        found = dict.fromkeys(item for piece in self.pieces for item in split_list(piece))
        return list(found)[:_LARGEST_GROUP]


def skill_groups(lines: list[Line], heading: str) -> list[dict[str, object]]:
    groups: list[_Group] = []
    last_labelled = False
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        labelled = _GROUP_LABEL.match(line.content)
        if labelled and not line.urls:
            name = labelled.group("bracketed") or labelled.group("label")
            groups.append(_Group(tidy(name), [labelled.group("items")], labelled=True))
            last_labelled = True
        elif _names_a_group(line, following):
            groups.append(_Group(tidy(line.text.rstrip(":："))))
            last_labelled = False
        elif last_labelled and not line.bullet and groups:
            groups[-1].pieces[-1] += " " + line.text  # the wrapped rest of the labelled list
        else:
            if not groups or groups[-1].labelled:
                groups.append(_Group(heading))
            if _is_list(line):
                groups[-1].pieces.append(line.content)
            last_labelled = False
    merged: dict[str, list[str]] = {}
    for group in groups:
        merged.setdefault(group.name, [])
        merged[group.name] += [skill for skill in group.skills if skill not in merged[group.name]]
    return [
        {"group": name, "skills": skills[:_LARGEST_GROUP]}
        for name, skills in merged.items()
        if skills
    ]


def _names_a_group(line: Line, following: Line | None) -> bool:
    """``Languages`` over ``• Python`` / ``• Go``: a short plain line above a list item."""
    return (
        not line.bullet
        and following is not None
        and following.bullet
        and width(line.text) <= 30
        and len(split_list(line.text)) == 1
    )


def _is_list(line: Line) -> bool:
    return len(split_list(line.content)) > 1 or width(line.content) <= _WIDEST_SKILL
