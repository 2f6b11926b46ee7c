"""Offline learning paths: strengths to deepen and gaps to close, each citing the resume,
with resources and the link from the knowledge base entry for its topic."""

from __future__ import annotations

from typing import Any

from interview_prep.generation.analysis import Signal, detect_language
from interview_prep.generation.korean import fill
from interview_prep.generation.offline import texts
from interview_prep.generation.plan import Plan
from interview_prep.generation.practice import PracticeGap
from interview_prep.knowledge.catalog import catalog
from interview_prep.knowledge.depth import Depth, knowledge


def learning_path(plan: Plan) -> dict[str, Any]:
    analysis = plan.analysis
    language = plan.language
    practised = [_practice_signal(gap) for gap in plan.practice]
    pools = {
        "strength": list(analysis.strengths),
        "weakness": practised + list(analysis.weaknesses),
    }
    taken = {"strength": 0, "weakness": 0}
    paths = []
    for kind in plan.paths:
        pool = pools[kind] or pools["weakness" if kind == "strength" else "strength"]
        signal = pool[taken[kind] % len(pool)]
        paths.append(_path(plan, kind, signal, taken[kind]))
        taken[kind] += 1
    strengths = [topic(s, language) for s in analysis.strengths[:4]]
    weaknesses = [_practice_weakness(s, language) for s in practised]
    weaknesses += [topic(s, language) for s in analysis.weaknesses[: 4 - len(weaknesses)]]
    strengths = strengths or weaknesses[:1]
    weaknesses = weaknesses or strengths[:1]
    summary = fill(
        texts.SUMMARY[language],
        level=texts.LEVEL[analysis.seniority][language],
        strength=strengths[0],
        weakness=practised[0].topic if practised else weaknesses[0],
    )
    return {
        "analysis": {"strengths": strengths, "weaknesses": weaknesses},
        "summary": summary,
        "paths": paths,
    }


def _practice_signal(gap: PracticeGap) -> Signal:
    docs = catalog().lookup(gap.subject).docs
    return Signal("weakness", gap.subject, gap.subject, gap.source, gap.point, docs)


def _practice_weakness(signal: Signal, language: str) -> str:
    return fill(texts.PRACTICE_WEAKNESS[language], topic=signal.topic, quote=f'"{signal.quote}"')


def topic(signal: Signal, language: str) -> str:
    category = catalog().categories.get(signal.subject)
    if category is not None:
        return category.ko if language == "ko" else category.en
    return signal.topic


def _entry(signal: Signal) -> Depth | None:
    base = knowledge()
    if signal.subject in base.by_category:
        return base.by_category[signal.subject]
    found = catalog().lookup(signal.subject)
    return base.for_technology(found.name, found.category)


def _project(plan: Plan, signal: Signal) -> str:
    for experience in plan.analysis.experiences:
        if experience.source == signal.source:
            return experience.name
    return texts.RECENT_WORK[plan.language]


def _path(plan: Plan, kind: str, signal: Signal, index: int) -> dict[str, Any]:
    language = plan.language
    name = topic(signal, language)
    project = _project(plan, signal)
    entry = _entry(signal)
    angle = next(iter(entry.angles.values())) if entry else None
    covers = (angle.cover.en if language == "en" else angle.cover.ko) if angle else ()
    values = {"topic": name, "project": project, "quote": f'"{signal.quote}"'}
    titles = texts.PATH_TITLES[kind][language]
    description = (
        fill(texts.PATH_DESCRIPTIONS[kind][language], covers="; ".join(covers[:2]), **values)
        if covers
        else fill(texts.PATH_DESCRIPTION_GENERIC[language], **values)
    )
    return {
        "type": kind,
        "title": fill(titles[index % len(titles)], **values),
        "description": description,
        "reason": fill(texts.PATH_REASONS[_reason_kind(plan, kind, signal)][language], **values),
        "resources": _resources(entry, language, values, project),
        "link": entry.resources[0].url if entry else (signal.docs or texts.FALLBACK_LINK),
        "evidence": {"source": signal.source, "quote": signal.quote},
    }


def _reason_kind(plan: Plan, kind: str, signal: Signal) -> str:
    if signal.source.startswith("answers["):
        return "practice"
    if kind == "weakness":
        gaps = {tech.name for tech in plan.analysis.role_gaps}
        return "role_gap" if signal.subject in gaps else "weakness"
    quoted = detect_language(signal.quote) == plan.language and len(signal.quote) > 20
    return "strength_quoted" if quoted else "strength"


def _resources(
    entry: Depth | None, language: str, values: dict[str, str], project: str
) -> list[str]:
    if entry is None:
        return [fill(line, **values) for line in texts.GENERIC_RESOURCES[language]]
    found = [r.title.en if language == "en" else r.title.ko for r in entry.resources[:3]]
    angle = next(iter(entry.angles.values()))
    stem = angle.en if language == "en" else angle.ko
    tech = values["topic"]
    found.append(fill(texts.PRACTICE[language], question=fill(stem, project=project, tech=tech)))
    return found
