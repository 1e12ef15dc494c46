"""Find known names (places, organisations) in a text, clitics and missing spaces aside.

Countries, regions and many cities come from CLDR through babel (``Locale("ar").territories``
and the exemplar cities of time zones); ``facts/data/entities.toml`` adds what CLDR lacks.
A name matches a run of words separated by spaces only; the spaces may be missing
(``الأممالمتحدة``) and the first word may carry clitics (``بالرباط``, ``للمنظمة``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from ..dates.arabic import PLACEHOLDER, fold, key, stems
from ..dates.lexicon import load_table

EntryKind = Literal["country", "city", "region", "organization"]
MAX_WORDS = 8


@dataclass(frozen=True, slots=True)
class Entry:
    """A known name: its canonical Arabic form, English form and codes."""

    kind: EntryKind
    name: str
    en: str
    code: str | None = None
    acronym: str | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """A known name found at ``text[start:end]``."""

    entry: Entry
    text: str
    start: int
    end: int


@lru_cache(maxsize=1)
def entities_data() -> dict[str, Any]:
    """The parsed ``lexicon/entities.toml``."""
    return load_table("entities", __package__ + ".data")


def _squash(name: str) -> str:
    return key(name).replace(" ", "")


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Entry]:
    """Every known name (folded, spaces removed) → its entry. Loaded once."""
    import babel

    data = entities_data()
    names: dict[str, Entry] = {}
    ar, en = babel.Locale("ar"), babel.Locale("en")
    skip = set(data["cldr"]["not_places"])
    ambiguous = {_squash(a) for a in data["cldr"]["ambiguous"]}
    for code, name in ar.territories.items():
        if code in skip:
            continue
        kind: EntryKind = "region" if code.isdigit() else "country"
        names.setdefault(_squash(name), Entry(kind, name, en.territories.get(code, code), code))
    for zone, info in ar.time_zones.items():
        city = info.get("city")
        if not city:
            continue
        en_city = en.time_zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1]
        names.setdefault(_squash(city), Entry("city", city, en_city.replace("_", " ")))
    for place in data["places"].values():
        entry = Entry(place["kind"], place["name"], place["en"], place.get("country"))
        for spelling in [place["name"], *place.get("aliases", [])]:
            names[_squash(spelling)] = entry
    for org in data["organizations"].values():
        entry = Entry("organization", org["name"], org["en"], None, org.get("acronym"))
        for spelling in [org["name"], *org.get("aliases", []), *org.get("bracketed", [])]:
            names[_squash(spelling)] = entry
    for a in ambiguous:
        names.pop(a, None)
    return names


@lru_cache(maxsize=1)
def bracketed() -> frozenset[str]:
    """Spellings that name a body only between brackets (``(ومع)``)."""
    out: set[str] = set()
    for org in entities_data()["organizations"].values():
        out.update(_squash(s) for s in org.get("bracketed", []))
    return frozenset(out)


@lru_cache(maxsize=1)
def acronyms() -> dict[str, Entry]:
    """Latin acronyms of known organisations (``IOM`` → the IOM entry)."""
    out: dict[str, Entry] = {}
    for entry in gazetteer().values():
        if entry.acronym:
            out[entry.acronym] = entry
    return out


_TOKEN = re.compile(r"[\w\u200c]+")


def find_names(text: str) -> list[Hit]:
    """Known names in ``text``, longest first at each position, without overlaps."""
    names = gazetteer()
    only_bracketed = bracketed()
    folded = fold(text)
    tokens = [(m.group().replace(PLACEHOLDER, ""), m.start(), m.end())
              for m in _TOKEN.finditer(folded)]
    hits: list[Hit] = []
    i = 0
    while i < len(tokens):
        found: tuple[int, Entry] | None = None
        for n in range(min(MAX_WORDS, len(tokens) - i), 0, -1):
            run = tokens[i:i + n]
            if any(folded[a[2]:b[1]].strip() for a, b in itertools.pairwise(run)):
                continue
            rest = "".join(t for t, _, _ in run[1:])
            for first in stems(run[0][0]):
                entry = names.get(first + rest)
                if entry is not None:
                    found = (n, entry)
                    break
            if found:
                break
        if found is None:
            i += 1
            continue
        n, entry = found
        start, end = tokens[i][1], tokens[i + n - 1][2]
        if "".join(t for t, _, _ in tokens[i:i + n]) in only_bracketed and not (
            text[max(0, start - 4):start].rstrip().endswith("(")
            and text[end:end + 4].lstrip().startswith(")")
        ):
            i += n
            continue
        hits.append(Hit(entry, text[start:end], start, end))
        i += n
    acr = acronyms()
    for m in re.finditer(r"\b[A-Z]{2,7}\b", text):
        entry = acr.get(m.group())
        if entry is not None:
            hits.append(Hit(entry, m.group(), m.start(), m.end()))
    return sorted(hits, key=lambda h: h.start)
