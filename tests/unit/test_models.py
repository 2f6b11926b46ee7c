from __future__ import annotations

import pytest
from pydantic import ValidationError

from interview_prep.models import PageCursor, Resume, ResumeIn
from interview_prep.repositories.resumes import new_unique_key
from tests.conftest import sample


@pytest.mark.parametrize("name", ["backend-ko", "frontend-en", "minimal"])
def test_sample_resumes_validate_unchanged(name: str) -> None:
    data = sample(name)
    parsed = ResumeIn.model_validate(data)
    dumped = parsed.model_dump(mode="json")
    for field, value in data.items():
        assert dumped[field] == value


def test_server_managed_fields_are_ignored_on_input() -> None:
    parsed = ResumeIn.model_validate(
        {"name": "x", "unique_key": "k", "owner": "o", "created_at": "t", "updated_at": "t"}
    )
    assert parsed.model_dump(exclude_defaults=True) == {"name": "x"}


def test_nulls_become_empty_collections() -> None:
    parsed = ResumeIn.model_validate(
        {"name": "x", "work_experiences": None, "technical_skills": None, "education": None}
    )
    assert parsed.work_experiences == [] and parsed.technical_skills == {}


def test_urls_must_be_http_and_keep_their_spelling() -> None:
    parsed = ResumeIn.model_validate({"name": "x", "contact": {"portfolio": "https://a.example"}})
    assert parsed.contact is not None and parsed.contact.portfolio == "https://a.example"
    with pytest.raises(ValidationError):
        ResumeIn.model_validate({"name": "x", "contact": {"github": "javascript:alert(1)"}})


def test_unknown_nested_fields_are_rejected() -> None:
    with pytest.raises(ValidationError) as caught:
        ResumeIn.model_validate({"name": "x", "work_experiences": [{"company": "a", "boss": "b"}]})
    assert caught.value.errors()[0]["loc"] == ("work_experiences", 0, "boss")


def test_timestamps_serialise_as_utc_milliseconds() -> None:
    resume = Resume.model_validate(
        {
            "name": "x",
            "unique_key": "k",
            "owner": "o",
            "created_at": "2026-11-25T09:46:37.912345+00:00",
            "updated_at": "2026-11-25T09:46:37.912",  # naive, as some servers return it
        }
    )
    dumped = resume.model_dump(mode="json")
    assert dumped["created_at"] == "2026-11-25T09:46:37.912Z"
    assert dumped["updated_at"] == "2026-11-25T09:46:37.912Z"


def test_unique_keys_are_url_safe_with_128_bits() -> None:
    keys = {new_unique_key() for _ in range(2_000)}
    assert len(keys) == 2_000
    for key in keys:
        assert len(key) >= 22  # 16 random bytes in base64url
        assert key.replace("-", "").replace("_", "").isalnum()


def test_cursor_round_trip_and_forgery() -> None:
    cursor = PageCursor(position=123456789)
    assert PageCursor.decode(cursor.encode()) == cursor
    for forged in ["", "abc", "eyJ4IjoxfQ", "!!!"]:
        with pytest.raises(ValueError, match="cursor"):
            PageCursor.decode(forged)


@pytest.mark.parametrize(
    "resume",
    [
        {"name": "x", "total_experience_months": True},
        {"name": "x", "total_experience_months": "30"},
        {"name": "x", "total_experience_months": 30.5},
        {"name": "x", "work_experiences": [{"team_size": "3"}]},
    ],
)
def test_numbers_are_json_numbers_not_text_or_booleans(resume: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        ResumeIn.model_validate(resume)


@pytest.mark.parametrize(
    "request_body", [{"count": "5"}, {"count": True}, {"force": "true"}, {"force": 1}]
)
def test_generation_parameters_keep_their_json_types(request_body: dict[str, object]) -> None:
    from interview_prep.models.jobs import InterviewRequest

    with pytest.raises(ValidationError):
        InterviewRequest.model_validate(request_body)


def test_null_lists_are_read_as_empty_and_the_schema_says_so() -> None:
    resume = ResumeIn.model_validate(
        {"name": "x", "work_experiences": None, "technical_skills": {"languages": None}}
    )
    assert resume.work_experiences == [] and resume.technical_skills == {"languages": []}
    properties = ResumeIn.model_json_schema()["properties"]
    for field in ("work_experiences", "personal_projects", "technical_skills"):
        assert {"type": "null"} in properties[field]["anyOf"], field
    assert properties["technical_skills"]["anyOf"][0]["maxProperties"] == 50
