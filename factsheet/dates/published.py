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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from .arabic import bare, fold, key, same_word, sentence_at, words
from .model import Mention, PublishedBasis
from .when import parse_duration, shift, value_bounds

INFER_CHARS = 20_000
"""The date is inferred from the article's first characters (all of a news article): the
evidence is near the top, and weighing it is not linear in the length of the text."""

MAX_UNCERTAINTY_DAYS = 7
"""Wider than ± this many days, the date is reported as unknown rather than guessed."""

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

    ``uncertainty_days`` is 0 when the date is certain given the evidence, ``n`` for ± n days,
    ``None`` when the date is unknown.
    """

    value: dt.date | None
    basis: PublishedBasis
    evidence: tuple[Evidence, ...] = ()
    uncertainty_days: int | None = None

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
    return _Solver(text, mentions, dateline).solve()


def dated_mentions(
    text: str, given: dt.date | None = None
) -> tuple[list[Mention], PublishedDate]:
    """The mentions of ``text`` resolved against its publication date, and that date:
    ``given`` when there is one, else read from a dateline or inferred from the text.

    The text is analysed once and resolved twice (without a date, to infer it; then with it).
    When the date was not given, every value that depends on it says so in its notes.
    """
    from .engine import analyse

    analysis = analyse(text)
    if given is not None:
        return analysis.mentions(given), given_date(given)
    unanchored = analysis.mentions(None)
    found = infer_published(text, mentions=unanchored)
    if found.value is None:
        return unanchored, found
    return [note_basis(m, found) for m in analysis.mentions(found.value)], found


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
        in_line = [m for m in mentions if first <= m.start < min(last, first + 120)]
        if not in_line:
            continue
        lead = in_line[0]
        prefix = text[first:lead.start]
        if not (
            _DASH_PREFIX.match(prefix) or _FI_PREFIX.match(prefix) or _BARE_PREFIX.match(prefix)
        ):
            continue
        # the dateline may be split in two mentions: يومه الجمعة (03 ماي)
        group = [lead]
        for m in in_line[1:]:
            gap = text[group[-1].end:m.start]
            if len(gap) <= 3 and not re.search(r"\w", gap):
                group.append(m)
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
              "افتتح", "تم", "اقيم", "اقيمت")
_FUTURE_KEYS = {key(w) for w in _FUTURE_CUES}
_PAST_KEYS = {key(w) for w in _PAST_CUES}


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


class _Solver:
    """Collects constraints on the publication date and intersects them."""

    def __init__(
        self, text: str, mentions: Sequence[Mention], partial: _PartialDateline | None
    ) -> None:
        self.text = text
        self.mentions = mentions
        self.lo = dt.date.min
        self.hi = dt.date.max
        self.center: dt.date | None = None
        self.filters: list[Callable[[dt.date], bool]] = []
        self.evidence: list[Evidence] = []
        self.partial = partial
        self.conflict = False
        self._folded: str | None = None

    @property
    def folded(self) -> str:
        """The text folded for word comparison, computed once."""
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    def _ev(self, m: Mention, reason: str) -> Evidence:
        return Evidence(m.text, m.start, m.end, reason)

    def _bound(self, lo: dt.date, hi: dt.date, ev: Evidence) -> None:
        self.evidence.append(ev)
        new_lo, new_hi = max(self.lo, lo), min(self.hi, hi)
        if new_lo > new_hi:
            self.conflict = True
            return
        self.lo, self.hi = new_lo, new_hi

    def solve(self) -> PublishedDate:
        if self.partial is not None:
            month, day, weekday = self.partial.month, self.partial.day, self.partial.weekday
            self.evidence.extend(self.partial.evidence)
            self.filters.append(lambda d: (d.month, d.day) == (month, day))
            if weekday is not None:
                self.filters.append(lambda d: d.weekday() == weekday)
        for m in self.mentions:
            self._today(m)
            self._offset(m)
            self._relative_month(m)
            self._tense(m)
        if self.partial is not None and (self.lo, self.hi) == (dt.date.min, dt.date.max):
            self._years_around()
        return self._decide()

    def _today(self, m: Mention) -> None:
        """``اليوم الجمعة`` / ``أمس السبت``: the weekday of the publication date."""
        p = m.parts
        if p is None or p.deictic_days is None:
            return
        shift_days = p.deictic_days
        year, month, day = _ymd(m)
        if year and month and day and (value := _safe_date(year, month, day)):
            exact = value - dt.timedelta(days=shift_days)
            self._bound(exact, exact, self._ev(m, f"said to be {shift_days:+d} days from today"))
            return
        if p.weekday is not None:
            today = (p.weekday - shift_days) % 7
            self.filters.append(lambda d: d.weekday() == today)
            self.evidence.append(self._ev(m, f"today is a {WEEKDAYS_EN[today]}"))

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
        self.center = center
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
        head = heads[0]
        best: tuple[int, tuple[dt.date, dt.date], Mention] | None = None
        folded = self.folded
        for c in self.mentions:
            if c is m:
                continue
            bounds = _absolute_bounds(c)
            if bounds is None:
                continue
            if day_grain and (bounds[1] - bounds[0]).days > 31:
                continue
            s_start, _ = sentence_at(self.text, c.start)
            window_start = max(s_start, c.start - 200)
            for w, ws, _ in words(folded, window_start, c.start):
                if same_word(w, head) and ws != m.anchor.target_start:
                    distance = c.start - ws
                    if best is None or distance < best[0]:
                        best = (distance, bounds, c)
            if m.anchor.target_end <= c.start < m.anchor.target_end + 200:
                distance = c.start - m.anchor.target_end
                s_anchor = sentence_at(self.text, m.anchor.target_start)
                if s_anchor[0] <= c.start < s_anchor[1] and (best is None or distance < best[0]):
                    best = (distance, bounds, c)
        if best is None:
            return None
        return best[1], best[2]

    def _relative_month(self, m: Mention) -> None:
        """``ماي المقبل`` and ``ماي 2022`` elsewhere: published in June 2021 … April 2022."""
        p = m.parts
        if p is None or p.month is None or p.direction not in ("next", "last") or p.year:
            return
        years = set()
        for c in self.mentions:
            bounds = _absolute_bounds(c)
            if c is m or bounds is None:
                continue
            if bounds[0].month == p.month and (bounds[1] - bounds[0]).days < 31:
                years.add(bounds[0].year)
        if len(years) != 1:
            return
        year = years.pop()
        if p.direction == "next":
            lo = shift(dt.date(year, p.month, 1), -11, "M")
            hi = dt.date(year, p.month, 1) - dt.timedelta(days=1)
            reason = f"month {year}-{p.month:02d} said to be next: published before it"
        else:
            lo = shift(dt.date(year, p.month, 1), 1, "M")
            hi = shift(dt.date(year, p.month, 1), 12, "M") - dt.timedelta(days=1)
            reason = f"month {year}-{p.month:02d} said to be past: published after it"
        self._bound(lo, hi, self._ev(m, reason))

    def _tense(self, m: Mention) -> None:
        """A dated event announced as to come (``المقرر عقده في 17 ماي 2022``) or as past."""
        bounds = _absolute_bounds(m)
        if bounds is None or (bounds[1] - bounds[0]).days > 31:
            return
        s_start, _ = sentence_at(self.text, m.start)
        before = words(self.folded, max(s_start, m.start - 60), m.start)
        cue_keys = {key(w) for w, _, _ in before[-6:]}
        if cue_keys & _FUTURE_KEYS:
            self._bound(dt.date.min, bounds[0] - dt.timedelta(days=1),
                        self._ev(m, f"announced as to come: published before {bounds[0]}"))
        elif cue_keys & _PAST_KEYS:
            self._bound(bounds[1] + dt.timedelta(days=1), dt.date.max,
                        self._ev(m, f"told as past: published after {bounds[1]}"))

    def _years_around(self) -> None:
        """A dateline without a year: look at the years the article talks about."""
        years = sorted(
            {b[0].year for c in self.mentions if (b := _absolute_bounds(c)) is not None}
        )
        if years:
            self.lo = max(self.lo, dt.date(years[0] - 1, 1, 1))
            self.hi = min(self.hi, dt.date(years[-1] + 1, 12, 31))

    def _decide(self) -> PublishedDate:
        evidence = tuple(self.evidence)
        unknown = PublishedDate(None, "unknown", evidence, None)
        if self.conflict or self.lo == dt.date.min or self.hi == dt.date.max:
            return unknown
        if (self.hi - self.lo).days > 1500:
            return unknown
        days = [
            self.lo + dt.timedelta(days=i) for i in range((self.hi - self.lo).days + 1)
        ]
        candidates = [d for d in days if all(f(d) for f in self.filters)]
        basis: PublishedBasis = "dateline" if self.partial is not None else "inferred"
        if len(candidates) == 1:
            return PublishedDate(candidates[0], basis, evidence, 0)
        if not candidates:
            return unknown
        center = self.center or self.lo + (self.hi - self.lo) / 2
        pick = min(candidates, key=lambda d: (abs((d - center).days), d))
        spread = max(abs((c - pick).days) for c in candidates)
        if spread > MAX_UNCERTAINTY_DAYS:
            return unknown
        return PublishedDate(pick, basis, evidence, spread)
