"""The test tiers keep their promises: the unit tier cannot reach a network, and the browser
tier cannot pass in CI by skipping everything."""

from __future__ import annotations

import socket

import pytest

from tests.browser.conftest import INSTALL_HINT, Which, require_chromium

# pytest imports tests/unit/conftest.py under its own name: match the guard's message, not
# its class (a second import would be a second class)
BLOCKED = "unit tests must not use the network"


def test_a_unit_test_cannot_open_a_connection() -> None:
    with pytest.raises(RuntimeError, match=BLOCKED):
        socket.create_connection(("127.0.0.1", 9), timeout=0.1)
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as raw,
        pytest.raises(RuntimeError, match=BLOCKED),
    ):
        raw.connect(("127.0.0.1", 9))


def test_a_unit_test_cannot_start_a_server() -> None:
    with (
        socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as raw,
        pytest.raises(RuntimeError, match=BLOCKED),
    ):
        raw.bind(("::1", 0))


def test_local_pipes_still_work() -> None:
    left, right = socket.socketpair()  # AF_UNIX: subprocesses and pools use these
    with left, right:
        left.sendall(b"x")
        assert right.recv(1) == b"x"


def _nowhere(_: str) -> str | None:
    return None


def _only(path: str) -> Which:
    """A ``shutil.which`` that finds just ``path``."""
    return lambda name: name if name == path else None


def test_missing_chromium_skips_with_what_to_install() -> None:
    with pytest.raises(pytest.skip.Exception) as skipped:
        require_chromium({}, which=_nowhere)
    assert INSTALL_HINT in str(skipped.value)
    assert "apt-get install chromium fonts-nanum" in str(skipped.value)


@pytest.mark.parametrize("ci", ["true", "1", "TRUE"])
def test_missing_chromium_fails_in_ci(ci: str) -> None:
    with pytest.raises(pytest.fail.Exception) as failed:
        require_chromium({"CI": ci}, which=_nowhere)
    assert "apt-get install chromium fonts-nanum" in str(failed.value)


@pytest.mark.parametrize("ci", ["", "false", "0"])
def test_ci_switched_off_still_skips(ci: str) -> None:
    with pytest.raises(pytest.skip.Exception):
        require_chromium({"CI": ci}, which=_nowhere)


def test_chromium_is_found_on_the_path_or_through_the_variable() -> None:
    assert require_chromium({"CI": "true"}, which=_only("chromium")) == "chromium"
    assert require_chromium({}, which=_only("chromium-browser")) == "chromium-browser"
    chosen = {"CHROMIUM": "/opt/chrome/chrome"}
    assert require_chromium(chosen, which=_only("/opt/chrome/chrome")) == "/opt/chrome/chrome"


def test_a_chromium_variable_that_names_nothing_fails_in_ci() -> None:
    chosen = {"CHROMIUM": "/nowhere/chrome", "CI": "true"}
    with pytest.raises(pytest.fail.Exception) as failed:
        require_chromium(chosen, which=_only("chromium"))  # no silent fallback to another one
    assert "/nowhere/chrome" in str(failed.value)
