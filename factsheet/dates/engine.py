"""The date engine: find every temporal expression in a text.

Four passes, each a small pure step, each its own module:

1. :mod:`~factsheet.dates.normalize` a copy of the text, keeping the offset map;
2. :mod:`~factsheet.dates.tag`: every rule of :mod:`~factsheet.dates.grammar` proposes
   partials; the longest non-overlapping win;
3. :mod:`~factsheet.dates.compose`: adjacent partials joined by range or list words become one
   (``من 17 إلى 20 ماي 2022``, ``يومي 1 و2 فيفري``); latent partials that joined nothing are
   dropped;
4. :mod:`~factsheet.dates.document` (the article-level stage, with the value arithmetic of
   :mod:`~factsheet.dates.values`): each partial becomes a :class:`Mention` anchored on the
   reference date.

The clock is never read: ``published`` is a parameter.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

from .compose import compose
from .document import ArticleResolver
from .grammar import Partial
from .model import Mention
from .normalize import Normalized, normalize
from .tag import tag

Prefer = Literal["future", "past"]
"""Which way an underspecified date goes when the text does not say (``prefer=``)."""
PREFER = ("future", "past")


def parse_prefer(prefer: str | None) -> Prefer | None:
    """``prefer`` checked: None, ``"future"`` or ``"past"``; ``ValueError`` otherwise."""
    if prefer is None or prefer in PREFER:
        return prefer  # type: ignore[return-value]
    raise ValueError(f"prefer must be 'future' or 'past', not {prefer!r}")


def parse_published(published: dt.date | str | None) -> dt.date | None:
    """``published`` as a date (``YYYY-MM-DD`` strings are parsed); ``ValueError`` if invalid."""
    if published is None or isinstance(published, dt.date):
        return published
    return dt.date.fromisoformat(published.strip())


@dataclass(frozen=True)
class Analysis:
    """The expensive part of :func:`find_dates` (normalise, tag, compose), done once, so
    that the same text can be resolved against several reference dates (e.g. first without
    one, to infer the publication date, then with it)."""

    text: str
    norm: Normalized
    parts: tuple[Partial, ...]

    def mentions(
        self, published: dt.date | str | None = None, *, prefer: str | None = None
    ) -> list[Mention]:
        """The mentions resolved against ``published`` (as :func:`find_dates` gives them)."""
        ref, side = parse_published(published), parse_prefer(prefer)
        with _gc_paused():
            return ArticleResolver(self.text, self.norm, ref, prefer=side).resolve_all(
                list(self.parts))


def analyse(text: str) -> Analysis:
    """Find the date expressions of ``text``, not yet resolved against a reference date."""
    with _gc_paused():
        norm = normalize(text)
        return Analysis(text, norm, tuple(compose(tag(norm.text), norm.text)))


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector paused, if it runs, and enabled again after.

    The engine makes many small objects (matches, partials, mentions) that form no cycles;
    the collector's passes over them cost about a twentieth of its time. Reference counting
    still frees everything as usual; a cycle made meanwhile waits for the next pass."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def find_dates(
    text: str, published: dt.date | str | None = None, *, prefer: str | None = None
) -> list[Mention]:
    """Every temporal expression in ``text``, sorted by position.

    ``published`` (a date or ``YYYY-MM-DD``) anchors relative expressions; without it their
    value is ``None`` and the mention says it is relative. Offsets are code points into
    ``text`` (end exclusive): ``m.text == text[m.start:m.end]``.

    ``prefer`` (``"future"`` or ``"past"``, like dateparser's ``PREFER_DATES_FROM``) decides
    which way a date the text leaves open goes (a weekday, a month or a day without a year,
    a feast): the next or the last one from ``published``. Left out, the tense of the clause
    decides (an announcement looks ahead, a report back). Words that say it (``المقبل``,
    ``الماضي``, ``منذ``, a written year) decide either way.
    """
    ref = parse_published(published)
    side = parse_prefer(prefer)
    if not text:
        return []
    return analyse(text).mentions(ref, prefer=side)
