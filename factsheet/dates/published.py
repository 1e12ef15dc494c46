"""The article's own date: given, read from a dateline, or inferred from what the text says.

:func:`infer_published` never looks at the clock. It reads the engine's mentions
(:func:`factsheet.find_dates` with no reference date) and reasons on their ``parts``:

* a **dateline** at the top (``الرباط - 25 مارس 2022 (ومع)``, ``الرباط في 25/03/2022``,
  ``يومه الجمعة (03 ماي)``) gives the date directly;
* otherwise **internal evidence** narrows it down: a day said to be today (``اليوم الجمعة``,
  ``أمس السبت`` → today is a Sunday), an offset to a dated event (``قبل 50 يوما من المنتدى``
  with the forum on 17 May 2022 → 28 March ± 3 days), a relative month matched with an
  absolute one (``ماي المقبل`` with ``ماي 2022`` elsewhere → before May 2022), and words that
  put a dated event in the future or the past (``المقرر عقده … 17 ماي 2022``).

The evidence is intersected. One day left (e.g. the only Friday in 25–31 March) is the answer;
a narrow window gives its middle day and an uncertainty; anything weaker is ``unknown``.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import NamedTuple

from .arabic import bare, fold, key, sentences, stems, words
from .model import Mention, PublishedBasis, Range, Value
from .normalize import compile_folded
from .when import parse_duration, shift, value_bounds

INFER_CHARS = 20_000
"""The date is inferred from the article's first characters (all of a news article): the
evidence is near the top, and weighing it is not linear in the length of the text."""

WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Evidence(NamedTuple):
    """A span of the text that says something about the publication date, and what."""

    text: str
    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class PublishedDate:
    """The article's date and how it is known.

    ``value`` is the day when the evidence pins one, else None (never a guess).
    ``uncertainty_days`` is 0 when there is a day, None otherwise. When the evidence narrows
    the date to a few days without pinning one, ``interval`` holds the first and last of them
    and ``candidates`` every one (e.g. the Tuesdays of January 2017): the values that rest on
    the date are computed for each and kept at the grain on which they all agree.
    """

    value: dt.date | None
    basis: PublishedBasis
    evidence: tuple[Evidence, ...] = ()
    uncertainty_days: int | None = None
    interval: tuple[dt.date, dt.date] | None = None
    candidates: tuple[dt.date, ...] = ()

    @property
    def iso(self) -> str | None:
        """The date as ``YYYY-MM-DD``, or ``None``."""
        return self.value.isoformat() if self.value else None


def given_date(value: dt.date) -> PublishedDate:
    """A publication date the user stated (``--published``)."""
    return PublishedDate(value, "given", (), 0)


def infer_published(
    text: str,
    given: dt.date | None = None,
    *,
    mentions: Sequence[Mention] | None = None,
) -> PublishedDate:
    """The publication date of ``text``: ``given`` if any, else a dateline, else inferred.

    ``mentions`` are the engine's findings on ``text`` without a reference date; they are
    computed with :func:`factsheet.find_dates` when not passed.
    """
    if given is not None:
        return given_date(given)
    text = text[:INFER_CHARS]
    if mentions is None:
        from .engine import find_dates

        mentions = find_dates(text, None)
    mentions = sorted((m for m in mentions if m.end <= len(text)), key=lambda m: m.start)
    dateline = _dateline(text, mentions)
    if isinstance(dateline, PublishedDate):
        return dateline
    try:
        return _Solver(text, mentions, dateline).solve()
    except OverflowError:  # evidence counted past year 1 or 9999: it says nothing usable
        return PublishedDate(None, "unknown", (), None)


def dated_mentions(
    text: str, given: dt.date | None = None, *, prefer: str | None = None
) -> tuple[list[Mention], PublishedDate]:
    """The mentions of ``text`` resolved against its publication date, and that date:
    ``given`` when there is one, else read from a dateline or inferred from the text.

    The text is analysed once and resolved again for the date found. When the date was not
    given, every value that depends on it says so in its notes. When only an interval of
    candidate days is known, each mention is resolved against every candidate and keeps the
    value at the finest grain on which they all agree (:func:`agree`). ``prefer`` is that of
    :func:`factsheet.find_dates`.
    """
    from .engine import analyse

    analysis = analyse(text)
    if given is not None:
        return analysis.mentions(given, prefer=prefer), given_date(given)
    unanchored = analysis.mentions(None, prefer=prefer)
    found = infer_published(text, mentions=unanchored)
    if found.value is not None:
        mentions = analysis.mentions(found.value, prefer=prefer)
        return [note_basis(m, found) for m in mentions], found
    if not found.candidates:
        return unanchored, found
    runs = [analysis.mentions(day, prefer=prefer) for day in _sample(found.candidates)]
    return _agreed(unanchored, runs, found), found


def _sample(days: tuple[dt.date, ...], most: int = 48) -> list[dt.date]:
    """The candidate days to resolve against: all of them, or (when there are many) the first,
    the last and evenly spread ones between (values move monotonically with the date)."""
    if len(days) <= most:
        return list(days)
    step = (len(days) - 1) / (most - 1)
    return sorted({days[round(i * step)] for i in range(most)})


def _agreed(
    unanchored: list[Mention], runs: list[list[Mention]], found: PublishedDate
) -> list[Mention]:
    """Each mention at the value every candidate publication date agrees on."""
    assert found.interval is not None
    lo, hi = (d.isoformat() for d in found.interval)
    note = (f"the publication date is only known to lie between {lo} and {hi}: the value is "
            "kept at the grain on which all those days agree")
    spans = [{(m.start, m.end): m for m in run} for run in runs]
    out = []
    for m in unanchored:
        versions = [run.get((m.start, m.end)) for run in spans]
        if any(v is None for v in versions):
            out.append(m)
            continue
        values = [v.value for v in versions if v is not None]
        value = agree(values)
        first = versions[0]
        assert first is not None
        if value == m.value:
            out.append(m)
            continue
        notes = first.notes if all(v == values[0] for v in values) else (*m.notes, note)
        out.append(replace(first, value=value, notes=tuple(dict.fromkeys(notes))))
    return [note_basis(m, found) for m in out]


def agree(values: Sequence[Value]) -> Value:
    """The finest value all of ``values`` share: the value itself when they are equal, else
    the common month or year of their days (``2017-01-10`` and ``2017-01-24`` → ``2017-01``),
    else the common clock time of date-times without the date, else None."""
    first = values[0]
    if all(v == first for v in values):
        return first
    if all(isinstance(v, Range) for v in values):
        ranges = [v for v in values if isinstance(v, Range)]
        start = agree([r.start for r in ranges])
        end = agree([r.end for r in ranges])
        if isinstance(start, str) and isinstance(end, str):
            return Range(start, end)
        return None
    if not all(isinstance(v, str) for v in values):
        return None
    strings = [v for v in values if isinstance(v, str)]
    if all("T" in v for v in strings):
        clocks = {v.partition("T")[2] for v in strings}
        dates = agree([v.partition("T")[0] for v in strings])
        if len(clocks) != 1:
            return None
        clock = clocks.pop()
        return f"{dates}T{clock}" if isinstance(dates, str) and len(dates) == 10 else f"T{clock}"
    if any("W" in v for v in strings):
        years = {v[:4] for v in strings}
        return years.pop() if len(years) == 1 else None
    for width in (7, 4):
        heads = {v[:width] for v in strings}
        if len(heads) == 1 and all(len(v) >= width for v in strings):
            head = heads.pop()
            if re.fullmatch(r"\d{4}(?:-\d{2})?", head):
                return head
    return None


_BASIS_NOTE = {
    "dateline": "the publication date {} was read from the dateline",
    "inferred": "the publication date {} was inferred from the text, not given",
}


def note_basis(m: Mention, published: PublishedDate) -> Mention:
    """``m`` with a note saying that its value rests on a publication date that was not
    given (read from a dateline or inferred), when it does."""
    template = _BASIS_NOTE.get(published.basis)
    if template is None or published.value is None:
        return m
    if m.value is None or m.type == "duration":
        return m  # nothing resolved, or a length of time that no date changes
    if not (m.relative or any("publication date" in n for n in m.notes)):
        return m
    return replace(m, notes=(*m.notes, template.format(published.value.isoformat())))


# --- what a mention says -------------------------------------------------------------------


def _ymd(m: Mention) -> tuple[int | None, int | None, int | None]:
    """Year, month and day the mention states (from its parts, else its value). The parts
    of a Hijri mention are Hijri numbers: its Gregorian value is used instead."""
    p = m.parts if m.calendar == "gregorian" else None
    year = p.year if p else None
    month = p.month if p else None
    day = p.day if p else None
    if isinstance(m.value, str) and not m.relative:
        parts = re.match(r"^(\d{4}|X{4})(?:-(\d{2})(?:-(\d{2}))?)?", m.value)
        if parts:
            if year is None and parts.group(1).isdigit():
                year = int(parts.group(1))
            if month is None and parts.group(2):
                month = int(parts.group(2))
            if day is None and parts.group(3):
                day = int(parts.group(3))
    elif isinstance(m.value, str):
        parts = re.match(r"^X{4}-(\d{2})(?:-(\d{2}))?$", m.value)
        if parts:
            month = month or int(parts.group(1))
            if parts.group(2):
                day = day or int(parts.group(2))
    return year, month, day


def _absolute_bounds(m: Mention) -> tuple[dt.date, dt.date] | None:
    """Calendar bounds of a mention whose value does not depend on a reference date."""
    if m.relative or m.anchor is not None or m.type == "duration":
        return None
    return value_bounds(m.value)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --- datelines -----------------------------------------------------------------------------

_DASH_PREFIX = re.compile(r"^[^\w]*(?:[^\W\d_]+[\s.]*){0,3}[-–—:|]\s*[(\[]?\s*$")
_FI_PREFIX = re.compile(r"^[^\w]*(?:[^\W\d_]+\s*){1,2}\s+في\s*$")
_BARE_PREFIX = re.compile(r"^[^\w]*[(\[]?\s*$")
_CITY_PREFIX = re.compile(r"^[^\w]*(?:[^\W\d_]+\s+){1,3}$")
_WIRE_AFTER = compile_folded(
    r"^\s*(?:م|ميلادي)?\s*(?:\(|\[)?\s*(?:[-:|)\]]|\n|$|واس|ومع|و\.م\.ع|ا\s*ف\s*ب|رويترز|قنا|وام|بنا|"
    r"كونا|سبا|واج|وات|سانا|د\s*ب\s*ا|الاناضول|العمانيه|الاردنيه|بترا)"
)
_GROUP_GAP = compile_folded(
    r"^\s*(?:ه|هـ|م)?\s*[(،,]?\s*(?:و?الموافق\s*(?:ل)?|يوافق)?\s*[(/-]?\s*$"
)


class _PartialDateline(NamedTuple):
    """A dateline without its year: day and month to impose on the inferred date."""

    month: int
    day: int
    weekday: int | None
    evidence: tuple[Evidence, ...]


def _dateline(text: str, mentions: Sequence[Mention]) -> PublishedDate | _PartialDateline | None:
    """A date at the head of the article, before its first sentence starts."""
    lines_seen = 0
    line_start = 0
    heads: list[tuple[int, int]] = []
    for line in text.splitlines(keepends=True):
        if line.strip():
            heads.append((line_start, line_start + len(line)))
            lines_seen += 1
        line_start += len(line)
        if lines_seen == 3:
            break
    for first, last in heads:
        in_line = [m for m in mentions if first <= m.start < min(last, first + 120)
                   and not m.rule.startswith(("anaphora", "same_period"))]
        if not in_line:
            continue
        lead = in_line[0]
        prefix = text[first:lead.start]
        city = bool(_CITY_PREFIX.match(prefix))
        if not (
            _DASH_PREFIX.match(prefix) or _FI_PREFIX.match(prefix) or _BARE_PREFIX.match(prefix)
            or city
        ):
            continue
        # the dateline may be split in two mentions: يومه الجمعة (03 ماي), or give a Hijri
        # date and its Gregorian day: الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م
        group = [lead]
        for m in in_line[1:]:
            gap = text[group[-1].end:m.start]
            if (len(gap) <= 3 and not re.search(r"\w", gap)) or (
                len(gap) <= 16 and _GROUP_GAP.match(fold(gap))
            ):
                group.append(m)
        if city and not _WIRE_AFTER.match(fold(text[group[-1].end:group[-1].end + 24])):
            continue  # "أعلن 12 ..." is a sentence; "الرياض 12 مارس 2020 (واس)" a dateline
        year = month = day = weekday = None
        deictic = None
        for m in group:
            y, mo, d = _ymd(m)
            year, month, day = year or y, month or mo, day or d
            if m.parts and m.parts.weekday is not None:
                weekday = m.parts.weekday
            if m.parts and m.parts.deictic_days is not None:
                deictic = m.parts.deictic_days
        if deictic not in (None, 0):
            continue
        span = Evidence(
            text[group[0].start:group[-1].end], group[0].start, group[-1].end, "dateline"
        )
        if year and month and day:
            value = _safe_date(year, month, day)
            if value is not None:
                return PublishedDate(value, "dateline", (span,), 0)
        if month and day:
            return _PartialDateline(month, day, weekday, (span,))
    return None


# --- internal evidence ---------------------------------------------------------------------

_FUTURE_CUES = ("المقرر", "المرتقب", "المزمع", "المنتظر", "سيعقد", "ستعقد", "سينعقد",
                "ستنعقد", "سيقام", "ستقام", "يرتقب", "ينتظر", "يعتزم", "تعتزم")
_PAST_CUES = ("انعقد", "انعقدت", "عقد", "عقدت", "جرى", "جرت", "شهد", "شهدت", "نظم", "نظمت",
              "افتتح", "تم", "اقيم", "اقيمت", "المؤرخ", "المؤرخة", "بتاريخ")
_FUTURE_KEYS = {key(w) for w in _FUTURE_CUES}
_PAST_KEYS = {key(w) for w in _PAST_CUES}

SEARCH_YEARS = (1924, 2077)
"""Where a day-month is looked for when the text tells no year (the span of the Umm al-Qura
tables, which every Hijri comparison needs anyway)."""

ANCHOR_REACH = 5000
"""An offset's event is looked for within this many characters of it (linear time)."""

MAX_INTERVAL_DAYS = 366
"""Candidate days spread wider than this give no interval: the date is unknown."""

_ANNIVERSARY_WORDS = compile_folded(
    r"(?:مرت|مرور|تمر|انقضاء|مضي|مضت|تحل|حلول)\s+(?:نحو\s+|حوالي\s+)?$"
)
_ANNIVERSARY_ORDINAL = compile_folded(
    r"(?:ال)?ذكر(?:ى|ي)\s+(?:ال)?[\u200c]?\s*(?P<n>\d{1,3})(?!\d)"
    r"|(?:ال)?ذكر(?:ى|ي)\s+(?P<w>\S+(?:\s+و\S+)?)"
)
_PAIR_GAP = compile_folded(
    r"^\s*(?:ه|هـ|م)?\s*[(،,]?\s*(?:(?:و?الموافق|يوافق|الذي\s+يوافق|الذي\s+يصادف|التي\s+تصادف|"
    r"يصادف|تصادف|الموافق\s+ل)\s*(?:ل)?\s*)?(?:ليوم\s+|يوم\s+)?$"
)
_SAME_CLAUSE = compile_folded(r"^[^.،,؛:!?؟\n()«»\"]{0,30}$")
_LIKE_THIS_DAY = compile_folded(r"مثل\s+هذا\s+اليوم")


def _tolerance(amount: int, unit: str) -> int:
    """How approximate an offset is, in days (round numbers are approximate)."""
    if unit == "D":
        if amount < 7:
            return 0
        return 3 if amount % 5 == 0 else 1
    if unit == "W":
        return 3
    if unit == "M":
        return 15
    return 183


class _Dated(NamedTuple):
    """A day the text names without (all of) its year, completed by other evidence."""

    day: dt.date
    why: str


class _Solver:
    """Collects what the text says about its own date and intersects it.

    Constraints are of three kinds: *bounds* (published between two days), *filters* (a
    weekday, a month, a day of a month, a year) and *pins* (one exact day). The candidates are
    the days that pass them all, looked for within the bounds, else around the years the text
    tells, else within :data:`SEARCH_YEARS` when a filter names the day and month.
    """

    def __init__(
        self, text: str, mentions: Sequence[Mention], partial: _PartialDateline | None
    ) -> None:
        self.text = text
        self.mentions = mentions
        self.lo = dt.date.min
        self.hi = dt.date.max
        self.filters: list[Callable[[dt.date], bool]] = []
        self.evidence: list[Evidence] = []
        self.pins: list[dt.date] = []
        self.partial = partial
        self.conflict = False
        self._folded: str | None = None
        self._sentences: list[tuple[int, int]] | None = None
        self._sentence_starts: list[int] = []
        self.month_day_known = False
        """A filter fixes the day and month of the publication date (the year is searched)."""
        self.month_day: tuple[int, int] | None = None
        """The first (month, day) a filter fixes: the search tries only that day of each year."""
        self.dated: dict[int, _Dated] = {}
        """Mentions without a year that other evidence dates (by their start offset)."""
        self._starts = [m.start for m in mentions]
        self._months: dict[int, set[int]] | None = None
        self._stems: dict[int, dict[str, list[int]]] = {}
        self.hijri_days: dict[tuple[int, int], dt.date] = {}
        """Hijri month and day → the Gregorian day a pair in the text gives them."""

    @property
    def folded(self) -> str:
        """The text folded for word comparison, computed once."""
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence around ``offset`` (bounds computed once for the whole text)."""
        if self._sentences is None:
            self._sentences = list(sentences(self.text))
            self._sentence_starts = [s for s, _ in self._sentences]
        i = bisect_right(self._sentence_starts, offset) - 1
        if i < 0:
            return 0, len(self.text)
        return self._sentences[i]

    def _ev(self, m: Mention, reason: str) -> Evidence:
        return Evidence(m.text, m.start, m.end, reason)

    def _bound(self, lo: dt.date, hi: dt.date, ev: Evidence) -> None:
        self.evidence.append(ev)
        new_lo, new_hi = max(self.lo, lo), min(self.hi, hi)
        if new_lo > new_hi:
            self.conflict = True
            return
        self.lo, self.hi = new_lo, new_hi

    def _fix_month_day(self, month: int, day: int) -> None:
        """A filter: published on ``day`` of ``month``."""
        self.filters.append(lambda d: (d.month, d.day) == (month, day))
        self.month_day_known = True
        if self.month_day is None:
            self.month_day = (month, day)

    def _pin(self, day: dt.date, ev: Evidence) -> None:
        self.evidence.append(ev)
        self.pins.append(day)

    def solve(self) -> PublishedDate:
        if self.partial is not None:
            month, day, weekday = self.partial.month, self.partial.day, self.partial.weekday
            self.evidence.extend(self.partial.evidence)
            self._fix_month_day(month, day)
            if weekday is not None:
                self.filters.append(lambda d: d.weekday() == weekday)
        self._calendar_pairs()
        for m in self.mentions:
            self._today(m)
            self._offset(m)
            self._relative_month(m)
            self._current_period(m)
            self._year_said_relative(m)
            self._tense(m)
            self._anniversary(m)
            self._anniversary_ordinal(m)
        self._dated_weekday()
        return self._decide()

    # -- completing day-months the text gives without a year

    def _calendar_pairs(self) -> None:
        """A Hijri date and a Gregorian day-month of the same day (``السادس من شوال الموافق
        22 يوليو``), or a holiday and the day it falls on (``عيد الأضحى الذي يصادف يوم
        الأربعاء 22 غشت``): the years in which they meet date the Gregorian mention, and, when
        it is said to be today or tomorrow, the article."""
        for a, b in zip(self.mentions, self.mentions[1:], strict=False):
            gap = fold(self.text[a.end:b.start])
            if b.start - a.end > 40 or not (_PAIR_GAP.match(gap) or _SAME_CLAUSE.match(gap)):
                continue  # the calendars must then agree on one year: a check of the pairing
            for hijri, greg in ((a, b), (b, a)):
                if greg.calendar != "gregorian" or greg.parts is None:
                    continue
                gp = greg.parts
                if gp.month is None or gp.day is None or gp.year is not None:
                    continue
                spec = _hijri_day_of(hijri)
                if spec is None:
                    continue
                hy, hm, hd, tolerance = spec
                years = _meeting_years(hy, hm, hd, gp.month, gp.day, gp.weekday, tolerance)
                if len(years) == 1:
                    day = dt.date(years[0], gp.month, gp.day)
                    why = f"{hijri.text} falls on {day.isoformat()}"
                    self.dated[greg.start] = _Dated(day, why)
                    if hijri.calendar == "hijri":
                        self.hijri_days[(hm, hd)] = day
                    self.evidence.append(Evidence(
                        self.text[min(a.start, b.start):max(a.end, b.end)],
                        min(a.start, b.start), max(a.end, b.end), why))

    def _day_of(self, m: Mention) -> dt.date | None:
        """The day ``m`` names: written in full, or completed by another piece of evidence."""
        completed = self.dated.get(m.start)
        if completed is not None:
            return completed.day
        year, month, day = _ymd(m)
        if year and month and day and not m.relative:
            return _safe_date(year, month, day)
        if m.parts is not None and m.parts.deictic_days is not None and year and month and day:
            return _safe_date(year, month, day)
        return None

    # -- evidence

    def _today(self, m: Mention) -> None:
        """``اليوم الجمعة`` / ``أمس السبت`` / ``غدا الأربعاء 22 غشت``: what today is."""
        p = m.parts
        if p is None or p.deictic_days is None:
            return
        shift_days = p.deictic_days
        named = self._day_of(m)
        if named is None and m.calendar == "hijri" and p.month is not None and p.day is not None:
            named = self.hijri_days.get((p.month, p.day)) or self._hijri_told_year(m)
        if named is not None:
            exact = named - dt.timedelta(days=shift_days)
            self._pin(exact, self._ev(m, f"said to be {shift_days:+d} days from today"))
            return
        year, month, day = _ymd(m)
        if m.calendar == "gregorian" and month and day and not year:
            when = dt.date(2000, month, day) - dt.timedelta(days=shift_days)
            mo, da = when.month, when.day
            self._fix_month_day(mo, da)
            self.evidence.append(self._ev(m, f"today is {mo:02d}-{da:02d}, year not said"))
        if p.weekday is not None:
            today = (p.weekday - shift_days) % 7
            self.filters.append(lambda d: d.weekday() == today)
            self.evidence.append(self._ev(m, f"today is a {WEEKDAYS_EN[today]}"))

    def _hijri_told_year(self, m: Mention) -> dt.date | None:
        """``يومه الأحد 29 شعبان`` in a text that tells the Hijri year (``رمضان 1445 هـ``): the
        Gregorian day of that Hijri day in the told year (or one either side) that falls on
        the weekday said, a day off the Umm al-Qura day at most (the text's weekday wins)."""
        from .calendars import OutOfRange, hijri_to_gregorian

        p = m.parts
        assert p is not None and p.month is not None and p.day is not None
        if p.weekday is None:
            return None
        told = {c.parts.year for c in self.mentions if c.calendar == "hijri"
                and c.parts is not None and c.parts.year is not None}
        found = set()
        for year in {y + k for y in told for k in (-1, 0, 1)}:
            try:
                g = hijri_to_gregorian(year, p.month, p.day)
            except (OutOfRange, ValueError):
                continue
            for shift_days in (0, 1, -1):
                day = g + dt.timedelta(days=shift_days)
                if day.weekday() == p.weekday:
                    found.add(day)
                    break
        return found.pop() if len(found) == 1 else None

    def _offset(self, m: Mention) -> None:
        """``قبل 50 يوما من المنتدى``: the forum's date minus 50 days."""
        p = m.parts
        if p is None or m.anchor is None or m.anchor.relation not in ("before", "after"):
            return
        duration = parse_duration(p.offset)
        if duration is None:
            return
        amount, unit = duration
        target = self._anchor_date(m, day_grain=unit in ("D", "W"))
        if target is None:
            return
        (first, last), where = target
        if m.anchor.relation == "before":
            center = shift(first, -amount, unit)
            how = "before"
        else:
            center = shift(last, amount, unit)
            how = "after"
        tol = _tolerance(amount, unit)
        reason = (
            f"{amount}{unit} {how} {first.isoformat()} ({where.text}) → "
            f"{center.isoformat()} ± {tol} days"
        )
        self._bound(center - dt.timedelta(days=tol), center + dt.timedelta(days=tol),
                    self._ev(m, reason))

    def _anchor_date(
        self, m: Mention, *, day_grain: bool
    ) -> tuple[tuple[dt.date, dt.date], Mention] | None:
        """The date of the event an offset is counted from, found where the text dates it.

        The anchor's head noun (``المنتدى``) is looked for, clitics aside (``للمنتدى``), in
        the sentences that hold an absolute date; the closest dated mention after it wins.
        """
        assert m.anchor is not None
        heads = [w for w, _, _ in words(m.anchor.target_text) if len(bare(w)) > 2]
        if not heads:
            return None
        head_stems = set(stems(heads[0]))
        best: tuple[int, tuple[dt.date, dt.date], Mention] | None = None
        s_anchor = self.sentence_at(m.anchor.target_start)
        for c in self._between(m.start - ANCHOR_REACH, m.anchor.target_end + ANCHOR_REACH):
            if c is m:
                continue
            bounds = _absolute_bounds(c)
            if bounds is None:
                continue
            if day_grain and (bounds[1] - bounds[0]).days > 31:
                continue
            near = self._stems_before(c)
            for st in head_stems:
                for ws in near.get(st, ()):
                    if ws != m.anchor.target_start:
                        distance = c.start - ws
                        if best is None or distance < best[0]:
                            best = (distance, bounds, c)
            if m.anchor.target_end <= c.start < m.anchor.target_end + 200:
                distance = c.start - m.anchor.target_end
                if s_anchor[0] <= c.start < s_anchor[1] and (best is None or distance < best[0]):
                    best = (distance, bounds, c)
        if best is None:
            return None
        return best[1], best[2]

    def _stems_before(self, c: Mention) -> dict[str, list[int]]:
        """The stems (three letters or more) of the words in the 200 characters of ``c``'s
        sentence before it, with where each word starts (computed once per mention)."""
        found = self._stems.get(c.start)
        if found is None:
            found = {}
            s_start, _ = self.sentence_at(c.start)
            for w, ws, _ in words(self.folded, max(s_start, c.start - 200), c.start):
                for st in stems(w):
                    if len(st) >= 3:
                        found.setdefault(st, []).append(ws)
            self._stems[c.start] = found
        return found

    def _dated_months(self, month: int) -> set[int]:
        """The years in which the text dates a day or the whole of ``month`` with its year
        written (``يوم 2 فبراير`` whose year was only inferred is no evidence), computed once
        for all months."""
        if self._months is None:
            self._months = {}
            for c in self.mentions:
                if c.start not in self.dated and any(
                        n.startswith(("year from", "year of")) for n in c.notes):
                    continue  # its year is an inference (every inference says so in a note)
                bounds = _absolute_bounds(c)
                if bounds is None:
                    day = self.dated.get(c.start)
                    bounds = (day.day, day.day) if day else None
                if bounds is not None and (bounds[1] - bounds[0]).days < 31:
                    self._months.setdefault(bounds[0].month, set()).add(bounds[0].year)
        return set(self._months.get(month, ()))

    def _between(self, lo: int, hi: int) -> list[Mention]:
        """The mentions that start within ``[lo, hi)`` (the mentions are in text order)."""
        return list(self.mentions[bisect_left(self._starts, lo):bisect_left(self._starts, hi)])

    def _relative_month(self, m: Mention) -> None:
        """``ماي المقبل`` and ``ماي 2022`` elsewhere: published in June 2021 … April 2022."""
        p = m.parts
        if p is None or p.month is None or p.direction not in ("next", "last") or p.year:
            return
        if m.calendar != "gregorian":
            return
        years = self._dated_months(p.month) - {None}
        if m.start in self.dated:
            years = {self.dated[m.start].day.year}
        if len(years) != 1:
            return
        year = years.pop()
        told = self._told_years
        if told and year < told[-1] - 1:
            return  # "فبراير الماضي" in a history that dates a February of 1958 and events of
            # 2017: that February is not the one just past
        if p.direction == "next":
            lo = shift(dt.date(year, p.month, 1), -11, "M")
            hi = dt.date(year, p.month, 1) - dt.timedelta(days=1)
            if p.day is not None and _safe_date(year, p.month, p.day):
                hi = dt.date(year, p.month, p.day) - dt.timedelta(days=1)
            reason = f"month {year}-{p.month:02d} said to be next: published before it"
        else:
            lo = shift(dt.date(year, p.month, 1), 1, "M")
            hi = shift(dt.date(year, p.month, 1), 12, "M") - dt.timedelta(days=1)
            if p.day is not None and _safe_date(year, p.month, p.day):
                lo = dt.date(year, p.month, p.day) + dt.timedelta(days=1)
            reason = f"month {year}-{p.month:02d} said to be past: published after it"
        self._bound(lo, hi, self._ev(m, reason))

    def _current_period(self, m: Mention) -> None:
        """``13 جانفي الجاري``, ``شهر جويلية من السنة الجارية``: the month (or year) of writing."""
        p = m.parts
        if p is None or p.direction != "this" or m.calendar != "gregorian":
            return
        if p.month is not None and p.unit is None:
            month = p.month
            self.filters.append(lambda d: d.month == month)
            self.evidence.append(self._ev(m, f"the month of writing is month {month}"))

    def _year_said_relative(self, m: Mention) -> None:
        """``العام الماضي 2014``: written in 2015; ``العام الجاري 2015``: in 2015."""
        p = m.parts
        if p is None or p.year_direction is None or p.year is None or m.calendar != "gregorian":
            return
        year = p.year + {"last": 1, "next": -1, "this": 0}[p.year_direction]
        self._bound(dt.date(year, 1, 1), dt.date(year, 12, 31),
                    self._ev(m, f"{p.year} said to be this year's {p.year_direction}: "
                                f"written in {year}"))

    def _tense(self, m: Mention) -> None:
        """A dated event announced as to come (``المقرر عقده في 17 ماي 2022``) or as past."""
        bounds = _absolute_bounds(m)
        if bounds is None and m.start in self.dated:
            day = self.dated[m.start].day
            bounds = (day, day)
        if bounds is None or (bounds[1] - bounds[0]).days > 31:
            return
        s_start, _ = self.sentence_at(m.start)
        before = words(self.folded, max(s_start, m.start - 60), m.start)
        cue_keys = {key(w) for w, _, _ in before[-6:]}
        if cue_keys & _FUTURE_KEYS:
            self._bound(dt.date.min, bounds[0] - dt.timedelta(days=1),
                        self._ev(m, f"announced as to come: published before {bounds[0]}"))
        elif cue_keys & _PAST_KEYS:
            self._bound(bounds[1] + dt.timedelta(days=1), dt.date.max,
                        self._ev(m, f"told as past: published after {bounds[1]}"))

    def _anniversary(self, m: Mention) -> None:
        """``مرت 39 سنة على … 26 جانفي 1978`` and ``الذكرى الـ75 لمجازر 8 ماي 1945``: the year
        of writing is the event's year plus the count; with ``في مثل هذا اليوم`` or a day
        said to be today in the sentence, the day and month are the event's too."""
        s_start, s_end = self.sentence_at(m.start)
        years: int | None = None
        if m.type == "duration" and m.parts is not None and m.parts.offset:
            length = parse_duration(m.parts.offset)
            if length is None or length[1] != "Y":
                return
            if not _ANNIVERSARY_WORDS.search(self.folded, max(s_start, m.start - 15), m.start):
                return
            years = length[0]
        else:
            return
        event = self._sentence_event(m, s_start, s_end)
        if event is None:
            return
        when = event.replace(year=event.year + years) if _safe_date(
            event.year + years, event.month, event.day) else None
        if when is None:
            return
        sentence = self.folded[max(0, s_start - 200):s_end]
        if _LIKE_THIS_DAY.search(sentence):
            self._pin(when, self._ev(m, f"{years} years since {event.isoformat()} on this very "
                                        f"day: {when.isoformat()}"))
            return
        self._bound(when, shift(when, 12, "M") - dt.timedelta(days=1),
                    self._ev(m, f"{years} years since {event.isoformat()}: written in "
                                f"{when.isoformat()} … a year later"))

    def _anniversary_ordinal(self, m: Mention) -> None:
        """``تحيي الجزائر اليوم الذكرى الـ75 لمجازر 8 ماي 1945``: written in 2020; on the very
        day when the sentence says the anniversary is today."""
        bounds = _absolute_bounds(m)
        if bounds is None or bounds[0] != bounds[1]:
            return
        s_start, _ = self.sentence_at(m.start)
        head = self.folded[max(s_start, m.start - 80):m.start]
        said = list(_ANNIVERSARY_ORDINAL.finditer(head))
        if not said:
            return
        found = said[-1]
        if found.group("n"):
            count: int | None = int(found.group("n"))
        else:
            count = _ordinal_value(found.group("w") or "")
        if not count:
            return
        event = bounds[0]
        when = _safe_date(event.year + count, event.month, event.day)
        if when is None:
            return
        today = any(c.parts is not None and c.parts.deictic_days == 0
                    for c in self._between(s_start, m.start))
        if today:
            self._pin(when, self._ev(m, f"anniversary {count} of {event.isoformat()} said to be "
                                        f"today: {when.isoformat()}"))
        else:
            self._bound(dt.date(when.year, 1, 1), dt.date(when.year, 12, 31),
                        self._ev(m, f"anniversary {count} of {event.isoformat()}: written in "
                                    f"{when.year}"))

    def _sentence_event(self, m: Mention, s_start: int, s_end: int) -> dt.date | None:
        """The one day dated in full in the sentence of ``m`` or the one before it."""
        prev_start, _ = self.sentence_at(max(0, s_start - 1)) if s_start else (s_start, s_end)
        days = set()
        for c in self._between(prev_start, s_end):
            if c is m:
                continue
            bounds = _absolute_bounds(c)
            if bounds is not None and bounds[0] == bounds[1]:
                days.add(bounds[0])
        return days.pop() if len(days) == 1 else None

    def _dated_weekday(self) -> None:
        """``يوم غد السبت`` and, elsewhere, ``السبت 6 أوت 2016``: when the text dates exactly one
        day of the weekday said to be tomorrow (or after), that is the one."""
        if self.pins:
            return
        weekdays: dict[int, set[dt.date]] | None = None
        for m in self.mentions:
            p = m.parts
            if p is None or p.deictic_days is None or p.deictic_days <= 0 or p.weekday is None:
                continue
            if p.day is not None or p.month is not None:
                continue
            if weekdays is None:
                weekdays = {}
                for c in self.mentions:
                    d = self._day_of(c)
                    if d is not None and c.parts is not None and c.parts.weekday == d.weekday():
                        weekdays.setdefault(d.weekday(), set()).add(d)
            same = set(weekdays.get(p.weekday, ()))
            if len(same) == 1:
                day = same.pop()
                self._pin(day - dt.timedelta(days=p.deictic_days),
                          self._ev(m, f"the only {WEEKDAYS_EN[p.weekday]} the text dates is "
                                      f"{day.isoformat()}"))
                return

    @cached_property
    def _told_years(self) -> list[int]:
        """The years of the days and months the text dates in full (found once)."""
        return sorted({b[0].year for c in self.mentions if (b := _absolute_bounds(c)) is not None
                       and (b[1] - b[0]).days <= 366})

    def _decide(self) -> PublishedDate:
        evidence = tuple(self.evidence)
        unknown = PublishedDate(None, "unknown", evidence, None)
        basis: PublishedBasis = "dateline" if self.partial is not None else "inferred"
        if self.conflict:
            return unknown
        if self.pins:
            day = self.pins[0]
            if any(p != day for p in self.pins) or not self.lo <= day <= self.hi:
                return unknown
            if not all(f(day) for f in self.filters):
                return unknown
            return PublishedDate(day, basis, evidence, 0)
        lo, hi = self.lo, self.hi
        if lo == dt.date.min or hi == dt.date.max:
            if not self.month_day_known:
                return unknown
            told = self._told_years
            first, last = SEARCH_YEARS
            if told and not (lo != dt.date.min or hi != dt.date.max):
                near = self._search(dt.date(told[0] - 1, 1, 1), dt.date(told[-1] + 1, 12, 31))
                if len(near) == 1:
                    return self._result(near, basis, evidence)
            lo = max(lo, dt.date(first, 1, 1))
            hi = min(hi, dt.date(last, 12, 31))
        elif (hi - lo).days > 1500:
            return unknown
        return self._result(self._search(lo, hi), basis, evidence)

    def _search(self, lo: dt.date, hi: dt.date) -> list[dt.date]:
        """The days from ``lo`` to ``hi`` that pass every filter."""
        if hi < lo:
            return []
        days: Iterable[dt.date]
        if self.month_day is not None:  # only that day of each year can pass the filters
            month, day = self.month_day
            found = (_safe_date(y, month, day) for y in range(lo.year, hi.year + 1))
            days = (d for d in found if d is not None and lo <= d <= hi)
        else:
            days = (lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1))
        return [d for d in days if all(f(d) for f in self.filters)]

    def _result(
        self, days: list[dt.date], basis: PublishedBasis, evidence: tuple[Evidence, ...]
    ) -> PublishedDate:
        if not days:
            return PublishedDate(None, "unknown", evidence, None)
        if len(days) == 1:
            return PublishedDate(days[0], basis, evidence, 0)
        if (days[-1] - days[0]).days > MAX_INTERVAL_DAYS:
            return PublishedDate(None, "unknown", evidence, None)
        return PublishedDate(None, basis, evidence, None, (days[0], days[-1]), tuple(days))


def _ordinal_value(words_: str) -> int | None:
    """``السابعة والعشرين`` → 27, ``الأربعين`` → 40 (the lexicon's ordinals)."""
    from .lexicon import lexicon

    lx = lexicon()
    w = fold(words_).strip()
    bare_w = w.removeprefix("ال").replace(" وال", " و")
    return lx.day_ordinals.get(w) or lx.cardinals.get(w) or lx.cardinals.get(bare_w)


def _hijri_day_of(m: Mention) -> tuple[int | None, int, int, int] | None:
    """The Hijri year (if said), month and day a mention names, and how many days the
    Gregorian day may differ (a holiday's day depends on the moon sighting: one)."""
    p = m.parts
    if p is None:
        return None
    if m.calendar == "hijri" and p.month is not None and p.day is not None:
        return p.year, p.month, p.day, 0
    if p.feast is not None and p.feast[0] == "hijri" and p.feast[2] >= 1:
        return p.year, p.feast[1], p.feast[2], 1
    return None


def _meeting_years(
    hy: int | None, hm: int, hd: int, month: int, day: int, weekday: int | None, tolerance: int
) -> list[int]:
    """The Gregorian years in which Hijri ``hd``/``hm`` (of year ``hy`` if given) falls on
    ``day``/``month`` (± ``tolerance`` days), on ``weekday`` if one is named."""
    from .calendars import OutOfRange, hijri_to_gregorian

    found = set()
    hijri_years = [hy] if hy is not None else range(1343, 1501)
    for year in hijri_years:
        try:
            g = hijri_to_gregorian(year, hm, hd)
        except (OutOfRange, ValueError):
            continue
        target = _safe_date(g.year, month, day)
        if target is None or abs((g - target).days) > tolerance:
            continue
        if weekday is not None and target.weekday() != weekday:
            continue
        found.add(target.year)
    return sorted(found)
