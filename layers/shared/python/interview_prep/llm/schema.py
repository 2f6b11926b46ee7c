"""Per-vendor schema adapters. pydantic emits JSON Schema 2020-12 with ``$defs``; each
vendor's structured-output mode accepts a different subset, so the schema is reshaped
for each — and whatever comes back is validated against the pydantic model anyway."""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel

#: Constraints strict modes reject; pydantic validation still enforces them afterwards.
_UNSUPPORTED_STRICT = {
    "minLength", "maxLength", "pattern", "format", "minItems", "maxItems",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "default", "examples",
    "title", "uniqueItems", "minProperties", "maxProperties",
}  # fmt: skip


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """Replace ``$ref`` with the definitions they point to (some vendors take no refs)."""
    definitions = schema.get("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                name = node["$ref"].rsplit("/", 1)[-1]
                return resolve(copy.deepcopy(definitions[name]))
            return {key: resolve(value) for key, value in node.items() if key != "$defs"}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    resolved: dict[str, Any] = resolve(schema)
    return resolved


def strict_schema(model: type[BaseModel]) -> dict[str, Any]:
    """OpenAI strict mode / Claude structured outputs: every property required (optional
    ones become nullable), no additional properties, no unsupported keywords."""

    def adapt(node: Any) -> Any:
        if isinstance(node, list):
            return [adapt(item) for item in node]
        if not isinstance(node, dict):
            return node
        node = {k: adapt(v) for k, v in node.items() if k not in _UNSUPPORTED_STRICT}
        if node.get("type") == "object" and "properties" in node:
            required = set(node.get("required", []))
            for name, prop in node["properties"].items():
                if name not in required:
                    node["properties"][name] = {"anyOf": [prop, {"type": "null"}]}
            node["required"] = list(node["properties"])
            node["additionalProperties"] = False
        return node

    adapted: dict[str, Any] = adapt(inline_refs(model.model_json_schema()))
    return adapted


def gemini_schema(model: type[BaseModel]) -> dict[str, Any]:
    """Gemini's ``response_json_schema``: refs inlined, nothing it does not document."""

    def adapt(node: Any) -> Any:
        if isinstance(node, list):
            return [adapt(item) for item in node]
        if not isinstance(node, dict):
            return node
        return {
            k: adapt(v)
            for k, v in node.items()
            if k not in {"additionalProperties", "title", "default", "examples", "pattern"}
        }

    adapted: dict[str, Any] = adapt(inline_refs(model.model_json_schema()))
    return adapted
