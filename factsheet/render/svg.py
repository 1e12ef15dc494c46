"""The timeline drawing as SVG: the events on a time axis, the publication date and "today".

``factsheet timeline --format svg`` writes it on its own; the HTML fact sheet inlines it.
The geometry (scale, broken axis, ticks, label lanes) is in :mod:`.timeline_layout`; this
module turns a fact sheet or a merged corpus timeline into :class:`Item` s and the laid-out
drawing into markup through ``templates/timeline.svg.j2``.

* a day is a dot, a range, a month or a year is a bar over its days;
* a value resting on an inference (a date from the inferred publication date) is hollow and
  dashed;
* the publication date is a solid vertical line, ``--as-of`` (default today) a dashed one;
* with ``--calendar both`` a second axis gives Hijri (Umm al-Qura) years, months or days;
* in a merged corpus timeline the dots grow with the number of articles.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..dates.model import Range, Value
from ..dates.published import PublishedDate
from ..dates.when import value_bounds
from ..facts.model import Event, FactSheet
from . import timeline_layout as tl
from .sheet_common import (
    MONTHS,
    MONTHS_EN,
    Style,
    event_where,
    iso_text,
    label,
    when_text,
)
from .templating import first_strong_rtl, render

UI: dict[str, dict[str, str]] = {
    "day": {"ar": "يوم", "en": "a day"},
    "period": {"ar": "مدة (فترة، شهر، سنة)", "en": "a period (range, month, year)"},
    "inferred_mark": {"ar": "مستنتج", "en": "inferred"},
    "today": {"ar": "اليوم", "en": "Today"},
    "as_of": {"ar": "بتاريخ", "en": "As of"},
    "articles": {"ar": "عدد المقالات", "en": "articles"},
    "size": {"ar": "الحجم: عدد المقالات", "en": "size: number of articles"},
    "not_drawn": {"ar": "خارج المحور (بلا تاريخ في التقويم)",
                  "en": "Not on the axis (no calendar date)"},
    "hidden": {"ar": "تسميات حذفت لضيق المكان (تظهر عند المرور على العلامة)",
               "en": "labels left out for room (shown on the marks)"},
    "no_events": {"ar": "لا أحداث مؤرخة", "en": "No dated events"},
    "hijri": {"ar": "هجري", "en": "Hijri"},
    "corpus": {"ar": "الخط الزمني للمجموعة", "en": "Corpus timeline"},
}

WIDTH = 960.0
"""Width of the drawing; it grows with the number of events, up to ``MAX_WIDTH``."""
MAX_WIDTH = 1600.0
PER_EVENT = 64.0
MARGIN = 18.0
LABEL_SIZE = 12.0
TICK_SIZE = 11.0
LINE = 16.0
"""Height of a line of label text."""
BOX_PAD = 4.0
BOX_H = 3 * LINE + 2 * BOX_PAD
LANES = tl.Lanes(base=14.0, pitch=BOX_H + 8.0, height=BOX_H, count=6)
MAX_LABEL_WIDTH = 150.0
LABEL_CANDIDATES = 200
"""Labels tried at most: no more can fit in the lanes of the widest drawing."""


def ui(key: str, lang: str) -> str:
    """A label of the drawing in ``lang``."""
    return UI[key]["ar" if lang == "ar" else "en"]


@dataclass(frozen=True, slots=True)
class Item:
    """One event to draw: its days (one interval per piece of its value), its words."""

    key: str
    when: str
    label: str
    parts: tuple[tuple[dt.date, dt.date], ...]
    inferred: bool = False
    own: bool = False
    count: int | None = None
    href: str | None = None
    place: str = ""

    @property
    def first(self) -> dt.date:
        return min(a for a, _ in self.parts)

    @property
    def last(self) -> dt.date:
        return max(b for _, b in self.parts)


_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_PARTS = {"Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12), "H1": (1, 6),
          "H2": (7, 12), **_SEASONS}


def period_bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day of a quarter, half, season or ISO week (``2024-Q1``, ``2015-H2``,
    ``2024-FA``, ``2022-W12``); seasons are meteorological (winter runs into the next year)."""
    if not value or len(value) < 7 or not value[:4].isdigit() or value[4] != "-":
        return None
    year, part = int(value[:4]), value[5:]
    if part in _PARTS:
        m0, m1 = _PARTS[part]
        y1, m1 = (year + 1, m1 - 12) if m1 > 12 else (year, m1)
        end = dt.date(y1 + (m1 == 12), m1 % 12 + 1, 1) - dt.timedelta(days=1)
        return dt.date(year, m0, 1), end
    if part.startswith("W") and part[1:].isdigit():
        try:
            monday = dt.date.fromisocalendar(year, int(part[1:]), 1)
        except ValueError:
            return None
        return monday, monday + dt.timedelta(days=6)
    return None


def _bounds(value: Value) -> tuple[dt.date, dt.date] | None:
    if isinstance(value, str):
        return value_bounds(value) or period_bounds(value)
    if isinstance(value, Range):
        lo, hi = _bounds(value.start), _bounds(value.end)
        if lo is None or hi is None:
            return lo or hi
        return lo[0], hi[1]
    return value_bounds(value)


def value_parts(value: Value) -> tuple[tuple[dt.date, dt.date], ...]:
    """The calendar days of a value, one interval per piece (a list gives several)."""
    pieces = value if isinstance(value, tuple) else (value,)
    out = [b for b in (_bounds(v) for v in pieces) if b is not None]
    return tuple(out)


def event_inferred(event: Event, published: PublishedDate) -> bool:
    """Whether an event's date rests on an inference: the article's own event dated by an
    inferred publication date, or an event whose mentions of its value all carry notes."""
    if event.own and published.basis not in ("given", "dateline"):
        return True
    same = [m for m in event.mentions if m.value == event.when] or list(event.mentions)
    return bool(same) and all(m.inferred for m in same)


def _short_style(style: Style) -> Style:
    """Dates on labels: Gregorian when the Hijri calendar has its own axis."""
    if style.calendar == "both":
        return Style(style.lang, "gregorian", style.family)
    return style


def sheet_items(
    sheet: FactSheet, style: Style, *, href: Mapping[str, str] | None = None
) -> tuple[list[Item], list[Event]]:
    """The drawable events of a fact sheet, and those without a calendar date."""
    short = _short_style(style)
    items: list[Item] = []
    undrawn: list[Event] = []
    for e in sheet.events:
        parts = value_parts(e.when)
        if not parts:
            undrawn.append(e)
            continue
        text = e.label + (f" ({e.acronym})" if e.acronym else "")
        items.append(Item(e.id, when_text(e.when, short), text, parts,
                          event_inferred(e, sheet.published), e.own, None,
                          (href or {}).get(e.id), event_where(e, style)))
    return items, undrawn


def _value_from_json(value: Any) -> Value:
    if isinstance(value, dict):
        return Range(value.get("start"), value.get("end"))
    if isinstance(value, list):
        return tuple(Range(v.get("start"), v.get("end")) if isinstance(v, dict) else v
                     for v in value)
    return value if isinstance(value, str) else None


def merged_items(events: Sequence[Mapping[str, Any]], style: Style) -> tuple[list[Item], int]:
    """The drawable events of a merged corpus timeline (``factsheet.corpus-timeline/1``
    events), and how many have no calendar date."""
    short = _short_style(style)
    items: list[Item] = []
    undrawn = 0
    for i, ev in enumerate(events, 1):
        value = _value_from_json(ev.get("value"))
        parts = value_parts(value)
        if not parts:
            undrawn += 1
            continue
        items.append(Item(f"c{i}", when_text(value, short), str(ev.get("label") or ""), parts,
                          count=len(ev.get("articles") or ()), place=str(ev.get("place") or "")))
    return items, undrawn


# --------------------------------------------------------------------------- drawing


@dataclass
class _Text:
    """A line of text; ``anchor`` is SVG's text-anchor for the wanted edge and direction."""

    x: float
    y: float
    text: str
    rtl: bool
    cls: str = ""
    anchor: str = "middle"


@dataclass
class _Label:
    key: str
    lo: float
    hi: float
    top: float
    anchor: float
    foot: float
    edge: float
    """y of the box's edge facing the axis, where the leader ends."""
    axis_end: float
    lines: list[_Text]
    href: str | None
    cls: str


@dataclass
class _Mark:
    key: str
    shape: str  # "dot" or "bar"
    x: float
    w: float
    r: float
    cls: str
    title: str
    href: str | None


@dataclass
class Drawing:
    """Everything the template prints, in user units."""

    width: float
    height: float
    title: str
    desc: str
    rtl: bool
    lang: str
    axis_y: float
    segments: list[tuple[float, float]]
    breaks: list[float]
    ticks: list[tuple[float, float, str | None]]
    hijri_y: float | None
    hijri_ticks: list[tuple[float, float, str | None]]
    marks: list[_Mark]
    labels: list[_Label]
    markers: list[dict[str, Any]]
    legend: list[dict[str, Any]]
    notes: list[_Text]
    placed: int = 0
    hidden: list[str] = field(default_factory=list)
    box_h: float = BOX_H


def _line(x: float, y: float, text: str, cls: str = "", edge: str = "middle") -> _Text:
    """A line of text whose ``edge`` (left, right or middle) is at ``x``."""
    rtl = first_strong_rtl(text)
    anchor = "middle" if edge == "middle" else (
        "start" if (edge == "left") != rtl else "end")
    return _Text(x, y, text, rtl, cls, anchor)


def _legend(
    lang: str, kinds: Sequence[tuple[str, str]], rtl: bool, y: float, width: float
) -> tuple[list[dict[str, Any]], float]:
    """Legend entries (kind of symbol, text) laid out in the reading direction, wrapping;
    returns them and the y under them."""
    entries = kinds
    out: list[dict[str, Any]] = []
    x = MARGIN
    row_y = y
    for kind, text in entries:
        w = 16 + 5 + tl.text_width(text, TICK_SIZE) + 18
        if x + w > width - MARGIN:
            x, row_y = MARGIN, row_y + 18
        sx = width - x - 8 if rtl else x + 8  # symbol centre
        tx = sx - 13 if rtl else sx + 13
        out.append({"kind": kind, "sx": sx, "y": row_y,
                    "text": _line(tx, row_y + 4, text, "lx", "right" if rtl else "left")})
        x += w
    return out, row_y + 18


def _tick_kept(tick: tl.Tick, size: float, band: tuple[float, float],
               leaders: Sequence[tuple[float, float, float, float]]) -> tl.Tick:
    """``tick`` without its label when a leader below the axis crosses it."""
    if tick.label is None:
        return tick
    half = tl.text_width(tick.label, size) / 2 + 3
    for x0, y0, x1, y1 in leaders:
        lo, hi = max(band[0], min(y0, y1)), min(band[1], max(y0, y1))
        if lo > hi:
            continue
        xa = x0 + (x1 - x0) * (lo - y0) / (y1 - y0) if y1 != y0 else x0
        xb = x0 + (x1 - x0) * (hi - y0) / (y1 - y0) if y1 != y0 else x1
        if min(xa, xb) <= tick.lx + half and max(xa, xb) >= tick.lx - half:
            return tl.Tick(tick.day, tick.x, None, tick.x)
    return tick


def draw(
    items: Sequence[Item],
    style: Style,
    *,
    published: dt.date | None = None,
    published_note: str = "",
    as_of: dt.date | None = None,
    today: bool = False,
    title: str = "",
    undrawn: Sequence[str] = (),
    merged: bool = False,
) -> Drawing:
    """Lay out the timeline of ``items`` (see the module's docstring).

    From the top: the legend, the labels of the publication date and of today, the lanes
    of event labels above the axis, the axis with its marks and ticks, the Hijri axis
    (``--calendar both``), the lanes of event labels below, and notes (events without a
    calendar date, labels left out for room)."""
    lang = style.lang
    rtl = lang == "ar"
    short = _short_style(style)
    width = min(MAX_WIDTH, max(WIDTH, PER_EVENT * len(items)))
    left, right = MARGIN, width - MARGIN
    intervals = [p for it in items for p in it.parts]
    marked = [(d, k) for d, k in ((published, "published"), (as_of, "asof")) if d is not None]
    same_day = published is not None and published == as_of
    intervals += [(d, d) for d, _ in marked]
    if not intervals:
        intervals = [(dt.date(2000, 1, 1), dt.date(2000, 1, 1))]
    scale = tl.build_scale(intervals, left, right, rtl=rtl)

    kinds = [("dot", ui("day", lang)), ("bar", ui("period", lang))]
    if any(it.inferred for it in items):
        kinds.append(("inferred", ui("inferred_mark", lang)))
    if merged:
        kinds.append(("size", ui("size", lang)))
    if published is not None:
        kinds.append(("published", label("published", lang)))
    if as_of is not None:
        kinds.append(("asof", ui("today" if today else "as_of", lang)))
    legend, y = _legend(lang, kinds, rtl, 12.0, width)

    # Markers (publication date, today): their labels in up to two rows under the legend.
    marker_reqs = []
    marker_text: dict[str, str] = {}
    for day, kind in marked:
        head = label("published", lang) if kind == "published" else ui(
            "today" if today else "as_of", lang)
        text = f"{head}: {iso_text(day.isoformat(), short)}"
        if kind == "published" and published_note:
            text += f" ({published_note})"
        if same_day and kind == "published":
            text += f" = {ui('today' if today else 'as_of', lang)}"
        elif same_day:
            continue  # one label says both
        marker_text[kind] = text
        marker_reqs.append(tl.LabelRequest(kind, scale.x(day),
                                           tl.text_width(text, TICK_SIZE) + 8))
    # Side by side in one row, each label beside its line (two rows when they must).
    marker_places = tl.place_labels(marker_reqs, left, right, pad=0.0, reach=0.0,
                                    lanes=tl.Lanes(base=0.0, pitch=18.0, height=14.0, count=2))
    marker_top = y + 4
    y = marker_top + 18 * (1 + max((p.lane for p in marker_places), default=-1))

    # Event labels, in lanes above and below the axis: the first LABEL_CANDIDATES by
    # priority (the article's own event, the most cited, then in time order) are tried.
    anchors: dict[str, float] = {}
    for it in items:
        lo, hi = scale.span(it.first, it.last)
        anchors[it.key] = scale.x(it.first) if it.first == it.last else (lo + hi) / 2
    candidates = sorted(items, key=lambda it: (0 if it.own else 1, -(it.count or 0),
                                               anchors[it.key]))[:LABEL_CANDIDATES]
    requests = []
    texts: dict[str, list[str]] = {}
    for it in candidates:
        if it.count is None:
            head = it.when + (f" · {it.place}" if it.place else "")
            what = it.label
        else:  # a merged timeline: how many articles, then where and what
            head = f"{it.when} · " + (
                (f"{it.count} articles" if it.count != 1 else "1 article") if lang == "en"
                else f"{ui('articles', lang)}: {it.count}")
            what = (f"{it.place}: " if it.place else "") + it.label
        body = tl.wrap_text(what, MAX_LABEL_WIDTH, LABEL_SIZE, 2)
        head = tl.fit_text(head, MAX_LABEL_WIDTH * 1.4, LABEL_SIZE, bold=True)
        texts[it.key] = [head, *body]
        w = max([tl.text_width(head, LABEL_SIZE, bold=True)]
                + [tl.text_width(b, LABEL_SIZE) for b in body])
        priority = (0 if it.own else 1, -(it.count or 0))
        requests.append(tl.LabelRequest(it.key, anchors[it.key], w + 2 * BOX_PAD + 4,
                                        priority))
    hijri_gap = 34.0 if style.calendar == "both" else 0.0
    below = tl.Lanes(base=32.0 + hijri_gap, pitch=LANES.pitch, height=BOX_H, count=LANES.count)
    places = tl.place_labels(requests, left, right, lanes=LANES, below=below,
                             max_labels=LABEL_CANDIDATES)
    up = [p for p in places if p.side == "above"]
    down = [p for p in places if p.side == "below"]
    axis_y = y + 10 + (LANES.top(max(p.lane for p in up)) if up else LANES.base)
    hijri_y = axis_y + hijri_gap if hijri_gap else None
    bottom = axis_y + (below.top(max(p.lane for p in down)) + 4 if down else 26 + hijri_gap)

    by_key = {it.key: it for it in items}
    labels: list[_Label] = []
    for p in places:
        it = by_key[p.key]
        if p.side == "above":
            edge = axis_y - LANES.bottom(p.lane)
            top, axis_end = edge - BOX_H, axis_y - 6
        else:
            edge = axis_y + below.bottom(p.lane)
            top, axis_end = edge, axis_y + 6
        cx = (p.lo + p.hi) / 2
        lines = [_line(cx, top + BOX_PAD + (i + 1) * LINE - 4, text, "what" if i else "when")
                 for i, text in enumerate(texts[p.key])]
        cls = "own" if it.own else ("inferred" if it.inferred else "")
        labels.append(_Label(p.key, p.lo, p.hi, top, p.anchor, p.foot, edge, axis_end,
                             lines, it.href, cls))
    labels.sort(key=lambda lb: lb.lo)

    # Marks on the axis: longest bars first, so that shorter ones and dots stay on top.
    marks: list[_Mark] = []
    for it in items:
        cls = " ".join(c for c in ("own" if it.own else "", "inferred" if it.inferred else "")
                       if c)
        r = 5.0 + (2.0 * math.log2(it.count) if it.count and it.count > 1 else 0.0)
        tip = f"{it.key} · {it.when}" + (f" · {it.place}" if it.place else "") + (
            f" · {ui('articles', lang)}: {it.count}" if it.count is not None else ""
        ) + f"\n{it.label}"
        for a, b in it.parts:
            lo, hi = scale.span(a, b)
            if a == b:
                marks.append(_Mark(it.key, "dot", scale.x(a), 0.0, min(r, 14.0), cls, tip,
                                   it.href))
            else:
                marks.append(_Mark(it.key, "bar", lo, max(hi - lo, 3.0), 0.0, cls, tip,
                                   it.href))
    marks.sort(key=lambda m: (m.shape == "dot", -m.w))

    # Axis and ticks; tick labels give way to the leaders of the labels below.
    segs = [scale.segment_x(s) for s in scale.segments]
    ordered = sorted(segs)
    breaks = [(a[1] + b[0]) / 2 for a, b in itertools.pairwise(ordered)]
    from ..dates.hijri_convert import HIJRI_MONTHS_AR, HIJRI_MONTHS_EN

    hmonths = HIJRI_MONTHS_AR if lang == "ar" else HIJRI_MONTHS_EN
    era = "هـ" if lang == "ar" else "AH"
    if style.calendar == "hijri":
        main = tl.hijri_ticks(scale, hmonths, era, TICK_SIZE)
    else:
        main = tl.ticks(scale, MONTHS[style.family] if lang == "ar" else MONTHS_EN, TICK_SIZE)
    hijri = tl.hijri_ticks(scale, hmonths, era, TICK_SIZE) if hijri_y is not None else []
    down_leaders = [(lb.anchor, lb.axis_end, lb.foot, lb.edge) for lb in labels
                    if lb.edge > axis_y]
    main = [_tick_kept(t, TICK_SIZE, (axis_y + 6, axis_y + 22), down_leaders) for t in main]
    if hijri_y is not None:
        hijri = [_tick_kept(t, TICK_SIZE, (hijri_y + 6, hijri_y + 22), down_leaders)
                 for t in hijri]

    markers = []
    where = {p.key: p for p in marker_places}
    for day, kind in marked:
        spot = where.get(kind)
        row = marker_top + 18 * (spot.lane if spot else 0)
        caption = _line((spot.lo + spot.hi) / 2, row + 12, marker_text[kind]) if spot else None
        markers.append({"kind": kind, "x": scale.x(day), "top": row + 16 if spot else y,
                        "bottom": axis_y + 8, "text": caption})

    notes: list[_Text] = []
    hidden = [it.key for it in items if it.key not in {p.key for p in places}]
    note_lines = []
    if undrawn:
        note_lines.append(f"{ui('not_drawn', lang)}: {', '.join(undrawn[:20])}"
                          + (" …" if len(undrawn) > 20 else ""))
    if hidden:
        note_lines.append(f"{len(hidden)} {ui('hidden', lang)}")
    if not items:
        note_lines.append(ui("no_events", lang))
    for text in note_lines:
        text = tl.fit_text(text, right - left, TICK_SIZE)
        notes.append(_line(right if rtl else left, bottom + 12, text, "note",
                           "right" if rtl else "left"))
        bottom += 18

    desc = "; ".join(f"{it.when}: {it.label}" + (f" — {it.place}" if it.place else "")
                     + (f" ({it.count})" if it.count else "")
                     for it in items[:200])
    return Drawing(width, bottom + 6, title, desc, rtl, lang, axis_y, segs, breaks,
                   [(t.x, t.lx, t.label) for t in main], hijri_y,
                   [(t.x, t.lx, t.label) for t in hijri],
                   marks, labels, markers, legend, notes, len(places), hidden)


def render_drawing(d: Drawing, *, standalone: bool = True, ns: str = "tl") -> str:
    """The SVG markup of a drawing (``standalone``: with the XML namespace declaration
    line that a ``.svg`` file wants)."""
    return render("timeline.svg.j2", d=d, standalone=standalone, ns=ns, nested=False)


def sheet_timeline_svg(
    sheet: FactSheet,
    style: Style,
    as_of: dt.date | None,
    *,
    today: bool = False,
    href: Mapping[str, str] | None = None,
    standalone: bool = True,
) -> str:
    """The timeline drawing of a fact sheet (``factsheet timeline --format svg``)."""
    items, undrawn = sheet_items(sheet, style, href=href)
    pub = sheet.published
    note = label(pub.basis, style.lang)
    if pub.uncertainty_days:
        note += f", ± {pub.uncertainty_days}"
    title = f"{label('timeline', style.lang)}: {sheet.source or '-'}"
    drawing = draw(items, style, published=pub.value, published_note=note, as_of=as_of,
                   today=today, title=title, undrawn=[e.id for e in undrawn])
    return render_drawing(drawing, standalone=standalone)


def merged_timeline_svg(
    timeline: Mapping[str, Any], style: Style, as_of: dt.date | None = None,
    *, today: bool = False,
) -> str:
    """The drawing of a merged corpus timeline (``timeline --merge --format svg``): dots grow
    with the number of articles, each label says it."""
    items, undrawn = merged_items(timeline.get("events") or [], style)
    title = f"{ui('corpus', style.lang)}: {timeline.get('articles', 0)}"
    drawing = draw(items, style, as_of=as_of, today=today, title=title,
                   undrawn=[f"{undrawn}"] if undrawn else (), merged=True)
    return render_drawing(drawing)
