"""Generation jobs: what a client asks for, what travels on SQS, and the progress it polls."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from interview_prep.models.common import Boolean, Integer, Timestamp
from interview_prep.models.resume import NoNul


class JobKind(StrEnum):
    INTERVIEW_QUESTIONS = "interview_questions"
    LEARNING_PATH = "learning_path"
    #: An uploaded PDF or DOCX read into a resume (the parse function, not the worker).
    RESUME_UPLOAD = "resume_upload"
    #: One answer to one question, graded (the worker; the result is an answer attempt).
    ANSWER_GRADING = "answer_grading"


#: The kinds the generation worker produces (a result document per job).
GENERATION_KINDS = (JobKind.INTERVIEW_QUESTIONS, JobKind.LEARNING_PATH)


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"

    @property
    def finished(self) -> bool:
        return self in {JobStatus.SUCCEEDED, JobStatus.FAILED}


class Language(StrEnum):
    KO = "ko"
    EN = "en"
    AUTO = "auto"


JobDescription = Annotated[str, Field(min_length=1, max_length=20_000), *NoNul]


class _GenerationRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    language: Language = Language.AUTO
    #: A job posting to tailor to; questions and paths then target the gap to that role.
    job_description: JobDescription | None = None
    #: Generate again even when a result for the same resume and parameters exists.
    force: Boolean = False


class InterviewRequest(_GenerationRequest):
    count: Annotated[Integer, Field(ge=1, le=10)] = 5


class LearningPathRequest(_GenerationRequest):
    path_count: Annotated[Integer, Field(ge=3, le=8)] = 5


class Usage(BaseModel):
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            input_tokens=self.input_tokens + other.input_tokens,
            output_tokens=self.output_tokens + other.output_tokens,
            cost_usd=round(self.cost_usd + other.cost_usd, 6),
        )

    @property
    def tokens(self) -> int:
        return self.input_tokens + self.output_tokens


class JobError(BaseModel):
    code: str
    detail: str


class Job(BaseModel):
    """A job's record and progress, as stored in DynamoDB and returned to its owner."""

    model_config = ConfigDict(extra="ignore")

    job_id: str
    kind: JobKind
    status: JobStatus
    unique_key: str
    parameters: dict[str, Any]
    step: int = 0
    total_steps: int
    percent: int = 0
    message: str = ""
    attempt: int = 0
    next_retry_at: Timestamp | None = None
    provider: str | None = None
    model: str | None = None
    usage: Usage | None = None
    result_url: str | None = None
    error: JobError | None = None
    #: Every provider call made for this job (provider, model, outcome, error class, latency).
    attempts: list[dict[str, Any]] = Field(default_factory=list)
    correlation_id: str | None = None
    #: Identifies interchangeable generations (resume content + parameters + prompt version).
    fingerprint: str | None = None
    #: The job whose stored result answers this one (itself, or an identical earlier job).
    result_job_id: str | None = None
    created_at: Timestamp
    updated_at: Timestamp


class JobAccepted(BaseModel):
    job_id: str
    status: JobStatus
    status_url: str
    result_url: str


class GenerationMessage(BaseModel):
    """The SQS message body. Everything else the worker needs is read from the job record."""

    model_config = ConfigDict(extra="ignore")

    job_id: str
    kind: JobKind
    owner: str
    unique_key: str
    parameters: dict[str, Any] = Field(default_factory=dict)


def is_job_id(value: str) -> bool:
    """Whether ``value`` has the shape of a job id (32 lower-case hex digits)."""
    return len(value) == 32 and all(ch in "0123456789abcdef" for ch in value)
