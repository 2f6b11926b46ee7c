"""The body of an entry read line by line: list items are achievements (or architecture
highlights under such a sub-heading), a ``Tech:`` line lists the stack, a short first line
names the project, and running text is the description.

A line the layout wrapped is joined to the one before it with a space, which the
grounding rule allows (a line break is whitespace): the rest of an unfinished list item,
of a paragraph, of a ``Tech:`` list that ended on a comma.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from interview_prep.documents.lines import Field, Line, split_list, tidy

#: A first line no longer than this (display width; and no more than this share of the
#: body's longest line, once the body is wide enough to hold running text) and not a
#: sentence is a title: a wrapped description's first line is not.
_TITLE_WIDTH = 80
_TITLE_SHARE = 0.6
_PROSE_WIDTH = 50
_PLACE = r"[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,2}"
#: Where a job was: ``City, Region`` or a work mode, standing alone under the header.
_LOCATION = re.compile(
    rf"{_PLACE}, {_PLACE}(?: \((?:Remote|Hybrid|On-?site)\))?|Remote|Hybrid|On-?site|원격|재택"
)


@dataclass
class Body:
    title: str | None = None
    description: list[list[str]] = field(default_factory=list)
    achievements: list[list[str]] = field(default_factory=list)
    architecture: list[list[str]] = field(default_factory=list)
    tech: list[list[str]] = field(default_factory=list)
    #: Single-value labels (``Role: …``, ``GitHub: …``) and bare links by the field they fill.
    fields: dict[Field, str] = field(default_factory=dict)
    links: list[str] = field(default_factory=list)

    def joined(self, pieces: list[list[str]]) -> list[str]:
        return [tidy(" ".join(piece)) for piece in pieces if any(piece)]

    @property
    def text(self) -> str | None:
        """The description: its first paragraph (text further down, after the list, would
        be no piece of the text joined to it), or what a ``Description:`` label gave."""
        paragraphs = self.joined(self.description)
        return paragraphs[0] if paragraphs else self.fields.get(Field.DESCRIPTION)

    @property
    def stack(self) -> list[str]:
        return list(
            dict.fromkeys(item for piece in self.joined(self.tech) for item in split_list(piece))
        )

    @property
    def has_project(self) -> bool:
        return Field.PROJECT in self.fields or self.title is not None


def bodies_of(lines: list[Line], *, split_projects: bool = False) -> list[Body]:
    """The body read; with ``split_projects`` (jobs) each further ``Project:`` label opens a
    new body, because a job with two projects is two work-experience records."""
    bodies = [Body()]
    longest = max((line.width for line in lines), default=0)
    reader = _Reader(bodies[0], longest)
    for index, line in enumerate(lines):
        label = line.label
        if (
            split_projects
            and label is not None
            and label.field is Field.PROJECT
            and bodies[-1].has_project
        ):
            bodies.append(Body())
            reader = _Reader(bodies[-1], longest)
        reader.read(line, lines[index + 1] if index + 1 < len(lines) else None)
    return bodies


class _Reader:
    """Reads lines into one ``Body``, remembering what the last line added to."""

    def __init__(self, body: Body, longest: int) -> None:
        self.body = body
        #: A title is short next to the body's running text (which fills its column).
        wide = longest >= _PROSE_WIDTH
        self.title_width = min(_TITLE_WIDTH, int(_TITLE_SHARE * longest)) if wide else _TITLE_WIDTH
        self.items = body.achievements
        self.last: list[str] | None = None
        self.last_line: Line | None = None
        self.last_kind: str = ""

    def read(self, line: Line, following: Line | None) -> None:
        if self._continued(line):
            assert self.last is not None
            self.last.append(line.text)
        elif line.bullet:
            self._add(self.items, [line.content], "item")
        elif line.label is not None:
            self._labelled(line.label.field, line.label.value)
        elif line.bare_label is not None:
            self._sub_heading(line.bare_label)
        elif line.urls and len(line.text) - sum(map(len, line.urls)) < 20:
            self.body.links += line.urls
            self.last_kind = ""
        elif self._is_title(line, following):
            if not _LOCATION.fullmatch(line.text):  # ``San Francisco, California``: not a title
                self.body.title = tidy(line.text)
            self.last_kind = "title"
        else:
            self._add(self.body.description, [line.text], "text")
        self.last_line = line

    def _continued(self, line: Line) -> bool:
        previous = self.last_line
        if previous is None or self.last is None or line.bullet or line.label or line.bare_label:
            return False
        if self.last_kind == "text":
            return True
        if self.last_kind == "item":
            return not previous.ends_sentence or line.starts_lower
        if self.last_kind == "tech":  # under a bare ``Tech stack``, or a list cut at a comma
            return not self.last or previous.text.rstrip().endswith((",", "、", "·"))
        return False

    def _add(self, target: list[list[str]], piece: list[str], kind: str) -> None:
        target.append(piece)
        self.last, self.last_kind = piece, kind

    def _labelled(self, name: Field, value: str) -> None:
        self.last, self.last_kind = None, ""
        if name is Field.TECH:
            self._add(self.body.tech, [value] if value else [], "tech")
        elif name in (Field.ACHIEVEMENTS, Field.ARCHITECTURE):
            self._sub_heading(name)
            if value:
                self._add(self.items, [value], "item")
        elif name is Field.DESCRIPTION and value:
            self._add(self.body.description, [value], "text")
        elif value and name not in self.body.fields:
            self.body.fields[name] = tidy(value)

    def _sub_heading(self, name: Field) -> None:
        self.last, self.last_kind = None, ""
        if name is Field.ARCHITECTURE:
            self.items = self.body.architecture
        elif name is Field.ACHIEVEMENTS:
            self.items = self.body.achievements
        elif name is Field.TECH:
            self.last, self.last_kind = [], "tech"
            self.body.tech.append(self.last)

    def _is_title(self, line: Line, following: Line | None) -> bool:
        """A short first line; over running text only a clearly shorter one (a wrapped
        description's first line is as wide as the text below it)."""
        body = self.body
        if body.title is not None or body.description or body.achievements or line.ends_sentence:
            return False
        over_text = following is not None and _plain(following)
        return line.width <= (self.title_width if over_text else _TITLE_WIDTH)


def _plain(line: Line) -> bool:
    """Running text: no list item, label, sub-heading or link."""
    return not (line.bullet or line.label or line.bare_label or line.urls)
