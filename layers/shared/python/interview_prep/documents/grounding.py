"""The grounding rule of uploaded resumes: every string in a draft must be a piece of the
document's text. Structuring may split and select, never write: a parser (or a model) that
invents, translates or reformats a value is caught here, by the JSON path of the value.

Both sides are compared after NFKC (full-width letters, ligatures and compatibility forms
read as their plain letters) and with every run of whitespace collapsed to one space, so a
value joined from two wrapped lines still counts as written.
"""

from __future__ import annotations

import unicodedata
from typing import Any


def normalise(text: str) -> str:
    """``text`` in NFKC with whitespace runs collapsed to one space and the ends stripped."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def ungrounded(draft: dict[str, Any], text: str) -> list[str]:
    """The paths (``work_experiences[0].company``) of strings in ``draft`` not in ``text``."""
    haystack = normalise(text)
    return [path for path, value in _strings(draft, "") if normalise(value) not in haystack]


def _strings(node: Any, path: str) -> list[tuple[str, str]]:
    """Every string below ``node`` with its JSON path; dict keys are field names, not text."""
    if isinstance(node, str):
        return [(path, node)]
    if isinstance(node, dict):
        return [
            found
            for key, value in node.items()
            for found in _strings(value, f"{path}.{key}" if path else str(key))
        ]
    if isinstance(node, list):
        return [
            found for index, item in enumerate(node) for found in _strings(item, f"{path}[{index}]")
        ]
    return []
