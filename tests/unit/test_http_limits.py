"""What a body must be before anyone parses it, and how long a ``?wait`` may hold."""

from __future__ import annotations

import base64

import pytest

from interview_prep.errors import AppError
from interview_prep.http.generation import wait_budget
from interview_prep.http.limits import MAX_JSON_DEPTH, check_body, json_depth

LIMIT = 1024


def rejected(
    body: str, *, content_type: str | None = "application/json", b64: bool = False
) -> AppError:
    with pytest.raises(AppError) as caught:
        check_body(body, b64, content_type, LIMIT)
    return caught.value


@pytest.mark.parametrize(
    ("text", "depth"),
    [("{}", 1), ('{"a": [1, {"b": []}]}', 4), ('"[[[["', 0), ('{"a": "\\"[["}', 1), ("5", 0)],
)
def test_json_depth_counts_nesting_not_brackets_in_strings(text: str, depth: int) -> None:
    assert json_depth(text) == depth


def test_a_body_at_the_depth_limit_passes_and_one_deeper_does_not() -> None:
    check_body("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH, False, "application/json", 10_000)
    error = rejected("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1))
    assert (error.status, error.details["reason"]) == (400, "too_deep")


def test_a_body_over_the_size_limit_is_413_before_anything_else() -> None:
    error = rejected("x" * (LIMIT + 1), content_type="text/plain")
    assert (error.status, error.details["size_bytes"]) == (413, LIMIT + 1)


def test_a_base64_body_that_is_not_utf8_is_named_so() -> None:
    latin1 = base64.b64encode('{"name": "Jos\u00e9"}'.encode("latin-1")).decode()
    error = rejected(latin1, b64=True)
    assert (error.status, error.details["reason"]) == (400, "not_utf8")


@pytest.mark.parametrize("content_type", [None, "", "text/plain", "application/jsonx", "json"])
def test_only_json_media_types_carry_a_body(content_type: str | None) -> None:
    assert rejected("{}", content_type=content_type).status == 415


@pytest.mark.parametrize(
    "content_type", ["application/json", "Application/JSON; charset=utf-8", "application/ld+json"]
)
def test_json_media_types_pass(content_type: str) -> None:
    check_body("{}", False, content_type, LIMIT)


def test_no_body_needs_no_media_type() -> None:
    check_body(None, False, None, LIMIT)
    check_body("", False, "text/plain", LIMIT)


@pytest.mark.parametrize(
    ("asked", "remaining_ms", "expected"),
    [
        (None, 28_000, 0.0),
        (0, 28_000, 0.0),
        (3, 28_000, 3.0),
        (25, 28_000, 25.0),
        (25, 5_000, 3.0),
        (25, 1_000, 0.0),
    ],
)
def test_a_wait_is_what_was_asked_within_the_lambda_time_left(
    asked: int | None, remaining_ms: int, expected: float
) -> None:
    assert wait_budget(asked, remaining_ms) == expected
