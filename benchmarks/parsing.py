"""How much of a resume the offline upload parser gets back, and what reading costs.

    .venv/bin/python benchmarks/parsing.py [--runs 5]

Renders the fixture resumes (``tests/fixtures/resumes`` and ``samples``) as the
integration tests do (``tests/documents.py``): a one-column and a two-column page printed
to PDF by headless Chromium, and a DOCX. Each document is extracted, masked as production
masks it and parsed; the Markdown table gives, per layout, the share of companies,
positions, durations, achievements and skills recovered, and the median milliseconds per
document for extraction and for parsing. Needs Chromium (``apt-get install chromium
fonts-nanum``); without it only the DOCX row is measured.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.documents import FixtureResume, Layout

Documents = dict["Layout", dict[str, bytes]]

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "layers" / "shared" / "python"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5, help="timed repetitions per document")
    runs = parser.parse_args().runs
    from tests.documents import Layout, chromium, fixture_resumes

    fixtures = fixture_resumes()
    documents = _documents(fixtures, chromium())
    print(f"{len(fixtures)} resumes; medians of {runs} runs per document\n")
    print("| layout | " + " | ".join(_CATEGORY_TITLES) + " | extract ms/doc | parse ms/doc |")
    print("|---" * (len(_CATEGORY_TITLES) + 3) + "|")
    for layout in Layout:
        if layout in documents:
            print(_row(layout, fixtures, documents[layout], runs))
        else:
            print(f"| {layout.value} | " + " | ".join("—" for _ in range(7)) + " |")


_CATEGORY_TITLES = ("companies", "positions", "durations", "achievements", "skills")


def _documents(fixtures: list[FixtureResume], executable: str | None) -> Documents:
    from tests.documents import Layout, one_column_html, print_pdfs, resume_docx, two_column_html

    documents: Documents = {Layout.DOCX: {f.name: resume_docx(f) for f in fixtures}}
    if executable is None:
        print("Chromium is not installed: the PDF layouts are not measured\n")
        return documents
    pages = {f"{f.name}.one": one_column_html(f) for f in fixtures}
    pages |= {f"{f.name}.two": two_column_html(f) for f in fixtures}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        printed = print_pdfs(pages, Path(folder), executable)
    seconds = time.perf_counter() - started
    print(f"printed {len(pages)} PDFs with headless Chromium in {seconds:.1f} s\n")
    documents[Layout.ONE_COLUMN_PDF] = {f.name: printed[f"{f.name}.one"] for f in fixtures}
    documents[Layout.TWO_COLUMN_PDF] = {f.name: printed[f"{f.name}.two"] for f in fixtures}
    return documents


def _row(layout: Layout, fixtures: list[FixtureResume], files: dict[str, bytes], runs: int) -> str:
    from interview_prep.documents.extract import extract_text
    from interview_prep.documents.formats import sniff
    from interview_prep.documents.sections import parse_resume_text
    from tests.documents import masked, recovery, total

    extract_ms: list[float] = []
    parse_ms: list[float] = []
    scores = []
    for fixture in fixtures:
        data = files[fixture.name]
        found = sniff(data)
        assert found is not None
        extract_ms.append(_median_ms(lambda: extract_text(data, found), runs))  # noqa: B023
        text = masked(extract_text(data, found))
        parse_ms.append(_median_ms(lambda: parse_resume_text(text), runs))  # noqa: B023
        scores.append(recovery(fixture.resume, parse_resume_text(text)))
    summed = total(scores)
    shares = " | ".join(
        f"{summed[c].share:.0%} ({summed[c].found}/{summed[c].wanted})" for c in _CATEGORY_TITLES
    )
    extract = f"{statistics.median(extract_ms):.1f} (max {max(extract_ms):.1f})"
    parse = f"{statistics.median(parse_ms):.1f} (max {max(parse_ms):.1f})"
    return f"| {layout.value} | {shares} | {extract} | {parse} |"


def _median_ms(call: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


if __name__ == "__main__":
    main()
