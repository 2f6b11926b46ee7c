"""One line of resume text and what it looks like: a list item, a ``Label: value`` pair, a
line with a date, the end of a sentence. Everything the structurer returns is cut from
``Line.text`` with these helpers, never rewritten (``grounding``)."""

# Dashes, full-width punctuation and bullets are what this module reads: not typos.
# ruff: noqa: RUF001, RUF002

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from interview_prep.documents.experience import find_dates, find_ranges

#: Typed bullets (and the private-use glyphs Word's Symbol and Wingdings bullets export as).
_BULLET = re.compile(
    r"^(?:[•▪◦·●○■□➢►▶▸✓✔∙⁃\uf0a7\uf0b7\uf076\uf0d8\uf0fc]\s*|[-*–—]\s+"
    r"|(?:\d{1,2}[.)]|\(\d{1,2}\)|[①-⑳])\s+)(?=\S)"
)
#: Korean sentences may end without a stop (``…줄였습니다``); nouns ending in 함/음/임
#: (``포함``, ``프레임``) are too many to read those as endings.
_SENTENCE_END = re.compile(r"(?:[.。!?！？…]|다)[\"'”’)\]]*$")
_URL = re.compile(r"https?://[^\s<>\"'|]+", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\[(?:email|phone)\]|redacted\.invalid", re.IGNORECASE)
_LABEL = re.compile(r"^(?P<label>[^:：\t]{1,30}?)\s*[:：]\s*(?P<value>.*)$")
#: Separators between the fields of one header line: tab, bar, spaced dot or dash, wide gap.
_STRONG = re.compile(r"\t+|\s*[|｜]\s*|\s+[·•∙—―]\s+|\s{3,}")
#: Separators that split only when the strong ones found nothing: ``Engineer, Acme``.
_WEAK = re.compile(r",\s+|\s+(?:at|@)\s+|\s+[-–]\s+")
_LIST_SPLIT = re.compile(r"\s*[,，、;；|｜]\s*|\s+[·•∙]\s+|\t+")
_LOWER_START = re.compile(r"^[a-z]")


class Field(StrEnum):
    """What a ``Label:`` introduces inside a section."""

    TECH = "tech"
    PROJECT = "project"
    ROLE = "role"
    COMPANY = "company"
    PERIOD = "period"
    DESCRIPTION = "description"
    ACHIEVEMENTS = "achievements"
    ARCHITECTURE = "architecture"
    GITHUB = "github"
    DEMO = "demo"
    ISSUER = "issuer"
    INSTITUTION = "institution"
    MAJOR = "major"
    DEGREE = "degree"
    STATUS = "status"
    KIND = "kind"
    NAME = "name"
    IGNORED = "ignored"


_FIELD_WORDS: dict[Field, tuple[str, ...]] = {
    Field.TECH: (
        "tech",
        "techstack",
        "technologies",
        "technology",
        "stack",
        "skills",
        "tools",
        "environment",
        "builtwith",
        "기술",
        "기술스택",
        "사용기술",
        "사용스택",
        "스택",
        "개발환경",
        "주요기술",
        "사용툴",
        "툴",
    ),
    Field.PROJECT: ("project", "projectname", "프로젝트", "프로젝트명"),
    Field.ROLE: (
        "role",
        "position",
        "title",
        "jobtitle",
        "직무",
        "직책",
        "직급",
        "역할",
        "포지션",
        "직위",
    ),
    Field.COMPANY: (
        "company",
        "employer",
        "organization",
        "organisation",
        "회사",
        "회사명",
        "소속",
    ),
    Field.PERIOD: (
        "period",
        "duration",
        "dates",
        "date",
        "when",
        "기간",
        "재직기간",
        "근무기간",
        "프로젝트기간",
        "활동기간",
        "일자",
        "취득일",
        "취득일자",
        "issued",
        "issuedate",
    ),
    Field.DESCRIPTION: (
        "description",
        "summary",
        "overview",
        "about",
        "responsibilities",
        "설명",
        "개요",
        "소개",
        "주요업무",
        "담당업무",
        "업무",
        "업무내용",
        "내용",
        "프로젝트개요",
        "프로젝트소개",
    ),
    Field.ACHIEVEMENTS: (
        "achievements",
        "keyachievements",
        "results",
        "impact",
        "outcomes",
        "highlights",
        "accomplishments",
        "성과",
        "주요성과",
        "성과및결과",
        "결과",
        "주요실적",
        "실적",
    ),
    Field.ARCHITECTURE: ("architecture", "architecturehighlights", "design", "아키텍처", "설계"),
    Field.GITHUB: (
        "github",
        "repo",
        "repository",
        "source",
        "code",
        "sourcecode",
        "깃허브",
        "저장소",
        "소스코드",
        "git",
    ),
    Field.DEMO: (
        "demo",
        "live",
        "website",
        "site",
        "url",
        "link",
        "homepage",
        "데모",
        "링크",
        "사이트",
        "배포",
    ),
    Field.ISSUER: (
        "issuer",
        "issuedby",
        "authority",
        "발급기관",
        "발행처",
        "시행처",
        "주관",
        "기관",
    ),
    Field.INSTITUTION: ("school", "university", "college", "institution", "학교", "학교명"),
    Field.MAJOR: ("major", "fieldofstudy", "전공", "학과"),
    Field.DEGREE: ("degree", "학위"),
    Field.STATUS: ("status", "상태", "졸업여부"),
    Field.KIND: ("type", "category", "구분", "종류", "유형"),
    Field.NAME: ("name", "fullname", "이름", "성명"),
    Field.IGNORED: (
        "team",
        "teamsize",
        "팀",
        "팀규모",
        "인원",
        "location",
        "위치",
        "근무지",
        "gpa",
        "학점",
    ),
}
_FIELDS = {word: field for field, words in _FIELD_WORDS.items() for word in words}


def squeeze(text: str) -> str:
    """A word as looked up: NFKC, case-folded, without spaces and joining punctuation."""
    return re.sub(r"[\s_.\-/&·]+", "", unicodedata.normalize("NFKC", text).casefold())


def tidy(text: str) -> str:
    """``text`` with whitespace runs collapsed (the grounding check compares the same way)."""
    return " ".join(text.split())


def width(text: str) -> int:
    """Display width: a Hangul or CJK character takes the room of two Latin letters."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


@dataclass(frozen=True)
class Label:
    field: Field
    value: str


@dataclass(frozen=True)
class Line:
    """A non-empty line as the document has it (outer whitespace stripped)."""

    text: str

    @cached_property
    def bullet(self) -> bool:
        return _BULLET.match(self.text) is not None

    @cached_property
    def content(self) -> str:
        """The text without its list marker."""
        match = _BULLET.match(self.text)
        return self.text[match.end() :].strip() if match else self.text

    @cached_property
    def label(self) -> Label | None:
        """``Tech: Java, Go`` → (TECH, ``Java, Go``); only labels this module knows count."""
        match = _LABEL.match(self.content)
        if match is None:
            return None
        field = _FIELDS.get(squeeze(match.group("label")))
        return Label(field, match.group("value").strip()) if field else None

    @cached_property
    def bare_label(self) -> Field | None:
        """A known label standing alone (``주요 성과``, ``Key achievements:``): a sub-heading."""
        if self.bullet:
            return None
        return _FIELDS.get(squeeze(self.text.rstrip(":：")))

    @cached_property
    def ranges(self) -> list[str]:
        return find_ranges(self.text)

    @cached_property
    def dates(self) -> list[str]:
        return find_dates(self.text)

    @cached_property
    def urls(self) -> list[str]:
        return [url.rstrip(").,;") for url in _URL.findall(self.text)]

    @property
    def ends_sentence(self) -> bool:
        return _SENTENCE_END.search(self.text) is not None

    @property
    def starts_lower(self) -> bool:
        return _LOWER_START.match(self.content) is not None

    @property
    def width(self) -> int:
        return width(self.text)

    @property
    def contact(self) -> bool:
        """A line of contact placeholders, links or addresses: never a name or a field."""
        return bool(_PLACEHOLDER.search(self.text) or self.urls or "@" in self.text)

    def without_dates(self) -> str:
        """The text with its date ranges and dates cut out (what remains are the fields)."""
        text = self.text
        for found in [*self.ranges, *self.dates]:
            text = text.replace(found, "\t")
        return text


def parts(text: str, *, weak: bool = False) -> list[str]:
    """The fields of a header line, cut at separators and stripped of leftover punctuation."""
    found = [piece for piece in map(_trim, _STRONG.split(text)) if piece]
    if weak and len(found) == 1:
        found = [piece for piece in map(_trim, _WEAK.split(found[0])) if piece]
    return found


def _trim(piece: str) -> str:
    """A field without the separators and dangling brackets a cut-out date leaves behind."""
    piece = tidy(piece).strip(" ,;:-–—~")
    while piece.endswith(("(", "[")) or piece.startswith((")", "]")):
        piece = (piece[:-1] if piece.endswith(("(", "[")) else piece[1:]).strip(" ,;:-–—~")
    return piece


def split_list(text: str) -> list[str]:
    """``Java, Spring Boot · Kafka`` → the items; items keep their inner spaces."""
    items = [tidy(item).rstrip(".").strip() for item in _LIST_SPLIT.split(text)]
    return [item for item in items if item and width(item) <= 60]


def lines_of(text: str) -> list[Line]:
    """The non-empty lines of ``text``; a date range a narrow column wrapped after its dash
    (``2022.05 –`` / ``2025.05``) is one line again."""
    lines: list[str] = []
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped:
            continue
        if lines and lines[-1].endswith(_RANGE_DASHES) and _joins_range(lines[-1], stripped):
            lines[-1] += " " + stripped
        else:
            lines.append(stripped)
    return [Line(line) for line in lines]


_RANGE_DASHES = ("-", "–", "—", "~", "〜", "～")


def _joins_range(before: str, after: str) -> bool:
    """Whether the two lines' meeting ends make a date range they do not hold alone."""
    alone = len(find_ranges(before)) + len(find_ranges(after))
    return len(find_ranges(before + " " + after)) > alone
