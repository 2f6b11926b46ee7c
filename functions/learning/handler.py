"""Learning path routes: start a generation job, read the results."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body

from interview_prep import api, generation_api
from interview_prep.models.jobs import JobAccepted, JobKind, LearningPathRequest
from interview_prep.models.results import LearningPathHistory, LearningPathResult

app = api.create_app("learning")
KIND = JobKind.LEARNING_PATH


@api.route(app, "start_learning_path")
def start_learning_path(
    unique_key: api.UniqueKey,
    request: Annotated[LearningPathRequest | None, Body()] = None,
    wait: generation_api.WaitSeconds = None,
    idempotency_key: generation_api.IdempotencyKey = None,
) -> Response[JobAccepted | Any]:
    parameters = request or LearningPathRequest()
    return generation_api.start(
        app, "start_learning_path", KIND, unique_key, parameters, wait, idempotency_key
    )


@api.route(app, "get_learning_path")
def get_learning_path(
    unique_key: api.UniqueKey, job_id: generation_api.JobIdQuery = None
) -> LearningPathResult:
    found = generation_api.result(app, KIND, unique_key, job_id)
    assert isinstance(found, LearningPathResult)
    return found


@api.route(app, "learning_path_history")
def learning_path_history(
    unique_key: api.UniqueKey, limit: api.Limit = None, cursor: api.Cursor = None
) -> LearningPathHistory:
    found = generation_api.history(app, KIND, unique_key, limit, cursor)
    assert isinstance(found, LearningPathHistory)
    return found


lambda_handler = api.lambda_entry(app)
