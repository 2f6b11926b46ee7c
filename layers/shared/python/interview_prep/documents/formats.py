"""What an uploaded file really is, judged from its bytes (the declared content type is only
the client's word). Standard library only: the API function sniffs before it accepts."""

from __future__ import annotations

import io
import zipfile
from enum import StrEnum

from interview_prep import contract

#: PDF readers look for the header this far into the file (some writers put junk first).
PDF_HEADER_WINDOW = 1024
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
#: Every Word document has its main part here; an XLSX or PPTX has ``xl/``/``ppt/`` instead.
DOCX_MAIN_PART = "word/document.xml"


class DocumentFormat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"

    @property
    def content_type(self) -> str:
        """The content type the upload contract names for this format."""
        return _CONTENT_TYPES[self]


_CONTENT_TYPES = {
    DocumentFormat.PDF: contract.PDF_CONTENT_TYPE,
    DocumentFormat.DOCX: contract.DOCX_CONTENT_TYPE,
}


def sniff(data: bytes) -> DocumentFormat | None:
    """The format ``data`` is in, or None for anything that is neither a PDF nor a DOCX
    (a plain ZIP, a spreadsheet, an image, a legacy ``.doc``, random bytes)."""
    if PDF_MAGIC in data[:PDF_HEADER_WINDOW]:
        return DocumentFormat.PDF
    if data.startswith(ZIP_MAGIC) and _is_word_package(data):
        return DocumentFormat.DOCX
    return None


def _is_word_package(data: bytes) -> bool:
    """Reads only the ZIP's central directory: nothing is unpacked. A package too damaged
    to have one still counts when its entries' own headers name Word's parts (a truncated
    DOCX is a corrupt document, for the reader to refuse as unreadable)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return DOCX_MAIN_PART in package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return b"word/" in data
