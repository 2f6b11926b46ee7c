"""Small resume files the tests write: a Korean resume and a page that is no resume, as
DOCX (python-docx; bullet lines as list paragraphs)."""

from __future__ import annotations

import io

from docx import Document

RESUME_LINES = [
    "한지우",
    "jiwoo.han@example.com | 010-2345-6789 | github.com/jiwoohan",
    "요약",
    "결제 시스템을 5년간 만든 백엔드 개발자입니다.",
    "경력",
    "페이랩 | 백엔드 개발자 | 2020.03 - 2023.08",
    "- 정산 배치를 Spring Batch 파티셔닝으로 4시간에서 40분으로 줄였습니다.",
    "- 결제 API p95 지연을 640ms에서 180ms로 낮췄습니다.",
    "기술 스택",
    "Languages: Java, Kotlin",
    "Infra: Kubernetes, Redis",
    "학력",
    "한국대학교 컴퓨터공학 학사 2012.03 - 2016.02",
]
RECIPE_LINES = [
    "Grandma's pancakes",
    "Mix two cups of flour with milk and eggs.",
    "Let the batter rest, then fry each pancake until golden.",
]


def docx_bytes(lines: list[str]) -> bytes:
    document = Document()
    for line in lines:
        if line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
