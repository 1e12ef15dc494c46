"""The lexicon: word lists kept as data (``*.toml`` beside this file), loaded once.

Every entry is normalised with :func:`factsheet.dates.normalize.fold` so that rules match the
normalised text whatever spelling the article uses. Tables map a normalised form to its meaning
(a month number, a weekday, a number ...).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..normalize import fold

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]


def load_table(name: str, package: str | None = None) -> dict[str, Any]:
    """One TOML data file of this folder (or of ``package``), parsed."""
    where = resources.files(package or __package__)
    data = where.joinpath(f"{name}.toml").read_text(encoding="utf-8")
    table: dict[str, Any] = tomllib.loads(data)
    return table


def _forms(table: dict[str, list[str]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for key, words in table.items():
        for w in words:
            out[fold(w)] = int(key)
    return out


@dataclass(frozen=True)
class Units:
    """A time unit: its duration designator and its singular, dual and plural forms."""

    name: str
    designator: str
    singular: frozenset[str]
    dual: frozenset[str]
    plural: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    """All word tables, normalised."""

    months: dict[str, int]
    """Gregorian month names of every regional family, and months named by their number
    (``شهر 7``, ``الشهر العاشر``) -> month number."""
    month_family: dict[str, str]
    risky_months: frozenset[str]
    numbered_months: frozenset[str]
    """The months named by their number (``شهر 7``, ``الشهر العاشر``)."""
    ordinal_months: frozenset[str]
    """Those named by an ordinal (``الشهر العاشر``): also "the tenth month" of anything."""
    hijri_months: dict[str, int]
    risky_hijri: frozenset[str]
    hijri_era: frozenset[str]
    gregorian_era: frozenset[str]
    weekdays: dict[str, int]
    day_ordinals: dict[str, int]
    """Ordinal words for 1..31 (``الرابع``, ``الحادي والعشرين``, ``غرة``)."""
    nth_ordinals: dict[str, int]
    """Ordinals after a noun, 1..5 and -1 for the last (``الخميس الثاني``, ``الجمعة الأخيرة``)."""
    construct_ordinals: dict[str, int]
    """Ordinals before a noun, 1..10 and -1 for the last (``ثاني خميس``, ``آخر يوم``)."""
    hour_ordinals: dict[str, int]
    hour_cardinals: dict[str, int]
    """Cardinal words of 1..12, clock hours after الساعة in speech (``الساعة خمسة``)."""
    cardinals: dict[str, int]
    units: dict[str, Units]
    unit_of_form: dict[str, tuple[str, str]]
    """Any unit form -> (unit name, "singular"|"dual"|"plural")."""
    modifiers: dict[str, str]
    """``المقبل`` -> "next", ``الماضي`` -> "last", ``الجاري`` -> "this"."""
    deictic: dict[str, int]
    day_parts: frozenset[str]
    day_part_after: dict[str, int]
    spoken_day_parts: frozenset[str]
    """Parts of the day after a clock time that are also common words (``المغرب``)."""
    unscanned_day_parts: frozenset[str]
    night_parts: frozenset[str]
    period_mods: dict[str, str]
    zone_utc: frozenset[str]
    """Names of Greenwich / universal time (a clock time in it gets a ``Z``)."""
    zone_other: frozenset[str]
    zone_marker: frozenset[str]
    zone_continuation: frozenset[str]
    future_words: frozenset[str]
    """Words that make a clause speak of the future (``المقرر``, ``يعقد`` …)."""
    past_verbs: frozenset[str]
    """Verbs that head a report of the past (``ارتفعت``, ``أعلن`` …)."""


def _ordinals(raw: dict[str, Any]) -> dict[str, int]:
    units = {int(k): [fold(w) for w in v] for k, v in raw["ordinal_units"].items()}
    tens = {int(k): [fold(w) for w in v] for k, v in raw["ordinal_tens"].items()}
    out: dict[str, int] = {}
    for n, words in units.items():
        for w in words:
            out[w] = n
    teen_words = [fold("عشر"), fold("عشرة")]
    for n in range(1, 10):
        for w in units[n]:
            if w in (fold("غرة"), fold("فاتح"), fold("الأول"), fold("الأولى")):
                continue
            for t in teen_words:
                out[f"{w} {t}"] = 10 + n
    for ten, twords in tens.items():
        for tw in twords:
            out[tw] = ten
            units_for_ten = [1] if ten == 30 else list(range(1, 10))
            for n in units_for_ten:
                for w in units[n]:
                    if w in (fold("غرة"), fold("فاتح")):
                        continue
                    base = fold("الواحد") if n == 1 and w.startswith(fold("الأول")) else w
                    out[f"{base} و{tw}"] = ten + n
            if ten == 20:
                out[f"{fold('الواحد')} و{tw}"] = 21
    return out


def _cardinals(raw: dict[str, Any]) -> dict[str, int]:
    units = {int(k): [fold(w) for w in v] for k, v in raw["cardinal_units"].items()}
    out: dict[str, int] = {}
    for n, words in units.items():
        for w in words:
            out[w] = n
    for key in ("cardinal_teens", "cardinal_hundreds"):
        for k, v in raw[key].items():
            for w in v:
                out[fold(w)] = int(k)
    for n in range(3, 10):
        for w in units[n]:
            for t in (fold("عشر"), fold("عشرة")):
                out[f"{w} {t}"] = 10 + n
    for k, v in raw["cardinal_tens"].items():
        ten = int(k)
        for tw in v:
            tw = fold(tw)
            out[tw] = ten
            for n in range(1, 10):
                for w in units[n]:
                    out[f"{w} و{tw}"] = ten + n
    return out


def _numbered_months(
    heads: dict[str, list[str]], ordinals: dict[str, int], cardinals: dict[str, int]
) -> tuple[dict[str, int], frozenset[str]]:
    """``شهر 7``, ``شهر 07``, ``شهر سبعة``, ``الشهر السابع`` -> 7, and the ordinal forms."""
    out: dict[str, int] = {}
    by_ordinal: set[str] = set()
    for head in (fold(h) for h in heads["digits"]):
        for n in range(1, 13):
            out[f"{head} {n}"] = n
            if n < 10:
                out[f"{head} 0{n}"] = n
    for head in (fold(h) for h in heads["cardinals"]):
        for w, n in cardinals.items():
            if 2 <= n <= 12:
                out[f"{head} {w}"] = n
    for head in (fold(h) for h in heads["ordinals"]):
        for w, n in ordinals.items():
            feminine = any(part.endswith(fold("ة")) for part in w.split())
            if 1 <= n <= 12 and not feminine and w not in (
                fold("غرة"), fold("فاتح"), fold("الحادي"), fold("الأولى")
            ):
                out[f"{head} {w}"] = n
                by_ordinal.add(f"{head} {w}")
    return out, frozenset(by_ordinal)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, loaded on first use."""
    months_raw = load_table("months")
    months: dict[str, int] = {}
    family: dict[str, str] = {}
    for fam, table in months_raw.items():
        if fam in ("risky", "by_number"):
            continue
        for k, words in table.items():
            for w in words:
                f = fold(w)
                months[f] = int(k)
                family.setdefault(f, fam)
    hijri_raw = load_table("hijri")
    weekdays = _forms(load_table("weekdays"))
    numbers = load_table("numbers")
    words = load_table("words")
    units: dict[str, Units] = {}
    unit_of_form: dict[str, tuple[str, str]] = {}
    for name, u in words["units"].items():
        units[name] = Units(
            name,
            u["designator"],
            frozenset(fold(w) for w in u["singular"]),
            frozenset(fold(w) for w in u["dual"]),
            frozenset(fold(w) for w in u["plural"]),
        )
        for number in ("singular", "dual", "plural"):
            for w in u[number]:
                unit_of_form.setdefault(fold(w), (name, number))
    modifiers = {fold(w): d for d, ws in words["modifiers"].items() for w in ws}
    deictic = {fold(w): int(k) for k, ws in words["deictic"].items() for w in ws}
    period_mods = {fold(w): m for m, ws in words["period_mods"].items() for w in ws}
    hours: dict[str, int] = {}
    for w, n in _ordinals(numbers).items():
        if n <= 12 and not w.startswith(fold("غرة")) and not w.startswith(fold("فاتح")):
            hours[w] = n
    hours[fold("الواحدة")] = 1
    cardinals = _cardinals(numbers)
    ordinals = _ordinals(numbers)
    numbered, ordinal_months = _numbered_months(months_raw["by_number"], ordinals, cardinals)
    for w, n in numbered.items():
        months.setdefault(w, n)
        family.setdefault(w, "by_number")
    spoken = words["day_parts"]["spoken"]
    last = numbers["ordinal_last"]
    nth = {w: n for w, n in ordinals.items() if 1 <= n <= 5 and " " not in w
           and w not in (fold("الحادي"), fold("الحادية"), fold("غرة"), fold("فاتح"))}
    nth.update({fold(w): -1 for w in last["after"]})
    construct = {w[2:]: n for w, n in ordinals.items() if 1 <= n <= 10 and " " not in w
                 and w.startswith(fold("ال")) and not w.endswith(fold("ة"))
                 and w not in (fold("الحادي"), fold("الأولى"))}
    construct.update({fold(w): -1 for w in last["construct"]})
    return Lexicon(
        months=months,
        month_family=family,
        risky_months=frozenset(fold(w) for w in months_raw["risky"]["names"]),
        numbered_months=frozenset(numbered),
        ordinal_months=ordinal_months,
        hijri_months=_forms(hijri_raw["months"]),
        risky_hijri=frozenset(fold(w) for w in hijri_raw["risky"]["names"]),
        hijri_era=frozenset(fold(w) for w in hijri_raw["markers"]["era"]),
        gregorian_era=frozenset(fold(w) for w in hijri_raw["markers"]["gregorian_era"]),
        weekdays=weekdays,
        day_ordinals={k: v for k, v in ordinals.items() if 1 <= v <= 31},
        nth_ordinals=nth,
        construct_ordinals=construct,
        hour_ordinals=hours,
        hour_cardinals={w: n for w, n in cardinals.items() if 1 <= n <= 12},
        cardinals=cardinals,
        units=units,
        unit_of_form=unit_of_form,
        modifiers=modifiers,
        deictic=deictic,
        day_parts=frozenset(fold(w) for w in words["day_parts"]["prefix"]),
        day_part_after={fold(k): v for k, v in words["day_parts"]["after"].items()},
        spoken_day_parts=frozenset(fold(w) for w in spoken["words"]),
        unscanned_day_parts=frozenset(fold(w) for w in spoken["unscanned"]),
        night_parts=frozenset(fold(w) for w in words["day_parts"]["night"]["words"]),
        zone_utc=frozenset(fold(w) for w in words["zones"]["utc"]),
        zone_other=frozenset(fold(w) for w in words["zones"]["other"]),
        zone_marker=frozenset(fold(w) for w in words["zones"]["marker"]),
        zone_continuation=frozenset(fold(w) for w in words["zones"]["continuation"]),
        future_words=frozenset(fold(w) for w in words["tense"]["future"]),
        past_verbs=frozenset(fold(w) for w in words["tense"]["past"]),
        period_mods=period_mods,
    )
