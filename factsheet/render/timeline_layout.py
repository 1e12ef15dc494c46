"""Geometry of the timeline drawing, apart from any markup: pure functions of plain data.

* :func:`build_scale` maps days to x. The axis is scaled to the events (a few days to
  centuries); when they span decades with long empty stretches between groups of events (or
  years pass between the events and today), the axis is **broken** into segments, each with
  its own scale, so that a group of days in 2022 is not squeezed beside 1956.
* :func:`ticks` chooses tick marks per segment (decades, years, months, weeks or days) so
  that their labels fit, and :func:`hijri_ticks` the same on the Hijri calendar.
* :func:`place_labels` lays out labels in lanes above (and below) the axis so that no two
  overlap, no leader line (from a mark to its label) crosses a label or another leader:
  first fit in priority order over sorted interval lists, at most a few hundred labels tried.
* :func:`text_width` estimates the width of a line of text, on the generous side (tested
  against the browser's own measurements in ``tests/test_html_browser.py``).

Coordinates are in SVG user units; x grows to the right, y downwards. With ``rtl`` the time
axis runs from right to left (the reading direction of an Arabic page).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# --------------------------------------------------------------------------- text widths

_ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF),
                  (0xFE70, 0xFEFF))


@lru_cache(maxsize=4096)
def _char_em(c: str) -> float:
    """Advance of one character in em, rounded up over common sans-serif fonts."""
    o = ord(c)
    if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
        return 0.0
    if any(lo <= o <= hi for lo, hi in _ARABIC_BLOCKS):
        return 0.56
    if c == " ":
        return 0.34
    if c.isdigit():
        return 0.66
    if c.isupper():
        return 0.76
    if c.isalpha() and o < 0x0250:
        return 0.62
    if unicodedata.east_asian_width(c) in ("W", "F"):
        return 1.05
    if c in "–—…":
        return 1.0
    return 0.62


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated width of ``text`` set in ``size`` units of a sans-serif font (never less
    than the DejaVu/Liberation width of the same text: the drawing may only err on room)."""
    width = sum(_char_em(c) for c in text) * size
    return width * (1.08 if bold else 1.0)


def fit_text(text: str, max_width: float, size: float, *, bold: bool = False) -> str:
    """``text`` cut at a word (or, failing that, a character) with ``…`` to fit ``max_width``."""
    text = " ".join(text.split())
    if text_width(text, size, bold=bold) <= max_width:
        return text
    room = max_width - text_width("…", size, bold=bold)
    words = text.split(" ")
    out = ""
    for w in words:
        candidate = f"{out} {w}" if out else w
        if text_width(candidate, size, bold=bold) > room:
            break
        out = candidate
    if not out:  # one very long word: cut it
        for c in text:
            if text_width(out + c, size, bold=bold) > room:
                break
            out += c
    return out + "…"


def wrap_text(text: str, max_width: float, size: float, lines: int = 2) -> list[str]:
    """``text`` in at most ``lines`` lines of ``max_width``, the last one cut with ``…``."""
    words = " ".join(text.split()).split(" ")
    out: list[str] = []
    current = ""
    i = 0
    while i < len(words) and len(out) < lines - 1:
        candidate = f"{current} {words[i]}" if current else words[i]
        if current and text_width(candidate, size) > max_width:
            out.append(current)
            current = ""
            continue
        current = candidate
        i += 1
    rest = " ".join([current, *words[i:]]).strip()
    if rest:
        out.append(fit_text(rest, max_width, size))
    return [fit_text(line, max_width, size) for line in out]


# --------------------------------------------------------------------------- the scale

BREAK_MIN_SPAN_DAYS = 20 * 365
"""An axis is broken only when the events span at least two decades."""
BREAK_MIN_GAP_DAYS = 5 * 365
"""… and only at empty stretches of five years or more …"""
BREAK_GAP_SHARE = 0.05
"""… that are also at least a twentieth of the whole span (the longest gaps break first)."""
SHORT_BREAK_MIN_SPAN_DAYS = 6 * 365
SHORT_BREAK_MIN_GAP_DAYS = 3 * 365
SHORT_BREAK_GAP_SHARE = 0.4
"""Over six years, an axis also breaks at an empty stretch of three years or more that is at
least 40% of the span (events of 2017 and today's date in 2026)."""
MAX_SEGMENTS = 6


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the axis: days ``start`` (first shown) to ``end`` (exclusive) drawn from
    ``x0`` to ``x1`` in left-to-right coordinates (mirrored by the scale when ``rtl``)."""

    start: dt.date
    end: dt.date
    x0: float
    x1: float

    @property
    def days(self) -> int:
        return (self.end - self.start).days


@dataclass(frozen=True, slots=True)
class Scale:
    """Days to x, over one or more segments."""

    segments: tuple[Segment, ...]
    left: float
    right: float
    rtl: bool = False

    def _ltr(self, day: dt.date, frac: float = 0.0) -> float:
        """x (left to right) of ``day`` plus ``frac`` of a day; a day between two segments
        (never an event's) is clamped to the start of the next one."""
        seg = next((s for s in self.segments if day < s.end), self.segments[-1])
        pos = min(max((day - seg.start).days + frac, 0.0), float(seg.days))
        return seg.x0 + (seg.x1 - seg.x0) * pos / seg.days

    def _mirror(self, x: float) -> float:
        return self.left + self.right - x if self.rtl else x

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` is on the axis (not in a break)."""
        return any(s.start <= day < s.end for s in self.segments)

    def at(self, day: dt.date) -> float:
        """The x of the start of ``day`` (where a tick for it goes)."""
        return self._mirror(self._ltr(day))

    def x(self, day: dt.date) -> float:
        """The x of the middle of ``day``."""
        return self._mirror(self._ltr(day, 0.5))

    def span(self, first: dt.date, last: dt.date) -> tuple[float, float]:
        """The x extent (low, high) of the days ``first`` to ``last`` inclusive."""
        a = self._mirror(self._ltr(first))
        b = self._mirror(self._ltr(last, 1.0))
        return (a, b) if a <= b else (b, a)

    def segment_x(self, seg: Segment) -> tuple[float, float]:
        """A segment's x extent (low, high) on the page."""
        a, b = self._mirror(seg.x0), self._mirror(seg.x1)
        return (a, b) if a <= b else (b, a)


def _pad(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The days to show for events from ``first`` to ``last``: whole years for spans over
    three years, whole months over two months, else a few days around them."""
    days = (last - first).days + 1
    if days > 3 * 365:
        return dt.date(first.year, 1, 1), dt.date(last.year + 1, 1, 1)
    if days > 60:
        end_month = dt.date(last.year + (last.month == 12), last.month % 12 + 1, 1)
        return dt.date(first.year, first.month, 1), end_month
    margin = max(2, days // 8)
    return (first - dt.timedelta(days=margin),
            last + dt.timedelta(days=margin + 1))


def clusters(intervals: Sequence[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """Groups of intervals separated by the long empty stretches where the axis breaks."""
    ordered = sorted(intervals)
    if not ordered:
        return []
    first = ordered[0][0]
    last = max(b for _, b in ordered)
    span = (last - first).days
    merged: list[list[dt.date]] = [[ordered[0][0], ordered[0][1]]]
    gaps: list[tuple[int, int]] = []  # (gap in days, index of the group after it)
    for a, b in ordered[1:]:
        current = merged[-1]
        if a > current[1]:
            gaps.append(((a - current[1]).days, len(merged)))
            merged.append([a, b])
        else:
            current[1] = max(current[1], b)
    if span >= BREAK_MIN_SPAN_DAYS:
        threshold = max(BREAK_MIN_GAP_DAYS, BREAK_GAP_SHARE * span)
    elif span >= SHORT_BREAK_MIN_SPAN_DAYS:  # a decade or less: only one long empty stretch
        threshold = max(SHORT_BREAK_MIN_GAP_DAYS, SHORT_BREAK_GAP_SHARE * span)
    else:
        return [(first, last)]
    breaks = sorted(i for g, i in sorted(gaps, reverse=True)[: MAX_SEGMENTS - 1]
                    if g >= threshold)
    out: list[tuple[dt.date, dt.date]] = []
    begin = 0
    for i in [*breaks, len(merged)]:
        group = merged[begin:i]
        out.append((group[0][0], max(g[1] for g in group)))
        begin = i
    return out


BREAK_GAP = 26.0
"""Pixels between two segments of a broken axis (where the break mark is drawn)."""
MIN_SEGMENT = 70.0


def build_scale(
    intervals: Sequence[tuple[dt.date, dt.date]],
    left: float,
    right: float,
    *,
    rtl: bool = False,
) -> Scale:
    """A scale showing every interval (first and last day, inclusive) between ``left`` and
    ``right``; broken (see :func:`clusters`) when they span decades with long gaps. Each
    segment's width grows with the square root of its length, so that short, busy segments
    keep room, and with the number of intervals it holds (labels need room too)."""
    groups = clusters(intervals)
    if not groups:
        raise ValueError("a scale needs at least one interval")
    padded = [_pad(a, b) for a, b in groups]
    # Padding may make neighbours touch: join them again.
    joined: list[tuple[dt.date, dt.date]] = []
    for a, b in padded:
        if joined and a <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], b))
        else:
            joined.append((a, b))
    n = len(joined)
    room = right - left - BREAK_GAP * (n - 1)
    lengths = [math.sqrt(max((b - a).days, 30)) for a, b in joined]
    counts = [sum(1 for x, y in intervals if a <= x < b or a <= y < b) for a, b in joined]
    shares = [0.5 * ln / sum(lengths) + 0.5 * c / max(sum(counts), 1)
              for ln, c in zip(lengths, counts, strict=True)]
    widths = [max(MIN_SEGMENT, room * sh) for sh in shares]
    scale_down = room / sum(widths)
    widths = [w * scale_down for w in widths]
    segments = []
    x = left
    for (a, b), w in zip(joined, widths, strict=True):
        segments.append(Segment(a, b, x, x + w))
        x += w + BREAK_GAP
    return Scale(tuple(segments), left, right, rtl)


# --------------------------------------------------------------------------- ticks


@dataclass(frozen=True, slots=True)
class Tick:
    """A tick at the start of ``day``, with its label (``None``: a tick without a label)
    centred on ``lx`` (the tick's x, moved inwards at the edges of the drawing)."""

    day: dt.date
    x: float
    label: str | None
    lx: float = 0.0


_STEPS: tuple[tuple[int, str], ...] = (
    (1, "day"), (2, "day"), (7, "day"), (14, "day"), (1, "month"), (2, "month"),
    (3, "month"), (6, "month"), (1, "year"), (2, "year"), (5, "year"), (10, "year"),
    (20, "year"), (50, "year"), (100, "year"),
)
_STEP_DAYS = {"day": 1, "month": 30.44, "year": 365.25}


def _tick_days(seg: Segment, n: int, unit: str) -> list[dt.date]:
    out: list[dt.date] = []
    if unit == "day":
        origin = dt.date(2001, 1, 1)  # a Monday: weekly ticks fall on Mondays
        k = (seg.start - origin).days
        day = seg.start + dt.timedelta(days=(-k) % n)
        while day < seg.end:
            out.append(day)
            day += dt.timedelta(days=n)
    elif unit == "month":
        y, m = seg.start.year, seg.start.month
        if seg.start.day > 1:
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        while dt.date(y, m, 1) < seg.end:
            if (m - 1) % n == 0:
                out.append(dt.date(y, m, 1))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        y = seg.start.year + (seg.start > dt.date(seg.start.year, 1, 1))
        y += (-y) % n
        while y <= dt.MAXYEAR and dt.date(y, 1, 1) < seg.end:
            out.append(dt.date(y, 1, 1))
            y += n
    return out


def _step(seg: Segment, widths: dict[str, float], gap: float = 10.0) -> tuple[int, str]:
    """The finest tick step whose labels (``widths[unit]`` wide) fit in the segment."""
    px_per_day = (seg.x1 - seg.x0) / max(seg.days, 1)
    for n, unit in _STEPS:
        if n * _STEP_DAYS[unit] * px_per_day >= widths[unit] + gap:
            return n, unit
    return _STEPS[-1]


def ticks(scale: Scale, months: Sequence[str] | None = None, size: float = 11.0) -> list[Tick]:
    """Ticks of every segment, labelled ``2018``, ``May 2022`` or ``17 May`` with the month
    names ``months`` (English by default). Labels never overlap (see :func:`thin_labels`)."""
    months = months or _MONTHS_EN
    longest = max(months, key=len)
    widths = {"day": text_width(f"28 {longest}", size),
              "month": text_width(f"{longest} 2000", size), "year": text_width("2000", size)}
    out: list[Tick] = []
    for seg in scale.segments:
        n, unit = _step(seg, widths)
        for i, day in enumerate(_tick_days(seg, n, unit)):
            name = months[day.month - 1]
            if unit == "year":
                text = str(day.year)
            elif unit == "month":
                text = f"{name} {day.year}" if i == 0 or day.month == 1 else name
            elif i == 0:  # after a break the year is needed
                text = f"{day.day} {name} {day.year}"
            else:
                text = f"{day.day} {name}" if day.day <= n else str(day.day)
            out.append(Tick(day, scale.at(day), text))
    return thin_labels(out, size, (scale.left - 14, scale.right + 14))


def thin_labels(
    items: list[Tick], size: float, bounds: tuple[float, float], gap: float = 8.0
) -> list[Tick]:
    """Keep the labels inside ``bounds`` and drop those (not their ticks) that would overlap
    an earlier kept one, left to right."""
    kept: list[Tick] = []
    last_right = -math.inf
    for t in sorted(items, key=lambda t: t.x):
        if t.label is None:
            kept.append(t)
            continue
        w = text_width(t.label, size)
        lx = min(max(t.x, bounds[0] + w / 2), bounds[1] - w / 2)
        if lx - w / 2 < last_right + gap:
            kept.append(Tick(t.day, t.x, None, t.x))
            continue
        kept.append(Tick(t.day, t.x, t.label, lx))
        last_right = lx + w / 2
    return kept


_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def hijri_ticks(
    scale: Scale,
    months: Sequence[str],
    era: str,
    size: float = 11.0,
) -> list[Tick]:
    """Ticks at the first days of Hijri years (long segments) or months (short ones), or at
    Gregorian day ticks labelled with their Hijri day (a few weeks); outside the Umm al-Qura
    tables (1343–1500 AH) nothing is drawn."""
    from ..dates.calendars import OutOfRange, gregorian_to_hijri

    out: list[Tick] = []
    for seg in scale.segments:
        px_per_day = (seg.x1 - seg.x0) / max(seg.days, 1)
        try:
            hy0, hm0, _ = gregorian_to_hijri(seg.start)
            hy1, _, _ = gregorian_to_hijri(seg.end - dt.timedelta(days=1))
        except (OutOfRange, ValueError):
            continue
        year_w = text_width(f"1400 {era}", size) + 10
        month_w = text_width(f"{max(months, key=len)} 1400", size) + 10
        day_w = text_width(f"30 {max(months, key=len)}", size) + 10
        month_step = next((k for k in (1, 2, 3, 6) if k * 29.5 * px_per_day >= month_w), None)
        starts: list[tuple[dt.date, str]] = []
        if seg.days <= 120 and 7 * px_per_day >= day_w:  # days
            step = next(k for k in (1, 2, 7) if k * px_per_day >= day_w)
            day = seg.start
            first = True
            while day < seg.end:
                try:
                    _, hm, hd = gregorian_to_hijri(day)
                except (OutOfRange, ValueError):
                    break
                if (day - seg.start).days % step == 0:
                    starts.append((day, f"{hd} {months[hm - 1]}" if first or hd <= step
                                   else str(hd)))
                    first = False
                day += dt.timedelta(days=1)
        elif month_step is not None:  # months
            hy, hm = hy0, hm0
            first = True
            while True:
                hy, hm = (hy + 1, 1) if hm == 12 else (hy, hm + 1)
                month_day = _hijri_first(hy, hm)
                if month_day is None or month_day >= seg.end:
                    break
                if (hm - 1) % month_step == 0:
                    starts.append((month_day, f"{months[hm - 1]} {hy}" if first or hm == 1
                                   else months[hm - 1]))
                    first = False
        else:  # years
            n = next((k for k in (1, 2, 5, 10, 20, 50, 100) if k * 354 * px_per_day >= year_w),
                     100)
            for hy in range(hy0 + 1, hy1 + 1):
                if hy % n == 0:
                    new_year = _hijri_first(hy, 1)
                    if new_year is not None:
                        starts.append((new_year, f"{hy} {era}"))
        for tick_day, text in starts:
            if seg.start <= tick_day < seg.end:
                out.append(Tick(tick_day, scale.at(tick_day), text))
    return thin_labels(out, size, (scale.left - 14, scale.right + 14))


def _hijri_first(year: int, month: int) -> dt.date | None:
    """The Gregorian day of 1 ``month`` ``year`` AH, or ``None`` outside the tables."""
    from ..dates.calendars import OutOfRange, hijri_to_gregorian

    try:
        return hijri_to_gregorian(year, month, 1)
    except (OutOfRange, ValueError):
        return None


# --------------------------------------------------------------------------- labels


@dataclass(frozen=True, slots=True)
class LabelRequest:
    """A label to place: ``anchor`` is the x of its mark; lower ``priority`` goes first."""

    key: str
    anchor: float
    width: float
    priority: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class Lanes:
    """The vertical geometry of the lanes, measured upwards from the axis: lane ``k`` holds
    boxes from ``base + k * pitch`` to that plus ``height``."""

    base: float = 14.0
    pitch: float = 46.0
    height: float = 38.0
    count: int = 6

    def bottom(self, k: int) -> float:
        return self.base + k * self.pitch

    def top(self, k: int) -> float:
        return self.bottom(k) + self.height


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a label went: its side (``above`` or ``below`` the axis), its lane (0 is
    nearest the axis), its x extent, and its leader from ``anchor`` on the axis to ``foot``
    on the box's edge nearest the axis."""

    key: str
    lane: int
    lo: float
    hi: float
    anchor: float
    foot: float
    side: str = "above"


@dataclass(frozen=True, slots=True)
class _Leader:
    x0: float
    x1: float
    y1: float

    def x_at(self, y: float) -> float:
        return self.x0 + (self.x1 - self.x0) * y / self.y1 if self.y1 else self.x0

    def span(self, y0: float, y1: float) -> tuple[float, float] | None:
        """The x extent of this leader between heights ``y0`` and ``y1`` (None: not there)."""
        lo, hi = max(y0, 0.0), min(y1, self.y1)
        if lo > hi:
            return None
        a, b = self.x_at(lo), self.x_at(hi)
        return (a, b) if a <= b else (b, a)

    def crosses(self, other: _Leader) -> bool:
        """Two leaders from the axis cross when their order changes before the lower ends."""
        y = min(self.y1, other.y1)
        before = self.x0 - other.x0
        after = self.x_at(y) - other.x_at(y)
        return before * after < 0 or (before == 0 and after == 0 and self.y1 == other.y1)


class _Lane:
    """Disjoint boxes of one lane, sorted by their left edge, and the x extents of the
    leaders that cross the lane (sorted by their left end)."""

    def __init__(self) -> None:
        self.los: list[float] = []
        self.his: list[float] = []
        self.cross_los: list[float] = []
        self.cross_his: list[float] = []
        self.widest = 0.0

    def hits(self, lo: float, hi: float) -> bool:
        """Whether ``[lo, hi]`` overlaps a box of this lane."""
        i = bisect.bisect_left(self.his, lo)
        return i < len(self.los) and self.los[i] < hi

    def forbidden(self, lo: float, hi: float, w: float, pad: float) -> list[tuple[float, float]]:
        """Left edges a box ``w`` wide may not take in ``[lo, hi]`` (open intervals): it
        would come within ``pad`` of a box or of a leader crossing this lane."""
        out = []
        i = bisect.bisect_left(self.his, lo - w - pad)
        while i < len(self.los) and self.los[i] < hi + w + pad:
            out.append((self.los[i] - pad - w, self.his[i] + pad))
            i += 1
        j = bisect.bisect_left(self.cross_los, lo - w - pad - self.widest)
        while j < len(self.cross_los) and self.cross_los[j] < hi + w + pad:
            out.append((self.cross_los[j] - pad - w, self.cross_his[j] + pad))
            j += 1
        return out

    def add(self, lo: float, hi: float) -> None:
        i = bisect.bisect_left(self.los, lo)
        self.los.insert(i, lo)
        self.his.insert(i, hi)

    def add_crossing(self, lo: float, hi: float) -> None:
        i = bisect.bisect_left(self.cross_los, lo)
        self.cross_los.insert(i, lo)
        self.cross_his.insert(i, hi)
        self.widest = max(self.widest, hi - lo)


def _free_pieces(
    lo: float, hi: float, forbidden: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    """The closed pieces of ``[lo, hi]`` outside the open intervals ``forbidden``."""
    if lo > hi:
        return []
    pieces: list[tuple[float, float]] = []
    start = lo
    for a, b in sorted(forbidden):
        if b <= start:
            continue
        if a >= hi:
            break
        if a >= start:
            pieces.append((start, a))
        start = max(start, b)
    if start <= hi:
        pieces.append((start, hi))
    return pieces


def _candidates(pieces: list[tuple[float, float]], wanted: Sequence[float]) -> list[float]:
    """In each piece, the points nearest to each of ``wanted`` (without repeats)."""
    out: list[float] = []
    for a, b in pieces:
        for w in wanted:
            x = min(max(w, a), b)
            if x not in out:
                out.append(x)
    return out


class _Side:
    """The lanes on one side of the axis, their boxes and their leaders."""

    def __init__(self, name: str, geo: Lanes) -> None:
        self.name = name
        self.geo = geo
        self.rows = [_Lane() for _ in range(geo.count)]
        self.anchors: list[float] = []
        self.leaders: list[_Leader] = []
        self.slant = 0.0

    def find(
        self, a: float, w: float, want: float, bounds: tuple[float, float], pad: float,
        reach: float, avoid: Sequence[float], k: int, slanted: bool,
        marks: Sequence[float] = (),
    ) -> tuple[float, float, _Leader] | None:
        """A box ``w`` wide for the mark at ``a`` in lane ``k``: its left edge, its leader's
        foot and its leader, or ``None``."""
        geo, row = self.geo, self.rows[k]
        y = geo.bottom(k)
        slant = 2.5 * y if slanted else 0.0
        lo_min = max(bounds[0], a - slant - w + reach)
        lo_max = min(bounds[1] - w, a + slant - reach)
        if lo_min > lo_max:  # narrower than 2 × reach, or a mark at the very edge
            lo_min = lo_max = want
        forbidden = row.forbidden(lo_min, lo_max, w, pad)
        i = bisect.bisect_left(avoid, lo_min - pad)
        while i < len(avoid) and avoid[i] <= lo_max + w + pad:
            if abs(avoid[i] - a) > min(1.0, reach / 2):
                forbidden.append((avoid[i] - pad - w, avoid[i] + pad))
            i += 1
        pieces = _free_pieces(lo_min, lo_max, forbidden)
        # Nearest to centred first; without the strict wish, fewest other marks covered
        # first (a box pushed to one side of its mark leaves the neighbours' leaders room).
        spots = _candidates(pieces, (want, a - reach, a + reach - w))
        if avoid:
            spots.sort(key=lambda lo: abs(lo - want))
        else:
            spots.sort(key=lambda lo: (_covered(marks, lo, lo + w, a), abs(lo - want)))
        for lo in spots[:12]:
            foot = min(max(a, lo + reach), lo + w - reach)
            leader = _Leader(a, foot, y)
            if _leader_clear(leader, self.rows[:k], geo, pad / 2) and not self._crosses(leader):
                return lo, foot, leader
        return None

    def _crosses(self, leader: _Leader) -> bool:
        """Whether ``leader`` crosses a leader already drawn (only those near can)."""
        lo = min(leader.x0, leader.x1) - self.slant
        hi = max(leader.x0, leader.x1) + self.slant
        i = bisect.bisect_left(self.anchors, lo)
        while i < len(self.anchors) and self.anchors[i] <= hi:
            if leader.crosses(self.leaders[i]):
                return True
            i += 1
        return False

    def add(self, k: int, lo: float, w: float, leader: _Leader) -> None:
        self.rows[k].add(lo, lo + w)
        i = bisect.bisect_left(self.anchors, leader.x0)
        self.anchors.insert(i, leader.x0)
        self.leaders.insert(i, leader)
        self.slant = max(self.slant, abs(leader.x1 - leader.x0))
        for j in range(k + 1):
            xs = leader.span(self.geo.bottom(j), self.geo.top(j))
            if xs is not None:
                self.rows[j].add_crossing(*xs)


def place_labels(
    requests: Sequence[LabelRequest],
    left: float,
    right: float,
    *,
    lanes: Lanes | None = None,
    below: Lanes | None = None,
    pad: float = 6.0,
    reach: float = 6.0,
    max_labels: int = 200,
) -> list[Placement]:
    """Lay out labels in lanes above their marks (and below the axis, given ``below``),
    with leader lines, so that nothing overlaps.

    Each label is a box within ``[left, right]``, at least ``pad`` from every other box; its
    leader runs straight from its mark on the axis to the nearest point of the box's edge
    (vertical when the box is over its mark). A leader never crosses a box, nor another
    leader. In priority order, a label takes the lowest lane of either side (above first),
    and in it the position nearest to centred over its mark, that keeps all this true. A
    first pass also keeps boxes off the marks of the other labels, and the first two passes
    keep leaders vertical; the last lets them slant, at most ``2.5`` times their height. A
    label that fits nowhere, and any beyond the first ``max_labels`` by priority, is left
    out (its mark stays, with its text as a tooltip). Returns the placed labels."""
    sides = [_Side("above", lanes or Lanes())] + ([_Side("below", below)] if below else [])
    depth = max(side.geo.count for side in sides)
    anchors = sorted(r.anchor for r in requests)
    placed: list[Placement] = []
    order = sorted(requests, key=lambda r: (r.priority, r.anchor))[:max_labels]
    for req in order:
        a = req.anchor
        w = min(req.width, right - left)
        want = min(max(a - w / 2, left), right - w)
        spot = None
        for strict, slanted in ((True, False), (False, False), (False, True)):
            for k in range(depth):
                for side in sides:
                    if k >= side.geo.count:
                        continue
                    found = side.find(a, w, want, (left, right), pad, reach,
                                      anchors if strict else (), k, slanted, anchors)
                    if found is not None:
                        spot = (side, k, *found)
                        break
                if spot is not None:
                    break
            if spot is not None:
                break
        if spot is None:
            continue
        side, k, lo, foot, leader = spot
        side.add(k, lo, w, leader)
        placed.append(Placement(req.key, k, lo, lo + w, a, foot, side.name))
    return placed


def _covered(marks: Sequence[float], lo: float, hi: float, own: float) -> int:
    """How many marks other than ``own`` lie under ``[lo, hi]``."""
    n = bisect.bisect_right(marks, hi) - bisect.bisect_left(marks, lo)
    return n - (1 if lo <= own <= hi else 0)


def _leader_clear(leader: _Leader, below: Sequence[_Lane], geo: Lanes, clearance: float) -> bool:
    """Whether a leader passes the lanes ``below`` its box without touching their boxes."""
    for j, row in enumerate(below):
        xs = leader.span(geo.bottom(j), geo.top(j))
        if xs is not None and row.hits(xs[0] - clearance, xs[1] + clearance):
            return False
    return True
