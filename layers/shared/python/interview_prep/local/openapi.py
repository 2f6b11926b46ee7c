"""Export the merged OpenAPI document of every function to ``docs/openapi.json``.

python -m interview_prep.local.openapi            # write
python -m interview_prep.local.openapi --check    # exit 1 if the file is stale
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from interview_prep import routes
from interview_prep.http import openapi
from interview_prep.local.functions import PROJECT_ROOT, load_function

DEFAULT_OUTPUT = PROJECT_ROOT / "docs" / "openapi.json"


def merged_document() -> str:
    schemas = [
        load_function(function)
        .app.get_openapi_schema()
        .model_dump(by_alias=True, exclude_none=True, mode="json")
        for function in routes.functions()
    ]
    document = openapi.merged_document(schemas)
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args(argv)
    document = merged_document()
    if args.check:
        current = args.output.read_text() if args.output.exists() else ""
        if current != document:
            print(f"{args.output} is stale: run python -m interview_prep.local.openapi")
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(document)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
