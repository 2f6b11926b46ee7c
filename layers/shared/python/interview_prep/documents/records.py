"""Draft records from entries: which header field is the company and which the position,
the school, the degree, the issuer; the body's achievements, stack and links.

Every value is a field or line of the entry as written (``tidy`` only collapses spaces).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import HttpUrl, TypeAdapter, ValidationError

from interview_prep.documents.body import Body, bodies_of
from interview_prep.documents.entries import Entry
from interview_prep.documents.experience import find_dates
from interview_prep.documents.lines import Field, Line, parts, tidy, width
from interview_prep.documents.words import (
    ACTIVITY_KINDS,
    CERTIFICATE,
    COMPANY,
    DEGREE,
    INSTITUTION,
    ISSUER,
    MAJOR,
    POSITION,
    STATUS,
    best_pair,
    is_kind,
)

Record = dict[str, Any]
_URL: TypeAdapter[HttpUrl] = TypeAdapter(HttpUrl)
_BRACKETED_KIND = re.compile(r"^[\[(【]([^\])】]{1,20})[\])】]\s*(.+)$")
_DEGREE_IN = re.compile(r"^(?P<degree>.+?)\s+in\s+(?P<major>.+)$")
#: A school's status is a word or two (``졸업``, ``재학 중``), never a phrase.
_STATUS_WIDTH = 20


def work_experiences(entries: list[Entry]) -> list[Record]:
    records = []
    for entry in entries:
        header = parts(entry.header[0], weak=True) if len(entry.header) == 1 else entry.header
        company, position = _pick(header, COMPANY, POSITION)
        company = entry.labelled.get(Field.COMPANY, company)
        position = entry.labelled.get(Field.ROLE, position)
        for body in bodies_of(entry.body, split_projects=True):
            record = {
                "company": body.fields.get(Field.COMPANY, company),
                "position": body.fields.get(Field.ROLE, position),
                "duration": entry.date,
                "project_name": body.fields.get(
                    Field.PROJECT, entry.labelled.get(Field.PROJECT, body.title)
                ),
                "project_description": body.text,
                "tech_stack": body.stack,
                "achievements": body.joined(body.achievements) + body.joined(body.architecture),
            }
            records.append(record)
    return [
        record
        for record in records
        if record["company"] or record["position"] or record["achievements"]
    ]


def personal_projects(entries: list[Entry]) -> list[Record]:
    records = []
    for entry in entries:
        body = bodies_of(entry.body)[0]
        name = entry.labelled.get(Field.PROJECT) or (entry.header[0] if entry.header else None)
        github, demo = _links(body)
        records.append(
            {
                "name": body.fields.get(Field.PROJECT, name)
                or body.fields.get(Field.NAME)
                or body.title,
                "duration": entry.date,
                "description": body.text,
                "tech_stack": body.stack,
                "github_url": github,
                "demo_url": demo,
                "key_achievements": body.joined(body.achievements),
                "architecture_highlights": body.joined(body.architecture),
            }
        )
    return [record for record in records if record["name"] or record["key_achievements"]]


def education(entries: list[Entry]) -> list[Record]:
    records = []
    for entry in entries:
        fields = [
            *entry.header,
            *(piece for line in entry.body for piece in _education_parts(line)),
        ]
        record: Record = {"period": entry.date}
        for line in entry.body:
            _education_label(record, line)
        for piece in _split_degrees(fields):
            slot = _education_slot(piece, record)
            if slot is not None:
                record[slot] = piece
        records.append(record)
    return [record for record in records if record.get("institution") or record.get("degree")]


def certifications(entries: list[Entry]) -> list[Record]:
    records = []
    for entry in entries:
        records.append(_certification(entry.header, entry.date, entry.labelled))
        for line in entry.body:  # undated certificates listed after a dated one
            if line.label is not None and line.label.field is Field.ISSUER:
                records[-1].setdefault("issuer", tidy(line.label.value))
            elif line.label is None and not line.urls and width(line.text) <= 120:
                records.append(_certification(parts(line.content), None, {}))
    return [record for record in records if record.get("name")]


def activities(entries: list[Entry]) -> list[Record]:
    records = []
    for entry in entries:
        body = bodies_of(entry.body)[0]
        kind, name = _activity_kind(entry.header)
        name = name or body.title
        records.append(
            {
                "type": body.fields.get(Field.KIND, kind),
                "name": body.fields.get(Field.NAME, name),
                "description": body.text,
                "period": entry.date,
                "achievements": body.joined(body.achievements),
            }
        )
    return [record for record in records if record["name"]]


def _pick(
    fields: list[str], first: tuple[str, ...], second: tuple[str, ...]
) -> tuple[str | None, str | None]:
    if not fields:
        return None, None
    one, two = best_pair(fields, first, second)
    return (fields[one] if one >= 0 else None), (fields[two] if two >= 0 else None)


def _links(body: Body) -> tuple[str | None, str | None]:
    """(repository, demo): labelled links first, then a bare link by its host."""
    github = _valid_url(body.fields.get(Field.GITHUB))
    demo = _valid_url(body.fields.get(Field.DEMO))
    for link in body.links:
        if github is None and re.search(r"github|gitlab|bitbucket", link, re.IGNORECASE):
            github = _valid_url(link)
        elif demo is None:
            demo = _valid_url(link)
    return github, demo


def _valid_url(value: str | None) -> str | None:
    """The link as written when it is one a draft can hold (``https://…``), else None."""
    if not value:
        return None
    candidate = value.split()[0]
    try:
        _URL.validate_python(candidate)
    except ValidationError:
        return None
    return candidate


def _education_parts(line: Line) -> list[str]:
    if line.label is not None or line.urls:
        return []
    return parts(line.without_dates() if line.dates else line.content)


def _education_label(record: Record, line: Line) -> None:
    slots = {
        Field.INSTITUTION: "institution",
        Field.MAJOR: "major",
        Field.DEGREE: "degree",
        Field.STATUS: "status",
    }
    if line.label is not None and line.label.field in slots and line.label.value:
        record.setdefault(slots[line.label.field], tidy(line.label.value))


def _split_degrees(fields: list[str]) -> list[str]:
    """Fields that hold two: ``Bachelor of Science in Computer Science`` (degree, major),
    ``Bachelor of Science - BS, Computer Science``, ``서울대학교 컴퓨터공학부`` (school, major)."""
    pieces: list[str] = []
    for piece in fields:
        match = _DEGREE_IN.match(piece)
        if match and is_kind(match.group("degree"), DEGREE):
            pieces += [match.group("degree"), match.group("major")]
        elif ", " in piece and is_kind(piece.split(", ")[0], DEGREE):
            pieces += [part.strip() for part in piece.split(", ") if part.strip()]
        else:
            pieces += _school_and_major(piece)
    return pieces


def _school_and_major(piece: str) -> list[str]:
    """``서울대학교 컴퓨터공학부`` → the school, then the department after it."""
    words = piece.split()
    for index, word in enumerate(words[:-1]):
        rest = " ".join(words[index + 1 :])
        if is_kind(word, INSTITUTION) and is_kind(rest, MAJOR) and not is_kind(rest, INSTITUTION):
            return [" ".join(words[: index + 1]), rest]
    return [piece]


def _education_slot(piece: str, record: Record) -> str | None:
    """Which empty field ``piece`` fills: by its words first, else school then major."""
    if is_kind(piece, INSTITUTION) and "institution" not in record:
        return "institution"
    if is_kind(piece, DEGREE) and width(piece) <= 60 and "degree" not in record:
        return "degree"
    if is_kind(piece, STATUS) and width(piece) <= _STATUS_WIDTH and "status" not in record:
        return "status"
    if is_kind(piece, MAJOR) and "major" not in record:
        return "major"
    for slot in ("institution", "major"):
        if slot not in record:
            return slot
    return None


def _certification(fields: list[str], date: str | None, labelled: dict[Field, str]) -> Record:
    name, issuer = _pick(fields, CERTIFICATE, ISSUER)
    if name is None and issuer is not None and len(fields) == 1:
        name, issuer = issuer, None
    dates = find_dates(date) if date else []
    record: Record = {
        "name": labelled.get(Field.NAME, name),
        "issuer": labelled.get(Field.ISSUER, issuer),
        "issue_date": dates[0] if dates else None,
        "expiry_date": dates[1] if len(dates) > 1 else None,
    }
    return {key: value for key, value in record.items() if value}


def _activity_kind(fields: list[str]) -> tuple[str | None, str | None]:
    """(type, name): ``[발표] 세미나`` or ``Talk | Serving…``; a lone field is the name."""
    if not fields:
        return None, None
    bracketed = _BRACKETED_KIND.match(fields[0])
    if bracketed:
        return tidy(bracketed.group(1)), tidy(bracketed.group(2))
    if len(fields) > 1 and len(fields[0].split()) <= 3 and is_kind(fields[0], ACTIVITY_KINDS):
        return fields[0], fields[1]
    return None, fields[0]
