"""Uploaded resumes read offline: what a file is, the months in its dates, the grounding
rule, DOCX text in body order, and the section parser on Korean and English resumes
written the ways people write them (one column, a side column first, tables, headings
dressed up), plus pages that are no resume at all."""

# En dashes and full-width letters are what resumes hold and these tests feed the parser.
# ruff: noqa: RUF001

from __future__ import annotations

import io
from datetime import date
from typing import Any

import docx
import pytest

from interview_prep import contract
from interview_prep.documents.experience import find_ranges, months_of
from interview_prep.documents.extract import (
    DocumentError,
    extract_text,
    looks_encrypted_office,
)
from interview_prep.documents.formats import DocumentFormat, sniff
from interview_prep.documents.grounding import normalise, ungrounded
from interview_prep.documents.hangul import broken_inside_word
from interview_prep.documents.sections import draft_of, parse_resume_text
from interview_prep.errors import ErrorCode
from interview_prep.models.uploads import ResumeDraft
from tests.documents import encrypted_docx, plain_zip

TODAY = date(2025, 6, 15)


def parsed(text: str) -> dict[str, Any]:
    """The draft, after checking what the service checks: the model takes it, and every
    string in it is a piece of the text (before the parser's own safety filter)."""
    draft = draft_of(text)
    assert ungrounded(draft, text) == []
    ResumeDraft.model_validate(draft)
    assert parse_resume_text(text) == draft
    return draft


def jobs(draft: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (job.get("company"), job.get("position"), job.get("duration"))
        for job in draft.get("work_experiences", [])
    ]


def skills(draft: dict[str, Any]) -> dict[str, list[str]]:
    return {group["group"]: group["skills"] for group in draft.get("skill_groups", [])}


def docx_bytes(build: Any) -> bytes:
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- formats ------------------------------------------------------------------------------


def test_a_pdf_is_known_by_its_header_even_after_a_few_stray_bytes() -> None:
    assert sniff(b"%PDF-1.7\n%...") is DocumentFormat.PDF
    assert sniff(b"\xef\xbb\xbf%PDF-1.4\n") is DocumentFormat.PDF
    assert sniff(b"\x00" * 1000 + b"%PDF-1.4") is DocumentFormat.PDF
    assert sniff(b"\x00" * 1100 + b"%PDF-1.4") is None  # past where readers look


def test_a_docx_is_a_zip_with_a_word_document_part() -> None:
    assert sniff(docx_bytes(lambda d: d.add_paragraph("x"))) is DocumentFormat.DOCX
    assert sniff(plain_zip({"notes.txt": "hello"})) is None
    assert sniff(plain_zip({"xl/workbook.xml": "<workbook/>", "[Content_Types].xml": ""})) is None


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"hello, world",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        b"PK\x03\x04broken",
        encrypted_docx(),
    ],
)
def test_anything_else_is_no_document_format(data: bytes) -> None:
    assert sniff(data) is None


def test_formats_name_the_content_types_of_the_upload_contract() -> None:
    assert DocumentFormat.PDF.content_type == contract.PDF_CONTENT_TYPE
    assert DocumentFormat.DOCX.content_type == contract.DOCX_CONTENT_TYPE


# --- months of experience -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "months"),
    [
        ("2021.03 - 2023.08", 30),
        ("2021-03 ~ 현재", 52),
        ("2019년 3월 ~ 2021년 2월", 24),
        ("Mar 2021 – Present", 52),
        ("03/2021 - 08/2023", 30),
        ("2020 - 2022", 36),
        ("2022.01 ~ 재직중", 42),
        ("2022.01 ~", 42),
        ("January 2020 to March 2021", 15),
        ("2021. 03. ~ 2022. 02.", 12),
        ("Sept. 2019 - Jan. 2020", 5),
        ("2021.03 - 2021.03", 1),
    ],
)
def test_each_way_of_writing_a_range_counts_both_ends(written: str, months: int) -> None:
    assert months_of([written], today=TODAY) == months


def test_overlapping_jobs_count_once_and_separate_ones_add_up() -> None:
    assert months_of(["2020.01 - 2020.12", "2020.07 - 2021.06"], today=TODAY) == 18
    assert months_of(["2016.03 - 2018.08", "2018.09 - 2021.08", "2021.09 - 2024.02"]) == 96
    assert months_of(["Jan 2024 – Present", "2024.06 ~ 현재"], today=TODAY) == 18


def test_no_readable_range_is_no_total() -> None:
    assert months_of([], today=TODAY) is None
    assert months_of(["Backend Engineer", "1,200 TPS에서 4,500 TPS", "2023 - 2019"]) is None


def test_ranges_are_found_inside_a_line_as_written() -> None:
    line = "(주)스마트오더 · 백엔드 개발자 2016.03 - 2018.08 (2년 6개월)"
    assert find_ranges(line) == ["2016.03 - 2018.08"]
    assert find_ranges("Acme | Engineer | Mar 2021 – Present") == ["Mar 2021 – Present"]
    assert find_ranges("reduced latency from 640 ms to 180 ms, call 010-1234-5678") == []


# --- grounding ----------------------------------------------------------------------------


def test_grounding_compares_with_whitespace_collapsed_and_nfkc() -> None:
    assert normalise("  Spring\n  Boot\t3 ") == "Spring Boot 3"
    assert normalise("ＡＷＳ ﬁle") == "AWS file"
    text = "Reduced p95 latency\nfrom 640 ms to 180 ms.\nＡＷＳ"
    draft = {"name": "AWS", "work_experiences": [{"achievements": ["latency from 640 ms"]}]}
    assert ungrounded(draft, text) == []


def test_grounding_names_the_path_of_every_invented_string() -> None:
    text = "Daniel Okafor\nExperience\nParcelwise | Backend Engineer | 2024 - 2025"
    draft = {
        "name": "Daniel Okafor",
        "work_experiences": [{"company": "Parcelwise Logistics", "duration": "2024 - 2025"}],
        "skill_groups": [{"group": "Skills", "skills": ["Python"]}],
    }
    assert ungrounded(draft, text) == [
        "work_experiences[0].company",
        "skill_groups[0].group",
        "skill_groups[0].skills[0]",
    ]


# --- DOCX text ----------------------------------------------------------------------------


def test_docx_text_keeps_tables_in_place_and_marks_numbered_list_items() -> None:
    def build(document: Any) -> None:
        document.sections[0].header.paragraphs[0].text = "강도현"
        document.add_heading("경력", level=1)
        document.add_paragraph("(주)스마트오더\t백엔드 개발자\t2016.03 - 2018.08")
        document.add_paragraph("주문 유실률을 0.02%로 낮췄습니다.", style="List Bullet")
        document.add_paragraph("• 이미 글머리표가 있는 줄", style="List Bullet")
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "Languages", "Java, Kotlin"
        table.cell(1, 0).text, table.cell(1, 1).text = "Databases", "MySQL"
        layout = document.add_table(rows=1, cols=2)
        layout.cell(0, 0).text = "학력"
        layout.cell(0, 0).add_paragraph("새솔대학교")
        layout.cell(0, 1).text = "자격증"
        paragraph = document.add_paragraph("첫 줄")
        paragraph.add_run().add_break()
        paragraph.add_run("둘째 줄")

    text = extract_text(docx_bytes(build), DocumentFormat.DOCX)
    assert text.split("\n") == [
        "강도현",
        "경력",
        "(주)스마트오더\t백엔드 개발자\t2016.03 - 2018.08",
        "- 주문 유실률을 0.02%로 낮췄습니다.",
        "• 이미 글머리표가 있는 줄",
        "Languages\tJava, Kotlin",
        "Databases\tMySQL",
        "학력",
        "새솔대학교",
        "자격증",
        "첫 줄",
        "둘째 줄",
    ]


def test_a_password_protected_docx_is_recognised_before_it_is_read() -> None:
    locked = encrypted_docx()
    assert looks_encrypted_office(locked)
    assert not looks_encrypted_office(docx_bytes(lambda d: d.add_paragraph("x")))
    with pytest.raises(DocumentError) as raised:
        extract_text(locked, DocumentFormat.DOCX)
    assert raised.value.code is ErrorCode.UPLOAD_ENCRYPTED


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04 not really a zip",
        plain_zip({"word/other.xml": "<x/>"}),
        plain_zip({"word/document.xml": "<not-word", "[Content_Types].xml": "<Types/>"}),
    ],
)
def test_a_damaged_docx_is_unreadable(data: bytes) -> None:
    with pytest.raises(DocumentError) as raised:
        extract_text(data, DocumentFormat.DOCX)
    assert raised.value.code is ErrorCode.UPLOAD_UNREADABLE
    assert "<not-word" not in raised.value.detail  # the reason, never the content


def test_a_docx_without_text_has_no_text() -> None:
    with pytest.raises(DocumentError) as raised:
        extract_text(docx_bytes(lambda d: d.add_paragraph("   ")), DocumentFormat.DOCX)
    assert raised.value.code is ErrorCode.UPLOAD_NO_TEXT


# --- Korean words broken at a line end ---------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("응답 시간을 350ms에서 90ms로 줄였습니", "다.", True),
        ("점심 피크 시간 주문 유실률", "을 0.02%로 낮췄습니다.", True),
        ("신규 플랫폼 연", "동 기간을 단축했습니다.", True),
        ("중복 승인 건을 월 30", "여 건에서 0건으로", True),
        ("경험이 있고, 장애를", "수치로 분석하고", False),
        ("Kafka 기반", "이벤트로 연결했습니다.", False),
        ("Spring Boot", "기반으로", False),
        ("Reduced latency from 640 ms to", "180 ms.", False),
    ],
)
def test_a_korean_line_break_inside_a_word_is_told_from_one_between_words(
    before: str, after: str, joined: bool
) -> None:
    assert broken_inside_word(before, after) is joined


# --- the section parser: Korean ------------------------------------------------------------------

KOREAN = """이력서
강도현
[email] · [phone] · https://redacted.invalid/url-1
■ 자기소개
결제·정산 도메인에서 8년간 백엔드를 개발해 왔습니다.
장애를 수치로 분석하는 일을 가장 잘합니다.
1. 경력 사항 (총 8년)
(주)스마트오더 | 백엔드 개발자 | 2016.03 - 2018.08
프로젝트: 매장 주문 중계 서버 개발
프랜차이즈 매장 POS와 배달 플랫폼 사이의 주문을 중계하는 서버를 개발했습니다.
• 주문 수신 로직을 비동기 큐 기반으로 바꿔 주문 유실률을
0.8%에서 0.02%로 낮췄습니다.
• 슬로우 쿼리 상위 20개를 튜닝했습니다.
사용 기술: Java, Spring Boot, MySQL
페이브릿지 주식회사
시니어 백엔드 개발자 · 2018.09 ~ 현재
- 결제 승인 처리량을 초당 4,500 TPS로 늘렸습니다.
2. 기술 스택
Languages: Java, Kotlin, SQL
[Databases] MySQL, Redis
3. 학력
새솔대학교 · 소프트웨어학과 · 학사 · 졸업 | 2009.03 - 2016.02
4. 자격증
정보처리기사 | 한국산업인력공단 | 2015.11
SQL 개발자 (SQLD) — 한국데이터산업진흥원 · 2017.06
5. 대외활동
[발표] 사내 기술 세미나 - 결제 시스템 MSA 전환기 | 2021.04
결제 승인 시스템을 무중단으로 분리한 과정을 공유했습니다.
"""


def test_a_korean_resume_is_cut_into_its_sections() -> None:
    draft = parsed(KOREAN)
    assert draft["name"] == "강도현"
    assert draft["summary"] == (
        "결제·정산 도메인에서 8년간 백엔드를 개발해 왔습니다. "
        "장애를 수치로 분석하는 일을 가장 잘합니다."
    )
    assert jobs(draft) == [
        ("(주)스마트오더", "백엔드 개발자", "2016.03 - 2018.08"),
        ("페이브릿지 주식회사", "시니어 백엔드 개발자", "2018.09 ~ 현재"),
    ]
    first = draft["work_experiences"][0]
    assert first["project_name"] == "매장 주문 중계 서버 개발"
    assert first["tech_stack"] == ["Java", "Spring Boot", "MySQL"]
    assert first["achievements"] == [
        "주문 수신 로직을 비동기 큐 기반으로 바꿔 주문 유실률을 0.8%에서 0.02%로 낮췄습니다.",
        "슬로우 쿼리 상위 20개를 튜닝했습니다.",
    ]
    assert skills(draft) == {
        "Languages": ["Java", "Kotlin", "SQL"],
        "Databases": ["MySQL", "Redis"],
    }
    assert draft["education"] == [
        {
            "period": "2009.03 - 2016.02",
            "institution": "새솔대학교",
            "major": "소프트웨어학과",
            "degree": "학사",
            "status": "졸업",
        }
    ]
    assert draft["certifications"] == [
        {"name": "정보처리기사", "issuer": "한국산업인력공단", "issue_date": "2015.11"},
        {"name": "SQL 개발자 (SQLD)", "issuer": "한국데이터산업진흥원", "issue_date": "2017.06"},
    ]
    assert draft["activities"] == [
        {
            "type": "발표",
            "name": "사내 기술 세미나 - 결제 시스템 MSA 전환기",
            "period": "2021.04",
            "description": "결제 승인 시스템을 무중단으로 분리한 과정을 공유했습니다.",
        }
    ]
    assert months_of([job["duration"] for job in draft["work_experiences"]], today=TODAY) == 30 + 82


# --- the section parser: English, headings dressed up -----------------------------------------

ENGLISH = """Name: Daniel Okafor
Backend Engineer
[email] | [phone] | https://redacted.invalid/url-1
PROFESSIONAL SUMMARY:
Backend engineer with 14 months of production experience building Python APIs.
== W O R K   E X P E R I E N C E ==
Backend Engineer at Parcelwise Logistics
Mar 2024 – Present
Project: Shipment Tracking API
* Reduced p95 latency of the tracking endpoint from 640 ms to 180 ms by adding a Redis
read-through cache keyed by parcel ID.
* Raised test coverage from 42% to 85%.
Tech stack: Python, FastAPI, Postgres
Data Engineer, Tunewave Media
Feb 2022 – Jul 2023
1) Built the listening-events lakehouse on Spark and dbt.
Side Projects
ShelfLife | Sep 2024 – Dec 2024
A pantry inventory service that tracks expiry dates.
▪ Scheduled reminders with Redis sorted sets.
Architecture highlights
▪ Async SQLAlchemy sessions with a repository layer.
GitHub: https://redacted.invalid/url-2
Demo: https://redacted.invalid/url-3
Skills & Tools
Python, SQL, Bash
Docker, GitHub Actions
Education
Lakeshore State University    Sep 2019 – Jun 2023
Bachelor of Science in Computer Science · Graduated
Licenses & Certifications
Professional Data Engineer — Google Cloud · Oct 2022
Awards & Activities
Talk | Serving Rankers at 9k QPS with Triton | Oct 2023
- Selected from roughly 400 submissions.
"""


def test_an_english_resume_with_dressed_up_headings() -> None:
    draft = parsed(ENGLISH)
    assert draft["name"] == "Daniel Okafor"
    assert draft["summary"].startswith("Backend engineer with 14 months")
    assert jobs(draft) == [
        ("Parcelwise Logistics", "Backend Engineer", "Mar 2024 – Present"),
        ("Tunewave Media", "Data Engineer", "Feb 2022 – Jul 2023"),
    ]
    first, second = draft["work_experiences"]
    assert first["project_name"] == "Shipment Tracking API"
    assert first["achievements"][0] == (
        "Reduced p95 latency of the tracking endpoint from 640 ms to 180 ms by adding a Redis "
        "read-through cache keyed by parcel ID."
    )
    assert first["tech_stack"] == ["Python", "FastAPI", "Postgres"]
    assert second["achievements"] == ["Built the listening-events lakehouse on Spark and dbt."]
    assert draft["personal_projects"] == [
        {
            "name": "ShelfLife",
            "duration": "Sep 2024 – Dec 2024",
            "description": "A pantry inventory service that tracks expiry dates.",
            "github_url": "https://redacted.invalid/url-2",
            "demo_url": "https://redacted.invalid/url-3",
            "key_achievements": ["Scheduled reminders with Redis sorted sets."],
            "architecture_highlights": ["Async SQLAlchemy sessions with a repository layer."],
        }
    ]
    # a skills section without labels is one group named by its heading, as written
    assert skills(draft) == {
        "Skills & Tools": ["Python", "SQL", "Bash", "Docker", "GitHub Actions"]
    }
    assert draft["education"] == [
        {
            "period": "Sep 2019 – Jun 2023",
            "institution": "Lakeshore State University",
            "degree": "Bachelor of Science",
            "major": "Computer Science",
            "status": "Graduated",
        }
    ]
    assert draft["certifications"] == [
        {"name": "Professional Data Engineer", "issuer": "Google Cloud", "issue_date": "Oct 2022"}
    ]
    assert draft["activities"][0]["type"] == "Talk"
    assert draft["activities"][0]["name"] == "Serving Rankers at 9k QPS with Triton"
    assert draft["activities"][0]["achievements"] == ["Selected from roughly 400 submissions."]


@pytest.mark.parametrize(
    "heading",
    [
        "Experience",
        "EXPERIENCE",
        "Work Experience:",
        "## Professional Experience",
        "Employment",
        "경력",
        "경력사항",
        "경력 사항",
        "【 경력 】",
        "Ⅱ. 경력",
        "Experience (5 years)",
    ],
)
def test_every_way_of_writing_the_experience_heading_opens_the_section(heading: str) -> None:
    draft = parsed(f"Sam Whitaker\n{heading}\nAcme Corp | Software Engineer | 2021 - 2023\n")
    assert jobs(draft) == [("Acme Corp", "Software Engineer", "2021 - 2023")]


# --- the section parser: layouts -----------------------------------------------------------

SIDE_COLUMN_FIRST = """윤서진
연락처
[email]
https://redacted.invalid/url-1
보유 기술
Languages: TypeScript, JavaScript,
HTML, CSS
Frameworks: React, Apollo
Client, Tailwind CSS
학력
한빛대학교
학사
컴퓨터공학과
2015.03 - 2021.02
졸업
소개
사용자가 체감하는 속도를 숫자로 개선해 온 프론트엔드 개발자입니다.
경력
프론트엔드 개발자
주식회사 오늘장터
2021.09 - 2023.06
모바일 웹 상품 상세 및 주문서 리뉴얼
- 상품 상세 페이지의 LCP를 4.1초에서 1.8초로 줄였습니다.
사용 기술: React, TypeScript
2023.07 - 2024.12
클라우드노트 주식회사
프론트엔드 개발자
- 공통 컴포넌트 48종을 정리해 배포했습니다.
"""


def test_a_side_column_read_first_and_headers_above_or_below_the_dates() -> None:
    draft = parsed(SIDE_COLUMN_FIRST)
    assert draft["name"] == "윤서진"
    assert jobs(draft) == [
        ("주식회사 오늘장터", "프론트엔드 개발자", "2021.09 - 2023.06"),
        ("클라우드노트 주식회사", "프론트엔드 개발자", "2023.07 - 2024.12"),
    ]
    assert draft["work_experiences"][0]["project_name"] == "모바일 웹 상품 상세 및 주문서 리뉴얼"
    assert draft["work_experiences"][1]["achievements"] == [
        "공통 컴포넌트 48종을 정리해 배포했습니다."
    ]
    # a list wrapped in a narrow column is one list again, a skill split by the wrap too
    assert skills(draft) == {
        "Languages": ["TypeScript", "JavaScript", "HTML", "CSS"],
        "Frameworks": ["React", "Apollo Client", "Tailwind CSS"],
    }
    assert draft["education"][0]["institution"] == "한빛대학교"
    assert draft["education"][0]["major"] == "컴퓨터공학과"
    assert draft["education"][0]["status"] == "졸업"


TABLE_ROWS = """Elena Vasquez
Experience
Quillstack Software\tDevOps Engineer\tNov 2020 – Aug 2022
- Cut AWS spend by 31%.
Site Reliability / DevOps Engineer\tNorthpeak Health Tech\tSep 2022 – Dec 2024
- Built a multi-cluster EKS platform.
Skills
Languages\tGo, Python, Bash
Cloud\tAWS, EKS
Observability
• Prometheus
• Grafana
"""


def test_table_rows_and_sidebar_groups() -> None:
    draft = parsed(TABLE_ROWS)
    assert jobs(draft) == [
        ("Quillstack Software", "DevOps Engineer", "Nov 2020 – Aug 2022"),
        ("Northpeak Health Tech", "Site Reliability / DevOps Engineer", "Sep 2022 – Dec 2024"),
    ]
    assert skills(draft) == {
        "Languages": ["Go", "Python", "Bash"],
        "Cloud": ["AWS", "EKS"],
        "Observability": ["Prometheus", "Grafana"],
    }


def test_a_job_with_two_projects_is_two_records_of_that_job() -> None:
    draft = parsed(
        "Kim Minji\n경력\n(주)핏메이트 | 안드로이드 개발자 | 2022.01 ~ 2024.02\n"
        "프로젝트: 운동 기록 화면 전환\n- 렌더링 시간을 40% 줄였습니다.\n"
        "프로젝트: 결제 모듈 개편\n- 결제 실패율을 절반으로 낮췄습니다.\n"
    )
    assert [(job["company"], job["project_name"]) for job in draft["work_experiences"]] == [
        ("(주)핏메이트", "운동 기록 화면 전환"),
        ("(주)핏메이트", "결제 모듈 개편"),
    ]


def test_page_numbers_and_contact_lines_are_never_fields() -> None:
    draft = parsed(
        "Priya Raman\n[email]\nExperience\n"
        "Shoplane | Senior Frontend Engineer | 2021.01 ~ present\n"
        "- Migrated the storefront to Next.js without\n1 / 2\n- Cut LCP by 40%.\n"
    )
    assert draft["name"] == "Priya Raman"
    assert "1 / 2" not in str(draft)


# --- not a resume -----------------------------------------------------------------------------

RECIPE = """Kimchi Fried Rice
Serves 2 · 20 minutes
Ingredients
- 2 cups cooked rice
- 1 cup chopped kimchi
Method
Fry the kimchi in butter for three minutes. Add the rice and stir until hot.
"""
LOREM = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Sed do eiusmod tempor incididunt ut\n"
    "labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation.\n"
)
INVOICE = """INVOICE #2024-0193
Bill to: Acme Corp
Date: 2024.05.01
Summary
Consulting, May 2024    40 h    USD 4,000
Total due    USD 4,000
"""


@pytest.mark.parametrize("text", [RECIPE, LOREM, INVOICE, "Alex Morgan\n", "경력\n"])
def test_a_page_without_resume_content_is_refused(text: str) -> None:
    with pytest.raises(DocumentError) as raised:
        parse_resume_text(text)
    assert raised.value.code is ErrorCode.UPLOAD_NOT_A_RESUME
    assert "Kimchi" not in raised.value.detail and "Acme" not in raised.value.detail


LINKEDIN_STYLE = """Jane Doe
Senior Software Engineer at Stripe
Summary
I build reliable payment systems and mentor engineers.
Experience
Stripe
Senior Software Engineer
January 2021 - Present (3 years 5 months)
San Francisco, California
Built the ledger service that reconciles card payments across 40 countries.
Google
Software Engineer
June 2017 - December 2020 (3 years 7 months)
Worked on Borg scheduling.
Education
Stanford University
Bachelor of Science - BS, Computer Science · (2013 - 2017)
Skills
Go • Java • Distributed Systems
"""
KOREAN_PLATFORM_STYLE = """김지우
Backend Developer
[email] | [phone]
간단 소개
결제 도메인에서 5년간 서버를 개발했습니다.
경력
토스 (비바리퍼블리카)
2021.03 ~ 재직 중 (3년 4개월)
Server Developer
- 결제 시스템 개발
· 정산 배치 성능 개선으로 처리 시간 50% 단축
학력
서울대학교 컴퓨터공학부
2014.03 ~ 2020.02 졸업
"""


def test_an_export_with_lengths_beside_the_dates_and_a_location_line() -> None:
    draft = parsed(LINKEDIN_STYLE)
    assert jobs(draft) == [
        ("Stripe", "Senior Software Engineer", "January 2021 - Present"),
        ("Google", "Software Engineer", "June 2017 - December 2020"),
    ]
    assert "project_name" not in draft["work_experiences"][0]  # the location is no project
    assert draft["education"][0]["degree"] == "Bachelor of Science - BS"
    assert draft["education"][0]["major"] == "Computer Science"
    assert skills(draft) == {"Skills": ["Go", "Java", "Distributed Systems"]}


def test_a_korean_resume_with_the_position_below_the_dates() -> None:
    draft = parsed(KOREAN_PLATFORM_STYLE)
    assert jobs(draft) == [("토스 (비바리퍼블리카)", "Server Developer", "2021.03 ~ 재직 중")]
    assert draft["work_experiences"][0]["achievements"] == [
        "결제 시스템 개발",
        "정산 배치 성능 개선으로 처리 시간 50% 단축",
    ]
    school = draft["education"][0]
    assert (school["institution"], school["major"], school["status"]) == (
        "서울대학교",
        "컴퓨터공학부",
        "졸업",
    )


def test_a_tech_sub_heading_inside_a_job_is_no_skills_section() -> None:
    draft = parsed(
        "Ann Lee\nExperience\nAcme | Engineer | 2021 - 2023\nTech stack\nPython, Go,\nDocker\n"
        "- Shipped the billing service.\nSkills\nKotlin\n"
    )
    job = draft["work_experiences"][0]
    assert job["tech_stack"] == ["Python", "Go", "Docker"]
    assert job["achievements"] == ["Shipped the billing service."]
    assert skills(draft) == {"Skills": ["Kotlin"]}


def test_without_a_summary_heading_the_text_above_the_sections_is_the_summary() -> None:
    draft = parsed(
        "Sam Whitaker\nFull-stack developer\n[email]\n"
        "Self-taught developer who builds small web apps with Express and React,\n"
        "now looking for a first role.\nSkills\nJavaScript, Python\n"
    )
    assert draft["summary"] == (
        "Self-taught developer who builds small web apps with Express and React, "
        "now looking for a first role."
    )
