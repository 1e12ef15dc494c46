"""The events (timeline) or the countdown as CSV, one row per event; cells are formula-safe."""

from __future__ import annotations

import csv
import datetime as dt
import io

from ..dates.when import value_bounds
from ..facts.countdown import countdowns
from ..facts.events import when_start
from ..facts.model import Event, FactSheet
from .safe import csv_cell, strip_controls
from .sheet_common import Style, countdown_text

EVENT_COLUMNS = ["id", "label", "when", "start", "end", "grain", "where", "where_en", "own",
                 "acronym", "mentions", "offsets"]
COUNTDOWN_COLUMNS = ["id", "label", "when", "status", "days", "years", "months", "day_count",
                     "exact", "text"]


def _c(value: object) -> str:
    return csv_cell(strip_controls(str(value))) if value is not None else ""


def _row(e: Event) -> list[str]:
    from ..schema import value_text

    bounds = value_bounds(e.when)
    return [_c(x) for x in (
        e.id, e.label, value_text(e.when) or when_start(e.when) or "",
        bounds[0].isoformat() if bounds else "", bounds[1].isoformat() if bounds else "",
        e.grain or "", e.where.place.name if e.where else "", e.where.place.en if e.where else "",
        "true" if e.own else "false", e.acronym or "",
        " | ".join(m.text for m in e.mentions),
        " ".join(f"{m.start}-{m.end}" for m in e.mentions),
    )]


def events_csv(sheet: FactSheet) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(EVENT_COLUMNS)
    for e in sheet.events:
        w.writerow(_row(e))
    return buf.getvalue()


def countdown_csv(sheet: FactSheet, style: Style, as_of: dt.date) -> str:
    from ..schema import value_text

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COUNTDOWN_COLUMNS)
    for c in countdowns(sheet.events, as_of):
        w.writerow([_c(x) for x in (c.event.id, c.event.label, value_text(c.event.when),
                                    c.status, c.days, *c.ymd, str(c.exact).lower(),
                                    countdown_text(c, style))])
    return buf.getvalue()
