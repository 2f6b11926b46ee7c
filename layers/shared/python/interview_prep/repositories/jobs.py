"""Jobs and their progress in DynamoDB.

Every progress write is conditional: a job only moves forward and never leaves a final
state, except through an explicit redrive (``requeue``). Besides jobs, the table holds
two kinds of pointer items, told apart by their key prefix:
``active#…`` (the job running for one resume + kind + parameters, for collapsing
duplicates) and ``latest#…`` (the last job started for one resume + kind).
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from interview_prep import aws
from interview_prep.config import get_settings
from interview_prep.errors import JobStoreUnavailableError
from interview_prep.models.jobs import Job, JobStatus, Usage
from interview_prep.ports import Claim, StoredJob
from interview_prep.repositories.dynamo import (
    Refused,
    conditional,
    decimals,
    now_iso,
    plain,
    store_errors,
)

TOTAL_STEPS = 5
_ACTIVE = (JobStatus.QUEUED.value, JobStatus.RUNNING.value)


_store_errors = store_errors(JobStoreUnavailableError)


class JobRepository:
    @property
    def table(self) -> Any:
        return aws.table(get_settings().jobs_table)

    def expires_at(self) -> int:
        return int(time.time()) + get_settings().job_ttl_days * 86_400

    # --- jobs ----------------------------------------------------------------------------

    @_store_errors
    def create(self, job: Job, owner: str) -> None:
        item = {**job.model_dump(mode="json"), "owner": owner, "expires_at": self.expires_at()}
        self.table.put_item(Item=item, ConditionExpression="attribute_not_exists(job_id)")

    @_store_errors
    def get(self, job_id: str) -> StoredJob | None:
        item = self.table.get_item(Key={"job_id": job_id}, ConsistentRead=True).get("Item")
        if not item or "kind" not in item:
            return None
        found = plain(item)
        return StoredJob(Job.model_validate(found), str(found["owner"]))

    def get_for_owner(self, owner: str, job_id: str) -> Job | None:
        found = self.get(job_id)
        return found.job if found and found.owner == owner else None

    @_store_errors
    def _update(self, job_id: str, values: dict[str, Any], condition: str, **extra: Any) -> bool:
        names = {f"#{key}": key for key in values}
        names |= {f"#{key}": key for key in ("status", "step") if f"#{key}" in condition}
        attribute_values = {f":{key}": value for key, value in values.items()} | extra
        try:
            with conditional():
                self.table.update_item(
                    Key={"job_id": job_id},
                    UpdateExpression="SET " + ", ".join(f"#{key} = :{key}" for key in values),
                    ConditionExpression=condition,
                    ExpressionAttributeNames=names,
                    ExpressionAttributeValues=attribute_values,
                )
        except Refused:
            return False
        return True

    def advance(self, job_id: str, step: int, message: str, attempt: int) -> bool:
        """Record a finished step; refused if it would move progress backwards."""
        values = {
            "status": JobStatus.RUNNING.value,
            "step": step,
            "percent": round(step * 100 / TOTAL_STEPS),
            "message": message,
            "attempt": attempt,
            "next_retry_at": None,
            "updated_at": now_iso(),
        }
        return self._update(
            job_id,
            values,
            "#status IN (:queued, :running_state) AND #step <= :step",
            **{":queued": _ACTIVE[0], ":running_state": _ACTIVE[1]},
        )

    def schedule_retry(
        self,
        job_id: str,
        attempt: int,
        retry_at: datetime,
        message: str,
        attempts: list[dict[str, Any]] | None = None,
    ) -> bool:
        values = {
            "status": JobStatus.RUNNING.value,
            "attempt": attempt,
            "next_retry_at": retry_at.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "message": message,
            "updated_at": now_iso(),
        }
        return self._finish_or_progress(job_id, values, attempts)

    def succeed(
        self,
        job_id: str,
        provider: str,
        model: str,
        usage: Usage,
        message: str,
        attempts: list[dict[str, Any]] | None = None,
    ) -> bool:
        values = {
            "status": JobStatus.SUCCEEDED.value,
            "step": TOTAL_STEPS,
            "percent": 100,
            "message": message,
            "provider": provider,
            "model": model,
            "usage": usage.model_dump(),
            "next_retry_at": None,
            "updated_at": now_iso(),
        }
        return self._finish_or_progress(job_id, values, attempts)

    def fail(
        self, job_id: str, code: str, detail: str, attempts: list[dict[str, Any]] | None = None
    ) -> bool:
        values = {
            "status": JobStatus.FAILED.value,
            "message": detail,
            "error": {"code": code, "detail": detail},
            "next_retry_at": None,
            "updated_at": now_iso(),
        }
        return self._finish_or_progress(job_id, values, attempts)

    def _finish_or_progress(
        self, job_id: str, values: dict[str, Any], attempts: list[dict[str, Any]] | None
    ) -> bool:
        """Update a job that is still active (queued or running); a finished one stays."""
        if attempts:
            values = {**values, "attempts": attempts}
        return self._update(
            job_id,
            decimals(values),
            "#status IN (:queued, :running_state)",
            **{":queued": _ACTIVE[0], ":running_state": _ACTIVE[1]},
        )

    def requeue(self, job_id: str) -> bool:
        """Explicit redrive: a failed job starts a new attempt from the beginning."""
        values = {
            "status": JobStatus.QUEUED.value,
            "step": 0,
            "percent": 0,
            "message": "Queued again by redrive",
            "error": None,
            "next_retry_at": None,
            "updated_at": now_iso(),
        }
        return self._update(job_id, values, "#status = :failed", **{":failed": "failed"})

    # --- pointers ------------------------------------------------------------------------

    @_store_errors
    def claim_active(self, lock_id: str, job_id: str) -> Claim:
        """Claim ``lock_id`` for ``job_id``, or say which job holds it."""
        if self._put_lock(lock_id, job_id, "attribute_not_exists(job_id)"):
            return Claim(acquired=True)
        item = self.table.get_item(Key={"job_id": lock_id}, ConsistentRead=True).get("Item")
        return Claim(acquired=False, holder=str(item["active_job_id"]) if item else None)

    @_store_errors
    def take_over_active(self, lock_id: str, job_id: str, previous: str) -> bool:
        """Replace a stale claim (its job already finished) — only if nobody else did."""
        return self._put_lock(lock_id, job_id, "active_job_id = :previous", {":previous": previous})

    def _put_lock(
        self, lock_id: str, job_id: str, condition: str, values: dict[str, str] | None = None
    ) -> bool:
        item = {"job_id": lock_id, "active_job_id": job_id, "expires_at": self.expires_at()}
        extra = {"ExpressionAttributeValues": values} if values else {}
        try:
            with conditional():
                self.table.put_item(Item=item, ConditionExpression=condition, **extra)
        except Refused:
            return False
        return True

    @_store_errors
    def release_active(self, lock_id: str, job_id: str) -> None:
        try:
            with conditional():
                self.table.delete_item(
                    Key={"job_id": lock_id},
                    ConditionExpression="active_job_id = :job",
                    ExpressionAttributeValues={":job": job_id},
                )
        except Refused:
            pass  # another job holds it now

    @_store_errors
    def set_latest(self, pointer_id: str, job_id: str) -> None:
        self.table.put_item(
            Item={"job_id": pointer_id, "latest_job_id": job_id, "expires_at": self.expires_at()}
        )

    @_store_errors
    def latest(self, pointer_id: str) -> str | None:
        item = self.table.get_item(Key={"job_id": pointer_id}, ConsistentRead=True).get("Item")
        return str(item["latest_job_id"]) if item else None

    @_store_errors
    def ping(self) -> None:
        aws.dynamodb().describe_table(TableName=get_settings().jobs_table)
