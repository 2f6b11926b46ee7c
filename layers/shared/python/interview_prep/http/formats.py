"""Resume formats at the HTTP boundary: ``?format=jsonresume`` on the resume routes.

A JSON Resume body is validated against its own models and translated into this
service's resume before the route's validation runs, so the route sees one model either
way; a JSON Resume sent without the flag is told to add it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from pydantic import ValidationError

from interview_prep.errors import RequestValidationFailed
from interview_prep.http.errors import validation_error


class ResumeFormat(StrEnum):
    JSONRESUME = "jsonresume"


Format = Annotated[
    ResumeFormat | None,
    Query(
        alias="format",
        description="`jsonresume`: the body (or answer) is a JSON Resume v1.0.0 document",
    ),
]
#: Routes whose body is a resume, in either format.
RESUME_BODIES = frozenset({"create_resume", "update_resume"})
HINT = (
    "This looks like a JSON Resume document (a top-level 'basics' and no 'name'): "
    "add ?format=jsonresume to send it as one."
)


def translate(route_name: str, query: dict[str, str], body: Any) -> Any:
    """The body the route validates: a JSON Resume translated, anything else as sent."""
    if route_name not in RESUME_BODIES:
        return body
    if query.get("format") == ResumeFormat.JSONRESUME:
        return _from_json_resume(body)
    if isinstance(body, dict) and isinstance(body.get("basics"), dict) and "name" not in body:
        raise RequestValidationFailed(
            HINT, {"errors": [{"field": "name", "message": HINT, "type": "format_hint"}]}
        )
    return body


def _from_json_resume(body: Any) -> dict[str, Any]:
    # imported on first use: every API function builds on this module, one reads JSON Resume
    from interview_prep.interchange import from_json_resume
    from interview_prep.models.jsonresume import JsonResume

    try:
        document = JsonResume.model_validate(body)
        resume = from_json_resume(document)
    except ValidationError as error:
        failed = validation_error(error.errors())
        raise RequestValidationFailed(
            f"Not a valid JSON Resume: {failed.detail}", failed.details
        ) from error
    translated: dict[str, Any] = resume.model_dump(mode="json")
    return translated


def document_both_formats(document: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document with each resume body described in both formats: this
    service's resume, or (with ``?format=jsonresume``) a JSON Resume document."""
    patched = False
    for methods in document.get("paths", {}).values():
        for operation in methods.values():
            if not isinstance(operation, dict) or operation.get("operationId") not in RESUME_BODIES:
                continue
            content = operation["requestBody"]["content"]["application/json"]
            own = content["schema"]
            content["schema"] = {"oneOf": [own, {"$ref": "#/components/schemas/JsonResume"}]}
            operation["requestBody"]["description"] = (
                "A resume in this service's format; with `?format=jsonresume`, a JSON Resume "
                "v1.0.0 document (mapped field by field: see the README)."
            )
            patched = True
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    if patched and "JsonResume" not in schemas:
        _add_json_resume_schema(schemas)
    return document


def _add_json_resume_schema(schemas: dict[str, Any]) -> None:
    from interview_prep.models.jsonresume import JsonResume

    generated = JsonResume.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(generated.pop("$defs", {}))
    schemas["JsonResume"] = generated
