"""Job progress: what a client polls after starting a generation."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Path

from interview_prep import api
from interview_prep.models.jobs import Job
from interview_prep.services.jobs import JobService

app = api.create_app("jobs")
service = JobService()


@api.route(app, "get_job")
def get_job(job_id: Annotated[str, Path(description="The job_id a POST returned")]) -> Job:
    return service.get(api.owner(app), job_id)


lambda_handler = api.lambda_entry(app)
