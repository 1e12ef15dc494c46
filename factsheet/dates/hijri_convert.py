"""Gregorian ↔ Hijri (Umm al-Qura) conversion of one date written by a user.

``convert("2022-05-17")`` gives the Hijri date, ``convert("15 رمضان 1443")`` (or ``1443-09-15``
with ``hijri=True``) the Gregorian one. A date is read as articles write it (see
:data:`FORMS`): numbers are read here; dates in Arabic words go through the engine
(:func:`factsheet.find_dates`: weekdays, ordinal words, every regional month name, Arabic-Indic
digits); English month names through a small table (``lexicon/english.toml``). A weekday that
does not fit the date is an error that names the real one. Outside the Umm al-Qura tables
(1343–1500 AH, 1924–2077 CE) a :class:`ConversionError` says so instead of guessing.

Every pattern here is anchored and unambiguous, and the input is at most :data:`MAX_CHARS`
characters, so reading is linear and fast whatever is typed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from ..errors import ExitCode, FactsheetError

if TYPE_CHECKING:
    from .model import Mention

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
HIJRI_MONTHS_AR = ("محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة",
                   "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة")
HIJRI_MONTHS_EN = ("Muharram", "Safar", "Rabi' al-Awwal", "Rabi' al-Thani", "Jumada al-Ula",
                   "Jumada al-Akhirah", "Rajab", "Sha'ban", "Ramadan", "Shawwal",
                   "Dhu al-Qi'dah", "Dhu al-Hijjah")

HIJRI_YEARS = (1343, 1500)
"""The years of the Umm al-Qura tables: a numeric date of these years is read as Hijri
(as Gregorian years they could not be converted anyway)."""

MAX_CHARS = 100
"""The longest date ``convert`` reads (the longest real form is about 60 characters)."""

FORMS = ("2022-05-17, 17/05/2022, 2022/05/17, '17 ماي 2022', 'الأحد 5 كانون الثاني 2020', "
         "'الخامس عشر من رمضان 1443', '15 رمضان 1443 هـ', '17 May 2022', "
         "or 1443-09-15 with --hijri")
"""The accepted forms, as listed in error hints."""

Calendar = Literal["gregorian", "hijri"]


class ConversionError(FactsheetError):
    """A date that cannot be read or is outside the Umm al-Qura range."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True, slots=True)
class Conversion:
    """The same day in both calendars."""

    gregorian: dt.date
    hijri: tuple[int, int, int]
    source_calendar: str

    @property
    def hijri_iso(self) -> str:
        y, m, d = self.hijri
        return f"{y:04d}-{m:02d}-{d:02d}"

    def hijri_text(self, lang: str = "ar") -> str:
        """``16 شوال 1443 هـ`` or ``16 Shawwal 1443 AH``."""
        y, m, d = self.hijri
        if lang == "ar":
            return f"{d} {HIJRI_MONTHS_AR[m - 1]} {y} هـ"
        return f"{d} {HIJRI_MONTHS_EN[m - 1]} {y} AH"


@dataclass(frozen=True, slots=True)
class _Reading:
    """A day as written: its calendar, numbers and the weekday named with it (if any)."""

    text: str
    calendar: Calendar
    year: int
    month: int
    day: int
    weekday: int | None = None


def to_hijri(day: dt.date) -> tuple[int, int, int]:
    """The Umm al-Qura date of a Gregorian day; :class:`ConversionError` out of range."""
    from hijridate import Gregorian

    try:
        h = Gregorian(day.year, day.month, day.day).to_hijri()
    except (OverflowError, ValueError) as e:
        raise ConversionError(f"{day.isoformat()} cannot be converted: {e}") from None
    return h.year, h.month, h.day


def from_hijri(year: int, month: int, day: int) -> dt.date:
    """The Gregorian day of an Umm al-Qura date; :class:`ConversionError` when invalid."""
    from hijridate import Hijri

    try:
        g = Hijri(year, month, day).to_gregorian()
    except (OverflowError, ValueError) as e:
        raise ConversionError(f"{year}-{month:02d}-{day:02d} AH cannot be converted: {e}") from None
    return dt.date(g.year, g.month, g.day)


def convert(text: str, *, hijri: bool = False) -> Conversion:
    """Read one date (any of :data:`FORMS`) and convert it to the other calendar.

    ``hijri`` reads numeric dates (``1443-09-15``, ``15/09/1443``) as Hijri.
    """
    if len(text) > MAX_CHARS:
        raise ConversionError(
            f"the date is {len(text):,} characters long; at most {MAX_CHARS} are read",
            hint=f"give one date, e.g. {FORMS}",
        )
    value = " ".join(text.translate(_DIGITS).split())
    if not value:
        raise ConversionError("no date given", hint=f"e.g. {FORMS}")
    reading = _numeric(value, hijri)
    if reading is None:
        latin = _LATIN.search(value) and not _ARABIC.search(value)
        reading = _english(value) if latin else _arabic(value)
        if hijri and reading.calendar == "gregorian":
            raise ConversionError(
                f"{text!r} names a Gregorian month; --hijri is for numeric dates",
                hint="leave out --hijri, or give the date as 1443-09-15",
            )
    return _convert(reading)


def _convert(r: _Reading) -> Conversion:
    if r.calendar == "hijri":
        day = from_hijri(r.year, r.month, r.day)
        result = Conversion(day, (r.year, r.month, r.day), "hijri")
    else:
        try:
            day = dt.date(r.year, r.month, r.day)
        except ValueError as e:
            raise ConversionError(f"invalid date {r.text!r}: {e}") from None
        result = Conversion(day, to_hijri(day), "gregorian")
    if r.weekday is not None and r.weekday != day.weekday():
        real, said = day.weekday(), r.weekday
        raise ConversionError(
            f"{r.text!r}: {day.day} {_english_name('months', day.month)} {day.year} is a "
            f"{_english_name('weekdays', real)} ({_arabic_weekday(real)}), not a "
            f"{_english_name('weekdays', said)} ({_arabic_weekday(said)})",
            hint="check the day or the weekday",
        )
    return result


# Numbers: YYYY-MM-DD, YYYY/MM/DD, DD/MM/YYYY (also with . or -), and an optional era.
_NUMERIC = re.compile(
    r"^(?:(?P<y1>\d{4})(?P<s1>[-/.])(?P<m1>\d{1,2})(?P=s1)(?P<d1>\d{1,2})"
    r"|(?P<d2>\d{1,2})(?P<s2>[-/.])(?P<m2>\d{1,2})(?P=s2)(?P<y2>\d{4}))"
    r" ?(?P<era>[^\d\s]+)?$"
)


def _numeric(value: str, hijri: bool) -> _Reading | None:
    """A numeric date, or None when ``value`` is not one (then words are tried)."""
    m = _NUMERIC.match(value)
    if m is None:
        return None
    era = _era(m.group("era")) if m.group("era") else None
    if m.group("era") and era is None:
        return None
    y, mo, d = ((m.group("y1"), m.group("m1"), m.group("d1")) if m.group("y1")
                else (m.group("y2"), m.group("m2"), m.group("d2")))
    hijri_year = era is None and HIJRI_YEARS[0] <= int(y) <= HIJRI_YEARS[1]
    calendar: Calendar = "hijri" if hijri or era == "hijri" or hijri_year else "gregorian"
    return _Reading(value, calendar, int(y), int(mo), int(d))


def _era(word: str) -> Calendar | None:
    """``هـ``/``AH`` → hijri, ``م``/``CE`` → gregorian, else None."""
    from .lexicon import lexicon
    from .normalize import fold

    folded = fold(word)
    if folded in lexicon().hijri_era or word.lower() in _english_data()["era"]["hijri"]:
        return "hijri"
    if folded in lexicon().gregorian_era or word.lower() in _english_data()["era"]["gregorian"]:
        return "gregorian"
    return None


# English: [weekday] DAY MONTH YEAR [era] or [weekday] MONTH DAY YEAR [era].
_LATIN = re.compile("[A-Za-z]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_APOSTROPHES = re.compile("['’ʿʾ`]|(?<=[a-z])-(?=[a-z])")
_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_YEAR = re.compile(r"^\d{3,4}$")
_FILLERS = frozenset({"of", "the"})


@lru_cache(maxsize=1)
def _english_data() -> dict[str, dict[str, list[str]]]:
    from .lexicon import load_table

    return load_table("english")


@lru_cache(maxsize=1)
def _english_tables() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    data = _english_data()

    def forms(name: str) -> dict[str, int]:
        return {w: int(k) for k, ws in data[name].items() for w in ws}

    return forms("months"), forms("hijri_months"), forms("weekdays")


def _english_name(table: str, number: int) -> str:
    """``May``, ``Sunday``: the first name of a month (1-12) or weekday (Monday = 0)."""
    return _english_data()[table][str(number)][0].capitalize()


def _arabic_weekday(number: int) -> str:
    from .lexicon import load_table

    return str(load_table("weekdays")[str(number)][0])


def _english(value: str) -> _Reading:
    months, hijri_months, weekdays = _english_tables()
    tokens = [t.rstrip(".") for t in re.split(r"[\s,]+", _APOSTROPHES.sub("", value.lower()))]
    tokens = [t for t in tokens if t and t not in _FILLERS]
    weekday = weekdays.get(tokens[0]) if tokens else None
    if weekday is not None:
        tokens = tokens[1:]
    era: Calendar | None = None
    if tokens and not tokens[-1].isdigit():
        era = _era(tokens[-1])
        if era is not None:
            tokens = tokens[:-1]
    day = _DAY.match(tokens[0]) if tokens else None
    if day is not None:  # 17 May 2022
        words, rest = tokens[1:-1], tokens[-1:]
    else:  # May 17 2022
        day = _DAY.match(tokens[-2]) if len(tokens) >= 2 else None
        words, rest = tokens[:-2], tokens[-1:]
    name = "".join(words)
    if day is None or not rest or not _YEAR.match(rest[0]) or not name.isalpha():
        raise ConversionError(f"cannot read the date {value!r}", hint=f"give one of {FORMS}")
    calendar: Calendar = "gregorian" if name in months else "hijri"
    month = months.get(name) or hijri_months.get(name)
    if month is None:
        raise ConversionError(f"unknown month {' '.join(words)!r} in {value!r}",
                              hint=f"e.g. {FORMS}")
    if era is not None and era != calendar:
        raise ConversionError(f"{value!r}: a {calendar} month with a {era} era",
                              hint=f"give one of {FORMS}")
    return _Reading(value, calendar, int(rest[0]), month, int(day.group(1)), weekday)


# Arabic words: the engine reads them; what it leaves over must be filler.
_PUNCTUATION = re.compile(r"[\s،,.:;()\[\]«»\"'/=\-–—]+")
_JOINERS = frozenset({"يوم", "الموافق", "الموافق ل", "الموافق لـ", "لـ", "ل", "يوافق",
                      "ويوافق", "اي", "أي"})


def _arabic(value: str) -> _Reading:
    from .engine import find_dates
    from .normalize import fold

    mentions = find_dates(value)
    left: list[str] = []
    start = 0
    for m in [*mentions, None]:
        gap = value[start:m.start] if m is not None else value[start:]
        left += [w for w in _PUNCTUATION.split(gap) if w]
        if m is not None:
            start = m.end
    joiners = {fold(j) for j in _JOINERS}
    eras = {e for e in map(_era, left) if e is not None}
    left = [w for w in left if fold(w) not in joiners and _era(w) is None]
    if not mentions or left:
        from .lexicon import lexicon

        words = [w for w in _PUNCTUATION.split(value) if w]
        if (not mentions and len(words) == 3 and words[0].isdigit() and words[2].isdigit()
                and fold(words[1]) not in lexicon().months):
            raise ConversionError(f"unknown month {words[1]!r} in {value!r}",
                                      hint=f"e.g. {FORMS}")
        shown = f"; not a date: {' '.join(left)!r}" if mentions and left else ""
        raise ConversionError(f"cannot read the date {value!r}{shown}",
                              hint=f"give one of {FORMS}")
    readings = [_reading(m) for m in mentions]
    wrong = eras - {r.calendar for r in readings}
    if wrong:
        raise ConversionError(f"{value!r}: a {readings[0].calendar} date with a "
                              f"{wrong.pop()} era", hint=f"give one of {FORMS}")
    days = {_convert(r).gregorian for r in readings}
    if len(days) > 1:
        shown = ", ".join(f"{r.text!r} is {_convert(r).gregorian.isoformat()}" for r in readings)
        raise ConversionError(f"{value!r} holds several days: {shown}",
                              hint="give one date (two dates are read only when they agree)")
    return readings[0]


def _reading(m: Mention) -> _Reading:
    """A mention of one whole day, as a :class:`_Reading`; errors say what is missing."""
    p = m.parts
    if m.type != "date" or p is None or p.day is None or p.month is None:
        what = {"month": "a month", "year": "a year", "weekday": "a weekday alone",
                "relative": "a date relative to today", "range": "a range of days"}.get(
            m.type, f"a {m.type}")
        raise ConversionError(f"{m.text!r} is {what}, not one day",
                              hint=f"give one of {FORMS}")
    if p.year is None:
        raise ConversionError(f"{m.text!r} gives no year", hint="add the year, e.g. 15 رمضان 1443")
    calendar: Calendar = "hijri" if m.calendar == "hijri" else "gregorian"
    era = _era(m.text.split()[-1])
    if era not in (None, calendar):
        raise ConversionError(f"{m.text!r}: a {calendar} date with a {era} era",
                              hint=f"give one of {FORMS}")
    return _Reading(m.text, calendar, p.year, p.month, p.day, p.weekday)
