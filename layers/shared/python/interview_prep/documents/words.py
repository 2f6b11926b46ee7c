"""Words that tell one header field from another: a position (``Engineer``, ``개발자``) from a
company (``(주)``, ``Inc.``), a school from a degree, an issuer from a certificate.

They only rank the fields a line was cut into; no field is ever built from them. A word
matches a whole Latin word (``lead`` is not in ``leading``) or, for Hangul, the end of a
word (``개발자`` in ``백엔드개발자``), as Korean compounds are written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from itertools import permutations

POSITION = (
    "engineer",
    "developer",
    "programmer",
    "architect",
    "lead",
    "manager",
    "director",
    "head",
    "intern",
    "internship",
    "scientist",
    "analyst",
    "designer",
    "consultant",
    "specialist",
    "administrator",
    "sre",
    "devops",
    "cto",
    "ceo",
    "vp",
    "founder",
    "co-founder",
    "officer",
    "researcher",
    "associate",
    "staff",
    "principal",
    "senior",
    "junior",
    "technician",
    "tester",
    "qa",
    "owner",
    "coordinator",
    "assistant",
    "fellow",
    "trainee",
    "apprentice",
    "contractor",
    "freelancer",
    "개발자",
    "엔지니어",
    "리드",
    "팀장",
    "파트장",
    "매니저",
    "인턴",
    "연구원",
    "책임",
    "선임",
    "수석",
    "주임",
    "사원",
    "대리",
    "과장",
    "차장",
    "부장",
    "이사",
    "디자이너",
    "기획자",
    "아키텍트",
    "컨설턴트",
    "분석가",
    "대표",
    "운영자",
    "관리자",
    "프리랜서",
)
COMPANY = (
    "(주)",
    "㈜",
    "주식회사",
    "유한회사",
    "inc",
    "corp",
    "corporation",
    "co",
    "ltd",
    "llc",
    "gmbh",
    "plc",
    "labs",
    "lab",
    "technologies",
    "technology",
    "tech",
    "systems",
    "solutions",
    "software",
    "studio",
    "studios",
    "group",
    "holdings",
    "company",
    "bank",
    "media",
    "logistics",
    "commerce",
    "marketplace",
    "health",
    "networks",
    "그룹",
    "랩",
    "테크",
    "코리아",
    "은행",
    "전자",
    "컴퍼니",
    "커머스",
    "스튜디오",
    "소프트",
)
INSTITUTION = (
    "대학교",
    "대학원",
    "대학",
    "학교",
    "고등학교",
    "university",
    "college",
    "institute",
    "school",
    "academy",
    "polytechnic",
    "bootcamp",
    "부트캠프",
    "아카데미",
    "캠퍼스",
    "campus",
)
DEGREE = (
    "학사",
    "석사",
    "박사",
    "전문학사",
    "석박사통합",
    "bachelor",
    "master",
    "doctor",
    "bs",
    "bsc",
    "b.s",
    "b.sc",
    "ba",
    "b.a",
    "ms",
    "msc",
    "m.s",
    "m.sc",
    "ma",
    "m.a",
    "phd",
    "ph.d",
    "mba",
    "associate",
    "diploma",
    "beng",
    "meng",
    "b.eng",
    "m.eng",
)
STATUS = (
    "졸업",
    "재학",
    "재학중",
    "휴학",
    "수료",
    "중퇴",
    "편입",
    "졸업예정",
    "예정",
    "graduated",
    "expected",
    "inprogress",
    "enrolled",
    "completed",
    "droppedout",
    "current",
    "ongoing",
)
MAJOR = ("학과", "학부", "전공", "공학", "science", "engineering", "studies", "major")
ISSUER = (
    "foundation",
    "institute",
    "amazon",
    "google",
    "microsoft",
    "oracle",
    "hashicorp",
    "cisco",
    "cncf",
    "isc2",
    "comptia",
    "pmi",
    "linux",
    "aws",
    "cloud",
    "공단",
    "진흥원",
    "협회",
    "재단",
    "위원회",
    "공사",
    "센터",
    "services",
)
CERTIFICATE = (
    "certified",
    "certificate",
    "certification",
    "professional",
    "associate",
    "specialist",
    "practitioner",
    "expert",
    "specialty",
    "administrator",
    "developer",
    "기사",
    "산업기사",
    "기능사",
    "자격",
    "자격증",
    "toeic",
    "toefl",
    "opic",
    "ielts",
    "jlpt",
    "hsk",
    "sqld",
    "sqlp",
    "adsp",
    "정보처리",
)
ACTIVITY_KINDS = (
    "talk",
    "speaker",
    "presentation",
    "open source",
    "award",
    "hackathon",
    "volunteer",
    "volunteering",
    "mentoring",
    "mentor",
    "club",
    "study",
    "conference",
    "meetup",
    "workshop",
    "competition",
    "scholarship",
    "publication",
    "paper",
    "patent",
    "article",
    "community",
    "발표",
    "오픈소스",
    "수상",
    "봉사",
    "동아리",
    "스터디",
    "멘토링",
    "해커톤",
    "대회",
    "컨퍼런스",
    "교육",
    "논문",
    "특허",
    "세미나",
    "기고",
    "강연",
    "공모전",
    "학회",
    "대외활동",
    "교내활동",
)

_LATIN_WORD = re.compile(r"[a-z][a-z0-9+#.\-]*[a-z0-9+#]|[a-z]")


def score(text: str, words: Iterable[str]) -> int:
    """How many of ``words`` ``text`` contains (as words, or as Hangul word endings)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    latin = {token.rstrip(".") for token in _LATIN_WORD.findall(folded)}
    hangul = [token for token in re.split(r"[\s()\[\]/,·|]+", folded) if token]
    found = 0
    for word in words:
        if word.isascii() and word.replace(" ", "").isalnum():
            found += word in latin or (" " in word and word in folded)
        elif word.isascii():
            found += word in folded
        else:
            found += any(token.endswith(word) or token.startswith(word) for token in hangul) or (
                word.startswith(("(", "㈜")) and word in folded
            )
    return found


def is_kind(text: str, words: Iterable[str]) -> bool:
    return score(text, words) > 0


def best_pair(fields: list[str], first: Iterable[str], second: Iterable[str]) -> tuple[int, int]:
    """Which two of ``fields`` are the ``first`` and the ``second`` kind (company, position):
    the pair whose words fit best; on a tie, the order the fields came in."""
    first_words, second_words = tuple(first), tuple(second)
    if len(fields) == 1:
        return (
            (-1, 0)
            if is_kind(fields[0], second_words) and not is_kind(fields[0], first_words)
            else (0, -1)
        )
    best, chosen = -1, (0, 1)
    for one, two in permutations(range(len(fields)), 2):
        fit = score(fields[one], first_words) + score(fields[two], second_words)
        if fit > best:
            best, chosen = fit, (one, two)
    return chosen
