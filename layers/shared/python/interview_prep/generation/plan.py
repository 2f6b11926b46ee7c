"""The generation plan: which question types at which difficulty about which experience,
how many strength and gap paths, in which language. Every provider's prompt states it,
the offline generator follows it, and the quality gate holds any answer to it."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any, Literal

from interview_prep.generation.analysis import Analysis, Experience, Seniority, analyse
from interview_prep.generation.practice import PracticeGap
from interview_prep.knowledge.catalog import TechProfile
from interview_prep.models import ResumeIn
from interview_prep.models.jobs import JobKind
from interview_prep.models.results import Difficulty, QuestionType

#: Difficulty shares per seniority (the spec's 5-question mix), scaled to any count.
DIFFICULTY_MIX: dict[Seniority, dict[Difficulty, int]] = {
    "junior": {Difficulty.EASY: 2, Difficulty.MEDIUM: 2, Difficulty.HARD: 1},
    "mid": {Difficulty.EASY: 1, Difficulty.MEDIUM: 3, Difficulty.HARD: 1},
    "senior": {Difficulty.EASY: 0, Difficulty.MEDIUM: 2, Difficulty.HARD: 3},
}
#: Learning paths: about 60% deepen a strength, 40% close a gap.
PATH_MIX = {"strength": 3, "weakness": 2}
#: Types that make the hardest questions first (hard slots go to the earliest here).
_HARDNESS = (
    QuestionType.SCALABILITY, QuestionType.RELIABILITY, QuestionType.TRADE_OFF,
    QuestionType.PERFORMANCE, QuestionType.BUSINESS, QuestionType.QUALITY,
    QuestionType.IMPLEMENTATION, QuestionType.COLLABORATION,
)  # fmt: skip
#: What in an experience makes a question type fit it: categories and words.
_FIT: dict[QuestionType, tuple[frozenset[str], str]] = {
    QuestionType.IMPLEMENTATION: (
        frozenset({"backend", "frontend", "mobile", "api"}),
        r"implement|built|develop|구현|개발",
    ),
    QuestionType.PERFORMANCE: (
        frozenset({"cache", "search"}),
        r"latency|ms\b|tps|qps|rps|throughput|faster|speed|p9\d|지연|응답|성능|속도|처리량",
    ),
    QuestionType.SCALABILITY: (
        frozenset({"messaging", "orchestration", "data", "serverless", "search"}),
        r"scale|traffic|concurren|million|partition|shard|트래픽|동시|대용량|확장|만 ?명",
    ),
    QuestionType.RELIABILITY: (
        frozenset({"messaging", "database", "orchestration", "service_mesh", "observability"}),
        r"incident|outage|failover|retry|availability|uptime|sla|장애|가용성|재시도|복구",
    ),
    QuestionType.TRADE_OFF: (
        frozenset({"database", "messaging", "cache", "cloud", "iac"}),
        r"migrat|replace|instead|chose|rewrite|전환|도입|교체|마이그레이션",
    ),
    QuestionType.QUALITY: (
        frozenset({"testing", "ci_cd"}),
        r"test|coverage|review|bug|defect|테스트|커버리지|리뷰|버그",
    ),
    QuestionType.COLLABORATION: (
        frozenset(),
        r"team|mentor|led|cross-functional|stakeholder|협업|팀|멘토|리드|주도",
    ),
    QuestionType.BUSINESS: (
        frozenset(),
        r"revenue|conversion|cost|users|customer|retention|매출|전환율|비용|사용자|고객",
    ),
}


#: Categories of technology each question type is best asked about.
FIT_CATEGORIES = {question_type: fit[0] for question_type, fit in _FIT.items()}


#: Question types that can carry "the role needs X you have not used".
_GAP_TYPES = frozenset({QuestionType.TRADE_OFF, QuestionType.SCALABILITY, QuestionType.RELIABILITY})


@dataclass(frozen=True)
class QuestionSlot:
    id: str
    type: QuestionType
    difficulty: Difficulty
    #: The experience the question should be about (None: skills and summary only).
    focus: Experience | None
    #: A technology the target role needs and the resume lacks, to aim this question at.
    role_gap: TechProfile | None = None


@dataclass(frozen=True)
class Plan:
    kind: JobKind
    language: Literal["ko", "en"]
    analysis: Analysis
    questions: tuple[QuestionSlot, ...] = ()
    paths: tuple[Literal["strength", "weakness"], ...] = ()
    job_description: str | None = None
    #: What the candidate's graded answers missed (learning paths only).
    practice: tuple[PracticeGap, ...] = ()

    @property
    def count(self) -> int:
        return len(self.questions) if self.kind is JobKind.INTERVIEW_QUESTIONS else len(self.paths)

    @property
    def difficulties(self) -> list[Difficulty]:
        return sorted((slot.difficulty for slot in self.questions), key=_difficulty_order)


def largest_remainder(shares: dict[Any, int], count: int) -> dict[Any, int]:
    """Split ``count`` in proportion to ``shares``; leftovers go to the largest remainders."""
    total = sum(shares.values())
    exact = {key: share * count / total for key, share in shares.items()}
    allotted = {key: int(value) for key, value in exact.items()}
    order = {key: position for position, key in enumerate(shares)}
    # ties go to the larger share, then to the later key (the harder difficulty)
    by_remainder = sorted(
        exact, key=lambda k: (exact[k] - allotted[k], shares[k], order[k]), reverse=True
    )
    for key in by_remainder[: count - sum(allotted.values())]:
        allotted[key] += 1
    return allotted


def _difficulty_order(difficulty: Difficulty) -> int:
    return list(Difficulty).index(difficulty)


def difficulty_plan(level: Seniority, count: int) -> list[Difficulty]:
    allotted = largest_remainder(DIFFICULTY_MIX[level], count)
    return [d for d in Difficulty for _ in range(allotted[d])]


PathType = Literal["strength", "weakness"]


def path_plan(count: int) -> list[PathType]:
    allotted = largest_remainder(PATH_MIX, count)
    strengths: list[PathType] = ["strength"] * allotted["strength"]
    return strengths + ["weakness"] * allotted["weakness"]


def _fit(question_type: QuestionType, experience: Experience) -> int:
    categories, words = _FIT[question_type]
    score = sum(2 for tech in experience.technologies if tech.category in categories)
    score += 2 * len(re.findall(words, experience.text, re.IGNORECASE))
    if question_type is QuestionType.COLLABORATION and (experience.team_size or 0) > 1:
        score += 3
    if question_type in {QuestionType.PERFORMANCE, QuestionType.BUSINESS}:
        score += len(experience.measured)
    return score


def question_types(analysis: Analysis, count: int) -> list[QuestionType]:
    """The ``count`` types that fit the resume best; distinct while there are enough."""
    fit = {t: sum(_fit(t, exp) for exp in analysis.experiences) for t in QuestionType}
    # seniority nudges the mix: juniors get implementation, seniors design questions
    if analysis.seniority == "junior":
        fit[QuestionType.IMPLEMENTATION] += 4
        fit[QuestionType.QUALITY] += 2
    elif analysis.seniority == "senior":
        fit[QuestionType.TRADE_OFF] += 4
        fit[QuestionType.SCALABILITY] += 2
    order = sorted(QuestionType, key=lambda t: -fit[t])
    return [order[i % len(order)] for i in range(count)]


def _lead(experiences: tuple[Experience, ...]) -> Experience:
    """Interviewers dwell on the job: the strongest work experience, else the strongest
    project, takes its share of the set before the others are spread evenly."""
    work = [e for e in experiences if e.source.startswith("work_experiences")]
    return (work or list(experiences))[0]


def _lead_quota(analysis: Analysis, count: int) -> int:
    """The lead's share: two in five at least, more when it outweighs the rest."""
    experiences = analysis.experiences
    if not experiences:
        return 0
    total = sum(e.score for e in experiences) or 1
    share = round(count * _lead(experiences).score / total)
    return min(max(1, 2 * count // 5, share), count - (len(experiences) > 1))


def _focus_for(
    question_type: QuestionType,
    experiences: tuple[Experience, ...],
    used: dict[str, int],
    lead_quota: int,
) -> Experience | None:
    if not experiences:
        return None
    lead = _lead(experiences)

    def score(e: Experience) -> int:
        taken = used.get(e.source, 0)
        quota_bonus = 10 if e is lead and taken < lead_quota else 0
        return _fit(question_type, e) + e.score // 4 - 6 * taken + quota_bonus

    best = max(experiences, key=score)
    used[best.source] = used.get(best.source, 0) + 1
    return best


def question_slots(analysis: Analysis, count: int) -> tuple[QuestionSlot, ...]:
    types = question_types(analysis, count)
    # the hardest difficulties go to the types that carry them best
    by_hardness = sorted(types, key=_HARDNESS.index)
    hardest_first = sorted(difficulty_plan(analysis.seniority, count), key=_difficulty_order)[::-1]
    difficulty_of = list(zip(by_hardness, hardest_first, strict=True))
    used: dict[str, int] = {}
    gaps = list(analysis.role_gaps[: min(2, max(1, count // 3))])
    slots = []
    for index, question_type in enumerate(types):
        pair = next(p for p in difficulty_of if p[0] is question_type)
        difficulty_of.remove(pair)
        focus = _focus_for(question_type, analysis.experiences, used, _lead_quota(analysis, count))
        # the role's missing technologies go to the design questions first
        gap = gaps.pop(0) if gaps and question_type in _GAP_TYPES else None
        slots.append(QuestionSlot(f"q{index + 1}", question_type, pair[1], focus, gap))
    if gaps and slots:  # no design question in the set: the last question takes one
        slots[-1] = dataclasses.replace(slots[-1], role_gap=gaps[0])
    return tuple(slots)


def make_plan(
    kind: JobKind,
    resume: ResumeIn,
    parameters: dict[str, Any],
    requested_language: str = "auto",
    practice: tuple[PracticeGap, ...] = (),
) -> Plan:
    job_description = parameters.get("job_description") or None
    analysis = analyse(resume, job_description)
    language = requested_language if requested_language in {"ko", "en"} else analysis.language
    if kind is JobKind.INTERVIEW_QUESTIONS:
        slots = question_slots(analysis, int(parameters.get("count", 5)))
        return Plan(kind, language, analysis, questions=slots, job_description=job_description)  # type: ignore[arg-type]
    paths = tuple(path_plan(int(parameters.get("path_count", 5))))
    return Plan(
        kind,
        language,  # type: ignore[arg-type]
        analysis,
        paths=paths,
        job_description=job_description,
        practice=practice,
    )
