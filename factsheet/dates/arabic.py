"""Small Arabic text helpers for the fact-sheet layer: matching keys, clitics, sentences.

``fold`` keeps the length of the text (one character in, one character out), so an offset
found in the folded copy is an offset in the original text. Removed marks (diacritics,
tatweel) are replaced by a placeholder that the patterns ignore.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

_MARKS = set(range(0x064B, 0x0660)) | {0x0670, 0x0640}
_FOLD = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
        "ى": "ي", "ی": "ي", "ئ": "ي",
        "ة": "ه", "ک": "ك", "ؤ": "و",
    }
)
PLACEHOLDER = "\u200c"
"""What a diacritic or tatweel becomes in :func:`fold` (a zero-width non-joiner)."""


def fold(text: str) -> str:
    """A same-length copy of ``text`` with letter variants unified and marks blanked."""
    out = text.translate(_FOLD)
    if any(ord(c) in _MARKS for c in out):
        out = "".join(PLACEHOLDER if ord(c) in _MARKS else c for c in out)
    return out


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """A matching key: folded, marks dropped, spaces squeezed."""
    return " ".join(fold(text).replace(PLACEHOLDER, "").split())


_PROCLITICS = (
    "وبال", "وال", "فال", "بال", "كال", "لل", "ال", "وب", "ول", "وف", "فب", "و", "ب", "ل", "ف", "ك",
)


@lru_cache(maxsize=65536)
def stems(word: str) -> tuple[str, ...]:
    """Ways to read a word without its leading clitics, longest reading first.

    ``بالرباط`` → ``["بالرباط", "الرباط", "رباط"]``; ``للمنتدى`` → ``[…, "المنتدى", "منتدى"]``.
    """
    word = key(word)
    out = [word]
    for clitic in _PROCLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 2:
            rest = word[len(clitic):]
            if clitic.endswith("ال") or clitic == "لل":
                out.append("ال" + rest)
            out.append(rest)
    return tuple(dict.fromkeys(out))


def bare(word: str) -> str:
    """The word without its longest leading clitic (``للمنتدى`` → ``منتدي``), folded."""
    word = key(word)
    for clitic in _PROCLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 2:
            return word[len(clitic):]
    return word


def same_word(a: str, b: str) -> bool:
    """True when two words can be read as the same word, clitics aside."""
    sa = {s for s in stems(a) if len(s) >= 3}
    return bool(sa.intersection(stems(b)))


_SENTENCE_END = re.compile(r"[.!?؟\n]+")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each sentence; a period inside a number does not end one."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if (
            m.group() == "."
            and m.start() > 0
            and m.end() < len(text)
            and text[m.start() - 1].isdigit()
            and text[m.end()].isdigit()
        ):
            continue
        if text[start:m.start()].strip():
            yield start, m.end()
        start = m.end()
    if text[start:].strip():
        yield start, len(text)


@lru_cache(maxsize=4)
def _sentence_index(text: str) -> tuple[list[int], list[tuple[int, int]]]:
    spans = list(sentences(text))
    return [s for s, _ in spans], spans


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """The sentence that contains ``offset`` (the sentences of a text are found once)."""
    import bisect

    starts, spans = _sentence_index(text)
    k = bisect.bisect_right(starts, offset) - 1
    if k >= 0 and spans[k][0] <= offset < spans[k][1]:
        return spans[k]
    return 0, len(text)


WORD = re.compile(r"[\w\u200c]+")


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """The words of ``text[start:end]`` with their offsets in ``text``."""
    end = len(text) if end is None else end
    return [(m.group(), m.start(), m.end()) for m in WORD.finditer(text, start, end)]
