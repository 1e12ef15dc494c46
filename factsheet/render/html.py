"""The fact sheet as one self-contained HTML page (``factsheet sheet --format html``).

One file, nothing fetched: CSS, the SVG timeline and a few lines of script are inline, and
a Content-Security-Policy forbids everything else (no network, no other script). The page
is ``lang="ar" dir="rtl"`` with ``--lang ar`` (``en``/``ltr`` otherwise); every piece of
article text sits in its own bidi isolate (``<bdi>``, ``dir="auto"``), so Latin words and
digits never scramble what is around them.

Sections: the headline and the source; the publication date with its basis and evidence;
the timeline drawing (:mod:`.svg`); the events; people, organisations, places; quotes;
every date expression; and the article itself, where each date mention is highlighted and
shows its value, type and notes when hovered or focused (CSS only, keyboard-focusable).
Every fact links to its characters in the article (``#s-START-END``).

Article text is escaped by Jinja2's autoescaping and cleaned by
:func:`~.templating.display_text` (one code point for one, so offsets still hold): a
``<script>`` in an article is shown as text, never run.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from markupsafe import Markup, escape

from ..dates.model import Mention
from ..facts.model import FactSheet, Span
from ..schema import value_text
from .sheet_common import Style, event_where, label, published_text, when_text
from .svg import event_inferred, sheet_timeline_svg
from .templating import BIDI_CONTROLS, display_text, isolate_rtl, render

UI: dict[str, dict[str, str]] = {
    "article": {"ar": "نص المقال", "en": "The article"},
    "dates": {"ar": "التواريخ في النص", "en": "Dates in the text"},
    "type": {"ar": "النوع", "en": "type"},
    "value": {"ar": "القيمة", "en": "value"},
    "notes": {"ar": "ملاحظات", "en": "notes"},
    "text": {"ar": "النص", "en": "text"},
    "span": {"ar": "الموضع", "en": "span"},
    "mentions": {"ar": "الإشارات", "en": "mentions"},
    "inferred": {"ar": "مستنتج", "en": "inferred"},
    "relations": {"ar": "العلاقات", "en": "relations"},
    "kind": {"ar": "النوع", "en": "kind"},
    "acronym": {"ar": "الاختصار", "en": "acronym"},
    "name": {"ar": "الاسم", "en": "name"},
    "contents": {"ar": "المحتويات", "en": "Contents"},
    "made_by": {"ar": "أنشأها factsheet", "en": "made by factsheet"},
    "uncertainty": {"ar": "هامش الخطأ", "en": "uncertainty"},
    "days": {"ar": "أيام", "en": "days"},
    "no_items": {"ar": "لا شيء", "en": "none"},
    "show_dates": {"ar": "عرض كل التواريخ", "en": "Show every date expression"},
    "hint": {"ar": "مرر المؤشر على تاريخ مظلل أو انتقل إليه بمفتاح Tab لرؤية قيمته.",
             "en": "Hover a highlighted date, or reach it with Tab, to see its value."},
}
HEADLINE_MAX = 160
"""A first line longer than this is not a headline: the first sentence is used instead."""
OPEN_DATES_UP_TO = 60
"""The list of every date expression starts open when there are at most this many."""


def ui(key: str, lang: str) -> str:
    """A label of the page in ``lang``."""
    return UI[key]["ar" if lang == "ar" else "en"]


def span_id(start: int, end: int) -> str:
    """The id of the element holding the characters ``start:end`` of the article."""
    return f"s-{start}-{end}"


# --------------------------------------------------------------------------- the article


@dataclass
class _Span:
    """A span of the article that something on the page links to."""

    start: int
    end: int
    kinds: set[str] = field(default_factory=set)
    date: Mention | None = None

    @property
    def id(self) -> str:
        return span_id(self.start, self.end)


class Spans:
    """The spans facts link to; ``href`` registers one and gives its link (or ``None`` for a
    span that is not a piece of the text)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.by_pos: dict[tuple[int, int], _Span] = {}

    def href(self, start: int | None, end: int | None, kind: str) -> str | None:
        if start is None or end is None or not 0 <= start < end <= len(self.text):
            return None
        span = self.by_pos.setdefault((start, end), _Span(start, end))
        span.kinds.add(kind)
        return "#" + span.id

    def of(self, s: Span | None, kind: str) -> str | None:
        return None if s is None else self.href(s.start, s.end, kind)

    def date(self, m: Mention) -> str | None:
        link = self.href(m.start, m.end, "date")
        if link is not None:
            self.by_pos[(m.start, m.end)].date = m
        return link


def tooltip(m: Mention) -> str:
    """What a highlighted date shows: its type and value, then one line per note."""
    value = value_text(m.value) if m.value is not None else "?"
    lines = [f"{m.type}: {value}"]
    if m.hijri is not None:
        lines.append(f"hijri: {value_text(m.hijri)}")
    if m.mod:
        lines.append(f"mod: {m.mod}")
    if m.anchor is not None:
        lines.append(f"{m.anchor.relation}: {m.anchor.target_text}")
    lines += list(m.notes)
    return "\n".join(lines)


_BIDI = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")


def _text_piece(text: str) -> str:
    """Escaped article text; a bidi control shows as a small visible box, ``U+202E``,
    whose only character (U+2060) keeps the offsets."""
    out: list[str] = []
    last = 0
    for m in _BIDI.finditer(text):
        out.append(str(escape(display_text(text[last:m.start()]))))
        out.append(f'<span class="ctl" data-cp="U+{ord(m.group()):04X}">\u2060</span>')
        last = m.end()
    out.append(str(escape(display_text(text[last:]))))
    return "".join(out)


def _open(s: _Span, first: bool) -> str:
    kinds = " ".join(f"k-{k}" for k in sorted(s.kinds - {"date"}))
    if s.date is not None:
        cls = f"d {kinds}".strip()
        if not first:
            return f'<mark class="{cls} cont" data-of="{s.id}">'
        tip = escape(isolate_rtl(display_text(tooltip(s.date))))
        return (f'<mark class="{cls}" id="{s.id}" data-of="{s.id}" tabindex="0" '
                f'data-tip="{tip}" aria-describedby="dm-{s.start}-{s.end}">')
    cls = f"r {kinds}".strip()
    if not first:
        return f'<span class="{cls} cont" data-of="{s.id}">'
    return f'<span class="{cls}" id="{s.id}" data-of="{s.id}">'


def _close(s: _Span) -> str:
    return "</mark>" if s.date is not None else "</span>"


def article_markup(text: str, spans: Iterable[_Span]) -> Markup:
    """The article as HTML: every span an element (``mark`` for a date, ``span`` for other
    facts) carrying ``id="s-START-END"``. Spans that overlap without nesting are split: the
    later pieces carry ``data-of`` with the same id. Linear in the text and the spans (times
    the nesting depth)."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    starts: dict[int, list[_Span]] = {}
    for s in ordered:
        starts.setdefault(s.start, []).append(s)
    points = sorted({0, len(text)} | {p for s in ordered for p in (s.start, s.end)})
    out: list[str] = []
    stack: list[_Span] = []
    for i, p in enumerate(points):
        ending = [k for k, s in enumerate(stack) if s.end == p]
        if ending:
            k = ending[0]
            reopen = [s for s in stack[k:] if s.end != p]
            out.extend(_close(s) for s in reversed(stack[k:]))
            del stack[k:]
            for s in reopen:
                out.append(_open(s, first=False))
                stack.append(s)
        for s in starts.get(p, ()):
            out.append(_open(s, first=True))
            stack.append(s)
        if i + 1 < len(points):
            out.append(_text_piece(text[p:points[i + 1]]))
    out.extend(_close(s) for s in reversed(stack))
    return Markup("".join(out))


_SENTENCE_END = re.compile(r"[.!؟?\n]")


def headline(text: str) -> tuple[str, int, int]:
    """The article's headline and its span: its first line when short, else its first
    sentence, else its first words."""
    stripped = len(text) - len(text.lstrip())
    line_end = text.find("\n", stripped)
    first = text[stripped: line_end if line_end >= 0 else len(text)].rstrip()
    if 0 < len(first) <= HEADLINE_MAX:
        return first, stripped, stripped + len(first)
    m = _SENTENCE_END.search(text, stripped)
    end = m.start() if m else len(text)
    if 0 < end - stripped <= HEADLINE_MAX:
        return text[stripped:end].rstrip(), stripped, stripped + len(text[stripped:end].rstrip())
    cut = text.rfind(" ", stripped, stripped + HEADLINE_MAX)
    end = cut if cut > stripped else stripped + HEADLINE_MAX
    return text[stripped:end] + "…", stripped, end


# --------------------------------------------------------------------------- the page


@lru_cache(maxsize=1)
def _script() -> tuple[str, str]:
    """The page's inline script and its CSP hash (``sha256-…``)."""
    code = resources.files("factsheet.render").joinpath("templates/sheet.js").read_text(
        encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii")
    return code, f"sha256-{digest}"


def _links(spans: Spans, items: Iterable[Span], kind: str) -> list[dict[str, Any]]:
    return [{"text": s.text, "href": spans.of(s, kind), "pos": f"{s.start}–{s.end}"}
            for s in items]


def page_context(sheet: FactSheet, style: Style, as_of: dt.date,
                 *, today: bool = False) -> dict[str, Any]:
    """Everything the page template prints (plain data; article text not yet escaped)."""
    lang = style.lang
    spans = Spans(sheet.text)
    head, h0, h1 = headline(sheet.text)
    pub = sheet.published
    evidence = [{"text": e.text, "reason": e.reason, "href": spans.href(e.start, e.end,
                                                                       "evidence"),
                 "pos": f"{e.start}–{e.end}"} for e in pub.evidence]
    dates = []
    for m in sheet.dates:
        dates.append({"text": m.text, "type": m.type, "href": spans.date(m),
                      "value": value_text(m.value) if m.value is not None else "?",
                      "notes": list(m.notes), "inferred": m.inferred,
                      "row": f"dm-{m.start}-{m.end}", "pos": f"{m.start}–{m.end}"})
    events = []
    event_href: dict[str, str] = {}
    for e in sheet.events:
        main = next((m for m in e.mentions if m.value == e.when), None) or (
            e.mentions[0] if e.mentions else None)
        when_href = spans.date(main) if main is not None else None
        label_href = spans.of(e.label_span, "event")
        target = when_href or label_href
        if target:
            event_href[e.id] = target
        events.append({
            "id": e.id, "when": when_text(e.when, style), "when_href": when_href,
            "iso": value_text(e.when) if e.when is not None else "",
            "where": event_where(e, style),
            "where_href": spans.of(e.where.span, "place") if e.where else None,
            "what": e.label + (f" ({e.acronym})" if e.acronym else ""),
            "what_href": label_href, "own": e.own,
            "inferred": event_inferred(e, pub),
            "mentions": [{"text": m.text, "href": spans.date(m), "pos": f"{m.start}–{m.end}"}
                         for m in e.mentions],
            "relations": [{"text": f"{r.relation} {r.offset or ''} → {r.target}".replace(
                "  ", " "), "words": r.span.text, "href": spans.of(r.span, "relation")}
                for r in e.relations],
        })
    people = [{"name": p.name, "role": p.role, "role_href": spans.of(p.role_span, "role"),
               "mentions": _links(spans, p.mentions, "person")} for p in sheet.people]
    orgs = [{"name": o.name, "en": o.en, "acronym": o.acronym,
             "mentions": _links(spans, o.mentions, "org")} for o in sheet.organizations]
    places = [{"name": p.name, "en": p.en, "kind": p.kind,
               "mentions": _links(spans, p.mentions, "place")} for p in sheet.places]
    quotes = [{"text": q.text, "href": spans.href(q.start, q.end, "quote"),
               "speaker": q.speaker, "speaker_href": spans.of(q.speaker_span, "speaker"),
               "pos": f"{q.start}–{q.end}"} for q in sheet.quotes]
    head_href = spans.href(h0, h1, "headline")
    timeline = sheet_timeline_svg(sheet, style, as_of, today=today, href=event_href,
                                  standalone=False)
    script, script_hash = _script()
    return {
        "lang": lang, "dir": "rtl" if lang == "ar" else "ltr",
        "L": {k: label(k, lang) for k in ("title", "source", "published", "basis",
                                          "evidence", "events", "timeline", "people",
                                          "organizations", "places", "quotes", "when",
                                          "where", "what", "who", "role", "article_event",
                                          "none")},
        "U": {k: ui(k, lang) for k in UI},
        "headline": head, "headline_href": head_href, "source": sheet.source or "-",
        "published": {"text": published_text(sheet, style), "basis": pub.basis,
                      "basis_text": label(pub.basis, lang),
                      "iso": pub.iso, "uncertainty": pub.uncertainty_days,
                      "evidence": evidence},
        "timeline": Markup(timeline), "events": events, "people": people,
        "organizations": orgs, "places": places, "quotes": quotes, "dates": dates,
        "dates_open": len(dates) <= OPEN_DATES_UP_TO,
        "article": article_markup(sheet.text, spans.by_pos.values()),
        "script": Markup(script), "script_hash": script_hash,
    }


def sheet_html(sheet: FactSheet, style: Style, as_of: dt.date, *, today: bool = False) -> str:
    """The fact sheet as one HTML page; ``as_of`` is the day marked on the timeline
    (``today`` says it is the current day rather than one the user gave)."""
    return render("sheet.html.j2", **page_context(sheet, style, as_of, today=today))
