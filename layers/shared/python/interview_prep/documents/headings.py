"""Section headings, Korean and English, however they are dressed: ``경력 사항``, ``EXPERIENCE``,
``■ 기술 스택``, ``1. 학력``, ``Work Experience:``, ``경력 (8년)``, ``E X P E R I E N C E``,
``Skills & Tools``. A heading is a whole line; the same word inside a sentence is no heading.

Headings of sections a draft has no place for (contact, languages, interests) are known
too, so their lines do not run on into the section before them.
"""

# Dashes, full-width punctuation and bullets are what this module reads: not typos.
# ruff: noqa: RUF001

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from interview_prep.documents.lines import Line, squeeze, tidy, width


class Kind(StrEnum):
    SUMMARY = "summary"
    EXPERIENCE = "experience"
    PROJECTS = "projects"
    SKILLS = "skills"
    EDUCATION = "education"
    CERTIFICATIONS = "certifications"
    ACTIVITIES = "activities"
    CONTACT = "contact"
    OTHER = "other"


_WORDS: dict[Kind, tuple[str, ...]] = {
    Kind.SUMMARY: (
        "요약",
        "자기소개",
        "소개",
        "간단소개",
        "한줄소개",
        "프로필",
        "개요",
        "경력요약",
        "자기소개서",
        "summary",
        "profile",
        "about",
        "aboutme",
        "professionalsummary",
        "careersummary",
        "overview",
        "objective",
        "careerobjective",
        "introduction",
        "professionalprofile",
    ),
    Kind.EXPERIENCE: (
        "경력",
        "경력사항",
        "경력기술서",
        "경력상세",
        "업무경력",
        "직무경력",
        "회사경력",
        "근무경력",
        "경험",
        "업무경험",
        "실무경험",
        "experience",
        "workexperience",
        "professionalexperience",
        "employment",
        "employmenthistory",
        "workhistory",
        "career",
        "careerhistory",
        "relevantexperience",
        "industryexperience",
    ),
    Kind.PROJECTS: (
        "프로젝트",
        "개인프로젝트",
        "사이드프로젝트",
        "주요프로젝트",
        "프로젝트경험",
        "토이프로젝트",
        "projects",
        "project",
        "personalprojects",
        "sideprojects",
        "selectedprojects",
        "keyprojects",
        "projectexperience",
    ),
    Kind.SKILLS: (
        "기술스택",
        "보유기술",
        "기술",
        "보유역량",
        "역량",
        "스킬",
        "기술역량",
        "사용기술",
        "핵심역량",
        "skills",
        "technicalskills",
        "techstack",
        "technologies",
        "coreskills",
        "skillset",
        "tools",
        "keyskills",
        "competencies",
        "technicalcompetencies",
        "expertise",
    ),
    Kind.EDUCATION: (
        "학력",
        "학력사항",
        "교육",
        "교육사항",
        "교육이수",
        "education",
        "academicbackground",
        "educationalbackground",
        "academics",
        "training",
    ),
    Kind.CERTIFICATIONS: (
        "자격증",
        "자격사항",
        "자격",
        "어학",
        "자격증및어학",
        "certifications",
        "certificates",
        "certification",
        "licenses",
        "licences",
        "license",
        "credentials",
    ),
    Kind.ACTIVITIES: (
        "활동",
        "대외활동",
        "수상",
        "수상경력",
        "수상내역",
        "수상이력",
        "기타활동",
        "교내활동",
        "동아리",
        "봉사활동",
        "봉사",
        "발표",
        "강연",
        "오픈소스",
        "오픈소스기여",
        "activities",
        "awards",
        "honors",
        "honours",
        "honorsandawards",
        "volunteering",
        "volunteer",
        "volunteerexperience",
        "leadership",
        "extracurricular",
        "extracurricularactivities",
        "talks",
        "publications",
        "opensource",
        "opensourcecontributions",
        "achievements",
        "community",
    ),
    Kind.CONTACT: (
        "연락처",
        "인적사항",
        "기본정보",
        "개인정보",
        "contact",
        "contacts",
        "contactinformation",
        "contactinfo",
        "contactdetails",
        "personalinformation",
        "personaldetails",
        "links",
    ),
    Kind.OTHER: (
        "관심사",
        "관심분야",
        "취미",
        "특기",
        "기타",
        "언어",
        "외국어",
        "병역",
        "병역사항",
        "languages",
        "interests",
        "hobbies",
        "references",
        "additionalinformation",
        "portfolio",
        "포트폴리오",
    ),
}
_KINDS = {word: kind for kind, words in _WORDS.items() for word in words}
#: Words that name the document, not a section or a person.
TITLES = frozenset(
    {"이력서", "입사지원서", "resume", "résumé", "cv", "curriculumvitae", "경력기술서"}
)

_BRACKETS = "[](){}<>【】「」『』《》〈〉"
_DECORATION = "#*=_~-–—:：|/\\■□▪▫◆◇●○◦•·▶►▸▹➤➢✓✔★☆※ \t"
_NUMBERING = re.compile(r"^(?:\d{1,2}|[IVX]{1,4}|[Ⅰ-Ⅻ]|[가나다라마바사아자차카타파하])[.)]\s*")
#: ``경력 (총 8년)``, ``Experience (5 years)``: a note after the heading word.
_TRAILING_NOTE = re.compile(r"^(?P<title>.*\w.*?)\s*[(\[（][^)\]）]{0,24}[)\]）]$")
_JOINERS = re.compile(r"\s*(?:&|\+|/|,|·|\band\b|및)\s*", re.IGNORECASE)
_LONGEST = 40


@dataclass(frozen=True)
class Heading:
    kind: Kind
    #: The heading as written, decoration removed (``기술 스택``): a skill group may be named so.
    title: str


def heading_of(line: Line) -> Heading | None:
    """The section ``line`` opens, or None when it is no heading."""
    if width(line.text) > _LONGEST * 2 or (line.label is not None and line.label.value):
        return None
    title = _undecorated(line.text)
    kind = kind_of(title)
    return Heading(kind, title) if kind is not None and title else None


def kind_of(title: str) -> Kind | None:
    """``Skills & Tools`` → SKILLS: every joined word must be a heading word; the first decides."""
    words = [squeeze(word) for word in _JOINERS.split(title) if word.strip()]
    if not words or any(word not in _KINDS for word in words):
        return _KINDS.get(squeeze(title))
    return _KINDS[words[0]]


def _undecorated(text: str) -> str:
    """The heading words: no ornaments, numbering, note or enclosing brackets."""
    title = _NUMBERING.sub("", text.strip(_DECORATION)).strip(_DECORATION)
    note = _TRAILING_NOTE.match(title)
    if note:
        title = note.group("title")
    return tidy(title.strip(_DECORATION + _BRACKETS))
