"""What a request body must be before anyone parses it: small, JSON, UTF-8, shallow.

Checked on the raw body, so a user mistake is a 4xx in the standard shape instead of an
exception inside JSON parsing (``RecursionError``, ``UnicodeDecodeError``).
"""

from __future__ import annotations

import base64
import binascii
import re

from interview_prep.errors import BadRequestError, PayloadTooLargeError
from interview_prep.http.errors import unsupported_media_type

#: Deeper JSON than any resume needs; far below Python's recursion limit.
MAX_JSON_DEPTH = 64
_JSON_MEDIA_TYPE = re.compile(r"^application/(?:[\w.+-]+\+)?json$")
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def check_body(
    body: str | None, is_base64: bool, content_type: str | None, limit_bytes: int
) -> None:
    """Raise the 4xx a client should see for this body; a missing body is always fine."""
    if not body:
        return
    raw = _raw_bytes(body, is_base64)
    if len(raw) > limit_bytes:
        raise PayloadTooLargeError(
            f"Request body is {len(raw)} bytes; the limit is {limit_bytes} bytes.",
            {"size_bytes": len(raw), "limit_bytes": limit_bytes},
        )
    _check_media_type(content_type)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequestError(
            "The request body is not UTF-8 text.", {"reason": "not_utf8", "position": exc.start}
        ) from exc
    if json_depth(text, stop_after=MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        raise BadRequestError(
            f"The request body nests deeper than {MAX_JSON_DEPTH} levels.",
            {"reason": "too_deep", "max_depth": MAX_JSON_DEPTH},
        )


def json_depth(text: str, stop_after: int | None = None) -> int:
    """How deep arrays and objects nest in ``text`` (brackets inside strings don't count)."""
    depth = deepest = 0
    for bracket in _BRACKET.finditer(_JSON_STRING.sub("", text)):
        depth += 1 if bracket.group() in "[{" else -1
        deepest = max(deepest, depth)
        if stop_after is not None and deepest > stop_after:
            break
    return deepest


def _raw_bytes(body: str, is_base64: bool) -> bytes:
    if not is_base64:
        return body.encode("utf-8", "surrogatepass")
    try:
        return base64.b64decode(body, validate=True)
    except binascii.Error as exc:  # API Gateway never sends this; a hand-made event might
        raise BadRequestError(
            "The request body is not valid base64.", {"reason": "bad_base64"}
        ) from exc


def _check_media_type(content_type: str | None) -> None:
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if not _JSON_MEDIA_TYPE.match(media_type):
        raise unsupported_media_type(content_type)
