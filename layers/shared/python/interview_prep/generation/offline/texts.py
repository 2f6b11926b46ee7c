"""The offline generator's own words: lead-ins that weave in the resume, follow-ups per
difficulty, path texts, and fallback stems for a question type the knowledge base has no
angle for. Korean templates mark variable particles as format specs (``{tech:을}``)."""

from __future__ import annotations

from interview_prep.models.results import QuestionType

QUESTIONS: dict[QuestionType, dict[str, str]] = {
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
        "ko": "{project}에서 {tech:을} 택하셨습니다. 어떤 대안과 비교했고, 오늘이라면 어떤 조건에서 "
        "다른 선택을 하시겠습니까?",
    },
    QuestionType.IMPLEMENTATION: {
        "en": "Walk me through how {project} uses {tech}: the main data flow, and one detail "
        "that was harder to get right than it looked.",
        "ko": "{project}에서 {tech:을} 어떻게 사용했는지 주요 데이터 흐름을 중심으로 설명해 주시고, "
        "생각보다 까다로웠던 세부 사항 하나를 짚어 주세요.",
    },
    QuestionType.PERFORMANCE: {
        "en": "How did you measure performance in {project}? Describe how you would find and "
        "fix a latency regression involving {tech}.",
        "ko": "{project}에서 성능을 어떻게 측정하셨나요? {tech:과} 관련된 지연 시간 저하를 찾아 "
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

COVER: dict[QuestionType, dict[str, list[str]]] = {
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


FALLBACK_LINK = "https://12factor.net/"

#: A second question of the same type (sets of 9 or 10) asks from another angle.
AGAIN: dict[QuestionType, dict[str, str]] = {
    QuestionType.RELIABILITY: {
        "en": "Tell me about the worst incident you remember around {tech} in {project}: the timeline, the root cause and what stopped it from happening again.",
        "ko": "{project}에서 {tech:과} 관련해 기억나는 가장 큰 장애를 타임라인, 근본 원인, 재발 방지책 순서로 말씀해 주세요.",
    },
    QuestionType.SCALABILITY: {
        "en": "Which part of {project} would you redesign first if it had to serve a second region, and how would {tech} be deployed there?",
        "ko": "{project:을} 두 번째 리전에서도 서비스해야 한다면 가장 먼저 다시 설계할 부분은 무엇이고, {tech:은} 그곳에 어떻게 배치하시겠습니까?",
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
        "ko": "{project:이} {tech:으로} 수행하는 가장 비싼 연산은 무엇이고, 그것을 캐싱하거나 묶어 처리하는 것이 이득인지 어떻게 증명하시겠습니까?",
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
MAIN_STACK = {"en": "your main stack", "ko": "주요 기술"}
RECENT_WORK = {"en": "your recent work", "ko": "최근 작업"}
#: Sentences that open a question with what the candidate wrote, in rotation.
RESULT_LEADS = {
    "en": (
        "For {project} you wrote: {result}.",
        "Your resume says of {project}: {result}.",
        "One result you list for {project} is {result}.",
    ),
    "ko": (
        "{project}에 대해 {result:이라고} 적으셨습니다.",
        "이력서에 {project}의 성과로 {result:이라고} 쓰셨습니다.",
        "{project} 항목에 {result:이라는} 내용이 있습니다.",
    ),
}
TEAM_LEAD = {
    "en": "You built {project} in a team of {size}.",
    "ko": "{project:은} {size}명이 함께 만든 프로젝트였습니다.",
}
ROLE_GAP_LEAD = {
    "en": "The role you are applying for relies on {gap}, which your resume does not show.",
    "ko": "지원하신 직무는 {gap:을} 많이 쓰지만 이력서에는 관련 경험이 보이지 않습니다.",
}
#: Question types where a deadline makes a hard question harder in a realistic way.
PRESSURED = frozenset(
    {QuestionType.RELIABILITY, QuestionType.SCALABILITY, QuestionType.PERFORMANCE,
     QuestionType.TRADE_OFF}
)  # fmt: skip
#: What a difficulty adds to a question about operations or design.
DEPTH = {
    "easy": {"en": "", "ko": ""},
    "medium": {"en": "", "ko": ""},
    "hard": {
        "en": "If it had to ship within a week without downtime, what would you leave out?",
        "ko": "일주일 안에 무중단으로 반영해야 한다면 무엇을 덜어내시겠습니까?",
    },
}
LEVEL = {
    "junior": {"en": "an early-career engineer", "ko": "주니어 엔지니어"},
    "mid": {"en": "a mid-level engineer", "ko": "미드 레벨 엔지니어"},
    "senior": {"en": "a senior engineer", "ko": "시니어 엔지니어"},
}
SUMMARY = {
    "en": "As {level}, your clearest edge is {strength}; the plan builds on it and then "
    "closes the most visible gap, {weakness}.",
    "ko": "{level}로서 가장 뚜렷한 강점은 {strength}입니다. 이 계획은 그 강점을 키우고, "
    "가장 눈에 띄는 빈틈인 {weakness:을} 메웁니다.",
}
#: Learning-path wording; {covers} are the knowledge base's points for the topic.
PATH_TITLES = {
    "strength": {
        "en": (
            "Take {topic} to production depth",
            "Make {topic} your signature skill",
            "Own {topic} end to end",
        ),
        "ko": (
            "{topic} 운영 수준까지 깊게 익히기",
            "{topic:을} 대표 강점으로 만들기",
            "{topic} 설계부터 운영까지 책임지기",
        ),
    },
    "weakness": {
        "en": (
            "Close the gap: {topic}",
            "Add {topic} to your toolkit",
            "Build real {topic} experience",
        ),
        "ko": ("{topic} 역량 보완", "{topic} 빈틈 메우기", "{topic} 실전 경험 쌓기"),
    },
}
PATH_DESCRIPTIONS = {
    "strength": {
        "en": "Be able to explain, with numbers from {project}: {covers}.",
        "ko": "{project}의 실제 수치를 들어 다음을 설명할 수 있게 됩니다: {covers}.",
    },
    "weakness": {
        "en": "Apply {topic} to {project} and be ready to discuss: {covers}.",
        "ko": "{project}에 {topic:을} 직접 적용해 보고 다음을 설명할 수 있게 됩니다: {covers}.",
    },
}
#: When the knowledge base has nothing on the topic.
PATH_DESCRIPTION_GENERIC = {
    "en": "Learn how {topic} behaves in production, and practise explaining your own design "
    "choices around it with numbers.",
    "ko": "{topic:이} 운영 환경에서 어떻게 동작하는지 익히고, 관련 설계 결정을 직접 수치로 설명하는 연습을 합니다.",
}
PATH_REASONS = {
    "strength_quoted": {
        "en": "For {project} you wrote {quote}; that is the base to build on.",
        "ko": "{project}에 대해 {quote:이라고} 쓰셨습니다. 이 경험이 출발점입니다.",
    },
    "strength": {
        "en": "You already use {topic} in {project}, so going deeper there (its failure modes, "
        "its limits at scale and how you would tune it) is what will set you apart.",
        "ko": "{project}에서 이미 {topic:을} 쓰고 있어 깊이를 더하면 차별점이 됩니다.",
    },
    "weakness": {
        "en": "Nothing in the resume shows {topic}, which a stack with {quote} needs in production.",
        "ko": "{quote} 같은 기술을 운영하려면 {topic:이} 필요하지만 이력서에는 관련 경험이 드러나지 않습니다.",
    },
    "practice": {
        "en": "Your practice answer on {topic} left out {quote}; a strong answer covers it, "
        "so that is the gap to close first.",
        "ko": "{topic} 연습 답변에서 {quote} 내용이 빠져 있었습니다. 좋은 답변이라면 다루는 "
        "내용이니 이 부분부터 채우는 것이 좋습니다.",
    },
    "role_gap": {
        "en": "The role you want relies on {topic}, and nothing in the resume shows it yet.",
        "ko": "지원하려는 직무는 {topic:을} 많이 쓰지만 이력서에는 아직 관련 경험이 없습니다.",
    },
}
#: A gap the candidate's graded answers showed (a learning path from practice).
PRACTICE_WEAKNESS = {
    "en": "{topic}: your practice answers left out {quote}",
    "ko": "{topic}: 연습 답변에서 {quote} 내용이 빠졌습니다",
}
PRACTICE = {
    "en": "Practice on your own work: {question}",
    "ko": "내 경험으로 연습하기: {question}",
}
GENERIC_RESOURCES = {
    "en": (
        "The official {topic} documentation, read with {project} in mind",
        "A one-page write-up of what you changed and measured",
    ),
    "ko": (
        "{project:을} 떠올리며 {topic} 공식 문서 읽기",
        "바꾼 점과 측정 결과를 한 쪽으로 정리하기",
    ),
}

#: Words too common in resumes and questions to say two texts are about the same thing
#: (Hangul words as their first two syllables, as the overlap measure compares them).
# fmt: off
COMMON_WORDS = frozenset({
    "with", "that", "from", "this", "your", "have", "what", "which", "when", "were", "into",
    "them", "they", "their", "there", "about", "using", "used", "based", "through", "after",
    "before", "would", "could", "should", "make", "made", "more", "most", "than",
    "하여", "통해", "사용", "기반", "위한", "위해", "구현", "구축", "있는", "어떻게", "무엇", "했나",
    "하셨", "설명", "경우", "관련", "프로", "서비", "시스", "데이", "개발", "적용", "진행", "처리",
})
# fmt: on
