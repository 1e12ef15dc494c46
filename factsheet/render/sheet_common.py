"""What every fact-sheet view shares: labels in Arabic or English, dates in either calendar.

Arabic output writes Gregorian months the way the article does: a Maghrebi article (``ماي``,
``يوليوز``) gets Maghrebi names, an Algerian/Tunisian one ``جوان``, a Levantine one ``أيار``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ..dates.model import Range, Value
from ..dates.when import iso_bounds, parse_duration
from ..facts.countdown import Countdown, event_mod
from ..facts.model import Event, FactSheet, Relation
from .counts import DESIGNATORS, Case, count_ar, count_en, count_text

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
    "name": {"ar": "الاسم", "en": "name"},
    "acronym": {"ar": "المختصر", "en": "acronym"},
    "kind": {"ar": "النوع", "en": "kind"},
    "en": {"ar": "بالإنجليزية", "en": "en"},
    "spans": {"ar": "المواضع", "en": "spans"},
    "offsets": {"ar": "الموضع", "en": "offsets"},
    "text": {"ar": "النص", "en": "text"},
    "reason": {"ar": "السبب", "en": "reason"},
    "city": {"ar": "مدينة", "en": "city"},
    "country": {"ar": "بلد", "en": "country"},
    "region": {"ar": "منطقة", "en": "region"},
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
    year = "" if y == "XXXX" else f" {y}"  # XXXX-05-17: the text gives no year
    if len(parts) == 2:
        return f"{months[m - 1]}{year}"
    day = parts[2][:2]
    return f"{int(day)} {months[m - 1]}{year}" if day.isdigit() else iso


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
    """One ISO value in words, in the chosen calendar(s); a clock time as ``07:00``."""
    if not iso:
        return "?"
    day, sep, clock = iso.partition("T")
    if sep and not day:
        return clock  # a time of an unknown day: T07:00 → 07:00
    if sep:
        return f"{iso_text(day, style)}{'، ' if style.lang == 'ar' else ', '}{clock}"
    greg = _gregorian_text(iso, style)
    if style.calendar == "gregorian":
        return greg
    hijri = _hijri_text(iso, style)
    if hijri is None:
        return greg
    return hijri if style.calendar == "hijri" else f"{greg} ({hijri})"


def when_text(value: Value, style: Style) -> str:
    """An event's date in words: ``17–20 May 2022``, ``May 2022``, ``2018``, ``07:00–09:30``."""
    if value is None:
        return label("unknown_date", style.lang)
    if isinstance(value, str):
        return iso_text(value, style)
    if isinstance(value, Range):
        a, b = value.start or "", value.end or ""
        if style.calendar == "gregorian" and a[:7] == b[:7] and len(a) == len(b) == 10:
            return f"{int(a[8:])}–{iso_text(b, style)}"
        if a.startswith("T") and b.startswith("T"):
            return f"{a[1:]}–{b[1:]}"
        return f"{iso_text(value.start, style)} – {iso_text(value.end, style)}"
    return "، ".join(when_text(v, style) for v in value) if style.lang == "ar" else ", ".join(
        when_text(v, style) for v in value
    )


MODS: dict[str, dict[Lang, str]] = {
    "START": {"ar": "مطلع {}", "en": "early {}"},
    "MID": {"ar": "منتصف {}", "en": "mid-{}"},
    "END": {"ar": "أواخر {}", "en": "late {}"},
    "APPROX": {"ar": "حوالي {}", "en": "about {}"},
    "BEFORE": {"ar": "قبل {}", "en": "before {}"},
    "AFTER": {"ar": "بعد {}", "en": "after {}"},
    "LESS_THAN": {"ar": "أقل من {}", "en": "less than {}"},
    "MORE_THAN": {"ar": "أكثر من {}", "en": "more than {}"},
}
"""How a mention's ``mod`` reads around its date: ``منتصف الشهر المقبل`` → ``mid-April 2022``."""


def event_when_text(event: Event, style: Style) -> str:
    """The event's date in words, with what the text says of it: ``mid-April 2022``."""
    text = when_text(event.when, style)
    mod = event_mod(event)
    if mod is None or mod not in MODS or event.when is None:
        return text
    return MODS[mod][style.lang].format(text)


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


def ymd_text(ymd: tuple[int, int, int], lang: Lang) -> str:
    """Years, months and days in words: ``1 year, 3 months, 1 day``, ``سنة واحدة و3 أشهر``."""
    units = ("year", "month", "day")
    pieces = [count_text(n, unit, lang) for n, unit in zip(ymd, units, strict=True) if n]
    if not pieces:
        return count_text(0, "day", lang)
    return " و".join(pieces) if lang == "ar" else ", ".join(pieces)


def countdown_text(c: Countdown, style: Style) -> str:
    """``starts in 53 days (1 month, 22 days)``, ``under way (day 2 of 4)``, ``ended … ago``;
    in Arabic ``يبدأ بعد 53 يوما (شهر واحد و22 يوما)``."""
    ar = style.lang == "ar"
    ymd = ymd_text(c.ymd, style.lang)
    ranged = isinstance(c.event.when, Range)
    if c.status == "today":
        return "اليوم" if ar else "today"
    if c.status == "under way":
        k, n = c.day_of or (0, 0)
        return f"جار (اليوم {k} من {n})" if ar else f"under way (day {k} of {n})"
    days = abs(c.days)
    if ar:
        approx = "" if c.exact else "حوالي "
        span = f"{approx}{count_ar(days, 'day', 'genitive')} ({ymd})"
        if c.status == "upcoming":
            return f"{'يبدأ بعد' if ranged else 'بعد'} {span}"
        return f"انتهى منذ {span}" if ranged else f"قبل {span}"
    approx = "" if c.exact else "~"
    if c.status == "upcoming":
        return f"{'starts in' if ranged else 'in'} {approx}{count_en(days, 'day')} ({ymd})"
    return f"{'ended ' if ranged else ''}{approx}{count_en(days, 'day')} ago ({ymd})"


def as_of_text(as_of: dt.date, style: Style) -> str:
    return iso_text(as_of.isoformat(), style)


def _with_bi(words: str) -> str:
    """The preposition ``بـ`` joined to ``words`` (``بيومين``, ``بـ3 أيام``)."""
    return ("بـ" if words[:1].isdigit() else "ب") + words


def duration_text(iso: str | None, lang: Lang, case: Case = "nominative") -> str | None:
    """``P50D`` → ``50 days`` / ``50 يوما``; None when it is not a simple duration."""
    parsed = parse_duration(iso)
    if parsed is None:
        return None
    amount, designator = parsed
    return count_text(amount, DESIGNATORS[designator], lang, case)


_RELATIONS_AR = {"before": "قبل", "after": "بعد", "since": "منذ", "until": "حتى"}


def relation_text(r: Relation, style: Style) -> str:
    """``50 days before e4`` / ``قبل e4 بـ50 يوما``; ``since e2`` / ``منذ e2``."""
    amount = duration_text(r.offset, style.lang, "genitive")
    if style.lang == "ar":
        head = f"{_RELATIONS_AR.get(r.relation, r.relation)} {r.target}"
        return f"{head} {_with_bi(amount)}" if amount else head
    return f"{amount} {r.relation} {r.target}" if amount else f"{r.relation} {r.target}"


def _said_from_today(m: re.Match[str], style: Style) -> str:
    n = int(m["n"])
    if n == 0:
        return "هو يوم النشر"
    return f"{'بعد' if n > 0 else 'قبل'} يوم النشر {_with_bi(count_ar(n, 'day', 'genitive'))}"


def _offset(m: re.Match[str], style: Style) -> str:
    amount = count_ar(int(m["amount"]), DESIGNATORS[m["unit"]])
    how = "قبل" if m["how"] == "before" else "بعد"
    return (f"{amount} {how} {iso_text(m['date'], style)} ({m['text']}): "
            f"{iso_text(m['center'], style)} ± {count_ar(int(m['tol']), 'day')}")


def _relative_month(m: re.Match[str], style: Style) -> str:
    month = iso_text(m["month"], style)
    if m["dir"] == "next":
        return f"{month} موصوف بالمقبل: نشر المقال قبله"
    return f"{month} موصوف بالماضي: نشر المقال بعده"


_EVIDENCE_AR: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], Style], str]], ...] = (
    (re.compile(r"dateline"), lambda m, s: "سطر التاريخ"),
    (re.compile(r"today is a (?P<day>\w+)"),
     lambda m, s: f"يوم النشر هو {WEEKDAYS_AR[WEEKDAYS_EN.index(m['day'])]}"),
    (re.compile(r"said to be (?P<n>[+-]?\d+) days from today"), _said_from_today),
    (re.compile(r"(?P<amount>\d+)(?P<unit>[DWMY]) (?P<how>before|after) (?P<date>\S+) "
                r"\((?P<text>.*)\) → (?P<center>\S+) ± (?P<tol>\d+) days"), _offset),
    (re.compile(r"month (?P<month>\d{4}-\d{2}) said to be (?P<dir>next|past): "
                r"published (?:before|after) it"), _relative_month),
    (re.compile(r"announced as to come: published before (?P<date>\S+)"),
     lambda m, s: f"معلن حدثا قادما: نشر المقال قبل {iso_text(m['date'], s)}"),
    (re.compile(r"told as past: published after (?P<date>\S+)"),
     lambda m, s: f"مروي حدثا ماضيا: نشر المقال بعد {iso_text(m['date'], s)}"),
)
"""The engine's reasons for the publication date (English) → their Arabic wording."""


def evidence_text(reason: str, style: Style) -> str:
    """A reason for the publication date in the view's language (English ones as they are;
    a reason with no Arabic wording yet stays in English rather than being lost)."""
    if style.lang != "ar":
        return reason
    for pattern, wording in _EVIDENCE_AR:
        m = pattern.fullmatch(reason)
        if m is not None:
            return wording(m, style)
    return reason
