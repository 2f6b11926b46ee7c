"""Uploaded resumes: the upload request and its answer, and the draft structuring makes
from a document's text."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from interview_prep import contract
from interview_prep.models.common import Integer, Timestamp
from interview_prep.models.resume import Items, NoNul, ResumeBase, ShortText

ACCEPTED_CONTENT_TYPES = (contract.PDF_CONTENT_TYPE, contract.DOCX_CONTENT_TYPE)


class UploadRequest(BaseModel):
    """The file about to be uploaded, as the client declares it (the parse checks the file)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"filename": "cv.pdf", "content_type": contract.PDF_CONTENT_TYPE, "size": 48213}
            ]
        },
    )

    filename: Annotated[str, Field(min_length=1, max_length=255), *NoNul]
    #: ``application/pdf`` or the DOCX type; anything else is refused with 415.
    content_type: Annotated[str, Field(min_length=1, max_length=255), *NoNul]
    #: Bytes; over 10 MB is refused with 413.
    size: Annotated[Integer, Field(ge=1)]


class UploadTicket(BaseModel):
    """Where and how to send the file: one presigned S3 PUT, valid until ``expires_at``."""

    url: str
    method: str = "PUT"
    #: Headers the PUT must carry exactly as given (they are part of the signature).
    headers: dict[str, str]
    expires_at: Timestamp


class UploadAccepted(BaseModel):
    upload_id: str
    #: The key the parsed resume will have; ``result_url`` answers 404 until it is stored.
    unique_key: str
    job_id: str
    status_url: str
    result_url: str
    upload: UploadTicket


class UploadCheck(BaseModel):
    """The delayed message that ends an upload job whose file never arrived."""

    model_config = ConfigDict(extra="forbid")

    check: Literal["upload_expiry"] = "upload_expiry"
    job_id: str


class SkillGroup(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    group: ShortText
    skills: Items[ShortText] = Field(default_factory=list)


class ResumeDraft(ResumeBase):
    """A resume as structuring reads it from a document's text: every string is taken
    from the text. Contact details are found by pattern instead (they never reach a model),
    the experience total is computed from the dates, and skills come as named groups
    (strict structured-output modes take no open maps)."""

    contact: SkipJsonSchema[None] = Field(default=None, exclude=True)
    total_experience_months: SkipJsonSchema[None] = Field(default=None, exclude=True)
    technical_skills: SkipJsonSchema[dict[str, list[str]]] = Field(
        default_factory=dict, exclude=True
    )
    skill_groups: Items[SkillGroup] = Field(default_factory=list)
