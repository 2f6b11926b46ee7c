"""The grading job on the worker: one answer graded through the provider chain, stored as
an attempt with its follow-up.

question found -> answer read -> graded -> checked -> stored, with progress after each
step. The follow-up gets the next free id under its parent (``q3.f1``, ``q3.f2`` for a
second attempt at ``q3``); a grading that races another for the same id takes the next.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from interview_prep.config import get_settings
from interview_prep.errors import AppError, ErrorCode
from interview_prep.grading.context import GradingTask
from interview_prep.grading.requests import grading_request, prompt_version
from interview_prep.llm.base import GenerationRequest, GenerationResult, Provider
from interview_prep.models import ResumeIn
from interview_prep.models.jobs import Job, JobKind, Usage
from interview_prep.models.practice import Grading
from interview_prep.ports import AttemptStore, DeliveryQueue, JobStore, ResultStore, ResumeStore
from interview_prep.repositories import mongo
from interview_prep.repositories.attempts import follow_up_key
from interview_prep.services.failures import FAILURE_CODES, PermanentFailure, TransientFailure
from interview_prep.services.job_runner import Delivery, JobRunner
from interview_prep.services.practice import Asked, QuestionFinder
from interview_prep.services.retry import RetryPolicy

KIND = JobKind.ANSWER_GRADING
#: Follow-up ids tried when other gradings took the next one meanwhile.
FOLLOW_UP_ID_TRIES = 5


def project_names(resume: ResumeIn) -> tuple[str, ...]:
    """The candidate's own projects and workplaces, as the resume names them."""
    names = [w.project_name or w.company for w in resume.work_experiences]
    names += [project.name for project in resume.personal_projects]
    return tuple(name for name in dict.fromkeys(names) if name)


class GradingWorker(JobRunner):
    def __init__(
        self,
        jobs: JobStore,
        queue: DeliveryQueue,
        results: ResultStore,
        attempts: AttemptStore,
        resumes: ResumeStore,
        provider: Callable[[], Provider] | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        super().__init__(jobs, queue, provider, retry)
        self.results = results
        self.attempts = attempts
        self.resumes = resumes
        self.questions = QuestionFinder(results, attempts)

    def grade(self, job: Job, owner: str, delivery: Delivery) -> None:
        self.run(job, owner, delivery, lambda: self._steps(job, owner, delivery))

    def _steps(self, job: Job, owner: str, delivery: Delivery) -> None:
        attempt = delivery.receive_count
        asked = self._question(job, owner)
        self._step(job, 1, "Question loaded", attempt)

        resume = self.resumes.get(owner, job.unique_key)
        if resume is None:
            raise PermanentFailure(
                ErrorCode.RESUME_NOT_FOUND, "The resume was deleted before grading started."
            )
        content = ResumeIn.model_validate(resume.model_dump(mode="json"))
        task = GradingTask(asked.question, str(job.parameters["answer"]), project_names(content))
        self._step(job, 2, "Answer read", attempt)

        stored = self.results.by_job(KIND, owner, job.job_id)
        if stored is not None:  # stored by an earlier attempt that died before finishing
            usage = Usage.model_validate(stored.get("usage", {}))
            self._succeed(job, stored["provider"], stored["model"], usage, ())
            return

        self._ensure_time(delivery)
        seconds_left = (delivery.remaining_ms() - get_settings().worker_min_remaining_ms) / 1000
        request = grading_request(task, time.monotonic() + seconds_left)
        output = self._generate(KIND, request)
        self._step(job, 3, f"Graded by {output.provider}", attempt)

        grading = self._checked(request, output)
        self._step(job, 4, "Grading checked", attempt)

        self._store(job, owner, asked, task, grading, output)
        self._succeed(job, output.provider, output.model, output.usage, output.attempts)

    def _question(self, job: Job, owner: str) -> Asked:
        set_id, question_id = str(job.parameters["set_id"]), str(job.parameters["question_id"])
        try:
            return self.questions.find(owner, job.unique_key, set_id, question_id)
        except AppError as error:
            if error.code in {ErrorCode.INTERVIEW_NOT_FOUND, ErrorCode.QUESTION_NOT_FOUND}:
                raise PermanentFailure(error.code, error.detail) from error
            raise

    @staticmethod
    def _checked(request: GenerationRequest, output: GenerationResult) -> Grading:
        """The last guard: whatever graded, the gate decides what is stored."""
        review = request.problems(output.data)
        if review is not None:
            detail = f"{output.provider} returned a grading that breaks {review.rules}"
            raise TransientFailure(FAILURE_CODES[KIND], detail)
        return Grading.model_validate(output.data)

    def _store(
        self,
        job: Job,
        owner: str,
        asked: Asked,
        task: GradingTask,
        grading: Grading,
        output: GenerationResult,
    ) -> None:
        question = asked.question
        taken = self.attempts.answered(owner, job.unique_key, asked.set_id, question.id)
        for number in range(taken + 1, taken + 1 + FOLLOW_UP_ID_TRIES):
            follow_up_id = f"{question.id}.f{number}"
            document = attempt_document(job, owner, asked, task, grading, output, follow_up_id)
            if self.results.insert(KIND, document):
                return
            if self.results.by_job(KIND, owner, job.job_id) is not None:
                return  # stored by a twin delivery
        raise TransientFailure(FAILURE_CODES[KIND], "Could not allot a follow-up id; retrying.")


def attempt_document(
    job: Job,
    owner: str,
    asked: Asked,
    task: GradingTask,
    grading: Grading,
    output: GenerationResult,
    follow_up_id: str,
) -> dict[str, Any]:
    question = asked.question
    now = mongo.now()
    return {
        "job_id": job.job_id,
        "id": job.job_id,
        "owner": owner,
        "unique_key": job.unique_key,
        "kind": KIND.value,
        "set_id": asked.set_id,
        "question_id": question.id,
        "topic": question.topic,
        "question": question.question,
        "question_type": question.type.value,
        "difficulty": question.difficulty.value,
        "points": list(question.what_good_answers_cover),
        "answer": task.answer,
        **grading.model_dump(mode="json", exclude={"follow_up"}),
        "follow_up": {"id": follow_up_id, **grading.follow_up.model_dump(mode="json")},
        "follow_up_key": follow_up_key(asked.set_id, follow_up_id),
        "provider": output.provider,
        "model": output.model,
        "prompt_version": prompt_version(),
        "language": task.language,
        "usage": output.usage.model_dump(),
        "created_at": now,
        "listing_position": mongo.listing_position(now),
    }
