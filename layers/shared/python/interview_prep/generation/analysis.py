"""Deterministic facts about a resume that every provider's prompt and the offline generator use."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from interview_prep.models import ResumeIn
from interview_prep.models.results import Difficulty

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
#: Difficulty shares per seniority (the spec's 5-question mix), scaled to any count.
DIFFICULTY_MIX = {
    "junior": {Difficulty.EASY: 2, Difficulty.MEDIUM: 2, Difficulty.HARD: 1},
    "mid": {Difficulty.EASY: 1, Difficulty.MEDIUM: 3, Difficulty.HARD: 1},
    "senior": {Difficulty.EASY: 0, Difficulty.MEDIUM: 2, Difficulty.HARD: 3},
}


@dataclass(frozen=True)
class Experience:
    """A work experience or project, flattened for grounding."""

    source: str
    name: str
    technologies: tuple[str, ...]
    achievements: tuple[str, ...]


@dataclass(frozen=True)
class Analysis:
    seniority: str
    language: str
    technologies: tuple[str, ...]
    experiences: tuple[Experience, ...]

    def difficulties(self, count: int) -> list[Difficulty]:
        return difficulty_plan(self.seniority, count)


def seniority(months: int | None) -> str:
    months = months or 0
    if months < 24:
        return "junior"
    return "mid" if months < 60 else "senior"


def difficulty_plan(level: str, count: int) -> list[Difficulty]:
    """Scale the level's shares to ``count`` with largest-remainder rounding."""
    shares = DIFFICULTY_MIX[level]
    total = sum(shares.values())
    exact = {difficulty: share * count / total for difficulty, share in shares.items()}
    allotted = {difficulty: int(value) for difficulty, value in exact.items()}
    by_remainder = sorted(exact, key=lambda d: (exact[d] - allotted[d], shares[d]), reverse=True)
    for difficulty in by_remainder[: count - sum(allotted.values())]:
        allotted[difficulty] += 1
    return [
        d for d in (Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD) for _ in range(allotted[d])
    ]


def detect_language(resume: ResumeIn) -> str:
    text = json.dumps(resume.model_dump(exclude={"contact"}), ensure_ascii=False)
    letters = sum(ch.isalpha() for ch in text) or 1
    return "ko" if len(_HANGUL.findall(text)) / letters > 0.1 else "en"


def experiences(resume: ResumeIn) -> list[Experience]:
    found = [
        Experience(
            source=f"work_experiences[{i}]",
            name=work.project_name or work.company or f"experience {i + 1}",
            technologies=tuple(work.tech_stack),
            achievements=tuple(work.achievements),
        )
        for i, work in enumerate(resume.work_experiences)
    ]
    found += [
        Experience(
            source=f"personal_projects[{i}]",
            name=project.name or f"project {i + 1}",
            technologies=tuple(project.tech_stack),
            achievements=tuple(project.key_achievements + project.architecture_highlights),
        )
        for i, project in enumerate(resume.personal_projects)
    ]
    return found


def technologies(resume: ResumeIn) -> list[str]:
    seen: dict[str, str] = {}
    stacks = [tech for exp in experiences(resume) for tech in exp.technologies]
    skills = [skill for group in resume.technical_skills.values() for skill in group]
    for name in stacks + skills:
        seen.setdefault(name.casefold(), name)
    return list(seen.values())


def analyse(resume: ResumeIn) -> Analysis:
    return Analysis(
        seniority=seniority(resume.total_experience_months),
        language=detect_language(resume),
        technologies=tuple(technologies(resume)),
        experiences=tuple(experiences(resume)),
    )


def content_hash(resume: ResumeIn) -> str:
    """Fingerprint of what a result was generated from (server-managed fields excluded)."""
    canonical = json.dumps(resume.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()
