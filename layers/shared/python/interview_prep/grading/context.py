"""What a grading is about: the question with its points, and the candidate's context."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from interview_prep.generation.analysis import detect_language
from interview_prep.knowledge.catalog import main_subject
from interview_prep.models.practice import PracticeQuestion


@dataclass(frozen=True)
class GradingTask:
    question: PracticeQuestion
    answer: str
    #: Names of the candidate's own projects and workplaces (from the resume).
    projects: tuple[str, ...] = ()

    @property
    def language(self) -> Literal["ko", "en"]:
        """Feedback and follow-ups are written in the question's language."""
        return detect_language(self.question.question)

    @property
    def points(self) -> list[str]:
        return self.question.what_good_answers_cover

    @property
    def subject(self) -> str:
        """The question's main technology: the first catalog technology its topic names,
        else the topic's first part, else its type."""
        question = self.question
        return main_subject(question.topic, question.question) or question.type.value

    @property
    def project(self) -> str | None:
        """The candidate's project the question is about, when it names one."""
        text = self.question.question.casefold()
        return next((name for name in self.projects if name.casefold() in text), None)
