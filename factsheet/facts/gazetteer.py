"""Find known names (places, organisations) in a text, clitics and missing spaces aside.

Countries, regions and many cities come from CLDR through babel (``Locale("ar").territories``
and the exemplar cities of time zones); ``facts/data/entities.toml`` adds what CLDR lacks.
A name matches a run of words separated by spaces only; the spaces may be missing
(``الأممالمتحدة``) and the first word may carry clitics (``بالرباط``, ``للمنظمة``).
"""

from __future__ import annotations

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
    minor: bool = False
    """A small town, or a region whose name is also an ordinary word: counted only where the
    context makes it a place (see :func:`place_context`)."""


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


MAJOR_CITY = 1_000_000
"""Cities at least this large count wherever their name is written."""


def _given_names() -> frozenset[str]:
    """First names of the name lexicon: a town called ``جمال`` needs context."""
    names = load_table("names", __package__ + ".data")["given"]
    return frozenset(key(w) for k in ("male", "female", "foreign") for w in names[k])


def _cities() -> list[tuple[str, str, str, int]]:
    """``facts/data/cities.tsv`` (GeoNames names, see ``scripts/make_cities.py``)."""
    from importlib import resources

    rows = []
    data = resources.files(__package__ + ".data").joinpath("cities.tsv").read_text("utf-8")
    for line in data.splitlines():
        if not line or line.startswith("#"):
            continue
        name, en, country, population = line.split("\t")
        rows.append((name, en, country, int(population)))
    return rows


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
    for code, spellings in data["country_aliases"].items():
        cldr = ar.territories.get(code, spellings[0])
        entry = names.get(_squash(cldr))
        if entry is None or " - " in cldr or "(" in cldr:
            entry = Entry("country", spellings[0], en.territories.get(code, code), code)
        for spelling in spellings:
            names[_squash(spelling)] = entry
    minor = {_squash(m) for m in data["regions"]["minor"]}
    for sq in minor:  # countries whose name is also a word: مالي (financial), قطر (diameter)
        if sq in names and names[sq].kind == "country":
            e = names[sq]
            names[sq] = Entry(e.kind, e.name, e.en, e.code, e.acronym, minor=True)
    for code, spellings in data["regions"].items():
        if code == "minor":
            continue
        for spelling in spellings:
            sq = _squash(spelling)
            if len(sq) < 3:
                continue
            names.setdefault(sq, Entry("region", spelling, spelling,
                                       None if code == "world" else code, minor=sq in minor))
    given = _given_names()
    for name, en_name, country, population in _cities():
        sq = _squash(name)
        names.setdefault(sq, Entry("city", name, en_name, country, minor=(
            population < MAJOR_CITY or len(sq) <= 3 or key(name) in given)))
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
def spelling_words() -> dict[str, int]:
    """For each squashed spelling, the most words it is written with (``الأمم المتحدة``: 2)."""
    data = entities_data()
    out: dict[str, int] = {}

    def note(spelling: str) -> None:
        sq = _squash(spelling)
        out[sq] = max(out.get(sq, 0), len(spelling.split()))

    for table in ("places", "organizations"):
        for e in data[table].values():
            for s in [e["name"], *e.get("aliases", []), *e.get("bracketed", [])]:
                note(s)
    for spellings in data["country_aliases"].values():
        for s in spellings:
            note(s)
    for spellings in data["regions"].values():
        for s in spellings:
            note(s)
    for name, *_ in _cities():
        note(name)
    import babel

    ar = babel.Locale("ar")
    for name in ar.territories.values():
        note(name)
    for info in ar.time_zones.values():
        if info.get("city"):
            note(info["city"])
    return out


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
_PLACE_WORDS = {key(w) for w in [
    "في", "من", "إلى", "الى", "نحو", "قرب", "بين", "عن", "داخل", "خارج", "شمال", "جنوب", "شرق",
    "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي", "ضواحي", "مدينة", "بلدة", "قرية", "ولاية",
    "محافظة", "إقليم", "اقليم", "منطقة", "عاصمة", "قضاء", "جهة", "مخيم", "حي", "مدن", "محافظات",
    "ولايات", "مناطق", "وفي", "ومن", "وإلى", "والى", "بمدينة", "لمدينة", "ببلدة", "بولاية",
    "بمحافظة", "بمنطقة", "بإقليم", "ميناء", "مطار", "معبر", "جزيرة", "جزر", "بميناء", "بمطار"
]}
_LIST_GAP = re.compile(r"^[\s،,]*(?:و|أو|او)?\s*$")


@lru_cache(maxsize=1)
def _minor_words() -> frozenset[str]:
    return frozenset(_squash(m) for m in entities_data()["regions"]["minor"])


def _ordinary_word(entry: Entry) -> bool:
    """A name listed as an ordinary word too (``حجة``, ``مالي``): ``بحجة`` is not enough."""
    return _squash(entry.name) in _minor_words()


def _place_context(text: str, tokens: list[tuple[str, int, int]], i: int, start: int,
                   end: int) -> bool:
    """A word before (``في``, ``مدينة``), brackets around, or a dateline: a place is meant."""
    if i > 0 and tokens[i - 1][0] in _PLACE_WORDS and not re.search(
            r"[.،,:;!?؟\n]", text[tokens[i - 1][2]:start]):
        return True
    if text[max(0, start - 3):start].strip().endswith(("(", "«", '"')) and \
            text[end:end + 3].strip().startswith((")", "»", '"')):
        return True
    return start < 40 and bool(re.match(r"\s*[-–(:]", text[end:end + 3]))


def _with_listed(text: str, hits: list[Hit], pending: list[tuple[int, Hit]]) -> list[Hit]:
    """Minor names coordinated with a place (``الرياض، والأحساء``) are places too."""
    if not pending:
        return hits
    places = [h for h in hits if h.entry.kind != "organization"]
    starts = {h.start: h for h in places}
    ends = {h.end: h for h in places}
    out = list(hits)
    for _, h in pending:
        before = text[max(0, h.start - 6):h.start]
        after = text[h.end:h.end + 6]
        near = any(e in ends and _LIST_GAP.match(before[len(before) - (h.start - e):])
                   for e in range(max(0, h.start - 6), h.start + 1)) or any(
            s in starts and _LIST_GAP.match(after[:s - h.end])
            for s in range(h.end, h.end + 7))
        if near:
            out.append(h)
    return sorted(out, key=lambda h: h.start)


def find_names(text: str) -> list[Hit]:
    """Known names in ``text``, longest first at each position, without overlaps."""
    names = gazetteer()
    only_bracketed = bracketed()
    folded = fold(text)
    tokens = [(m.group().replace(PLACEHOLDER, ""), m.start(), m.end())
              for m in _TOKEN.finditer(folded)]
    # how many tokens from each one are separated by spaces only (a name never spans more)
    joined = [1] * len(tokens)
    for k in range(len(tokens) - 2, -1, -1):
        if not folded[tokens[k][2]:tokens[k + 1][1]].strip():
            joined[k] = joined[k + 1] + 1
    hits: list[Hit] = []
    pending: list[tuple[int, Hit]] = []
    with_article = {t for t, _, _ in tokens if t.startswith("ال")} | {
        "ال" + t[3:] for t, _, _ in tokens if t.startswith(("بال", "وال", "فال", "كال"))} | {
        "ال" + t[2:] for t, _, _ in tokens if t.startswith("لل")}
    i = 0
    while i < len(tokens):
        found: tuple[int, Entry] | None = None
        prep = False
        for n in range(min(MAX_WORDS, joined[i]), 0, -1):
            run = tokens[i:i + n]
            rest = "".join(t for t, _, _ in run[1:])
            readings = stems(run[0][0])
            raw0 = run[0][0]
            if raw0.startswith("و") and len(readings) > 1 and names.get(raw0[1:] + rest) and \
                    re.search(r"[،,]\s*$", folded[max(0, run[0][1] - 3):run[0][1]]):
                readings = readings[1:]  # ``…، وجدة``: ``و`` + ``جدة`` in a list
            for first in readings:
                entry = names.get(first + rest)
                if entry is not None and n > spelling_words().get(first + rest, n):
                    entry = None  # ``بيان أن`` is not the town ``يانان``
                if entry is not None:
                    found = (n, entry)
                    raw = run[0][0]
                    prep = first != raw and raw.startswith(("ب", "ل", "وب", "ول", "فب", "فل"))
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
        if entry.minor and n == 1 and not tokens[i][0].startswith("ال") and (
                "ال" + stems(tokens[i][0])[-1] in with_article):
            i += n  # ``البيان`` elsewhere in the article: ``بيان`` is a word, not a town
            continue
        if entry.kind == "country" and n == 1 and key(entry.name).endswith("يه") and i > 0 and \
                tokens[i - 1][0].startswith(("ال", "وال", "بال", "لل")) and \
                not folded[tokens[i - 1][2]:start].strip():
            i += n  # ``هيئة الرياضة السعودية``: the adjective, not the country
            continue
        if entry.minor and not ((prep and not _ordinary_word(entry))
                                or _place_context(text, tokens, i, start, end)):
            pending.append((len(hits), Hit(entry, text[start:end], start, end)))
            i += n
            continue
        hits.append(Hit(entry, text[start:end], start, end))
        i += n
    hits = _with_listed(text, hits, pending)
    acr = acronyms()
    for m in re.finditer(r"\b[A-Z]{2,7}\b", text):
        entry = acr.get(m.group())
        if entry is not None:
            hits.append(Hit(entry, m.group(), m.start(), m.end()))
    return sorted(hits, key=lambda h: h.start)
