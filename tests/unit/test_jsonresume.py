"""JSON Resume v1.0.0 in and out: the field-by-field mapping, the computed experience and
the round trip, checked against the published schema."""

# ruff: noqa: RUF001 - durations are written with an en dash, as the contract says

from __future__ import annotations

from datetime import date

import pytest

from interview_prep.interchange import dates, from_json_resume, to_json_resume
from interview_prep.models import ResumeIn
from interview_prep.models.jsonresume import JsonResume
from tests.conftest import fixture_names, fixture_resume
from tests.jsonresume import document, names, schema_errors


def imported(name: str) -> ResumeIn:
    return from_json_resume(JsonResume.model_validate(document(name)))


def test_every_fixture_document_is_valid_json_resume() -> None:
    for name in names():
        assert schema_errors(document(name)) == [], name


def test_basics_become_name_summary_and_contact() -> None:
    resume = imported("full")
    assert resume.name == "Mina Park"
    assert resume.summary == "Backend engineer building payment systems on the JVM."
    assert resume.contact is not None
    assert resume.contact.email == "mina.park@example.com"
    assert resume.contact.phone == "+82 10-3141-5926"
    assert resume.contact.portfolio == "https://minapark.dev"  # basics.url wins
    assert resume.contact.github == "https://github.com/minapark"
    assert resume.contact.linkedin == "https://www.linkedin.com/in/minapark"


def test_another_profile_is_the_portfolio_when_there_is_none() -> None:
    resume = imported("unknown-sections")
    assert resume.contact is not None and resume.contact.portfolio == "https://gitlab.com/dana"


def test_work_maps_with_durations_as_year_months() -> None:
    first, second = imported("full").work_experiences
    assert (first.company, first.position) == ("PayLab", "Senior Backend Engineer")
    assert first.duration == "2021-03 – present"
    assert first.project_description == "Settlement platform for 2,000 merchants."
    assert first.achievements == [
        "Cut settlement batch time from 4 h to 40 min",
        "Led the move to Kafka",
    ]
    assert second.duration == "2018-01 – 2021-06"


def test_experience_counts_overlapping_jobs_once() -> None:
    resume = imported("full")
    today = date.today()
    # 2018-01 through today, the overlap of 2021-03..2021-06 counted once
    expected = (today.year * 12 + today.month) - (2018 * 12 + 1) + 1
    assert resume.total_experience_months == expected


def test_projects_skills_education_and_certificates() -> None:
    resume = imported("full")
    library, demo = resume.personal_projects
    assert library.github_url == "https://github.com/minapark/ledger-lite"
    assert library.demo_url is None
    assert library.tech_stack == ["Kotlin", "PostgreSQL"]
    assert library.key_achievements == ["300 stars"]
    assert demo.demo_url == "https://demo.minapark.dev/limiter" and demo.github_url is None
    assert resume.technical_skills == {
        "Backend": ["Java", "Kotlin", "Spring Boot"],
        "Data": ["PostgreSQL", "Kafka"],
        "others": ["Terraform"],
    }
    [school] = resume.education
    assert (school.institution, school.degree, school.major) == (
        "Hanguk University",
        "BSc",
        "Computer Science",
    )
    assert school.period == "2012-03 – 2016-02"
    [certificate] = resume.certifications
    assert (certificate.name, certificate.issuer, certificate.issue_date) == (
        "AWS Solutions Architect",
        "Amazon",
        "2022-04-15",
    )


def test_volunteer_awards_and_publications_become_typed_activities() -> None:
    activities = {a.type: a for a in imported("full").activities}
    assert set(activities) == {"volunteer", "awards", "publications"}
    assert activities["volunteer"].name == "Code Club Seoul"
    assert activities["volunteer"].achievements == ["40 students"]
    assert activities["awards"].name == "Hackathon winner"
    assert activities["publications"].url == "https://blog.example.com/idempotency"


def test_missing_dates_leave_durations_and_the_total_empty() -> None:
    resume = imported("missing-dates")
    assert resume.work_experiences[0].duration is None
    assert resume.total_experience_months is None


@pytest.mark.parametrize("name", ["full", "minimal", "missing-dates", "unknown-sections"])
def test_export_is_valid_json_resume_and_the_round_trip_keeps_every_mapped_field(
    name: str,
) -> None:
    first = imported(name)
    exported = to_json_resume(first)
    assert schema_errors(exported) == []
    again = from_json_resume(JsonResume.model_validate(exported))
    assert again.model_dump() == first.model_dump()


@pytest.mark.parametrize("name", fixture_names())
def test_every_project_resume_exports_as_valid_json_resume(name: str) -> None:
    resume = fixture_resume(name)
    exported = to_json_resume(resume)
    assert schema_errors(exported) == []
    assert exported["basics"]["name"] == resume.name
    assert len(exported.get("work", [])) == len(resume.work_experiences)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2021-03 – 2023-08", {"startDate": "2021-03", "endDate": "2023-08"}),
        ("2021-03 – present", {"startDate": "2021-03"}),
        ("2021.03 - 2023.08", {"startDate": "2021-03", "endDate": "2023-08"}),
        ("2022.01 ~ 현재", {"startDate": "2022-01"}),
        ("Mar 2019 – Feb 2021", {"startDate": "2019-03", "endDate": "2021-02"}),
        ("three years", {}),
    ],
)
def test_durations_as_resumes_write_them_export_as_dates(
    written: str, expected: dict[str, str]
) -> None:
    assert dates(written) == expected
