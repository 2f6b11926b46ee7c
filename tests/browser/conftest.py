"""A real browser (Debian's Chromium driven by Playwright) against the local stack.

Screenshots go to ``test-artifacts/screenshots/`` and are listed at the end of the run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import LocalStack, start_stack

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]


#: What provides the browser and the Korean glyphs the screenshots show (scripts/test.sh).
INSTALL_HINT = "apt-get install chromium fonts-nanum (scripts/test.sh does it)"
Which = Callable[[str], str | None]


def chromium_path(environ: Mapping[str, str], which: Which = shutil.which) -> str | None:
    """``$CHROMIUM`` if set (and executable), else Debian's ``chromium`` on the PATH."""
    if environ.get("CHROMIUM"):
        return which(environ["CHROMIUM"])
    return which("chromium") or which("chromium-browser")


def in_ci(environ: Mapping[str, str]) -> bool:
    return environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def require_chromium(environ: Mapping[str, str], which: Which = shutil.which) -> str:
    """The Chromium to drive. Without one the browser tests are skipped on a developer's
    machine, but fail in CI: a CI image that lost Chromium must not pass by testing nothing."""
    executable = chromium_path(environ, which)
    if executable is not None:
        return executable
    wanted = (
        f"$CHROMIUM={environ['CHROMIUM']} is not executable"
        if environ.get("CHROMIUM")
        else ("Chromium is not installed")
    )
    if in_ci(environ):
        pytest.fail(f"{wanted} and CI is set; install it: {INSTALL_HINT}", pytrace=False)
    pytest.skip(f"{wanted}; to run the browser tests: {INSTALL_HINT}")


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    running = start_stack(tmp_path_factory.mktemp("web-stack"))
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = require_chromium(os.environ)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, stack: LocalStack) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    opened.goto(stack.base_url + "/")
    yield opened
    context.close()


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if SCREENSHOTS.is_dir():
        shots = sorted(SCREENSHOTS.glob("*.png"))
        if shots:
            terminalreporter.write_sep("-", f"browser screenshots in {SCREENSHOTS}")
            for shot in shots:
                terminalreporter.write_line(f"  {shot.name} ({shot.stat().st_size // 1024} KiB)")
