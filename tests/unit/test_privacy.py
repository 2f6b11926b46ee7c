"""Contact data in free text is found by pattern and never reaches a prompt or a log."""

from __future__ import annotations

import pytest

from interview_prep.privacy import redact

SENSITIVE = [
    "010-1234-5678",
    "010 1234 5678",
    "01012345678",
    "+82 10-1234-5678",
    "+82-10-1234-5678",
    "+82 10 1234 5678",
    "02-123-4567",
    "(02) 123-4567",
    "+1 (415) 555-2671",
    "415-555-2671",
    "+44 20 7946 0958",
    "jane.doe+jobs@example.co.kr",
    "kim_minsu@mail.example.com",
]


@pytest.mark.parametrize("found", SENSITIVE)
def test_contact_data_inside_a_sentence_is_replaced(found: str) -> None:
    text = f"연락처는 {found} 입니다 (reach me at {found}). 또는 {found}."
    redacted = redact(text)
    assert found not in redacted
    assert "[phone]" in redacted or "[email]" in redacted
    assert redacted.startswith("연락처는 ") and redacted.endswith(".")


@pytest.mark.parametrize(
    "kept",
    [
        "Cut p95 latency from 640 ms to 180 ms",
        "2019-2023, 3 years, 12 services",
        "Handled 1,200,000 requests per day on 2024.03.15",
        "Version 3.11.4 on Kubernetes 1.29",
        "Served 123456789 users",
        "Python 3.11 / Spring Boot 3.2",
    ],
)
def test_numbers_that_are_not_phone_numbers_are_kept(kept: str) -> None:
    assert redact(kept) == kept
