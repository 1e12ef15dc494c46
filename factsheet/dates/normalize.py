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
from bisect import bisect_left, bisect_right
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
        compat = unicodedata.normalize("NFKC", ch)
        if compat == ch:
            return ch
        return "".join(_fold_char(c) for c in compat)
    if ch.isascii():
        return ch.lower()
    return ch


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised copy of a text and the way back to the original offsets.

    Most characters map one to one; ``drops`` lists (sorted) the original offsets of the
    characters that left no trace (tatweel, diacritics, invisible marks). A normalised
    offset ``i`` is then original offset ``i + k``, ``k`` the number of drops before it,
    found by bisection, so the map costs nothing for the common text without drops.
    """

    text: str
    original: str
    drops: tuple[int, ...]
    shifted: tuple[int, ...]
    """``drops[j] - j``: the normalised offset before which the ``j``-th drop stood."""

    def orig(self, i: int) -> int:
        """The original offset of normalised character ``i``."""
        return i + bisect_right(self.shifted, i)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalised span ``[start, end)`` (end exclusive).

        Diacritics and tatweel that follow the last character belong to the span (``يوماً``).
        """
        s = self.orig(start)
        e = self.orig(end - 1) + 1
        j = bisect_left(self.drops, e)
        while j < len(self.drops) and self.drops[j] == e and self.original[e] in _MARKS:
            e += 1
            j += 1
        return s, e


def _table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(c): None for c in _DROP}
    for c, f in _FOLD.items():
        table[ord(c)] = f if f else None
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    for space in _SPACES:
        table[ord(space)] = " "
    return table


_SPACES = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\u0085\u180e"
)
_TABLE = _table()
_DROPPED = re.compile("[" + "".join(sorted(_DROP | {c for c, f in _FOLD.items() if not f})) + "]")
_EXPANDS = re.compile("[\ufb50-\ufefc\uff00-\uffef]")
"""Presentation forms and fullwidth letters: the rare characters that may fold to several."""


_REPLACEMENTS = tuple((chr(k), v) for k, v in _TABLE.items() if v is not None and chr(k) != v)


def _fold_text(text: str) -> str:
    """``text.translate(_TABLE)``, but about four times faster on Arabic text: one
    ``str.replace`` per character that occurs (no target is itself replaced), then the drops."""
    for ch, to in _REPLACEMENTS:
        if ch in text:
            text = text.replace(ch, to)
    return _DROPPED.sub("", text)


def fold(text: str) -> str:
    """The normalised form of ``text`` alone (for lexicon entries)."""
    return "".join(_fold_char(c) for c in text)


def normalize(text: str) -> Normalized:
    """Normalise ``text`` and keep the offset map."""
    if _EXPANDS.search(text):
        return _normalize_slow(text)
    folded = _fold_text(text)
    drops = tuple(m.start() for m in _DROPPED.finditer(text))
    shifted = tuple(d - j for j, d in enumerate(drops))
    return Normalized(folded, text, drops, shifted)


def _normalize_slow(text: str) -> Normalized:
    """Character by character, for texts with presentation forms (one may become two)."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for f in _fold_char(ch):
            out.append(f)
            index.append(i)
    return _Mapped("".join(out), text, (), (), tuple(index))


@dataclass(frozen=True, slots=True)
class _Mapped(Normalized):
    """A normalisation with an explicit offset per character (when lengths change)."""

    index: tuple[int, ...]

    def orig(self, i: int) -> int:
        return self.index[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        s, e = self.index[start], self.index[end - 1] + 1
        while e < len(self.original) and self.original[e] in _MARKS:
            e += 1
        return s, e


def fold_pattern(pattern: str) -> str:
    """A regex source with its Arabic letters normalised (ASCII, i.e. regex syntax, untouched).

    Each distinct character that folds is replaced throughout with ``str.replace`` (the
    grammar's sources, some 120,000 characters at every start, hold a few dozen distinct
    ones), which is what folding character by character gives since what a character folds
    to is folded already."""
    out = pattern
    for c in set(pattern):
        if c.isascii():
            continue
        to = _fold_char(c)
        if to != c:
            if any(_fold_char(t) != t for t in to):  # never so: then fold one by one
                return "".join(c if c.isascii() else _fold_char(c) for c in pattern)
            out = out.replace(c, to)
    return out


def compile_folded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` of a pattern written in ordinary Arabic spelling (disk-cached)."""
    from .recache import compile_cached

    return compile_cached(fold_pattern(pattern), flags)
