"""Answer practice: what a candidate submits, what the grader answers, the stored attempt.

A question is one of a set's (``q1``...) or a follow-up an earlier grading asked: the
parent's id plus ``.f1``, ``.f2``... (``q3.f1``, then ``q3.f1.f1``), so one topic can go
several rounds deep.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from interview_prep.models.common import Page, Timestamp
from interview_prep.models.jobs import Usage
from interview_prep.models.results import Difficulty, QuestionType, Text
from interview_prep.models.resume import NoNul

#: A set's question (``q1``-``q10``) or a follow-up of one, up to ten rounds deep.
QUESTION_ID_PATTERN = r"^q([1-9]|10)(\.f[1-9][0-9]?){0,10}$"
MAX_ANSWER_CHARACTERS = 5_000

QuestionId = Annotated[
    str,
    Field(
        pattern=QUESTION_ID_PATTERN,
        max_length=64,
        description="`q1`... of the set, or a follow-up id such as `q3.f1`",
    ),
]
SetId = Annotated[
    str,
    Field(
        pattern=r"^[0-9a-f]{32}$",
        description="The question set's `job_id` (as `GET …/questions` returns it); "
        "default: the latest set",
    ),
]
AnswerText = Annotated[
    str,
    Field(min_length=1, max_length=MAX_ANSWER_CHARACTERS, description="The candidate's answer"),
    *NoNul,
]
Points = Annotated[list[Text], Field(min_length=2, max_length=4)]


class AnswerRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question_id: QuestionId
    answer: AnswerText
    set_id: SetId | None = None


class _Output(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FollowUpDraft(_Output):
    """A follow-up as the grader writes it (the service gives it its id)."""

    question: Text
    type: QuestionType
    difficulty: Difficulty
    what_good_answers_cover: Points


class Grading(_Output):
    """What a grader answers for one answer to one question."""

    score: Annotated[int, Field(ge=0, le=100, description="0-100")]
    covered: Annotated[
        list[Text], Field(max_length=4, description="The question's points the answer explains")
    ]
    missing: Annotated[
        list[Text], Field(max_length=4, description="The question's points the answer leaves out")
    ]
    feedback: Annotated[
        str,
        Field(
            min_length=1,
            max_length=3_000,
            description="Specific, in the question's language: what the answer said or left out",
        ),
    ]
    follow_up: FollowUpDraft


class FollowUp(FollowUpDraft):
    """A follow-up question, answerable through the same route by its ``id``."""

    model_config = ConfigDict(extra="ignore")

    id: QuestionId


class PracticeQuestion(BaseModel):
    """The question an attempt answers, as the grader saw it."""

    model_config = ConfigDict(extra="ignore")

    id: str
    type: QuestionType
    difficulty: Difficulty
    topic: str = ""
    question: str
    what_good_answers_cover: list[str]


class AnswerAttempt(BaseModel):
    """One graded answer (the grading job's result)."""

    model_config = ConfigDict(extra="ignore")

    id: Annotated[str, Field(description="The attempt id (the grading job's `job_id`)")]
    unique_key: str
    question_id: str
    set_id: str
    question: str
    answer: str
    score: int
    covered: list[str]
    missing: list[str]
    feedback: str
    follow_up: FollowUp
    provider: str
    model: str
    prompt_version: str
    usage: Usage
    created_at: Timestamp


class AnswerAttemptPage(Page[AnswerAttempt]):
    """Graded attempts of one resume, newest first."""
