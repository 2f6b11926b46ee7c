"""PDF text with pypdfium2 (PDFium, Apache-2.0/BSD).

PDFium keeps the spaces between words that browsers and word processors place by position
(pypdf and pdfminer.six run them together: "SpringBatch파티셔닝으로"), and ends each line
with a line break. A bullet that is drawn rather than typed (what Chromium prints for
``<ul>`` items, a small filled shape) has no character at all, so a list item would read
like any other line: a small square-ish shape just left of a line's first character is
written back as ``- ``. A Korean word the layout broke between two syllables (browsers do
unless a page asks them not to) is joined again (``hangul``); a word broken after its
hyphen PDFium joins itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium  # type: ignore[import-untyped]  # ships no type information
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from interview_prep.documents.extract import DocumentError
from interview_prep.documents.hangul import broken_inside_word
from interview_prep.errors import ErrorCode

#: Enough for any resume; a longer file is read this far so it cannot keep a worker busy.
MAX_PAGES = 30
LIST_MARKER = "- "
#: A drawn bullet is a few points wide and high (Chromium: 3 pt discs at 10 pt text) ...
_MARKER_SIZE = (1.0, 7.0)
#: ... and sits at most this far left of the item's first character.
_MARKER_GAP = 20.0
#: Lines starting within this many points of each other are one column (a list item's
#: indent included); a line ending within 2.5 characters of its column's edge ran full
#: (a closing ``다.`` that may not start a line takes the room of two).
_COLUMN_SLACK = 40.0
_FULL_LINE_SLACK = 2.5


@dataclass(frozen=True)
class _Box:
    left: float
    bottom: float
    right: float
    top: float


@dataclass(frozen=True)
class _PlacedLine:
    text: str
    first: _Box
    last: _Box


def text_of(data: bytes) -> str:
    """The text of every page (up to ``MAX_PAGES``), pages apart by an empty line."""
    document = _open(data)
    try:
        pages = [_page_text(document, index) for index in range(min(len(document), MAX_PAGES))]
    except pdfium.PdfiumError as error:
        raise DocumentError(
            ErrorCode.UPLOAD_UNREADABLE, f"A page of the PDF could not be read ({error})."
        ) from None
    finally:
        document.close()
    return "\n\n".join(pages)


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise DocumentError(
                ErrorCode.UPLOAD_ENCRYPTED,
                "The PDF is protected by a password; upload a copy saved without one.",
            ) from None
        raise DocumentError(
            ErrorCode.UPLOAD_UNREADABLE,
            "The file is not a readable PDF (it is damaged or incomplete); export it again.",
        ) from None


def _page_text(document: pdfium.PdfDocument, index: int) -> str:
    page = document[index]
    textpage = page.get_textpage()
    try:
        text: str = textpage.get_text_range()
        if len(text) != textpage.count_chars():  # no 1:1 map to the characters' boxes
            return text
        return _rebuilt(_placed_lines(text, textpage), _marker_boxes(page))
    finally:
        textpage.close()
        page.close()


def _placed_lines(text: str, textpage: pdfium.PdfTextPage) -> list[_PlacedLine]:
    """The page's lines with the boxes of their first and last characters."""
    lines = []
    position = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        if line.strip():
            first = position + len(line) - len(line.lstrip())
            last = position + len(line.rstrip()) - 1
            lines.append(
                _PlacedLine(
                    line.strip(),
                    _Box(*textpage.get_charbox(first)),
                    _Box(*textpage.get_charbox(last)),
                )
            )
        position += len(raw)
    return lines


def _rebuilt(lines: list[_PlacedLine], markers: list[_Box]) -> str:
    """The lines with drawn bullets written as ``- `` and Korean words broken by the line
    end joined again."""
    out: list[str] = []
    for number, line in enumerate(lines):
        item = bool(markers) and _has_marker(line.first, markers)
        previous = lines[number - 1] if number else None
        if out and previous is not None and not item and _joins(previous, line, lines):
            out[-1] += line.text
        else:
            out.append(LIST_MARKER + line.text if item else line.text)
    return "\n".join(out)


def _joins(previous: _PlacedLine, line: _PlacedLine, lines: list[_PlacedLine]) -> bool:
    """A full line whose last word runs on into the next line (see ``hangul``)."""
    if not broken_inside_word(previous.text, line.text):
        return False
    column = [
        other.last.right
        for other in lines
        if abs(other.first.left - previous.first.left) < _COLUMN_SLACK
    ]
    last = previous.last
    return max(column) - last.right < _FULL_LINE_SLACK * (last.right - last.left)


def _marker_boxes(page: pdfium.PdfPage) -> list[_Box]:
    """Small, roughly square path objects: the shapes a list bullet is drawn with."""
    smallest, largest = _MARKER_SIZE
    boxes = []
    for shape in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=3):
        box = _Box(*shape.get_bounds())
        width, height = box.right - box.left, box.top - box.bottom
        if (
            smallest <= width <= largest
            and smallest <= height <= largest
            and 0.5 <= width / height <= 2
        ):
            boxes.append(box)
    return boxes


def _has_marker(char: _Box, markers: list[_Box]) -> bool:
    """A marker ends just left of the character and is centred within its height."""
    for marker in markers:
        middle = (marker.bottom + marker.top) / 2
        gap = char.left - marker.right
        if 0 <= gap <= _MARKER_GAP and char.bottom - 1 <= middle <= char.top + 1:
            return True
    return False
