"""The fact sheet as Markdown (tables with escaped cells)."""

from __future__ import annotations

import datetime as dt

from ..facts.countdown import countdowns
from ..facts.model import FactSheet
from .safe import strip_controls
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


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    text = " ".join(strip_controls(text).split())
    for c in "\\|*_`[]<>":
        text = text.replace(c, "\\" + c)
    return text


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return out


def timeline_markdown(sheet: FactSheet, style: Style) -> str:
    lang = style.lang
    rows = [[e.id, event_when_text(e, style), event_where(e, style),
             e.label + (f" ({e.acronym})" if e.acronym else "")] for e in sheet.events]
    lines = [f"## {label('timeline', lang)}", ""]
    lines += _table(["id", label("when", lang), label("where", lang), label("what", lang)], rows)
    return "\n".join(lines) + "\n"


def summary_markdown(sheet: FactSheet, style: Style) -> str:
    lang = style.lang
    lines = [f"## {label('summary', lang)}", "",
             f"- **{label('published', lang)}**: {cell(published_text(sheet, style))}"]
    for e in sheet.events:
        where = event_where(e, style)
        lines.append(f"- **{cell(event_when_text(e, style))}**: {cell(e.label)}"
                     + (f" — {cell(where)}" if where else ""))
    return "\n".join(lines) + "\n"


def sheet_markdown(sheet: FactSheet, style: Style) -> str:
    lang = style.lang
    lines = [f"# {label('title', lang)}: {cell(sheet.source or '-')}", "",
             f"**{label('published', lang)}**: {cell(published_text(sheet, style))}", ""]
    for ev in sheet.published.evidence:
        lines.append(f"- `{ev.start}-{ev.end}` {cell(ev.text)} — "
                     f"{cell(evidence_text(ev.reason, style))}")
    lines += ["", *timeline_markdown(sheet, style).splitlines(), ""]
    lines += [f"## {label('people', lang)}", ""]
    lines += _table([label("who", lang), label("role", lang), label("spans", lang)],
                    [[p.name or "-", p.role or "-",
                      " ".join(f"{s.start}-{s.end}" for s in p.mentions)] for p in sheet.people])
    lines += ["", f"## {label('organizations', lang)}", ""]
    lines += _table([label("name", lang), label("acronym", lang), label("spans", lang)],
                    [[o.name, o.acronym or "", " ".join(f"{s.start}-{s.end}" for s in o.mentions)]
                     for o in sheet.organizations])
    lines += ["", f"## {label('places', lang)}", ""]
    lines += _table([label(k, lang) for k in ("name", "en", "kind", "spans")],
                    [[p.name, p.en, label(p.kind, lang),
                      " ".join(f"{s.start}-{s.end}" for s in p.mentions)] for p in sheet.places])
    lines += ["", f"## {label('quotes', lang)}", ""]
    lines += [f"> {cell(q.text)}  \n> — {cell(q.speaker or '?')} (`{q.start}-{q.end}`)\n"
              for q in sheet.quotes]
    return "\n".join(lines).rstrip() + "\n"


def countdown_markdown(sheet: FactSheet, style: Style, as_of: dt.date) -> str:
    lang = style.lang
    rows = [[c.event.id, event_when_text(c.event, style), countdown_text(c, style), c.event.label]
            for c in countdowns(sheet.events, as_of)]
    lines = [f"## {label('countdown', lang)} ({label('as_of', lang)} {as_of_text(as_of, style)})",
             ""]
    lines += _table(["id", label("when", lang), label("countdown", lang), label("what", lang)],
                    rows)
    return "\n".join(lines) + "\n"
