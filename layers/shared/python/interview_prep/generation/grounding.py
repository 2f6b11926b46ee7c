"""Evidence: resume elements addressed by path (``work_experiences[0]``) and quotes in them.

Quotes are compared after Unicode NFC, whitespace collapsing and case folding, so a
model that re-spaces or re-cases a phrase still counts as quoting it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_PATH = re.compile(r"^[^.\[\]]+(\[\d+\])*(\.[^.\[\]]+(\[\d+\])*)*$")


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def element(document: dict[str, Any], source: str) -> Any:
    """The value at ``source`` in a resume's JSON, or None when the path leads nowhere."""
    if not _PATH.match(source.strip()):
        return None
    node: Any = document
    for key, index in _STEP.findall(source.strip()):
        if key:
            node = node.get(key) if isinstance(node, dict) else None
        else:
            position = int(index)
            node = node[position] if isinstance(node, list) and position < len(node) else None
        if node is None:
            return None
    return node


def text_of(node: Any) -> str:
    """Every string in an element, keys of open maps (skill groups) included."""
    if isinstance(node, str):
        return node
    if isinstance(node, dict):
        return "\n".join(f"{key}\n{text_of(value)}" for key, value in node.items())
    if isinstance(node, list):
        return "\n".join(text_of(item) for item in node)
    return "" if node is None else str(node)


def quote_found(document: dict[str, Any], source: str, quote: str) -> bool:
    found = element(document, source)
    wanted = normalise(quote)
    return found is not None and bool(wanted) and wanted in normalise(text_of(found))


def short_quote(text: str, limit: int = 100) -> str:
    """A prefix of ``text`` cut at a word boundary: still a verbatim quote."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut if len(cut) >= limit // 2 else text[:limit]
