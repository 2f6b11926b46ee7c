"""JSON Resume (jsonresume.org), schema v1.0.0, as pydantic models: what
``?format=jsonresume`` reads and writes.

The models follow the published schema: the document's top level takes no other keys,
every section's items and ``basics`` do (the schema allows additional properties there),
dates are ISO 8601 (``2021``, ``2021-03`` or ``2021-03-15``) and every field is optional.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from interview_prep.models.resume import Items, NoNul

JSON_RESUME_SCHEMA_URL = (
    "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
)

Text = Annotated[str, Field(max_length=5_000), *NoNul]
Iso8601 = Annotated[
    str,
    Field(
        pattern=r"^([1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]|[1-2][0-9]{3}-[0-1][0-9]|[1-2][0-9]{3})$",
        description="e.g. 2014-06-29, 2014-06 or 2014",
    ),
]
#: ``certificates[].date`` alone is a full date in the schema (``format: date``).
FullDate = Annotated[
    str,
    Field(pattern=r"^[1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]$", json_schema_extra={"format": "date"}),
]
Words = Items[Text]


class _Item(BaseModel):
    """A section's item: unknown properties are allowed (and dropped on import)."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class JsonResumeLocation(_Item):
    address: Text | None = None
    postalCode: Text | None = None
    city: Text | None = None
    countryCode: Text | None = None
    region: Text | None = None


class JsonResumeProfile(_Item):
    network: Text | None = None
    username: Text | None = None
    url: Text | None = None


class JsonResumeBasics(_Item):
    name: Text | None = None
    label: Text | None = None
    image: Text | None = None
    email: Text | None = None
    phone: Text | None = None
    url: Text | None = None
    summary: Text | None = None
    location: JsonResumeLocation | None = None
    profiles: Items[JsonResumeProfile] = Field(default_factory=list)


class JsonResumeDated(_Item):
    startDate: Iso8601 | None = None
    endDate: Iso8601 | None = None


class JsonResumeWork(JsonResumeDated):
    name: Text | None = None
    location: Text | None = None
    description: Text | None = None
    position: Text | None = None
    url: Text | None = None
    summary: Text | None = None
    highlights: Words = Field(default_factory=list)


class JsonResumeVolunteer(JsonResumeDated):
    organization: Text | None = None
    position: Text | None = None
    url: Text | None = None
    summary: Text | None = None
    highlights: Words = Field(default_factory=list)


class JsonResumeEducation(JsonResumeDated):
    institution: Text | None = None
    url: Text | None = None
    area: Text | None = None
    studyType: Text | None = None
    score: Text | None = None
    courses: Words = Field(default_factory=list)


class JsonResumeAward(_Item):
    title: Text | None = None
    date: Iso8601 | None = None
    awarder: Text | None = None
    summary: Text | None = None


class JsonResumeCertificate(_Item):
    name: Text | None = None
    date: FullDate | None = None
    url: Text | None = None
    issuer: Text | None = None


class JsonResumePublication(_Item):
    name: Text | None = None
    publisher: Text | None = None
    releaseDate: Iso8601 | None = None
    url: Text | None = None
    summary: Text | None = None


class JsonResumeSkill(_Item):
    name: Text | None = None
    level: Text | None = None
    keywords: Words = Field(default_factory=list)


class JsonResumeLanguage(_Item):
    language: Text | None = None
    fluency: Text | None = None


class JsonResumeInterest(_Item):
    name: Text | None = None
    keywords: Words = Field(default_factory=list)


class JsonResumeReference(_Item):
    name: Text | None = None
    reference: Text | None = None


class JsonResumeProject(JsonResumeDated):
    name: Text | None = None
    description: Text | None = None
    highlights: Words = Field(default_factory=list)
    keywords: Words = Field(default_factory=list)
    url: Text | None = None
    roles: Words = Field(default_factory=list)
    entity: Text | None = None
    type: Text | None = None


class JsonResumeMeta(_Item):
    canonical: Text | None = None
    version: Text | None = None
    lastModified: Text | None = None


class JsonResume(BaseModel):
    """A JSON Resume v1.0.0 document."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        title="JsonResume",
        json_schema_extra={
            "description": "A JSON Resume v1.0.0 document (jsonresume.org); send it with "
            "?format=jsonresume.",
            "examples": [
                {
                    "basics": {"name": "Jiwoo Han", "email": "jiwoo@example.com"},
                    "work": [
                        {
                            "name": "PayLab",
                            "position": "Backend Engineer",
                            "startDate": "2021-03",
                            "highlights": ["Cut p95 latency by 70%"],
                        }
                    ],
                    "skills": [{"name": "Backend", "keywords": ["Java", "Spring Boot"]}],
                }
            ],
        },
    )

    schema_: Text | None = Field(
        default=None,
        alias="$schema",
        validation_alias=AliasChoices("$schema", "schema_"),
        serialization_alias="$schema",
    )
    basics: JsonResumeBasics | None = None
    work: Items[JsonResumeWork] = Field(default_factory=list)
    volunteer: Items[JsonResumeVolunteer] = Field(default_factory=list)
    education: Items[JsonResumeEducation] = Field(default_factory=list)
    awards: Items[JsonResumeAward] = Field(default_factory=list)
    certificates: Items[JsonResumeCertificate] = Field(default_factory=list)
    publications: Items[JsonResumePublication] = Field(default_factory=list)
    skills: Items[JsonResumeSkill] = Field(default_factory=list)
    languages: Items[JsonResumeLanguage] = Field(default_factory=list)
    interests: Items[JsonResumeInterest] = Field(default_factory=list)
    references: Items[JsonResumeReference] = Field(default_factory=list)
    projects: Items[JsonResumeProject] = Field(default_factory=list)
    meta: JsonResumeMeta | None = None
