"""The dated events as an iCalendar file (RFC 5545).

One all-day ``VEVENT`` per event known to the day (a date or a range of days), with an
exclusive ``DTEND`` (17–20 May → ``DTSTART 20220517``, ``DTEND 20220521``). Events known only
to the month or the year are **left out**: a calendar would show them as a month- or year-long
event, which the text does not say. That holds in either calendar: ``رمضان 1443`` is a range of
Gregorian days (2 April – 1 May 2022), but the text names a month, so it is left out too.
``DTSTAMP`` is the ``stamp`` given (the CLI passes the ``--as-of`` day), so the same input gives
the same file.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from .. import __version__
from ..dates.when import value_bounds, value_grain_is_day
from ..facts.model import Event, FactSheet
from .safe import ics_escape, ics_fold

DAY_GRAINS = (None, "day", "hour", "minute", "second")
"""Grains of events known to the day (a Hijri month has whole days as bounds, grain month)."""


def ics_events(sheet: FactSheet) -> list[Event]:
    """The events that go into the calendar (known to the day)."""
    return [e for e in sheet.events if e.grain in DAY_GRAINS and value_grain_is_day(e.when)]


def _uid(sheet: FactSheet, e: Event) -> str:
    digest = hashlib.sha1(f"{sheet.text}\x00{e.id}\x00{e.label}".encode()).hexdigest()[:16]
    return f"{e.id}-{digest}@factsheet"


def _day(day: dt.date) -> str:
    """``YYYYMMDD`` with four digits of year (``strftime("%Y")`` gives ``1`` for year 1)."""
    return day.isoformat().replace("-", "")


def sheet_ics(sheet: FactSheet, stamp: dt.date) -> str:
    """The calendar text, lines joined with CRLF and folded at 75 octets."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//factsheet//factsheet {__version__}//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    dtstamp = f"{_day(stamp)}T000000Z"
    for e in ics_events(sheet):
        bounds = value_bounds(e.when)
        assert bounds is not None
        first, last = bounds
        # DTEND is exclusive: the day after 9999-12-31 has no date, so a duration says it
        until = (f"DTEND;VALUE=DATE:{_day(last + dt.timedelta(days=1))}" if last < dt.date.max
                 else f"DURATION:P{(last - first).days + 1}D")
        description = "; ".join(f"{m.text} [{m.start}-{m.end}]" for m in e.mentions)
        summary = e.label + (f" ({e.acronym})" if e.acronym else "")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_uid(sheet, e)}",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{_day(first)}",
            until,
            f"SUMMARY:{ics_escape(summary)}",
        ]
        if e.where is not None:
            place = e.where.place
            lines.append(f"LOCATION:{ics_escape(f'{place.name} ({place.en})')}")
        lines.append(f"DESCRIPTION:{ics_escape(description)}")
        lines.append("TRANSP:TRANSPARENT")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(ics_fold(line) for line in lines) + "\r\n"
