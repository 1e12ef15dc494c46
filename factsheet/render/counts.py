"""A number of days, months, years … in words that agree with the number.

Arabic counted nouns follow the number (written in digits, as in the news):

* 1: the singular and the word "one" (``يوم واحد``, ``سنة واحدة``);
* 2: the dual, no digit (``يومان``; ``يومين`` after a preposition such as ``بعد``);
* 3–10: the plural (``7 أيام``, ``3 سنوات``, ``10 أشهر``);
* 11–99: the singular in the accusative (``15 يوما``, ``11 شهرا``, ``40 سنة``);
* 100, 1000 …, and 101, 102 …: the singular (``100 يوم``, ``102 يوم``). Above 100 the last two
  digits decide (``103 أيام``, ``115 يوما``).

English adds an ``s`` except after 1. The forms of each unit are data (:data:`UNITS`).
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Case = Literal["nominative", "genitive"]
"""Only the Arabic dual changes with the case: ``يومان`` (subject), ``بعد يومين`` (after a
preposition or an adverb)."""


class Forms(NamedTuple):
    """The forms of one unit."""

    singular: str
    accusative: str
    dual: str
    dual_genitive: str
    plural: str
    one: str
    english: str


UNITS: dict[str, Forms] = {
    "day": Forms("يوم", "يوما", "يومان", "يومين", "أيام", "واحد", "day"),
    "week": Forms("أسبوع", "أسبوعا", "أسبوعان", "أسبوعين", "أسابيع", "واحد", "week"),
    "month": Forms("شهر", "شهرا", "شهران", "شهرين", "أشهر", "واحد", "month"),
    "year": Forms("سنة", "سنة", "سنتان", "سنتين", "سنوات", "واحدة", "year"),
    "hour": Forms("ساعة", "ساعة", "ساعتان", "ساعتين", "ساعات", "واحدة", "hour"),
    "minute": Forms("دقيقة", "دقيقة", "دقيقتان", "دقيقتين", "دقائق", "واحدة", "minute"),
}
"""Unit → its Arabic forms (singular, singular accusative, dual nominative and genitive,
plural, the agreeing word for "one") and its English name."""

DESIGNATORS = {"D": "day", "W": "week", "M": "month", "Y": "year", "H": "hour"}
"""ISO 8601 duration designators (``P50D``) → units."""


def count_ar(n: int, unit: str, case: Case = "nominative") -> str:
    """``n`` units in Arabic, noun agreeing with the number: ``7 أيام``, ``يومان``, ``15 يوما``."""
    forms = UNITS[unit]
    n = abs(n)
    if n == 1:
        return f"{forms.singular} {forms.one}"
    if n == 2:
        return forms.dual_genitive if case == "genitive" else forms.dual
    last_two = n % 100
    if 3 <= last_two <= 10:
        return f"{n} {forms.plural}"
    if 11 <= last_two <= 99:
        return f"{n} {forms.accusative}"
    return f"{n} {forms.singular}"


def count_en(n: int, unit: str) -> str:
    """``n`` units in English: ``1 day``, ``7 days``."""
    name = UNITS[unit].english
    return f"{n} {name}" if abs(n) == 1 else f"{n} {name}s"


def count_text(n: int, unit: str, lang: str, case: Case = "nominative") -> str:
    """``n`` units in ``lang`` (``ar`` or ``en``)."""
    return count_ar(n, unit, case) if lang == "ar" else count_en(n, unit)
