from __future__ import annotations

import json
import logging

import pytest

from interview_prep.errors import BadRequestError, RequestValidationFailed
from interview_prep.http.errors import validation_error
from interview_prep.observability import MaskingFormatter, mask_pii


def test_invalid_json_maps_to_bad_request() -> None:
    error = validation_error([{"type": "json_invalid", "loc": ("body", 3), "msg": "JSON"}])
    assert isinstance(error, BadRequestError)


def test_validation_errors_name_each_field() -> None:
    error = validation_error(
        [
            {"type": "extra_forbidden", "loc": ("body", "hobby"), "msg": "Extra inputs"},
            {"type": "string_too_short", "loc": ("body", "contact", "phone"), "msg": "short"},
            {"type": "int_parsing", "loc": ("query", "limit"), "msg": "not int"},
        ]
    )
    assert isinstance(error, RequestValidationFailed)
    assert [f["field"] for f in error.details["errors"]] == ["hobby", "contact.phone", "limit"]
    assert error.details["unknown_fields"] == ["hobby"]


def test_pii_is_masked_at_any_depth() -> None:
    record = {"resume": {"contact": {"email": "a@b.example", "phone": "010-1", "github": "g"}}}
    masked = mask_pii(record)
    assert masked["resume"]["contact"]["github"] == "g"
    assert "a@b.example" not in json.dumps(masked) and "010-1" not in json.dumps(masked)
    assert record["resume"]["contact"]["email"] == "a@b.example", "input left untouched"


def test_log_lines_never_carry_contact_details(caplog: pytest.LogCaptureFixture) -> None:
    formatter = MaskingFormatter()
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "resume received", None, None)
    record.contact = {"email": "hidden@example.com", "phone": "010-9999-0000"}
    line = formatter.format(record)
    assert "hidden@example.com" not in line and "010-9999-0000" not in line
    assert json.loads(line)["message"] == "resume received"
