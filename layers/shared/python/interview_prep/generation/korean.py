"""Korean particles that depend on the word before them (을/를, 이/가, 은/는, 과/와, 으로/로).

Templates write the particle as a format spec: ``{tech:을}``. For Hangul the final
consonant decides; for Latin names the pronunciation is guessed from the last letters
(``MySQL`` ends in ㄹ, ``Python`` in ㄴ, ``Kafka`` in a vowel), which is right for the
technology names a resume carries.
"""

from __future__ import annotations

from string import Formatter
from typing import Any

#: spec -> (after a final consonant, after a vowel)
PARTICLES = {
    "을": ("을", "를"),
    "이": ("이", "가"),
    "은": ("은", "는"),
    "과": ("과", "와"),
    "으로": ("으로", "로"),
    "이라고": ("이라고", "라고"),
    "이라는": ("이라는", "라는"),
}
_DIGIT_FINAL = {"0": "ㅇ", "1": "ㄹ", "3": "ㅁ", "6": "ㄱ", "7": "ㄹ", "8": "ㄹ"}
_RIEUL = "ㄹ"


def final_consonant(word: str) -> str | None:
    """The last sound's final consonant (``ㄹ`` etc.), or None after a vowel."""
    stripped = word.rstrip(" )]}\"'.")
    if not stripped:
        return None
    last = stripped[-1]
    if "\uac00" <= last <= "\ud7a3":
        index = (ord(last) - 0xAC00) % 28
        return None if index == 0 else ("ㄹ" if index == 8 else "ㄱ")
    if last.isdigit():
        return _DIGIT_FINAL.get(last)
    tail = stripped.lower()
    if tail.endswith(("ql", "l")):
        return _RIEUL
    if tail.endswith(("m", "n", "ng")):
        return "ㄴ"
    return None


def particle(word: str, spec: str) -> str:
    with_final, without = PARTICLES[spec]
    final = final_consonant(word)
    if spec == "으로" and final == _RIEUL:
        return without  # 로 after ㄹ: "MySQL로"
    return with_final if final else without


class KoreanFormatter(Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        text = str(value)
        if format_spec in PARTICLES:
            return text + particle(text, format_spec)
        return str(super().format_field(value, format_spec))


_FORMATTER = KoreanFormatter()


def fill(template: str, **values: Any) -> str:
    """``str.format`` that also understands the particle specs (harmless for English)."""
    return _FORMATTER.format(template, **values)
