"""HTTP glue shared by the interview and learning functions: start a job (202, or 200 with
the result under ``?wait=N``), read the latest or one job's result, list the history."""

from __future__ import annotations

from http import HTTPStatus
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.openapi.params import Header, Query

from interview_prep import api
from interview_prep.config import get_settings
from interview_prep.models.jobs import JobKind, JobStatus
from interview_prep.services import idempotency
from interview_prep.services.jobs import GenerationParameters, JobService, Links
from interview_prep.services.results import History, Result, ResultService

WaitSeconds = Annotated[
    int | None,
    Query(ge=0, le=25, description="Hold the request up to N seconds; 200 with the result if done"),
]
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=200,
        description="Retrying with the same key returns the same job",
    ),
]
JobIdQuery = Annotated[str | None, Query(max_length=64, description="A specific job's result")]

_jobs = JobService()
_results = ResultService(jobs=_jobs)


def start(
    app: APIGatewayRestResolver,
    route_name: str,
    kind: JobKind,
    unique_key: str,
    request: GenerationParameters,
    wait: int | None,
    idempotency_key: str | None,
) -> Response[Any]:
    owner = api.owner(app)
    links = Links(api.base_path(app), unique_key, kind)
    correlation_id = app.current_event.request_context.request_id
    accepted = idempotency.run_once(
        idempotency_key,
        owner,
        route_name,
        app.current_event.body or "",
        lambda: _jobs.start(owner, unique_key, kind, request, links, correlation_id),
        app.lambda_context,
    )
    headers = {"Location": accepted.status_url}
    if wait:
        job = _jobs.wait(owner, accepted.job_id, min(wait, get_settings().max_wait_seconds))
        if job.status is JobStatus.SUCCEEDED:
            result = _results.get(owner, unique_key, kind, job.result_job_id or job.job_id)
            return api.json_response(result, HTTPStatus.OK, headers)
        accepted = accepted.model_copy(update={"status": job.status})
    return api.json_response(accepted, HTTPStatus.ACCEPTED, headers)


def result(
    app: APIGatewayRestResolver, kind: JobKind, unique_key: str, job_id: str | None
) -> Result:
    return _results.get(api.owner(app), unique_key, kind, job_id)


def history(
    app: APIGatewayRestResolver,
    kind: JobKind,
    unique_key: str,
    limit: int | None,
    cursor: str | None,
) -> History:
    size = limit or get_settings().page_size_default
    return _results.history(api.owner(app), unique_key, kind, size, cursor)
