"""The article-level stage of resolution: the partials of a whole text, in order, against
what the article has said so far.

Everything not written in the text is an inference and gets a note saying so (``year from the
publication date``, ``month of the date mentioned just before`` ...). Without a reference date,
relative expressions keep a ``None`` value; a day and month without a year take the last year
written earlier in the text, else ``XXXX``. The arithmetic of each value is in
:mod:`factsheet.dates.values`.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, insort
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import TypeVar

from .calendars import add_months, valid_day
from .grammar import Partial, alt
from .lexicon import lexicon
from .model import Anchor, Mention, MentionType, Parts, Range, Value
from .normalize import Normalized, compile_folded, fold
from .values import Resolved, resolve
from .when import value_bounds

_SENTENCE_ENDS = ".!?؟\n"
"""The characters that end a sentence."""
_SENTENCE_END = re.compile("[" + re.escape(_SENTENCE_ENDS) + "]")
_ANCHOR_BEFORE = compile_folded(r"(?:^|\s)(?P<w>[وف]?(?:قبل|بعد|منذ|خلال))\s+$")
_ANCHOR_AFTER = compile_folded(
    r"(?:\s+فقط)?\s+(?:من|على)\s+(?P<t>(?:[^\s.،,؛:!?؟()\"]+\s*){1,6})"
)
_AGO_BEFORE = compile_folded(r"(?:^|\s)(?P<w>[وف]?قبل)\s+$")
_AGO_LENGTH = re.compile(r"P\d+[DWMY]")
_GLOSS_GAP = compile_folded(r"^\s*(?:\(|،|,|-|:|اي)?\s*$")
_FUTURE = compile_folded(
    r"(?:^|\s)[وف]?(?P<w>على\s+ان\s+[يت]\w{2,}|ان\s+[يت](?!\w\wي\w(?!\w))\w{2,}|"
    r"س[يتنا]\w{2,}|" + alt(lexicon().future_words) + r")(?!\w)"
)
_PAST_VERB = compile_folded(r"(?:^|\s)[وف]?(?:" + alt(lexicon().past_verbs) + r")(?!\w)")
_CLAUSE_START = compile_folded(
    r"(?:^|\s)(?:الذي|التي|الذين|اللذين|اللتين|اللاتي|عندما|حين|حينما|بعدما|بينما|لما)(?=\s)"
)
_NOT_FUTURE = compile_folded(
    # nouns and past verbs that look like a future verb (س + يتنا …): whole words, then stems
    r"(?:سيف|سيد|سير|سيما|ساد|سار|سته|ستون|ستين|سنه|سنين|سيول|سبت|ساف|سامي|سالم)(?!\w)|"
    r"(?:سياس|سيار|سيطر|سنو|سنت|سيناء|سينا|سينم|سيره|سيرت|ساع|سابق|ساحل|ساحه|ساهم|سائ|سنغ|"
    r"سيسي|ستار|سياح|سياق|سيبر|سامح|سالف|ستاد|ستوديو|ستراتيج|سيناري|سينيغ|ساخن|ساقط|ساكن|سانت|"
    r"ساو|سيجار|سيلف|سافر|سادس|سادات|سيدات|سيده)"
)


def _last_sentence_end(t: str, start: int, end: int) -> int:
    """The position after the last sentence end in ``t[start:end]`` (else ``start``)."""
    last = start - 1
    for ch in _SENTENCE_ENDS:
        i = t.rfind(ch, start, end)
        if i > last:
            last = i
    return last + 1


_TIME_TO_DAY = compile_folded(r"^\s*[،,]?\s*(?:من|في|ل|يوم)?\s*$")


def _is_time_range(p: Partial) -> bool:
    return p.range_of is not None and p.range_of[0].type == "time"


_PM_PARTS = frozenset(
    fold(w) for w in ("مساء", "مساءا", "ليل", "ليلة", "ليلا", "عشية", "عصر", "عصرا", "ظهر", "زوال")
)
_HALF_AFTER = compile_folded(
    r"\s*[،,]?\s*(?:من\s+|في\s+|بعد\s+)?(?:يوم\s+)?(?:ال)?"
    r"(?P<part>صباح|مساء|ليل|ليله|عشيه|فجر|عصر|ظهر|زوال)(?!\w)"
)
_HALF_BEFORE = compile_folded(
    r"(?<!\w)(?:ال)?(?P<part>صباحا|مساء|مساءا|ليلا|ليل|ليله|عشيه|فجرا|عصرا|صباح)(?!\w)"
)
_LIKE = compile_folded(r"(?:^|\s)مثل\s+$")
_YEAR_TO_MONTH = compile_folded(r"^[\s،,]*(?:و?(?:في|خلال)\s*)?(?:شهر\s*)?$")
_TOLD_GRAINS = frozenset({"day", "month", "year", "week", "season", "half", "quarter", "decade"})
_QUOTES = {"\"": "\"", "«": "»", "“": "”"}


def _quote_opening(t: str, start: int, end: int) -> int | None:
    """Where the quotation open at ``end`` began, within ``t[start:end]`` (None if none is)."""
    opened: int | None = None
    closer = ""
    for i in range(start, end):
        ch = t[i]
        if opened is None and ch in _QUOTES:
            opened, closer = i, _QUOTES[ch]
        elif opened is not None and ch == closer:
            opened = None
    return opened


_FEAST_THEN_DAY = compile_folded(
    r"^\s*[،,(]?\s*(?:(?:الذي|التي)\s+[^\s.،,]+|[يت]صادف|يوافق|الموافق|[يت]كون|سيكون|ستكون|هو|"
    r"هي)?\s*(?:ل)?\s*$"
)
_DAY_THEN_FEAST = compile_folded(r"^\s*[،,(]?\s*(?:وهو|وهي|هو|هي|الموافق\s*ل)?\s*$")
_STAMP = re.compile(r"[\s.)/-]*$")
_LINE_START = re.compile(r"\n[\s(/-]*$")
_SINCE = compile_folded(r"(?:^|\s)[وف]?منذ\s+$")
_STOP_WORDS = compile_folded(r"\s(?:في|الذي|التي|المقرر|حيث|وذلك|بعد|قبل|ان|الى|على)\s.*$")


def _nearest_year(base: dt.date, month: int, day: int | None, weekday: int | None) -> int | None:
    """The year that puts ``day``/``month`` nearest to ``base`` (on ``weekday`` if given)."""
    d = day or 1
    cands = [y for y in (base.year - 1, base.year, base.year + 1) if valid_day(y, month, d)]
    if weekday is not None and day is not None:
        cands = [y for y in cands if dt.date(y, month, day).weekday() == weekday]
    if not cands:
        return None
    return min(cands, key=lambda y: abs((dt.date(y, month, d) - base).days))


LOOK_BACK = 64
"""How many earlier days or years a mention looks back over (linear time on any input)."""


_T = TypeVar("_T")


def _first_found(
    p: Partial, notes: list[str], ways: Sequence[tuple[Callable[[Partial], _T | None], str]]
) -> _T | None:
    """The first of ``ways`` that finds something for ``p``, its note added to ``notes``."""
    for find, note in ways:
        found = find(p)
        if found is not None:
            notes.append(note)
            return found
    return None


class ArticleResolver:
    """Resolves the partials of one text in order, keeping what the narrative has said so far
    (the :class:`~factsheet.dates.values.Narrative` the value arithmetic reads)."""

    def __init__(
        self, text: str, norm: Normalized, ref: dt.date | None, *, prefer: str | None = None
    ) -> None:
        self.text = text
        self.norm = norm
        self.ref = ref
        self.prefer = prefer
        """``future``/``past``: which way dates the text leaves open go (None: by tense)."""
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
        self.feast_days: dict[tuple[str, int, int], list[dt.date]] = {}
        """The days the text gives for feasts (see :meth:`_stated_feasts`)."""
        self.feast_said: dict[int, dt.date] = {}
        """The day given right beside a feast mention (by the mention's start)."""
        self.feasts: list[tuple[int, Resolved]] = []
        """(start, value) of the feasts resolved so far, in text order."""
        self.dated_days: list[tuple[int, int, dt.date]] = []
        """(start, end, day) of the dates written with their day and month, in text order."""
        self.generic = False
        """The text speaks of a recurring date (``في 1 أفريل من كل عام``) and has named no
        specific day since: its day-months without a year have none."""
        self.last_told: tuple[Value, str | None] | None = None
        """The value (and grain) of the last date, month or year the narrative told."""
        self.year_said: tuple[int, int] | None = None
        """(end, year) of the last mention of one year (``عام 2015``, ``قبل عامين``,
        ``العام الماضي``): a bare month right after it is of that year."""
        self.story: list[tuple[int, str, dt.date | None]] = []
        """Where the narrative is in time, in text order: ``(end, tense, day)`` for each
        mention of one day (tense ``future`` for what is announced, else ``past``), and
        ``(end, "moved", None)`` when a later mention takes the story to another period."""

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
        self._stated_feasts(parts)
        for i in later:
            if parts[i].type != "holiday" and not self._days_sorted:
                self.days.sort()
                self._days_sorted = True
            out[i] = self.mention(parts[i])
        return [m for m in out if m is not None]

    def _stated_feasts(self, parts: list[Partial]) -> None:
        """Feasts next to the Gregorian day the text gives for them (``عيد الأضحى الذي يصادف
        يوم الأربعاء 22 غشت``, ``يوم الأربعاء 22 أغسطس، أول أيام عيد الأضحى``): the text's
        day wins over the calendar's (the moon is sighted differently by country)."""
        resolved = {s: day for s, _, day in self.days}
        t = self.norm.text
        for a, b in pairwise(parts):
            for feast, date, gap_rule in ((a, b, _FEAST_THEN_DAY), (b, a, _DAY_THEN_FEAST)):
                spec = feast.holiday_spec
                if feast.type != "holiday" or spec is None or spec[0] != "hijri":
                    continue
                day = resolved.get(date.start)
                if day is None or date.type != "date" or date.calendar != "gregorian":
                    continue
                if not gap_rule.match(t[a.end:b.start]):
                    continue
                self.feast_days.setdefault(spec, []).append(day)
                self.feast_said[feast.start] = day

    def stated_feast_day(self, p: Partial, day: dt.date) -> dt.date | None:
        """The day the text gives for the feast ``p``: its own, else the first the text gives
        for that feast within three days of ``day`` (its Umm al-Qura date), if any."""
        own = self.feast_said.get(p.start)
        if own is not None:
            return own
        for stated in self.feast_days.get(p.holiday_spec, []) if p.holiday_spec else []:
            if abs((stated - day).days) <= 3:
                return stated
        return None

    def last_feast(self, p: Partial) -> Resolved | None:
        """The value of the last feast told before ``p`` (``قبل العيد``)."""
        i = bisect_left(self.feasts, (p.start,)) - 1
        return self.feasts[i][1] if i >= 0 else None

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
        if p.period != nxt.type:  # a month glossed by a month, a year by a year
            return None
        m = self.mention(p)
        g = ArticleResolver(self.text, self.norm, None, prefer=self.prefer).mention(
            replace(nxt, notes=[]))
        if m is None or g is None or g.value is None:
            return None
        return replace(m, value=g.value, notes=(*m.notes, "value from the gloss that follows"))

    def _ago(self, p: Partial) -> Partial:
        """``قبل أسبوعين`` ("two weeks ago") is a point in time, not a length: a plain length
        right after ``قبل`` with nothing it is counted from (``قبل 50 يوما من المنتدى`` stays a
        length before the forum), and no bound on it (``قبل أكثر من أسبوع``)."""
        if p.type != "duration" or p.mod not in (None, "APPROX") or p.direction is not None:
            return p
        if not _AGO_LENGTH.fullmatch(p.duration or ""):
            return p
        t = self.norm.text
        before = _AGO_BEFORE.search(t, max(0, p.start - 8), p.start)
        if before is None or _ANCHOR_AFTER.match(t, p.end):
            return p
        return replace(p, rule="ago", type="relative", start=before.start("w"),
                       notes=list(p.notes))

    def mention(self, p: Partial) -> Mention | None:
        p = self._ago(p)
        notes: list[str] = list(p.notes)
        try:
            r = resolve(self, p, notes)
        except OverflowError:  # counted past year 1 or 9999 from a date at the calendar's end
            r = Resolved(None, None, True)
            notes.append("outside the calendar (years 1 to 9999): no value")
        if r is None:
            return None
        s, e = self.norm.span(p.start, p.end)
        if _LIKE.search(self.norm.text, max(0, p.start - 5), p.start):
            # "في مثل هذا اليوم": a day compared with, not the day the narrative is on
            return self._mention(p, r, s, e, notes)
        self._tell(p, r)
        if p.type == "holiday" and p.rule != "feast_anaphor" and r.value is not None:
            self.feasts.append((p.start, r))
        if p.generic:
            self.generic = True
        elif p.deictic is not None or r.day is not None:
            self.generic = False
        if r.value is not None and r.grain in _TOLD_GRAINS and p.type != "time":
            self.last_told = (r.value, r.grain)
        if r.day is not None:
            self.ctx_day = (r.day, p.end)
            self.days.append((p.start, p.end, r.day))
            if p.type == "date" and p.month is not None and p.day is not None:
                self.dated_days.append((p.start, p.end, r.day))
        if r.grain == "year" and r.year is not None and isinstance(r.value, str) and (
                p.calendar != "hijri"):
            self.year_said = (p.end, r.year)
        if r.year is not None and r.month is not None:
            self.ctx_month = (r.year, r.month)
        if r.year is not None:
            insort(self.years, (p.start, p.end, r.year))
        if p.rule != "same_period" and p.type not in ("duration", "time", "weekday") and (
            isinstance(r.value, (str, Range)) and r.grain not in (None, "year", "day")
        ):
            self.last_period = r.value
            self.last_period_grain = r.grain
        return self._mention(p, r, s, e, notes)

    def _mention(self, p: Partial, r: Resolved, s: int, e: int, notes: list[str]) -> Mention:
        """The mention of ``p`` at ``text[s:e]`` with the value ``r``."""
        mtype: MentionType = p.items[-1].type if p.rule == "list" else p.type
        anchor = self._anchor(p) if p.type == "duration" else None
        offset = p.duration if p.type == "duration" else None
        parts = Parts(
            year=p.year, month=p.month, day=p.day, weekday=p.weekday, deictic_days=p.deictic,
            direction=p.direction if p.direction in ("next", "last", "this") else None,  # type: ignore[arg-type]
            unit=p.period if p.period in ("day", "week", "month", "year") else None,  # type: ignore[arg-type]
            offset=offset,
            year_direction=p.year_rel if p.year_rel in ("next", "last", "this") else None,  # type: ignore[arg-type]
            feast=p.holiday_spec,
        )
        calendar = "hijri" if p.calendar == "hijri" else "gregorian"
        return Mention(
            text=self.text[s:e], start=s, end=e, type=mtype, value=r.value,
            grain=r.grain,  # type: ignore[arg-type]
            calendar=calendar,  # type: ignore[arg-type]
            relative=r.relative, hijri=r.hijri,
            mod=p.mod,  # type: ignore[arg-type]
            anchor=anchor, rule=p.rule, parts=parts, notes=tuple(dict.fromkeys(notes)),
        )

    def note_year(self, p: Partial) -> None:
        if p.year is not None and p.calendar == "gregorian" and p.year_rel is None:
            self.ctx_year = p.year
            if p.type in ("date", "month") or p.period == "day_of_year":
                self.written_year = (p.end, p.year)

    def sentence_year(self, p: Partial) -> int | None:
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

    def pick_year(self, month: int, day: int | None, p: Partial, notes: list[str]) -> int | None:
        """The year of a day/month written without one."""
        ref = self.ref
        plain = p.year_rel is None and p.direction is None and p.deictic is None
        if p.generic or (self.generic and plain and p.weekday is None and day is not None):
            notes.append("a recurring date: no year" if p.generic
                         else "the text speaks of a recurring date: no year")
            return None
        if p.year_same:
            if not self.years:
                return None
            return self.years[-1][2]
        if p.year_rel is None and p.direction is None and p.deictic is None:
            same = _first_found(p, notes, (
                (self._sentence_written_year, "year from an earlier date in the same sentence"),
                (self._year_just_before, "year of the year named just before it"),
            ))
            if same is not None:
                return same
        if p.year_rel is not None:
            if ref is None:
                return None
            return ref.year + {"next": 1, "last": -1, "this": 0}[p.year_rel]
        told = self.told_day(p) if p.direction is None and p.deictic is None else None
        if told is not None and (ref is None or abs((told - ref).days) > 366):
            # a story told in another year (a history piece): its day-months are of that year
            year = _nearest_year(told, month, day, p.weekday)
            if year is not None:
                notes.append("year from the date the narrative is on")
                return year
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
        plain_month = p.direction is None and p.deictic is None and p.weekday is None
        if plain_month and self.prefer is not None:
            return self._preferred_year(ref, month, day, notes)
        if plain_month and day is None and self.clause_tense(p) == "future":
            notes.append("the next such month: the clause speaks of the future")
            p = replace(p, direction="next", notes=list(p.notes))
        elif plain_month and day is None and self._told_as_past(p):
            notes.append("the last such month: a verb of the past heads the clause")
            p = replace(p, direction="last", notes=list(p.notes))
        d = day or 1
        cands = [y for y in (ref.year - 1, ref.year, ref.year + 1) if valid_day(y, month, d)]
        if not cands:
            return None
        if p.weekday is not None and day is not None:
            fit = [y for y in cands if dt.date(y, month, day).weekday() == p.weekday
                   and abs((dt.date(y, month, day) - ref).days) <= 200]
            if fit:
                notes.append("year from the publication date and the weekday")
                return min(fit, key=lambda y: abs((dt.date(y, month, day) - ref).days))
            fitting = self._told_year_fitting(p, month, day, p.weekday)
            if fitting is not None:
                notes.append("year from a year told in the text where the weekday fits")
                return fitting
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

    def _preferred_year(self, ref: dt.date, month: int, day: int | None,
                        notes: list[str]) -> int | None:
        """The year of ``day``/``month`` (or of the month) on or after ``ref`` with prefer
        future, on or before it with prefer past (the current month counts either way)."""
        future = self.prefer == "future"
        years = range(ref.year - 1, ref.year + 2) if future else range(ref.year + 1,
                                                                        ref.year - 2, -1)
        for y in years:
            if day is None:
                here = (y, month) >= (ref.year, ref.month) if future else (
                    (y, month) <= (ref.year, ref.month))
            elif not valid_day(y, month, day):
                continue
            else:
                d = dt.date(y, month, day)
                here = d >= ref if future else d <= ref
            if here:
                side = "next" if future else "last"
                notes.append(f"the {side} such {'month' if day is None else 'day'}: "
                             f"prefer {self.prefer}")
                return y
        return None

    def _told_year_fitting(self, p: Partial, month: int, day: int, weekday: int) -> int | None:
        """The last year told before ``p`` in which ``day``/``month`` falls on ``weekday``
        (``صبيحة الثلاثاء 8 ماي`` in a piece about 1945, published in 2020)."""
        i = bisect_left(self.years, (p.start,))
        for _, _, year in reversed(self.years[max(0, i - LOOK_BACK):i]):
            if valid_day(year, month, day) and dt.date(year, month, day).weekday() == weekday:
                return year
        return None

    def since(self, p: Partial, notes: list[str]) -> Partial:
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

    def _year_just_before(self, p: Partial) -> int | None:
        """The year named right before ``p`` with nothing but a comma, و or في between
        (``عام 2015، في مارس``, ``قبل عامين، في شباط``, ``العام الماضي في يوليو``)."""
        if self.year_said is None:
            return None
        end, year = self.year_said
        if end > p.start or p.start - end > 16:
            return None
        return year if _YEAR_TO_MONTH.match(self.norm.text[end : p.start]) else None

    def _told_as_past(self, p: Partial) -> bool:
        """A verb of the past heads the clause of ``p`` (``ارتفعت الأسعار في مارس``)."""
        t = self.norm.text
        start = _last_sentence_end(t, max(0, p.start - 60), p.start)
        window = t[start:p.start]
        starts = list(_CLAUSE_START.finditer(window))
        if starts:
            window = window[starts[-1].end():]
        return bool(_PAST_VERB.search(window))

    def clause_tense(self, p: Partial) -> str | None:
        """``future`` when the clause before ``p`` says so (``ستعيد``, ``من المقرر``), ``past``
        when it is a report with no such cue (news tell what happened), ``None`` alone."""
        t = self.norm.text
        start = max(0, p.start - 60)
        window = t[_last_sentence_end(t, start, p.start) : p.start]
        starts = list(_CLAUSE_START.finditer(window))
        if starts:  # "… الذي تسلم مهامه الخميس": the relative clause's own tense
            window = window[starts[-1].end():]
        for m in _FUTURE.finditer(window):
            if not _NOT_FUTURE.match(m.group("w")):
                return "future"
        return "past" if len(window.split()) >= 2 else None

    def has_anchor_word(self, p: Partial) -> bool:
        t = self.norm.text
        return bool(_ANCHOR_BEFORE.search(t[max(0, p.start - 10) : p.start]))

    def _tell(self, p: Partial, r: Resolved) -> None:
        """Move the story to the day ``r`` names, or note that it left the story's day."""
        if p.type == "time" or p.rule == "ago" or (r.relative and p.type == "duration"):
            return
        if r.day is not None:
            tense = "future" if self.clause_tense(p) == "future" else "past"
            insort(self.story, (p.end, tense, r.day))
            return
        if isinstance(r.value, str) and r.value.startswith("XXXX"):
            insort(self.story, (p.end, "moved", None))  # a recurring date: no day of its own
            return
        bounds = value_bounds(r.value) if r.grain in ("year", "month", "season", "half",
                                                       "quarter", "week") else None
        if bounds is None:
            return
        i = bisect_left(self.story, (p.start,)) - 1
        day = self.story[i][2] if i >= 0 else None
        if day is not None and not bounds[0] <= day <= bounds[1]:
            insort(self.story, (p.end, "moved", None))

    def story_day(self, p: Partial) -> dt.date | None:
        """The day the story is on where ``p`` stands: the last day told before it in the
        same tense (what is announced keeps to announced days, a report to reported ones),
        unless the story has moved to another period since."""
        tense = self.clause_tense(p)
        i = bisect_left(self.story, (p.start,)) - 1
        fallback: dt.date | None = None
        stop = max(-1, i - LOOK_BACK)
        while i > stop:
            _, told, day = self.story[i]
            if day is None:
                break
            if tense is None or told == tense or (tense == "past" and told != "future"):
                return day
            if fallback is None:
                fallback = day
            i -= 1
        return fallback if tense is None else None

    def told_day(self, p: Partial) -> dt.date | None:
        """The last day the story told before ``p``, unless it has moved to another period
        since (``في أغسطس 1998 … في اليوم التالي``: the day after an untold day)."""
        i = bisect_left(self.story, (p.start,)) - 1
        return self.story[i][2] if i >= 0 else None

    def dated_weekday(self, p: Partial) -> dt.date | None:
        """The day of ``p``'s weekday a full date told before it (``يوم السبت 11 أغسطس …
        يوم السبت``), when it lies within two weeks of the publication date (or, with none,
        when it is the only such day told)."""
        seen = {day for start, _, day in self.dated_days[-LOOK_BACK:] if start < p.start
                and day.weekday() == p.weekday
                and (self.ref is None or abs((day - self.ref).days) <= 14)}
        return seen.pop() if len(seen) == 1 else None

    def speech_day(self, p: Partial) -> dt.date | None:
        """The day quoted words were said on, when ``p`` stands inside a quotation: a day
        named in the clause that introduces it (``وكتب على تويتر، الاثنين: "… اليوم …"``).
        None when ``p`` is not quoted or no day is named there (then the words are taken as
        said on the publication date)."""
        t = self.norm.text
        s_start = _last_sentence_end(t, max(0, p.start - 400), p.start)
        opening = _quote_opening(t, s_start, p.start)
        if opening is None:
            return None
        i = bisect_left(self.days, (s_start,))
        said = [day for start, end, day in self.days[i:] if end <= opening]
        return said[-1] if said else None

    def time_day(self, p: Partial, notes: list[str]) -> dt.date | None:
        """The day a clock time belongs to: its clause's, else the one the story is on, else
        the last one told in its paragraph. A time alone on its line at the end of the text is
        the wire's time stamp: the publication date."""
        if self.ref is not None and _STAMP.match(self.norm.text, p.end) and (
            _LINE_START.search(self.norm.text, max(0, p.start - 4), p.start)
        ):
            notes.append("a time stamp at the end of the text: the publication date")
            return self.ref
        return _first_found(p, notes, (
            (self.clause_day, "date from the same clause"),
            (self.story_day, "date the narrative is on"),
            (self.paragraph_day, "date of the last day told before it in its paragraph"),
        ))

    def paragraph_day(self, p: Partial) -> dt.date | None:
        """The last day told before ``p`` in its paragraph, whatever the tense it was told in
        (``المقرر يوم الأحد 4 يونيو … وتبدأ الجلسة عند الساعة 11:00``), unless the story has
        moved to another period since, or a verb of the past tells of it and the day is yet to
        come (``ووصل الوزير الساعة العاشرة`` after an announced day)."""
        para = self.norm.text.rfind("\n", max(0, p.start - 2000), p.start) + 1
        i = bisect_left(self.story, (p.start,)) - 1
        if i < 0 or self.story[i][0] <= para:
            return None
        day = self.story[i][2]
        if day is not None and self.ref is not None and day > self.ref and self._told_as_past(p):
            return None
        return day

    def half_of_day(self, p: Partial) -> int | None:
        """12 when the words around a clock time of 1–11 without its own part of the day put
        it in the afternoon, evening or night (``من ليل السبت``, ``مساء`` earlier in the same
        programme), 0 when they put it in the morning, None when they say nothing."""
        t = self.norm.text
        after = _HALF_AFTER.match(t, p.end)
        if after:
            return 12 if after.group("part") in _PM_PARTS else 0
        start = _last_sentence_end(t, max(0, p.start - 120), p.start)
        before = list(_HALF_BEFORE.finditer(t, start, p.start))
        if before:
            return 12 if before[-1].group("part") in _PM_PARTS else 0
        return None

    def clause_day(self, p: Partial) -> dt.date | None:
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

