"""Turn the engine's ISO values into calendar bounds (first and last day they cover).

``"2022"`` covers 2022-01-01..2022-12-31, ``"2022-05"`` the month of May, ``"2022-05-17T15:30"``
one day, and a :class:`~factsheet.dates.model.Range` the union of its two ends. Values with unknown
digits (``"XXXX-05-17"``, ``"199X"``) and relative values (``None``) have no bounds.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .model import Range, Value

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")
_DURATION = re.compile(r"^P(\d+)([DWMY])$")


def iso_bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day covered by one ISO value, or ``None`` when it is not absolute."""
    if not value:
        return None
    m = _ISO.match(value)
    if m is None:
        return None
    year = int(m.group(1))
    if m.group(2) is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(m.group(2))
    if not 1 <= month <= 12:
        return None
    if m.group(3) is None:
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last)
    try:
        day = dt.date(year, month, int(m.group(3)))
    except ValueError:
        return None
    return day, day


def value_bounds(value: Value) -> tuple[dt.date, dt.date] | None:
    """First and last day covered by a mention value (a string, a range or a list)."""
    if value is None:
        return None
    if isinstance(value, str):
        return iso_bounds(value)
    if isinstance(value, Range):
        lo = iso_bounds(value.start)
        hi = iso_bounds(value.end)
        if lo is None and hi is None:
            return None
        first = (lo or hi)[0]  # type: ignore[index]
        last = (hi or lo)[1]  # type: ignore[index]
        return first, last
    bounds = [b for b in (value_bounds(v) for v in value) if b is not None]
    if not bounds:
        return None
    return min(b[0] for b in bounds), max(b[1] for b in bounds)


def value_grain_is_day(value: Value) -> bool:
    """True when the value names whole days (``2022-05-17`` or a range of such days)."""
    if isinstance(value, str):
        b = iso_bounds(value)
        return b is not None and b[0] == b[1]
    if isinstance(value, Range):
        return value_grain_is_day(value.start) and value_grain_is_day(value.end)
    if isinstance(value, tuple):
        return bool(value) and all(value_grain_is_day(v) for v in value)
    return False


def parse_duration(iso: str | None) -> tuple[int, str] | None:
    """``"P50D"`` → ``(50, "D")``; ``None`` for anything else."""
    if not iso:
        return None
    m = _DURATION.match(iso)
    if m is None:
        return None
    return int(m.group(1)), m.group(2)


def shift(day: dt.date, amount: int, unit: str) -> dt.date:
    """``day`` moved by ``amount`` units (``D``, ``W``, ``M`` or ``Y``), clamping month ends."""
    if unit == "D":
        return day + dt.timedelta(days=amount)
    if unit == "W":
        return day + dt.timedelta(weeks=amount)
    months = amount * (12 if unit == "Y" else 1)
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))
