"""Gregorian ↔ Hijri (Umm al-Qura) conversion of one date written by a user.

``convert("2022-05-17")`` gives the Hijri date, ``convert("15 رمضان 1443")`` (or ``1443-09-15``
with ``hijri=True``) the Gregorian one. Outside the Umm al-Qura tables (1343–1500 AH,
1924–2077 CE) a :class:`ConversionError` says so instead of guessing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import ExitCode, FactsheetError
from .arabic import key

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
HIJRI_MONTHS_AR = ("محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة",
                   "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة")
HIJRI_MONTHS_EN = ("Muharram", "Safar", "Rabi' al-Awwal", "Rabi' al-Thani", "Jumada al-Ula",
                   "Jumada al-Akhirah", "Rajab", "Sha'ban", "Ramadan", "Shawwal",
                   "Dhu al-Qi'dah", "Dhu al-Hijjah")


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


@lru_cache(maxsize=1)
def _month_names() -> dict[str, int]:
    from .lexicon import load_table

    table = load_table("hijri")["months"]
    return {key(name): int(n) for n, names in table.items() for name in names}


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


_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*(هـ|ه|AH)?\s*$")
_WORDS = re.compile(r"^\s*(\d{1,2})\s+(.+?)\s+(\d{3,4})\s*(?:هـ|ه|للهجرة)?\s*$")


def convert(text: str, *, hijri: bool = False) -> Conversion:
    """Read a date (``2022-05-17``, ``15 رمضان 1443``, ``17 ماي 2022``, ``1443-09-15`` + hijri)
    and convert it to the other calendar."""
    value = text.translate(_DIGITS)
    m = _ISO.match(value)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if hijri or m.group(4):
            return Conversion(from_hijri(y, mo, d), (y, mo, d), "hijri")
        try:
            day = dt.date(y, mo, d)
        except ValueError as e:
            raise ConversionError(f"invalid date {text!r}: {e}") from None
        return Conversion(day, to_hijri(day), "gregorian")
    m = _WORDS.match(value)
    if m:
        y, d = int(m.group(3)), int(m.group(1))
        month = _month_names().get(key(m.group(2)))
        if month is not None:
            return Conversion(from_hijri(y, month, d), (y, month, d), "hijri")
        from .lexicon import lexicon
        from .normalize import fold

        gmonth = lexicon().months.get(" ".join(fold(m.group(2)).split()))
        if gmonth is None:
            raise ConversionError(
                f"unknown month {m.group(2)!r}",
                hint="e.g. '15 رمضان 1443' (Hijri) or '17 ماي 2022' (Gregorian)",
            )
        try:
            day = dt.date(y, gmonth, d)
        except ValueError as e:
            raise ConversionError(f"invalid date {text!r}: {e}") from None
        return Conversion(day, to_hijri(day), "gregorian")
    raise ConversionError(
        f"cannot read the date {text!r}",
        hint="give YYYY-MM-DD (Gregorian), '15 رمضان 1443' or YYYY-MM-DD with --hijri",
    )
