"""What identifies a generation: its fingerprint (for reuse), its active lock (one job at a
time per resume, kind and parameters) and the pointer to the latest job."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from interview_prep.errors import TaskQueueError
from interview_prep.generation.analysis import content_hash
from interview_prep.generation.prompts import prompt_version
from interview_prep.models import ResumeIn
from interview_prep.models.jobs import Job, JobKind
from interview_prep.ports import JobStore

#: Claim attempts before the caller is asked to retry (the lock kept changing hands).
CLAIM_ATTEMPTS = 3


def _relevant(parameters: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in parameters.items() if key != "force"}


def fingerprint(
    resume: ResumeIn, kind: JobKind, parameters: dict[str, Any], practice: list[str] | None = None
) -> str:
    """What makes two generations interchangeable: resume content, parameters, prompt
    version and, for a learning path, the graded attempts it read (``practice``)."""
    parts: list[Any] = [content_hash(resume), kind, _relevant(parameters), prompt_version(kind)]
    if practice:
        parts.append(practice)
    material = json.dumps(parts, sort_keys=True)
    return hashlib.sha256(material.encode()).hexdigest()


def active_lock_id(owner: str, unique_key: str, kind: JobKind, parameters: dict[str, Any]) -> str:
    material = json.dumps([owner, unique_key, kind, _relevant(parameters)], sort_keys=True)
    return "active#" + hashlib.sha256(material.encode()).hexdigest()


def job_lock_id(owner: str, job: Job) -> str:
    return active_lock_id(owner, job.unique_key, job.kind, job.parameters)


def latest_pointer_id(owner: str, unique_key: str, kind: JobKind) -> str:
    return "latest#" + hashlib.sha256(json.dumps([owner, unique_key, kind]).encode()).hexdigest()


def claim(jobs: JobStore, lock_id: str, job_id: str) -> Job | None:
    """Take the lock for ``job_id``; returns the unfinished job already holding it, or None
    once ``job_id`` holds it. A holder that finished (a stale lock) is taken over."""
    for _ in range(CLAIM_ATTEMPTS):
        outcome = jobs.claim_active(lock_id, job_id)
        if outcome.acquired:
            return None
        if outcome.holder is None:
            continue  # released between our claim and our read: claim again
        found = jobs.get(outcome.holder)
        if found is not None and not found.job.status.finished:
            return found.job
        if jobs.take_over_active(lock_id, job_id, outcome.holder):
            return None
    raise TaskQueueError(job_id)
