from __future__ import annotations

import json

from interview_prep import routes
from interview_prep.local.openapi import DEFAULT_OUTPUT, merged_document


def test_exported_openapi_is_up_to_date() -> None:
    assert DEFAULT_OUTPUT.read_text() == merged_document(), (
        "docs/openapi.json is stale: run .venv/bin/python -m interview_prep.local.openapi"
    )


def test_export_documents_every_route_with_the_error_shape() -> None:
    document = json.loads(merged_document())
    for route in routes.ROUTES:
        if route.name.endswith("_docs"):
            continue
        operation = document["paths"][route.path.rstrip("/")][route.method.lower()]
        assert operation["operationId"] == route.name
        if route.auth:
            assert operation["security"] == [{"apiKey": []}]
    assert set(document["components"]["schemas"]["ErrorResponse"]["properties"]) == {
        "detail",
        "error_code",
        "timestamp",
        "details",
        "request_id",
    }


def test_no_two_functions_give_one_schema_name_to_different_models() -> None:
    """The merge keeps one schema per name: two different models under one name (a JSON
    Resume ``Language`` beside the generation ``Language``) would silently become one."""
    from interview_prep.local.functions import load_function

    seen: dict[str, tuple[str, object]] = {}
    for function in routes.functions():
        schema = load_function(function).app.get_openapi_schema()
        document = schema.model_dump(by_alias=True, exclude_none=True, mode="json")
        for name, component in document.get("components", {}).get("schemas", {}).items():
            first = seen.setdefault(name, (function, component))
            assert first[1] == component, f"{name}: {first[0]} and {function} differ"
