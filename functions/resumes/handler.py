"""Resume CRUD routes: parse, call the resume service, respond."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from interview_prep import api
from interview_prep.config import get_settings
from interview_prep.models import Resume, ResumeIn, ResumePage
from interview_prep.services.resumes import ResumeService

app = api.create_app("resumes")
service = ResumeService()


@api.route(app, "create_resume")
def create_resume(resume: ResumeIn) -> Response[Resume]:
    created = service.create(api.owner(app), resume)
    location = f"{api.base_path(app)}{app.current_event.path.rstrip('/')}/{created.unique_key}"
    return api.created(created, location=location)


@api.route(app, "list_resumes")
def list_resumes(
    limit: api.Limit = None,
    cursor: api.Cursor = None,
) -> ResumePage:
    return service.list(api.owner(app), limit or get_settings().page_size_default, cursor)


@api.route(app, "get_resume")
def get_resume(unique_key: api.UniqueKey) -> Resume:
    return service.get(api.owner(app), unique_key)


@api.route(app, "update_resume")
def update_resume(unique_key: api.UniqueKey, resume: ResumeIn) -> Resume:
    return service.replace(api.owner(app), unique_key, resume)


@api.route(app, "delete_resume")
def delete_resume(unique_key: api.UniqueKey) -> Response[None]:
    service.delete(api.owner(app), unique_key)
    return api.no_content()


lambda_handler = api.lambda_entry(app)
