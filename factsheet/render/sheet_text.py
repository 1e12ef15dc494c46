"""The fact sheet as plain text: for pipes, files and ``NO_COLOR`` terminals (no ANSI ever)."""

from __future__ import annotations

import datetime as dt
import re

from ..facts.countdown import countdowns
from ..facts.model import Event, FactSheet
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
    relation_text,
)


def _safe(text: str) -> str:
    """One line of output: line breaks inside article text become spaces, controls escaped."""
    return terminal_safe(re.sub(r"[\r\n\t\v\f\u2028\u2029]+", " ", text))


def event_line(e: Event, style: Style) -> str:
    """``2022-05-17..20  17–20 May 2022  New York  المنتدى … (IMRF)``"""
    where = event_where(e, style)
    what = e.label + (f" ({e.acronym})" if e.acronym else "")
    if e.own:
        what += f" [{label('article_event', style.lang)}]"
    cells = [event_when_text(e, style), where or "-", what]
    return "  ".join(_safe(c) for c in cells)


def timeline_text(sheet: FactSheet, style: Style) -> str:
    lines = [f"{label('timeline', style.lang)}:"]
    lines += [f"  {event_line(e, style)}" for e in sheet.events]
    if not sheet.events:
        lines.append(f"  ({label('none', style.lang)})")
    return "\n".join(lines) + "\n"


def summary_text(sheet: FactSheet, style: Style) -> str:
    """A few lines: the date, the article's event, what comes next."""
    ar = style.lang == "ar"
    lines = [f"{label('published', style.lang)}: {published_text(sheet, style)}"]
    own = next((e for e in sheet.events if e.own), None)
    if own is not None:
        where = event_where(own, style)
        lines.append(_safe(f"{label('article_event', style.lang)}: {own.label}"
                           + (f" ({where})" if where else "")))
    others = [e for e in sheet.events if not e.own]
    if others:
        lines.append(f"{label('events', style.lang)}:")
        lines += [f"  {event_line(e, style)}" for e in others]
    named = [p.name for p in sheet.people if p.name]
    if named:
        lines.append(_safe(f"{label('people', style.lang)}: " + ("، " if ar else ", ").join(named)))
    orgs = [o.acronym or o.name for o in sheet.organizations]
    if orgs:
        lines.append(_safe(f"{label('organizations', style.lang)}: "
                           + ("، " if ar else ", ").join(orgs)))
    return "\n".join(lines) + "\n"


def sheet_text(sheet: FactSheet, style: Style) -> str:
    """Every section of the sheet, each item with its offsets in the article."""
    lang = style.lang
    out = [f"{label('title', lang)}: {terminal_safe(sheet.source or '-')}"]
    out.append(f"{label('published', lang)}: {published_text(sheet, style)}")
    for ev in sheet.published.evidence:
        reason = evidence_text(ev.reason, style)
        out.append(_safe(f"  {ev.start}-{ev.end}  {ev.text}  — {reason}"))
    out.append("")
    out.append(f"{label('events', lang)}:")
    for e in sheet.events:
        out.append(f"  {e.id}  {event_line(e, style)}")
        for m in e.mentions:
            out.append(_safe(f"      {m.start}-{m.end}  {m.text}"))
        for r in e.relations:
            out.append(_safe(f"      {relation_text(r, style)}  ({r.span.text})"))
    if not sheet.events:
        out.append(f"  ({label('none', lang)})")
    sections = [
        ("people", [(p.name or "-") + (f" — {p.role}" if p.role else "") + "  "
                    + " ".join(f"{s.start}-{s.end}" for s in p.mentions) for p in sheet.people]),
        ("organizations", [o.name + (f" ({o.acronym})" if o.acronym else "") + "  "
                           + " ".join(f"{s.start}-{s.end}" for s in o.mentions)
                           for o in sheet.organizations]),
        ("places", [(p.name if lang == "ar" else f"{p.en} / {p.name}")
                    + f" [{label(p.kind, lang)}]  "
                    + " ".join(f"{s.start}-{s.end}" for s in p.mentions) for p in sheet.places]),
        ("quotes", [f"{q.start}-{q.end}  «{q.text}» — {q.speaker or '?'}" for q in sheet.quotes]),
    ]
    for name, items in sections:
        out.append("")
        out.append(f"{label(name, lang)}:")
        out += [_safe(f"  {item}") for item in items] or [f"  ({label('none', lang)})"]
    return "\n".join(out) + "\n"


def countdown_text_view(sheet: FactSheet, style: Style, as_of: dt.date) -> str:
    lines = [f"{label('countdown', style.lang)} ({label('as_of', style.lang)} "
             f"{as_of_text(as_of, style)}):"]
    for c in countdowns(sheet.events, as_of):
        lines.append(_safe(f"  {event_when_text(c.event, style)}  {countdown_text(c, style)}  "
                           f"{c.event.label}"))
    return "\n".join(lines) + "\n"
