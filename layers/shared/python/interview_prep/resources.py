"""AWS resources the service relies on, described once: the CDK app and the local stack
(moto) create them from these descriptions."""

from __future__ import annotations

from dataclasses import dataclass

from interview_prep.contract import MAX_RECEIVE_COUNT, UPLOAD_PREFIX, UPLOAD_RETENTION_DAYS


@dataclass(frozen=True)
class TableSpec:
    setting: str  # Settings field holding the physical name
    partition_key: str
    ttl_attribute: str | None = None


@dataclass(frozen=True)
class QueueSpec:
    setting: str
    dead_letter_name_suffix: str = "-dlq"
    max_receive_count: int = MAX_RECEIVE_COUNT


JOBS_TABLE = TableSpec(setting="jobs_table", partition_key="job_id", ttl_attribute="expires_at")
#: Powertools idempotency records (its default attribute names).
IDEMPOTENCY_TABLE = TableSpec(
    setting="idempotency_table", partition_key="id", ttl_attribute="expiration"
)
#: Circuit-breaker (and future rate-limit) state shared by every worker instance.
STATE_TABLE = TableSpec(setting="state_table", partition_key="pk", ttl_attribute="expires_at")
#: Hashed API keys (``key#<key id>``), owners (``owner#<owner>``: their key ids, quota
#: overrides and usage-plan key) and per-owner quota windows (``quota#<owner>#<limit>``).
KEYS_TABLE = TableSpec(setting="keys_table", partition_key="pk", ttl_attribute="expires_at")
TABLES = (JOBS_TABLE, IDEMPOTENCY_TABLE, STATE_TABLE, KEYS_TABLE)


@dataclass(frozen=True)
class BucketSpec:
    setting: str
    #: Where objects the service waits for are written (and what S3 notifies about).
    prefix: str
    #: A lifecycle rule deletes anything older (a backstop: the reader deletes each file).
    expire_days: int


GENERATION_QUEUE = QueueSpec(setting="generation_queue_url")
#: S3 "object created" events of the uploads bucket, and the upload expiry checks.
UPLOAD_QUEUE = QueueSpec(setting="upload_queue_url")
QUEUES = (GENERATION_QUEUE, UPLOAD_QUEUE)

#: Uploaded resume files, private, each deleted once parsed.
UPLOADS_BUCKET = BucketSpec(
    setting="uploads_bucket", prefix=UPLOAD_PREFIX, expire_days=UPLOAD_RETENTION_DAYS
)
BUCKETS = (UPLOADS_BUCKET,)


def stage_prefix(stage: str) -> str:
    """What every resource name of a deployed stage starts with."""
    return f"interview-prep-{stage}"


def table_name(spec: TableSpec, stage: str) -> str:
    """The physical name the CDK app gives ``spec``'s table in ``stage``."""
    return f"{stage_prefix(stage)}-{spec.setting.removesuffix('_table')}"
