"""What generation produces: typed questions and learning paths, and the stored results."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from interview_prep.models.common import Page, Timestamp
from interview_prep.models.jobs import Language, Usage

Text = Annotated[str, Field(min_length=1, max_length=2_000)]


class QuestionType(StrEnum):
    IMPLEMENTATION = "Implementation"
    TRADE_OFF = "Trade-off"
    PERFORMANCE = "Performance"
    RELIABILITY = "Reliability"
    SCALABILITY = "Scalability"
    QUALITY = "Quality"
    COLLABORATION = "Collaboration"
    BUSINESS = "Business"


class Difficulty(StrEnum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


class _Output(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Output):
    """Where in the resume a question or path comes from, with a short quote from there."""

    source: Annotated[
        str,
        Field(
            min_length=1,
            max_length=200,
            description="Path of the resume element, e.g. `work_experiences[0]`, "
            "`personal_projects[1]`, `summary` or `technical_skills`.",
        ),
    ]
    quote: Annotated[
        str,
        Field(
            min_length=2,
            max_length=300,
            description="A short verbatim quote from that element.",
        ),
    ]


class InterviewQuestion(_Output):
    id: Annotated[str, Field(pattern=r"^q([1-9]|10)$", description="`q1`, `q2`, ... in order.")]
    type: QuestionType
    difficulty: Difficulty
    topic: Annotated[str, Field(min_length=1, max_length=200)]
    question: Text
    what_good_answers_cover: Annotated[list[Text], Field(min_length=2, max_length=4)]
    evidence: Evidence


class InterviewQuestionSet(_Output):
    questions: Annotated[list[InterviewQuestion], Field(min_length=1, max_length=10)]


class LearningAnalysis(_Output):
    """What the learning path builds on: the candidate's strengths and gaps."""

    strengths: Annotated[list[Text], Field(min_length=1, max_length=8)]
    weaknesses: Annotated[list[Text], Field(min_length=1, max_length=8)]


class LearningPathItem(_Output):
    type: Literal["strength", "weakness"]
    title: Annotated[str, Field(min_length=1, max_length=200)]
    description: Text
    reason: Text
    resources: Annotated[list[Text], Field(min_length=2, max_length=8)]
    link: Annotated[str, Field(pattern=r"^https://\S+$", max_length=2_048)]
    evidence: Evidence


class LearningPathSet(_Output):
    analysis: LearningAnalysis
    summary: Text
    paths: Annotated[list[LearningPathItem], Field(min_length=3, max_length=8)]


class _Result(BaseModel):
    model_config = ConfigDict(extra="ignore")

    job_id: str
    unique_key: str
    provider: str
    model: str
    prompt_version: str
    language: Language
    usage: Usage
    created_at: Timestamp
    #: True when the resume changed after this was generated.
    stale: bool = False


class StoredQuestion(InterviewQuestion):
    """A question as stored: results from before ``id`` and ``evidence`` existed still load."""

    model_config = ConfigDict(extra="ignore")

    id: str | None = None  # type: ignore[assignment]
    what_good_answers_cover: list[Text]
    evidence: Evidence | None = None  # type: ignore[assignment]


class StoredPath(LearningPathItem):
    """A learning path as stored (earlier results may lack ``evidence`` or a second resource)."""

    model_config = ConfigDict(extra="ignore")

    resources: list[Text]
    evidence: Evidence | None = None  # type: ignore[assignment]


class InterviewResult(_Result):
    questions: list[StoredQuestion]


class LearningPathResult(_Result):
    analysis: LearningAnalysis | None = None
    summary: str | None = None
    learning_paths: list[StoredPath]


class InterviewHistory(Page[InterviewResult]):
    """Question sets generated for one resume, newest first."""


class LearningPathHistory(Page[LearningPathResult]):
    """Learning paths generated for one resume, newest first."""
