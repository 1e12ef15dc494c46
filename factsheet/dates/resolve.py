"""Resolution: turn partials into mentions with ISO values, anchored on a reference date.

Everything not written in the text is an inference and gets a note saying so (``year from the
publication date``, ``month of the date mentioned just before`` ...). Without a reference date,
relative expressions keep a ``None`` value; a day and month without a year take the last year
written earlier in the text, else ``XXXX``.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, insort
from dataclasses import dataclass, replace
from itertools import pairwise

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
from .model import Anchor, Mention, MentionType, Parts, Range, Value
from .normalize import Normalized, compile_folded

_SENTENCE_END = compile_folded(r"[.!?؟\n]")
_ANCHOR_BEFORE = compile_folded(r"(?:^|\s)(?P<w>[وف]?(?:قبل|بعد|منذ|خلال))\s+$")
_ANCHOR_AFTER = compile_folded(
    r"(?:\s+فقط)?\s+(?:من|على)\s+(?P<t>(?:[^\s.،,؛:!?؟()\"]+\s*){1,6})"
)
_GLOSS_GAP = compile_folded(r"^\s*(?:\(|،|,|-|:|اي)?\s*$")
_FUTURE = compile_folded(
    r"(?:^|\s)[وف]?(?P<w>س[يتنا]\w{3,}|سوف|المقرر|المرتقب|المنتظر|مقرر|يرتقب|ينتظر|يعتزم|تعتزم|"
    r"يعقد|تعقد|تنطلق|ينطلق|يلتقي|تلتقي|يستضيف|تستضيف|يزور|تزور|يحل|تحل|يتوقع|يتوجه|تتوجه|"
    r"يحتضن|تحتضن|يستقبل|تستقبل|يواجه|تواجه|تجري|يجري|تجرى|يجرى|ينظم|تنظم|يخوض|تخوض|يلعب|تلعب|"
    r"يشارك|تشارك|يستانف|تستانف|يفتتح|تفتتح|يختتم|تختتم|يصل|تصل|يعود|تعود|يلاقي|تلاقي)(?!\w)"
)
_NOT_FUTURE = compile_folded(
    r"(?:سياس|سيار|سيد|سيطر|سيول|سنو|سنه|سنت|ستين|سته|ستون|سيناء|سينا|سينم|سيره|سيرت|ساع|سابق|"
    r"سبت|ساحل|ساحه|سالم|سامي|ساهم|ساد|سار|سائ|سنغ|سيسي|سيف|ستار|سياح|سياق|سيبر|سيول)"
)


def _last_sentence_end(t: str, start: int, end: int) -> int:
    """The position after the last sentence end in ``t[start:end]`` (else ``start``)."""
    pos = start
    for m in _SENTENCE_END.finditer(t, start, end):
        pos = m.end()
    return pos


_TIME_TO_DAY = compile_folded(r"^\s*[،,]?\s*(?:من|في|ل|يوم)?\s*$")


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


def _is_time_range(p: Partial) -> bool:
    return p.range_of is not None and p.range_of[0].type == "time"


_SINCE = compile_folded(r"(?:^|\s)[وف]?منذ\s+$")
_STOP_WORDS = compile_folded(r"\s(?:في|الذي|التي|المقرر|حيث|وذلك|بعد|قبل|ان|الى|على)\s.*$")


@dataclass
class Resolved:
    value: Value
    grain: str | None
    relative: bool = False
    hijri: Value = None
    day: dt.date | None = None
    """The resolved day, when the value is a single day (for context and clock times)."""
    year: int | None = None
    month: int | None = None


def _ymd(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


class Resolver:
    """Resolves the partials of one text, in order, keeping the context they need."""

    def __init__(self, text: str, norm: Normalized, ref: dt.date | None) -> None:
        self.text = text
        self.norm = norm
        self.ref = ref
        self.ctx_year: int | None = None
        self.ctx_month: tuple[int, int] | None = None
        self.ctx_day: tuple[dt.date, int] | None = None
        self.days: list[tuple[int, int, dt.date]] = []
        """(start, end, day) of the mentions resolved to one day so far."""
        self.years: list[tuple[int, int, int]] = []
        """(start, end, year) of the mentions resolved so far."""
        self._days_sorted = False
        self.last_period: str | Range | None = None
        self.last_period_grain: str | None = None
        """The last value finer than a year and coarser than a day (a month, quarter, half)."""
        self.written_year: tuple[int, int] | None = None
        """(end, year) of the last date or month whose year is written."""
        self.ref_month: tuple[int, int] | None = None
        self.ref_year: int | None = None
        """The month or year of writing implied by a gloss, when the date is unknown."""

    # ------------------------------------------------------------------ driver

    def resolve_all(self, parts: list[Partial]) -> list[Mention]:
        """Resolve in text order; holidays last, since their year may come after them."""
        out: list[Mention | None] = [None] * len(parts)
        later = []
        if self.ref is None:
            self._implied_reference(parts)
        for i, p in enumerate(parts):
            if p.type in ("holiday", "time") or (p.type == "range" and _is_time_range(p)):
                later.append(i)
                continue
            if p.type == "relative" and self.ref is None and i + 1 < len(parts):
                glossed = self._gloss(p, parts[i + 1])
                if glossed is not None:
                    out[i] = glossed
                    continue
            out[i] = self.mention(p)
        # holidays first (their day may anchor a clock time), then clock times
        later.sort(key=lambda i: parts[i].type != "holiday")
        for i in later:
            if parts[i].type != "holiday" and not self._days_sorted:
                self.days.sort()
                self._days_sorted = True
            out[i] = self.mention(parts[i])
        return [m for m in out if m is not None]

    def _implied_reference(self, parts: list[Partial]) -> None:
        """With no publication date, a glossed relative period (``الشهر المقبل (يناير 2019)``)
        still tells the month (or year) the article was written in."""
        for p, nxt in pairwise(parts):
            if p.type != "relative" or p.period not in ("month", "year") or nxt.year is None:
                continue
            if not _GLOSS_GAP.match(self.norm.text[p.end : nxt.start]):
                continue
            k = {"next": 1, "last": -1, "this": 0}.get(p.direction or "this", 0)
            if p.period == "month" and nxt.type == "month" and nxt.month is not None:
                self.ref_month = add_months(nxt.year, nxt.month, -k)
                self.ref_year = self.ref_month[0]
                return
            if p.period == "year" and nxt.type == "year":
                self.ref_year = nxt.year - k
                return

    def _gloss(self, p: Partial, nxt: Partial) -> Mention | None:
        """``الشهر المقبل (يناير 2019)``: a relative period glossed by the next mention."""
        gap = self.norm.text[p.end : nxt.start]
        if not _GLOSS_GAP.match(gap) or nxt.year is None or nxt.type not in ("month", "year"):
            return None
        if (p.period, nxt.type) not in (("month", "month"), ("year", "year")):
            return None
        m = self.mention(p)
        g = Resolver(self.text, self.norm, None).mention(replace(nxt, notes=[]))
        if m is None or g is None or g.value is None:
            return None
        return replace(m, value=g.value, notes=(*m.notes, "value from the gloss that follows"))

    def mention(self, p: Partial) -> Mention | None:
        notes: list[str] = list(p.notes)
        r = self.resolve(p, notes)
        if r is None:
            return None
        s, e = self.norm.span(p.start, p.end)
        mtype: MentionType = p.type
        if p.rule == "list":
            mtype = p.items[-1].type
        anchor = self._anchor(p) if p.type == "duration" else None
        offset = p.duration if p.type == "duration" else None
        parts = Parts(
            year=p.year, month=p.month, day=p.day, weekday=p.weekday, deictic_days=p.deictic,
            direction=p.direction if p.direction in ("next", "last", "this") else None,  # type: ignore[arg-type]
            unit=p.period if p.period in ("day", "week", "month", "year") else None,  # type: ignore[arg-type]
            offset=offset,
        )
        calendar = "hijri" if p.calendar == "hijri" else "gregorian"
        if r.day is not None:
            self.ctx_day = (r.day, p.end)
            self.days.append((p.start, p.end, r.day))
        if r.year is not None and r.month is not None:
            self.ctx_month = (r.year, r.month)
        if r.year is not None:
            insort(self.years, (p.start, p.end, r.year))
        if p.rule != "same_period" and p.type not in ("duration", "time", "weekday") and (
            isinstance(r.value, (str, Range)) and r.grain not in (None, "year", "day")
        ):
            self.last_period = r.value
            self.last_period_grain = r.grain
        return Mention(
            text=self.text[s:e], start=s, end=e, type=mtype, value=r.value,
            grain=r.grain,  # type: ignore[arg-type]
            calendar=calendar,  # type: ignore[arg-type]
            relative=r.relative, hijri=r.hijri,
            mod=p.mod,  # type: ignore[arg-type]
            anchor=anchor, rule=p.rule, parts=parts, notes=tuple(dict.fromkeys(notes)),
        )

    def resolve(self, p: Partial, notes: list[str]) -> Resolved | None:
        handler = {
            "date": self.r_date,
            "month": self.r_month,
            "year": self.r_year,
            "relative": self.r_relative,
            "weekday": self.r_weekday,
            "duration": self.r_duration,
            "time": self.r_time,
            "decade": self.r_decade,
            "century": self.r_century,
            "holiday": self.r_holiday,
            "range": self.r_range,
        }[p.type]
        if p.rule == "list":
            return self.r_list(p, notes)
        if p.rule == "anaphora_same" and p.type != "date":
            return self.r_anaphora_same(p, notes)
        if p.rule == "same_period":
            return self.r_same_period(p, notes)
        return handler(p, notes)

    # ------------------------------------------------------------------ helpers

    def _note_year(self, p: Partial) -> None:
        if p.year is not None and p.calendar == "gregorian" and p.year_rel is None:
            self.ctx_year = p.year
            if p.type in ("date", "month") or p.period == "day_of_year":
                self.written_year = (p.end, p.year)

    def _sentence_year(self, p: Partial) -> int | None:
        """The year of the nearest resolved mention in the same sentence as ``p``."""
        best: tuple[int, int] | None = None
        i = bisect_left(self.years, (p.start,))
        near = self.years[max(0, i - 8) : i + 8]  # sentences are short: look at neighbours
        for s, e, y in near:
            if s < p.end and e > p.start:
                continue
            a, b = (e, p.start) if e <= p.start else (p.end, s)
            if b - a < 400 and self._same_sentence(a, b) and (best is None or b - a < best[0]):
                best = (b - a, y)
        return best[1] if best else None

    def _same_sentence(self, a: int, b: int) -> bool:
        return not _SENTENCE_END.search(self.norm.text, a, b) if a <= b else False

    def _anchor(self, p: Partial) -> Anchor | None:
        t = self.norm.text
        before = _ANCHOR_BEFORE.search(t[max(0, p.start - 10) : p.start])
        if not before:
            return None
        word = before.group("w").lstrip("وف")
        relation = {"قبل": "before", "بعد": "after", "منذ": "since", "خلال": "until"}[word]
        after = _ANCHOR_AFTER.match(t, p.end)
        if not after:
            return None
        target = after.group("t").rstrip()
        cut = _STOP_WORDS.search(" " + target + " ")
        if cut:
            target = (" " + target + " ")[: cut.start()].strip()
        if not target:
            return None
        ts = after.start("t")
        s, e = self.norm.span(ts, ts + len(target))
        return Anchor(relation, self.text[s:e], s, e)  # type: ignore[arg-type]

    def _pick_year(self, month: int, day: int | None, p: Partial, notes: list[str]) -> int | None:
        """The year of a day/month written without one."""
        ref = self.ref
        if p.year_same:
            if not self.years:
                return None
            return self.years[-1][2]
        if p.year_rel is None and p.direction is None and p.deictic is None:
            same = self._sentence_written_year(p)
            if same is not None:
                notes.append("year from an earlier date in the same sentence")
                return same
        if p.year_rel is not None:
            if ref is None:
                return None
            return ref.year + {"next": 1, "last": -1, "this": 0}[p.year_rel]
        if ref is None:
            if p.direction or p.deictic is not None:
                return None
            if self.ctx_year is not None:
                y = self.ctx_year
                if p.weekday is not None and day is not None and valid_day(y, month, day) and (
                    dt.date(y, month, day).weekday() != p.weekday
                ):
                    return None  # the weekday says it is another year
                notes.append("year from an earlier date in the text")
                return y
            return None
        d = day or 1
        cands = [y for y in (ref.year - 1, ref.year, ref.year + 1) if valid_day(y, month, d)]
        if not cands:
            return None
        if p.weekday is not None and day is not None:
            fit = [y for y in cands if dt.date(y, month, day).weekday() == p.weekday]
            if fit:
                notes.append("year from the publication date and the weekday")
                return min(fit, key=lambda y: abs((dt.date(y, month, day) - ref).days))
        notes.append("year from the publication date")
        if p.direction == "next":
            for y in cands:
                cand = dt.date(y, month, d)
                if (cand >= ref) if day else (y, month) > (ref.year, ref.month):
                    return y
        if p.direction == "last":
            for y in reversed(cands):
                cand = dt.date(y, month, d)
                if (cand <= ref) if day else (y, month) < (ref.year, ref.month):
                    return y
        if p.direction == "this" or p.deictic is not None:
            return ref.year
        y = ref.year
        delta = (dt.date(y, month, d) - ref).days
        if delta > 245 and valid_day(y - 1, month, d):
            return y - 1
        if delta < -245 and valid_day(y + 1, month, d):
            return y + 1
        return y

    def _since(self, p: Partial, notes: list[str]) -> Partial:
        """``منذ 7 أكتوبر``: a day or month counted from is in the past, as ``الماضي`` says."""
        if p.direction is None and p.year_rel is None and _SINCE.search(
            self.norm.text, max(0, p.start - 8), p.start
        ):
            notes.append("منذ: the last such date before the publication date")
            return replace(p, direction="last", notes=list(p.notes))
        return p

    def _sentence_written_year(self, p: Partial) -> int | None:
        """The year written in a date earlier in the same sentence (``في 12 مارس 2020 … وفي
        15 أبريل``), if any."""
        if self.written_year is None:
            return None
        end, year = self.written_year
        if end <= p.start and p.start - end < 250 and self._same_sentence(end, p.start):
            return year
        return None

    def _weekday_check(self, d: dt.date, p: Partial, notes: list[str]) -> None:
        if p.weekday is not None and d.weekday() != p.weekday:
            notes.append(f"the text names another weekday than {d:%A} for this date")

    # ------------------------------------------------------------------ per type

    def r_date(self, p: Partial, notes: list[str]) -> Resolved | None:
        if p.calendar == "hijri":
            return self.r_hijri_date(p, notes)
        if p.rule == "anaphora_same":
            return self.r_anaphora_same(p, notes)
        if p.period == "day_of_year":
            if self.ref is None or p.year is None:
                return Resolved(None, "day", True)
            if not valid_day(p.year, self.ref.month, self.ref.day):
                return Resolved(None, "day", True)
            d = dt.date(p.year, self.ref.month, self.ref.day)
            self.written_year = (p.end, p.year)
            return Resolved(_ymd(d), "day", True, day=d, year=d.year, month=d.month)
        if p.anaphora:
            if self.ctx_month is None or p.day is None:
                return None
            y, m = self.ctx_month
            if not valid_day(y, m, p.day):
                return None
            d = dt.date(y, m, p.day)
            return Resolved(_ymd(d), "day", False, day=d, year=y, month=m)
        if p.period == "month" and p.month is None:
            # "15 من الشهر الجاري"
            if self.ref is None or p.day is None:
                return Resolved(None, "day", True)
            y, m = add_months(self.ref.year, self.ref.month,
                              {"next": 1, "last": -1}.get(p.direction or "", 0))
            if not valid_day(y, m, p.day):
                return None
            d = dt.date(y, m, p.day)
            return Resolved(_ymd(d), "day", True, day=d, year=y, month=m)
        if p.nth is not None and p.month is not None:
            return self.r_nth_weekday(p, notes)
        if p.month is None or p.day is None:
            return None
        relative = bool(p.direction or p.deictic is not None or p.year_rel)
        year = p.year
        if year is None:
            year = self._pick_year(p.month, p.day, self._since(p, notes), notes)
        else:
            self._note_year(p)
        if year is None:
            return Resolved(None if relative else f"XXXX-{p.month:02d}-{p.day:02d}", "day",
                            relative)
        if not valid_day(year, p.month, p.day):
            notes.append(f"no such day: {p.day} of month {p.month} in {year}")
            return Resolved(None, "day", relative)
        d = dt.date(year, p.month, p.day)
        self._weekday_check(d, p, notes)
        return Resolved(_ymd(d), "day", relative, day=d, year=year, month=p.month)

    def r_same_period(self, p: Partial, notes: list[str]) -> Resolved | None:
        """The last period spoken of (``النصف الأول من 2024``, ``يناير``), moved to the year
        named (``من العام الماضي``, ``من عام 2023``); the publication date itself for
        ``التاريخ ذاته``."""
        if p.year is not None:
            year: int | None = p.year
        elif self.ref is not None and p.year_rel is not None:
            year = self.ref.year + {"next": 1, "last": -1, "this": 0}[p.year_rel]
        else:
            year = None
        if year is None:
            return Resolved(None, None, True)
        if p.period == "day":
            # the day just spoken of (the date of the figures), else the publication date
            day = self.ctx_day[0] if self.ctx_day is not None else self.ref
            if day is None or not valid_day(year, day.month, day.day):
                return Resolved(None, "day", True)
            d = dt.date(year, day.month, day.day)
            return Resolved(_ymd(d), "day", True, day=d, year=year, month=d.month)
        base, grain = self.last_period, self.last_period_grain
        if p.period == "month" and self.ctx_month is not None:
            base, grain = _ym(*self.ctx_month), "month"
        if base is None:
            return Resolved(f"{year:04d}", "year", True, year=year)
        return Resolved(_with_year(base, year), grain, True)

    def r_anaphora_same(self, p: Partial, notes: list[str]) -> Resolved | None:
        if p.period == "day":
            if self.ctx_day is None:
                return Resolved(None, "day", False)
            d = self.ctx_day[0]
            return Resolved(_ymd(d), "day", False, day=d, year=d.year, month=d.month)
        if p.period == "month":
            if self.ctx_month is None:
                return Resolved(None, "month", False)
            y, m = self.ctx_month
            return Resolved(_ym(y, m), "month", False, year=y, month=m)
        if p.period == "year":
            if not self.years:
                return Resolved(None, "year", False)
            y = self.years[-1][2]
            return Resolved(f"{y:04d}", "year", False, year=y)
        if self.ctx_day is None:
            return Resolved(None, "week", False)
        return Resolved(iso_week(self.ctx_day[0]), "week", False)

    def r_nth_weekday(self, p: Partial, notes: list[str]) -> Resolved | None:
        assert p.month is not None and p.nth is not None and p.weekday is not None
        year = p.year if p.year is not None else self._pick_year(p.month, None, p, notes)
        if year is None:
            return Resolved(None, "day", True)
        first = dt.date(year, p.month, 1)
        days = [first + dt.timedelta(days=i) for i in range(31)]
        fits = [d for d in days if d.month == p.month and d.weekday() == p.weekday]
        d = fits[-1] if p.nth == -1 else (fits[p.nth - 1] if p.nth <= len(fits) else None)
        if d is None:
            notes.append("the month has no such weekday")
            return Resolved(None, "day", False)
        return Resolved(_ymd(d), "day", p.year is None, day=d, year=d.year, month=d.month)

    def r_hijri_date(self, p: Partial, notes: list[str]) -> Resolved | None:
        if p.month is None or p.day is None:
            return None
        hy = p.year
        relative = bool(p.direction or p.deictic is not None)
        try:
            if hy is None:
                if self.ref is None:
                    return Resolved(None, "day", True, hijri=f"XXXX-{p.month:02d}-{p.day:02d}")
                ry, _, _ = gregorian_to_hijri(self.ref)
                cands = []
                for y in (ry - 1, ry, ry + 1):
                    try:
                        cands.append((y, hijri_to_gregorian(y, p.month, p.day)))
                    except (ValueError, OutOfRange):
                        continue
                if not cands:
                    return None
                ref = self.ref
                if p.weekday is not None:
                    fit = [c for c in cands if c[1].weekday() == p.weekday]
                    cands = fit or cands
                if p.direction == "next":
                    cands = [c for c in cands if c[1] >= ref] or cands
                elif p.direction == "last":
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
        self._weekday_check(g, p, notes)
        return Resolved(_ymd(g), "day", relative, hijri=f"{hy:04d}-{p.month:02d}-{p.day:02d}",
                        day=g, year=g.year, month=g.month)

    def r_month(self, p: Partial, notes: list[str]) -> Resolved | None:
        if p.month is None:
            return None
        if p.calendar == "hijri":
            return self.r_hijri_month(p, notes)
        relative = bool(p.direction or p.year_rel)
        year = p.year
        if year is None:
            year = self._pick_year(p.month, None, self._since(p, notes), notes)
        else:
            self._note_year(p)
        if year is None:
            return Resolved(None if relative else f"XXXX-{p.month:02d}", "month", relative)
        if p.period_part and p.period_part[0] in "HQ":
            return Resolved(_ym(year, p.month), "month", relative, year=year, month=p.month)
        return Resolved(_ym(year, p.month), "month", relative, year=year, month=p.month)

    def r_hijri_month(self, p: Partial, notes: list[str]) -> Resolved | None:
        assert p.month is not None
        hy = p.year
        relative = bool(p.direction)
        if hy is None:
            if self.ref is None:
                return Resolved(None, "month", True, hijri=f"XXXX-{p.month:02d}")
            try:
                ry, rm, _ = gregorian_to_hijri(self.ref)
            except OutOfRange:
                notes.append("publication date outside the Umm al-Qura table: no Hijri year")
                return Resolved(None, "month", True, hijri=f"XXXX-{p.month:02d}")
            hy = ry
            if p.direction == "next" and p.month <= rm:
                hy += 1
            elif p.direction == "last" and p.month >= rm:
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

    def r_year(self, p: Partial, notes: list[str]) -> Resolved | None:
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
        self._note_year(p)
        if p.period_part:
            grain = "season" if p.period_part in ("SU", "WI", "SP", "FA") else (
                "half" if p.period_part[0] == "H" else "quarter")
            return Resolved(f"{p.year:04d}-{p.period_part}", grain, False)
        return Resolved(f"{p.year:04d}", "year", bool(p.year_rel), year=p.year)

    def r_relative(self, p: Partial, notes: list[str]) -> Resolved | None:
        ref = self.ref
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
            if ref is None:
                return Resolved(None, "day", True)
            d = ref + dt.timedelta(days=p.deictic)
            if p.weekday is not None and d.weekday() != p.weekday:
                notes.append(f"the text names another weekday than {d:%A} for this day")
            return Resolved(_ymd(d), "day", True, day=d, year=d.year, month=d.month)
        k = {"next": 1, "last": -1, "this": 0}.get(p.direction or "this", 0)
        if ref is None:
            if p.period == "month" and self.ref_month is not None and not p.period_part:
                y, m = add_months(*self.ref_month, k)
                notes.append("month of writing implied by a glossed relative month in the text")
                return Resolved(_ym(y, m), "month", True, year=y, month=m)
            if p.period == "year" and self.ref_year is not None and not p.period_part:
                notes.append("year of writing implied by a glossed relative period in the text")
                return Resolved(f"{self.ref_year + k:04d}", "year", True, year=self.ref_year + k)
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

    def r_weekday(self, p: Partial, notes: list[str]) -> Resolved | None:
        if p.weekday is None:
            return None
        if self.ref is None:
            return Resolved(None, "day", True)
        ref = self.ref
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
        else:
            tense = self._clause_tense(p)
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

    def _clause_tense(self, p: Partial) -> str | None:
        """``future`` when the clause before ``p`` says so (``ستعيد``, ``من المقرر``), ``past``
        when it is a report with no such cue (news tell what happened), ``None`` alone."""
        t = self.norm.text
        start = max(0, p.start - 60)
        window = t[_last_sentence_end(t, start, p.start) : p.start]
        for m in _FUTURE.finditer(window):
            if not _NOT_FUTURE.match(m.group("w")):
                return "future"
        return "past" if len(window.split()) >= 2 else None

    def r_duration(self, p: Partial, notes: list[str]) -> Resolved | None:
        return Resolved(p.duration, "duration", bool(p.direction) or self._has_anchor_word(p))

    def _has_anchor_word(self, p: Partial) -> bool:
        t = self.norm.text
        return bool(_ANCHOR_BEFORE.search(t[max(0, p.start - 10) : p.start]))

    def _clause_day(self, p: Partial) -> dt.date | None:
        """The day a clock time belongs to: a date right after it (``الساعة 23:40 من ليل
        الأحد``), else the nearest date before it in the same sentence."""
        t = self.norm.text
        i = bisect_left(self.days, (p.end,))  # days are in text order
        if i < len(self.days):
            s, _, day = self.days[i]
            if _TIME_TO_DAY.match(t[p.end : s]):
                return day
        j = bisect_left(self.days, (p.start,)) - 1
        while j >= 0 and self.days[j][1] > p.start:
            j -= 1
        if j >= 0:
            _, e, day = self.days[j]
            if p.start - e < 200 and self._same_sentence(e, p.start):
                return day
        return None

    def r_time(self, p: Partial, notes: list[str]) -> Resolved | None:
        if p.hour is None:
            return None
        hm = f"{p.hour:02d}:{(p.minute or 0):02d}"
        if p.deictic is not None and self.ref is not None:
            d = self.ref + dt.timedelta(days=p.deictic)
            return Resolved(f"{_ymd(d)}T{hm}", "minute", True)
        day = self._clause_day(p)
        if day is not None:
            notes.append("date from the same clause")
            return Resolved(f"{_ymd(day)}T{hm}", "minute", False)
        if p.tz and self.ref is not None:
            notes.append("a time stamp with a time zone: the publication date")
            return Resolved(f"{_ymd(self.ref)}T{hm}", "minute", True)
        return Resolved(f"T{hm}", "minute", False)

    def r_decade(self, p: Partial, notes: list[str]) -> Resolved | None:
        assert p.decade is not None
        if p.century is not None:
            c = p.century
        elif p.direction:
            if self.ref is None:
                return Resolved(None, "decade", True)
            c = (self.ref.year - 1) // 100 + 1 + {"next": 1, "last": -1}.get(p.direction, 0)
        else:
            c = 20
            if self.ref is not None and 2000 + p.decade * 10 <= self.ref.year:
                c = 21
            notes.append("century assumed (not written)")
        return Resolved(f"{c - 1:02d}{p.decade}X", "decade", bool(p.direction))

    def r_century(self, p: Partial, notes: list[str]) -> Resolved | None:
        if p.century is None:  # "القرن الماضي"
            return self.r_relative(p, notes)
        return Resolved(f"{p.century - 1:02d}XX", "century", False)

    def r_holiday(self, p: Partial, notes: list[str]) -> Resolved | None:
        assert p.holiday_spec is not None
        kind, month, day = p.holiday_spec
        ref = self.ref
        year = p.year
        gyear = p.gregorian_year
        if kind in ("gregorian", "easter"):
            y = year
            if y is None:
                y = self._sentence_year(p)
                if y is not None:
                    notes.append("year from a date in the same sentence")
            if y is None and ref is not None:
                y = ref.year
                notes.append("year from the publication date")
            if y is None:
                return Resolved(None, "day", True)
            d = easter(y) + dt.timedelta(days=day) if kind == "easter" else dt.date(y, month, day)
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
                if p.direction == "next":
                    cands = [c for c in cands if c[1] >= base] or cands
                elif p.direction == "last":
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
        return Resolved(_ymd(g), "day", p.year is None and gyear is None,
                        hijri=f"{year:04d}-{month:02d}-{day:02d}",
                        day=g, year=g.year, month=g.month)

    def r_range(self, p: Partial, notes: list[str]) -> Resolved | None:
        assert p.range_of is not None
        a, b = p.range_of
        if a.type == b.type == "weekday":
            return self._weekday_range(a, b, notes)
        a = replace(a, notes=list(a.notes))
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
        if a.type == "year" and b.type != "year" and b.year is not None:
            return None
        ra = self.resolve(a, notes)
        self_ctx = self.ctx_year
        if a.year is not None and b.year is None and b.type in ("date", "month"):
            self.ctx_year = a.year
        if b.year is None and b.type == "date" and b.day is not None and a.year is not None and (
            b.direction is None and b.year_rel is None
        ):
            b = replace(b, year=a.year)
        rb = self.resolve(b, notes)
        self.ctx_year = self_ctx if self.ctx_year is None else self.ctx_year
        if ra is None or rb is None:
            return None
        va, vb = ra.value, rb.value
        if inherited_year and isinstance(va, str) and isinstance(vb, str) and va > vb:
            a.year = (a.year or 0) - 1
            ra = self.resolve(a, notes) or ra
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
            self.ctx_day = (rb.day, p.end)
        return Resolved(Range(va, vb), rb.grain, ra.relative or rb.relative, hijri=hijri,
                        year=rb.year, month=rb.month)

    def _weekday_range(self, a: Partial, b: Partial, notes: list[str]) -> Resolved | None:
        """``ليلة الأربعاء إلى الخميس``: the second day is the first one's next such day."""
        ra = self.r_weekday(a, notes)
        if ra is None or ra.day is None or b.weekday is None:
            return Resolved(None, "day", True)
        end = ra.day + dt.timedelta(days=(b.weekday - ra.day.weekday()) % 7 or 7)
        return Resolved(Range(_ymd(ra.day), _ymd(end)), "day", True)

    def r_list(self, p: Partial, notes: list[str]) -> Resolved | None:
        last = p.items[-1]
        values: list[str | Range] = []
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
                if q.direction is None:
                    q.direction = last.direction
            r = self.resolve(q, notes)
            if r is None or r.value is None:
                if r is not None and r.relative:
                    return Resolved(None, r.grain, True)
                return None
            rel = rel or r.relative
            grain = r.grain
            v = r.value
            if isinstance(v, (str, Range)):
                values.append(v)
        return Resolved(tuple(values), grain, rel)
