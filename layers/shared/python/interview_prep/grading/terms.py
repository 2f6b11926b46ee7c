"""Key terms of a point and whether an answer uses them, tolerant of how Korean and English
inflect words.

A term matches when the answer writes the same word with other endings: Korean stems lose
particles and endings (``커넥션이`` / ``커넥션을``, ``빨라지지`` / ``빨라지는``), English
words lose plurals and verb endings (``retries`` / ``retried``), and a technology matches
any spelling the catalog knows for it (``K8s`` for Kubernetes). Words written together or
apart (``커넥션 풀`` / ``커넥션풀``) match either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

from interview_prep.knowledge.catalog import catalog

_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9+#]*(?:[._-][A-Za-z0-9+#]+)*|\d+(?:[.,]\d+)*%?|[가-힣]+")
_HANGUL = re.compile(r"^[가-힣]+$")
#: Korean tails that carry grammar, not meaning; the longest is tried first.
_KOREAN_TAILS = tuple(
    sorted(
        """은 는 이 가 을 를 의 에 로 와 과 도 만 나 랑 께 야
        으로 에서 에게 까지 부터 처럼 보다 이나 이라 라는 이라는 에는 에도 으로는 에서는
        과의 와의 하는 하고 하여 해서 하면 했다 했고 합니다 했습니다 하기 하지 한다 할 한
        된 되는 되고 돼서 됩니다 적인 적으로 이고 이며 이다 입니다 인지 인가 인데 에선 이란
        란""".split(),  # noqa: SIM905 - a word list reads better as words
        key=len,
        reverse=True,
    )
)
_ENGLISH_TAILS = ("ations", "ation", "ings", "ing", "ied", "ies", "ed", "es", "ly", "s")
#: Words that carry no subject matter of their own.
_STOPWORDS = frozenset(
    """a an the of and or to in on at for by with from as is are be been being it its this
    that these those their your you we our how what why when where which who vs versus not no
    than instead into over under per via each any all more most less own do does did can
    could would should will may might about between both either one two e.g i.e etc
    관계 이유 차이 방법 경우 사용 통해 위한 대한 같은 있는 없는 하는 되는 등 및 점 것 수
    때 각 어떻게 무엇 어떤 왜 언제 어디 그리고 또는 그 이 저 더 덜 직접 실제 여부 정도
    부분 내용""".split()  # noqa: SIM905
)


def _stem(word: str) -> str:
    if _HANGUL.match(word):
        for tail in _KOREAN_TAILS:
            if word.endswith(tail) and len(word) - len(tail) >= 2:
                return word[: -len(tail)]
        return word
    lowered = word.casefold()
    for tail in _ENGLISH_TAILS:
        if lowered.endswith(tail) and len(lowered) - len(tail) >= 3:
            return lowered[: -len(tail)]
    return lowered


def words(text: str) -> list[str]:
    return _TOKEN.findall(text)


def is_stopword(word: str) -> bool:
    return word.casefold() in _STOPWORDS or _stem(word) in _STOPWORDS


@dataclass(frozen=True)
class Term:
    """One key term: its stem, how much it weighs, and the catalog technology it names."""

    text: str
    stem: str
    weight: int
    technology: str | None = None


def _technology(word: str) -> str | None:
    found = catalog().mentions(word)
    return found[0][1].name if found else None


@cache
def key_terms(text: str) -> tuple[Term, ...]:
    """The terms that say what ``text`` is about: technologies first, then its other
    content words (technical-looking words weigh double)."""
    terms: dict[str, Term] = {}
    for spelling, tech in catalog().mentions(text):
        terms[tech.name] = Term(spelling, _stem(spelling), 3, tech.name)
    mentioned = {t.text.casefold() for t in terms.values()}
    for word in words(text):
        if word.casefold() in mentioned or is_stopword(word) or word.isdigit():
            continue
        stem = _stem(word)
        if len(stem) < 2 or (not _HANGUL.match(stem) and len(stem) < 3):
            continue
        technical = bool(re.search(r"[A-Za-z]", word)) and (
            any(ch.isupper() or ch.isdigit() or ch in "._-+#" for ch in word[1:]) or len(word) > 6
        )
        terms.setdefault(stem, Term(word, stem, 2 if technical else 1, _technology(word)))
    return tuple(terms.values())


class AnswerText:
    """An answer prepared once for many term look-ups."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = words(text)

    @cached_property
    def stems(self) -> frozenset[str]:
        return frozenset(_stem(word) for word in self.words)

    @cached_property
    def squeezed(self) -> str:
        return re.sub(r"\s+", "", self.text).casefold()

    @cached_property
    def technologies(self) -> frozenset[str]:
        return frozenset(tech.name for _, tech in catalog().mentions(self.text))

    def uses(self, term: Term) -> bool:
        if term.technology is not None and term.technology in self.technologies:
            return True
        if term.stem in self.stems:
            return True
        if _HANGUL.match(term.stem):
            # inflected (the last syllable changes) or written together with the next word
            core = term.stem if len(term.stem) <= 2 else term.stem[:-1]
            return len(core) >= 2 and core in self.squeezed
        return len(term.stem) >= 4 and any(
            stem.startswith(term.stem) or term.stem.startswith(stem)
            for stem in self.stems
            if len(stem) >= 4
        )

    def coverage(self, text: str) -> float:
        """The share (by weight) of ``text``'s key terms the answer uses."""
        terms = key_terms(text)
        total = sum(term.weight for term in terms)
        if total == 0:
            return 0.0
        return sum(term.weight for term in terms if self.uses(term)) / total

    def used_terms(self, text: str) -> list[Term]:
        return [term for term in key_terms(text) if self.uses(term)]
