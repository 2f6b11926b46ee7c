"""The layer's architecture, checked statically: which package may import what, and the
in-memory fakes implement exactly the ports (and Protocols) the layer defines.

Imports are read with ``ast`` (every import statement, also inside functions and
``TYPE_CHECKING`` blocks), so nothing is executed and a lazy import counts as well.
"""

from __future__ import annotations

import ast
import inspect
import sys
import typing
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from interview_prep import ports
from interview_prep.llm.base import Provider
from interview_prep.llm.breaker import BreakerStore
from interview_prep.services.jobs import JobLinks
from interview_prep.services.uploads import UploadLinks
from tests.conftest import ROOT
from tests.fakes import ports as fakes

PACKAGE = ROOT / "layers" / "shared" / "python" / "interview_prep"
DOMAIN = ("generation", "knowledge", "models", "documents")
#: Dependency-free modules: the CDK app and the runtime read them without Powertools or pymongo.
PLAIN = ("contract", "routes", "resources", "errors")
EVENT_HANDLER = "aws_lambda_powertools.event_handler"
#: Reported to the lead, not allowed: delete once ``local/openapi.py`` stops importing it.


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module ``path`` imports, absolute; ``from a import b`` yields ``a`` and ``a.b``."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against the importing package
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    found.discard("__future__")
    return found


def _files(*under: str) -> list[Path]:
    paths: list[Path] = []
    for name in under:
        target = PACKAGE / name
        paths += sorted(target.rglob("*.py")) if target.is_dir() else [target.with_suffix(".py")]
    return paths


def _violations(files: Iterable[Path], forbidden: Callable[[str], bool]) -> set[str]:
    return {
        f"{path.relative_to(PACKAGE).as_posix()}: {module}"
        for path in files
        for module in imports_of(path)
        if forbidden(module)
    }


def _within(*prefixes: str) -> Callable[[str], bool]:
    return lambda module: any(module == p or module.startswith(p + ".") for p in prefixes)


def test_the_import_reader_sees_what_it_must() -> None:
    """The checks below are only as good as this reader: prove it on the known cases."""
    worker = imports_of(PACKAGE / "services" / "job_runner.py")
    assert "interview_prep.llm.registry" in worker  # from interview_prep.llm import registry
    assert "interview_prep.services.failures" in worker
    assert "boto3" in imports_of(PACKAGE / "aws.py")
    assert "pymongo.errors" in imports_of(PACKAGE / "repositories" / "results.py")
    assert len(_files("services")) > 5


def test_llm_never_imports_the_domains_generation() -> None:
    assert _violations(_files("llm"), _within("interview_prep.generation")) == set()


@pytest.mark.parametrize("package", DOMAIN)
def test_the_domain_imports_no_provider_http_or_infrastructure(package: str) -> None:
    forbidden = _within(
        "interview_prep.llm.providers", "interview_prep.http", "boto3", "botocore", "pymongo"
    )
    assert _violations(_files(package), forbidden) == set()


def test_services_reach_infrastructure_only_through_ports_and_adapters() -> None:
    assert _violations(_files("services"), _within("boto3", "botocore", "pymongo")) == set()


def test_repositories_never_import_services_or_http() -> None:
    forbidden = _within("interview_prep.services", "interview_prep.http")
    assert _violations(_files("repositories"), forbidden) == set()


def test_only_http_and_the_functions_import_the_event_handler() -> None:
    outside_http = [p for p in _files(".") if p.relative_to(PACKAGE).parts[0] != "http"]
    found = _violations(outside_http, _within(EVENT_HANDLER))
    assert found == set()


@pytest.mark.parametrize("module", PLAIN)
def test_the_plain_modules_import_only_the_standard_library_and_each_other(
    module: str,
) -> None:
    plain = _within(*(f"interview_prep.{name}" for name in PLAIN))

    def forbidden(imported: str) -> bool:
        # the bare package is fine (``from interview_prep import contract``): its __init__
        # imports nothing, and the module named after it is checked on its own
        if imported == "interview_prep" or plain(imported):
            return False
        return imported.split(".")[0] not in sys.stdlib_module_names

    assert _violations(_files(module), forbidden) == set()
    assert imports_of(PACKAGE / "__init__.py") == set()  # what the bare import loads


# --- the fakes implement the ports --------------------------------------------------------


def _members(protocol: type) -> dict[str, Any]:
    """The protocol's methods, its base protocols' included."""
    found: dict[str, Any] = {}
    for cls in reversed(protocol.__mro__):
        if cls in {object, typing.Protocol, typing.Generic}:
            continue
        found |= {
            name: member
            for name, member in vars(cls).items()
            if not name.startswith("_") and callable(member)
        }
    return found


def _mismatches(fake: type, protocol: type) -> list[str]:
    """What keeps ``fake`` from being a ``protocol`` (names, parameters, defaults, types)."""
    problems: list[str] = []
    for attribute, hint in typing.get_type_hints(protocol).items():
        if attribute not in typing.get_type_hints(fake) and not hasattr(fake, attribute):
            problems.append(f"missing attribute {attribute}: {hint}")
    for name, member in _members(protocol).items():
        implementation = getattr(fake, name, None)
        if not callable(implementation):
            problems.append(f"missing method {name}")
            continue
        wanted = [
            (p.name, p.kind, p.default) for p in inspect.signature(member).parameters.values()
        ]
        actual = [
            (p.name, p.kind, p.default)
            for p in inspect.signature(implementation).parameters.values()
        ]
        if wanted != actual:
            problems.append(f"{name}{inspect.signature(implementation)} is not {name}{wanted}")
        elif typing.get_type_hints(member) != typing.get_type_hints(implementation):
            problems.append(f"{name}: types differ")
    return problems


@pytest.mark.parametrize(
    ("fake", "protocol"),
    [
        (fakes.FakeResumeStore, ports.ResumeStore),
        (fakes.FakeResultStore, ports.ResultStore),
        (fakes.FakeJobStore, ports.JobStore),
        (fakes.FakeQueue, ports.MessageQueue),
        (fakes.FakeProvider, Provider),
        (fakes.FakeLinks, JobLinks),
        (fakes.FakeBreakerStore, BreakerStore),
        (fakes.FakeObjectStore, ports.ObjectStore),
        (fakes.FakeCheckQueue, ports.CheckQueue),
        (fakes.FakeCheckQueue, ports.DeliveryQueue),
        (fakes.FakeLinks, UploadLinks),
    ],
    ids=lambda value: value.__name__,
)
def test_each_fake_implements_its_protocol(fake: type, protocol: type) -> None:
    assert _mismatches(fake, protocol) == []


def test_the_protocol_check_catches_a_wrong_fake() -> None:
    class Partial:
        def send(self, message: Any) -> None: ...

    problems = _mismatches(Partial, ports.MessageQueue)
    assert any(problem.startswith("send") for problem in problems)
    assert "missing method delay" in problems
