"""Date extraction over one long text in bounded memory: overlapping windows.

A huge article (a 1 GB file, or stdin) arrives as text chunks of any size. They are gathered
into windows of about ``window`` characters that end at whitespace; consecutive windows
overlap by about ``overlap`` characters. Window *k* owns the mentions that start before
window *k+1* begins, so an expression shorter than the overlap is always seen whole by its
owner; a mention of window *k+1* that overlaps one already emitted (the tail of an expression
cut at the window's left edge) is dropped. Offsets are global: the same as if the whole text
had been given to :func:`factsheet.find_dates` at once. Memory holds one window and one chunk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields, replace
from functools import partial
from operator import attrgetter

from ..dates.engine import find_dates
from ..dates.model import Mention

WINDOW = 1 << 18
"""Characters per window: small enough that the engine's working memory stays modest."""
OVERLAP = 2048
"""Characters shared by consecutive windows: longer than any date expression."""
CONTEXT = 1 << 14
"""Characters of the text before a window read with it, for the article's state (the day
the story is on, the last month and year told): the mentions just after an edge resolve as in
the whole text."""

Finder = Callable[[str, "dt.date | str | None"], list[Mention]]


def _split_point(text: str, pos: int, slack: int) -> int:
    """The index just after the last whitespace in ``text[pos - slack:pos]`` (else ``pos``)."""
    lo = max(pos - slack, 0)
    for i in range(pos - 1, lo - 1, -1):
        if text[i].isspace():
            return i + 1
    return pos


_FIELDS = tuple(f.name for f in fields(Mention))
_START, _END, _ANCHOR = (_FIELDS.index(name) for name in ("start", "end", "anchor"))
_field_values = attrgetter(*_FIELDS)


def _shift(m: Mention, base: int) -> Mention:
    """``m`` moved ``base`` characters on (its anchor too): ``dataclasses.replace`` but
    built from the fields' values in order, twice as fast (every mention of every window but
    the first is shifted)."""
    if base == 0:
        return m
    values = list(_field_values(m))
    values[_START] += base
    values[_END] += base
    anchor = m.anchor
    if anchor is not None:
        values[_ANCHOR] = replace(
            anchor, target_start=anchor.target_start + base, target_end=anchor.target_end + base
        )
    return Mention(*values)


def find_dates_stream(
    chunks: Iterable[str],
    published: dt.date | str | None = None,
    *,
    window: int = WINDOW,
    overlap: int = OVERLAP,
    context: int = CONTEXT,
    finder: Finder = find_dates,
    prefer: str | None = None,
) -> Iterator[Mention]:
    """Every temporal expression of the text ``"".join(chunks)``, lazily, in order.

    Each window after the first is read with up to ``context`` characters of the text before
    it, so that what the article said there (the day the story is on, the month an anaphor
    points to, the year of a day-month) resolves the mentions after the edge as it would in
    the whole text; only the window's own mentions are emitted. ``finder`` is the extraction
    function (``find_dates``; replaceable for tests); ``prefer`` is given to ``find_dates``
    (see :func:`~factsheet.find_dates`).
    """
    if prefer is not None and finder is find_dates:
        finder = partial(find_dates, prefer=prefer)
    if overlap < 1 or window < 4 * overlap:
        raise ValueError("window must be at least four times the overlap")
    parts: list[str] = []
    size = 0
    base = 0  # global offset of the current buffer's first character
    owned_from = 0  # global offset from which the current window owns its mentions
    carried_end = 0  # global end of the mentions emitted by earlier windows
    source = iter(chunks)
    exhausted = False
    while True:
        while not exhausted and size < window + (owned_from - base):
            chunk = next(source, None)
            if chunk is None:
                exhausted = True
            elif chunk:
                parts.append(chunk)
                size += len(chunk)
        buf = "".join(parts)
        lead = owned_from - base  # characters of context before the window proper
        if exhausted and len(buf) - lead <= window:
            for m in finder(buf, published):
                if m.start + base >= max(carried_end, owned_from):
                    yield _shift(m, base)
            return
        cut = _split_point(buf, lead + window, overlap // 2)
        next_start = _split_point(buf, cut - overlap, overlap // 2)
        window_end = carried_end
        for m in finder(buf[:cut], published):
            g_start = m.start + base
            if m.start >= next_start or g_start < max(carried_end, owned_from):
                continue
            window_end = max(window_end, m.end + base)
            yield _shift(m, base)
        carried_end = window_end
        keep_from = _split_point(buf, max(0, next_start - context), overlap // 2)
        rest = buf[keep_from:]
        parts, size = [rest], len(rest)
        owned_from = base + next_start
        base += keep_from
