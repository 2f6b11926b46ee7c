"""The offline grader: an honest, deterministic grade without a model.

Per point, how much of it the answer explains (the point's key terms, matched tolerant of
particles, inflection and the catalog's aliases); then signs of a concrete answer (numbers,
named technologies, the candidate's own project, cause and effect). Sentences that address
the grader are not part of the answer and are dropped first. What is left decides:

- nothing, "I don't know" or only instructions: at most 15;
- off-topic (none of the points' or the topic's terms): at most 15;
- a bare list of the points' terms, or the question said back: at most 30;
- otherwise 75 x the explained share of the points + up to 25 for concreteness, and at
  most 50 while more than half the points are missing.

The follow-up probes the first missing point (points are listed most important first), or
goes one level deeper when none is missing.
"""

# ruff: noqa: RUF001
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from interview_prep.generation.korean import fill
from interview_prep.generation.quality import similarity
from interview_prep.grading.context import GradingTask
from interview_prep.grading.terms import AnswerText, is_stopword, key_terms, words
from interview_prep.models.results import Difficulty

#: A point counts as explained from this share of its key terms on (by weight) ...
EXPLAINED = 0.36
#: Below this share of every point's terms (and none of the topic's) an answer is off topic.
STRAY_WORDS = 0.25
#: ... and fully explained from this share.
SATURATED = 0.6
COVERAGE_POINTS = 75
CONCRETE_POINTS = 25
EMPTY_CAP = 15
SHALLOW_CAP = 30
MOSTLY_MISSING_CAP = 50

_SENTENCE = re.compile(r"(?<=[.!?。])\s+|\n+|(?<=다\.)|(?<=요\.)")
_TO_GRADER = re.compile(
    r"(ignore|disregard)\s+(the|all|any|previous|prior|above)|"
    r"\b(give|grade|score|rate|mark|award)\w*\s+(this|the|my|it)?\s*(answer|response|me|a|an)?\s*"
    r"(\d{2,3}|full|perfect|top|maximum|high)|full marks|perfect score|"
    r"\b(grader|rubric|system prompt|you are now)\b|\d{2,3}\s*(/\s*100|points?\b)|"
    r"채점|평가자|만점|점수를?\s*(주|매겨|줘|부여)|\d{2,3}\s*점|무시하(고|세요|십시오)|지시를?\s*따",
    re.IGNORECASE,
)
_DONT_KNOW = re.compile(
    r"(don'?t|do not|doesn'?t)\s+know|no idea|not sure|can'?t remember|pass\b|skip\b|"
    r"모르겠|모릅니다|몰라|잘\s*모르|기억이?\s*(잘\s*)?(안|나지)|패스|생각이?\s*안\s*나",
    re.IGNORECASE,
)
_CAUSE = re.compile(
    r"\bbecause\b|\bsince\b|\bso that\b|\btherefore\b|\bas a result\b|\bwhich meant\b|"
    r"\bso we\b|\bthat is why\b|\bdue to\b|\bcaused\b|\bin order to\b|"
    r"때문|그래서|따라서|덕분|위해|결과|므로|니까|해서|으로 인해|로 인해",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d")
_NEXT_LEVEL = {
    Difficulty.EASY: Difficulty.MEDIUM,
    Difficulty.MEDIUM: Difficulty.HARD,
    Difficulty.HARD: Difficulty.HARD,
}


@dataclass(frozen=True)
class Reading:
    """What the grader made of the answer."""

    answer: AnswerText
    explained: dict[str, float]
    kind: str  # "answer" | "empty" | "instruction" | "off_topic" | "term_list" | "echo"
    concreteness: int
    dropped_instructions: bool


def grade(task: GradingTask) -> dict[str, Any]:
    reading = read(task)
    covered = [p for p in task.points if reading.explained[p] >= EXPLAINED]
    if reading.kind != "answer":
        covered = []
    missing = [p for p in task.points if p not in covered]
    return {
        "score": score(task, reading, covered, missing),
        "covered": covered,
        "missing": missing,
        "feedback": feedback(task, reading, covered, missing),
        "follow_up": follow_up(task, missing),
    }


def read(task: GradingTask) -> Reading:
    sentences = [s.strip() for s in _SENTENCE.split(task.answer) if s and s.strip()]
    kept = [s for s in sentences if not _TO_GRADER.search(s)]
    answer = AnswerText(" ".join(kept))
    explained = {point: answer.coverage(point) for point in task.points}
    concrete = _concreteness(task, answer)
    return Reading(answer, explained, _kind(task, answer, explained), concrete, kept != sentences)


def _content_words(text: str) -> list[str]:
    return [w for w in words(text) if not is_stopword(w)]


def _kind(task: GradingTask, answer: AnswerText, explained: dict[str, float]) -> str:
    content = _content_words(answer.text)
    if len(content) < 3 or (_DONT_KNOW.search(answer.text) and max(explained.values()) < 0.5):
        return "instruction" if not content and answer.text != task.answer else "empty"
    # a word or two in common by chance is not being on topic
    on_topic = max(explained.values()) >= STRAY_WORDS or (
        answer.coverage(task.question.topic + " " + task.subject) > 0
    )
    if not on_topic:
        return "off_topic"
    if similarity(answer.text, task.question.question) >= 0.45 or _within_question(task, answer):
        return "echo"
    if _bare_list(task, answer):
        return "term_list"
    return "answer"


def _within_question(task: GradingTask, answer: AnswerText) -> bool:
    """Nearly every word of the answer is a word of the question."""
    asked = AnswerText(task.question.question)
    content = _content_words(answer.text)
    said_back = sum(1 for w in content if any(asked.uses(t) for t in key_terms(w)))
    return said_back >= 0.8 * len(content)


def _bare_list(task: GradingTask, answer: AnswerText) -> bool:
    """Terms listed, not explained: short fragments, or hardly a word beyond the terms."""
    fragments = [f for f in re.split(r"[,;\n·•/]|\s-\s|\.\s", answer.text) if f.strip()]
    short = sum(1 for f in fragments if len(words(f)) <= 4)
    if len(fragments) >= 3 and short >= 0.7 * len(fragments):
        return True
    vocabulary = " ".join(task.points) + " " + task.question.topic
    rubric = AnswerText(vocabulary)
    content = _content_words(answer.text)
    from_rubric = sum(1 for w in content if any(rubric.uses(t) for t in key_terms(w)))
    return len(content) >= 3 and from_rubric >= 0.85 * len(content)


def _concreteness(task: GradingTask, answer: AnswerText) -> int:
    found = 0
    if _NUMBER.search(answer.text):
        found += 6
    named = len(answer.technologies)
    found += 6 if named >= 2 else 3 if named == 1 else 0
    if any(name.casefold() in answer.text.casefold() for name in task.projects) or re.search(
        r"\b(we|our|i)\b|저희|제가|우리", answer.text, re.IGNORECASE
    ):
        found += 5
    if _CAUSE.search(answer.text):
        found += 6
    if len(answer.words) >= 60:
        found += 2
    return min(found, CONCRETE_POINTS)


def score(task: GradingTask, reading: Reading, covered: list[str], missing: list[str]) -> int:
    if reading.kind in {"empty", "instruction", "off_topic"}:
        share = max(reading.explained.values(), default=0.0)
        return min(EMPTY_CAP, round(10 * share))
    share = sum(min(1.0, v / SATURATED) for v in reading.explained.values()) / len(task.points)
    if reading.kind in {"term_list", "echo"}:
        return min(SHALLOW_CAP, round(SHALLOW_CAP * share))
    value = COVERAGE_POINTS * share + reading.concreteness * min(1.0, 2 * share)
    if len(missing) > len(task.points) / 2:
        value = min(value, MOSTLY_MISSING_CAP)
    return max(0, min(100, round(value)))


# --- feedback --------------------------------------------------------------------------

_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "empty": "There is no answer to grade yet. Start with {first} "
        "and describe what you did in {project}.",
        "instruction": "The answer only addresses the grader; instructions are not part of "
        "an answer and were ignored. Start with {first}.",
        "off_topic": "The answer is about something else: the question asks "
        "about {subject}. Start with {first}.",
        "term_list": "You listed terms without explaining them. Say how each one works in "
        "{project} and why it matters, starting with {first}.",
        "echo": "The answer repeats the question without answering "
        "it. Explain {first} in {project}.",
        "covered": "You explained {covered}",
        "quote": ", e.g. “{quote}”",
        "missing": "What is missing: {missing}.",
        "complete": "Every point a strong answer covers is there.",
        "no_number": "Add a number you measured to make it concrete.",
        "no_cause": "Say why: the cause and its effect, not only what was done.",
        "ignored": "Instructions to the grader were ignored.",
        "your_project": "your project",
    },
    "ko": {
        "empty": "아직 채점할 답변이 없습니다. {first}부터 "
        "{project}에서 하신 일을 중심으로 설명해 보세요.",
        "instruction": "답변이 채점자에게 하는 말뿐입니다. 채점 지시는 답변이 아니므로 "
        "무시했습니다. {first}부터 설명해 보세요.",
        "off_topic": "질문과 다른 이야기입니다. 질문은 {subject}에 관한 "
        "것입니다. {first}부터 설명해 보세요.",
        "term_list": "용어를 나열만 하고 설명하지 않았습니다. 각각이 {project}에서 "
        "어떻게 동작하고 왜 중요한지, {first}부터 설명해 보세요.",
        "echo": "질문을 되풀이했을 뿐 답하지 않았습니다. {project}에서 "
        "{first} 부분을 설명해 보세요.",
        "covered": "{covered} 부분은 설명하셨습니다",
        "quote": "(예: “{quote}”)",
        "missing": "빠진 내용: {missing}.",
        "complete": "좋은 답변이 다뤄야 할 내용을 모두 다루셨습니다.",
        "no_number": "직접 측정한 수치를 더하면 더 구체적인 답변이 됩니다.",
        "no_cause": "무엇을 했는지뿐 아니라 왜 그렇게 했는지, 원인과 결과를 말해 보세요.",
        "ignored": "채점자에게 하는 지시는 무시했습니다.",
        "your_project": "해당 프로젝트",
    },
}


def _quoted(point: str) -> str:
    return f"‘{point}’"


def feedback(task: GradingTask, reading: Reading, covered: list[str], missing: list[str]) -> str:
    texts = _TEXTS[task.language]
    project = task.project or texts["your_project"]
    first = _quoted((missing or task.points)[0])
    if reading.kind != "answer":
        return fill(
            texts[reading.kind],
            first=first,
            project=project,
            subject=task.subject,
        )
    parts: list[str] = []
    if covered:
        said = texts["covered"].format(covered=", ".join(_quoted(p) for p in covered))
        quote = _best_sentence(reading.answer, covered)
        parts.append(said + (texts["quote"].format(quote=quote) if quote else "") + ".")
    parts.append(
        texts["missing"].format(missing=", ".join(_quoted(p) for p in missing))
        if missing
        else texts["complete"]
    )
    if not _NUMBER.search(reading.answer.text):
        parts.append(texts["no_number"])
    if not _CAUSE.search(reading.answer.text):
        parts.append(texts["no_cause"])
    if reading.dropped_instructions:
        parts.append(texts["ignored"])
    return " ".join(parts)


def _best_sentence(answer: AnswerText, covered: list[str], limit: int = 120) -> str:
    """The answer's sentence that explains the covered points best, quoted back."""
    sentences = [s.strip() for s in _SENTENCE.split(answer.text) if s and s.strip()]
    if not sentences:
        return ""
    best = max(sentences, key=lambda s: sum(AnswerText(s).coverage(point) for point in covered))
    return best if len(best) <= limit else best[: limit - 1].rstrip() + "…"


# --- the follow-up ---------------------------------------------------------------------

_FOLLOW_UPS: dict[str, dict[str, Any]] = {
    "en": {
        "probe": "Staying with {subject} in {project}: your answer did not get to {point}. "
        "How does that work there, and how would you check that it does?",
        "probe_cover": [
            "{point}",
            "How it is verified or measured in {project}",
        ],
        "again": "Let's make it concrete, still on {subject} in {project}: when did {point} "
        "actually matter there, what told you, and what did you change?",
        "deeper": "One level deeper on {subject} in {project}: where does the approach you "
        "described stop working, and what would make you change it?",
        "deeper_cover": [
            "The limit or failure mode of the approach and when it shows up",
            "The alternative and what it trades off",
            "The signal (a metric or an incident) that would trigger the change",
        ],
        "your_project": "your project",
    },
    "ko": {
        "probe": "{project}의 {subject} 이야기를 이어 가겠습니다. 답변에서 {point} 부분을 다루지 "
        "않으셨는데, 실제로는 어떻게 동작하고 그것을 어떻게 확인하시겠어요?",
        "probe_cover": [
            "{point}",
            "{project}에서 이를 검증하거나 측정하는 방법",
        ],
        "again": "{subject} 이야기를 구체적인 사례로 다시 여쭙겠습니다. "
        "{project}에서 {point} 부분이 실제로 문제가 된 적이 있다면, "
        "무엇을 보고 알았고 무엇을 바꾸셨나요?",
        "deeper": "{project}의 {subject}에 대해 한 단계 더 들어가 보겠습니다. 설명하신 방식이 "
        "어디서부터 통하지 않게 되고, 어떤 상황이면 방식을 바꾸시겠어요?",
        "deeper_cover": [
            "설명한 방식의 한계나 실패 양상과 그것이 드러나는 조건",
            "대안과 그 대안이 포기하는 것",
            "방식을 바꿀 계기가 되는 신호(지표나 장애)",
        ],
        "your_project": "해당 프로젝트",
    },
}


def follow_up(task: GradingTask, missing: list[str]) -> dict[str, Any]:
    texts = _FOLLOW_UPS[task.language]
    values = {"subject": task.subject, "project": task.project or texts["your_project"]}
    question = task.question
    if missing:
        values["point"] = _quoted(missing[0])
        # the question already probed this point: ask for the concrete case instead
        asked_before = missing[0] in question.question
        return {
            "question": texts["again" if asked_before else "probe"].format(**values),
            "type": question.type.value,
            "difficulty": question.difficulty.value,
            "what_good_answers_cover": [
                line.format(**{**values, "point": missing[0]}) for line in texts["probe_cover"]
            ],
        }
    return {
        "question": texts["deeper"].format(**values),
        "type": question.type.value,
        "difficulty": _NEXT_LEVEL[question.difficulty].value,
        "what_good_answers_cover": list(texts["deeper_cover"]),
    }
