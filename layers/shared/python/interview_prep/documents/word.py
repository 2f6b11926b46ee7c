"""DOCX text with python-docx (MIT): paragraphs and tables in the order they stand.

Word resume templates hide text where ``Document.paragraphs`` does not look: in tables
(two-column layouts), content controls (``w:sdt``), the page header (the name) and text
boxes. All of it is read, in body order. A table row of one-line cells becomes one line
with the cells apart by a tab (``Languages<TAB>Python, Go``, as Word copies a row); a row
with longer cells gives each cell's lines in turn (the columns of a layout table). List
paragraphs whose bullet comes from numbering start with ``- ``.
"""

# Dashes, full-width punctuation and bullets are what this module reads: not typos.
# ruff: noqa: RUF001

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from interview_prep.documents.extract import DocumentError, looks_encrypted_office
from interview_prep.documents.formats import DOCX_MAIN_PART
from interview_prep.errors import ErrorCode

LIST_MARKER = "- "
#: A 10 MB upload that unpacks to more than this is a ZIP bomb, not a resume.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
#: What a typed bullet starts with; such a list item needs no marker of ours.
_TYPED_BULLETS = tuple("-•*▪◦·●○■□➢►▶✓✔–—")
_P, _TBL, _SDT, _TC = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:tc")
#: A paragraph's own text pieces: not inside a text box (read on its own), not the
#: fallback copy Word keeps of every text box, not tab stops of the paragraph's settings.
_TEXT_PIECES = (
    "./descendant::*[self::w:t or self::w:tab or self::w:br or self::w:cr or self::w:noBreakHyphen]"
    "[not(ancestor::w:txbxContent)][not(ancestor::w:pPr)]"
)
_TEXT_BOXES = "./descendant::w:txbxContent[not(ancestor::*[local-name()='Fallback'])]"


def text_of(data: bytes) -> str:
    """The lines of the first page header, then of the body."""
    if looks_encrypted_office(data):
        raise DocumentError(
            ErrorCode.UPLOAD_ENCRYPTED,
            "The DOCX is protected by a password; upload a copy saved without one.",
        )
    _check_package(data)
    try:
        document = docx.Document(io.BytesIO(data))
        lines = [*_header_lines(document), *_block_lines(document.element.body, document)]
    except Exception as error:  # damaged XML or parts: python-docx raises many kinds
        raise DocumentError(
            ErrorCode.UPLOAD_UNREADABLE,
            f"The DOCX could not be read ({type(error).__name__}); save it again from your editor.",
        ) from None
    return "\n".join(lines)


def _check_package(data: bytes) -> None:
    """A ZIP with a document part that unpacks to a sane size; else the file is unreadable."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise DocumentError(
            ErrorCode.UPLOAD_UNREADABLE,
            "The file is not a readable DOCX (its ZIP package is damaged).",
        ) from None
    if DOCX_MAIN_PART not in {member.filename for member in members}:
        raise DocumentError(
            ErrorCode.UPLOAD_UNREADABLE, "The DOCX has no document part (word/document.xml)."
        )
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise DocumentError(
            ErrorCode.UPLOAD_UNREADABLE, "The DOCX unpacks to more than a document ever does."
        )


def _header_lines(document: Document) -> list[str]:
    """The first section's own page headers: templates often put the name there."""
    if not document.sections:
        return []
    section = document.sections[0]
    headers = (
        [section.first_page_header, section.header]
        if section.different_first_page_header_footer
        else [section.header]
    )
    lines: list[str] = []
    for header in headers:
        if not header.is_linked_to_previous:
            lines += [line for line in _block_lines(header._element, header) if line not in lines]
    return lines


def _block_lines(container: Any, parent: Any) -> Iterator[str]:
    """Lines of the paragraphs and tables directly in ``container``, content controls opened."""
    for child in container.iterchildren():
        if child.tag == _P:
            yield from _paragraph_lines(Paragraph(child, parent), parent)
        elif child.tag == _TBL:
            yield from _table_lines(child, parent)
        elif child.tag == _SDT:
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _block_lines(content, parent)


def _paragraph_lines(paragraph: Paragraph, parent: Any) -> Iterator[str]:
    text = "".join(_piece(element) for element in paragraph._p.xpath(_TEXT_PIECES))
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    if lines and _is_list_item(paragraph) and not lines[0].startswith(_TYPED_BULLETS):
        lines[0] = LIST_MARKER + lines[0]
    yield from lines
    for box in paragraph._p.xpath(_TEXT_BOXES):
        yield from _block_lines(box, parent)


def _piece(element: Any) -> str:
    if element.tag == qn("w:t"):
        return str(element.text or "")
    if element.tag == qn("w:tab"):
        return "\t"
    if element.tag == qn("w:noBreakHyphen"):
        return "-"
    return "\n"  # w:br, w:cr


def _is_list_item(paragraph: Paragraph) -> bool:
    """Numbered directly or through its style (``List Bullet``); numId 0 switches it off."""
    properties = paragraph._p.pPr
    if properties is not None and properties.numPr is not None:
        return _numbering_on(properties.numPr)
    style = paragraph.style
    while style is not None:
        style_properties = style.element.pPr
        if style_properties is not None and style_properties.numPr is not None:
            return _numbering_on(style_properties.numPr)
        style = style.base_style
    return False


def _numbering_on(numbering: Any) -> bool:
    return numbering.numId is None or numbering.numId.val != 0


def _table_lines(table: Any, parent: Any) -> Iterator[str]:
    for row in table.iterchildren(qn("w:tr")):
        cells = [list(_block_lines(cell, parent)) for cell in row.iterchildren(_TC)]
        if all(len(cell) <= 1 for cell in cells):
            line = "\t".join(cell[0] for cell in cells if cell)
            if line:
                yield line
        else:
            for cell in cells:
                yield from cell
