"""The unit tier runs without a network: no server, no database, no vendor.

``unshare -rn python -m pytest tests/unit`` proves it for the whole process tree; the guard
below makes an accidental connection fail loudly in an ordinary run too.
"""

from __future__ import annotations

import socket
from typing import Any, NoReturn

import pytest

from tests.conftest import fixture_resume
from tests.fakes.ports import World

#: Families that reach a network (AF_UNIX pipes between local processes stay allowed).
NETWORK_FAMILIES = {socket.AF_INET, socket.AF_INET6}


class NetworkBlocked(RuntimeError):
    """A unit test tried to use the network; it belongs in tests/integration."""


def _refuse(what: str, address: Any) -> NoReturn:
    raise NetworkBlocked(f"unit tests must not use the network: {what} {address!r}")


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_bind = socket.socket.bind

    def connect(self: socket.socket, address: Any) -> None:
        if self.family in NETWORK_FAMILIES:
            _refuse("connect to", address)
        real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        if self.family in NETWORK_FAMILIES:
            _refuse("connect to", address)
        return real_connect_ex(self, address)

    def bind(self: socket.socket, address: Any) -> None:  # a server is not a unit either
        if self.family in NETWORK_FAMILIES:
            _refuse("bind", address)
        real_bind(self, address)

    def create_connection(address: Any, *_: Any, **__: Any) -> NoReturn:
        _refuse("create_connection to", address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket.socket, "bind", bind)
    monkeypatch.setattr(socket, "create_connection", create_connection)


@pytest.fixture
def world() -> World:
    """One set of in-memory fakes wired into the services (a module may override it)."""
    return World()


@pytest.fixture
def key(world: World) -> str:
    """Alice's resume in the fakes."""
    return world.resumes.create("alice", fixture_resume("senior-backend-ko")).unique_key
