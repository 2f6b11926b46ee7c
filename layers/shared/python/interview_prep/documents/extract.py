"""A document's plain text, or a ``DocumentError`` saying in one sentence why there is none.

The readers (``pdf`` with pypdfium2, ``word`` with python-docx) are imported only when a
file of their kind is read: importing this module loads neither library. The text keeps
one line per line of the document (``\\n``), pages apart by an empty line; list items whose
bullet is drawn or numbered rather than typed start with ``- ``, so structuring still sees
them as list items.
"""

from __future__ import annotations

import re
import unicodedata

from interview_prep.documents.formats import DocumentFormat
from interview_prep.errors import ErrorCode

#: An OLE compound file: legacy ``.doc``, and what Word writes for a password-protected DOCX.
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Stream names an encrypted OOXML package has inside its compound file (UTF-16 names).
_ENCRYPTION_STREAMS = tuple(
    name.encode("utf-16-le") for name in ("EncryptionInfo", "EncryptedPackage")
)
#: Characters that are never text: controls (bar tab and newline), soft hyphens, zero-width
#: marks and byte-order marks, Unicode non-characters. NUL could not even be stored.
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b\u200c\u200e\u200f\ufeff\ufffe\uffff]"
)
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
#: Every way documents end a line: Windows, old Mac, Word's vertical tab, form feed, and
#: Unicode's line and paragraph separators.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\u2028\u2029]")
#: PDFium writes a hyphen that ended a line (``status-`` / ``update``) as one of these and
#: joins the two lines; the hyphen is put back (the word had it: browsers only break there).
_PDFIUM_HYPHENS = re.compile("[\x02\ufffe]")


class DocumentError(Exception):
    """Why a document gives no resume text. ``detail`` is for the user (the job's error
    detail) and never quotes the document."""

    def __init__(self, code: ErrorCode, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def looks_encrypted_office(data: bytes) -> bool:
    """Whether ``data`` is a password-protected Office file: Word then stores the DOCX as an
    encrypted stream in an OLE compound file, which ``formats.sniff`` rightly calls no DOCX.
    A caller checks this first to tell the user "remove the password" rather than "wrong type"."""
    return data.startswith(CFB_MAGIC) and any(name in data for name in _ENCRYPTION_STREAMS)


def extract_text(data: bytes, fmt: DocumentFormat) -> str:
    """The text of ``data`` read as ``fmt``; raises ``DocumentError`` when there is none."""
    if fmt is DocumentFormat.PDF:
        from interview_prep.documents import pdf

        raw = pdf.text_of(data)
    else:
        from interview_prep.documents import word

        raw = word.text_of(data)
    text = clean(raw)
    if not text.strip():
        raise DocumentError(ErrorCode.UPLOAD_NO_TEXT, _NO_TEXT[fmt])
    return text


_NO_TEXT = {
    DocumentFormat.PDF: (
        "The PDF has no text layer (it is a scan or a picture of a page); upload the PDF your "
        "editor exports, or a DOCX."
    ),
    DocumentFormat.DOCX: "The DOCX has no text.",
}


def clean(text: str) -> str:
    """``text`` in NFC without invisible characters, each line right-stripped, and at most
    one empty line in a row. NFC because macOS writes Hangul decomposed, which no keyword
    (``경력``) would match."""
    text = _LINE_BREAKS.sub("\n", _PDFIUM_HYPHENS.sub("-", text).translate(_LIGATURES))
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    lines = [line.rstrip() for line in text.split("\n")]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip("\n")
