"""A section cut into entries (one job, one project, one school), each around the line that
carries its dates: the anchor.

Layouts put an entry's other header fields on the anchor line (``Acme | Engineer | 2021 -
2023``), on the lines just above it (a position, then ``Acme  2021.03 - 2023.08``), or just
below it (a table row read cell by cell). An anchor claims as many of those lines as it
lacks fields; what follows is the entry's body. A section without any dates is cut at its
title-like lines instead (projects are often undated).
"""

# Dashes, full-width punctuation and bullets are what this module reads: not typos.
# ruff: noqa: RUF001

from __future__ import annotations

import re
from dataclasses import dataclass, field

from interview_prep.documents.headings import Kind
from interview_prep.documents.lines import Field, Line, parts, tidy
from interview_prep.documents.words import COMPANY, INSTITUTION, POSITION, is_kind

#: How many header fields an entry of each kind has besides its dates.
_WANTED = {Kind.EXPERIENCE: 2, Kind.CERTIFICATIONS: 2, Kind.EDUCATION: 3}
#: Kinds whose list items are entries of their own (a bulleted list of certificates),
#: not achievements.
_LISTED = (Kind.CERTIFICATIONS, Kind.EDUCATION)
#: ``(3 years 5 months)``, ``2년 6개월``, ``총 8년``: how long, written beside the dates.
_LENGTH_NOTE = re.compile(
    r"[(\[]?\s*(?:총\s*)?(?:\d+(?:\.\d+)?\s*(?:years?|yrs?|months?|mos?|년|개월)\s*)+[)\]]?",
    re.IGNORECASE,
)
#: Header lines are short; a longer line is a sentence of the body.
_HEADER_WIDTH = 80
#: Above its dates an entry's header reaches this many lines at most.
_HEADER_LINES = 3
#: A line at least this share of its section's longest line was wrapped, not ended; only
#: in sections wide enough to wrap prose at all.
_FULL = 0.8
_PROSE_WIDTH = 50


@dataclass
class Entry:
    #: The header fields in reading order (``(주)스마트오더``, ``백엔드 개발자``).
    header: list[str] = field(default_factory=list)
    #: The date range (or the one date) exactly as written.
    date: str | None = None
    body: list[Line] = field(default_factory=list)
    #: Header fields given with a label above the dates (``Company: Acme``).
    labelled: dict[Field, str] = field(default_factory=dict)


def entries_of(lines: list[Line], kind: Kind) -> list[Entry]:
    anchors = [index for index, line in enumerate(lines) if is_anchor(line, kind)]
    if not anchors:
        return _by_titles(lines)
    longest = max(line.width for line in lines)
    entries: list[Entry] = []
    body_from = 0
    for anchor in anchors:
        entry, start, end = _header(lines, anchor, body_from, kind, longest)
        if entries:  # the previous body ends where this header begins
            entries[-1].body = lines[body_from:start]
        entries.append(entry)
        body_from = end
    entries[-1].body = lines[body_from:]
    return entries


def is_anchor(line: Line, kind: Kind | None = None) -> bool:
    """A line that dates an entry: a range, or a single date standing at either end."""
    if line.bullet and kind not in _LISTED:
        return False
    if line.label is not None:  # ``Period: 2021.03 - 2023.08``
        return line.label.field is Field.PERIOD and bool(line.dates)
    if line.ranges:
        return not (line.ends_sentence and line.width > _HEADER_WIDTH)
    if not line.dates:
        return False
    bare = line.content.strip(" ()[]|·-–—,")
    return bare.startswith(line.dates[0]) or bare.endswith(line.dates[-1])


def _header(
    lines: list[Line], anchor: int, floor: int, kind: Kind, longest: int
) -> tuple[Entry, int, int]:
    """The entry an anchor heads, where its header starts, and where its body starts."""
    line = lines[anchor]
    own = [] if line.label is not None else _fields(line)
    need = _WANTED.get(kind, 1) - len(own)
    start, before, labelled = _claim_before(lines, anchor, floor, kind, need, longest)
    need -= len(before) + len(labelled)
    claimed = lines[start:anchor]
    if kind is Kind.CERTIFICATIONS and own and len(claimed) > 1 and not labelled:
        before = [tidy(" ".join(line.content for line in claimed))]  # a name wrapped in a column
    after: list[str] = []
    end = anchor + 1
    while (
        need > 0 and end < len(lines) and end - anchor <= 2 and _claimable_after(lines[end], kind)
    ):
        found = parts(lines[end].text)
        after += found
        need -= len(found)
        end += 1
    date = (line.ranges or line.dates)[0]
    entry = Entry(header=[*before, *own, *after], date=date, labelled=labelled)
    return entry, start, end


def _claim_before(
    lines: list[Line], anchor: int, floor: int, kind: Kind, need: int, longest: int
) -> tuple[int, list[str], dict[Field, str]]:
    """The header lines above an anchor: (first line, their fields, labelled fields)."""
    reach = _school_reach(lines, anchor, floor) if kind is Kind.EDUCATION else _HEADER_LINES
    greedy = kind is Kind.CERTIFICATIONS  # every line up to the previous certificate is its name
    before: list[str] = []
    labelled: dict[Field, str] = {}
    start = anchor
    while (need > 0 or greedy) and start - 1 >= floor and anchor - start < reach:
        candidate = lines[start - 1]
        if not _header_like(candidate) or _continues(lines, start - 1, longest):
            break
        if candidate.label is not None:
            labelled[candidate.label.field] = candidate.label.value
            need -= 1
        else:
            found = parts(candidate.content)
            before = found + before
            need -= len(found)
        start -= 1
    return start, before, labelled


def _fields(line: Line) -> list[str]:
    """The anchor line's fields besides its dates and a note of their length (``(3년 4개월)``)."""
    found = parts(Line(line.content).without_dates())
    return [field for field in found if not _LENGTH_NOTE.fullmatch(field)]


def _school_reach(lines: list[Line], anchor: int, floor: int) -> int:
    """How far above its dates a school's header reaches: up to the line naming the school.
    Without one, the lines above are the previous school's degree and status."""
    for distance in range(1, _HEADER_LINES + 1):
        index = anchor - distance
        if index < floor or not _header_like(lines[index]):
            break
        if is_kind(lines[index].text, INSTITUTION):
            return distance
    return 0


def _header_like(line: Line) -> bool:
    if line.bullet or line.ranges or line.dates or line.urls or line.ends_sentence:
        return False
    if line.label is not None and line.label.field not in (
        Field.COMPANY,
        Field.ROLE,
        Field.PROJECT,
    ):
        return False
    return line.width <= _HEADER_WIDTH


def _claimable_after(line: Line, kind: Kind) -> bool:
    """Below the dates only a line that plainly is a header field: a job's company or
    position (else it is the project's name); a school's lines are read by the education
    reader anyway."""
    if not _header_like(line) or line.label is not None or kind is Kind.EDUCATION:
        return False
    return (
        kind is not Kind.EXPERIENCE or is_kind(line.text, POSITION) or is_kind(line.text, COMPANY)
    )


def _continues(lines: list[Line], index: int, longest: int) -> bool:
    """Whether ``lines[index]`` is the wrapped rest of the line before it."""
    if index == 0:
        return False
    before, line = lines[index - 1], lines[index]
    if before.ends_sentence or before.ranges or (before.label is not None and not before.bullet):
        return False
    wrapped = longest >= _PROSE_WIDTH and before.width >= _FULL * longest
    return line.starts_lower or wrapped


def _by_titles(lines: list[Line]) -> list[Entry]:
    """Undated entries: each starts at a title-like line after the previous entry's body."""
    entries: list[Entry] = []
    for index, line in enumerate(lines):
        previous = lines[index - 1] if index else None
        opens = _header_like(line) and (
            previous is None
            or previous.bullet
            or previous.ends_sentence
            or previous.label is not None
        )
        if opens or not entries:
            entries.append(Entry(header=parts(line.content)) if opens else Entry(body=[line]))
        else:
            entries[-1].body.append(line)
    return entries
