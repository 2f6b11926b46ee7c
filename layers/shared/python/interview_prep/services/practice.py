"""Answer practice: submit an answer for grading, read the graded attempts.

A submitted answer is checked against what exists before anything is queued: the resume
(404 RESUME_NOT_FOUND), its question set (404 INTERVIEW_NOT_FOUND) and the question in it
or a follow-up an earlier grading asked (404 QUESTION_NOT_FOUND). The grading then runs on
the worker like a generation, counted against ``QUOTA_GRADINGS_PER_HOUR``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from interview_prep.errors import ErrorCode, ResultNotFoundError
from interview_prep.models.jobs import JobAccepted, JobKind
from interview_prep.models.practice import (
    AnswerAttempt,
    AnswerAttemptPage,
    AnswerRequest,
    PracticeQuestion,
)
from interview_prep.ports import AttemptStore, ResultStore
from interview_prep.repositories.attempts import AttemptRepository
from interview_prep.repositories.results import ResultRepository
from interview_prep.services.jobs import JobLinks, JobService, new_job
from interview_prep.services.resumes import ResumeService, parse_cursor

KIND = JobKind.ANSWER_GRADING


@dataclass(frozen=True)
class AnswerOrder:
    owner: str
    unique_key: str
    request: AnswerRequest
    correlation_id: str | None = None


@dataclass(frozen=True)
class Asked:
    """A question found for an answer: the set it belongs to and the question itself."""

    set_id: str
    question: PracticeQuestion


class QuestionFinder:
    """Finds the question an answer answers: one of the set's, or a follow-up."""

    def __init__(self, results: ResultStore, attempts: AttemptStore) -> None:
        self.results = results
        self.attempts = attempts

    def find(self, owner: str, unique_key: str, set_id: str | None, question_id: str) -> Asked:
        questions = self._set(owner, unique_key, set_id)
        found_set = str(questions["job_id"])
        if "." not in question_id:
            for question in questions.get("questions", []):
                if question.get("id") == question_id:
                    return Asked(found_set, PracticeQuestion.model_validate(question))
            raise _question_not_found(unique_key, found_set, question_id)
        asking = self.attempts.asking(owner, unique_key, found_set, question_id)
        if asking is None:
            raise _question_not_found(unique_key, found_set, question_id)
        follow_up = {**asking["follow_up"], "topic": asking.get("topic", "")}
        return Asked(found_set, PracticeQuestion.model_validate(follow_up))

    def _set(self, owner: str, unique_key: str, set_id: str | None) -> dict[str, Any]:
        kind = JobKind.INTERVIEW_QUESTIONS
        found = (
            self.results.by_job(kind, owner, set_id)
            if set_id
            else self.results.latest(kind, owner, unique_key)
        )
        if found is None or found["unique_key"] != unique_key:
            details: dict[str, Any] = {"unique_key": unique_key}
            if set_id:
                details["set_id"] = set_id
                detail = f"No question set {set_id} for this resume."
            else:
                detail = "No interview questions have been generated for this resume yet."
            raise ResultNotFoundError(ErrorCode.INTERVIEW_NOT_FOUND, detail, details)
        return found


def _question_not_found(unique_key: str, set_id: str, question_id: str) -> ResultNotFoundError:
    return ResultNotFoundError(
        ErrorCode.QUESTION_NOT_FOUND,
        f"No question {question_id} in question set {set_id}.",
        {"unique_key": unique_key, "set_id": set_id, "question_id": question_id},
    )


class PracticeService:
    def __init__(
        self,
        jobs: JobService | None = None,
        results: ResultStore | None = None,
        attempts: AttemptStore | None = None,
        resumes: ResumeService | None = None,
    ) -> None:
        self.jobs = jobs or JobService()
        self.results = results or ResultRepository()
        self.attempts = attempts or AttemptRepository()
        self.resumes = resumes or ResumeService()
        self.questions = QuestionFinder(self.results, self.attempts)

    def start(self, order: AnswerOrder, links: JobLinks) -> JobAccepted:
        owner, unique_key, request = order.owner, order.unique_key, order.request
        self.resumes.get(owner, unique_key)  # 404 RESUME_NOT_FOUND for anyone else
        asked = self.questions.find(owner, unique_key, request.set_id, request.question_id)
        parameters = {
            "question_id": request.question_id,
            "set_id": asked.set_id,
            "answer": request.answer,
        }
        job = new_job(KIND, unique_key, parameters, links, order.correlation_id)
        self.jobs.submit(job, owner, order.correlation_id)
        return JobService.accepted(job, links)

    def attempts_page(
        self,
        owner: str,
        unique_key: str,
        limit: int,
        cursor: str | None,
        filters: dict[str, str],
    ) -> AnswerAttemptPage:
        self.resumes.get(owner, unique_key)
        after = parse_cursor(cursor) if cursor else None
        documents, following = self.attempts.page(owner, unique_key, limit, after, filters)
        return AnswerAttemptPage(
            items=[AnswerAttempt.model_validate(d) for d in documents],
            next_cursor=following.encode() if following else None,
        )

    def attempt(
        self, owner: str, unique_key: str, attempt_id: str, links: JobLinks
    ) -> AnswerAttempt:
        self.resumes.get(owner, unique_key)
        found = self.results.by_job(KIND, owner, attempt_id)
        if found is not None and found["unique_key"] == unique_key:
            return AnswerAttempt.model_validate(found)
        details: dict[str, Any] = {"unique_key": unique_key, "attempt_id": attempt_id}
        detail = f"No graded attempt {attempt_id} for this resume."
        job = self.jobs.find(owner, attempt_id)
        if job is not None and job.unique_key == unique_key and not job.status.finished:
            details["status_url"] = links.status(attempt_id)
            detail = f"The answer is not graded yet: grading is {job.status}."
        raise ResultNotFoundError(ErrorCode.ATTEMPT_NOT_FOUND, detail, details)
