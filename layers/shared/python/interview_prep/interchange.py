"""JSON Resume v1.0.0 in and out of this service's resume, field by field.

In: ``basics`` gives name, summary and contact (``url`` the portfolio; ``profiles`` GitHub
and LinkedIn by network, another profile the portfolio when none is set); ``work``
gives work experiences, ``projects`` personal projects, ``skills`` the skill groups (a
skill without keywords goes under ``others``), ``education`` and ``certificates`` their
own; ``volunteer``, ``awards`` and ``publications`` become activities typed by their
section. Dates become ``YYYY-MM – YYYY-MM`` (or ``– present``); the experience total is
computed from the work dates, overlaps counted once. ``languages``, ``interests`` and
``references`` have no place in this service's resume and are not kept.

Out: the same mapping backwards, so import -> export -> import keeps every mapped field.
"""

# ruff: noqa: RUF001, RUF002 - the en dash is the duration format the contract names

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from interview_prep.documents.experience import bounds_of, months_of
from interview_prep.models import Resume, ResumeIn
from interview_prep.models.jsonresume import (
    JSON_RESUME_SCHEMA_URL,
    JsonResume,
    JsonResumeAward,
    JsonResumeBasics,
    JsonResumeCertificate,
    JsonResumeEducation,
    JsonResumeProfile,
    JsonResumeProject,
    JsonResumePublication,
    JsonResumeSkill,
    JsonResumeVolunteer,
    JsonResumeWork,
)

#: The skill group of skills listed without keywords.
OTHERS = "others"
PRESENT = "present"
#: The activity types the three JSON Resume sections become (and come back from).
ACTIVITY_SECTIONS = ("volunteer", "awards", "publications")
#: Sections of JSON Resume this service has no place for.
NOT_MAPPED = ("languages", "interests", "references")
_DASH = " – "
_OURS = re.compile(r"^(\d{4}(?:-\d{2})?) – (\d{4}(?:-\d{2})?|present)$")


# --- in ------------------------------------------------------------------------------------


def from_json_resume(document: JsonResume) -> ResumeIn:
    basics = document.basics or JsonResumeBasics()
    work = [_work(item) for item in document.work]
    durations = [item["duration"] for item in work if item.get("duration")]
    fields: dict[str, Any] = {
        "name": basics.name,
        "summary": basics.summary,
        "contact": _contact(basics),
        "work_experiences": work,
        "personal_projects": [_project(item) for item in document.projects],
        "technical_skills": _skills(document.skills),
        "education": [_education(item) for item in document.education],
        "certifications": [_certificate(item) for item in document.certificates],
        "activities": [
            *(_volunteer(item) for item in document.volunteer),
            *(_award(item) for item in document.awards),
            *(_publication(item) for item in document.publications),
        ],
        "total_experience_months": months_of(durations),
    }
    return ResumeIn.model_validate(_pruned(fields))


def duration(start: str | None, end: str | None) -> str | None:
    """``2021-03 – 2023-08``, ``2021-03 – present``; None without a start."""
    if not start:
        return None
    return f"{_month(start)}{_DASH}{_month(end) if end else PRESENT}"


def _month(iso: str) -> str:
    return iso[:7]


def _contact(basics: JsonResumeBasics) -> dict[str, Any] | None:
    contact: dict[str, Any] = {
        "email": basics.email,
        "phone": basics.phone,
        "portfolio": basics.url,
    }
    for profile in basics.profiles:
        network = (profile.network or "").strip().lower()
        url = profile.url or _profile_url(profile)
        if not url:
            continue
        if network in {"github", "linkedin"}:
            contact.setdefault(network, None)
            contact[network] = contact[network] or url
        elif not contact.get("portfolio"):
            contact["portfolio"] = url
    kept = {key: value for key, value in contact.items() if value}
    return kept or None


def _profile_url(profile: JsonResumeProfile) -> str | None:
    hosts = {"github": "https://github.com/", "linkedin": "https://www.linkedin.com/in/"}
    network = (profile.network or "").strip().lower()
    if profile.username and network in hosts:
        return hosts[network] + profile.username
    return None


def _work(item: JsonResumeWork) -> dict[str, Any]:
    return {
        "company": item.name,
        "position": item.position,
        "duration": duration(item.startDate, item.endDate),
        "project_description": item.summary,
        "achievements": item.highlights,
    }


def _project(item: JsonResumeProject) -> dict[str, Any]:
    github = item.url if item.url and _is_github(item.url) else None
    return {
        "name": item.name,
        "description": item.description,
        "duration": duration(item.startDate, item.endDate),
        "key_achievements": item.highlights,
        "tech_stack": item.keywords,
        "github_url": github,
        "demo_url": item.url if item.url and not github else None,
    }


def _is_github(url: str) -> bool:
    return urlsplit(url).netloc.lower().removeprefix("www.") == "github.com"


def _skills(skills: list[JsonResumeSkill]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for skill in skills:
        if not skill.name:
            continue
        if skill.keywords:
            groups.setdefault(skill.name, []).extend(skill.keywords)
        else:
            groups.setdefault(OTHERS, []).append(skill.name)
    return groups


def _education(item: JsonResumeEducation) -> dict[str, Any]:
    return {
        "institution": item.institution,
        "degree": item.studyType,
        "major": item.area,
        "period": duration(item.startDate, item.endDate),
    }


def _certificate(item: JsonResumeCertificate) -> dict[str, Any]:
    return {
        "name": item.name,
        "issuer": item.issuer,
        "issue_date": item.date,
        "credential_url": item.url,
    }


def _volunteer(item: JsonResumeVolunteer) -> dict[str, Any]:
    return {
        "type": "volunteer",
        "name": item.organization,
        "description": item.summary,
        "period": duration(item.startDate, item.endDate),
        "achievements": item.highlights,
        "url": item.url,
    }


def _award(item: JsonResumeAward) -> dict[str, Any]:
    return {"type": "awards", "name": item.title, "description": item.summary, "period": item.date}


def _publication(item: JsonResumePublication) -> dict[str, Any]:
    return {
        "type": "publications",
        "name": item.name,
        "description": item.summary,
        "period": item.releaseDate,
        "url": item.url,
    }


def _pruned(value: Any) -> Any:
    """Nones and empty lists left out, so the resume's own defaults apply."""
    if isinstance(value, dict):
        return {k: _pruned(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [_pruned(item) for item in value]
    return value


# --- out -----------------------------------------------------------------------------------


def to_json_resume(resume: Resume | ResumeIn) -> dict[str, Any]:
    """A JSON Resume v1.0.0 document (as JSON) of ``resume``."""
    activities = {section: [a for a in resume.activities if a.type == section] for section in
                  ACTIVITY_SECTIONS}  # fmt: skip
    others = [a for a in resume.activities if a.type not in ACTIVITY_SECTIONS]
    document = JsonResume.model_validate(
        {
            "$schema": JSON_RESUME_SCHEMA_URL,
            "basics": _basics(resume),
            "work": [_work_out(work) for work in resume.work_experiences],
            "projects": [
                *(_project_out(project) for project in resume.personal_projects),
                *(_other_activity_out(activity) for activity in others),
            ],
            "skills": _skills_out(resume.technical_skills),
            "education": [_education_out(school) for school in resume.education],
            "certificates": [_certificate_out(cert) for cert in resume.certifications],
            "volunteer": [_volunteer_out(a) for a in activities["volunteer"]],
            "awards": [_award_out(a) for a in activities["awards"]],
            "publications": [_publication_out(a) for a in activities["publications"]],
        }
    )
    exported: dict[str, Any] = _pruned(
        document.model_dump(mode="json", by_alias=True, exclude_none=True)
    )
    return exported


def dates(written: str | None) -> dict[str, str]:
    """``startDate``/``endDate`` of a duration as this service writes it, or as a resume
    does (``2021.03 - 2023.08``, ``2021-03 ~ 현재``); nothing when it holds no range."""
    if not written:
        return {}
    ours = _OURS.match(written.strip())
    if ours:
        start, end = ours.groups()
        return {"startDate": start} | ({} if end == PRESENT else {"endDate": end})
    found = bounds_of(written)
    if found is None:
        return {}
    start_month, end_month = found
    return {"startDate": _iso(start_month)} | (
        {"endDate": _iso(end_month)} if end_month is not None else {}
    )


def _iso(month_index: int) -> str:
    return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"


def _single_date(written: str | None) -> str | None:
    """An ISO 8601 date for a field JSON Resume dates with one value, if it reads as one."""
    if not written:
        return None
    if re.fullmatch(r"[1-2]\d{3}(?:-[0-1]\d(?:-[0-3]\d)?)?", written.strip()):
        return written.strip()
    return dates(f"{written} - {written}").get("startDate")


def _basics(resume: Resume | ResumeIn) -> dict[str, Any]:
    contact = resume.contact
    profiles = []
    if contact and contact.github:
        profiles.append({"network": "GitHub", "url": contact.github})
    if contact and contact.linkedin:
        profiles.append({"network": "LinkedIn", "url": contact.linkedin})
    return {
        "name": resume.name,
        "summary": resume.summary,
        "email": contact.email if contact else None,
        "phone": contact.phone if contact else None,
        "url": contact.portfolio if contact else None,
        "profiles": profiles,
    }


def _work_out(work: Any) -> dict[str, Any]:
    return {
        "name": work.company,
        "position": work.position,
        "summary": work.project_description,
        "highlights": work.achievements,
        **dates(work.duration),
    }


def _project_out(project: Any) -> dict[str, Any]:
    return {
        "name": project.name,
        "description": project.description,
        "highlights": project.key_achievements,
        "keywords": project.tech_stack,
        "url": project.github_url or project.demo_url,
        **dates(project.duration),
    }


def _other_activity_out(activity: Any) -> dict[str, Any]:
    """An activity of a type JSON Resume has no section for: a project of that type."""
    return {
        "name": activity.name,
        "description": activity.description,
        "highlights": activity.achievements,
        "url": activity.url,
        "type": activity.type,
        **dates(activity.period),
    }


def _skills_out(skills: dict[str, list[str]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for group, items in skills.items():
        if group == OTHERS:
            out += [{"name": item} for item in items]
        else:
            out.append({"name": group, "keywords": items})
    return out


def _education_out(school: Any) -> dict[str, Any]:
    return {
        "institution": school.institution,
        "studyType": school.degree,
        "area": school.major,
        **dates(school.period),
    }


def _certificate_out(cert: Any) -> dict[str, Any]:
    """The schema dates a certificate by day: a month or year alone is left out rather
    than a day made up."""
    issued = _single_date(cert.issue_date)
    return {
        "name": cert.name,
        "issuer": cert.issuer,
        "date": issued if issued and len(issued) == 10 else None,
        "url": cert.credential_url,
    }


def _volunteer_out(activity: Any) -> dict[str, Any]:
    return {
        "organization": activity.name,
        "summary": activity.description,
        "highlights": activity.achievements,
        "url": activity.url,
        **dates(activity.period),
    }


def _award_out(activity: Any) -> dict[str, Any]:
    return {
        "title": activity.name,
        "summary": activity.description,
        "date": _single_date(activity.period),
    }


def _publication_out(activity: Any) -> dict[str, Any]:
    return {
        "name": activity.name,
        "summary": activity.description,
        "releaseDate": _single_date(activity.period),
        "url": activity.url,
    }
