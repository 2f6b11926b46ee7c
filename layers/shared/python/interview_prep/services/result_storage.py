"""What the worker stores for a finished generation: the gate's last word on the output,
reshaped into the stored result document."""

from __future__ import annotations

from typing import Any

from interview_prep.generation.analysis import content_hash
from interview_prep.generation.quality import SCHEMAS
from interview_prep.generation.requests import Prepared
from interview_prep.llm.base import GenerationResult
from interview_prep.models import ResumeIn
from interview_prep.models.jobs import Job, JobKind
from interview_prep.repositories import mongo
from interview_prep.services.failures import FAILURE_CODES, TransientFailure


def validated_output(job: Job, prepared: Prepared, output: GenerationResult) -> dict[str, Any]:
    """The last guard: whatever produced the answer, the gate decides what is stored."""
    review = prepared.request.problems(output.data)
    if review is not None:
        raise TransientFailure(
            FAILURE_CODES[job.kind], f"{output.provider} returned output that breaks {review.rules}"
        )
    data = SCHEMAS[job.kind].model_validate(output.data).model_dump(mode="json")
    if job.kind is JobKind.INTERVIEW_QUESTIONS:
        return {"questions": data["questions"]}
    return {
        "analysis": data["analysis"],
        "summary": data["summary"],
        "learning_paths": data["paths"],
    }


def result_document(
    job: Job,
    owner: str,
    resume: ResumeIn,
    prepared: Prepared,
    output: GenerationResult,
    content: dict[str, Any],
) -> dict[str, Any]:
    now = mongo.now()
    return {
        **content,
        "job_id": job.job_id,
        "owner": owner,
        "unique_key": job.unique_key,
        "kind": job.kind.value,
        "provider": output.provider,
        "model": output.model,
        "prompt_version": prepared.prompt.version,
        "language": prepared.request.language,
        "usage": output.usage.model_dump(),
        "resume_hash": content_hash(resume),
        "fingerprint": job.fingerprint,
        "created_at": now,
        "listing_position": mongo.listing_position(now),
    }
