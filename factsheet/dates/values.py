"""Per-mention value arithmetic: a partial, and what the article tells about it, into an
ISO value at the grain the text states.

The handlers here compute; they do not look around in the text. What the article around a
mention decides (the publication date, the year that governs a day and month, the tense of
the clause, the day the narrative is on) comes from the :class:`Narrative` they are given,
which is the article-level stage (:mod:`factsheet.dates.document`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol

from .calendars import (
    OutOfRange,
    add_months,
    easter,
    gregorian_to_hijri,
    hijri_month_length,
    hijri_to_gregorian,
    iso_week,
    valid_day,
)
from .grammar import Partial
from .model import Range, Value


@dataclass
class Resolved:
    """A value and what later mentions may need of it (its day, year and month)."""

    value: Value
    grain: str | None
    relative: bool = False
    hijri: Value = None
    day: dt.date | None = None
    """The resolved day, when the value is a single day (for context and clock times)."""
    year: int | None = None
    month: int | None = None


class Narrative(Protocol):
    """What the article-level stage tells the value arithmetic about one mention."""

    ref: dt.date | None
    """The publication date (the reference of deictic words), if known."""
    prefer: str | None
    """``future`` or ``past``: which way a date the text leaves open goes (None: by tense)."""
    ctx_year: int | None
    ctx_month: tuple[int, int] | None
    ctx_day: tuple[dt.date, int] | None
    years: list[tuple[int, int, int]]
    last_period: str | Range | None
    last_period_grain: str | None
    written_year: tuple[int, int] | None
    ref_month: tuple[int, int] | None
    ref_year: int | None
    last_told: tuple[Value, str | None] | None
    """The value (and grain) of the last date, month or year the narrative told."""

    def pick_year(self, month: int, day: int | None, p: Partial, notes: list[str]) -> int | None:
        """The year of a day/month written without one."""
        ...

    def since(self, p: Partial, notes: list[str]) -> Partial:
        """``p`` looking back when ``منذ`` stands before it."""
        ...

    def note_year(self, p: Partial) -> None:
        """Record a year written in ``p`` as the context of later mentions."""
        ...

    def sentence_year(self, p: Partial) -> int | None:
        """The year of the nearest resolved mention in the same sentence."""
        ...

    def clause_tense(self, p: Partial) -> str | None:
        """``future``, ``past`` or None: the tense of the clause ``p`` stands in."""
        ...

    def time_day(self, p: Partial, notes: list[str]) -> dt.date | None:
        """The day a clock time belongs to (a note says how it is known)."""
        ...

    def told_day(self, p: Partial) -> dt.date | None:
        """The last day the narrative told before ``p`` (None if it has moved on since)."""
        ...

    def dated_weekday(self, p: Partial) -> dt.date | None:
        """The day of ``p``'s weekday the text dated before (``يوم السبت 11 أغسطس … يوم
        السبت``), when it lies within two weeks of the publication date."""
        ...

    def speech_day(self, p: Partial) -> dt.date | None:
        """The day quoted words were said on, when ``p`` stands inside them and the text dates
        them (``وكتب على تويتر، الاثنين: "… اليوم …"``), else None."""
        ...

    def half_of_day(self, p: Partial) -> int | None:
        """Hours to add to a clock time of 1–11 whose part of the day is not written (None
        when the words around it do not say)."""
        ...

    def stated_feast_day(self, p: Partial, day: dt.date) -> dt.date | None:
        """The day the text itself gives for the feast ``p`` near ``day``, if any."""
        ...

    def last_feast(self, p: Partial) -> Resolved | None:
        """The value of the last feast told before ``p``."""
        ...

    def has_anchor_word(self, p: Partial) -> bool:
        """Whether ``قبل``/``بعد``/``منذ``/``خلال`` stands right before ``p``."""
        ...


def _with_year(value: str | Range, year: int) -> str | Range:
    """``2024-H1`` → ``2023-H1``; a range moves both ends by the same number of years."""
    if isinstance(value, Range):
        if value.start is None or value.end is None or not value.start[:4].isdigit():
            return value
        shift = year - int(value.start[:4])
        return Range(_shift_year(value.start, shift), _shift_year(value.end, shift))
    return f"{year:04d}{value[4:]}" if value[:4].isdigit() else value


def _shift_year(value: str, by: int) -> str:
    return f"{int(value[:4]) + by:04d}{value[4:]}" if value[:4].isdigit() else value


def _ymd(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def resolve(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    handler = {
        "date": r_date,
        "month": r_month,
        "year": r_year,
        "relative": r_relative,
        "weekday": r_weekday,
        "duration": r_duration,
        "time": r_time,
        "decade": r_decade,
        "century": r_century,
        "holiday": r_holiday,
        "range": r_range,
    }[p.type]
    if p.rule == "list":
        return r_list(doc, p, notes)
    spoken = _SPOKEN.get(p.rule)
    if spoken is not None:
        return spoken(doc, p, notes)
    if p.rule == "anaphora_same" and p.type != "date":
        return r_anaphora_same(doc, p, notes)
    if p.rule == "anaphora_that":
        return r_anaphora_that(doc, p, notes)
    if p.rule == "same_period":
        return r_same_period(doc, p, notes)
    return handler(doc, p, notes)


def _weekday_check(d: dt.date, p: Partial, notes: list[str]) -> None:
    if p.weekday is not None and d.weekday() != p.weekday:
        notes.append(f"the text names another weekday than {d:%A} for this date")


def r_date(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    if p.calendar == "hijri":
        return r_hijri_date(doc, p, notes)
    if p.rule == "anaphora_same":
        return r_anaphora_same(doc, p, notes)
    if p.period == "day_of_year":
        if doc.ref is None or p.year is None:
            return Resolved(None, "day", True)
        if not valid_day(p.year, doc.ref.month, doc.ref.day):
            return Resolved(None, "day", True)
        d = dt.date(p.year, doc.ref.month, doc.ref.day)
        doc.written_year = (p.end, p.year)
        return Resolved(_ymd(d), "day", True, day=d, year=d.year, month=d.month)
    if p.anaphora:
        if doc.ctx_month is None or p.day is None:
            return None
        y, m = doc.ctx_month
        if not valid_day(y, m, p.day):
            return None
        d = dt.date(y, m, p.day)
        return Resolved(_ymd(d), "day", False, day=d, year=y, month=m)
    if p.period == "month" and p.month is None:
        # "15 من الشهر الجاري"
        if doc.ref is None or p.day is None:
            return Resolved(None, "day", True)
        y, m = add_months(doc.ref.year, doc.ref.month,
                          {"next": 1, "last": -1}.get(p.direction or "", 0))
        if not valid_day(y, m, p.day):
            return None
        d = dt.date(y, m, p.day)
        return Resolved(_ymd(d), "day", True, day=d, year=y, month=m)
    if p.month is None or p.day is None:
        return None
    relative = bool(p.direction or p.deictic is not None or p.year_rel)
    year = p.year
    if year is None:
        year = doc.pick_year(p.month, p.day, doc.since(p, notes), notes)
    else:
        doc.note_year(p)
    if year is None:
        return Resolved(None if relative else f"XXXX-{p.month:02d}-{p.day:02d}", "day",
                        relative)
    if not valid_day(year, p.month, p.day):
        notes.append(f"no such day: {p.day} of month {p.month} in {year}")
        return Resolved(None, "day", relative)
    d = dt.date(year, p.month, p.day)
    _weekday_check(d, p, notes)
    return Resolved(_ymd(d), "day", relative, day=d, year=year, month=p.month)


def r_same_period(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    """The last period spoken of (``النصف الأول من 2024``, ``يناير``), moved to the year
    named (``من العام الماضي``, ``من عام 2023``); the publication date itself for
    ``التاريخ ذاته``."""
    if p.year is not None:
        year: int | None = p.year
    elif doc.ref is not None and p.year_rel is not None:
        year = doc.ref.year + {"next": 1, "last": -1, "this": 0}[p.year_rel]
    else:
        year = None
    if year is None:
        return Resolved(None, None, True)
    if p.period == "day":
        # the day just spoken of (the date of the figures), else the publication date
        day = doc.ctx_day[0] if doc.ctx_day is not None else doc.ref
        if day is None or not valid_day(year, day.month, day.day):
            return Resolved(None, "day", True)
        d = dt.date(year, day.month, day.day)
        return Resolved(_ymd(d), "day", True, day=d, year=year, month=d.month)
    base, grain = doc.last_period, doc.last_period_grain
    if p.period == "month" and doc.ctx_month is not None:
        base, grain = _ym(*doc.ctx_month), "month"
    if base is None:
        return Resolved(f"{year:04d}", "year", True, year=year)
    return Resolved(_with_year(base, year), grain, True)


def r_anaphora_same(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    if p.period == "day":
        if doc.ctx_day is None:
            return Resolved(None, "day", False)
        d = doc.ctx_day[0]
        return Resolved(_ymd(d), "day", False, day=d, year=d.year, month=d.month)
    if p.period == "month":
        if doc.ctx_month is None:
            return Resolved(None, "month", False)
        y, m = doc.ctx_month
        return Resolved(_ym(y, m), "month", False, year=y, month=m)
    if p.period == "year":
        if not doc.years:
            return Resolved(None, "year", False)
        y = doc.years[-1][2]
        return Resolved(f"{y:04d}", "year", False, year=y)
    told = doc.last_told
    if told is not None and told[1] == "week" and isinstance(told[0], str):
        return Resolved(told[0], "week", False)  # "الأسبوع الماضي … في الأسبوع ذاته"
    if doc.ctx_day is None:
        return Resolved(None, "week", False)
    return Resolved(iso_week(doc.ctx_day[0]), "week", False)


def r_anaphora_that(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    """``ذلك اليوم`` (the day the narrative last set), ``اليوم الموالي`` (the day after it),
    ``الشهر الذي سبقه``, ``ذلك التاريخ`` (the last date told, at its own grain)."""
    k = p.shift  # with nothing told before, it points to an event, not a date: no mention
    if p.period == "date":
        if doc.last_told is None:
            return None
        value, grain = doc.last_told
        return Resolved(value, grain, False)
    if p.period == "day":
        told = doc.told_day(p)
        if told is None and doc.last_told is not None and not k:
            value, grain = doc.last_told
            if grain == "day" and isinstance(value, str) and value.startswith("XXXX"):
                return Resolved(value, "day", False)  # that day of a recurring date
        from_ref = told is None and p.untold_shift is not None and doc.ref is not None
        if from_ref:
            # "أعلنت في اليوم السابق": with no day told before, the day before publication
            notes.append("no day told before: counted from the publication date")
            told = doc.ref
        if told is None:
            return None
        d = told + dt.timedelta(days=k)
        return Resolved(_ymd(d), "day", from_ref, day=d, year=d.year, month=d.month)
    if p.period == "week":
        told = doc.told_day(p)
        if told is None:
            return None
        return Resolved(iso_week(told + dt.timedelta(weeks=k)), "week", False)
    if p.period == "month":
        if doc.ctx_month is None:
            return None
        y, m = add_months(*doc.ctx_month, k)
        return Resolved(_ym(y, m), "month", False, year=y, month=m)
    if not doc.years:
        return None
    y = doc.years[-1][2] + k
    return Resolved(f"{y:04d}", "year", False, year=y)


def _period_days(doc: Narrative, p: Partial, notes: list[str]) -> tuple[list[dt.date] | None, bool]:
    """The days of the month (or year) ``p`` names, and whether they rest on the publication
    date: a month and its year (the year picked as for any month without one), a month or a
    year relative to the publication date, a Hijri month. ``None`` when nothing dates it."""
    ref = doc.ref
    k = {"next": 1, "last": -1}.get(p.direction or "", 0)
    if p.period == "year" and p.month is None:
        if p.year is not None:
            y, relative = p.year, False
        elif ref is None:
            return None, True
        else:
            y, relative = ref.year + k, True
        first = dt.date(y, 1, 1)
        return [first + dt.timedelta(days=i) for i in range(366 if valid_day(y, 2, 29)
                                                               else 365)], relative
    if p.period == "month" and p.month is None:
        if ref is None:
            return None, True
        y, m = add_months(ref.year, ref.month, k)
        return _days_of(y, m), True
    assert p.month is not None
    if p.calendar == "hijri":
        hy = p.year
        if hy is None:
            if ref is None:
                return None, True
            try:
                hy, rm, _ = gregorian_to_hijri(ref)
            except OutOfRange:
                return None, True
            side = _side(doc) or ("next" if doc.clause_tense(p) == "future" else None)
            if p.month < rm and side == "next":
                hy += 1  # "آخر جمعة من رمضان" said in Shawwal, of the future: next year's
            elif p.month > rm and side == "last":
                hy -= 1
            notes.append("Hijri year from the publication date")
        try:
            first = hijri_to_gregorian(hy, p.month, 1)
            length = hijri_month_length(hy, p.month)
        except (OutOfRange, ValueError):
            notes.append("outside the Umm al-Qura table (1343–1500 AH): no Gregorian value")
            return None, False
        return [first + dt.timedelta(days=i) for i in range(length)], p.year is None
    year = p.year
    if year is None:
        # the year of the month, as for any month without one (a weekday keeps the nearest
        # year, as before; with prefer, the month's year goes the preferred way)
        month_only = replace(p, weekday=None if doc.prefer else p.weekday, day=None,
                             notes=list(p.notes))
        year = doc.pick_year(p.month, None, doc.since(month_only, notes), notes)
    else:
        doc.note_year(p)
    if year is None:
        return None, True
    return _days_of(year, p.month), p.year is None


def _days_of(year: int, month: int) -> list[dt.date]:
    first = dt.date(year, month, 1)
    days = [first + dt.timedelta(days=i) for i in range(31)]
    return [d for d in days if d.month == month]


def _preferred(doc: Narrative, p: Partial, days: list[dt.date],
               pick: Callable[[list[dt.date]], dt.date | None]) -> dt.date | None:
    """``pick`` of ``days`` (a Gregorian month whose year the text does not write), or of the
    same month a year later or earlier when that day is not on the side of the publication
    date the user prefers (``أول أحد من شهر فبراير`` said on 14 February 2024, prefer future:
    2025-02-02)."""
    d = pick(days)
    ref = doc.ref
    if d is None or ref is None or doc.prefer is None or p.year is not None or (
        p.period is not None or p.calendar == "hijri" or p.direction or p.year_rel
    ):
        return d
    step = 1 if doc.prefer == "future" else -1
    if (d - ref).days * step >= 0:
        return d
    return pick(_days_of(days[0].year + step, days[0].month))


def _nth(days: list[dt.date], nth: int) -> dt.date | None:
    """The nth of ``days`` (``-1``: the last), if there are that many."""
    if nth == -1:
        return days[-1] if days else None
    return days[nth - 1] if 0 < nth <= len(days) else None


def r_nth_weekday(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    """``ثاني خميس في تشرين الثاني 2016``: the nth (or last) such weekday of the month. After
    a weekday (``الخميس الثاني``) an ordinal is the day of the month when that day falls on
    the weekday (``يوم الأحد الأول من …``), else the nth such weekday."""
    if p.nth is None:  # "غدا الاثنين الأول من رمضان": a day of the month said to be tomorrow
        return r_date(doc, p, notes)
    assert p.weekday is not None
    days, relative = _period_days(doc, p, notes)
    if days is None:
        return Resolved(None, "day", relative)

    def pick(days: list[dt.date]) -> dt.date | None:
        assert p.nth is not None
        if p.day is not None and p.day <= len(days) and days[p.day - 1].weekday() == p.weekday:
            notes.append("the day of the month: it falls on the weekday named")
            return days[p.day - 1]
        return _nth([x for x in days if x.weekday() == p.weekday], p.nth)

    d = _preferred(doc, p, days, pick)
    if d is None:
        notes.append("the month has no such weekday")
        return Resolved(None, "day", relative)
    hijri: Value = None
    if p.calendar == "hijri":
        hy, hm, hd = gregorian_to_hijri(d)
        hijri = f"{hy:04d}-{hm:02d}-{hd:02d}"
    return Resolved(_ymd(d), "day", relative, hijri=hijri, day=d, year=d.year, month=d.month)


def r_nth_unit(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    """The nth (or last) day of a month or year (``آخر يوم بشهر تسعة سنة 2021``), or its nth
    week: the ISO week that holds the period's nth Thursday (``أول أسبوع بشهر مارس 2020`` is
    2020-W10, Monday 2 to Sunday 8 March), as ISO 8601 counts the first week of a year."""
    assert p.nth is not None
    week = p.shift == 7
    grain = "week" if week else "day"
    days, relative = _period_days(doc, p, notes)
    if days is None:
        return Resolved(None, grain, relative)
    if week:
        thursday = _preferred(doc, p, days, lambda ds: _nth([d for d in ds if d.weekday() == 3],
                                                            p.nth or 1))
        if thursday is None:
            return Resolved(None, grain, relative)
        return Resolved(iso_week(thursday), grain, relative)
    d = _preferred(doc, p, days, lambda ds: _nth(ds, p.nth or 1))
    if d is None:
        notes.append("the period has no such day")
        return Resolved(None, grain, relative)
    return Resolved(_ymd(d), grain, relative, day=d, year=d.year, month=d.month)


def r_week_weekday(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    """``خميس الأسبوع المقبل``: that weekday of the ISO week (Monday to Sunday) the text names
    relative to the publication date."""
    assert p.weekday is not None
    if doc.ref is None:
        return Resolved(None, "day", True)
    k = {"next": 1, "last": -1}.get(p.direction or "", 0)
    monday = doc.ref - dt.timedelta(days=doc.ref.weekday()) + dt.timedelta(weeks=k)
    d = monday + dt.timedelta(days=p.weekday)
    return Resolved(_ymd(d), "day", True, day=d, year=d.year, month=d.month)


def r_weekday_holiday(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    """``ثاني جمعة بعد عيد الفطر``: counted from the day after (or before) the holiday."""
    assert p.weekday is not None and p.nth is not None
    feast = r_holiday(doc, replace(p, rule="holiday", type="holiday", notes=[]), notes)
    if feast is None or feast.day is None:
        return Resolved(None, "day", True if feast is None else feast.relative)
    step = dt.timedelta(days=p.shift)
    d, seen = feast.day, 0
    while seen < p.nth:
        d += step
        seen += d.weekday() == p.weekday
    notes.append(f"counted from the holiday, {_ymd(feast.day)}")
    return Resolved(_ymd(d), "day", feast.relative, day=d, year=d.year, month=d.month)


def r_hijri_date(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    if p.month is None or p.day is None:
        return None
    hy = p.year
    relative = bool(p.direction or p.deictic is not None)
    try:
        if hy is None:
            if doc.ref is None:
                return Resolved(None, "day", True, hijri=f"XXXX-{p.month:02d}-{p.day:02d}")
            ry, _, _ = gregorian_to_hijri(doc.ref)
            cands = []
            for y in (ry - 1, ry, ry + 1):
                try:
                    cands.append((y, hijri_to_gregorian(y, p.month, p.day)))
                except (ValueError, OutOfRange):
                    continue
            if not cands:
                return None
            ref = doc.ref
            if p.weekday is not None:
                fit = [c for c in cands if c[1].weekday() == p.weekday]
                cands = fit or cands
            side = p.direction or _side(doc)
            if side == "next":
                cands = [c for c in cands if c[1] >= ref] or cands
            elif side == "last":
                cands = [c for c in cands if c[1] <= ref] or cands
            hy, g = min(cands, key=lambda c: abs((c[1] - ref).days))
            notes.append("Hijri year from the publication date")
        else:
            g = hijri_to_gregorian(hy, p.month, p.day)
    except OutOfRange:
        notes.append("outside the Umm al-Qura table (1343–1500 AH): no Gregorian value")
        year = f"{hy:04d}" if hy is not None else "XXXX"
        return Resolved(None, "day", relative, hijri=f"{year}-{p.month:02d}-{p.day:02d}")
    except ValueError:
        return None
    if p.weekday is not None and g.weekday() != p.weekday:
        for shift in (1, -1):  # the moon sighted a day apart: the weekday the text gives wins
            if (g + dt.timedelta(days=shift)).weekday() == p.weekday:
                notes.append(f"the day of the weekday the text gives (Umm al-Qura: {_ymd(g)})")
                g = g + dt.timedelta(days=shift)
                break
    _weekday_check(g, p, notes)
    return Resolved(_ymd(g), "day", relative, hijri=f"{hy:04d}-{p.month:02d}-{p.day:02d}",
                    day=g, year=g.year, month=g.month)


def r_month(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    if p.month is None:
        return None
    if p.calendar == "hijri":
        return r_hijri_month(doc, p, notes)
    relative = bool(p.direction or p.year_rel)
    year = p.year
    if year is None:
        year = doc.pick_year(p.month, None, doc.since(p, notes), notes)
    else:
        doc.note_year(p)
    if year is None:
        return Resolved(None if relative else f"XXXX-{p.month:02d}", "month", relative)
    if p.period_part and p.period_part[0] in "HQ":
        return Resolved(_ym(year, p.month), "month", relative, year=year, month=p.month)
    return Resolved(_ym(year, p.month), "month", relative, year=year, month=p.month)


def r_hijri_month(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    assert p.month is not None
    hy = p.year
    relative = bool(p.direction)
    if hy is None:
        if doc.ref is None:
            return Resolved(None, "month", True, hijri=f"XXXX-{p.month:02d}")
        try:
            ry, rm, _ = gregorian_to_hijri(doc.ref)
        except OutOfRange:
            notes.append("publication date outside the Umm al-Qura table: no Hijri year")
            return Resolved(None, "month", True, hijri=f"XXXX-{p.month:02d}")
        hy = ry
        side = p.direction or _side(doc)
        if p.direction == "next" and p.month <= rm:
            hy += 1
        elif p.direction == "last" and p.month >= rm:
            hy -= 1
        elif side == "next" and p.month < rm:
            hy += 1  # prefer future: this month counts, an earlier one is next year's
        elif side == "last" and p.month > rm:
            hy -= 1
        notes.append("Hijri year from the publication date")
    try:
        a = hijri_to_gregorian(hy, p.month, 1)
        b = hijri_to_gregorian(hy, p.month, hijri_month_length(hy, p.month))
    except (OutOfRange, ValueError):
        notes.append("outside the Umm al-Qura table (1343–1500 AH): no Gregorian value")
        return Resolved(None, "month", relative, hijri=f"{hy:04d}-{p.month:02d}")
    return Resolved(Range(_ymd(a), _ymd(b)), "month", relative,
                    hijri=f"{hy:04d}-{p.month:02d}")


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season_of(day: dt.date) -> tuple[int, str]:
    """The season ``day`` is in, with the year it started in (winter: December's)."""
    m = day.month
    if m in (12, 1, 2):
        return (day.year if m == 12 else day.year - 1), "WI"
    return day.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(m, "FA")


def r_season_said(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    """``الخريف الماضي`` (the last autumn before the publication date), ``هذا الصيف``,
    ``صيف العام الماضي``, ``صيف ذلك العام`` (of the year the narrative is on)."""
    code = p.period_part or ""
    if p.year_same:
        if not doc.years:
            return None
        year = doc.years[-1][2]
        return Resolved(f"{year:04d}-{code}", "season", False)
    ref = doc.ref
    if ref is None:
        return Resolved(None, "season", True)
    if p.year_rel is not None:
        year = ref.year + {"next": 1, "last": -1, "this": 0}[p.year_rel]
        return Resolved(f"{year:04d}-{code}", "season", True)
    now_year, now = _season_of(ref)
    starts_this_year = dt.date(ref.year, _SEASON_START[code], 1)
    if p.direction == "this" or (p.direction is None):
        year = now_year if now == code else ref.year
    elif p.direction == "last":
        year = now_year - 1 if now == code else (
            ref.year if starts_this_year < ref else ref.year - 1)
    else:
        year = now_year + 1 if now == code else (
            ref.year if starts_this_year > ref else ref.year + 1)
    notes.append("the season counted from the publication date")
    return Resolved(f"{year:04d}-{code}", "season", True)


def r_year(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    if p.rule == "season_said":
        return r_season_said(doc, p, notes)
    if p.rule == "period_bare":
        year = doc.sentence_year(p)
        if year is None and doc.years and (doc.ref is None or doc.years[-1][2] <= doc.ref.year):
            year = doc.years[-1][2]  # a year after the publication's, sentences before, is a
            # target (بحلول عام 2031), not the year a report's bare quarter is of
        if year is not None:
            notes.append("year from the text around it")
        elif doc.ref is not None:
            year = doc.ref.year
            notes.append("year from the publication date")
        else:
            return Resolved(None, "quarter", True)
        grain = "half" if (p.period_part or "Q")[0] == "H" else "quarter"
        return Resolved(f"{year:04d}-{p.period_part}", grain, doc.ref is not None)
    if p.year is None:
        return None
    if p.calendar == "hijri":
        try:
            a = hijri_to_gregorian(p.year, 1, 1)
            b = hijri_to_gregorian(p.year, 12, hijri_month_length(p.year, 12))
        except (OutOfRange, ValueError):
            notes.append("outside the Umm al-Qura table (1343–1500 AH): no Gregorian value")
            return Resolved(None, "year", False, hijri=f"{p.year:04d}")
        return Resolved(Range(_ymd(a), _ymd(b)), "year", False, hijri=f"{p.year:04d}")
    doc.note_year(p)
    if p.period_part:
        grain = "season" if p.period_part in ("SU", "WI", "SP", "FA") else (
            "half" if p.period_part[0] == "H" else "quarter")
        return Resolved(f"{p.year:04d}-{p.period_part}", grain, False)
    return Resolved(f"{p.year:04d}", "year", bool(p.year_rel), year=p.year)


def r_relative(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    ref = doc.ref
    if p.rule == "ago":
        return _ago(ref, p, notes)
    if p.rule == "from_now":
        if ref is None or p.duration is None:
            return Resolved(None, "day", True)
        from dateutil.relativedelta import relativedelta

        n = int(re.sub(r"\D", "", p.duration) or 0)
        unit = p.period or "day"
        delta = {
            "day": relativedelta(days=n), "week": relativedelta(weeks=n),
            "month": relativedelta(months=n), "year": relativedelta(years=n),
        }.get(unit)
        if delta is None:
            return Resolved(None, "day", True)
        d = ref + delta
        return Resolved(_ymd(d), "day", True, day=d)
    if p.deictic is not None:
        spoken = doc.speech_day(p) if p.weekday is None else None
        if spoken is not None:
            notes.append(f"said in quoted words of {_ymd(spoken)}: counted from that day")
            ref = spoken
        if ref is None:
            return Resolved(None, "day", True)
        d = ref + dt.timedelta(days=p.deictic)
        if p.weekday is not None and d.weekday() != p.weekday:
            notes.append(f"the text names another weekday than {d:%A} for this day")
        return Resolved(_ymd(d), "day", True, day=d, year=d.year, month=d.month)
    k = {"next": 1, "last": -1, "this": 0}.get(p.direction or "this", 0)
    if ref is None:
        if p.period == "month" and doc.ref_month is not None and not p.period_part:
            y, m = add_months(*doc.ref_month, k)
            notes.append("month of writing implied by a glossed relative month in the text")
            return Resolved(_ym(y, m), "month", True, year=y, month=m)
        if p.period == "year" and doc.ref_year is not None and not p.period_part:
            notes.append("year of writing implied by a glossed relative period in the text")
            return Resolved(f"{doc.ref_year + k:04d}", "year", True, year=doc.ref_year + k)
        return Resolved(None, p.period, True)
    if p.period == "week":
        return Resolved(iso_week(ref + dt.timedelta(weeks=k)), "week", True)
    if p.period == "month":
        y, m = add_months(ref.year, ref.month, k)
        return Resolved(_ym(y, m), "month", True, year=y, month=m)
    if p.period == "year":
        y = ref.year + k
        if p.period_part:
            grain = "half" if p.period_part[0] == "H" else "quarter"
            return Resolved(f"{y:04d}-{p.period_part}", grain, True)
        return Resolved(f"{y:04d}", "year", True, year=y)
    if p.period == "century":
        c = (ref.year - 1) // 100 + 1 + k
        return Resolved(f"{c - 1:02d}XX", "century", True)
    return None


AFTERNOON_HOURS = 4
"""A clock hour up to this one, with no part of the day said anywhere near, is in the
afternoon (``الساعة الرابعة`` in a schedule is 16:00)."""


_AGO_GRAIN = {"D": "day", "W": "week", "M": "month", "Y": "year"}


def _ago(ref: dt.date | None, p: Partial, notes: list[str]) -> Resolved:
    """``قبل أسبوعين``: the publication date less the length, at the unit's grain (days →
    day, weeks → ISO week, months → month, years → year)."""
    m = re.fullmatch(r"P(\d+)([DWMY])", p.duration or "")
    assert m is not None
    n, unit = int(m.group(1)), m.group(2)
    grain = _AGO_GRAIN[unit]
    if ref is None:
        return Resolved(None, grain, True)
    notes.append(f"{p.duration} before the publication date")
    try:
        if unit in "DW":
            d = ref - dt.timedelta(days=n * (7 if unit == "W" else 1))
            if unit == "W":
                return Resolved(iso_week(d), "week", True)
            return Resolved(_ymd(d), "day", True, day=d, year=d.year, month=d.month)
    except OverflowError:
        return Resolved(None, grain, True)
    if unit == "M":
        y, mo = add_months(ref.year, ref.month, -n)
        return Resolved(_ym(y, mo), "month", True, year=y, month=mo) if y >= 1 else Resolved(
            None, grain, True)
    y = ref.year - n
    return Resolved(f"{y:04d}", "year", True, year=y) if y >= 1 else Resolved(None, grain, True)


def r_weekday(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    if p.weekday is None:
        return None
    dated = doc.dated_weekday(p) if p.direction is None else None
    if dated is not None:
        notes.append(f"the {dated:%A} the text dated before")
        return Resolved(_ymd(dated), "day", False, day=dated, year=dated.year,
                        month=dated.month)
    if doc.ref is None:
        return Resolved(None, "day", True)
    ref = doc.ref
    diff = (p.weekday - ref.weekday()) % 7
    if p.direction == "next":
        offset = diff or 7
        notes.append("the next such weekday after the publication date")
    elif p.direction == "last":
        offset = diff - 7
        notes.append("the last such weekday before the publication date")
    elif diff == 0:
        offset = 0
        notes.append("the weekday of the publication date")
    elif doc.prefer is not None:
        offset = diff if doc.prefer == "future" else diff - 7
        notes.append(f"the {'next' if doc.prefer == 'future' else 'last'} such weekday: "
                     f"prefer {doc.prefer}")
    else:
        tense = doc.clause_tense(p)
        if tense == "future":
            offset = diff
            notes.append("the next such weekday: the clause speaks of the future")
        elif tense == "past":
            offset = diff - 7
            notes.append("the last such weekday: the clause reports a past event")
        else:
            offset = diff if diff <= 3 else diff - 7
            notes.append("the nearest such weekday to the publication date")
    d = ref + dt.timedelta(days=offset)
    return Resolved(_ymd(d), "day", True, day=d, year=d.year, month=d.month)


def r_duration(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    return Resolved(p.duration, "duration", bool(p.direction) or doc.has_anchor_word(p))


def r_time(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    if p.hour is None:
        return None
    hour = p.hour
    if 1 <= hour < 12 and not p.half_known:
        add = doc.half_of_day(p)
        if add:
            hour += add
            notes.append("afternoon or evening from the words around it")
        elif add is None and hour <= AFTERNOON_HOURS:
            hour += 12  # "الدرس يبدأ الساعة الرابعة": nobody schedules at 4 in the night
            notes.append(f"a clock time of 1–{AFTERNOON_HOURS} with no part of the day: "
                         "the afternoon")
    hm = f"{hour:02d}:{(p.minute or 0):02d}" + ("Z" if p.utc else "")
    if p.deictic is not None and doc.ref is not None:
        d = doc.ref + dt.timedelta(days=p.deictic)
        return Resolved(f"{_ymd(d)}T{hm}", "minute", True)
    day = doc.time_day(p, notes)
    if day is not None:
        return Resolved(f"{_ymd(day)}T{hm}", "minute", False)
    return Resolved(f"T{hm}", "minute", False)


def r_decade(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    assert p.decade is not None
    if p.century is not None:
        c = p.century
    elif p.direction:
        if doc.ref is None:
            return Resolved(None, "decade", True)
        c = (doc.ref.year - 1) // 100 + 1 + {"next": 1, "last": -1}.get(p.direction, 0)
    else:
        c = 20
        if doc.ref is not None and 2000 + p.decade * 10 <= doc.ref.year:
            c = 21
        notes.append("century assumed (not written)")
    return Resolved(f"{c - 1:02d}{p.decade}X", "decade", bool(p.direction))


def r_century(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    if p.century is None:  # "القرن الماضي"
        return r_relative(doc, p, notes)
    return Resolved(f"{p.century - 1:02d}XX", "century", False)


def r_holiday(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    if p.rule == "feast_anaphor":
        last = doc.last_feast(p)
        if last is None:
            return None  # no feast told before: "العيد" names none
        if p.shift and last.day is not None:
            d = last.day + dt.timedelta(days=p.shift)
            return Resolved(_ymd(d), "day", last.relative, day=d, year=d.year, month=d.month)
        return replace(last)
    assert p.holiday_spec is not None
    kind, month, day = p.holiday_spec
    ref = doc.ref
    year = p.year
    gyear = p.gregorian_year
    if kind in ("gregorian", "easter"):
        y = year
        if y is None:
            y = doc.sentence_year(p)
            if y is not None:
                notes.append("year from a date in the same sentence")
        if y is None and ref is not None:
            y = ref.year
            notes.append("year from the publication date")
            ahead = p.direction or _ahead(doc, p)
            if ahead in ("next", "last"):  # "عيد الميلاد القادم": the next one from the date
                step = 1 if ahead == "next" else -1
                while (_feast_day(kind, y, month, day) - ref).days * step < 0:
                    y += step
        if y is None:
            return Resolved(None, "day", True)
        d = _feast_day(kind, y, month, day)
        return Resolved(_ymd(d), "day", year is None, day=d, year=d.year, month=d.month)
    # Hijri feasts and months
    try:
        if year is None:
            if ref is None and gyear is None:
                return Resolved(None, "day", True)
            base = ref if gyear is None else dt.date(gyear, 7, 1)
            if gyear is not None:
                notes.append("Hijri year from the Gregorian year in the text")
            else:
                notes.append("Hijri year from the publication date")
            assert base is not None
            ry, _, _ = gregorian_to_hijri(base)
            cands = []
            for hy in (ry - 1, ry, ry + 1):
                g = hijri_to_gregorian(hy, month, max(day, 1))
                if gyear is not None and g.year != gyear:
                    continue
                cands.append((hy, g))
            side = p.direction or (_ahead(doc, p) if gyear is None else None)
            if side == "next":
                cands = [c for c in cands if c[1] >= base] or cands
            elif side == "last":
                cands = [c for c in cands if c[1] <= base] or cands
            if not cands:
                return None
            year, _g = min(cands, key=lambda c: abs((c[1] - base).days))
        if kind == "hijri_month":
            a = hijri_to_gregorian(year, month, 1)
            b = hijri_to_gregorian(year, month, hijri_month_length(year, month))
            return Resolved(Range(_ymd(a), _ymd(b)), "month", p.year is None and gyear is None,
                            hijri=f"{year:04d}-{month:02d}")
        g = hijri_to_gregorian(year, month, day)
    except OutOfRange:
        notes.append("outside the Umm al-Qura table (1343–1500 AH): no Gregorian value")
        return Resolved(None, "day", False)
    stated = doc.stated_feast_day(p, g)
    if stated is not None and stated != g:
        notes.append(f"the day the text gives for it (Umm al-Qura: {_ymd(g)})")
        g = stated
    return Resolved(_ymd(g), "day", p.year is None and gyear is None,
                    hijri=f"{year:04d}-{month:02d}-{day:02d}",
                    day=g, year=g.year, month=g.month)


def _feast_day(kind: str, year: int, month: int, day: int) -> dt.date:
    """The day of a Gregorian feast (month, day) or of a movable one (``day`` days from Western
    Easter) in ``year``."""
    return easter(year) + dt.timedelta(days=day) if kind == "easter" else dt.date(year, month, day)


def _side(doc: Narrative) -> str | None:
    """``next`` or ``last`` when the user prefers the future or the past, else None."""
    return {"future": "next", "past": "last"}.get(doc.prefer or "")


def _ahead(doc: Narrative, p: Partial) -> str | None:
    """``next`` when the user prefers the future or the clause speaks of it, ``last`` when the
    user prefers the past, None otherwise (the default choice stands)."""
    if doc.prefer == "future":
        return "next"
    if doc.prefer == "past":
        return "last"
    return "next" if doc.clause_tense(p) == "future" else None


def r_range(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    assert p.range_of is not None
    a, b = p.range_of
    if a.type == b.type == "weekday":
        return _weekday_range(doc, a, b, notes)
    a = replace(a, notes=list(a.notes))
    if a.type == b.type == "time" and a.hour is not None and b.hour is not None and (
        not a.half_known and b.half_known and 1 <= a.hour < 12 <= b.hour and a.hour + 12 <= b.hour
    ):  # "بين الساعة الثانية والساعة الرابعة عصرا": the end's part of the day is the start's
        a.hour += 12
        a.half_known = True
        notes.append("the start takes the end's part of the day")
    inherited_year = False
    if a.type in ("date", "month") and a.month is None and b.month is not None:
        a.month = b.month
        a.type = b.type if a.day is None else "date"
        a.calendar = b.calendar
    if a.type == "date" and a.month is None and b.month is None and b.day is not None:
        a.period, a.direction, a.anaphora = b.period, b.direction, b.anaphora
    if a.year is None and b.year is not None and a.type != "time":
        a.year = b.year
        inherited_year = True
    if a.year is None and a.year_rel is None and b.year_rel is not None:
        a.year_rel = b.year_rel
    if a.year is None and a.direction is None and b.direction is not None and b.day is None:
        a.direction = b.direction
    said_of_b = b.direction is not None or b.year_rel is not None
    if (a.type == "date" and a.month is not None and a.month == b.month and a.year is None
            and a.year_rel is None and a.direction is None and said_of_b):
        # "من 10 إلى 12 نيسان المقبل": the month and its direction belong to both ends
        peek = resolve(doc, replace(b, notes=[]), [])
        if peek is None or peek.year is None:
            return Resolved(None, "day", True)
        a.year = peek.year
        inherited_year = True
    if a.type == "year" and b.type != "year" and b.year is not None:
        return None
    ra = resolve(doc, a, notes)
    self_ctx = doc.ctx_year
    if a.year is not None and b.year is None and b.type in ("date", "month"):
        doc.ctx_year = a.year
    if b.year is None and b.type == "date" and b.day is not None and a.year is not None and (
        b.direction is None and b.year_rel is None
    ):
        b = replace(b, year=a.year)
    if b.anaphora and b.month is None and ra is not None and ra.month is not None:
        # "من 5 أكتوبر وحتى 14 من الشهر نفسه": the same month is the start's
        b = replace(b, month=ra.month, year=ra.year, anaphora=False, notes=list(b.notes))
    rb = resolve(doc, b, notes)
    if rb is not None and ra is not None and _before_start(ra.value, rb.value) and (
        b.type == "time" and b.hour is not None and 1 <= b.hour < 12 and not b.half_known
    ):  # "بين الساعة الخامسة والسادسة": 17:00 to 18:00, not to 06:00
        rb = resolve(doc, replace(b, hour=b.hour + 12, half_known=True), notes)
    doc.ctx_year = self_ctx if doc.ctx_year is None else doc.ctx_year
    if ra is None or rb is None:
        return None
    va, vb = ra.value, rb.value
    if inherited_year and isinstance(va, str) and isinstance(vb, str) and va > vb:
        a.year = (a.year or 0) - 1
        ra = resolve(doc, a, notes) or ra
        va = ra.value
    if isinstance(va, Range):
        va = va.start
    if isinstance(vb, Range):
        vb = vb.end
    if not (va is None or isinstance(va, str)) or not (vb is None or isinstance(vb, str)):
        return None
    hijri: Value = None
    if isinstance(ra.hijri, str) and isinstance(rb.hijri, str):
        hijri = Range(ra.hijri, rb.hijri)
    if rb.day is not None:
        doc.ctx_day = (rb.day, p.end)
    return Resolved(Range(va, vb), rb.grain, ra.relative or rb.relative, hijri=hijri,
                    year=rb.year, month=rb.month)


def _before_start(start: Value, end: Value) -> bool:
    """Does the clock time ``end`` come before ``start`` on the same day?"""
    if not (isinstance(start, str) and isinstance(end, str) and "T" in start and "T" in end):
        return False
    return start.split("T")[0] == end.split("T")[0] and end.split("T")[1] < start.split("T")[1]


def _weekday_range(doc: Narrative, a: Partial, b: Partial, notes: list[str]) -> Resolved | None:
    """``ليلة الأربعاء إلى الخميس``: the second day is the first one's next such day."""
    ra = r_weekday(doc, a, notes)
    if ra is None or ra.day is None or b.weekday is None:
        return Resolved(None, "day", True)
    end = ra.day + dt.timedelta(days=(b.weekday - ra.day.weekday()) % 7 or 7)
    return Resolved(Range(_ymd(ra.day), _ymd(end)), "day", True)


_SPOKEN = {
    "nth_weekday": r_nth_weekday, "nth_unit": r_nth_unit, "week_weekday": r_week_weekday,
    "weekday_holiday": r_weekday_holiday,
}
"""Rules of spoken calendar arithmetic, resolved by their own handler."""


def r_list(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    if all(item.type == "weekday" and item.weekday is not None for item in p.items):
        return _weekday_list(doc, p, notes)
    last = p.items[-1]
    values: list[str | Range] = []
    hijri: list[str | Range] = []
    rel = False
    grain = None
    for item in p.items:
        q = replace(item, notes=list(item.notes))
        if q is not last:
            if q.month is None and last.month is not None:
                q.month, q.calendar = last.month, last.calendar
                q.type = last.type if q.day is None else "date"
            if q.year is None:
                q.year, q.year_rel = last.year, last.year_rel
            elif q.type == last.type == "year" and last.calendar == "hijri" and (
                q.calendar != "hijri" and 1300 <= q.year <= 1500
            ):
                q.calendar = "hijri"  # "أعوام 1436 و1437 و1438 هـ": the era ends the list
            if q.direction is None:
                q.direction = last.direction
        r = resolve(doc, q, notes)
        if r is None or r.value is None:
            if r is not None and r.relative:
                return Resolved(None, r.grain, True)
            return None
        rel = rel or r.relative
        grain = r.grain
        v = r.value
        if isinstance(v, (str, Range)):
            values.append(v)
        if isinstance(r.hijri, (str, Range)):
            hijri.append(r.hijri)
    return Resolved(tuple(values), grain, rel,
                    hijri=tuple(hijri) if len(hijri) == len(values) else None)


def _weekday_list(doc: Narrative, p: Partial, notes: list[str]) -> Resolved | None:
    """``يومي الأربعاء والخميس``: the first weekday as one alone, each next one the day of its
    weekday that follows the one before."""
    direction = p.items[0].direction or p.items[-1].direction  # "… والخميس المقبلين"
    first = resolve(doc, replace(p.items[0], direction=direction,
                                 notes=list(p.items[0].notes)), notes)
    if first is None or first.day is None:
        return Resolved(None, "day", True) if first is None or first.relative else None
    days = [first.day]
    for item in p.items[1:]:
        assert item.weekday is not None
        prev = days[-1]
        days.append(prev + dt.timedelta(days=(item.weekday - prev.weekday()) % 7 or 7))
    return Resolved(tuple(_ymd(d) for d in days), "day", first.relative)
