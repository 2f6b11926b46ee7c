"""Every URL the API hands out, built from the route table behind the caller's prefix.

A client may call through an API Gateway stage (``/prod``) or a custom-domain base path;
``Location``, ``status_url``, ``result_url`` and error links all keep that prefix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from aws_lambda_powertools.event_handler import APIGatewayRestResolver
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEvent

from interview_prep import routes
from interview_prep.models.jobs import JobKind

#: The route that reads a generation job's result, per kind.
RESULT_ROUTES = {
    JobKind.INTERVIEW_QUESTIONS: "get_interview",
    JobKind.LEARNING_PATH: "get_learning_path",
}
#: The graded attempt a grading job produces (its id is the job's).
ATTEMPT_ROUTE = "get_answer"


@dataclass(frozen=True)
class Links:
    base_path: str = ""

    @classmethod
    def of_request(cls, app: APIGatewayRestResolver | Router) -> Links:
        return cls(base_path(app))

    def to(self, route_name: str, query: dict[str, str] | None = None, **values: str) -> str:
        return routes.route_named(route_name).url(self.base_path, query, **values)

    def resume(self, unique_key: str) -> str:
        return self.to("get_resume", unique_key=unique_key)

    def status(self, job_id: str) -> str:
        return self.to("get_job", job_id=job_id)

    def result(self, kind: JobKind, unique_key: str, job_id: str) -> str:
        if kind is JobKind.RESUME_UPLOAD:  # the parsed resume itself
            return self.resume(unique_key)
        if kind is JobKind.ANSWER_GRADING:
            return self.to(ATTEMPT_ROUTE, unique_key=unique_key, attempt_id=job_id)
        return self.to(RESULT_ROUTES[kind], {"job_id": job_id}, unique_key=unique_key)


def base_path(app: APIGatewayRestResolver | Router) -> str:
    """The prefix the client called through (API Gateway stage or custom-domain base path)."""
    event = cast(APIGatewayProxyEvent, app.current_event)
    full = event.request_context.path or event.path
    return full[: -len(event.path)] if full.endswith(event.path) else ""
