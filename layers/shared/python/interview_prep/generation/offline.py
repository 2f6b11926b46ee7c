"""The offline generator: questions and learning paths from the plan alone, no network.

Deterministic and grounded: every item is about an experience the plan chose, and quotes
the resume. Issue #7 grows it with the knowledge base; the shape stays.
"""

from __future__ import annotations

from typing import Any

from interview_prep.generation.analysis import Experience, Signal, detect_language
from interview_prep.generation.grounding import short_quote
from interview_prep.generation.plan import FIT_CATEGORIES, Plan, QuestionSlot
from interview_prep.knowledge.catalog import TechProfile, catalog
from interview_prep.models.jobs import JobKind
from interview_prep.models.results import QuestionType

MODEL = "offline-grounded-v2"

_QUESTIONS: dict[QuestionType, dict[str, str]] = {
    QuestionType.RELIABILITY: {
        "en": "In {project}, suppose {tech} fails during peak traffic. How would users notice, "
        "how would you detect it, and what would you change so it degrades gracefully?",
        "ko": "{project}에서 피크 시간에 {tech}에 장애가 나면 사용자는 무엇을 겪고, 어떻게 감지하며, "
        "서비스가 우아하게 저하되도록 무엇을 바꾸시겠습니까?",
    },
    QuestionType.SCALABILITY: {
        "en": "If traffic on {project} grew tenfold, where would {tech} become the bottleneck "
        "first, and how would you scale past it?",
        "ko": "{project}의 트래픽이 10배가 되면 {tech}에서 가장 먼저 병목이 생길 지점은 어디이며, "
        "어떻게 확장하시겠습니까?",
    },
    QuestionType.TRADE_OFF: {
        "en": "For {project} you chose {tech}. What alternative did you weigh, and which "
        "trade-off would make you choose differently today?",
        "ko": "{project}에서 {tech}를 택하셨습니다. 어떤 대안과 비교했고, 오늘이라면 어떤 조건에서 "
        "다른 선택을 하시겠습니까?",
    },
    QuestionType.IMPLEMENTATION: {
        "en": 'For {project} you wrote: "{achievement}". Walk me through how you implemented it with {tech}, '
        "including one detail that was harder than expected.",
        "ko": '{project}에 대해 "{achievement}"라고 쓰셨습니다. {tech}로 이를 어떻게 구현했는지, 예상보다 어려웠던 '
        "세부 사항 하나를 포함해 설명해 주세요.",
    },
    QuestionType.PERFORMANCE: {
        "en": "How did you measure performance in {project}? Describe how you would find and "
        "fix a latency regression involving {tech}.",
        "ko": "{project}에서 성능을 어떻게 측정하셨나요? {tech}와 관련된 지연 시간 저하를 찾아 "
        "고치는 과정을 설명해 주세요.",
    },
    QuestionType.QUALITY: {
        "en": "What tests protected {project} when you changed the {tech} parts, and what "
        "would you add to catch the failure you fear most?",
        "ko": "{project}에서 {tech} 관련 부분을 바꿀 때 어떤 테스트가 안전망이었고, 가장 우려하는 "
        "장애를 잡으려면 무엇을 추가하시겠습니까?",
    },
    QuestionType.COLLABORATION: {
        "en": "In {project}, how did the team agree on how to use {tech}? Tell me about a "
        "disagreement and how it was settled.",
        "ko": "{project}에서 팀은 {tech} 사용 방식에 어떻게 합의했나요? 의견이 갈렸던 사례와 "
        "해결 과정을 말씀해 주세요.",
    },
    QuestionType.BUSINESS: {
        "en": "Which business outcome of {project} depended most on {tech}, and how did you "
        "show that the work paid off?",
        "ko": "{project}의 어떤 비즈니스 성과가 {tech}에 가장 크게 의존했고, 그 효과를 어떻게 "
        "입증하셨나요?",
    },
}

_COVER: dict[QuestionType, dict[str, list[str]]] = {
    QuestionType.RELIABILITY: {
        "en": ["failure modes and blast radius", "detection: metrics, alerts, health checks",
               "mitigation: timeouts, retries, fallbacks, idempotency"],
        "ko": ["장애 유형과 영향 범위", "감지: 지표, 알림, 헬스 체크", "완화: 타임아웃, 재시도, 대체 경로, 멱등성"],
    },
    QuestionType.SCALABILITY: {
        "en": ["identifying the first bottleneck with numbers", "horizontal vs vertical scaling",
               "data partitioning and consistency costs"],
        "ko": ["수치로 첫 병목 식별", "수평/수직 확장 비교", "데이터 분할과 일관성 비용"],
    },
    QuestionType.TRADE_OFF: {
        "en": ["the alternatives considered", "criteria: cost, latency, operability, team skill",
               "conditions that would change the decision"],
        "ko": ["검토한 대안", "판단 기준: 비용, 지연, 운영성, 팀 역량", "결정을 바꿀 조건"],
    },
    QuestionType.IMPLEMENTATION: {
        "en": ["concrete design and data flow", "an edge case and how it was handled",
               "how the result was verified"],
        "ko": ["구체적인 설계와 데이터 흐름", "엣지 케이스와 처리 방법", "결과 검증 방법"],
    },
    QuestionType.PERFORMANCE: {
        "en": ["what was measured and with which tools", "profiling to find the cause",
               "before/after numbers"],
        "ko": ["측정 대상과 도구", "원인을 찾는 프로파일링", "개선 전후 수치"],
    },
    QuestionType.QUALITY: {
        "en": ["test levels used (unit, integration, end-to-end)", "what was hard to test and why",
               "how regressions were caught in CI"],
        "ko": ["테스트 수준(단위, 통합, E2E)", "테스트하기 어려웠던 부분과 이유", "CI에서 회귀를 잡은 방법"],
    },
    QuestionType.COLLABORATION: {
        "en": ["how options were presented", "how evidence settled the disagreement",
               "what the team changed afterwards"],
        "ko": ["선택지를 제시한 방식", "근거로 이견을 해소한 과정", "이후 팀이 바꾼 점"],
    },
    QuestionType.BUSINESS: {
        "en": ["the user or business metric affected", "how impact was measured",
               "what was traded off to deliver it"],
        "ko": ["영향을 받은 사용자/비즈니스 지표", "효과 측정 방법", "성과를 위해 포기한 것"],
    },
}  # fmt: skip


def generate(plan: Plan) -> dict[str, Any]:
    if plan.kind is JobKind.INTERVIEW_QUESTIONS:
        return {"questions": [_question(plan, slot) for slot in plan.questions]}
    return _learning_path(plan)


# --- questions -------------------------------------------------------------------------


def _question(plan: Plan, slot: QuestionSlot) -> dict[str, Any]:
    language = plan.language
    focus = slot.focus
    tech = _technology(plan, slot)
    tech_name = tech.name if tech else ("주요 기술" if language == "ko" else "your main stack")
    project = _project_name(plan, focus)
    result = _result(focus, slot.type, language)
    repeated = any(o.type is slot.type for o in plan.questions[: plan.questions.index(slot)])
    template = (_AGAIN if repeated else _QUESTIONS)[slot.type][language]
    if slot.type is QuestionType.IMPLEMENTATION and result is None and not repeated:
        template = _IMPLEMENTATION_WITHOUT_RESULT[language]
    if slot.role_gap is not None:
        earlier = [o for o in plan.questions[: plan.questions.index(slot)] if o.role_gap]
        wording = _ROLE_GAP[min(len(earlier), len(_ROLE_GAP) - 1)]
        template = wording[language].replace("{gap}", slot.role_gap.name)
    text = template.format(project=project, tech=tech_name, achievement=result or "")
    return {
        "id": slot.id,
        "type": slot.type.value,
        "difficulty": slot.difficulty.value,
        "topic": f"{slot.role_gap.name if slot.role_gap else tech_name}, {slot.type.value}",
        "question": text + _DEPTH[slot.difficulty.value][language],
        "what_good_answers_cover": _COVER[slot.type][language],
        "evidence": _evidence(plan, focus, tech),
    }


def _technology(plan: Plan, slot: QuestionSlot) -> TechProfile | None:
    pool = (
        slot.focus.technologies
        if slot.focus and slot.focus.technologies
        else plan.analysis.technologies
    )
    fitting = FIT_CATEGORIES[slot.type]
    # a language is a poor subject for an operations question: prefer what runs
    ranked = sorted(
        pool, key=lambda t: (t.category not in fitting, t.category == "language", -t.weight)
    )
    return ranked[0] if ranked else None


def _project_name(plan: Plan, focus: Experience | None) -> str:
    if focus is not None:
        return focus.name
    return "최근 작업" if plan.language == "ko" else "your recent work"


def _result(focus: Experience | None, question_type: QuestionType, language: str) -> str | None:
    """A measured result to weave into the question, if it is in the question's language."""
    if focus is None:
        return None
    pool = focus.measured or focus.achievements
    for achievement in pool:
        if detect_language(achievement) == language:
            return short_quote(achievement, 90)
    return None


def _evidence(plan: Plan, focus: Experience | None, tech: TechProfile | None) -> dict[str, str]:
    if focus is not None:
        if focus.measured or focus.achievements:
            return {
                "source": focus.source,
                "quote": short_quote((focus.measured or focus.achievements)[0]),
            }
        return {"source": focus.source, "quote": focus.name}
    return _anchor(plan)


def _anchor(plan: Plan) -> dict[str, str]:
    """Ground an item with no experience behind it in the skills, summary or name."""
    source, quote = plan.analysis.anchor
    return {"source": source, "quote": quote}


# --- learning paths --------------------------------------------------------------------


def _learning_path(plan: Plan) -> dict[str, Any]:
    analysis = plan.analysis
    language = plan.language
    pools = {"strength": list(analysis.strengths), "weakness": list(analysis.weaknesses)}
    used = {"strength": 0, "weakness": 0}
    paths = []
    for kind in plan.paths:
        pool = pools[kind] or pools["strength" if kind == "weakness" else "weakness"]
        signal = pool[used[kind] % len(pool)]
        used[kind] += 1
        paths.append(_path(kind, signal, language))
    strengths = [_topic(s, language) for s in analysis.strengths[:4]] or [
        _topic(pools["weakness"][0], language)
    ]
    weaknesses = [_topic(s, language) for s in analysis.weaknesses[:4]] or [
        _topic(pools["strength"][0], language)
    ]
    return {
        "analysis": {"strengths": strengths, "weaknesses": weaknesses},
        "summary": _SUMMARY[language].format(
            strength=strengths[0],
            weakness=weaknesses[0],
            level=_LEVEL[analysis.seniority][language],
        ),
        "paths": paths,
    }


def _topic(signal: Signal, language: str) -> str:
    category = catalog().categories.get(signal.subject)
    if category is not None:
        return category.ko if language == "ko" else category.en
    return signal.topic


def _path(kind: str, signal: Signal, language: str) -> dict[str, Any]:
    topic = _topic(signal, language)
    texts = _PATH_TEXT[kind][language]
    quote = signal.quote if detect_language(signal.quote) == language else topic
    return {
        "type": kind,
        "title": texts["title"].format(topic=topic),
        "description": texts["description"].format(topic=topic),
        "reason": texts["reason"].format(topic=topic, quote=quote),
        "resources": [line.format(topic=topic) for line in texts["resources"]],
        "link": signal.docs or _FALLBACK_LINK,
        "evidence": {"source": signal.source, "quote": signal.quote},
    }


_FALLBACK_LINK = "https://12factor.net/"

#: A second question of the same type (sets of 9 or 10) asks from another angle.
_AGAIN: dict[QuestionType, dict[str, str]] = {
    QuestionType.RELIABILITY: {
        "en": "Tell me about the worst incident you remember around {tech} in {project}: the timeline, the root cause and what stopped it from happening again.",
        "ko": "{project}에서 {tech}와 관련해 기억나는 가장 큰 장애를 타임라인, 근본 원인, 재발 방지책 순서로 말씀해 주세요.",
    },
    QuestionType.SCALABILITY: {
        "en": "Which part of {project} would you redesign first if it had to serve a second region, and how would {tech} be deployed there?",
        "ko": "{project}를 두 번째 리전에서도 서비스해야 한다면 가장 먼저 다시 설계할 부분은 무엇이고, {tech}는 그곳에 어떻게 배치하시겠습니까?",
    },
    QuestionType.TRADE_OFF: {
        "en": "Looking back at {project}, which decision about {tech} cost the most later on, and what did you learn about making such calls?",
        "ko": "돌아보면 {project}에서 {tech}에 관한 어떤 결정이 나중에 가장 큰 비용을 치르게 했고, 그런 결정을 내리는 법에 대해 무엇을 배우셨나요?",
    },
    QuestionType.IMPLEMENTATION: {
        "en": "If a new teammate had to change the {tech} code in {project} tomorrow, which part would you warn them about, and why is it built that way?",
        "ko": "내일 새 팀원이 {project}의 {tech} 코드를 고쳐야 한다면 어떤 부분을 조심하라고 하시겠고, 그 부분은 왜 그렇게 만들어졌나요?",
    },
    QuestionType.PERFORMANCE: {
        "en": "What is the most expensive operation {project} performs with {tech}, and how would you prove whether caching or batching it pays off?",
        "ko": "{project}가 {tech}로 수행하는 가장 비싼 연산은 무엇이고, 그것을 캐싱하거나 묶어 처리하는 것이 이득인지 어떻게 증명하시겠습니까?",
    },
    QuestionType.QUALITY: {
        "en": "Which bug in {project} escaped to production despite your tests, and what did you change in how you test {tech} code afterwards?",
        "ko": "{project}에서 테스트를 통과하고도 운영까지 간 버그는 무엇이었고, 그 뒤 {tech} 코드를 테스트하는 방식을 어떻게 바꾸셨나요?",
    },
    QuestionType.COLLABORATION: {
        "en": "How did you hand over knowledge of {tech} in {project} to people who joined later, and what would you document differently now?",
        "ko": "{project}에 나중에 합류한 사람들에게 {tech} 관련 지식을 어떻게 전달하셨고, 지금이라면 무엇을 다르게 문서화하시겠습니까?",
    },
    QuestionType.BUSINESS: {
        "en": "If the budget for {project} were cut in half, what would you keep running on {tech} and what would you switch off first?",
        "ko": "{project}의 예산이 절반으로 줄어든다면 {tech} 위에서 무엇을 유지하고 무엇을 가장 먼저 끄시겠습니까?",
    },
}

#: A question aimed at what the target role needs and the resume does not show.
_ROLE_GAP = (
    {
        "en": "The role you are applying for relies on {gap}, which your resume does not show. "
        "Taking {project} as the example, where would {gap} change what you built with {tech}, "
        "and how would you become productive with it in your first month?",
        "ko": "지원하신 직무는 {gap}를 많이 쓰지만 이력서에는 관련 경험이 보이지 않습니다. {project}를 예로 들어 "
        "{tech}로 만든 부분 중 {gap}가 무엇을 바꾸게 될지, 첫 한 달 안에 어떻게 익히실지 말씀해 주세요.",
    },
    {
        "en": "Suppose {project} had to run on {gap} from next quarter. What would you migrate "
        "first, what would you keep on {tech}, and what risk would you watch most closely?",
        "ko": "다음 분기부터 {project}를 {gap} 위에서 운영해야 한다면 무엇을 먼저 옮기고, 무엇을 {tech}에 남기며, "
        "어떤 위험을 가장 주의 깊게 보시겠습니까?",
    },
)

_IMPLEMENTATION_WITHOUT_RESULT = {
    "en": "Walk me through how {project} uses {tech}: the main data flow, and one detail that "
    "was harder to get right than it looked.",
    "ko": "{project}에서 {tech}를 어떻게 사용했는지 주요 데이터 흐름을 중심으로 설명해 주시고, "
    "생각보다 까다로웠던 세부 사항 하나를 짚어 주세요.",
}
#: What each difficulty adds to a question.
_DEPTH = {
    "easy": {"en": "", "ko": ""},
    "medium": {
        "en": " Name the signal you would look at first.",
        "ko": " 가장 먼저 확인할 지표나 신호도 함께 말씀해 주세요.",
    },
    "hard": {
        "en": " If it had to ship within a week without downtime, what would you leave out?",
        "ko": " 일주일 안에 무중단으로 반영해야 한다면 무엇을 덜어내시겠습니까?",
    },
}
_LEVEL = {
    "junior": {"en": "an early-career engineer", "ko": "주니어 엔지니어"},
    "mid": {"en": "a mid-level engineer", "ko": "미드 레벨 엔지니어"},
    "senior": {"en": "a senior engineer", "ko": "시니어 엔지니어"},
}
_SUMMARY = {
    "en": "As {level}, your clearest edge is {strength}; the plan builds on it and then "
    "closes the most visible gap, {weakness}.",
    "ko": "{level}로서 가장 뚜렷한 강점은 {strength}입니다. 이 계획은 그 강점을 키우고, "
    "가장 눈에 띄는 빈틈인 {weakness}을(를) 메웁니다.",
}
_PATH_TEXT: dict[str, dict[str, dict[str, Any]]] = {
    "strength": {
        "en": {
            "title": "Take {topic} to production depth",
            "description": "Learn how {topic} behaves under load and failure, so you can "
            "defend your design choices with numbers.",
            "reason": 'Your resume shows real work here ("{quote}"); depth in it sets you apart.',
            "resources": [
                "The operations and tuning chapters of the official {topic} documentation",
                "A failure experiment on your own project: break {topic}, measure, write it up",
            ],
        },
        "ko": {
            "title": "{topic} 운영 수준까지 깊게 익히기",
            "description": "{topic}이(가) 부하와 장애 상황에서 어떻게 동작하는지 익혀 설계 결정을 "
            "수치로 설명할 수 있게 됩니다.",
            "reason": '이력서에 이미 실제 경험이 있습니다("{quote}"). 이 부분의 깊이가 차별점이 됩니다.',
            "resources": [
                "{topic} 공식 문서의 운영·튜닝 장 읽기",
                "내 프로젝트에서 {topic} 장애를 일부러 일으키고 측정해 기록하기",
            ],
        },
    },
    "weakness": {
        "en": {
            "title": "Add {topic} to your toolkit",
            "description": "Apply {topic} practices to a service you built and measure "
            "what changes, so the gap becomes a story you can tell.",
            "reason": 'Nothing in the resume shows {topic}, which your stack ("{quote}") '
            "needs in production.",
            "resources": [
                "The official getting-started guide for {topic}, followed on your own code",
                "A one-page write-up of before and after",
            ],
        },
        "ko": {
            "title": "{topic} 역량 보완",
            "description": "직접 만든 서비스에 {topic} 실천을 적용하고 달라진 점을 측정해, "
            "빈틈을 설명할 수 있는 경험으로 바꿉니다.",
            "reason": '이력서의 기술 스택("{quote}")은 운영 환경에서 {topic}이(가) 필요하지만 '
            "관련 경험이 드러나지 않습니다.",
            "resources": [
                "{topic} 공식 시작 가이드를 내 코드에 따라 적용하기",
                "적용 전후 차이를 한 쪽 분량으로 정리하기",
            ],
        },
    },
}
