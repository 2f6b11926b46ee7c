"""Job progress: what a client polls after starting a generation."""

from __future__ import annotations

from interview_prep.http.app import create_app, lambda_entry
from interview_prep.http.auth import owner
from interview_prep.http.openapi import route
from interview_prep.http.params import JobId
from interview_prep.models.jobs import Job
from interview_prep.services.jobs import JobService

app = create_app("jobs")
service = JobService()


@route(app, "get_job")
def get_job(job_id: JobId) -> Job:
    return service.get(owner(app), job_id)


lambda_handler = lambda_entry(app)
