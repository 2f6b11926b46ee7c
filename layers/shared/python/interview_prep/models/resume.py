"""The resume document, with field names exactly as the original service's example."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    HttpUrl,
    TypeAdapter,
    model_validator,
)

from interview_prep.models.common import Integer, Page, Timestamp

#: Fields the server owns; a client may send them back (GET-edit-PUT) and they are ignored.
SERVER_MANAGED_FIELDS = frozenset({"unique_key", "owner", "created_at", "updated_at", "_id"})

_HTTP_URL: TypeAdapter[HttpUrl] = TypeAdapter(HttpUrl)
T = TypeVar("T")


def _http_url(value: str) -> str:
    """Check for an http(s) URL but keep the text as written (no normalisation on round trips)."""
    _HTTP_URL.validate_python(value)
    return value


def no_nul(value: str) -> str:
    """NUL is no character a resume has; MongoDB cannot even store it in a key."""
    if "\x00" in value:
        raise ValueError("must not contain the NUL character (\\u0000)")
    return value


#: Text fields reject NUL, and say so in their schema.
NoNul = (AfterValidator(no_nul), Field(json_schema_extra={"pattern": "^[^\\u0000]*$"}))


def _none_as_empty(value: object) -> object:
    return [] if value is None else value


def _also_null(schema: dict[str, Any]) -> None:
    """Document that the field also takes ``null`` (read as empty), as validation does."""
    kept: dict[str, Any] = {
        key: schema.pop(key) for key in ("title", "description", "default") if key in schema
    }
    value = dict(schema)
    schema.clear()
    schema.update(kept, anyOf=[value, {"type": "null"}])


ShortText = Annotated[str, Field(min_length=1, max_length=300), *NoNul]
LongText = Annotated[str, Field(min_length=1, max_length=5_000), *NoNul]
Url = Annotated[
    str,
    Field(max_length=2_048, json_schema_extra={"format": "uri"}),
    *NoNul,
    AfterValidator(_http_url),
]
#: A list that may be missing or null in the input; stored as an empty list.
Items = Annotated[
    list[T],
    BeforeValidator(_none_as_empty),
    Field(max_length=100, json_schema_extra=_also_null),
]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Contact(_Part):
    phone: ShortText | None = None
    email: EmailStr | None = None
    github: Url | None = None
    linkedin: Url | None = None
    portfolio: Url | None = None


class WorkExperience(_Part):
    company: ShortText | None = None
    position: ShortText | None = None
    duration: ShortText | None = None
    project_name: ShortText | None = None
    project_description: LongText | None = None
    tech_stack: Items[ShortText] = Field(default_factory=list)
    achievements: Items[LongText] = Field(default_factory=list)
    team_size: Annotated[Integer, Field(ge=1, le=100_000)] | None = None


class PersonalProject(_Part):
    name: ShortText | None = None
    duration: ShortText | None = None
    description: LongText | None = None
    tech_stack: Items[ShortText] = Field(default_factory=list)
    github_url: Url | None = None
    demo_url: Url | None = None
    key_achievements: Items[LongText] = Field(default_factory=list)
    architecture_highlights: Items[LongText] = Field(default_factory=list)


class Certification(_Part):
    name: ShortText | None = None
    issuer: ShortText | None = None
    issue_date: ShortText | None = None
    expiry_date: ShortText | None = None
    credential_url: Url | None = None


class Activity(_Part):
    type: ShortText | None = None
    name: ShortText | None = None
    description: LongText | None = None
    period: ShortText | None = None
    achievements: Items[LongText] = Field(default_factory=list)
    url: Url | None = None


class Education(_Part):
    institution: ShortText | None = None
    degree: ShortText | None = None
    major: ShortText | None = None
    period: ShortText | None = None
    status: ShortText | None = None


def _none_as_empty_map(value: object) -> object:
    return {} if value is None else value


def _skills_schema(schema: dict[str, Any]) -> None:
    # pydantic writes a map's size limit as maxLength; JSON Schema's word is maxProperties
    if "maxLength" in schema:
        schema["maxProperties"] = schema.pop("maxLength")
    _also_null(schema)


class ResumeBase(_Part):
    name: Annotated[str, Field(min_length=1, max_length=200), *NoNul]
    contact: Contact | None = None
    summary: LongText | None = None
    total_experience_months: Annotated[Integer, Field(ge=0, le=1_200)] | None = None
    work_experiences: Items[WorkExperience] = Field(default_factory=list)
    personal_projects: Items[PersonalProject] = Field(default_factory=list)
    #: Open map of skill group -> skills (e.g. ``frameworks: [Spring Boot, FastAPI]``).
    technical_skills: Annotated[
        dict[ShortText, Items[ShortText]],
        BeforeValidator(_none_as_empty_map),
        Field(max_length=50, json_schema_extra=_skills_schema),
    ] = Field(default_factory=dict)
    certifications: Items[Certification] = Field(default_factory=list)
    activities: Items[Activity] = Field(default_factory=list)
    education: Items[Education] = Field(default_factory=list)


class ResumeIn(ResumeBase):
    """A resume as a client sends it (POST and PUT)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "Jiwoo Han", "total_experience_months": 30}]}
    )

    @model_validator(mode="before")
    @classmethod
    def _ignore_server_managed(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if key not in SERVER_MANAGED_FIELDS}
        return data


class Resume(ResumeBase):
    """A stored resume as the API returns it."""

    model_config = ConfigDict(extra="ignore")

    unique_key: str
    owner: str
    created_at: Timestamp
    updated_at: Timestamp


class ResumePage(Page[Resume]):
    """One page of the caller's resumes, newest first."""
