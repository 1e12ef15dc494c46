"""Normalise Arabic text for matching, keeping a map back to the original offsets.

Letter variants are folded (أ إ آ ٱ → ا, ى ی → ي, ة → ه, ک → ك), digits become ASCII, tatweel,
diacritics and invisible format characters are dropped, every kind of space becomes ' ' and
Latin letters are lower-cased. Most characters map one to one; dropped ones leave no trace in
the normalised text, so ``index[i]`` (the original offset of normalised character ``i``) is
what lets every span point back into the text the user gave.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_DROP = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]  # harakat, shadda, sukun, extended marks
    + [chr(c) for c in range(0x06D6, 0x06EE)]  # Quranic annotation signs
    + ["\u0640", "\u0670", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff",
       "\u2066", "\u2067", "\u2068", "\u2069", "\u202a", "\u202b", "\u202c", "\u202d",
       "\u202e", "\u061c", "\u00ad"]
)

_MARKS = frozenset(c for c in _DROP if unicodedata.category(c) == "Mn" or c == "\u0640")
"""Dropped characters that belong to the letter before them (diacritics, tatweel)."""

_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ئ": "ئ",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
    "ک": "ك", "ڪ": "ك", "گ": "ك",
    "٪": "%", "٫": ".", "٬": ",", "،": "،", "؛": "؛",
    "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "ـ": "",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"',
}
for _i in range(10):
    _FOLD[chr(0x0660 + _i)] = str(_i)
    _FOLD[chr(0x06F0 + _i)] = str(_i)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _DROP:
        return ""
    if ch in _FOLD:
        return _FOLD[ch]
    if ch.isspace():
        return " "
    code = ord(ch)
    if 0xFB50 <= code <= 0xFEFC or 0xFF00 <= code <= 0xFFEF:  # presentation forms, fullwidth
        return "".join(_fold_char(c) for c in unicodedata.normalize("NFKC", ch))
    if ch.isascii():
        return ch.lower()
    return ch


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised copy of a text and the original offset of each of its characters."""

    text: str
    index: tuple[int, ...]
    ends: tuple[int, ...]
    """Original end of each normalised character, taking in the marks dropped after it."""
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalised span ``[start, end)`` (end exclusive).

        Diacritics and tatweel that follow the last character belong to the span (``يوماً``).
        """
        return self.index[start], self.ends[end - 1]


def fold(text: str) -> str:
    """The normalised form of ``text`` alone (for lexicon entries)."""
    return "".join(_fold_char(c) for c in text)


def normalize(text: str) -> Normalized:
    """Normalise ``text`` and keep the offset map."""
    out: list[str] = []
    index: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii() and not ch.isupper() and ch not in "\t\n\r\x0b\x0c":
            out.append(ch)
            index.append(i)
            ends.append(i + 1)
            continue
        folded = _fold_char(ch)
        if not folded:
            if ends and ch in _MARKS and ends[-1] == i:
                ends[-1] = i + 1
            continue
        for f in folded:
            out.append(f)
            index.append(i)
            ends.append(i + 1)
    return Normalized("".join(out), tuple(index), tuple(ends), len(text))


def fold_pattern(pattern: str) -> str:
    """A regex source with its Arabic letters normalised (ASCII, i.e. regex syntax, untouched)."""
    return "".join(c if c.isascii() else _fold_char(c) for c in pattern)


def compile_folded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` of a pattern written in ordinary Arabic spelling."""
    return re.compile(fold_pattern(pattern), flags)
