"""The fixture resumes as the documents people upload, and how much of them parsing gets back.

Three layouts: a one-column page and a two-column page (a layout table: contact, skills,
education and certificates on the left; the rest on the right, entry headers in a table
of their own) printed to PDF by headless Chromium, and a DOCX written with python-docx
(headings, list-bullet paragraphs, a skills table). Also the failure fixtures: an
image-only PDF, a password-protected PDF and DOCX, a page that is no resume.

``recovery`` scores a parsed draft against the resume it was rendered from; the
integration tests assert on it and ``benchmarks/parsing.py`` prints it.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import os
import re
import shutil
import struct
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from interview_prep.documents.contacts import mask_contacts
from interview_prep.documents.grounding import normalise

ROOT = Path(__file__).resolve().parents[1]
#: ``samples/resume-minimal.json`` holds a name only: nothing to recover (and no resume).
RESUME_FILES = sorted((ROOT / "tests" / "fixtures" / "resumes").glob("*.json")) + sorted(
    path for path in (ROOT / "samples").glob("resume-*.json") if path.stem != "resume-minimal"
)
NAME_ONLY = ROOT / "samples" / "resume-minimal.json"
CATEGORIES = ("companies", "positions", "durations", "achievements", "skills")
#: What the browser tier launches Chromium with (tests/browser/conftest.py).
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]
INSTALL_HINT = "apt-get install chromium fonts-nanum"
_HANGUL = re.compile(r"[가-힣]")


class Layout(StrEnum):
    ONE_COLUMN_PDF = "one-column PDF"
    TWO_COLUMN_PDF = "two-column PDF"
    DOCX = "DOCX"


@dataclass(frozen=True)
class FixtureResume:
    name: str
    resume: dict[str, Any]

    @property
    def korean(self) -> bool:
        return bool(_HANGUL.search(self.resume["name"] + (self.resume.get("summary") or "")))


def fixture_resumes() -> list[FixtureResume]:
    return [
        FixtureResume(path.stem, json.loads(path.read_text(encoding="utf-8")))
        for path in RESUME_FILES
    ]


# --- what production does before parsing --------------------------------------------------


def masked(text: str) -> str:
    """The text as the parser sees it in production: e-mails and phones replaced by
    ``interview_prep.privacy``'s placeholders, links by ``https://redacted.invalid/url-N``."""
    return mask_contacts(text).text


# --- headings and labels the renderings use (a different wording per layout) ------------

HEADINGS: dict[tuple[Layout, bool], dict[str, str]] = {
    (Layout.ONE_COLUMN_PDF, True): {
        "summary": "자기소개",
        "work": "경력 사항",
        "projects": "개인 프로젝트",
        "skills": "기술 스택",
        "education": "학력",
        "certifications": "자격증",
        "activities": "대외활동",
    },
    (Layout.ONE_COLUMN_PDF, False): {
        "summary": "Summary",
        "work": "Work Experience",
        "projects": "Personal Projects",
        "skills": "Technical Skills",
        "education": "Education",
        "certifications": "Certifications",
        "activities": "Activities",
    },
    (Layout.TWO_COLUMN_PDF, True): {
        "contact": "연락처",
        "summary": "소개",
        "work": "경력",
        "projects": "프로젝트",
        "skills": "보유 기술",
        "education": "학력",
        "certifications": "자격증",
        "activities": "활동",
    },
    (Layout.TWO_COLUMN_PDF, False): {
        "contact": "Contact",
        "summary": "Profile",
        "work": "Experience",
        "projects": "Projects",
        "skills": "Skills",
        "education": "Education",
        "certifications": "Licenses & Certifications",
        "activities": "Awards & Activities",
    },
    (Layout.DOCX, True): {
        "summary": "요약",
        "work": "경력사항",
        "projects": "사이드 프로젝트",
        "skills": "기술",
        "education": "학력",
        "certifications": "자격증",
        "activities": "수상 및 활동",
    },
    (Layout.DOCX, False): {
        "summary": "About",
        "work": "Professional Experience",
        "projects": "Side Projects",
        "skills": "Skills & Tools",
        "education": "Education",
        "certifications": "Certifications",
        "activities": "Volunteering & Activities",
    },
}
LABELS = {
    True: {"project": "프로젝트", "tech": "사용 기술", "architecture": "아키텍처"},
    False: {"project": "Project", "tech": "Tech stack", "architecture": "Architecture highlights"},
}


def _group_label(key: str) -> str:
    return key.replace("_", " ").title()


def _contacts(resume: dict[str, Any]) -> list[str]:
    contact = resume.get("contact") or {}
    return [
        contact[key]
        for key in ("email", "phone", "github", "linkedin", "portfolio")
        if contact.get(key)
    ]


# --- HTML ---------------------------------------------------------------------------------

_STYLE = """
@page { size: A4; margin: 16mm 15mm; }
body { font-family: 'NanumGothic', 'DejaVu Sans', sans-serif; font-size: 10pt; line-height: 1.35; }
h1 { font-size: 20pt; margin: 0 0 4pt; } h2 { font-size: 12pt; margin: 12pt 0 4pt; }
p { margin: 2pt 0; } ul { margin: 2pt 0 4pt; padding-left: 16pt; }
.row { display: flex; justify-content: space-between; gap: 12pt; }
.one h2 { text-transform: uppercase; border-bottom: 1px solid #888; }
.two table.layout { width: 100%; border-collapse: collapse; table-layout: fixed; }
.two td.side { width: 32%; vertical-align: top; padding-right: 10pt; background: #f2f2f2; }
.two td.main { vertical-align: top; padding-left: 10pt; }
.two table.head { width: 100%; } .two table.head td.when { text-align: right; width: 34%; }
"""


def _e(text: str) -> str:
    return html.escape(text)


def _ul(items: Iterable[str]) -> str:
    listed = "".join(f"<li>{_e(item)}</li>" for item in items)
    return f"<ul>{listed}</ul>" if listed else ""


def _row(left: str, right: str) -> str:
    """Two things on one line, the second pushed to the right edge (a flex row)."""
    return f'<div class="row"><span>{left}</span><span>{right}</span></div>'


def _page(body: str, layout_class: str, korean: bool) -> str:
    lang = "ko" if korean else "en"
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><style>{_STYLE}</style>'
        f'</head><body class="{layout_class}">{body}</body></html>'
    )


def one_column_html(fixture: FixtureResume) -> str:
    """Everything in reading order; an entry's company, position and dates on one row."""
    resume, korean = fixture.resume, fixture.korean
    words, labels = HEADINGS[(Layout.ONE_COLUMN_PDF, korean)], LABELS[korean]
    out = [f"<h1>{_e(resume['name'])}</h1>", f"<p>{' · '.join(map(_e, _contacts(resume)))}</p>"]
    if resume.get("summary"):
        out.append(f"<h2>{words['summary']}</h2><p>{_e(resume['summary'])}</p>")
    if resume.get("work_experiences"):
        out.append(f"<h2>{words['work']}</h2>")
        for job in resume["work_experiences"]:
            company, position = _e(job["company"]), _e(job["position"])
            out.append(_row(f"<b>{company}</b> · {position}", _e(job["duration"])))
            if job.get("project_name"):
                out.append(f"<p>{labels['project']}: {_e(job['project_name'])}</p>")
            if job.get("project_description"):
                out.append(f"<p>{_e(job['project_description'])}</p>")
            out.append(_ul(job.get("achievements") or []))
            if job.get("tech_stack"):
                out.append(f"<p>{labels['tech']}: {_e(', '.join(job['tech_stack']))}</p>")
    out += _projects_html(resume, words["projects"], labels, header=_one_column_project_header)
    out += _skills_html(resume, words["skills"])
    if resume.get("education"):
        out.append(f"<h2>{words['education']}</h2>")
        for school in resume["education"]:
            if korean:
                fields = " · ".join(
                    _e(school[key]) for key in ("major", "degree", "status") if school.get(key)
                )
                school_name = _e(school["institution"])
                out.append(_row(f"<b>{school_name}</b> | {fields}", _e(school["period"])))
            else:
                out.append(
                    _row(f"<b>{_e(school['institution'])}</b>", _e(school["period"]))
                    + f"<p>{_e(school['degree'])} in {_e(school['major'])} · "
                    f"{_e(school['status'])}</p>"
                )
    if resume.get("certifications"):
        out.append(f"<h2>{words['certifications']}</h2>")
        for cert in resume["certifications"]:
            fields = [cert["name"], cert.get("issuer"), cert.get("issue_date")]
            out.append(f"<p>{' | '.join(_e(f) for f in fields if f)}</p>")
    out += _activities_html(resume, words["activities"], two_lines=False)
    return _page("".join(out), "one", korean)


def _one_column_project_header(project: dict[str, Any]) -> str:
    return _row(f"<b>{_e(project['name'])}</b>", _e(project.get("duration") or ""))


def _two_column_project_header(project: dict[str, Any]) -> str:
    return f"<p><b>{_e(project['name'])}</b></p><p>{_e(project.get('duration') or '')}</p>"


def _projects_html(
    resume: dict[str, Any], heading: str, labels: dict[str, str], header: Any
) -> list[str]:
    if not resume.get("personal_projects"):
        return []
    out = [f"<h2>{heading}</h2>"]
    for project in resume["personal_projects"]:
        out.append(header(project))
        if project.get("description"):
            out.append(f"<p>{_e(project['description'])}</p>")
        out.append(_ul(project.get("key_achievements") or []))
        if project.get("architecture_highlights"):
            out.append(f"<p>{labels['architecture']}</p>{_ul(project['architecture_highlights'])}")
        if project.get("tech_stack"):
            out.append(f"<p>{labels['tech']}: {_e(', '.join(project['tech_stack']))}</p>")
        for label, key in (("GitHub", "github_url"), ("Demo", "demo_url")):
            if project.get(key):
                out.append(f"<p>{label}: {_e(project[key])}</p>")
    return out


def _skills_html(resume: dict[str, Any], heading: str) -> list[str]:
    groups = {key: items for key, items in (resume.get("technical_skills") or {}).items() if items}
    if not groups:
        return []
    lines = "".join(
        f"<p><b>{_e(_group_label(key))}:</b> {_e(', '.join(items))}</p>"
        for key, items in groups.items()
    )
    return [f"<h2>{heading}</h2>{lines}"]


def _activities_html(resume: dict[str, Any], heading: str, *, two_lines: bool) -> list[str]:
    if not resume.get("activities"):
        return []
    out = [f"<h2>{heading}</h2>"]
    for activity in resume["activities"]:
        title = f"[{_e(activity['type'])}] {_e(activity['name'])}"
        if two_lines:
            out.append(f"<p><b>{title}</b></p><p>{_e(activity['period'])}</p>")
        else:
            out.append(_row(f"<b>{title}</b>", _e(activity["period"])))
        if activity.get("description"):
            out.append(f"<p>{_e(activity['description'])}</p>")
        out.append(_ul(activity.get("achievements") or []))
    return out


def two_column_html(fixture: FixtureResume) -> str:
    """A layout table: the side column first in the text, entry headers as small tables
    (position over company, dates in the right cell), project titles without a label."""
    resume, korean = fixture.resume, fixture.korean
    words, labels = HEADINGS[(Layout.TWO_COLUMN_PDF, korean)], LABELS[korean]
    side = [f"<h2>{words['contact']}</h2>", *(f"<p>{_e(item)}</p>" for item in _contacts(resume))]
    side += _skills_html(resume, words["skills"])
    if resume.get("education"):
        side.append(f"<h2>{words['education']}</h2>")
        for school in resume["education"]:
            side += [f"<p><b>{_e(school['institution'])}</b></p>"]
            side += [
                f"<p>{_e(school[key])}</p>"
                for key in ("degree", "major", "period", "status")
                if school.get(key)
            ]
    if resume.get("certifications"):
        side.append(f"<h2>{words['certifications']}</h2>")
        for cert in resume["certifications"]:
            dates = " \u2013 ".join(
                d for d in (cert.get("issue_date"), cert.get("expiry_date")) if d
            )
            side.append(
                f"<p><b>{_e(cert['name'])}</b></p>"
                f"<p>{_e(cert.get('issuer') or '')} · {_e(dates)}</p>"
            )
    main = []
    if resume.get("summary"):
        main.append(f"<h2>{words['summary']}</h2><p>{_e(resume['summary'])}</p>")
    if resume.get("work_experiences"):
        main.append(f"<h2>{words['work']}</h2>")
        for job in resume["work_experiences"]:
            main.append(
                f'<table class="head"><tr><td><b>{_e(job["position"])}</b>'
                f"<br>{_e(job['company'])}</td>"
                f'<td class="when">{_e(job["duration"])}</td></tr></table>'
            )
            if job.get("project_name"):
                main.append(f"<p><i>{_e(job['project_name'])}</i></p>")
            if job.get("project_description"):
                main.append(f"<p>{_e(job['project_description'])}</p>")
            main.append(_ul(job.get("achievements") or []))
            if job.get("tech_stack"):
                main.append(f"<p>{labels['tech']}: {_e(', '.join(job['tech_stack']))}</p>")
    main += _projects_html(resume, words["projects"], labels, header=_two_column_project_header)
    main += _activities_html(resume, words["activities"], two_lines=True)
    body = (
        f"<h1>{_e(resume['name'])}</h1>"
        f'<table class="layout"><tr><td class="side">{"".join(side)}</td>'
        f'<td class="main">{"".join(main)}</td></tr></table>'
    )
    return _page(body, "two", korean)


# --- DOCX ---------------------------------------------------------------------------------


def resume_docx(fixture: FixtureResume) -> bytes:
    """Word's way: headings, ``List Bullet`` paragraphs (the bullet is numbering, not text),
    the skills as a two-column table, a job's header as ``Position at Company``."""
    import docx

    resume, korean = fixture.resume, fixture.korean
    words, labels = HEADINGS[(Layout.DOCX, korean)], LABELS[korean]
    document = docx.Document()
    document.add_paragraph(resume["name"], style="Title")
    document.add_paragraph(" | ".join(_contacts(resume)))
    if resume.get("summary"):
        document.add_heading(words["summary"], level=1)
        document.add_paragraph(resume["summary"])
    if resume.get("work_experiences"):
        document.add_heading(words["work"], level=1)
        for job in resume["work_experiences"]:
            title = (
                f"{job['company']}, {job['position']}"
                if korean
                else f"{job['position']} at {job['company']}"
            )
            document.add_heading(title, level=2)
            document.add_paragraph(job["duration"])
            if job.get("project_name"):
                document.add_paragraph(f"{labels['project']}: {job['project_name']}")
            if job.get("project_description"):
                document.add_paragraph(job["project_description"])
            for achievement in job.get("achievements") or []:
                document.add_paragraph(achievement, style="List Bullet")
            if job.get("tech_stack"):
                document.add_paragraph(f"{labels['tech']}: {', '.join(job['tech_stack'])}")
    if resume.get("personal_projects"):
        document.add_heading(words["projects"], level=1)
        for project in resume["personal_projects"]:
            document.add_heading(project["name"], level=2)
            if project.get("duration"):
                document.add_paragraph(project["duration"])
            if project.get("description"):
                document.add_paragraph(project["description"])
            for achievement in project.get("key_achievements") or []:
                document.add_paragraph(achievement, style="List Bullet")
            if project.get("architecture_highlights"):
                document.add_paragraph(labels["architecture"])
                for highlight in project["architecture_highlights"]:
                    document.add_paragraph(highlight, style="List Bullet")
            if project.get("tech_stack"):
                document.add_paragraph(f"{labels['tech']}: {', '.join(project['tech_stack'])}")
            for label, key in (("GitHub", "github_url"), ("Demo", "demo_url")):
                if project.get(key):
                    document.add_paragraph(f"{label}: {project[key]}")
    groups = {key: items for key, items in (resume.get("technical_skills") or {}).items() if items}
    if groups:
        document.add_heading(words["skills"], level=1)
        table = document.add_table(rows=0, cols=2)
        for key, items in groups.items():
            cells = table.add_row().cells
            cells[0].text, cells[1].text = _group_label(key), ", ".join(items)
    if resume.get("education"):
        document.add_heading(words["education"], level=1)
        for school in resume["education"]:
            document.add_paragraph(f"{school['institution']}\t{school['period']}")
            fields = [school.get(key) for key in ("degree", "major", "status")]
            document.add_paragraph(" · ".join(field for field in fields if field))
    if resume.get("certifications"):
        document.add_heading(words["certifications"], level=1)
        for cert in resume["certifications"]:
            issuer = f" — {cert['issuer']}" if cert.get("issuer") else ""
            document.add_paragraph(
                f"{cert['name']}{issuer} ({cert['issue_date']})", style="List Bullet"
            )
    if resume.get("activities"):
        document.add_heading(words["activities"], level=1)
        for activity in resume["activities"]:
            document.add_heading(f"{activity['type']} — {activity['name']}", level=2)
            document.add_paragraph(activity["period"])
            if activity.get("description"):
                document.add_paragraph(activity["description"])
            for achievement in activity.get("achievements") or []:
                document.add_paragraph(achievement, style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- printing with Chromium -----------------------------------------------------------------


def chromium() -> str | None:
    """``$CHROMIUM`` if set, else Debian's ``chromium`` on the PATH."""
    chosen = os.environ.get("CHROMIUM")
    return (
        shutil.which(chosen)
        if chosen
        else shutil.which("chromium") or shutil.which("chromium-browser")
    )


def print_pdfs(pages: dict[str, str], folder: Path, executable: str) -> dict[str, bytes]:
    """Each HTML page printed to PDF by headless Chromium, as "Save as PDF" prints it.

    One browser prints them all (Playwright's ``page.pdf``, the print-to-PDF path of
    ``chromium --headless --print-to-pdf``): a ``--print-to-pdf`` run per page costs ~0.9 s
    here, mostly start-up, and two at a time on 2 cores were slower than one after another,
    while one browser prints a resume in ~0.3 s.

    It prints in a thread of its own: Playwright's sync API refuses a thread where an event
    loop runs, as one does wherever another test module's browser is still open."""
    with ThreadPoolExecutor(max_workers=1) as printer:
        return printer.submit(_print_pdfs, pages, folder, executable).result()


def _print_pdfs(pages: dict[str, str], folder: Path, executable: str) -> dict[str, bytes]:
    from playwright.sync_api import sync_playwright

    folder.mkdir(parents=True, exist_ok=True)
    printed: dict[str, bytes] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            for key, markup in pages.items():
                source = folder / f"{re.sub(r'[^A-Za-z0-9_.-]', '_', key)}.html"
                source.write_text(markup, encoding="utf-8")
                page.goto(source.as_uri())
                printed[key] = page.pdf(prefer_css_page_size=True, print_background=True)
        finally:
            browser.close()
    return printed


# --- failure fixtures -------------------------------------------------------------------------


NOT_A_RESUME_HTML = _page(
    "<h1>Kimchi Fried Rice</h1><p>Serves 2 · 20 minutes</p><h2>Ingredients</h2>"
    "<ul><li>2 cups cooked rice</li><li>1 cup chopped kimchi</li><li>1 tablespoon butter</li></ul>"
    "<h2>Method</h2><p>Fry the kimchi in butter for three minutes. Add the rice and stir "
    "until hot. Top with a fried egg and serve at once.</p>",
    "one",
    korean=False,
)


def image_only_pdf(lines: list[str]) -> bytes:
    """A page that is a picture of text (a scan): Pillow writes no text layer."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(image)
    font_path = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")
    font = (
        ImageFont.truetype(str(font_path), 28) if font_path.exists() else ImageFont.load_default()
    )
    for number, line in enumerate(lines):
        draw.text((100, 100 + number * 44), line, fill="black", font=font)
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=150)
    return out.getvalue()


_PASSWORD_PADDING = bytes.fromhex(
    "28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A"
)


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def encrypted_pdf(text: str, password: str) -> bytes:
    """A one-page PDF locked with ``password`` by the PDF standard security handler
    (revision 2, 40-bit RC4: ISO 32000-1 7.6.3, algorithms 2, 3 and 4), written here
    because neither pypdfium2 nor any installed library writes encryption."""
    padded = (password.encode("latin-1") + _PASSWORD_PADDING)[:32]
    owner = _rc4(hashlib.md5(padded).digest()[:5], padded)  # owner password = user password
    permissions = -4  # everything allowed: the password, not the flags, is the point
    file_id = hashlib.md5(text.encode()).digest()
    key = hashlib.md5(padded + owner + struct.pack("<i", permissions) + file_id).digest()[:5]
    user = _rc4(key, _PASSWORD_PADDING)

    def sealed(number: int, data: bytes) -> bytes:
        object_key = hashlib.md5(key + struct.pack("<i", number)[:3] + b"\x00\x00").digest()[:10]
        return _rc4(object_key, data)

    content = sealed(5, f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode("latin-1"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
        % (owner.hex().encode(), user.hex().encode(), permissions),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 6 0 R /ID [<%s> <%s>] >>\n" % (
        len(objects) + 1,
        file_id.hex().encode(),
        file_id.hex().encode(),
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def encrypted_docx() -> bytes:
    """What Word saves for a DOCX with a password: an OLE compound file (CFB version 3)
    holding the streams ``EncryptionInfo`` and ``EncryptedPackage`` (MS-OFFCRYPTO 2.3.4).
    The streams are filler of the right size; only the container's shape matters here."""
    sector = 512
    info = (b"\x04\x00\x04\x00\x40\x00\x00\x00" + b'<?xml version="1.0"?><encryption/>').ljust(
        4096, b"\x00"
    )
    package = struct.pack("<Q", 12_345) + os.urandom(4096 - 8)
    streams = [info, package]
    first_data = 2  # sector 0: FAT, sector 1: directory
    fat = [0xFFFFFFFD, 0xFFFFFFFE]
    starts = []
    for stream in streams:
        count = len(stream) // sector
        starts.append(len(fat))
        fat += [len(fat) + n + 1 for n in range(count - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (sector // 4 - len(fat))

    def entry(
        name: str, kind: int, left: int, right: int, child: int, start: int, size: int
    ) -> bytes:
        encoded = (name + "\x00").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBB3I", len(encoded), kind, 1, left, right, child)
            + b"\x00" * 36
            + struct.pack("<IQ", start, size)
        )

    none = 0xFFFFFFFF
    directory = (
        entry("Root Entry", 5, none, none, 1, 0xFFFFFFFE, 0)
        + entry("EncryptionInfo", 2, none, 2, none, starts[0], len(info))
        + entry("EncryptedPackage", 2, none, none, none, starts[1], len(package))
    ).ljust(sector, b"\x00")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
        + struct.pack("<I", 0)
        + struct.pack("<108I", *([0xFFFFFFFF] * 108))
    )
    assert len(header) == sector and first_data == 2
    return header + struct.pack(f"<{sector // 4}I", *fat) + directory + b"".join(streams)


def plain_zip(names: dict[str, str]) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, content in names.items():
            package.writestr(name, content)
    return out.getvalue()


# --- scoring ----------------------------------------------------------------------------------


@dataclass
class Score:
    found: int = 0
    wanted: int = 0

    def add(self, wanted: Iterable[str | None], got: Iterable[str | None]) -> None:
        expected = {normalise(value) for value in wanted if value}
        present = {normalise(value) for value in got if value}
        self.wanted += len(expected)
        self.found += len(expected & present)

    @property
    def share(self) -> float:
        return self.found / self.wanted if self.wanted else 1.0


def recovery(resume: dict[str, Any], draft: dict[str, Any]) -> dict[str, Score]:
    """Per field category, how many of ``resume``'s values ``draft`` has, each looked for
    in its own section: companies and positions among the jobs, durations among the jobs
    and projects, achievements (as sets) among the jobs', the projects' (and their
    architecture highlights) and the activities', skills in the union of skill groups."""
    scores = {category: Score() for category in CATEGORIES}
    jobs, parsed_jobs = resume.get("work_experiences") or [], draft.get("work_experiences") or []
    projects, parsed_projects = (
        resume.get("personal_projects") or [],
        draft.get("personal_projects") or [],
    )
    done, parsed_done = resume.get("activities") or [], draft.get("activities") or []

    def values(records: list[dict[str, Any]], key: str) -> list[str]:
        return [item for record in records for item in _as_list(record.get(key))]

    scores["companies"].add(values(jobs, "company"), values(parsed_jobs, "company"))
    scores["positions"].add(values(jobs, "position"), values(parsed_jobs, "position"))
    scores["durations"].add(values(jobs, "duration"), values(parsed_jobs, "duration"))
    scores["durations"].add(values(projects, "duration"), values(parsed_projects, "duration"))
    for records, parsed, key in (
        (jobs, parsed_jobs, "achievements"),
        (projects, parsed_projects, "key_achievements"),
        (projects, parsed_projects, "architecture_highlights"),
        (done, parsed_done, "achievements"),
    ):
        scores["achievements"].add(values(records, key), values(parsed, key))
    skills = [
        skill for items in (resume.get("technical_skills") or {}).values() for skill in items or []
    ]
    parsed_skills = [
        skill for group in draft.get("skill_groups") or [] for skill in group.get("skills") or []
    ]
    scores["skills"].add(skills, parsed_skills)
    return scores


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def total(scores: Iterable[dict[str, Score]]) -> dict[str, Score]:
    """The scores of many documents added up per category."""
    summed = {category: Score() for category in CATEGORIES}
    for score in scores:
        for category, part in score.items():
            summed[category].found += part.found
            summed[category].wanted += part.wanted
    return summed
