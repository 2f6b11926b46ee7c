"""Contact details taken out of a document's text before anything reads it.

E-mail addresses and phone numbers (found by :mod:`interview_prep.privacy`) become its
placeholders; every URL becomes ``https://redacted.invalid/url-N``, still a URL, so a
model can put it in a URL field and the grounding check still finds it in the text. After
structuring, the placeholders are put back: the first e-mail and phone, the GitHub and
LinkedIn profiles and a portfolio link near the top fill ``contact``; project links get
their URLs back. Nothing found here is logged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from interview_prep import privacy

URL_PLACEHOLDER = "https://redacted.invalid/url-{number}"
#: Where a portfolio link of the contact block may appear (the top of the document).
HEADER_LINES = 8

_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>()\[\]|,;\"']+"
    r"|\b(?:github\.com|linkedin\.com|gitlab\.com)/[^\s<>()\[\]|,;\"']+",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"https://redacted\.invalid/url-(\d+)")


@dataclass(frozen=True)
class MaskedText:
    #: What structuring reads: no address, number or link of the candidate's.
    text: str
    #: ``Contact`` fields found by pattern.
    contact: dict[str, str] = field(default_factory=dict)
    #: Placeholder -> the URL as written.
    urls: dict[str, str] = field(default_factory=dict)

    def unmask(self, value: Any) -> Any:
        """``value`` with URL placeholders replaced by what they stand for: a whole-field
        placeholder by a URL with its scheme (URL fields need one), inside text as written."""
        if isinstance(value, str):
            whole = self.urls.get(value)
            if whole is not None:
                return as_url(whole)
            return _PLACEHOLDER.sub(lambda m: self.urls.get(m.group(0), m.group(0)), value)
        if isinstance(value, dict):
            return {key: self.unmask(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.unmask(item) for item in value]
        return value


def mask_contacts(text: str) -> MaskedText:
    contact: dict[str, str] = {}
    if emails := privacy.emails_in(text):
        contact["email"] = emails[0]
    if phones := privacy.phones_in(text):
        contact["phone"] = phones[0]
    header = "\n".join(text.splitlines()[:HEADER_LINES])
    urls: dict[str, str] = {}

    def placeholder(found: re.Match[str]) -> str:
        written = found.group(0).rstrip(".")
        key = URL_PLACEHOLDER.format(number=len(urls) + 1)
        urls[key] = written
        _file_contact_url(contact, written, in_header=written in header)
        return key + found.group(0)[len(written) :]

    masked = _URL.sub(placeholder, privacy.redact(text))
    return MaskedText(text=masked, contact=contact, urls=urls)


def _file_contact_url(contact: dict[str, str], written: str, *, in_header: bool) -> None:
    """A profile link fills its contact field once; another link at the top is the portfolio."""
    url = as_url(written)
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    segments = [part for part in parts.path.split("/") if part]
    if host == "github.com" and len(segments) == 1:
        contact.setdefault("github", url)
    elif host == "linkedin.com" and segments[:1] == ["in"]:
        contact.setdefault("linkedin", url)
    elif in_header and host not in {"github.com", "linkedin.com"}:
        contact.setdefault("portfolio", url)


def as_url(written: str) -> str:
    return written if re.match(r"https?://", written, re.IGNORECASE) else f"https://{written}"
