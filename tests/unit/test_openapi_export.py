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
