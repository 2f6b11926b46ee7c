"""The generation routes: start a job (202, or 200 with the result under ``?wait=N``), read
the latest or one job's result, list the history. The interview and learning functions
each include the Router built here for their kind.

No ``from __future__ import annotations``: the route signatures use the kind's models,
which Powertools must see as objects, not as names to look up in this module.
"""

from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Annotated, Any, cast

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEvent
from pydantic import BaseModel

from interview_prep.config import get_settings
from interview_prep.contract import WAIT_SAFETY_MARGIN_MS
from interview_prep.http.auth import owner
from interview_prep.http.links import Links
from interview_prep.http.openapi import route
from interview_prep.http.params import Cursor, IdempotencyKey, JobIdQuery, Limit, UniqueKey
from interview_prep.http.params import WaitSeconds as Wait
from interview_prep.http.responses import json_response
from interview_prep.models.jobs import (
    InterviewRequest,
    Job,
    JobAccepted,
    JobKind,
    JobStatus,
    LearningPathRequest,
)
from interview_prep.models.results import (
    InterviewHistory,
    InterviewResult,
    LearningPathHistory,
    LearningPathResult,
)
from interview_prep.services import idempotency
from interview_prep.services.jobs import GenerationOrder, JobService
from interview_prep.services.results import ResultService


@dataclass(frozen=True)
class GenerationRoutes:
    """One kind of generation as the API offers it: route names and models."""

    kind: JobKind
    start: str
    latest: str
    history: str
    request: type[InterviewRequest] | type[LearningPathRequest]
    result: type[InterviewResult] | type[LearningPathResult]
    history_page: type[InterviewHistory] | type[LearningPathHistory]


INTERVIEW = GenerationRoutes(
    JobKind.INTERVIEW_QUESTIONS,
    start="start_interview",
    latest="get_interview",
    history="interview_history",
    request=InterviewRequest,
    result=InterviewResult,
    history_page=InterviewHistory,
)
LEARNING = GenerationRoutes(
    JobKind.LEARNING_PATH,
    start="start_learning_path",
    latest="get_learning_path",
    history="learning_path_history",
    request=LearningPathRequest,
    result=LearningPathResult,
    history_page=LearningPathHistory,
)

_jobs = JobService()
_results = ResultService(jobs=_jobs)


def generation_router(spec: GenerationRoutes) -> Router:
    router = Router()  # type: ignore[no-untyped-call]
    kind, Request, Result, History = spec.kind, spec.request, spec.result, spec.history_page

    @route(router, spec.start, models={HTTPStatus.ACCEPTED: JobAccepted, HTTPStatus.OK: Result})
    def start(
        unique_key: UniqueKey,
        request: Annotated[Request | None, Body()] = None,  # type: ignore[valid-type]
        wait: Wait = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Any]:
        caller, links = owner(router), Links.of_request(router)
        order = GenerationOrder(
            caller,
            unique_key,
            kind,
            request or Request(),
            correlation_id=cast(
                APIGatewayProxyEvent, router.current_event
            ).request_context.request_id,
        )
        return start_once(
            router,
            spec.start,
            idempotency_key,
            lambda: _jobs.start(order, links),
            wait,
            lambda job: _results.get(
                caller, unique_key, kind, job.result_job_id or job.job_id, links
            ),
        )

    @route(router, spec.latest)
    def latest(unique_key: UniqueKey, job_id: JobIdQuery = None) -> Result:  # type: ignore[valid-type]
        links = Links.of_request(router)
        return _results.get(owner(router), unique_key, kind, job_id, links)

    @route(router, spec.history)
    def history(unique_key: UniqueKey, limit: Limit = None, cursor: Cursor = None) -> History:  # type: ignore[valid-type]
        size = limit or get_settings().page_size_default
        return _results.history(owner(router), unique_key, kind, size, cursor)

    return router


def start_once(
    router: Router,
    route_name: str,
    idempotency_key: str | None,
    start: Callable[[], JobAccepted],
    wait: int | None,
    result: Callable[[Job], BaseModel],
) -> Response[Any]:
    """Start a job once per ``Idempotency-Key``; 202 with where to poll, or, when it
    succeeds within ``?wait=N``, 200 with its ``result``."""
    caller = owner(router)
    accepted = idempotency.run_once(
        idempotency_key,
        caller,
        route_name,
        router.current_event.body or "",
        start,
        router.lambda_context,
    )
    headers = {"Location": accepted.status_url}
    seconds = wait_budget(wait, router.lambda_context.get_remaining_time_in_millis())
    if seconds > 0:
        job = _jobs.wait(caller, accepted.job_id, seconds)
        if job.status is JobStatus.SUCCEEDED:
            return json_response(result(job), HTTPStatus.OK, headers)
        accepted = accepted.model_copy(update={"status": job.status})
    return json_response(accepted, HTTPStatus.ACCEPTED, headers)


def wait_budget(requested: int | None, remaining_ms: int) -> float:
    """How long a ``?wait`` may hold the request: what was asked, within the service's
    limit and the Lambda's remaining time (less a margin, so the 202 still gets out)."""
    if not requested:
        return 0.0
    left = (remaining_ms - WAIT_SAFETY_MARGIN_MS) / 1000
    return max(0.0, min(float(requested), float(get_settings().max_wait_seconds), left))
