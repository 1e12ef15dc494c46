"""The fact sheet as rich renderables for a terminal (tables; markup never interpreted).

``bidi`` says how Arabic is drawn (:mod:`factsheet.render.bidi`): ``visual`` for terminals
that draw left to right, ``logical`` for terminals that reorder themselves, ``None`` for a
file or a pipe (the logical text, untouched). Article text is escaped
(:func:`~factsheet.render.safe.terminal_safe`) before it is shaped or reordered.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..facts.countdown import countdowns
from ..facts.model import FactSheet
from .bidi import (
    BidiText,
    Mode,
    display,
    isolate,
    isolate_embedded,
    neutralise,
    table_box,
)
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
    from rich.table import Table


def _t(text: str) -> str:
    return terminal_safe(" ".join(text.split()))


def _base(lang: str) -> int:
    """The direction of lines of labels: right to left in Arabic."""
    return 1 if lang == "ar" else 0


def _source(source: str | None, bidi: Mode | None, lang: str) -> str:
    safe = terminal_safe(source or "-")
    return safe if bidi is None else isolate(neutralise(safe), bidi)


def cell(text: str, bidi: Mode | None, style: str | None = None) -> RenderableType:
    """Article or label text for a table cell or a line: escaped, then shaped and ordered."""
    safe = _t(text)
    if bidi is None:
        if style is None:
            return safe
        from rich.text import Text

        return Text(safe, style=style)
    return BidiText(neutralise(safe), bidi, style=style)


def line(text: str, bidi: Mode | None, lang: str, style: str = "") -> RenderableType:
    """A line of labels and article text (a title): escaped, spacing kept, in the direction
    of the labels' language."""
    safe = terminal_safe(text)
    if bidi is None:
        from rich.text import Text

        return Text(safe, style=style)
    return BidiText(safe, bidi, style=style, base=_base(lang))


def _table(title: str, columns: list[str], bidi: Mode | None) -> Table:
    from rich.table import Table

    table = Table(title=display(title, bidi), show_lines=False, box=table_box(bidi))
    for name in columns:
        table.add_column(cell(name, bidi))
    return table


def timeline_table(sheet: FactSheet, style: Style, bidi: Mode | None = None) -> RenderableType:
    lang = style.lang
    table = _table(label("timeline", lang),
                   ["id", label("when", lang), label("where", lang), label("what", lang)], bidi)
    for e in sheet.events:
        what = e.label + (f" ({e.acronym})" if e.acronym else "")
        if e.own:
            what += f" [{label('article_event', lang)}]"
        table.add_row(e.id, cell(event_when_text(e, style), bidi),
                      cell(event_where(e, style), bidi), cell(what, bidi),
                      style="bold" if e.own else None)
    return table


def sheet_renderable(sheet: FactSheet, style: Style, *, summary: bool = False,
                     bidi: Mode | None = None) -> RenderableType:
    from rich.console import Group

    lang = style.lang
    parts: list[RenderableType] = [
        line(f"{label('title', lang)}: {_source(sheet.source, bidi, lang)}", bidi, lang, "bold"),
        line(f"{label('published', lang)}: {published_text(sheet, style)}", bidi, lang),
    ]
    if not summary and sheet.published.evidence:
        evidence = _table(label("evidence", lang),
                          [label(n, lang) for n in ("offsets", "text", "reason")], bidi)
        for ev in sheet.published.evidence:
            reason = _t(evidence_text(ev.reason, style))
            if bidi is not None:
                reason = isolate_embedded(neutralise(reason), bidi)
            evidence.add_row(f"{ev.start}-{ev.end}", cell(ev.text, bidi),
                             BidiText(reason, bidi) if bidi is not None else reason)
        parts.append(evidence)
    parts.append(timeline_table(sheet, style, bidi))
    people = _table(label("people", lang), [label("who", lang), label("role", lang)], bidi)
    for p in sheet.people:
        people.add_row(cell(p.name or "-", bidi), cell(p.role or "-", bidi))
    parts.append(people)
    if summary:
        return Group(*parts)
    orgs = _table(label("organizations", lang), [label("name", lang), label("acronym", lang)],
                  bidi)
    for o in sheet.organizations:
        orgs.add_row(cell(o.name, bidi), cell(o.acronym or "", bidi))
    places = _table(label("places", lang), [label(n, lang) for n in ("name", "en", "kind")],
                    bidi)
    for pl in sheet.places:
        places.add_row(cell(pl.name, bidi), cell(pl.en, bidi), cell(label(pl.kind, lang), bidi))
    quotes = _table(label("quotes", lang), [label("who", lang), "«»"], bidi)
    for q in sheet.quotes:
        quotes.add_row(cell(q.speaker or "?", bidi), cell(q.text, bidi))
    parts += [orgs, places, quotes]
    return Group(*parts)


def countdown_table(sheet: FactSheet, style: Style, as_of: dt.date,
                    bidi: Mode | None = None) -> RenderableType:
    lang = style.lang
    title = f"{label('countdown', lang)} ({label('as_of', lang)} {as_of_text(as_of, style)})"
    table = _table(title, ["id", label("when", lang), label("countdown", lang),
                           label("what", lang)], bidi)
    for c in countdowns(sheet.events, as_of):
        table.add_row(c.event.id, cell(event_when_text(c.event, style), bidi),
                      cell(countdown_text(c, style), bidi), cell(c.event.label, bidi))
    return table
