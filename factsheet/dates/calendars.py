"""Calendar arithmetic: Hijri (Umm al-Qura, through hijridate), weekdays, holidays."""

from __future__ import annotations

import datetime as dt


class OutOfRange(ValueError):
    """A Hijri date outside the Umm al-Qura tables (1343–1500 AH, 1924–2077 CE)."""


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian day of a Hijri date (Umm al-Qura). Raises :class:`OutOfRange` or
    :class:`ValueError` for a day that does not exist."""
    from hijridate import Hijri

    try:
        g = Hijri(year, month, day).to_gregorian()
    except OverflowError as exc:
        raise OutOfRange(str(exc)) from None
    return dt.date(g.year, g.month, g.day)


def gregorian_to_hijri(day: dt.date) -> tuple[int, int, int]:
    """The Hijri (Umm al-Qura) date of a Gregorian day as ``(year, month, day)``."""
    from hijridate import Gregorian

    try:
        h = Gregorian(day.year, day.month, day.day).to_hijri()
    except OverflowError as exc:
        raise OutOfRange(str(exc)) from None
    return h.year, h.month, h.day


def hijri_month_length(year: int, month: int) -> int:
    """Days in a Hijri month (29 or 30)."""
    from hijridate import Hijri

    try:
        return int(Hijri(year, month, 1).month_length())
    except OverflowError as exc:
        raise OutOfRange(str(exc)) from None


def iso_week(day: dt.date) -> str:
    """``2022-W12``."""
    y, w, _ = day.isocalendar()
    return f"{y:04d}-W{w:02d}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """``(year, month)`` moved by ``n`` months."""
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def valid_day(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def easter(year: int) -> dt.date:
    """Western Easter Sunday (python-dateutil)."""
    from dateutil.easter import easter as _easter

    day: dt.date = _easter(year)
    return day
