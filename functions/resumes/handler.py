"""Resume routes: CRUD and the start of an upload; parse, call the service, respond."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from aws_lambda_powertools.event_handler import Response

from interview_prep.config import get_settings
from interview_prep.http.app import create_app, lambda_entry
from interview_prep.http.auth import owner
from interview_prep.http.formats import Format, ResumeFormat
from interview_prep.http.links import Links
from interview_prep.http.openapi import route
from interview_prep.http.params import Cursor, Limit, UniqueKey
from interview_prep.http.responses import created, json_response, no_content
from interview_prep.interchange import to_json_resume
from interview_prep.models import Resume, ResumeIn, ResumePage
from interview_prep.models.jsonresume import JsonResume
from interview_prep.models.uploads import UploadAccepted, UploadRequest
from interview_prep.services.resumes import ResumeService
from interview_prep.services.uploads import UploadService

app = create_app("resumes")
service = ResumeService()
uploads = UploadService()


@route(app, "create_resume")
def create_resume(resume: ResumeIn, resume_format: Format = None) -> Response[Resume]:
    stored = service.create(owner(app), resume)
    return created(stored, location=Links.of_request(app).resume(stored.unique_key))


@route(app, "list_resumes")
def list_resumes(limit: Limit = None, cursor: Cursor = None) -> ResumePage:
    return service.list(owner(app), limit or get_settings().page_size_default, cursor)


@route(app, "start_upload")
def start_upload(upload: UploadRequest) -> Response[UploadAccepted]:
    links = Links.of_request(app)
    correlation_id = app.current_event.request_context.request_id
    accepted = uploads.start(owner(app), upload, links, correlation_id)
    return created(accepted, location=accepted.status_url)


@route(app, "get_resume", models={HTTPStatus.OK: Resume | JsonResume})
def get_resume(unique_key: UniqueKey, resume_format: Format = None) -> Response[Any]:
    resume = service.get(owner(app), unique_key)
    if resume_format is ResumeFormat.JSONRESUME:
        return json_response(to_json_resume(resume))
    return json_response(resume)


@route(app, "update_resume")
def update_resume(unique_key: UniqueKey, resume: ResumeIn, resume_format: Format = None) -> Resume:
    return service.replace(owner(app), unique_key, resume)


@route(app, "delete_resume")
def delete_resume(unique_key: UniqueKey) -> Response[None]:
    service.delete(owner(app), unique_key)
    return no_content()


lambda_handler = lambda_entry(app)
