"""How far each event is from a given day: days until or since, and years-months-days.

The day counted from is a parameter (``as_of``); the command line passes today.
A range is "starts in N days", "under way (day k of n)" or "ended N days ago". An event said
to be early, in the middle or late in a month or a year (``منتصف الشهر المقبل``) is counted to
that third of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from dateutil.relativedelta import relativedelta

from ..dates.when import value_bounds
from .model import Event

Status = Literal["upcoming", "today", "under way", "past"]


@dataclass(frozen=True, slots=True)
class Countdown:
    """An event seen from ``as_of``.

    ``days`` is positive for days until the start, negative for days since the end, 0 while
    it is under way (or today). ``ymd`` is the same distance in years, months and days.
    ``exact`` is false when the event is known to the month or year only: the distance is
    then counted to its first (upcoming) or last (past) day.
    """

    event: Event
    status: Status
    days: int
    ymd: tuple[int, int, int]
    day_of: tuple[int, int] | None
    exact: bool


def event_mod(event: Event) -> str | None:
    """The ``mod`` of the mention that gives the event its date (``MID`` …), if any."""
    return next((m.mod for m in event.mentions if m.value == event.when and m.mod), None)


def narrowed(bounds: tuple[dt.date, dt.date], mod: str | None) -> tuple[dt.date, dt.date]:
    """The first, middle or last third of ``bounds`` for ``START``, ``MID`` or ``END``
    (days 1–10, 11–20, 21–30 of a month); the bounds as they are otherwise."""
    first, last = bounds
    third = ((last - first).days + 1) // 3
    if mod not in ("START", "MID", "END") or third < 2:
        return bounds
    if mod == "START":
        return first, first + dt.timedelta(days=third - 1)
    if mod == "END":
        return last - dt.timedelta(days=third - 1), last
    return first + dt.timedelta(days=third), last - dt.timedelta(days=third)


def countdown(event: Event, as_of: dt.date) -> Countdown | None:
    """The countdown to ``event``; ``None`` when it has no date."""
    bounds = value_bounds(event.when)
    if bounds is None:
        return None
    first, last = narrowed(bounds, event_mod(event))
    exact = event.grain in ("day", None) or first == last
    if as_of < first:
        delta = relativedelta(first, as_of)
        return Countdown(event, "upcoming", (first - as_of).days,
                         (delta.years, delta.months, delta.days), None, exact)
    if as_of > last:
        delta = relativedelta(as_of, last)
        return Countdown(event, "past", -(as_of - last).days,
                         (delta.years, delta.months, delta.days), None, exact)
    if first == last:
        return Countdown(event, "today", 0, (0, 0, 0), None, exact)
    return Countdown(event, "under way", 0, (0, 0, 0),
                     ((as_of - first).days + 1, (last - first).days + 1), exact)


def countdowns(events: tuple[Event, ...] | list[Event], as_of: dt.date) -> list[Countdown]:
    """Countdowns of every dated event, in date order."""
    return [c for e in events if (c := countdown(e, as_of)) is not None]
