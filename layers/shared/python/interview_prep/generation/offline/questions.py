"""Offline interview questions: for each planned slot, the technology of the focus
experience that the knowledge base can ask about best, its angle for the slot's type, and
a lead-in that quotes what the candidate wrote."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from interview_prep.generation.analysis import Experience, detect_language
from interview_prep.generation.grounding import short_quote
from interview_prep.generation.korean import fill
from interview_prep.generation.offline import texts
from interview_prep.generation.plan import FIT_CATEGORIES, Plan, QuestionSlot
from interview_prep.knowledge.catalog import TechProfile, catalog
from interview_prep.knowledge.depth import Angle, knowledge
from interview_prep.models.results import QuestionType


@dataclass
class _Used:
    """What earlier questions of the set took, so the next ones reach for something else."""

    technologies: dict[str, int] = field(default_factory=dict)
    pairs: set[tuple[str, QuestionType]] = field(default_factory=set)
    #: Knowledge-base angles already asked, by (technology or category, type).
    angles: set[tuple[str, QuestionType]] = field(default_factory=set)
    achievements: set[str] = field(default_factory=set)
    lead_ins: int = 0


def question_set(plan: Plan) -> dict[str, Any]:
    used = _Used()
    return {"questions": [_question(plan, slot, used) for slot in plan.questions]}


def _question(plan: Plan, slot: QuestionSlot, used: _Used) -> dict[str, Any]:
    language = plan.language
    tech = slot.role_gap or _technology(plan, slot, used)
    tech_name = _written(slot.focus, tech) if tech else texts.MAIN_STACK[language]
    project = slot.focus.name if slot.focus else texts.RECENT_WORK[language]
    angle = _kb_angle(slot.type, tech, used)
    achievement = _achievement(slot.focus, tech, angle, used) if slot.role_gap is None else None
    stem, covers = _wording(slot.type, angle, used, language)
    used.pairs.add((tech.name if tech else "", slot.type))
    if tech is not None:
        used.technologies[tech.name] = used.technologies.get(tech.name, 0) + 1
    parts = [
        _lead_in(plan, slot, project, achievement, used),
        fill(stem, project=project, tech=tech_name),
        texts.DEPTH[slot.difficulty.value][language] if slot.type in texts.PRESSURED else "",
    ]
    return {
        "id": slot.id,
        "type": slot.type.value,
        "difficulty": slot.difficulty.value,
        "topic": f"{tech.name if tech else tech_name}, {slot.type.value}",
        "question": " ".join(part for part in parts if part).strip(),
        "what_good_answers_cover": list(covers),
        "evidence": _evidence(plan, slot.focus, tech, achievement),
    }


def _technology(plan: Plan, slot: QuestionSlot, used: _Used) -> TechProfile | None:
    focus = slot.focus
    pool = focus.technologies if focus and focus.technologies else plan.analysis.technologies
    if not pool:
        return None
    open_achievements = [
        a for a in (focus.achievements if focus else ()) if a not in used.achievements
    ]

    def score(tech: TechProfile) -> tuple[int, int]:
        entry = knowledge().for_technology(tech.name, tech.category)
        angle = entry.angles.get(slot.type) if entry else None
        points = 6 if angle else 0
        written = [a for a in open_achievements if _mentions(a, tech)]
        points += 4 if written else 0
        points += 2 if focus and any(a in focus.measured for a in written) else 0
        # the angle asks about what they wrote (a partition key, a cache hit rate, ...)
        points += 3 * max((_resonance(angle, a) for a in written), default=0) if angle else 0
        points += 2 if tech.category in FIT_CATEGORIES[slot.type] else 0
        points += tech.weight - 4 * used.technologies.get(tech.name, 0)
        points -= 3 if tech.category == "language" else 0
        points -= 20 if (tech.name, slot.type) in used.pairs else 0
        return points, -pool.index(tech)

    return max(pool, key=score)


_WORD = re.compile(r"[a-z][a-z0-9-]{3,}|[\uac00-\ud7a3]{2,}")
_RESONANCE_CAP = 3


def _stems(text: str) -> frozenset[str]:
    """Rough word stems for overlap: Latin words whole, Hangul words by their first two
    syllables (particles attach to the end: ``파티션으로`` -> ``파티``)."""
    return frozenset(w if w.isascii() else w[:2] for w in _WORD.findall(text.casefold()))


@cache
def _angle_stems(angle: Angle) -> frozenset[str]:
    return _stems(" ".join([angle.en, angle.ko, *angle.cover.en, *angle.cover.ko]))


@lru_cache(maxsize=1024)
def _achievement_stems(achievement: str) -> frozenset[str]:
    """The achievement's words, less the technology names it mentions and common words."""
    names = _stems(" ".join(found.name for _, found in catalog().mentions(achievement)))
    return _stems(achievement) - names - texts.COMMON_WORDS


def _resonance(angle: Angle, achievement: str) -> int:
    """How many words an angle shares with an achievement, beyond technology names."""
    return min(_RESONANCE_CAP, len(_achievement_stems(achievement) & _angle_stems(angle)))


def _mentions(text: str, tech: TechProfile) -> bool:
    if tech.known:
        return any(found.name == tech.name for _, found in catalog().mentions(text))
    return tech.name.casefold() in text.casefold()


def _written(focus: Experience | None, tech: TechProfile) -> str:
    """The technology as the resume spells it (``K8s`` stays ``K8s``)."""
    for written in focus.written if focus else ():
        if catalog().lookup(written).name == tech.name:
            return written
    return tech.name


def _achievement(
    focus: Experience | None, tech: TechProfile | None, angle: Angle | None, used: _Used
) -> str | None:
    """The candidate's own result to build on: about this technology if one is, closest to
    what the angle asks, measured before unmeasured, and not one already quoted."""
    if focus is None:
        return None
    fresh = [a for a in focus.achievements if a not in used.achievements]
    ranked = sorted(
        fresh,
        key=lambda a: (
            not (tech is not None and _mentions(a, tech)),
            -(_resonance(angle, a) if angle else 0),
            a not in focus.measured,
            focus.achievements.index(a),
        ),
    )
    if not ranked:
        return None
    used.achievements.add(ranked[0])
    return ranked[0]


def _kb_angle(question_type: QuestionType, tech: TechProfile | None, used: _Used) -> Angle | None:
    """The knowledge base's angle on this technology (or its category) for the type, unless
    an earlier question of the set already asked it."""
    entry = knowledge().for_technology(tech.name, tech.category) if tech else None
    angle = entry.angles.get(question_type) if entry else None
    if entry is None or angle is None:
        return None
    key = (entry.technology or entry.category or "", question_type)
    if key in used.angles:
        return None
    used.angles.add(key)
    return angle


def _wording(
    question_type: QuestionType, angle: Angle | None, used: _Used, language: str
) -> tuple[str, tuple[str, ...]]:
    if angle is not None:
        covers = angle.cover.en if language == "en" else angle.cover.ko
        return (angle.en if language == "en" else angle.ko), covers
    repeated = any(kind is question_type for _, kind in used.pairs)
    stem = (texts.AGAIN if repeated else texts.QUESTIONS)[question_type][language]
    return stem, tuple(texts.COVER[question_type][language])


def _lead_in(
    plan: Plan, slot: QuestionSlot, project: str, achievement: str | None, used: _Used
) -> str:
    language = plan.language
    if slot.role_gap is not None:
        return fill(texts.ROLE_GAP_LEAD[language], gap=slot.role_gap.name)
    focus = slot.focus
    if slot.type is QuestionType.COLLABORATION and focus and (focus.team_size or 0) > 1:
        return fill(texts.TEAM_LEAD[language], project=project, size=focus.team_size)
    if achievement is None or detect_language(achievement) != language:
        return ""
    lead = texts.RESULT_LEADS[language][used.lead_ins % len(texts.RESULT_LEADS[language])]
    used.lead_ins += 1
    return fill(lead, project=project, result=f'"{short_quote(achievement, 110)}"')


def _evidence(
    plan: Plan, focus: Experience | None, tech: TechProfile | None, achievement: str | None
) -> dict[str, str]:
    if focus is None:
        source, quote = plan.analysis.anchor
        return {"source": source, "quote": quote}
    if achievement is not None:
        return {"source": focus.source, "quote": short_quote(achievement)}
    if tech is not None and tech in focus.technologies:
        return {"source": focus.source, "quote": _written(focus, tech)}
    if focus.written:
        return {"source": focus.source, "quote": focus.written[0]}
    source, quote = plan.analysis.anchor
    return {"source": source, "quote": quote}
