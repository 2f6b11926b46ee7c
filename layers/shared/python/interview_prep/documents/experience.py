"""Months of experience from the date ranges resumes write, Korean and English alike.

``2021.03 - 2023.08``, ``2021-03 ~ 현재``, ``2019년 3월 ~ 2021년 2월``, ``Mar 2021 – Present``,
``03/2021 - 08/2023``, ``2020 - 2022``, ``2022.01 ~ 재직중`` and an open ``2022.01 ~``.
Both ends count (``2021.03 - 2021.03`` is one month, as resumes mean it); a range given in
years runs from January to December; ranges that overlap are counted once, because two
jobs held at the same time are not twice the experience. Used by the upload parser and by
the JSON Resume import, so nothing here knows about either.
"""

# Dashes, full-width punctuation and bullets are what this module reads: not typos.
# ruff: noqa: RUF001, RUF002

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

_YEAR = r"(?:19|20)\d{2}"
_MONTH = r"(?:1[0-2]|0?[1-9])"
_MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
#: One date as written, most specific form first (``2021.03.15`` before ``2021``).
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_DATE = (
    rf"(?:{_YEAR}\s*년(?:\s*{_MONTH}\s*월)?"
    rf"|{_YEAR}\.\s{_MONTH}\.(?:\s{_DAY}\.)?"  # 2021. 03. (spaced, each part ends in a dot)
    rf"|{_YEAR}\s?[./-]\s?{_MONTH}(?:[./-]{_DAY}(?!\d))?(?!\d)(?:\.(?=\s*[~〜～\-–—]))?"
    rf"|(?<![a-z]){_MONTH_NAME}(?![a-z])\.?,?\s*{_YEAR}"
    rf"|(?<![\d.]){_MONTH}\s?[/.]\s?{_YEAR}"
    rf"|{_YEAR})"
)
_PRESENT = (
    r"(?:현재|재직\s?중|재학\s?중|진행\s?중|지금|(?<![a-z])(?:present|current(?:ly)?|now|today"
    r"|ongoing|to\s+date)(?![a-z]))"
)
_SEPARATOR = r"(?:\s*(?:[-–—~〜～→]|부터)\s*|\s+(?:to|until|till)\s+)"
_RANGE = re.compile(
    rf"(?<![\d.])(?P<start>{_DATE})(?:{_SEPARATOR}(?P<end>{_DATE}|{_PRESENT})"
    rf"|\s*[~〜～](?=\s*\)?\s*$))(?!\d)",
    re.IGNORECASE | re.MULTILINE,
)
_SINGLE = re.compile(rf"(?<![\d.])(?:{_DATE})(?![\d])", re.IGNORECASE)

_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: How one date is read: (pattern, which groups hold the year and the month).
_READERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"({_YEAR})\s*년(?:\s*({_MONTH})\s*월)?"), "ym"),
    (re.compile(rf"({_YEAR})\s?[./-]\s?({_MONTH})(?:\D.*)?"), "ym"),
    (re.compile(rf"({_MONTH_NAME})\.?,?\s*({_YEAR})", re.IGNORECASE), "name"),
    (re.compile(rf"({_MONTH})\s?[/.]\s?({_YEAR})"), "my"),
    (re.compile(rf"({_YEAR})"), "y"),
)
#: A range longer than this is a misread (a phone number, a product code), not a career.
_LONGEST_MONTHS = 50 * 12


@dataclass(frozen=True, order=True)
class MonthSpan:
    """Months counted as ``year * 12 + month - 1``; both ends included."""

    start: int
    end: int

    @property
    def months(self) -> int:
        return self.end - self.start + 1


def find_ranges(text: str) -> list[str]:
    """The date ranges in ``text``, exactly as written (``Mar 2021 – Present``)."""
    return [match.group(0).strip() for match in _RANGE.finditer(text)]


def find_dates(text: str) -> list[str]:
    """Single dates in ``text`` as written (``2022.05``, ``Oct 2023``, ``2019``)."""
    return [match.group(0).strip() for match in _SINGLE.finditer(text)]


def span_of(written: str, today: date | None = None) -> MonthSpan | None:
    """The months one range covers, or None when ``written`` holds no readable range."""
    match = _RANGE.search(written)
    if match is None:
        return None
    now = today or date.today()
    start = _read_date(match.group("start"), end=False)
    end_text = match.group("end")
    present = end_text is None or re.fullmatch(_PRESENT, end_text, re.IGNORECASE) is not None
    end = now.year * 12 + now.month - 1 if present else _read_date(end_text, end=True)
    if start is None or end is None or end < start or end - start >= _LONGEST_MONTHS:
        return None
    return MonthSpan(start, end)


def bounds_of(written: str) -> tuple[int, int | None] | None:
    """The first and last month of the range in ``written`` (month indices as in
    ``MonthSpan``); the last is None for a range that is still running (``~ 현재``)."""
    match = _RANGE.search(written)
    if match is None:
        return None
    start = _read_date(match.group("start"), end=False)
    end_text = match.group("end")
    if start is None:
        return None
    if end_text is None or re.fullmatch(_PRESENT, end_text, re.IGNORECASE) is not None:
        return start, None
    end = _read_date(end_text, end=True)
    return (start, end) if end is not None and end >= start else None


def months_of(durations: Iterable[str], today: date | None = None) -> int | None:
    """Total months in ``durations`` with overlaps counted once; None when none is readable."""
    spans = sorted(
        span
        for written in durations
        for found in find_ranges(written)
        if (span := span_of(found, today)) is not None
    )
    if not spans:
        return None
    return sum(merged.months for merged in _merge(spans))


def _merge(spans: list[MonthSpan]) -> list[MonthSpan]:
    """Sorted spans with every overlap folded into one span."""
    merged = [spans[0]]
    for span in spans[1:]:
        last = merged[-1]
        if span.start <= last.end:
            merged[-1] = MonthSpan(last.start, max(last.end, span.end))
        else:
            merged.append(span)
    return merged


def _read_date(written: str, *, end: bool) -> int | None:
    """A month index; a year alone means January as a start and December as an end."""
    text = written.strip()
    for pattern, kind in _READERS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        if kind == "name":
            month, year = _MONTH_NAMES.index(match.group(1)[:3].lower()) + 1, match.group(2)
        elif kind == "my":
            month, year = int(match.group(1)), match.group(2)
        elif kind == "ym" and match.group(2):
            year, month = match.group(1), int(match.group(2))
        else:
            year, month = match.group(1), 12 if end else 1
        return int(year) * 12 + month - 1
    return None
