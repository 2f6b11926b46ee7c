"""Settings read once per container from the environment (one place, one schema)."""

from __future__ import annotations

import json
from functools import cache
from typing import Annotated

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from interview_prep import contract

#: Key of the local demo owner. Only the local stack uses it; a deployment sets ``API_KEYS``.
LOCAL_DEMO_API_KEY = "local-demo-key"


class Settings(BaseSettings):
    """Runtime configuration. Every field maps to an upper-case environment variable."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    stage: str = "local"

    mongodb_url: str = "mongodb://127.0.0.1:27017/?directConnection=true"
    #: Secrets Manager secret holding the connection string (wins over ``mongodb_url``).
    mongodb_url_secret_name: str = ""
    mongodb_database: str = "interview_prep"
    mongodb_timeout_ms: Annotated[int, Field(ge=100, le=30_000)] = 3_000
    mongodb_max_pool_size: Annotated[int, Field(ge=1, le=100)] = 5

    #: Keys the local stack registers on start (hashed on the way in), and what
    #: ``python -m interview_prep.keys import`` migrates: API key -> owner id, a JSON object
    #: such as ``{"k1": "alice"}``. The functions never read it: keys live in the keys table.
    api_keys: dict[str, str] = Field(default_factory=lambda: {LOCAL_DEMO_API_KEY: "demo"})
    #: Secrets Manager secret holding the same JSON object (the import's source).
    api_keys_secret_name: str = ""
    #: Hashed API keys, owners with their quota overrides, and the quota windows.
    keys_table: str = "interview-prep-keys"
    #: The API Gateway usage plan each owner's usage key joins (the key command); empty
    #: where there is no API Gateway (the local stack).
    usage_plan_id: str = ""

    #: Generations an owner may start per window; 0 = unlimited. Owners may override them.
    quota_questions_per_hour: Annotated[int, Field(ge=0)] = 10
    quota_learning_paths_per_day: Annotated[int, Field(ge=0)] = 20
    #: Answer gradings (each graded answer, follow-ups included).
    quota_gradings_per_hour: Annotated[int, Field(ge=0)] = 60
    #: Uploaded resumes parsed (each parse may call a model).
    quota_uploads_per_hour: Annotated[int, Field(ge=0)] = 20

    #: The private bucket uploaded resume files go to, and the queue its events reach.
    uploads_bucket: str = "interview-prep-uploads"
    upload_queue_url: str = ""
    #: How long an upload URL accepts the file; the job fails ``UPLOAD_EXPIRED`` if none
    #: arrived by then, checked by a message delayed this long plus the grace period (an
    #: upload begun in the URL's last second still finishes, its S3 event still arrives).
    #: Together at most SQS's longest delay (900 s).
    upload_url_seconds: Annotated[int, Field(ge=1)] = 600
    upload_check_grace_seconds: Annotated[int, Field(ge=0)] = 30

    max_body_bytes: Annotated[int, Field(ge=1_024)] = 256 * 1024
    page_size_default: Annotated[int, Field(ge=1, le=100)] = 20

    #: Origins allowed by CORS; empty means same-origin only.
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)

    jobs_table: str = "interview-prep-jobs"
    idempotency_table: str = "interview-prep-idempotency"
    #: Shared state of all worker instances (circuit breakers).
    state_table: str = "interview-prep-state"
    generation_queue_url: str = ""
    #: Must equal the queue's redrive ``maxReceiveCount``: the last receive fails the job.
    max_receive_count: Annotated[int, Field(ge=1, le=100)] = contract.MAX_RECEIVE_COUNT
    job_ttl_days: Annotated[int, Field(ge=1, le=365)] = 7
    #: Retry delays (seconds): exponential with jitter from the base, capped; error-specific.
    retry_base_seconds: Annotated[float, Field(ge=0)] = 10
    retry_max_seconds: Annotated[float, Field(ge=0, le=43_200)] = 900
    retry_rate_limited_seconds: Annotated[float, Field(ge=0, le=43_200)] = 300
    retry_unavailable_seconds: Annotated[float, Field(ge=0, le=43_200)] = 60
    #: The worker starts no provider call with less Lambda time left than this.
    worker_min_remaining_ms: Annotated[int, Field(ge=0)] = 15_000
    #: Upper bound of ``?wait=N``; the contract's maximum keeps the wait, plus its safety
    #: margin, inside the waiting functions' timeout (and so inside API Gateway's 29 s).
    max_wait_seconds: Annotated[int, Field(ge=0, le=contract.MAX_WAIT_SECONDS)] = (
        contract.MAX_WAIT_SECONDS
    )
    #: Tokens the resume may take in a prompt; the least important parts are trimmed first.
    prompt_resume_token_budget: Annotated[int, Field(ge=500, le=100_000)] = 6_000

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @model_validator(mode="after")
    def _upload_check_fits_a_delay(self) -> Settings:
        total = self.upload_url_seconds + self.upload_check_grace_seconds
        if total > contract.SQS_MAX_DELAY_SECONDS:
            raise ValueError(
                "UPLOAD_URL_SECONDS + UPLOAD_CHECK_GRACE_SECONDS must be at most "
                f"{contract.SQS_MAX_DELAY_SECONDS} (SQS's longest message delay), not {total}"
            )
        return self

    @field_validator("api_keys")
    @classmethod
    def _no_blank_keys(cls, value: dict[str, str]) -> dict[str, str]:
        return parse_api_keys(value)


class ConfigurationError(RuntimeError):
    """A deployed function lacks a setting it cannot work without (raised at cold start)."""


#: What each function cannot work without outside the local stack: alternatives (any one
#: of them set) and what they are for. The local stack's embedded defaults need none.
_NEEDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "mongodb": ("the MongoDB connection", ("mongodb_url_secret_name", "mongodb_url")),
    "keys": ("the API key table", ("keys_table",)),
    "queue": ("the generation queue", ("generation_queue_url",)),
    "jobs": ("the jobs table", ("jobs_table",)),
    "uploads": ("the uploads bucket", ("uploads_bucket",)),
    "upload_queue": ("the upload queue", ("upload_queue_url",)),
}
FUNCTION_NEEDS: dict[str, tuple[str, ...]] = {
    "authorizer": ("keys",),
    "resumes": ("mongodb", "keys", "jobs", "uploads", "upload_queue"),
    "interview": ("mongodb", "keys", "jobs", "queue"),
    "learning": ("mongodb", "keys", "jobs", "queue"),
    "jobs": ("mongodb", "jobs"),
    "worker": ("mongodb", "jobs", "queue"),
    "parser": ("mongodb", "jobs", "uploads", "upload_queue"),
}


def check_settings(function: str, settings: Settings | None = None) -> Settings:
    """Fail at cold start, naming the environment variables, when a deployed function lacks
    what it needs; a request would otherwise fail later, and less clearly."""
    settings = settings or get_settings()
    if settings.stage == "local":
        return settings
    missing = [
        f"{' or '.join(name.upper() for name in names)} ({purpose})"
        for need in FUNCTION_NEEDS.get(function, ())
        for purpose, names in [_NEEDS[need]]
        if not any(name in settings.model_fields_set and getattr(settings, name) for name in names)
    ]
    if missing:
        raise ConfigurationError(
            f"the {function} function (stage {settings.stage!r}) needs " + "; ".join(missing)
        )
    return settings


def parse_api_keys(value: object) -> dict[str, str]:
    """Validate an API key table: a JSON object of non-empty key -> non-empty owner id."""
    if isinstance(value, str | bytes):
        value = json.loads(value)
    if not isinstance(value, dict) or not all(
        isinstance(key, str) and isinstance(owner, str) and key.strip() and owner.strip()
        for key, owner in value.items()
    ):
        raise ValueError("the API key table must map non-empty keys to non-empty owner ids")
    return dict(value)


@cache
def get_settings() -> Settings:
    """The container's settings, parsed on first use."""
    return Settings()
