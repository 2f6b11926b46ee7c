"""Personal contact data found by pattern in free text, replaced by placeholders.

Used on everything sent to an LLM provider and on every log line: an e-mail address or a
phone number written inside a summary or an achievement is caught as surely as one in the
``contact`` block (which is never sent at all).
"""

from __future__ import annotations

import re
from typing import Any

EMAIL_PLACEHOLDER = "[email]"
PHONE_PLACEHOLDER = "[phone]"

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONES = [
    # international: +82 10-1234-5678, +82-10 1234 5678, +1 (415) 555-2671, +44 20 7946 0958
    re.compile(r"\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)|\d{1,4})(?:[\s.-]?\d{2,4}){2,3}(?!\d)"),
    # Korean domestic with separators: 010-1234-5678, 02-123-4567, 031.123.4567, (02) 123-4567
    re.compile(r"(?<!\d)(?<!\d\.)\(?0\d{1,2}\)?[\s.-]\d{3,4}[\s.-]\d{4}(?!\d|\.\d)"),
    # Korean mobile written as one number: 01012345678
    re.compile(r"(?<!\d)01[016789]\d{7,8}(?!\d)"),
    # North American: (415) 555-2671, 415-555-2671
    re.compile(r"(?<!\d)(?:\(\d{3}\)\s?|\d{3}[.-])\d{3}[.-]\d{4}(?!\d)"),
]


def emails_in(text: str) -> list[str]:
    return _EMAIL.findall(text)


def phones_in(text: str) -> list[str]:
    """Phone numbers as written, in the order the patterns find them (after e-mails are
    taken out, so digits inside an address are no phone)."""
    rest = _EMAIL.sub(EMAIL_PLACEHOLDER, text)
    return [found.group(0) for pattern in _PHONES for found in pattern.finditer(rest)]


def redact(text: str) -> str:
    """``text`` with every e-mail address and phone number replaced by a placeholder."""
    text = _EMAIL.sub(EMAIL_PLACEHOLDER, text)
    for pattern in _PHONES:
        text = pattern.sub(PHONE_PLACEHOLDER, text)
    return text


def redact_all(value: Any) -> Any:
    """Every string inside ``value`` (dicts, lists) redacted; other values unchanged."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: redact_all(item) for key, item in value.items()}
    if isinstance(value, list):
        return [redact_all(item) for item in value]
    return value
