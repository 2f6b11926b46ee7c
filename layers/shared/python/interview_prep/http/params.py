"""Parameters several routes share, documented once in OpenAPI."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Header, Path, Query

from interview_prep.contract import IDEMPOTENCY_KEY_HEADER, MAX_WAIT_SECONDS

UniqueKey = Annotated[str, Path(description="The resume's unique_key")]
JobId = Annotated[str, Path(description="The job_id a POST returned")]
Limit = Annotated[int | None, Query(ge=1, le=100, description="Page size (default 20)")]
Cursor = Annotated[str | None, Query(max_length=512, description="`next_cursor` of the last page")]
JobIdQuery = Annotated[str | None, Query(max_length=64, description="A specific job's result")]
WaitSeconds = Annotated[
    int | None,
    Query(
        ge=0,
        le=MAX_WAIT_SECONDS,
        description="Hold the request up to N seconds; 200 with the result if it is done by then",
    ),
]
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias=IDEMPOTENCY_KEY_HEADER,
        min_length=1,
        max_length=200,
        description="Retrying with the same key returns the same job",
    ),
]
