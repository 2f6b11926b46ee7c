"""The offline provider: deterministic, resume-grounded output with no network.

It answers from the resume analysis, so the service works with no API key. The
knowledge-base issue makes its questions and paths richer; the interface stays.
"""

from __future__ import annotations

import json
from itertools import cycle
from typing import Any

from interview_prep.generation.analysis import Analysis, Experience, analyse
from interview_prep.llm.base import GenerationRequest, GenerationResult
from interview_prep.models.jobs import JobKind, Usage
from interview_prep.models.results import QuestionType

MODEL = "offline-grounded-v1"

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
        "en": 'You wrote: "{achievement}". Walk me through how you implemented it with {tech}, '
        "including one detail that was harder than expected.",
        "ko": '"{achievement}"라고 쓰셨습니다. {tech}로 이를 어떻게 구현했는지, 예상보다 어려웠던 '
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

#: Type order by seniority: juniors start from what they built, seniors from operations.
_TYPE_ORDER = {
    "junior": [QuestionType.IMPLEMENTATION, QuestionType.TRADE_OFF, QuestionType.RELIABILITY,
               QuestionType.PERFORMANCE, QuestionType.QUALITY, QuestionType.SCALABILITY,
               QuestionType.COLLABORATION, QuestionType.BUSINESS],
    "mid": [QuestionType.RELIABILITY, QuestionType.TRADE_OFF, QuestionType.IMPLEMENTATION,
            QuestionType.SCALABILITY, QuestionType.PERFORMANCE, QuestionType.QUALITY,
            QuestionType.COLLABORATION, QuestionType.BUSINESS],
    "senior": [QuestionType.SCALABILITY, QuestionType.RELIABILITY, QuestionType.TRADE_OFF,
               QuestionType.BUSINESS, QuestionType.PERFORMANCE, QuestionType.COLLABORATION,
               QuestionType.QUALITY, QuestionType.IMPLEMENTATION],
}  # fmt: skip

_DOCS = {
    "kafka": "https://kafka.apache.org/documentation/",
    "redis": "https://redis.io/docs/latest/",
    "postgresql": "https://www.postgresql.org/docs/current/",
    "mongodb": "https://www.mongodb.com/docs/manual/",
    "kubernetes": "https://kubernetes.io/docs/home/",
    "k8s": "https://kubernetes.io/docs/home/",
    "docker": "https://docs.docker.com/",
    "spring boot": "https://docs.spring.io/spring-boot/index.html",
    "fastapi": "https://fastapi.tiangolo.com/",
    "react": "https://react.dev/learn",
    "next.js": "https://nextjs.org/docs",
    "rabbitmq": "https://www.rabbitmq.com/docs",
    "aws lambda": "https://docs.aws.amazon.com/lambda/latest/dg/welcome.html",
    "terraform": "https://developer.hashicorp.com/terraform/docs",
}
_GAPS = {
    "observability": (
        {"prometheus", "grafana", "opentelemetry", "datadog", "cloudwatch", "sentry"},
        "https://opentelemetry.io/docs/",
    ),
    "testing": (
        {"jest", "pytest", "junit", "cypress", "playwright", "k6", "testcontainers"},
        "https://martinfowler.com/articles/practical-test-pyramid.html",
    ),
    "security": (
        {"oauth", "keycloak", "vault", "owasp", "spring security"},
        "https://owasp.org/www-project-top-ten/",
    ),
}


class OfflineProvider:
    name = "offline"

    def generate(self, request: GenerationRequest) -> GenerationResult:
        analysis = analyse(request.resume)
        language = request.language if request.language in {"ko", "en"} else analysis.language
        if request.kind is JobKind.INTERVIEW_QUESTIONS:
            data = _questions(analysis, language, int(request.parameters.get("count", 5)))
        else:
            data = _paths(analysis, language, int(request.parameters.get("path_count", 5)))
        produced = json.dumps(data, ensure_ascii=False)
        usage = Usage(input_tokens=len(request.user_prompt) // 4, output_tokens=len(produced) // 4)
        return GenerationResult(data=data, provider=self.name, model=MODEL, usage=usage)


def _subjects(analysis: Analysis) -> list[Experience]:
    with_tech = [exp for exp in analysis.experiences if exp.technologies]
    if with_tech:
        return with_tech
    # no projects: ground questions in the skills list itself
    techs = analysis.technologies or ("your main stack",)
    return [Experience("technical_skills", "your recent work", tuple(techs), ())]


def _questions(analysis: Analysis, language: str, count: int) -> dict[str, Any]:
    subjects = cycle(_subjects(analysis))
    types = cycle(_TYPE_ORDER[analysis.seniority])
    questions = []
    for index, difficulty in enumerate(analysis.difficulties(count)):
        subject, kind = next(subjects), next(types)
        tech = subject.technologies[index % len(subject.technologies)]
        achievement = (
            subject.achievements[index % len(subject.achievements)]
            if subject.achievements
            else subject.name
        )
        if kind is QuestionType.IMPLEMENTATION and not subject.achievements:
            kind = QuestionType.TRADE_OFF
        questions.append(
            {
                "type": kind.value,
                "difficulty": difficulty.value,
                "topic": f"{kind.value}, {tech}",
                "question": _QUESTIONS[kind][language].format(
                    project=subject.name, tech=tech, achievement=achievement
                ),
                "what_good_answers_cover": _COVER[kind][language],
                "evidence": {"source": subject.source, "quote": achievement[:2_000]},
            }
        )
    return {"questions": questions}


def _paths(analysis: Analysis, language: str, count: int) -> dict[str, Any]:
    strengths = round(count * 0.6)
    known = {tech.casefold() for tech in analysis.technologies}
    gaps = [(area, link) for area, (tools, link) in _GAPS.items() if not known & tools]
    subjects = _subjects(analysis)
    paths: list[dict[str, Any]] = []
    for index in range(count):
        subject = subjects[index % len(subjects)]
        if index < strengths or not gaps:
            tech = subject.technologies[index % len(subject.technologies)]
            paths.append(_strength(tech, subject, language))
        else:
            area, link = gaps[(index - strengths) % len(gaps)]
            paths.append(_weakness(area, link, analysis, language))
    summary = (
        "강점은 더 깊게, 비어 있는 영역은 실습으로 채우는 학습 계획입니다."
        if language == "ko"
        else "Deepen what you already do well and fill the gaps with hands-on practice."
    )
    return {"summary": summary, "paths": paths}


def _strength(tech: str, subject: Experience, language: str) -> dict[str, Any]:
    quote = subject.achievements[0] if subject.achievements else subject.name
    link = _DOCS.get(tech.casefold(), "https://roadmap.sh/")
    if language == "ko":
        return {
            "type": "strength",
            "title": f"{tech} 심화: 운영 수준으로",
            "description": f"{tech}의 내부 동작과 장애 대응을 익혀 설계 결정을 근거로 설명할 수 있게 됩니다.",
            "reason": f"{subject.name}에서 {tech}를 사용한 경험이 있어 깊이를 더하면 차별화됩니다.",
            "resources": [
                f"{tech} 공식 문서의 운영/튜닝 장",
                f"{subject.name}에 장애 시나리오 실험 추가",
            ],
            "link": link,
            "evidence": {"source": subject.source, "quote": quote[:2_000]},
        }
    return {
        "type": "strength",
        "title": f"Take {tech} to production depth",
        "description": f"Learn how {tech} behaves under load and failure so you can defend design choices.",
        "reason": f"You already used {tech} in {subject.name}; depth there sets you apart.",
        "resources": [f"The operations and tuning chapters of the {tech} docs", f"Add failure experiments to {subject.name}"],
        "link": link,
        "evidence": {"source": subject.source, "quote": quote[:2_000]},
    }  # fmt: skip


def _weakness(area: str, link: str, analysis: Analysis, language: str) -> dict[str, Any]:
    stack = ", ".join(analysis.technologies[:3]) or "your stack"
    if language == "ko":
        names = {
            "observability": "관측성(모니터링·트레이싱)",
            "testing": "테스트 전략",
            "security": "보안 기본기",
        }
        return {
            "type": "weakness",
            "title": f"{names[area]} 보완",
            "description": f"{stack} 기반 서비스에 {names[area]}을 적용해 운영 신뢰도를 높입니다.",
            "reason": f"이력서에 {names[area]} 관련 도구나 경험이 드러나지 않습니다.",
            "resources": [
                "공식 가이드를 따라 기존 프로젝트에 적용",
                "적용 전후 차이를 문서로 정리",
            ],
            "link": link,
        }
    return {
        "type": "weakness",
        "title": f"Build a habit of {area}",
        "description": f"Apply {area} practices to a service built on {stack} and measure the difference.",
        "reason": f"The resume shows no {area} tools or experience for the level it describes.",
        "resources": ["Follow the official guide on one of your projects", "Write down what changed"],
        "link": link,
    }  # fmt: skip
