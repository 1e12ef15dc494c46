"""What every fact-sheet view shares: labels in Arabic or English, dates in either calendar.

Arabic output writes Gregorian months the way the article does: a Maghrebi article (``ماي``,
``يوليوز``) gets Maghrebi names, an Algerian/Tunisian one ``جوان``, a Levantine one ``أيار``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ..dates.model import Range, Value
from ..dates.when import iso_bounds
from ..facts.countdown import Countdown
from ..facts.model import Event, FactSheet

Lang = Literal["ar", "en"]
CalendarView = Literal["gregorian", "hijri", "both"]

MONTHS = {
    "mashriqi": ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
                 "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
    "maghrebi": ("يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت",
                 "شتنبر", "أكتوبر", "نونبر", "دجنبر"),
    "algerian_tunisian": ("جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت",
                          "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
    "levantine": ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب",
                  "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"),
}
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
WEEKDAYS_AR = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_FAMILY_MARKERS = {
    "maghrebi": ("يوليوز", "غشت", "شتنبر", "نونبر", "دجنبر", "ماي"),
    "algerian_tunisian": ("جانفي", "فيفري", "أفريل", "جوان", "جويلية", "أوت"),
    "levantine": ("كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "أيلول", "تشرين"),
}

LABELS: dict[str, dict[Lang, str]] = {
    "title": {"ar": "بطاقة الوقائع", "en": "Fact sheet"},
    "source": {"ar": "المصدر", "en": "Source"},
    "published": {"ar": "تاريخ النشر", "en": "Published"},
    "basis": {"ar": "الأساس", "en": "basis"},
    "given": {"ar": "معطى", "en": "given"},
    "dateline": {"ar": "من سطر التاريخ", "en": "dateline"},
    "inferred": {"ar": "مستنتج", "en": "inferred"},
    "unknown": {"ar": "غير معروف", "en": "unknown"},
    "evidence": {"ar": "القرائن", "en": "Evidence"},
    "events": {"ar": "الأحداث", "en": "Events"},
    "timeline": {"ar": "الخط الزمني", "en": "Timeline"},
    "people": {"ar": "الأشخاص", "en": "People"},
    "organizations": {"ar": "الهيئات", "en": "Organisations"},
    "places": {"ar": "الأماكن", "en": "Places"},
    "quotes": {"ar": "الاقتباسات", "en": "Quotes"},
    "when": {"ar": "متى", "en": "When"},
    "where": {"ar": "أين", "en": "Where"},
    "what": {"ar": "ماذا", "en": "What"},
    "who": {"ar": "من", "en": "Who"},
    "role": {"ar": "الصفة", "en": "Role"},
    "said": {"ar": "قال", "en": "said"},
    "article_event": {"ar": "حدث المقال", "en": "the article's event"},
    "countdown": {"ar": "العد التنازلي", "en": "Countdown"},
    "as_of": {"ar": "بتاريخ", "en": "as of"},
    "summary": {"ar": "ملخص", "en": "Summary"},
    "none": {"ar": "لا شيء", "en": "none"},
    "unknown_date": {"ar": "تاريخ غير معروف", "en": "date unknown"},
}


def label(name: str, lang: Lang) -> str:
    """A UI label in ``lang``."""
    return LABELS[name][lang]


def month_family(text: str) -> str:
    """The family of month names the article uses (``maghrebi`` for ``ماي``…)."""
    words = set(text.split())
    for family, markers in _FAMILY_MARKERS.items():
        if any(m in words or f"في{m}" in words for m in markers):
            return family
    return "mashriqi"


@dataclass(frozen=True, slots=True)
class Style:
    """How dates are written: language, calendar(s), the article's month names."""

    lang: Lang = "en"
    calendar: CalendarView = "gregorian"
    family: str = "mashriqi"

    @classmethod
    def for_sheet(cls, sheet: FactSheet, lang: Lang = "en",
                  calendar: CalendarView = "gregorian") -> Style:
        return cls(lang, calendar, month_family(sheet.text))


_PARTS_EN = {"Q1": "Q1", "Q2": "Q2", "Q3": "Q3", "Q4": "Q4", "H1": "H1", "H2": "H2",
             "SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_PARTS_AR = {"Q1": "الربع الأول من", "Q2": "الربع الثاني من", "Q3": "الربع الثالث من",
             "Q4": "الربع الرابع من", "H1": "النصف الأول من", "H2": "النصف الثاني من",
             "SP": "ربيع", "SU": "صيف", "FA": "خريف", "WI": "شتاء"}


def _gregorian_text(iso: str, style: Style) -> str:
    parts = iso.split("-")
    months = MONTHS[style.family] if style.lang == "ar" else MONTHS_EN
    if len(parts) == 1:
        return parts[0]
    y = parts[0]
    if not parts[1].isdigit():  # a quarter, half, season or week: 2023-Q1, 2019-SU, 2022-W12
        names = _PARTS_AR if style.lang == "ar" else _PARTS_EN
        if parts[1] in names:
            return f"{names[parts[1]]} {y}"
        return iso
    m = int(parts[1])
    if not 1 <= m <= 12:
        return iso
    if len(parts) == 2:
        return f"{months[m - 1]} {y}"
    day = parts[2][:2]
    return f"{int(day)} {months[m - 1]} {y}" if day.isdigit() else iso


def _hijri_text(iso: str, style: Style) -> str | None:
    bounds = iso_bounds(iso)
    if bounds is None or bounds[0] != bounds[1]:
        return None
    from ..dates.hijri_convert import HIJRI_MONTHS_AR, HIJRI_MONTHS_EN, ConversionError, to_hijri

    try:
        y, m, d = to_hijri(bounds[0])
    except ConversionError:
        return None
    if style.lang == "ar":
        return f"{d} {HIJRI_MONTHS_AR[m - 1]} {y} هـ"
    return f"{d} {HIJRI_MONTHS_EN[m - 1]} {y} AH"


def iso_text(iso: str | None, style: Style) -> str:
    """One ISO value in words, in the chosen calendar(s)."""
    if not iso:
        return "?"
    greg = _gregorian_text(iso, style)
    if style.calendar == "gregorian":
        return greg
    hijri = _hijri_text(iso, style)
    if hijri is None:
        return greg
    return hijri if style.calendar == "hijri" else f"{greg} ({hijri})"


def when_text(value: Value, style: Style) -> str:
    """An event's date in words: ``17–20 May 2022``, ``May 2022``, ``2018``."""
    if value is None:
        return label("unknown_date", style.lang)
    if isinstance(value, str):
        return iso_text(value, style)
    if isinstance(value, Range):
        a, b = value.start or "", value.end or ""
        if style.calendar == "gregorian" and a[:7] == b[:7] and len(a) == len(b) == 10:
            return f"{int(a[8:])}–{iso_text(b, style)}"
        return f"{iso_text(value.start, style)} – {iso_text(value.end, style)}"
    return "، ".join(when_text(v, style) for v in value) if style.lang == "ar" else ", ".join(
        when_text(v, style) for v in value
    )


def published_text(sheet: FactSheet, style: Style) -> str:
    """``Friday 25 March 2022 (inferred)`` or ``unknown``."""
    p = sheet.published
    basis = label(p.basis, style.lang)
    if p.value is None:
        return basis
    days = WEEKDAYS_AR if style.lang == "ar" else WEEKDAYS_EN
    out = f"{days[p.value.weekday()]} {iso_text(p.value.isoformat(), style)} ({basis}"
    if p.uncertainty_days:
        out += f", ± {p.uncertainty_days}"
    return out + ")"


def event_where(event: Event, style: Style) -> str:
    """The event's place in the chosen language, or an empty string."""
    if event.where is None:
        return ""
    return event.where.place.name if style.lang == "ar" else event.where.place.en


def countdown_text(c: Countdown, style: Style) -> str:
    """``starts in 53 days (1 month, 22 days)``, ``under way (day 2 of 4)``, ``ended … ago``."""
    y, m, d = c.ymd
    ar = style.lang == "ar"
    pieces = []
    for n, en_unit, ar_unit in ((y, "year", "سنة"), (m, "month", "شهر"), (d, "day", "يوم")):
        if n:
            pieces.append(f"{n} {ar_unit}" if ar else f"{n} {en_unit}{'s' if n != 1 else ''}")
    ymd = ("، " if ar else ", ").join(pieces)
    approx = "" if c.exact else ("~" if not ar else "حوالي ")
    ranged = isinstance(c.event.when, Range)
    if c.status == "today":
        return "اليوم" if ar else "today"
    if c.status == "under way":
        k, n = c.day_of or (0, 0)
        return f"جار (اليوم {k} من {n})" if ar else f"under way (day {k} of {n})"
    if c.status == "upcoming":
        verb = ("يبدأ بعد" if ranged else "بعد") if ar else ("starts in" if ranged else "in")
        return (f"{verb} {approx}{c.days} يوما ({ymd})" if ar
                else f"{verb} {approx}{c.days} days ({ymd})")
    ago = -c.days
    if ar:
        return f"{'انتهى' if ranged else 'مضى'} منذ {approx}{ago} يوما ({ymd})"
    return f"{'ended' if ranged else ''} {approx}{ago} days ago ({ymd})".strip()


def as_of_text(as_of: dt.date, style: Style) -> str:
    return iso_text(as_of.isoformat(), style)
