"""The fact sheet as rich renderables for a terminal (tables; markup never interpreted)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..facts.countdown import countdowns
from ..facts.model import FactSheet
from .safe import terminal_safe
from .sheet_common import (
    Style,
    as_of_text,
    countdown_text,
    event_when_text,
    event_where,
    evidence_text,
    label,
    published_text,
)

if TYPE_CHECKING:
    from rich.console import RenderableType


def _t(text: str) -> str:
    return terminal_safe(" ".join(text.split()))


def timeline_table(sheet: FactSheet, style: Style) -> RenderableType:
    from rich.table import Table

    lang = style.lang
    table = Table(title=label("timeline", lang), show_lines=False)
    for name in ("id", label("when", lang), label("where", lang), label("what", lang)):
        table.add_column(name)
    for e in sheet.events:
        what = e.label + (f" ({e.acronym})" if e.acronym else "")
        if e.own:
            what += f" [{label('article_event', lang)}]"
        table.add_row(e.id, _t(event_when_text(e, style)), _t(event_where(e, style)), _t(what),
                      style="bold" if e.own else None)
    return table


def sheet_renderable(sheet: FactSheet, style: Style, *, summary: bool = False) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    lang = style.lang
    parts: list[RenderableType] = [
        Text(f"{label('title', lang)}: {terminal_safe(sheet.source or '-')}", style="bold"),
        Text(f"{label('published', lang)}: {published_text(sheet, style)}"),
    ]
    if not summary:
        for ev in sheet.published.evidence:
            line = _t(f"{ev.start}-{ev.end}  {ev.text} — {evidence_text(ev.reason, style)}")
            parts.append(Text("  " + line, style="dim"))
    parts.append(timeline_table(sheet, style))
    people = Table(title=label("people", lang))
    people.add_column(label("who", lang))
    people.add_column(label("role", lang))
    for p in sheet.people:
        people.add_row(_t(p.name or "-"), _t(p.role or "-"))
    parts.append(people)
    if summary:
        return Group(*parts)
    orgs = Table(title=label("organizations", lang))
    orgs.add_column(label("name", lang))
    orgs.add_column(label("acronym", lang))
    for o in sheet.organizations:
        orgs.add_row(_t(o.name), _t(o.acronym or ""))
    places = Table(title=label("places", lang))
    for name in ("name", "en", "kind"):
        places.add_column(label(name, lang))
    for pl in sheet.places:
        places.add_row(_t(pl.name), _t(pl.en), label(pl.kind, lang))
    quotes = Table(title=label("quotes", lang))
    quotes.add_column(label("who", lang))
    quotes.add_column("«»")
    for q in sheet.quotes:
        quotes.add_row(_t(q.speaker or "?"), _t(q.text))
    parts += [orgs, places, quotes]
    return Group(*parts)


def countdown_table(sheet: FactSheet, style: Style, as_of: dt.date) -> RenderableType:
    from rich.table import Table

    lang = style.lang
    table = Table(title=f"{label('countdown', lang)} ({label('as_of', lang)} "
                        f"{as_of_text(as_of, style)})")
    for name in ("id", label("when", lang), label("countdown", lang), label("what", lang)):
        table.add_column(name)
    for c in countdowns(sheet.events, as_of):
        table.add_row(c.event.id, _t(event_when_text(c.event, style)), countdown_text(c, style),
                      _t(c.event.label))
    return table
