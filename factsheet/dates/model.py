"""Typed, immutable results of the date engine.

A :class:`Mention` is one temporal expression found in a text. Its ``start``/``end`` are
code-point offsets into the ORIGINAL text (end exclusive), so ``text == source[start:end]``.
Values are ISO 8601 at the granularity the text states, never more precise:

* ``"2018"``, ``"2022-05"``, ``"2022-05-17"``, ``"2022-05-17T15:30"``, ``"T17:00"``
* ``"XXXX-05-17"`` when the year is unknown, ``"199X"`` for a decade, ``"19XX"`` for a century
* ``Range(start, end)`` with an inclusive end, ``"P50D"`` for durations
* a tuple of such values for lists (``أيام 15 و16 و17 نونبر``)
* ``None`` when the expression is relative and there is no reference date
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

MentionType = Literal[
    "date",
    "range",
    "year",
    "month",
    "weekday",
    "relative",
    "duration",
    "time",
    "decade",
    "century",
    "holiday",
]
"""The kinds of temporal expression (the ``type`` key of the JSON contract)."""

Grain = Literal[
    "century", "decade", "year", "half", "quarter", "season", "month", "week", "day",
    "hour", "minute", "second", "duration",
]
Calendar = Literal["gregorian", "hijri"]
Mod = Literal["START", "MID", "END", "LESS_THAN", "MORE_THAN", "APPROX", "BEFORE", "AFTER"]
PublishedBasis = Literal["given", "dateline", "inferred", "unknown"]
"""How the article's own date is known (the ``basis`` key of the JSON contract)."""


@dataclass(frozen=True, slots=True)
class Range:
    """An interval of two ISO values at the stated granularity; ``end`` is inclusive."""

    start: str | None
    end: str | None


Value = str | Range | tuple[str | Range, ...] | None


@dataclass(frozen=True, slots=True)
class Anchor:
    """What a relative expression is counted from, when it is not the publication date.

    ``قبل 50 يوما من المنتدى`` is 50 days *before* the forum: ``relation="before"``,
    ``target_start``/``target_end`` are the offsets of the words naming the forum.
    """

    relation: Literal["before", "after", "since", "until"]
    target_text: str
    target_start: int
    target_end: int


@dataclass(frozen=True, slots=True)
class Parts:
    """What the text itself says, before resolution against a reference date.

    Lets later stages (e.g. inferring the publication date) reason about a mention whose
    value is unknown: ``اليوم الجمعة`` is ``deictic_days=0, weekday=4``; ``ماي المقبل`` is
    ``month=5, direction="next"``; ``قبل 50 يوما من …`` is ``offset="P50D"`` with an anchor.
    Weekdays count from Monday = 0 (as :meth:`datetime.date.weekday`).
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    deictic_days: int | None = None
    direction: Literal["next", "last", "this"] | None = None
    unit: Literal["day", "week", "month", "year"] | None = None
    offset: str | None = None
    year_direction: Literal["next", "last", "this"] | None = None
    """The year is said relative to the publication year (``العام الماضي 2014``: last)."""
    feast: tuple[str, int, int] | None = None
    """A holiday: its calendar (``hijri_month``, ``gregorian``, ``easter`` …), month and day."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One temporal expression in a text, with its normalised value.

    ``parts`` keeps what the text says before resolution. ``relative`` is true when the
    value depends on a reference date (the publication date or another event); ``notes``
    explain every part of the value not written in the text (e.g. ``"year from the
    publication date"``), and ``inferred`` says there is such a part.
    """

    text: str
    start: int
    end: int
    type: MentionType
    value: Value
    grain: Grain | None
    calendar: Calendar = "gregorian"
    relative: bool = False
    hijri: Value = None
    mod: Mod | None = None
    anchor: Anchor | None = None
    rule: str = ""
    parts: Parts | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def inferred(self) -> bool:
        """True when some part of the value was not written in the text."""
        return bool(self.notes)
