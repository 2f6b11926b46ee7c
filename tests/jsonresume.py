"""JSON Resume documents the tests wrote (``tests/fixtures/jsonresume``) and the published
v1.0.0 schema (npm's ``resume-schema@1.0.0``, installed by ``npm ci``) to check against."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "jsonresume"
SCHEMA = ROOT / "node_modules" / "resume-schema" / "schema.json"


def document(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return loaded


def names() -> list[str]:
    return sorted(path.stem for path in FIXTURES.glob("*.json"))


def schema_errors(candidate: dict[str, Any]) -> list[str]:
    """What the published JSON Resume v1.0.0 schema finds wrong with ``candidate``."""
    from jsonschema import Draft4Validator, FormatChecker

    validator = Draft4Validator(
        json.loads(SCHEMA.read_text(encoding="utf-8")), format_checker=FormatChecker()
    )
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(candidate)
    ]
