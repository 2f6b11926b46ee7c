"""The answer-practice routes: answer a question (202, or 200 with the graded attempt under
``?wait=N``), list the attempts, read one. The interview function includes this Router.

No ``from __future__ import annotations``: Powertools reads the route signatures' models.
"""

from http import HTTPStatus
from typing import Annotated, Any, cast

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body, Path, Query
from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEvent

from interview_prep.config import get_settings
from interview_prep.http.auth import owner
from interview_prep.http.generation import start_once
from interview_prep.http.links import Links
from interview_prep.http.openapi import route
from interview_prep.http.params import Cursor, IdempotencyKey, Limit, UniqueKey
from interview_prep.http.params import WaitSeconds as Wait
from interview_prep.models.jobs import JobAccepted
from interview_prep.models.practice import (
    QUESTION_ID_PATTERN,
    AnswerAttempt,
    AnswerAttemptPage,
    AnswerRequest,
)
from interview_prep.services.practice import AnswerOrder, PracticeService

AttemptId = Annotated[str, Path(description="The attempt id (the grading job's `job_id`)")]
QuestionFilter = Annotated[
    str | None, Query(pattern=QUESTION_ID_PATTERN, max_length=64, description="Only this question")
]
SetFilter = Annotated[
    str | None, Query(pattern=r"^[0-9a-f]{32}$", description="Only this question set")
]

_practice = PracticeService()


def practice_router() -> Router:
    router = Router()  # type: ignore[no-untyped-call]

    @route(router, "submit_answer", models={HTTPStatus.ACCEPTED: JobAccepted, 200: AnswerAttempt})
    def submit(
        unique_key: UniqueKey,
        request: Annotated[AnswerRequest, Body()],
        wait: Wait = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Any]:
        caller, links = owner(router), Links.of_request(router)
        event = cast(APIGatewayProxyEvent, router.current_event)
        order = AnswerOrder(caller, unique_key, request, event.request_context.request_id)
        return start_once(
            router,
            "submit_answer",
            idempotency_key,
            lambda: _practice.start(order, links),
            wait,
            lambda job: _practice.attempt(caller, unique_key, job.job_id, links),
        )

    @route(router, "list_answers")
    def list_answers(
        unique_key: UniqueKey,
        question_id: QuestionFilter = None,
        set_id: SetFilter = None,
        limit: Limit = None,
        cursor: Cursor = None,
    ) -> AnswerAttemptPage:
        filters = {
            name: value
            for name, value in (("question_id", question_id), ("set_id", set_id))
            if value
        }
        size = limit or get_settings().page_size_default
        return _practice.attempts_page(owner(router), unique_key, size, cursor, filters)

    @route(router, "get_answer")
    def get_answer(unique_key: UniqueKey, attempt_id: AttemptId) -> AnswerAttempt:
        links = Links.of_request(router)
        return _practice.attempt(owner(router), unique_key, attempt_id, links)

    return router
