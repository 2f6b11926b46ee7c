"""Interview question routes: start a generation job, read the results."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body

from interview_prep import api, generation_api
from interview_prep.models.jobs import InterviewRequest, JobAccepted, JobKind
from interview_prep.models.results import InterviewHistory, InterviewResult

app = api.create_app("interview")
KIND = JobKind.INTERVIEW_QUESTIONS


@api.route(app, "start_interview")
def start_interview(
    unique_key: api.UniqueKey,
    request: Annotated[InterviewRequest | None, Body()] = None,
    wait: generation_api.WaitSeconds = None,
    idempotency_key: generation_api.IdempotencyKey = None,
) -> Response[JobAccepted | Any]:
    parameters = request or InterviewRequest()
    return generation_api.start(
        app, "start_interview", KIND, unique_key, parameters, wait, idempotency_key
    )


@api.route(app, "get_interview")
def get_interview(
    unique_key: api.UniqueKey, job_id: generation_api.JobIdQuery = None
) -> InterviewResult:
    found = generation_api.result(app, KIND, unique_key, job_id)
    assert isinstance(found, InterviewResult)
    return found


@api.route(app, "interview_history")
def interview_history(
    unique_key: api.UniqueKey, limit: api.Limit = None, cursor: api.Cursor = None
) -> InterviewHistory:
    found = generation_api.history(app, KIND, unique_key, limit, cursor)
    assert isinstance(found, InterviewHistory)
    return found


lambda_handler = api.lambda_entry(app)
