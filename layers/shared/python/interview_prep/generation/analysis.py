"""Deterministic facts about a resume that every provider's prompt and the offline
generator use: seniority, normalised and weighted technologies, experiences ranked by
complexity and measured results, and strength and gap candidates with their evidence."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from interview_prep.generation.grounding import short_quote
from interview_prep.knowledge.catalog import TechProfile, Tier, catalog
from interview_prep.models import ResumeIn

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
#: A number with a unit or scale: the mark of a measured achievement.
_MEASURED = re.compile(
    r"(?<![A-Za-z\d])\d[\d,.]*\s*(%|ms|s\b|초|분|시간|배(?![가-힣])|x\b|k\b|m\b|만|억|천|tps|rps|qps|명|건|users?|"
    r"requests?|hours?|minutes?|days?|일|개|GB|TB|MB|달러|원|\$)"
    r"|\$\s?\d",
    re.IGNORECASE,
)
Seniority = Literal["junior", "mid", "senior"]
#: Paid work counts a little more than a side project of the same complexity.
WORK_BONUS = 3


@dataclass(frozen=True)
class Experience:
    """A work experience or personal project, ranked for question planning."""

    source: str
    name: str
    technologies: tuple[TechProfile, ...]
    achievements: tuple[str, ...]
    description: str | None
    team_size: int | None
    #: Complexity of the stack plus two points per measured achievement.
    score: int
    #: The stack as the resume spells it (quotes must be verbatim).
    written: tuple[str, ...] = ()

    @property
    def measured(self) -> tuple[str, ...]:
        return tuple(a for a in self.achievements if _MEASURED.search(a))

    @property
    def text(self) -> str:
        return "\n".join([self.name, self.description or "", *self.achievements])

    @property
    def lead_technology(self) -> TechProfile | None:
        return max(self.technologies, key=lambda t: t.weight, default=None)


@dataclass(frozen=True)
class Signal:
    """A strength or gap candidate with the resume element that supports it."""

    kind: Literal["strength", "weakness"]
    topic: str
    #: Category id (``observability``) or technology name the signal is about.
    subject: str
    source: str
    quote: str
    docs: str | None = None


@dataclass(frozen=True)
class Analysis:
    seniority: Seniority
    language: Literal["ko", "en"]
    technologies: tuple[TechProfile, ...]
    experiences: tuple[Experience, ...]
    strengths: tuple[Signal, ...]
    weaknesses: tuple[Signal, ...]
    #: Where to ground an item that has no experience behind it: (source, quote).
    anchor: tuple[str, str] = ("name", "")
    #: Catalog technologies a job description asks for that the resume does not show.
    role_gaps: tuple[TechProfile, ...] = ()

    @property
    def categories(self) -> frozenset[str]:
        return frozenset(t.category for t in self.technologies if t.category)


def seniority(months: int | None) -> Seniority:
    months = months or 0
    if months < 24:
        return "junior"
    return "mid" if months < 60 else "senior"


def detect_language(text: str) -> Literal["ko", "en"]:
    """Korean when at least a quarter of the letters are Hangul (tech names stay Latin)."""
    letters = sum(ch.isalpha() for ch in text) or 1
    return "ko" if len(_HANGUL.findall(text)) / letters >= 0.25 else "en"


def resume_language(resume: ResumeIn) -> Literal["ko", "en"]:
    data = resume.model_dump(exclude={"contact"})
    return detect_language(json.dumps(data, ensure_ascii=False))


def _profiles(names: Iterable[str], group: str | None = None) -> tuple[TechProfile, ...]:
    found: dict[str, TechProfile] = {}
    for name in names:
        profile = catalog().lookup(name, group)
        found.setdefault(profile.name.casefold(), profile)
    return tuple(found.values())


def experiences(resume: ResumeIn) -> list[Experience]:
    found: list[Experience] = []
    for i, work in enumerate(resume.work_experiences):
        found.append(
            _experience(
                f"work_experiences[{i}]",
                work.project_name or work.company or f"experience {i + 1}",
                tuple(work.tech_stack),
                tuple(work.achievements),
                work.project_description,
                work.team_size,
            )
        )
    for i, project in enumerate(resume.personal_projects):
        found.append(
            _experience(
                f"personal_projects[{i}]",
                project.name or f"project {i + 1}",
                tuple(project.tech_stack),
                tuple(project.key_achievements + project.architecture_highlights),
                project.description,
                None,
            )
        )
    return found


def _experience(
    source: str,
    name: str,
    written: tuple[str, ...],
    achievements: tuple[str, ...],
    description: str | None,
    team_size: int | None,
) -> Experience:
    # technologies named only in the text (an achievement about SSE) are part of the work too
    listed = {profile.name for profile in _profiles(written)}
    text = "\n".join([description or "", *achievements])
    written += tuple(w for w, tech in catalog().mentions(text) if tech.name not in listed)
    technologies = _profiles(written)
    measured = sum(1 for a in achievements if _MEASURED.search(a))
    score = sum(t.weight for t in technologies) + 2 * measured + len(achievements)
    if source.startswith("work_experiences"):
        score += WORK_BONUS
    return Experience(
        source, name, technologies, achievements, description, team_size, score, written
    )


def ranked(found: list[Experience]) -> list[Experience]:
    """Most complex and best measured first; the resume's own order breaks ties."""
    return sorted(found, key=lambda e: -e.score)


def technologies(resume: ResumeIn, found: list[Experience]) -> tuple[TechProfile, ...]:
    """Every technology, weightiest and most used first."""
    uses: dict[str, int] = {}
    profiles: dict[str, TechProfile] = {}
    for exp in found:
        for tech in exp.technologies:
            uses[tech.name] = uses.get(tech.name, 0) + 1
            profiles.setdefault(tech.name, tech)
    for group, skills in resume.technical_skills.items():
        for tech in _profiles(skills, group):
            uses.setdefault(tech.name, 0)
            profiles.setdefault(tech.name, tech)
    order = sorted(profiles, key=lambda name: (-profiles[name].weight, -uses[name]))
    return tuple(profiles[name] for name in order)


#: Practices every production stack needs: (category, words that show it in the text).
_PRACTICES: tuple[tuple[str, str], ...] = (
    (
        "observability",
        r"monitor|metric|alert|dashboard|tracing|observab|모니터링|지표|알림|대시보드",
    ),
    ("testing", r"test|coverage|테스트|커버리지|검증 자동화"),
    ("security", r"secur|auth|encrypt|vulnerab|보안|인증|암호화|취약"),
    ("ci_cd", r"ci/cd|\bci\b|pipeline|deploy|배포|파이프라인"),
)
#: Adjacent areas that make a next step when no basic practice is missing.
_GROWTH = ("iac", "cache", "messaging", "container", "orchestration", "cloud", "search")
#: Categories that mean the stack runs in production and so needs the practices above.
_PRODUCTION = frozenset(
    {"backend", "database", "messaging", "cache", "orchestration", "cloud", "serverless",
     "search", "data", "ml", "container", "service_mesh", "api", "frontend", "mobile"}
)  # fmt: skip


def _anchor(resume: ResumeIn, found: list[Experience], subject: str | None) -> tuple[str, str]:
    """The resume element that makes a signal relevant, with a quote from it."""
    for exp in found:
        for tech in exp.technologies:
            if subject is None or tech.category == subject or tech.name == subject:
                return exp.source, _written(resume, exp.source, tech.name)
    for skills in resume.technical_skills.values():
        if skills:
            return "technical_skills", skills[0]
    if found and found[0].achievements:
        return found[0].source, short_quote(found[0].achievements[0])
    if resume.summary:
        return "summary", short_quote(resume.summary, 60)
    return "name", resume.name


def _written(resume: ResumeIn, source: str, canonical: str) -> str:
    """The spelling the resume used for a technology (a quote must be verbatim)."""
    index = int(source[source.index("[") + 1 : -1])
    stack = (
        resume.work_experiences[index].tech_stack
        if source.startswith("work")
        else resume.personal_projects[index].tech_stack
    )
    for written in stack:
        if catalog().lookup(written).name == canonical:
            return written
    return canonical


def strengths(resume: ResumeIn, found: list[Experience]) -> list[Signal]:
    signals: list[Signal] = []
    for exp in found:
        lead = exp.lead_technology
        for achievement in exp.measured[:1]:
            subject = lead.name if lead else exp.name
            docs = lead.docs if lead else None
            signals.append(
                Signal("strength", subject, subject, exp.source, short_quote(achievement), docs)
            )
    seen = {s.topic for s in signals}
    for group, skills in resume.technical_skills.items():  # also: a resume with no projects
        for written in skills:
            tech = catalog().lookup(written, group)
            if tech.tier is not Tier.BASIC and tech.name not in seen and len(signals) < 3:
                seen.add(tech.name)
                signals.append(
                    Signal("strength", tech.name, tech.name, "technical_skills", written, tech.docs)
                )
    for exp in found:
        for tech in exp.technologies:
            if tech.tier in {Tier.ADVANCED, Tier.EXPERT} and tech.name not in seen:
                seen.add(tech.name)
                quote = _written(resume, exp.source, tech.name)
                signals.append(
                    Signal("strength", tech.name, tech.name, exp.source, quote, tech.docs)
                )
    return signals


def weaknesses(
    resume: ResumeIn, found: list[Experience], techs: tuple[TechProfile, ...], level: Seniority
) -> list[Signal]:
    categories = {t.category for t in techs if t.category}
    text = "\n".join(exp.text for exp in found) + "\n" + (resume.summary or "")
    signals: list[Signal] = []
    for category, words in _PRACTICES:
        if category in categories or re.search(words, text, re.IGNORECASE):
            continue
        if category == "ci_cd" and level == "junior":
            continue
        if not categories & _PRODUCTION and found:
            continue
        signals.append(_gap(resume, found, category))
    growth = [c for c in _GROWTH if c not in categories]
    for category in growth[: max(0, 3 - len(signals))]:
        signals.append(_gap(resume, found, category))
    return signals


def _gap(resume: ResumeIn, found: list[Experience], category: str) -> Signal:
    info = catalog().categories.get(category)
    source, quote = _anchor(resume, found, None)
    topic = info.en if info else category
    return Signal("weakness", topic, category, source, quote, info.docs if info else None)


def role_gaps(job_description: str | None, techs: tuple[TechProfile, ...]) -> list[TechProfile]:
    if not job_description:
        return []
    have = {t.name for t in techs}
    return [
        catalog().lookup(tech.name)
        for tech in catalog().mentioned_in(job_description)
        if tech.name not in have
    ]


def analyse(resume: ResumeIn, job_description: str | None = None) -> Analysis:
    level = seniority(resume.total_experience_months)
    found = ranked(experiences(resume))
    techs = technologies(resume, found)
    gaps = role_gaps(job_description, techs)
    gap_signals = [
        Signal("weakness", gap.name, gap.name, *_anchor(resume, found, gap.category), gap.docs)
        for gap in gaps
    ]
    return Analysis(
        seniority=level,
        language=resume_language(resume),
        technologies=techs,
        experiences=tuple(found),
        strengths=tuple(strengths(resume, found)),
        weaknesses=tuple(gap_signals + weaknesses(resume, found, techs, level)),
        anchor=_anchor(resume, found, None),
        role_gaps=tuple(gaps),
    )


def content_hash(resume: ResumeIn) -> str:
    """Fingerprint of what a result was generated from (server-managed fields excluded)."""
    canonical = json.dumps(resume.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()
