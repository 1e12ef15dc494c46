"""Named rules: a pattern over the normalised text and a production of a :class:`Partial`.

Patterns are assembled from the lexicon (never hand-copied word lists) with ``{PLACEHOLDERS}``;
productions are small pure functions that read the match and return what the text says, or
``None`` to reject it. Resolution against a reference date happens later (``document``,
``values``).
A partial marked ``latent`` (a bare day number, a bare year, a month name alone) is kept only
when it combines with another mention into a range or a list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .lexicon import Lexicon, lexicon, load_table
from .model import MentionType
from .normalize import compile_folded, fold


@dataclass
class Partial:
    """What one match says, before resolution. Offsets are in the normalised text."""

    rule: str
    start: int
    end: int
    type: MentionType
    calendar: str = "gregorian"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    hour: int | None = None
    minute: int | None = None
    midnight_end: bool = False
    tz: bool = False
    """A time zone is written after the clock time (``بتوقيت غرينتش``, ``ت م``)."""
    utc: bool = False
    """That zone is Greenwich / universal time: the value ends in ``Z``."""
    half_known: bool = False
    """The clock time says which half of the day it is (``مساء``, ``15:30``, ``منتصف الليل``)."""
    nth: int | None = None
    """The nth (``-1``: last) weekday of the month (``الأحد الأخير من أيلول``)."""
    year_same: bool = False
    """``من العام ذاته``: the year of the mention before."""
    gregorian_year: int | None = None
    """A Gregorian year written after a Hijri holiday (``عيد الفطر 2022``)."""
    year_rel: str | None = None
    """Direction of the year when it is relative (``العام الماضي``): next/last/this."""
    direction: str | None = None
    """Modifier after a month or day (``ماي المقبل``): next/last/this."""
    deictic: int | None = None
    period: str | None = None
    """Relative period unit: day/week/month/year/century."""
    period_part: str | None = None
    """``H1``/``Q3`` of a year."""
    decade: int | None = None
    century: int | None = None
    duration: str | None = None
    mod: str | None = None
    holiday: str | None = None
    holiday_spec: tuple[str, int, int] | None = None
    anaphora: bool = False
    shift: int = 0
    """Units after (+) or before (-) the one referred to: ``اليوم الموالي`` is +1."""
    untold_shift: int | None = None
    """Days from the publication date when the narrative has told no day before (``اليوم
    السابق`` is then yesterday: -1)."""
    generic: bool = False
    """A recurring date (``في 1 أفريل من كل عام``): its year is ``XXXX``."""
    latent: bool = False
    blocked: bool = False
    """A name that contains a date (``ملعب 5 جويلية 1962``): it holds its span so that no
    shorter reading takes it, and is then dropped."""
    list_head: bool = False
    items: list[Partial] = field(default_factory=list)
    range_of: tuple[Partial, Partial] | None = None
    anchor: tuple[str, int, int] | None = None
    notes: list[str] = field(default_factory=list)


Production = Callable[[re.Match[str], Lexicon], "Partial | None"]


@dataclass(frozen=True)
class Rule:
    """A named rule: a compiled pattern, its production, and its gate.

    The gate names a word class every match of the rule contains (a month name, a digit, a
    time unit ...). The tagger looks for gate words first and runs the rule only around them.
    """

    name: str
    pattern: re.Pattern[str]
    produce: Production
    gate: str


def alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` built as a trie (``ال(?:اول|ثاني)``), so that the
    regex engine follows one branch per character instead of trying every word; the longest
    word wins at each branch, and a space matches any run of spaces."""
    return _alt(frozenset(words))


@lru_cache(maxsize=128)
def _alt(words: frozenset[str]) -> str:
    """:func:`alt` of a set of words, built once per process (several patterns share lists)
    and kept in the disk cache of :mod:`~factsheet.dates.recache` (keyed by the words)."""
    from .recache import cached_text

    if any("\n" in w for w in words):  # the key joins the words by newlines
        return _build_alt(words)
    return cached_text("alt", "\n".join(sorted(words)), lambda: _build_alt(words))


def _build_alt(words: frozenset[str]) -> str:
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


_ATOMS: dict[str, str] = {" ": r"\s+"}


def _atom(ch: str) -> str:
    atom = _ATOMS.get(ch)
    if atom is None:
        atom = _ATOMS[ch] = re.escape(ch)
    return atom


def _trie_regex(node: dict[str, Any]) -> str:
    # A run of nodes with one child and no word ending in them is one literal: walk it here
    # rather than one call per character (the same text, built faster).
    run = []
    while len(node) == 1 and "" not in node:
        ((ch, node),) = node.items()
        run.append(_atom(ch))
    prefix = "".join(run)
    terminal = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        branches.append(_atom(ch) + _trie_regex(node[ch]))
    if not branches:
        return prefix
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if terminal:
        return prefix + "(?:" + body + ")?"
    return prefix + body


def _key(s: str) -> str:
    """A matched phrase with its spaces collapsed, for lexicon look-ups."""
    return " ".join(s.split())


# ----------------------------------------------------------------------------- fragments

@lru_cache(maxsize=1)
def fragments() -> dict[str, str]:
    """Regex fragments built from the lexicon (each names its own groups)."""
    lx = lexicon()
    al = fold("ال")
    rel_after = [w for w, d in lx.modifiers.items() if w.startswith(al)]
    rel_al = [w for w in rel_after if w.startswith(al)]
    f = {
        "B": r"(?<![\w])",
        "E": r"(?![\w])",
        "CL": r"(?:[وف]?[بلك]|[وف])?",
        "DAYNUM": r"(?<![\d.,:])(?<!\d/)(?<!\d\s/)(?P<day>0?[1-9]|[12]\d|3[01])(?![\d%])",
        "DAYORD": r"(?P<dayw>" + alt(lx.day_ordinals) + r")(?!\w)",
        "MONTH": r"(?P<month>" + alt(lx.months) + r")",
        "MONTH2": r"(?:\s*[/\\(]\s*|\s+)(?P<month2>" + alt(lx.months) + r")(?:\s*\))?",
        "MEND": r"(?:(?![^\W\d_])|(?=" + alt(rel_al) + r"))",
        "HMONTH": r"(?P<hmonth>" + alt(lx.hijri_months) + r")(?!\w)",
        "YEAR": r"(?<![\d.,])(?P<year>1[0-9]\d\d|20\d\d|21\d\d)(?![\d%]|[.,]\d)",
        "HYEAR": r"(?<![\d.,])(?P<hyear>1[2-5]\d\d)(?![\d%]|[.,]\d)",
        "ERA": r"(?:\s*(?P<era>" + alt(lx.hijri_era | lx.gregorian_era) + r")(?!\w))?",
        "HERA": r"(?:\s*(?P<era>" + alt(lx.hijri_era) + r")(?!\w))?",
        "REL": r"(?P<rel>" + alt(rel_after) + r")(?!\w)",
        "YREL": r"(?P<yrel>" + alt(rel_after) + r")(?!\w)",
        "WD": r"(?P<wd>" + alt(lx.weekdays) + r")(?!\w)",
        "WDREL": r"(?P<wdrel>" + alt(rel_after) + r")(?!\w)",
        "DEIC": r"(?P<deic>" + alt(lx.deictic) + r")(?!\w)",
        "DPART": r"(?P<dpart>" + alt(lx.day_parts) + r")",
        "PMOD": r"(?P<pmod>" + alt(list(lx.period_mods) + list(PERIOD_PHRASES)) + r")",
        "AFTER": r"(?P<ap>" + alt(lx.day_part_after) + r")(?!\w)",
        "ZONE": r"(?:\s*(?P<tzp>\()?\s*(?P<tz>" + alt(lx.zone_utc | lx.zone_other) + r")(?!\w)"
        r"(?(tzp)\s*\))"
        r"|\s+(?:[وف]?ب|حسب\s+|وفق\s+)?(?P<tzm>" + alt(lx.zone_marker) + r")\s+"
        r"(?P<tzn>[^\s\d.،,؛:()\"«»]+(?:\s+" + alt(lx.zone_continuation) + r"(?!\w))*))?",
        "HALFUNIT": r"ساعه|يوم|شهر|عام|سنه|اسبوع",
        "HOUR": r"(?P<hw>" + alt([*lx.hour_ordinals, *lx.hour_cardinals])
        + r"|الواحده|[01]?\d|2[0-4])(?![\w:])",
        "CARD": r"(?P<wnum>" + alt(lx.cardinals) + r")",
        "CARDW": r"(?:" + alt(w for w, n in lx.cardinals.items() if n < 60) + r")",
        "MINUTES": r"(?:" + alt(w for w, (u, _) in lx.unit_of_form.items() if u == "minute")
        + r")(?!\w)",
        "UNIT": r"(?P<unit>" + alt(lx.unit_of_form) + r")(?!\w)",
        "DUAL": r"(?P<dual>"
        + alt(w for w, (_, n) in lx.unit_of_form.items() if n == "dual")
        + r")(?!\w)",
        "HOLI": r"(?P<holi>" + alt(holidays()) + r")(?!\w)",
    }
    # "يوم الخميس" / "صباح اليوم الأحد" / "غدا الأربعاء" / "(يوم) الاثنين،" before a date.
    f["PREFIX"] = (
        r"(?:{DPART}\s+)?(?:{DEIC}\s*[،,]?\s*)?(?:(?P<yawm>يوم|يومي|ليله)\s+)?"
        r"(?:{WD}(?:\s+{WDREL})?\s*[،,]?\s*(?:الموافق\s*(?:ل\s*)?|في\s+)?)?"
    ).format(**f)
    f["YEARPART"] = (
        r"(?:\s*[،,])?(?:\s+من)?(?:\s+(?:ال)?(?:عام|سنه))?\s*{YEAR}{ERA}"
    ).format(**f)
    f["YEARREL"] = (
        r"(?:\s+من)?\s+(?:ال(?:عام|سنه)\s+{YREL}|(?P<ysame>ال(?:عام|سنه)\s+(?:ذاته|نفسه|ذاتها|"
        r"نفسها)|نفس\s+ال(?:عام|سنه)))"
    ).format(**f)
    f["MONTHS"] = r"{MONTH}(?:{MONTH2})?{MEND}".format(**f)
    # Spoken calendar arithmetic (issue 11): ordinals around weekdays and units, weekdays
    # without the article ("ثاني خميس", "خميس الأسبوع المقبل"), and what a month can be:
    # a name or number with its year ("شهر تسعة سنة 2021") or relative ("الشهر الجاي").
    f["NTHW"] = r"(?P<nth>" + alt(lx.nth_ordinals) + r")(?!\w)"
    f["CNTH"] = r"(?P<cnth>" + alt(lx.construct_ordinals) + r")(?!\w)"
    f["WDB"] = r"(?P<wdb>" + alt(bare_weekdays()) + r")(?!\w)"
    f["MREL"] = r"(?P<mrel>" + alt(rel_after) + r")(?!\w)"
    f["CONN"] = r"\s+(?:(?:من|في)\s+|ب(?=\w))?"
    f["MREF"] = (
        r"(?:(?:شهر\s+)?{MONTHS}(?:{YEARPART}|{YEARREL}|\s*{REL})?"
        r"|(?P<mthis>هذا\s+الشهر)(?!\w)|(?P<mbare>الشهر)(?:\s+{MREL}|(?!\w)(?!\s+(?:ذاته|نفسه))))"
    ).format(**f)
    f["YREF"] = (
        r"(?:(?:(?:هذا|هذه)\s+)?(?P<yal>ال)(?P<yunit>سنه|عام)"
        r"(?:\s+(?P<yrel2>" + alt(rel_after) + r"))?"
        r"|(?:ال)?(?:سنه|عام)\s+(?P<year2>1[89]\d\d|20\d\d|21\d\d))(?!\w)"
    )
    return f


@lru_cache(maxsize=1)
def bare_weekdays() -> dict[str, int]:
    """Weekday names without the article (``خميس``, ``جمعه``), as in ``ثاني خميس``."""
    lx = lexicon()
    al = fold("ال")
    return {w[len(al):]: n for w, n in lx.weekdays.items() if w.startswith(al)}


# "الأسبوع الأول من ..." and halves/quarters of a year.
PERIOD_PHRASES = {
    fold("الأسبوع الأول من"): "START",
    fold("الأسبوع الأخير من"): "END",
    fold("الأيام الأولى من"): "START",
    fold("الأيام الأخيرة من"): "END",
    fold("العشر الأواخر من"): "END",
    fold("النصف الأول من"): "H1",
    fold("النصف الثاني من"): "H2",
    fold("الربع الأول من"): "Q1",
    fold("الربع الثاني من"): "Q2",
    fold("الربع الثالث من"): "Q3",
    fold("الربع الرابع من"): "Q4",
    fold("الربع الأخير من"): "Q4",
    fold("الأسدس الأول من"): "H1",
    fold("الأسدس الثاني من"): "H2",
    fold("السداسي الأول من"): "H1",
    fold("السداسي الثاني من"): "H2",
    fold("الثلاثي الأول من"): "Q1",
    fold("الثلاثي الثاني من"): "Q2",
    fold("الثلاثي الثالث من"): "Q3",
    fold("الثلاثي الرابع من"): "Q4",
    fold("الثلاثي الأخير من"): "Q4",
    fold("الثلاثية الأولى من"): "Q1",
    fold("الثلاثية الثانية من"): "Q2",
    fold("الثلاثية الثالثة من"): "Q3",
    fold("الثلاثية الرابعة من"): "Q4",
    fold("الثلاثية الأخيرة من"): "Q4",
    fold("الثلاثية الأولى"): "Q1",
    fold("الثلاثية الثانية"): "Q2",
    fold("الثلاثية الثالثة"): "Q3",
    fold("الثلاثية الرابعة"): "Q4",
    fold("الثلاثية الأخيرة"): "Q4",
    fold("الثلاثي الأول"): "Q1",
    fold("الثلاثي الثاني"): "Q2",
    fold("الثلاثي الثالث"): "Q3",
    fold("الثلاثي الرابع"): "Q4",
    fold("الثلاثي الأخير"): "Q4",
    fold("الربع الأول"): "Q1",
    fold("الربع الثاني"): "Q2",
    fold("الربع الثالث"): "Q3",
    fold("الربع الرابع"): "Q4",
    fold("الربع الأخير"): "Q4",
    fold("السداسي الأول"): "H1",
    fold("السداسي الثاني"): "H2",
    fold("الفصل الأول من"): "Q1",
    fold("الفصل الثاني من"): "Q2",
    fold("الفصل الثالث من"): "Q3",
    fold("الفصل الرابع من"): "Q4",
    fold("الثلث الأول من"): "START",
    fold("الثلث الأخير من"): "END",
}


@lru_cache(maxsize=1)
def holidays() -> dict[str, tuple[str, int, int]]:
    """Holiday names -> (calendar, month, day); calendar "easter" keeps an offset in day."""
    raw = load_table("holidays")
    out: dict[str, tuple[str, int, int]] = {}
    for name, (m, d) in raw["hijri"].items():
        out[fold(name)] = ("hijri", m, d)
    for name, m in raw["hijri_month"].items():
        out[fold(name)] = ("hijri_month", m, 0)
    for name, (m, d) in raw["gregorian"].items():
        out[fold(name)] = ("gregorian", m, d)
    for name, off in raw["easter"].items():
        out[fold(name)] = ("easter", 0, off)
    return out


# ----------------------------------------------------------------------------- helpers

_last_groups: tuple[re.Match[str] | None, dict[str, str | Any]] = (None, {})


def _groups(m: re.Match[str]) -> dict[str, str | Any]:
    """``m.groupdict()``, made once per match however many helpers read it (a production
    and its helpers asked for it five times). The last match and its groups are kept
    together in one tuple, so a thread never reads another's."""
    global _last_groups
    last = _last_groups
    if last[0] is m:
        return last[1]
    groups = m.groupdict()
    _last_groups = (m, groups)
    return groups


def _day(m: re.Match[str], lx: Lexicon) -> int | None:
    g = _groups(m)
    if g.get("day"):
        return int(g["day"])
    if g.get("dayw"):
        return lx.day_ordinals.get(_key(g["dayw"]))
    return None


def _prefix(p: Partial, m: re.Match[str], lx: Lexicon) -> Partial:
    """Fill the weekday and deictic parts of a prefix (``صباح اليوم الأحد``)."""
    g = _groups(m)
    if g.get("wd"):
        p.weekday = lx.weekdays[_key(g["wd"])]
    if g.get("deic"):
        p.deictic = lx.deictic[_key(g["deic"])]
    if g.get("wdrel") and p.direction is None:
        p.direction = lx.modifiers[_key(g["wdrel"])]
    if g.get("dpart") and _CLOCK_BEFORE.search(m.string, max(0, m.start() - 30), m.start()):
        # "الساعة العاشرة مساء يوم 15 أيار": the day part belongs to the clock time
        p.start = m.end("dpart")
    return p


_CLOCK_BEFORE = compile_folded(r"(?:الساعه\s+\S+|\d{1,2}(?::\d{2})?)\s*$")


def _month(m: re.Match[str], lx: Lexicon) -> int | None:
    g = _groups(m)
    month = lx.months[_key(g["month"])]
    if g.get("month2") and lx.months[_key(g["month2"])] != month:
        return None
    return month


def _year_tail(p: Partial, m: re.Match[str], lx: Lexicon) -> Partial:
    g = _groups(m)
    if g.get("year"):
        p.year = int(g["year"])
    if g.get("yrel"):
        p.year_rel = lx.modifiers[_key(g["yrel"])]
    if g.get("ysame"):
        p.year_same = True
        p.notes.append("year of the date mentioned just before")
    if g.get("rel"):
        p.direction = lx.modifiers[_key(g["rel"])]
    return p


def _pmod(p: Partial, m: re.Match[str], lx: Lexicon) -> Partial:
    g = _groups(m)
    if g.get("pmod"):
        k = _key(g["pmod"])
        mod = lx.period_mods.get(k) or PERIOD_PHRASES.get(k)
        if mod and mod[0] in "HQ":
            p.period_part = mod
        else:
            p.mod = mod
    return p


# ----------------------------------------------------------------------------- productions

def _unparen(p: Partial, m: re.Match[str]) -> Partial:
    """``(17 أبريل 2022)`` alone is the date inside; after a weekday the brackets belong
    to the expression (``يومه الجمعة (03 ماي)``)."""
    g = _groups(m)
    if g.get("lp") and not (g.get("wd") or g.get("deic") or g.get("yawm")):
        p.start = m.end("lp")
        p.end = m.string.rindex(")", p.start, p.end)
    return p


_NAMED_AFTER = compile_folded(
    r"(?:^|\s)[وبلف]?(?:ال)?(?:ملعب|مدرسه|تحالف|جامعه|حركه|شارع|ساحه|مستشفى|مستشفي|حي|مدينه|جسر|"
    r"ثوره|قوى|قوي|فريق|نادي|مؤسسه|ثانويه|اعداديه|كليه|معهد|مطار|ميناء|سد|قاعه|مجمع|جيل|انتفاضه|"
    r"جبهه|تيار|ائتلاف|حزب|زنقه|طريق|مركب|مخيم|حديقه|حراك|شباب|مجموعه|ذكرى\s+ثوره|كتيبه|لواء|"
    r"منظمه|جمعيه|مسجد|بنايه|عماره|اقامه|قريه|دوار|تجزئه|مصنع|محطه|استاد|ستاد|مجمع|كوبري|نفق|"
    r"ميدان|جامع|سوق|مركز|ثكنه|قاعده|معسكر|ملتقي|جائزه)\s+$"
)


_ORDINAL_OF = compile_folded(
    r"(?:^|\s)[وبل]?(?:ال)?(?:اسبوع|اسابيع|شهر|ايام|عشر|نصف|ربع|ثلث|اسدس|سداسي|ثلاثي|فصل|دور|"
    r"شوط|جوله|مرحله|دوره|طبعه|نسخه|عدد|جزء|حلقه|موسم)\s+$"
)


_NTH_AFTER_WEEKDAY = re.compile(r"\s+\w")
"""Only spaces between a weekday and the ordinal after it (``الخميس الثاني``; not
``الخميس، الثاني من …``)."""


def _nth_after_weekday(m: re.Match[str], lx: Lexicon) -> bool:
    """A weekday right before an ordinal of 1-5 or الأخير (``الخميس الثاني``): the nth such
    weekday of the month, or the day of the month when it falls on that weekday, which
    :func:`p_nth_weekday` tells apart."""
    g = _groups(m)
    return bool(g.get("wd") and g.get("dayw") and _key(g["dayw"]) in lx.nth_ordinals
                and _NTH_AFTER_WEEKDAY.match(m.string, m.end("wd"), m.start("dayw") + 1))


_NAME_AND = compile_folded(
    r"(?:^|\s)[وبلف]?(?:ال)?(?:قوى|قوي|تحالف|حركه|حركتي|ثورتي|ثوره|تياري)\s+\S+\s+\S+\s+$"
)


def _is_name(m: re.Match[str]) -> bool:
    """Is the date at ``m`` part of a name (``مدرسة 12 أكتوبر``, ``قوى 8 آذار و14 آذار``)?"""
    before = m.string[max(0, m.start() - 40) : m.start()]
    if _NAMED_AFTER.search(before[-25:]):
        return True
    return m.group(0).startswith("و") and bool(_NAME_AND.search(before))


def p_date_dmy(m: re.Match[str], lx: Lexicon) -> Partial | None:
    day = _day(m, lx)
    month = _month(m, lx)
    if day is None or month is None:
        return None
    g = _groups(m)
    if g.get("dayw") and _ORDINAL_OF.search(m.string, max(0, m.start() - 14), m.start()):
        return None  # "الأسبوع الأول من شهر مارس": the first week, not the first day
    if _nth_after_weekday(m, lx):
        return None  # "الخميس الثاني من شهر آذار": the second Thursday (nth_weekday)
    if _not_a_month(m, lx):
        return None
    if not (g.get("wd") or g.get("yawm") or g.get("deic")) and _is_name(m):
        blocked = Partial("date_dmy", m.start(), m.end(), "date", blocked=True)
        return blocked  # "مدرسة 12 أكتوبر", "حركة 20 فبراير": a name
    p = Partial("date_dmy", m.start(), m.end(), "date", month=month, day=day)
    _prefix(p, m, lx)
    if g.get("dayw") and p.deictic == 0 and not g.get("wd") and _key(g["deic"]) == "اليوم":
        p.deictic = None  # "اليوم الخامس من شهر سبعة": the fifth day, not today
    if not g.get("year") and _recurring(m):
        p.generic = True  # "يحتفل كل عام في 7 أوت": a recurring date, of no one year
    return _unparen(_year_tail(p, m, lx), m)


def p_date_numeric(m: re.Match[str], lx: Lexicon) -> Partial | None:
    g = _groups(m)
    y, mo, d = int(g["y"]), int(g["m"]), int(g["d"])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    era = _key(g["era"]) if g.get("era") else None
    hijri = (era in lx.hijri_era) if era else 1300 <= y <= 1500
    if not hijri and not 1000 <= y <= 2199:
        return None
    p = Partial("date_numeric", m.start(), m.end(), "date", year=y, month=mo, day=d)
    if hijri:
        p.calendar = "hijri"
    return _prefix(p, m, lx)


def p_month_year(m: re.Match[str], lx: Lexicon) -> Partial | None:
    month = _month(m, lx)
    if month is None:
        return None
    if _is_name(m):
        return Partial("month_year", m.start(), m.end(), "month", blocked=True)
    if _not_a_month(m, lx):
        return None
    p = Partial("month_year", m.start(), m.end(), "month", month=month)
    p.list_head = _key(_groups(m).get("shahr") or "") == "شهري"
    return _pmod(_year_tail(p, m, lx), m, lx)


_PREP_BEFORE_MONTH = compile_folded(
    r"(?:^|\s)(?:في|خلال|منذ|حتى|قبل|بعد|مطلع|اوائل|اواخر|اواسط|منتصف|بدايه|نهايه|شهري|شهر|"
    r"من|الى|ابتداء\s+من|اعتبارا\s+من|طيله|طوال)\s*$"
)


_STRONG_PREP_BEFORE_MONTH = compile_folded(
    r"(?:^|\s)[وف]?(?:في|خلال|منذ|مطلع|اوائل|اواخر|اواسط|منتصف|بدايه|نهايه|طيله|طوال)\s*$"
)
"""Words after which even a month name that is also a common name is the month."""


def p_month_bare(m: re.Match[str], lx: Lexicon) -> Partial | None:
    month = _month(m, lx)
    if month is None:
        return None
    g = _groups(m)
    p = _pmod(Partial("month_bare", m.start(), m.end(), "month", month=month), m, lx)
    p.list_head = _key(g.get("shahr") or "") == "شهري"
    name = _key(g["month"])
    if _not_a_month(m, lx):
        return None
    if _recurring(m):
        p.generic = True
    double = bool(g.get("month2"))
    before = m.string[max(0, m.start() - 20) : m.start()]
    marked = bool(g.get("shahr") or g.get("pmod")) or name in lx.numbered_months
    if double or marked or (name not in lx.risky_months and _PREP_BEFORE_MONTH.search(before)):
        return p
    glued = m.start("month") > m.start()
    if glued and name in lx.risky_months:
        p.latent = True  # "باب الواد" is a door, "لأيار" seldom a month: a glued risky name
        return p
    if _STRONG_PREP_BEFORE_MONTH.search(before):
        return p  # "في آب", "خلال ماي": a name after such words would be odd
    p.latent = True
    return p


def p_hijri_date(m: re.Match[str], lx: Lexicon) -> Partial | None:
    day = _day(m, lx)
    if day is None or day > 30:
        return None
    g = _groups(m)
    if not (g.get("wd") or g.get("yawm") or g.get("deic")) and _NAMED_AFTER.search(
        m.string[max(0, m.start() - 25) : m.start()]
    ):
        return Partial("hijri_date", m.start(), m.end(), "date", blocked=True)  # a name
    if _nth_after_weekday(m, lx) and not g.get("hyear") and not g.get("rel"):
        return None  # "الجمعة الأولى من رمضان": the first Friday, or the 1st (nth_weekday)
    p = Partial("hijri_date", m.start(), m.end(), "date", calendar="hijri", day=day,
                month=lx.hijri_months[_key(g["hmonth"])])
    if g.get("hyear"):
        p.year = int(g["hyear"])
    if g.get("rel"):
        p.direction = lx.modifiers[_key(g["rel"])]
    return _unparen(_prefix(p, m, lx), m)


_CRESCENT_BEFORE = compile_folded(r"(?:^|\s)هلال\s+$")


def p_hijri_month(m: re.Match[str], lx: Lexicon) -> Partial | None:
    g = _groups(m)
    p = Partial("hijri_month", m.start(), m.end(), "month", calendar="hijri",
                month=lx.hijri_months[_key(g["hmonth"])])
    if g.get("hyear"):
        p.year = int(g["hyear"])
    if g.get("rel"):
        p.direction = lx.modifiers[_key(g["rel"])]
    if p.year is None and p.direction is None and not g.get("shahr"):
        return None  # "رجب" alone may be a name; "شهر رجب" is the month
    if p.year is None and _CRESCENT_BEFORE.search(m.string, max(0, m.start() - 12), m.start()):
        return None  # "رؤية هلال شهر رمضان": the sighting, not a date
    return _pmod(p, m, lx)


_LAW_NUMBER_BEFORE = compile_folded(r"(?:رقم|عدد)\s*[\d./-]+\s+$")


def p_year_marked(m: re.Match[str], lx: Lexicon) -> Partial | None:
    g = _groups(m)
    if _LAW_NUMBER_BEFORE.search(m.string, max(0, m.start() - 24), m.start()):
        return None  # "القانون رقم 17 لسنة 2023": part of a law's number
    p = Partial("year_marked", m.start(), m.end(), "year", year=int(g["year"]))
    if g.get("era") and _key(g["era"]) in lx.hijri_era:
        p.calendar = "hijri"
    if g.get("head") and _key(g["head"]) in ("عامي", "سنتي", "اعوام", "سنوات"):
        p.list_head = True
    if g.get("yrel"):
        p.year_rel = lx.modifiers[_key(g["yrel"])]
        p.notes.append("year written in the text; the relative words agree with it")
    return _pmod(p, m, lx)


def p_year_era(m: re.Match[str], lx: Lexicon) -> Partial | None:
    g = _groups(m)
    p = Partial("year_era", m.start(), m.end(), "year", year=int(g["year"]))
    if _key(g["era"]) in lx.hijri_era:
        if not 1200 <= p.year <= 1600:  # type: ignore[operator]
            return None
        p.calendar = "hijri"
    return p


_YEAR_CONTEXT_BEFORE = compile_folded(
    r"(?:^|[\s(،,])(?:في|منذ|حتى|قبل|بعد|خلال|مطلع|اوائل|اواخر|اواسط|منتصف|بدايه|نهايه|"
    r"ابتداء\s+من|اعتبارا\s+من|الى|من|وفي|ومنذ|وحتى|وقبل|وبعد|لغايه|بحلول|موسم|دوره|نسخه|"
    r"حدود|حرب|نكسه|احداث|انتخابات|دستور|ميزانيه|موازنه|بعنوان|برسم|مونديال|كاس\s+العالم|"
    r"مطلع|خريف|ربيع|صيف|شتاء|اواسط|غضون|العام|عام|سنه|سنتي|عامي|غايه|حدود|"
    r"موسم|طبعه|نسخه)\s*$"
)
_VISION_BEFORE = compile_folded(r"(?:رؤيه|مئويه|افق|استراتيجيه|خطه)(?:\s+\S+){0,2}\s+$")
_YEAR_WEAK_BEFORE = compile_folded(r"(?:^|\s)[وفبل]?(?:ال|لل)\w+(?:يه|ي)\s*$")
"""An adjective before a year that ends its phrase: ``الدورة الصيفية 2024.``"""
_PHRASE_END = compile_folded(r"\s*(?:[.,،؛:)!?؟\"]|$)")
_YEAR_NOT_AFTER = compile_folded(
    r"^\s*(?:%|في\s*الم|بالم|مليون|مليار|الف|الاف|دولار|درهم|دينار|ريال|جنيه|يورو|ليره|طن|"
    r"كلم|كيلو|متر|شخص|حاله|مهاجر|لاجئ|قتيل|جريح|مصاب|عامل|طالب|تلميذ|منصب|وحده|سهم|نقطه|"
    r"صوت|مقعد|مرشح|ناخب|سجين|معتقل|اسير|فرد|اسره|عائله|مواطن|امراه|رجل|طفل|"
    r"ميغاواط|هكتار|برميل|سنتيم|فرنك|اورو|ل\.|م\s*[23²³])"
)


_COUNT_BEFORE = compile_folded(
    r"(?:^|\s)(?:بلغ|بلغت|نحو|حوالي|قرابه|زهاء|رقم|عدد|مجموع|اجمالي|قيمه|بقيمه|مبلغ|رصيد|"
    r"يناهز|تناهز|اكثر\s+من|اقل\s+من|سجل|سجلت|مسافه|ارتفاع|وزن|طول|عمق)\s*$"
)


def p_year_bare(m: re.Match[str], lx: Lexicon) -> Partial | None:
    y = int(m.group("year"))
    p = Partial("year_bare", m.start(), m.end(), "year", year=y)
    s = m.string
    if _YEAR_NOT_AFTER.match(s, m.end()) or not 1300 <= y <= 2100 or _COUNT_BEFORE.search(
        s[max(0, m.start() - 16) : m.start()]
    ):
        return None
    if y < 1800:  # a Hijri year, perhaps ("أعوام 1436 و1437 و1438 هـ"): only in a list
        p.latent = True
        return p
    before = s[max(0, m.start() - 25) : m.start()]
    in_parens = before.endswith("(") and s[m.end() : m.end() + 1] == ")"
    if _VISION_BEFORE.search(s, max(0, m.start() - 30), m.start()):
        return None  # "رؤية قطر الوطنية 2030": the name of a plan
    weak = bool(_YEAR_WEAK_BEFORE.search(before)) and bool(_PHRASE_END.match(s, m.end()))
    if not (in_parens or weak or _YEAR_CONTEXT_BEFORE.search(before)):
        p.latent = True
    return p


def p_year_pmod(m: re.Match[str], lx: Lexicon) -> Partial | None:
    g = _groups(m)
    p = Partial("year_pmod", m.start(), m.end(), "year", year=int(g["year"]))
    if g.get("era") and _key(g["era"]) in lx.hijri_era:
        p.calendar = "hijri"
    return _pmod(p, m, lx)


def p_year_hijri_word(m: re.Match[str], lx: Lexicon) -> Partial | None:
    return Partial("year_hijri_word", m.start(), m.end(), "year", calendar="hijri",
                   year=int(m.group("hyear")))


def p_day_latent(m: re.Match[str], lx: Lexicon) -> Partial | None:
    day = _day(m, lx)
    if day is None:
        return None
    if m.group("dayw") and _key(m.group("dayw")).endswith("ه"):
        return None  # feminine ordinals count hours ("من العاشرة حتى الثانية"), not days
    p = Partial("day_latent", m.start(), m.end(), "date", day=day, latent=True)
    return _prefix(p, m, lx)


_OTHER_YEAR = compile_folded(
    r"\s+(?:ال)?(?:دراسي|جامعي|مالي|قضائي|تشريعي|فلاحي|زراعي|رياضي|كروي|هجري|ميلادي|انتخابي|"
    r"الدراسي|الجامعي|المالي|القضائي|التشريعي|الفلاحي|الزراعي|الرياضي|الكروي|الانتخابي|"
    r"الكريم|المبارك|الفضيل)"
)


_TITLE_BEFORE = compile_folded(
    r"(?:المدير|مدير|النائب|نائب|الامين|امين|المدعي|مدعي|المفتش|المراقب|الكاتب|القائد|الوكيل|"
    r"المندوب|المنسق|المقرر|المحامي|المستشار|الراي|المؤتمر|الامن|النظام|القطاع|المال|الشان|"
    r"الصالح|النفع|الاضراب|الحق|العفو|الرئيس|المحاسب|المراقب|المشرف|المفوض|الممثل|الوزير)\s+$"
)


def p_relative_period(m: re.Match[str], lx: Lexicon) -> Partial | None:
    g = _groups(m)
    unit = {"اسبوع": "week", "شهر": "month", "عام": "year", "سنه": "year", "قرن": "century",
            "سيمانه": "week"}[  # السيمانة: the week in Moroccan and Algerian speech
        g["unit"]
    ]
    if g.get("this"):
        direction = "this"
    elif g.get("rel"):
        direction = lx.modifiers[_key(g["rel"])]
    else:
        direction = "this"  # "نهاية العام": a bound of the current period
        if not g.get("pmod"):
            return None
    if direction == "this" and _key(g.get("rel") or "") in ("ذاته", "نفسه", "ذاتها", "نفسها"):
        return None  # anaphora on an earlier mention, not the publication date
    if not g.get("rel") and _OTHER_YEAR.match(m.string, m.end()):
        return None  # "منتصف العام الدراسي": another kind of year
    if unit == "year" and _TITLE_BEFORE.search(m.string, max(0, m.start() - 16), m.start()):
        return None  # "المدير العام السابق": general, not a year
    p = Partial("relative_period", m.start(), m.end(), "relative", period=unit,
                direction=direction)
    if unit == "century":
        p.type = "century"
    return _pmod(p, m, lx)


_TOMORROW_BEFORE = compile_folded(
    r"(?:^|\s)(?:من|حتى|الى|يوم|اعتبارا\s+من|ابتداء\s+من|بدءا\s+من|صباح|مساء)\s+$"
)


_BECAME_BEFORE = compile_folded(
    r"(?:^|[.،,؛:!?؟\n]\s*|(?:^|\s)(?:قد|لقد|فقد|الذي|التي|حتى|ثم)\s+)$"
)


_EARLY_BEFORE = compile_folded(r"(?:وقت|وقتا|صباح|موعد|فجر|ساعه|الصباح|مبكر)\s+$")
_FOREFATHER_AFTER = compile_folded(r"\s+ابي")
_BALL_OF = compile_folded(
    r"\s+(?:ال(?!(?:صبح|صباح|مسا|مساء|ظهر|ضهر|عصر|ساعه|ليل|فجر|اثنين|ثلاثاء|اربعاء|خميس|"
    r"جمعه|سبت|احد)(?!\w))\w|(?!(?:عشيه|ليله|الساعه)(?!\w))\w+ه(?!\w))"
)
"""After بكرة, a definite noun or a feminine adjective makes it a ball (``بكرة القدم``,
``بكرة جديدة``), unless it is a time of the day or a weekday (``بكرة الصبح``)."""


def p_deictic(m: re.Match[str], lx: Lexicon) -> Partial | None:
    g = _groups(m)
    word = _key(g["deic"])
    s = m.string
    if word == "باكر" and not g.get("wd") and _EARLY_BEFORE.search(s, max(0, m.start() - 10),
                                                                      m.start()):
        return None  # "في وقت باكر", "صباح باكر": early, not tomorrow
    if word in ("بكره", "بكرا") and (
        _FOREFATHER_AFTER.match(s, m.end()) or _BALL_OF.match(s, m.end())
    ):
        return None  # "على بكرة أبيهم": all of them; "بكرة القدم": with the ball of football
    if word in ("غد", "الغد") and not (g.get("wd") or g.get("dpart")) and not (
        word == "الغد" and _TOMORROW_BEFORE.search(s, max(0, m.start() - 16), m.start())
    ):
        return None  # "أجيال الغد": the future, not tomorrow
    if not g.get("wd"):
        nxt = s[m.end() : m.end() + 12]
        if word == "امس" and re.match(r"\s+الحاج", nxt):
            return None  # "في أمس الحاجة": in dire need
        prev = s[max(0, m.start() - 12) : m.start()]
        if word == "غدا" and re.match(r"\s+ال\w", nxt) and (
            m.group(0).startswith(("و", "ف")) or _BECAME_BEFORE.search(s, max(0, m.start() - 12),
                                                                        m.start())
        ) and not re.search(r"(?:اليوم|امس|الان|الليله)\s*(?:او\s*)?$", prev):
            # "وغدا المشروع حقيقة", "فقد غدا الأمر": became; "يسقط التصويت غدا الشكل …" and
            # "اليوم وغدا الوضع …": tomorrow
            return None
    if word in (fold("اليوم"), fold("يومه"), fold("الليلة"), fold("هذا اليوم")) and not g.get("wd"):
        nxt = s[m.end() : m.end() + 12]
        if re.match(r"\s+ال\w", nxt) and not re.match(r"\s+ال(?:حالي|جمعه)", nxt):
            return None  # "اليوم العالمي", "اليوم التالي": a day named by an event
    p = Partial("deictic", m.start(), m.end(), "relative", deictic=lx.deictic[word])
    return _prefix(p, m, lx)


_RECURRING_BEFORE = compile_folded(r"(?:^|\s)(?:ايام|كل|عدا|ما\s+عدا|باستثناء)\s+(?:يوم\s+)?$")
_PRAYER_BEFORE = compile_folded(r"(?:^|\s)[وبل]?(?:صلاه|خطبه)\s+$")
_YEARLY = compile_folded(r"(?:كل\s+(?:عام|سنه)|سنويا|عاده|غالبا)[^.،,؛!?؟\n]{0,40}$")
_YEARLY_AFTER = compile_folded(r"[^.،,؛!?؟\n]{0,70}?(?:\s(?:من\s+)?كل\s+(?:عام|سنه)|\sسنويا)(?!\w)")


def _recurring(m: re.Match[str]) -> bool:
    """Is the day or month at ``m`` said of every year (``في 7 أوت من كل عام``, ``يبدأ موسم
    الأمطار في شهر يونيو ويستمر حتى أكتوبر من كل عام``, ``عادة في مطلع أغسطس``)?"""
    return bool(_YEARLY.search(m.string[max(0, m.start() - 50) : m.start()])
                or _YEARLY_AFTER.match(m.string, m.end()))


_QUOTE_OPEN = re.compile(r"[«\"“]\s*$")
_QUOTED_NAME = re.compile(r"\s+\w+\s*[»\"”]")


def p_weekday(m: re.Match[str], lx: Lexicon) -> Partial | None:
    if _RECURRING_BEFORE.search(m.string[max(0, m.start() - 16) : m.start()]):
        return None  # "عدا أيام الجمعة", "كل سبت": a recurring set, not a day
    if _PRAYER_BEFORE.search(m.string, max(0, m.start() - 8), m.start()) and not m.group(
        0
    ).startswith("يوم"):
        return None  # "صلاة الجمعة": the prayer
    if _QUOTED_NAME.match(m.string, m.end()) and _QUOTE_OPEN.search(
        m.string, max(0, m.start() - 3), m.start()
    ):
        return None  # "«الخميس الأسود»": the name of an event
    p = Partial("weekday", m.start(), m.end(), "weekday")
    if _groups(m).get("rel"):
        p.direction = lx.modifiers[_key(m.group("rel"))]
    return _prefix(p, m, lx)


def _number(g: dict[str, str | None], lx: Lexicon) -> int | None:
    if g.get("num"):
        return int(g["num"] or 0)
    if g.get("pnum"):
        return int(g["pnum"] or 0)
    if g.get("wnum"):
        return lx.cardinals.get(_key(g["wnum"] or ""))
    return None


def _iso_duration(n: int, unit: str, lx: Lexicon) -> str:
    des = lx.units[unit].designator
    if des.endswith("Y") and len(des) > 1:
        return f"P{n * int(des[:-1])}Y"
    if unit in ("hour", "minute", "second"):
        return f"PT{n}{des}"
    return f"P{n}{des}"


_QMOD = {
    fold("أكثر من"): "MORE_THAN", fold("أزيد من"): "MORE_THAN",
    fold("ما يزيد عن"): "MORE_THAN", fold("ما يزيد على"): "MORE_THAN",
    fold("أقل من"): "LESS_THAN", fold("ما لا يقل عن"): "MORE_THAN",
    fold("نحو"): "APPROX", fold("حوالي"): "APPROX", fold("قرابة"): "APPROX",
    fold("زهاء"): "APPROX", fold("ما يقارب"): "APPROX", fold("ما يناهز"): "APPROX",
    fold("قرابه"): "APPROX",
}


_AGE_BEFORE = compile_folded(
    r"(?:عمر|عمره|عمرها|عمرهم|العمر|يبلغ|تبلغ|يبلغون|البالغ|البالغه|البالغين|بلغ|بلغت|ابن|ابنه|"
    r"ذو|ذات|ناهز|يناهز|تناهز|سن|سنه|سنها|عن|يتجاوز|يتجاوزون|دون|فوق|تحت|اعمارهم|اعمارهن|"
    r"اعمار|السن|اعمارهما)"
    r"(?:\s+(?:من\s+العمر|العمر))?(?:\s+(?!(?:عاما|عام|سنه|سنوات|لمده|مده|منذ|خلال)(?!\w))"
    r"[^\s.،,؛]+){0,6}\s+(?:\(\s*)?$"
)


_EVERY_BEFORE = compile_folded(r"(?:^|\s)كل\s+$")
_AFTER_ANOTHER = compile_folded(
    r"\s+(?:بعد|تلو|وراء)\s+(?:ال)?(?:اخر\s+)?(?:يوم|عام|سنه|شهر|اسبوع)(?!\w)"
)
_AFTER_ANOTHER_BEFORE = compile_folded(r"(?:يوما|عاما|سنه|شهرا|اسبوعا)\s+(?:بعد|تلو)\s+$")


def _is_age(m: re.Match[str]) -> bool:
    """``طفل يبلغ 12 عاما``, ``(12 عاما)`` after a name: an age, not a period of time."""
    s = m.string
    before = s[max(0, m.start() - 40) : m.start()]
    if before.endswith("(") and s[m.end() : m.end() + 2].strip().startswith(")"):
        return True
    return bool(_AGE_BEFORE.search(before))




_HALF_IN = {"year": (6, "month"), "day": (12, "hour"), "hour": (30, "minute"),
            "minute": (30, "second")}
"""Half of a unit that is a whole number of the next smaller one (as ``نصف سنة`` is P6M)."""


def p_duration(m: re.Match[str], lx: Lexicon) -> Partial | None:
    g = _groups(m)
    unit_word = _key(g.get("unit") or g.get("dual") or "")
    unit, _number_form = lx.unit_of_form[unit_word]
    if g.get("dual"):
        n: int | None = 2
    elif g.get("single") is not None:
        n = 1
    else:
        n = _number(g, lx)
    if not n:
        return None
    start = m.start("unit") if g.get("lead") else m.start()
    if unit == "year" and not g.get("lead") and _is_age(m):
        return None  # an age; but "لمدة سنة" is a length of time whatever comes before
    if _EVERY_BEFORE.search(m.string, max(0, m.start() - 6), m.start()):
        return None  # "كل ست ساعات": a frequency
    if _AFTER_ANOTHER.match(m.string, m.end()) or _AFTER_ANOTHER_BEFORE.search(
        m.string, max(0, start - 14), start
    ):
        return None  # "عاما بعد عام", "يوما بعد يوم": little by little
    iso = _iso_duration(n, unit, lx)
    if g.get("half"):
        half = _HALF_IN.get(unit)
        if half is not None:  # "سنتين ونصف" = P2Y6M, "ساعة ونصف" = PT1H30M
            iso = _iso_sum([(n, unit), half], lx)
        else:  # half a week or a month is no whole number of smaller units: P1.5M
            des = lx.units[unit].designator
            if not des.isalpha():
                return None  # half a decade or century is said otherwise
            iso = f"{'PT' if unit in ('hour', 'minute', 'second') else 'P'}{n}.5{des}"
    p = Partial("duration", start, m.end(), "duration", duration=iso)
    if g.get("qmod"):
        p.mod = _QMOD.get(_key(g["qmod"] or ""))
    if g.get("past"):
        p.direction = lx.modifiers.get(_key(g["past"] or ""), "last")
    return p


def _iso_sum(pairs: list[tuple[int, str]], lx: Lexicon) -> str:
    """``[(1, "hour"), (30, "minute")]`` -> ``PT1H30M``."""
    date_order = ["year", "month", "week", "day"]
    time_order = ["hour", "minute", "second"]
    amount: dict[str, int] = {}
    for n, unit in pairs:
        if unit == "decade":
            n, unit = n * 10, "year"
        elif unit == "century":
            n, unit = n * 100, "year"
        amount[unit] = amount.get(unit, 0) + n
    out = "P" + "".join(f"{amount[u]}{lx.units[u].designator}" for u in date_order if u in amount)
    t = "".join(f"{amount[u]}{lx.units[u].designator}" for u in time_order if u in amount)
    return out + ("T" + t if t else "")


_FRACTION_OF = {
    ("نصف", "hour"): "PT30M", ("ربع", "hour"): "PT15M", ("ثلث", "hour"): "PT20M",
    ("ثلاثه ارباع", "hour"): "PT45M", ("نصف", "day"): "PT12H", ("نصف", "month"): "P15D",
    ("نصف", "year"): "P6M", ("ربع", "year"): "P3M", ("ثلث", "year"): "P4M",
    ("ثلاثه ارباع", "year"): "P9M", ("نصف", "century"): "P50Y", ("ربع", "century"): "P25Y",
    ("نصف", "decade"): "P5Y",
}


def p_duration_fraction(m: re.Match[str], lx: Lexicon) -> Partial | None:
    """``نصف ساعة`` (PT30M), ``ربع قرن`` (P25Y)."""
    unit, _ = lx.unit_of_form[_key(m.group("unit"))]
    iso = _FRACTION_OF.get((_key(m.group("frac")), unit))
    if iso is None:
        return None
    return Partial("duration_fraction", m.start(), m.end(), "duration", duration=iso)


def p_duration_compound(m: re.Match[str], lx: Lexicon) -> Partial | None:
    """``ساعة و30 دقيقة``, ``سنتين وثلاثة أشهر``: one duration of two parts."""
    g = _groups(m)
    pairs = []
    for unit_key, num_key, wkey in (("unit", "num", "wnum"), ("unit2", "num2", "wnum2")):
        unit, number = lx.unit_of_form[_key(g[unit_key] or "")]
        if number == "dual":
            n: int | None = 2
        elif g.get(num_key):
            n = int(g[num_key] or 0)
        elif g.get(wkey):
            n = lx.cardinals.get(_key(g[wkey] or ""))
        else:
            n = 1
        if not n:
            return None
        pairs.append((n, unit))
    (_, u1), (_, u2) = pairs
    order = ["century", "decade", "year", "month", "week", "day", "hour", "minute", "second"]
    if order.index(u1) >= order.index(u2):
        return None
    return Partial("duration_compound", m.start(), m.end(), "duration",
                   duration=_iso_sum(pairs, lx))


def p_from_now(m: re.Match[str], lx: Lexicon) -> Partial | None:
    g = _groups(m)
    unit_word = _key(g.get("unit") or g.get("dual") or "")
    unit, number = lx.unit_of_form[unit_word]
    n = 2 if g.get("dual") or number == "dual" else (_number(g, lx) or 1)
    p = Partial("from_now", m.start(), m.end(), "relative", period=unit,
                duration=_iso_duration(n, unit, lx))
    p.direction = "next"
    return p


def _zone(p: Partial, g: dict[str, str | None], lx: Lexicon) -> Partial:
    """Record the time zone written after a clock time, if any, and whether it is UTC."""
    if g.get("tz"):
        p.tz = True
        p.utc = _key(g["tz"] or "") in lx.zone_utc
    elif g.get("tzm"):
        name = _key(g.get("tzn") or "")
        p.tz = True
        p.utc = name.split(" ")[0] in lx.zone_utc or f"{_key(g['tzm'] or '')} {name}" in (
            lx.zone_utc
        )
    return p


def p_time_colon(m: re.Match[str], lx: Lexicon) -> Partial | None:
    g = _groups(m)
    h, mi = int(g["hh"]), int(g["mm"])
    if h > 24 or (h == 24 and mi):
        return None
    if g["sep"] != ":" and not (g.get("sa") or g.get("ap") or g.get("tz") or g.get("tzm")):
        return None  # "3.50" is a number; "8.30 مساء" and "الساعة 20,15" are times
    if g.get("ap"):
        h = _pm(h, _key(g["ap"]), lx)
    p = Partial("time_colon", m.start(), m.end(), "time", hour=h, minute=mi)
    # "02,45 ت غ", "09:30": a leading zero is the 24-hour clock's
    p.half_known = bool(g.get("ap")) or not 1 <= h < 12 or len(g["hh"]) == 2
    return _zone(p, g, lx)


def p_time_hhmm(m: re.Match[str], lx: Lexicon) -> Partial | None:
    """``0500 بتوقيت غرينتش``, ``الساعة 1430``: four digits are a time only with الساعة or a
    zone (else they are a year or a number)."""
    g = _groups(m)
    if not (g.get("sa") or g.get("tz") or g.get("tzm")):
        return None
    h, mi = int(g["hh"]), int(g["mm"])
    if g.get("ap"):
        h = _pm(h, _key(g["ap"]), lx)
    p = Partial("time_hhmm", m.start(), m.end(), "time", hour=h, minute=mi, half_known=True)
    return _zone(p, g, lx)


def _pm(h: int, part: str, lx: Lexicon) -> int:
    """The hour ``h`` (1-12) said with the part of the day ``part``, on a 24-hour clock. In
    the night, 12 is midnight and 1-5 are after it (``الواحدة ليلا`` is 01:00)."""
    add = lx.day_part_after.get(part, 0)
    if part in lx.night_parts:
        if h == 12:
            return 0
        if h <= 5:
            return h
    if add and h < 12:
        return h + add
    return h


_FRACTIONS = {"النصف": 30, "نصف": 30, "الربع": 15, "ربع": 15, "الثلث": 20, "ثلث": 20,
              "النص": 30, "نص": 30, "التلت": 20, "تلت": 20}


def _minutes(words: str, lx: Lexicon) -> int | None:
    """The minutes of ``النصف``, ``ربعا``, ``17 دقيقة`` or ``سبعة عشر دقيقة`` (the whole
    number word before the unit, compounds included)."""
    key = _key(words)
    frac = _FRACTIONS.get(key) or _FRACTIONS.get(key.rstrip("ا"))
    if frac is not None:
        return frac
    if key in lx.cardinals:  # "الساعة تسعة وعشرة": spoken minutes without the unit
        return lx.cardinals[key]
    number = key.rsplit(" ", 1)[0]
    return int(number) if number.isdigit() else lx.cardinals.get(number)


_BETWEEN_BEFORE = compile_folded(r"(?:^|\s)[وف]?بين\s+$")
_HOUR_ALONE = compile_folded(
    r"(?:[وف]?[بلك]|[وف])?(?:(?P<sa>الساعه)\s+)?(?P<hw>\S+)$"
)
"""The clock hour of a match cut before its minutes (groups as :func:`p_time_words` reads)."""
_PLURALS = tuple(fold(w) for w in ("ساعات", "أيام", "ليالي", "أسابيع"))


def _plural_before(t: str, start: int) -> bool:
    """Does a plural of hours, days, nights or weeks and a space end ``t[:start]``?

    Read backwards from ``start`` with str methods: a regex searched over ``t[:start]``
    scanned the whole text before it, once per clock time (quadratic on a long text)."""
    i = start
    while i and t[i - 1].isspace():
        i -= 1
    return i < start and t.endswith(_PLURALS, 0, i)


def p_time_words(m: re.Match[str], lx: Lexicon) -> Partial | None:
    g = _groups(m)
    latent = not (g.get("sa") or g.get("ap") or g.get("apx") or g.get("frac") or g.get("minus"))
    if g.get("apx") and not g.get("sa") and _plural_before(m.string, m.start()):
        return None  # "الساعات الأولى من صباح اليوم": the early hours, not one o'clock
    hw = _key(g["hw"])
    if latent and hw.isdigit():
        return None  # a bare number is no clock time
    if hw in lx.hour_cardinals and hw not in lx.hour_ordinals and not g.get("sa"):
        return None  # "خمسة مساء الأحد" are five people; "الساعة خمسة" is five o'clock
    ap = _key(g["ap"]) if g.get("ap") else None
    if ap in lx.spoken_day_parts and not (g.get("sa") or g.get("frac") or g.get("minus")):
        return None  # "المرتبة الثانية بعد المغرب": a rank after Morocco
    if (g.get("bmin") or g.get("bminus")) and (
        not g.get("sa") or _BETWEEN_BEFORE.search(m.string, max(0, m.start() - 8), m.start())
    ):  # "بين الساعة تسعة وعشرة" is between nine and ten, not 9:10: the hour alone
        full = _HOUR_ALONE.match(m.string, m.start(), m.end("hw"))
        return p_time_words(full, lx) if full else None
    h = int(hw) if hw.isdigit() else lx.hour_ordinals.get(hw) or lx.hour_cardinals.get(hw)
    if h is None or h > 24:
        return None
    mi = 0
    if g.get("frac"):
        mi = _minutes(g["frac"], lx) or 0
    if ap:
        h = _pm(h, ap, lx)
    if g.get("minus"):  # "الثانية عشرة إلا عشر دقائق ظهرا" is 11:50, not 23:50
        before = _minutes(g["minus"], lx)
        if not before or before >= 60:
            return None
        h, mi = (h - 1) % 24, 60 - before
        if h == 0 and not ap:
            h = 12  # "الواحدة إلا ربعا": 12:45 (or 00:45; nothing says which)
    if mi >= 60:
        return None
    p = Partial("time_words", m.start(), m.end(), "time", hour=h % 24, minute=mi, latent=latent)
    p.half_known = bool(g.get("ap"))
    if g.get("ap") and "اليوم" in g["ap"]:
        p.deictic = 0  # "مساء اليوم": today's evening
    return _zone(p, g, lx)


def p_time_minutes(m: re.Match[str], lx: Lexicon) -> Partial | None:
    """A clock time made one by its minutes (``الخامسة وسبعة عشر دقيقة``): the hour is a
    feminine ordinal (as hours are: ``الساعة الخامسة``), so that ``الشوط الأول و20 دقيقة``
    stays a length of time."""
    g = _groups(m)
    if not (g.get("frac") or g.get("minus")):
        return None
    hw = _key(g["hw"])
    if not g.get("sa") and not (hw.endswith("ه") and hw in lx.hour_ordinals):
        return None
    return p_time_words(m, lx)


def p_time_special(m: re.Match[str], lx: Lexicon) -> Partial | None:
    g = _groups(m)
    w = _key(g["sp"])
    if w in ("الصفر", "صفر"):
        if not g.get("sa"):
            return None
        return Partial("time_special", m.start(), m.end(), "time", hour=0, minute=0,
                       half_known=True)
    if w.endswith("الليل"):
        if _AFTER_WORD.search(m.string, max(0, m.start() - 6), m.start()):
            # "بعد منتصف الليل": the start of the next day
            return Partial("time_special", m.start(), m.end(), "time", hour=0, minute=0,
                           half_known=True)
        return Partial("time_special", m.start(), m.end(), "time", hour=24, minute=0,
                       midnight_end=True, half_known=True)
    return Partial("time_special", m.start(), m.end(), "time", hour=12, minute=0,
                   half_known=True)


_AFTER_WORD = compile_folded(r"(?:^|\s)[وف]?بعد\s+$")


_DECADES = {"عشرين": 2, "ثلاثين": 3, "اربعين": 4, "خمسين": 5, "ستين": 6, "سبعين": 7,
            "ثمانين": 8, "تسعين": 9}


_MEASURE_BEFORE = compile_folded(
    r"(?:حراره|الحراره|درجه|درجات|الحرارة|سرعه|السرعه|الزئبق|عمره|عمرها|عمرهم|العمر|سنه|سن|"
    r"عقده|عقدها|بلغ|بلغت|تلامس|يلامس|تتجاوز|يتجاوز|تناهز|يناهز|تقارب|يقارب)"
    r"(?:\s+\S+){0,2}\s+(?:في\s+)?(?:حدود\s+)?$"
)


def p_decade(m: re.Match[str], lx: Lexicon) -> Partial | None:
    if _MEASURE_BEFORE.search(m.string, max(0, m.start() - 40), m.start()):
        return None  # "حرارة تلامس الأربعينات", "في الأربعينات من عمره": a measure, an age
    if re.match(r"\s+من\s+(?:ال)?عمر", m.string[m.end():m.end() + 12]):
        return None
    g = _groups(m)
    p = Partial("decade", m.start(), m.end(), "decade", decade=_DECADES[g["dec"]])
    if g.get("cord"):
        p.century = lx.day_ordinals.get(_key(g["cord"]))
    elif g.get("cnum"):
        p.century = int(g["cnum"])
    elif g.get("crel"):
        p.direction = lx.modifiers.get(_key(g["crel"]), "last")
        p.period = "century"
    return _pmod(p, m, lx)


def p_century(m: re.Match[str], lx: Lexicon) -> Partial | None:
    g = _groups(m)
    n = lx.day_ordinals.get(_key(g["cord"])) if g.get("cord") else int(g["cnum"])
    if not n or n > 22:
        return None
    return _pmod(Partial("century", m.start(), m.end(), "century", century=n), m, lx)


_FEAST_DAYS = {
    fold("أول أيام"): 0, fold("أول يوم"): 0, fold("اول ايام"): 0, fold("يوم"): 0,
    fold("ثاني أيام"): 1, fold("ثالث أيام"): 2, fold("رابع أيام"): 3,
    fold("اليوم الأول"): 0, fold("اليوم الثاني"): 1, fold("اليوم الثالث"): 2,
    fold("ثاني يوم"): 1, fold("تاني يوم"): 1, fold("ثالث يوم"): 2, fold("تالت يوم"): 2,
    fold("تاني أيام"): 1, fold("تالت أيام"): 2, fold("رابع يوم"): 3,
}
_RAMADAN_BEFORE = compile_folded(
    r"(?:^|[(،,.:؛\"-]|(?:^|\s)[وف]?(?:في|خلال|قبل|بعد|طوال|طيله|حلول|بدايه|نهايه|منتصف|اواخر|"
    r"مطلع|اوائل|شهر|حتى|منذ|ليالي|ايام|صيام|صوم|افطار|سحور|موائد))\s*$"
)


def p_ramadan(m: re.Match[str], lx: Lexicon) -> Partial | None:
    """``رمضان`` alone is also a first name: a month only after a time word, at the start of
    a phrase, or with a year or a modifier."""
    g = _groups(m)
    before = m.string[max(0, m.start() - 12) : m.start()]
    if not (g.get("hyear") or g.get("rel") or g.get("hday")) and not _RAMADAN_BEFORE.search(
        before
    ):
        return None
    if not g.get("hyear") and _CRESCENT_BEFORE.search(m.string, max(0, m.start() - 12),
                                                     m.start()):
        return None  # "رؤية هلال رمضان": the sighting; "هلال رمضان 1445" names the month
    spec = ("hijri_month", 9, 0)
    p = Partial("holiday", m.start(), m.end(), "holiday", holiday="رمضان", holiday_spec=spec,
                calendar="hijri")
    return _holiday_tail(p, g, lx)


def p_holiday(m: re.Match[str], lx: Lexicon) -> Partial | None:
    g = _groups(m)
    spec = holidays()[_key(g["holi"])]
    if spec[0] == "hijri_month" and not g.get("hyear") and _CRESCENT_BEFORE.search(
        m.string, max(0, m.start() - 12), m.start()
    ):
        return None  # "رؤية هلال شهر رمضان": the sighting; with its year it names the month
    if spec[0] == "gregorian" and _BIRTHDAY_AFTER.match(m.string, m.end("holi")):
        return None  # "عيد الميلاد الستين للملك": a birthday, not Christmas
    p = Partial("holiday", m.start(), m.end(), "holiday", holiday=_key(g["holi"]),
                holiday_spec=spec)
    return _holiday_tail(p, g, lx)


_BIRTHDAY_AFTER = compile_folded(
    r"\s*(?:ال\s*ـ?\s*)?(?:\d{1,3}(?!\d)|"
    + alt(k for k, n in lexicon().cardinals.items() if n >= 10) + r"|"
    + alt(k for k, n in lexicon().day_ordinals.items() if n > 1) + r")"
)
"""A number after عيد الميلاد makes it a birthday (``عيد الميلاد الستين``, ``الـ80``)."""


_PRAYER_OF = compile_folded(r"(?:^|\s)[وبل]?(?:صلاه|خطبه|مصلي|مصلى|اضحيه|اضاحي|كبش|كسوه|ملابس|"
                            r"حلويات|تهاني|تهنئه|بطاقات)\s+$")


def p_feast_anaphor(m: re.Match[str], lx: Lexicon) -> Partial | None:
    """``قبل العيد``, ``خلال فترة العيد``, ``أول أيام العيد``: the feast the text spoke of."""
    if _PRAYER_OF.search(m.string, max(0, m.start() - 12), m.start()):
        return None  # "صلاة العيد", "أضحية العيد": the prayer, the sacrifice
    g = _groups(m)
    offset = _FEAST_DAYS.get(_key(g.get("hday") or ""), 0)
    p = Partial("feast_anaphor", m.start(), m.end(), "holiday", anaphora=True, shift=offset)
    p.notes.append("the feast the text spoke of before")
    return p


def _holiday_tail(p: Partial, g: dict[str, str | None], lx: Lexicon) -> Partial | None:
    spec = p.holiday_spec
    assert spec is not None
    if g.get("hday"):
        offset = _FEAST_DAYS[_key(g["hday"] or "")]
        if spec[0] == "hijri_month":
            spec = ("hijri", spec[1], 1 + offset)
        else:
            spec = (spec[0], spec[1], spec[2] + offset)
        p.holiday_spec = spec
    if spec[0] in ("hijri", "hijri_month"):
        p.calendar = "hijri"
    if g.get("hyear"):
        y = int(g["hyear"] or 0)
        hijri_spec = spec[0].startswith("hijri")
        if (hijri_spec and 1300 <= y <= 1600) or (not hijri_spec and 1000 <= y <= 2199):
            p.year = y
        elif hijri_spec and 1900 <= y <= 2100:
            p.gregorian_year = y
        else:
            return None
    if g.get("rel"):
        p.direction = lx.modifiers[_key(g["rel"] or "")]
    if g.get("pmod"):
        k = _key(g["pmod"] or "")
        mod = lx.period_mods.get(k)
        if mod is None:
            return None
        p.mod = mod
    return p


def p_anaphora_day(m: re.Match[str], lx: Lexicon) -> Partial | None:
    g = _groups(m)
    day = _day(m, lx)
    if day is None:
        return None
    if _nth_after_weekday(m, lx):
        return None  # "الثلاثاء الثاني من الشهر المقبل": the second Tuesday (nth_weekday)
    p = Partial("anaphora_day", m.start(), m.end(), "date", day=day)
    which = _key(g.get("which") or "")
    if which and "الشهر" not in m.group(0) and g.get("dayw"):
        return None  # "الثاني المقبل" is not a day of a month
    if g.get("same") or which in ("ذاته", "نفسه"):
        p.anaphora = True
        p.notes.append("month of the date mentioned just before")
    else:
        p.period = "month"
        p.direction = lx.modifiers.get(which, "this")
    return _prefix(p, m, lx)


def p_anaphora_same(m: re.Match[str], lx: Lexicon) -> Partial | None:
    """``نفس اليوم``, ``العام نفسه``: the day, month or year mentioned just before."""
    g = _groups(m)
    unit = {"يوم": "day", "شهر": "month", "عام": "year", "سنه": "year", "اسبوع": "week"}[
        g.get("u") or g.get("u2") or ""
    ]
    kinds: dict[str, MentionType] = {
        "day": "date", "month": "month", "year": "year", "week": "relative",
    }
    kind = kinds[unit]
    p = Partial("anaphora_same", m.start(), m.end(), kind, period=unit, anaphora=True)
    p.notes.append(f"the {unit} of the date mentioned just before")
    return p


_ANAPHOR_UNITS = {"يوم": "day", "ليله": "day", "تاريخ": "date", "شهر": "month", "عام": "year",
                  "سنه": "year", "اسبوع": "week"}
_ANAPHOR_SHIFT = {fold(w): n for w, n in {
    "الموالي": 1, "الموالية": 1, "التالي": 1, "التالية": 1, "اللاحق": 1, "اللاحقة": 1,
    "سبقه": -1, "سبقها": -1, "تلاه": 1, "تلاها": 1, "يليه": 1, "يليها": 1}.items()}


_EVENT_AFTER = compile_folded(r"\s*(?:ل\w|على\s|عن\s)")


def p_anaphora_that(m: re.Match[str], lx: Lexicon) -> Partial | None:
    """``ذلك اليوم``, ``هذا التاريخ``, ``اليوم الموالي``, ``الشهر الذي سبقه``: the day (date,
    month, year, week) the narrative last set, or the one after or before it."""
    g = _groups(m)
    unit = _ANAPHOR_UNITS[g.get("u") or g.get("u2") or g.get("u3") or g.get("u4") or "يوم"]
    shift = _ANAPHOR_SHIFT.get(_key(g.get("shift") or ""), 0)
    if g.get("prev"):
        if _EVENT_AFTER.match(m.string, m.end()):
            return None  # "اليوم السابق للانتخابات": the day before an event, not a date
        shift = -1
    p = Partial("anaphora_that", m.start(), m.end(), "relative", period=unit, anaphora=True,
                shift=shift)
    if g.get("prev"):
        p.untold_shift = -1  # with no day told before, "the previous day" is yesterday
    what = {"day": "day", "date": "date", "month": "month", "year": "year", "week": "week"}[unit]
    p.notes.append(
        f"the {what} the narrative last set" if not shift
        else f"the {what} {'after' if shift > 0 else 'before'} the one the narrative last set"
    )
    return p


def p_same_period(m: re.Match[str], lx: Lexicon) -> Partial | None:
    """``الفترة ذاتها من العام الماضي``: the period just spoken of, in another year."""
    g = _groups(m)
    what = _key(g.get("what") or g.get("what2") or "")
    p = Partial("same_period", m.start(), m.end(), "relative", anaphora=True)
    p.period = "day" if what in ("تاريخ", "يوم") else "month" if what == "شهر" else "period"
    if g.get("year"):
        p.year = int(g["year"])
    if g.get("yrel"):
        p.year_rel = lx.modifiers[_key(g["yrel"])]
    p.notes.append("the period mentioned just before, in the year the text names")
    return p


def p_this_day_of(m: re.Match[str], lx: Lexicon) -> Partial | None:
    """``في مثل هذا اليوم من عام 1973``: the publication date's day and month, that year."""
    p = Partial("this_day_of", m.start(), m.end(), "date", year=int(m.group("year")))
    p.period = "day_of_year"
    p.notes.append("day and month of the publication date")
    return p


def _month_ref(p: Partial, m: re.Match[str], lx: Lexicon) -> Partial | None:
    """Fill in the month (or year) a ``{MREF}``/``{YREF}``/``{HMONTH}`` names: a month and its
    year (``شهر تسعة سنة 2021``, ``مايو المقبل``), a month relative to the publication date
    (``الشهر الجاي``: ``period`` month and a direction), a Hijri month (``رمضان``), a year
    (``السنة الجاية``, ``عام 2021``: ``period`` year). None when the month is not one."""
    g = _groups(m)
    if (g.get("yunit") or g.get("mbare")) and not (g.get("yrel2") or g.get("mrel")) and (
        _OTHER_YEAR.match(m.string, m.end())
    ):
        return None  # "آخر يوم من العام الدراسي", "آخر جمعة من الشهر الكريم": other periods
    if g.get("month"):
        month = _month(m, lx)
        if month is None or _not_a_month(m, lx):
            return None
        p.month = month
        return _year_tail(p, m, lx)
    if g.get("hmonth"):
        p.calendar = "hijri"
        p.month = lx.hijri_months[_key(g["hmonth"])]
        if g.get("hyear"):
            p.year = int(g["hyear"])
        return p
    if g.get("year2"):
        p.year = int(g["year2"])
        p.period = "year"
        return p
    if g.get("yunit"):
        p.period = "year"
        p.direction = lx.modifiers[_key(g["yrel2"])] if g.get("yrel2") else "this"
        return p
    p.period = "month"
    p.direction = lx.modifiers[_key(g["mrel"])] if g.get("mrel") else "this"
    return p


def p_nth_weekday(m: re.Match[str], lx: Lexicon) -> Partial | None:
    """``الأحد الأخير من أيلول``, ``الجمعة الرابعة من مايو``, ``ثاني خميس في تشرين الثاني``,
    ``آخر جمعة من رمضان``: the nth (or last) such weekday of the month. After a weekday an
    ordinal of 1-5 may also be the day of the month (``يوم الأحد الأول من ذي القعدة``): ``day``
    keeps that reading, and the value takes it when that day falls on the weekday."""
    g = _groups(m)
    p = Partial("nth_weekday", m.start(), m.end(), "date")
    if g.get("cnth"):
        p.nth = lx.construct_ordinals[_key(g["cnth"])]
        if p.nth > 5:
            return None
        p.weekday = bare_weekdays()[_key(g["wdb"])]
    else:
        p.nth = lx.nth_ordinals[_key(g["nth"])]
        p.weekday = lx.weekdays[_key(g["wd"])]
        if p.nth > 0:
            p.day = p.nth
    if _month_ref(p, m, lx) is None:
        return None
    if g.get("deic"):  # "غدا الاثنين الأول من رمضان": tomorrow is the first, not a Monday's rank
        if p.day is None:
            return None
        p.deictic = lx.deictic[_key(g["deic"])]
        p.nth = None
    if p.period == "year":
        if p.year is None and not g.get("yal"):
            return None  # "من عام" with no year is no period
        p.day = None  # the day of the month is no reading in a year
    return p


def p_nth_unit(m: re.Match[str], lx: Lexicon) -> Partial | None:
    """``أول أسبوع بشهر مارس 2020`` (a week), ``آخر يوم بشهر تسعة سنة 2021``, ``الأسبوع
    الأخير في الشهر السادس``, ``خامس يوم من شهر تسعة``, ``آخر يوم من السنة``: the nth (or
    last) day or week of a month or a year."""
    g = _groups(m)
    unit = _key(g.get("unit") or g.get("unit2") or "")
    if g.get("cnth"):
        nth = lx.construct_ordinals[_key(g["cnth"])]
    else:
        nth = lx.nth_ordinals[_key(g["nth"])]
        if unit == "يوم" and nth > 0:
            return None  # "اليوم الخامس من شهر سبعة" is a date (date_dmy)
        if unit == "اسبوع" and _key(g["conn"] or "") == "من" and nth in (1, -1):
            return None  # "الأسبوع الأول من شهر مارس": the start of March (a period mod)
    if unit == "اسبوع" and nth > 5:
        return None
    p = Partial("nth_unit", m.start(), m.end(), "date", nth=nth)
    p.shift = 7 if unit == "اسبوع" else 1  # the unit, in days
    if _month_ref(p, m, lx) is None:
        return None
    if p.period == "year" and p.year is None and not g.get("yal"):
        return None
    return p


def p_week_weekday(m: re.Match[str], lx: Lexicon) -> Partial | None:
    """``خميس الأسبوع المقبل``, ``الجمعة من هذا الأسبوع``, ``سبت الأسبوع المنصرم``: the
    weekday of the (ISO, Monday to Sunday) week the text names."""
    g = _groups(m)
    weekday = lx.weekdays[_key(g["wd"])] if g.get("wd") else bare_weekdays()[_key(g["wdb"])]
    before = m.string[max(0, m.start() - 16) : m.start()]
    if _RECURRING_BEFORE.search(before) or _PRAYER_BEFORE.search(before[-8:]):
        return None  # "صلاة الجمعة هذا الأسبوع": the prayer; "كل خميس من الأسبوع": a set
    if g.get("rel"):
        direction = lx.modifiers[_key(g["rel"])]
    elif g.get("wthis"):
        direction = "this"
    else:
        return None
    if _key(g.get("rel") or "") in ("ذاته", "نفسه", "ذاتها", "نفسها"):
        return None  # the week of an earlier mention
    p = Partial("week_weekday", m.start(), m.end(), "weekday", weekday=weekday,
                period="week", direction=direction)
    return p


def p_month_first_range(m: re.Match[str], lx: Lexicon) -> Partial | None:
    """``مارس 4-6``, ``آذار 4 إلى 6``: the month before its days (as schedules write it)."""
    g = _groups(m)
    month = _month(m, lx)
    if month is None or _not_a_month(m, lx):
        return None
    d1, d2 = int(g["day"]), int(g["day2"])
    if d1 >= d2:
        return None
    a = Partial("month_first_range", m.start(), m.start("day2"), "date", month=month, day=d1)
    b = Partial("month_first_range", m.start("day2"), m.end(), "date", month=month, day=d2)
    _year_tail(b, m, lx)
    a.year = b.year
    p = Partial("month_first_range", m.start(), m.end(), "range", range_of=(a, b))
    return p


_LAW_WORDS_BEFORE = compile_folded(
    r"(?:رقم|عدد|قانون|القانون|مرسوم|المرسوم|قرار|القرار|ظهير|الظهير|منشور|المنشور|دوريه|"
    r"الدوريه|الفصل|الماده|ملف|الملف|قضيه|القضيه|تعميم|التعميم|امر|الامر)\s*$"
)


def p_month_numeric(m: re.Match[str], lx: Lexicon) -> Partial | None:
    """``6/2019``, ``06/2019``: a month and its year in digits (never after a law or file
    number word: ``القانون رقم 6/2019``)."""
    g = _groups(m)
    if _LAW_WORDS_BEFORE.search(m.string, max(0, m.start() - 12), m.start()):
        return None
    return Partial("month_numeric", m.start(), m.end(), "month", month=int(g["m"]),
                   year=int(g["y"]))


def p_weekday_holiday(m: re.Match[str], lx: Lexicon) -> Partial | None:
    """``ثاني جمعة بعد عيد الفطر``, ``الجمعة الأخيرة قبل عيد الميلاد``: the nth such weekday
    after (or before) a holiday."""
    g = _groups(m)
    if g.get("cnth"):
        nth = lx.construct_ordinals[_key(g["cnth"])]
        weekday = bare_weekdays()[_key(g["wdb"])]
    else:
        nth = lx.nth_ordinals[_key(g["nth"])]
        weekday = lx.weekdays[_key(g["wd"])]
    after = _key(g["hrel"]) == "بعد"
    if nth == -1:
        if after:
            return None  # "آخر جمعة بعد العيد" names no day
        nth = 1  # "آخر جمعة قبل العيد": the first one counting back
    if nth > 5:
        return None
    spec = holidays()[_key(g["holi"])]
    p = Partial("weekday_holiday", m.start(), m.end(), "date", weekday=weekday, nth=nth,
                holiday=_key(g["holi"]), holiday_spec=spec, shift=1 if after else -1)
    if spec[0] in ("hijri", "hijri_month"):
        p.calendar = "hijri"
    if g.get("hyear"):
        y = int(g["hyear"])
        if spec[0].startswith("hijri") and 1900 <= y <= 2100:
            p.gregorian_year = y
        elif spec[0].startswith("hijri") != (1900 <= y <= 2100):
            p.year = y
        else:
            return None
    return p


_PREGNANCY_BEFORE = compile_folded(
    r"(?:حامل|حامله|الحامل|حمل|الحمل|حملها|حاملا)(?:\s+\S+){0,2}\s+$"
)
_PREGNANCY_AFTER = compile_folded(r"\s+(?:من\s+)?(?:ال)?حمل")
_PLURAL_COUNT_AFTER = compile_folded(
    r"\s+(?:اشخاص|حالات|قتلى|جرحى|مصابين|اصابات|وفيات|مرات|طلاب|تلاميذ|عمال|اطفال|نساء|رجال|"
    r"منازل|سيارات|ملايين|الاف|دولارات|دراهم|دنانير|ريالات|جنيهات)(?!\w)"
)
_ORDINAL_MONTH_NOT_AFTER = compile_folded(
    r"\s+(?:من|على|بعد|قبل|منذ|ل\w+)(?!\w)(?!\s+(?:ال)?(?:عام|سنه)\s)(?!\s+\d{4})"
)


def _not_a_month(m: re.Match[str], lx: Lexicon) -> bool:
    """Is the month named by its number at ``m`` something else: a month of pregnancy
    (``حامل في شهر 7``, ``في الشهر السابع من الحمل``), or an ordinal month of some other
    period (``للشهر الثالث على التوالي``, ``الشهر الأول من ولايته``)?"""
    name = _key(m.group("month"))
    if name not in lx.numbered_months:
        return False
    s = m.string
    start, end = m.start("month"), m.end("month")
    if _PREGNANCY_BEFORE.search(s, max(0, start - 30), start) or _PREGNANCY_AFTER.match(s, end):
        return True
    if name not in lx.ordinal_months and (
        _YEAR_NOT_AFTER.match(s[end : end + 24]) or _PLURAL_COUNT_AFTER.match(s, end)
    ):
        return True  # "سجلت خلال شهر 12 حالة": a month, then a count
    if name in lx.ordinal_months:
        g = _groups(m)
        if g.get("year") or g.get("yrel") or g.get("rel"):
            return False
        return bool(_ORDINAL_MONTH_NOT_AFTER.match(s, end))
    return False


_SEASONS = {"صيف": "SU", "صائفه": "SU", "شتاء": "WI", "ربيع": "SP", "خريف": "FA"}


def p_season(m: re.Match[str], lx: Lexicon) -> Partial | None:
    g = _groups(m)
    p = Partial("season", m.start(), m.end(), "year", year=int(g["year"]))
    p.period_part = _SEASONS[g["season"]]
    return p


def p_season_said(m: re.Match[str], lx: Lexicon) -> Partial | None:
    """``الخريف الماضي``, ``هذا الصيف``, ``صيف العام الماضي``, ``صيف ذلك العام``: a season
    placed by a word, not by a year (``الصيف`` alone is any summer: no mention)."""
    g = _groups(m)
    p = Partial("season_said", m.start(), m.end(), "year")
    p.period_part = _SEASONS[g["season"]]
    if g.get("this"):
        p.direction = "this"
    elif g.get("rel"):
        p.direction = lx.modifiers[_key(g["rel"])]
    elif g.get("yrel"):
        p.year_rel = lx.modifiers[_key(g["yrel"])]
    elif g.get("that"):
        p.year_same = True
    else:
        return None
    return p


_QUARTER_WORDS = {k: v for k, v in PERIOD_PHRASES.items() if not k.endswith(" من")
                  and v[0] in "QH"}


def p_period_bare(m: re.Match[str], lx: Lexicon) -> Partial | None:
    """``الربع الثاني``, ``الثلاثية الرابعة``: a quarter (half) of the year the text is on."""
    p = Partial("period_bare", m.start(), m.end(), "year")
    p.period_part = _QUARTER_WORDS[_key(m.group("qp"))]
    return p


# ----------------------------------------------------------------------------- the rules

RULE_SOURCES: list[tuple[str, str, Production]] = [
    (
        "date_dmy",
        r"{B}{CL}{PREFIX}(?P<lp>\(\s*)?(?:ال\s*)?(?:{DAYNUM}|{DAYORD})(?:\s+من)?\s*(?:شهر\s+)?{MONTHS}"
        r"(?:{YEARPART}|{YEARREL}|\s*{REL}|\s+من\s+(?P<mcur>(?:ال)?شهر\s+(?:الجاري|الحالي)))?"
        r"(?(lp)\s*\))",
        p_date_dmy,
    ),
    (
        "date_numeric",
        r"{B}{CL}{PREFIX}(?<![\d/.-])(?P<d>\d{{1,2}})\s*(?P<sep>[/.-])\s*(?P<m>\d{{1,2}})\s*(?P=sep)"
        r"\s*(?P<y>\d{{4}})(?![\d/.-]\d)" + r"{ERA}",
        p_date_numeric,
    ),
    (
        "date_iso",
        r"{B}{CL}{PREFIX}(?<![\d/.-])(?P<y>\d{{4}})(?P<sep>[/-])(?P<m>\d{{1,2}})(?P=sep)"
        r"(?P<d>\d{{1,2}})(?![\d/.-]\d)(?!\d)" + r"{ERA}",
        p_date_numeric,
    ),
    (
        "month_year",
        r"{B}{CL}(?:{PMOD}\s+)?(?P<shahr>شهري?\s+)?{MONTHS}(?:{YEARPART}|{YEARREL}|\s*{REL})",
        p_month_year,
    ),
    (
        "month_bare",
        r"{B}{CL}(?:{PMOD}\s+)?(?P<shahr>شهري?\s+)?{MONTHS}",
        p_month_bare,
    ),
    (
        "hijri_date",
        r"{B}{CL}{PREFIX}(?P<lp>\(\s*)?(?:{DAYNUM}|{DAYORD})(?:\s+من)?\s*(?:شهر\s+)?{HMONTH}"
        r"(?:(?:\s+من)?(?:\s+(?:ل?عام|ل?سنه))?\s+{HYEAR})?{HERA}(?:\s*{REL})?(?(lp)\s*\))",
        p_hijri_date,
    ),
    (
        "hijri_month",
        r"{B}{CL}(?:{PMOD}\s+(?:من\s+)?)?(?P<shahr>شهر\s+)?{HMONTH}"
        r"(?:(?:\s+(?:من\s+)?(?:ل?عام|ل?سنه))?\s+{HYEAR}{HERA}|\s*{REL})?",
        p_hijri_month,
    ),
    (
        "year_marked",
        r"{B}{CL}(?:{PMOD}\s+(?:ل|ال)?)?(?:ال|(?<=ل)ل)?(?P<head>عامي|سنتي|عام|سنه|اعوام|سنوات)\s+(?:{YREL}\s+)?"
        r"{YEAR}{ERA}",
        p_year_marked,
    ),
    ("year_era", r"{B}{CL}{YEAR}\s*(?P<era>" + alt(lexicon().hijri_era | lexicon().gregorian_era)
     + r")(?!\w)", p_year_era),
    ("year_bare", r"{B}{CL}{YEAR}", p_year_bare),
    ("year_pmod", r"{B}{CL}{PMOD}\s+(?:من\s+)?{YEAR}{ERA}", p_year_pmod),
    (
        "year_hijri_word",
        r"{B}{CL}(?:ال)?(?:عام|سنه)\s+(?:ال)?هجري(?:ه)?\s+{HYEAR}",
        p_year_hijri_word,
    ),
    (
        "day_latent",
        r"{B}{CL}(?:(?P<yawm>يوم|يومي|ايام)\s+)?(?:{WD}\s*[،,]?\s*)?(?:ال\s*)?(?:{DAYNUM}|{DAYORD})"
        r"(?=\s*(?:-|و|الى|حتى|لغايه|،|,))",
        p_day_latent,
    ),
    (
        "relative_period",
        r"{B}{CL}(?:{PMOD}\s+(?:من\s+)?)?(?:(?P<this>هذا|هذه)\s+)?(?:ال|(?<=ل)ل)"
        r"(?P<unit>اسبوع|شهر|عام|سنه|قرن|سيمانه)"
        r"(?:\s*{REL})?",
        p_relative_period,
    ),
    (
        "deictic",
        r"{B}{CL}(?:{DPART}\s+)?{DEIC}(?:\s*[،,]?\s*(?P<lp>\()?\s*{WD}(?(lp)\s*\)))?",
        p_deictic,
    ),
    ("weekday", r"{B}{CL}(?:{DPART}\s+)?(?:(?P<yawm>يوم|نهار)\s+)?{WD}(?:\s*{REL})?", p_weekday),
    (
        "duration",
        r"{B}{CL}(?:(?P<qmod>" + alt(_QMOD) + r")\s+)?"
        r"(?:(?<![\d.,/:-])(?P<num>\d{{1,4}})(?![\d.,%])\s*|\(\s*(?P<pnum>\d{{1,4}})\s*\)\s*|{CARD}\s+)"
        r"{UNIT}(?P<half>\s+و\s*(?:ال)?نصف(?:\s+(?:ال)?(?:{HALFUNIT}))?(?!\w))?",
        p_duration,
    ),
    (
        "duration_dual",
        r"{B}{CL}(?:(?P<qmod>" + alt(_QMOD) + r")\s+)?{DUAL}"
        r"(?P<half>\s+و\s*(?:ال)?نصف(?:\s+(?:ال)?(?:{HALFUNIT}))?(?!\w))?",
        p_duration,
    ),
    (
        "duration_one",
        r"{B}{CL}(?P<single>)(?P<unit>يوما|يوم|اسبوعا|اسبوع|شهرا|شهر|سنه|عاما|عام|ساعه|دقيقه|عقدا|عقد|قرنا|قرن)"
        r"(?:\s+(?:واحد|واحده|واحدا)|(?P<half>\s+و\s*(?:ال)?نصف(?:\s+(?:ال)?(?:{HALFUNIT}))?)"
        r"|\s+على\s+الاقل)(?!\w)",
        p_duration,
    ),
    (
        "duration_approx_one",
        r"{B}{CL}(?P<qmod>" + alt(_QMOD) + r")\s+(?P<single>)(?P<unit>يوم|اسبوع|شهر|سنه|عام|ساعه|"
        r"دقيقه|عقد|قرن)(?!\w)",
        p_duration,
    ),
    (
        "duration_bi",
        r"{B}[وف]?ب(?P<single>)(?P<unit>يوم|اسبوع|شهر|سنه|عام|ساعه|دقيقه|عقد)"
        r"(?=\s*(?:[.,،؛:!?؟)]|$|(?:فقط|واحد|واحده|او|ثم|من|على|عن|قبل|بعد)(?!\w)))",
        p_duration,
    ),
    (
        "duration_fraction",
        r"{B}{CL}(?P<frac>نصف|ربع|ثلث|ثلاثه\s+ارباع)\s+(?P<unit>ساعه|يوم|شهر|سنه|عام|قرن|عقد)(?!\w)",
        p_duration_fraction,
    ),
    (
        "duration_single",
        r"{B}(?P<lead>[وف]?(?:لمده|مده|طيله|طوال|قبل|بعد|منذ|خلال|غضون))\s+(?P<single>)"
        r"(?P<unit>يوم|اسبوع|شهر|سنه|عام|ساعه|دقيقه|عقد|قرن)(?!\w)(?!\s+(?:{MONTHNAME}|{HMONTHNAME}))",
        p_duration,
    ),
    (
        "duration_past",
        r"{B}{CL}ال(?:(?P<dual>" + alt(["عامين", "سنتين", "شهرين", "يومين", "اسبوعين", "عقدين",
                                          "قرنين", "ساعتين"]) + r")"
        r"|(?P<unit>" + alt(["سنوات", "اعوام", "اشهر", "شهور", "ايام", "اسابيع", "عقود"]) + r")"
        r"\s+(?:ال)?(?:(?P<num>\d{{1,3}})|{CARD}))\s+(?P<past>الاخيرين|الماضيين|المقبلين|القادمين|الاخيرتين|الماضيتين|المقبلتين|القادمتين|"
        r"الاخيره|الماضيه|المقبله|القادمه|الفائته|المنصرمه)(?!\w)",
        p_duration,
    ),
    (
        "duration_compound",
        r"{B}{CL}(?:(?:(?<![\d.,/:-])(?P<num>\d{{1,4}})\s*|{CARD}\s+))?{UNIT}\s+و\s*"
        r"(?:(?P<num2>\d{{1,4}})|(?P<wnum2>" + alt(lexicon().cardinals) + r"))?\s*"
        r"(?P<unit2>" + alt(lexicon().unit_of_form) + r")(?!\w)",
        p_duration_compound,
    ),
    (
        "from_now",
        r"{B}{CL}(?:(?:(?P<num>\d{{1,3}})|{CARD})\s+)?(?:{UNIT}|{DUAL})\s+من\s+الان(?!\w)",
        p_from_now,
    ),
    (
        "time_colon",
        r"{B}{CL}(?:(?P<sa>الساعه)\s+)?(?<![\d:.,])(?P<hh>[01]?\d|2[0-4])(?P<sep>[:.,])(?P<mm>[0-5]\d)"
        r"(?![\d:.,])(?:\s+{AFTER})?{ZONE}",
        p_time_colon,
    ),
    (
        "time_hhmm",
        r"{B}{CL}(?:(?P<sa>الساعه)\s+)?(?<![\d:.,])(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)"
        r"(?![\d:.,%])(?:\s+{AFTER})?{ZONE}",
        p_time_hhmm,
    ),
    (
        "time_words",
        r"{B}{CL}(?:(?P<sa>الساعه)\s+)?{HOUR}(?:\s+و\s*(?P<frac>(?:\d{{1,2}}|{CARDW})\s+{MINUTES}"
        r"|(?:النصف|نصف|الربع|ربع|الثلث|ثلث|النص|نص|التلت|تلت)(?!\w)"
        r"|(?P<bmin>خمسه\s+وعشرين|خمسه|عشره|عشرين)(?!\w)))?"
        r"(?:\s+الا\s+(?P<minus>(?:\d{{1,2}}|{CARDW})\s+{MINUTES}|(?:ربعا|ربع|ثلثا|ثلث)(?!\w)"
        r"|(?P<bminus>خمسه|عشره)(?!\w)))?"
        r"(?:\s+{AFTER}|(?=\s+من\s+(?P<apx>صباح|مساء|ليل|ليله|فجر|ظهر|عصر)(?!\w)))?{ZONE}",
        p_time_words,
    ),
    (
        # "العاشرة وست وثلاثون دقيقة", "السادسة إلا عشر دقائق": minutes make a clock time of
        # an hour word with no الساعة or part of the day; found from the minute word.
        "time_minutes",
        r"{B}{CL}(?:(?P<sa>الساعه)\s+)?{HOUR}(?:\s+و\s*(?P<frac>(?:\d{{1,2}}|{CARDW})\s+{MINUTES}))?"
        r"(?:\s+الا\s+(?P<minus>(?:\d{{1,2}}|{CARDW})\s+{MINUTES}))?"
        r"(?:\s+{AFTER}|(?=\s+من\s+(?P<apx>صباح|مساء|ليل|ليله|فجر|ظهر|عصر)(?!\w)))?{ZONE}",
        p_time_minutes,
    ),
    (
        "time_special",
        r"{B}{CL}(?:(?P<sa>الساعه)\s+)?(?P<sp>الصفر|صفر|منتصف\s+الليل|منتصف\s+النهار|نصف?\s+الليل)"
        r"(?!\w)",
        p_time_special,
    ),
    (
        "decade",
        r"{B}{CL}(?:{PMOD}\s+)?(?:(?:سنوات|فتره|حقبه|عقد)\s+)?(?:ال)?"
        r"(?P<dec>" + alt(_DECADES) + r")(?:يات|ات)"
        r"(?:\s+(?:من\s+)?(?:ال)?قرن\s+(?:ال)?(?:(?P<cord>{DAYORD_BARE})|(?P<cnum>\d{{1,2}})"
        r"|(?P<crel>الماضي|المنصرم|الحالي|الجاري|المنقضي)))?",
        p_decade,
    ),
    (
        "century",
        r"{B}{CL}(?:{PMOD}\s+)?(?:ال)?قرن\s+(?:ال)?(?:(?P<cord>{DAYORD_BARE})|(?P<cnum>\d{{1,2}})(?!\d))",
        p_century,
    ),
    (
        "holiday",
        r"{B}{CL}(?:{PMOD}\s+(?:من\s+)?)?(?:(?P<hday>" + alt(_FEAST_DAYS) + r")\s+(?:من\s+)?)?"
        r"{HOLI}"
        r"(?:\s+(?:الشريف|المبارك|المجيد|السعيد)(?!\w))?"
        r"(?:(?:\s+(?:ل?عام|ل?سنه))?\s+(?P<hyear>[12]\d{{3}})(?!\d){ERA}"
        r"|\s*{REL})?",
        p_holiday,
    ),
    (
        "feast_anaphor",
        r"{B}{CL}(?:(?P<hday>" + alt(_FEAST_DAYS) + r")\s+(?:من\s+)?)?العيد"
        r"(?!\w)(?!\s+(?:ال\w+|[0-9]))",
        p_feast_anaphor,
    ),
    (
        "ramadan",
        r"{B}{CL}(?:{PMOD}\s+(?:من\s+)?)?(?:(?P<hday>" + alt(_FEAST_DAYS) + r")\s+(?:من\s+)?)?"
        r"(?:شهر\s+)?(?P<ram>رمضان)(?!\w)"
        r"(?:\s+(?P<hyear>[12]\d{{3}})(?!\d){ERA}|\s*{REL})?",
        p_ramadan,
    ),
    (
        "anaphora_day",
        r"{B}{CL}{PREFIX}(?:ال\s*)?(?:{DAYNUM}|{DAYORD})\s+(?:من\s+)?(?:(?P<same>نفس\s+)الشهر|"
        r"(?:الشهر\s+)?(?P<which>ذاته|نفسه|الجاري|الحالي|المقبل|القادم|الماضي|المنصرم|الفارط|"
        r"الجاي|الياي|الفايت|الماض|(?:اللي|الي)\s+(?:جاي|فات)))(?!\w)",
        p_anaphora_day,
    ),
    (
        "same_period",
        r"{B}{CL}(?:(?:ال)?(?P<what>فتره|مده|شهر|تاريخ|يوم|ربع|نصف|فصل|ثلاثي|اسدس|اسبوع)\s+"
        r"(?:ذاته|ذاتها|نفسه|نفسها|المقابل|المقابله|المماثل|المماثله)|نفس\s+(?:ال)?"
        r"(?P<what2>فتره|مده|شهر|تاريخ|يوم|ربع|نصف|اسبوع))\s+من\s+(?:ال)?(?:عام|سنه)\s+"
        r"(?:{YREL}|{YEAR})",
        p_same_period,
    ),
    (
        "anaphora_same",
        r"{B}{CL}(?:(?:نفس|ذات)\s+ال(?P<u>يوم|شهر|عام|سنه|اسبوع)|ال(?P<u2>يوم|شهر|عام|سنه|اسبوع)\s+"
        r"(?:نفسه|ذاته|نفسها|ذاتها))(?!\w)",
        p_anaphora_same,
    ),
    (
        "anaphora_that",
        r"{B}{CL}(?:(?:ذلك|تلك)\s+ال(?P<u>يوم|ليله|تاريخ|شهر|عام|سنه|اسبوع)"
        r"|هذا\s+ال(?P<u2>تاريخ)|هذا\s+اليوم(?=\s+ال\w)"
        r"|ال(?P<u3>يوم|ليله|شهر|عام|سنه|اسبوع)\s+(?:(?:الذي|التي)\s+)?"
        r"(?P<shift>الموالي|الموالية|التالي|التاليه|اللاحق|اللاحقه|سبقه|سبقها|تلاه|تلاها|يليه|يليها)"
        r"|ال(?P<u4>يوم|ليله)\s+(?P<prev>السابق|السابقه))"
        r"(?!\w)",
        p_anaphora_that,
    ),
    (
        "this_day_of",
        r"{B}{CL}مثل\s+هذا\s+اليوم\s+(?:من\s+)?(?:ال)?(?:عام|سنه)\s+{YEAR}",
        p_this_day_of,
    ),
    (
        "nth_weekday",
        r"{B}{CL}(?:{DPART}\s+)?(?:{DEIC}\s*[،,]?\s*)?(?:(?P<yawm>يوم|نهار)\s+)?"
        r"(?:{WD}\s+{NTHW}|{CNTH}\s+{WDB}){CONN}"
        r"(?:{MREF}|{YREF}|(?:شهر\s+)?{HMONTH}(?:\s+{HYEAR})?)",
        p_nth_weekday,
    ),
    (
        "nth_unit",
        r"{B}{CL}(?:{CNTH}\s+(?P<unit>يوم|اسبوع)|ال(?P<unit2>يوم|اسبوع)\s+{NTHW})(?!\w)"
        r"\s+(?:(?P<conn>من|في)\s+|ب(?=\w))?(?:{MREF}|{YREF})",
        p_nth_unit,
    ),
    (
        "week_weekday",
        r"{B}{CL}(?:(?:يوم|نهار)\s+)?(?:{WD}|{WDB})\s+(?:(?:من|في)\s+)?(?:(?P<wthis>هذا)\s+)?"
        r"الاسبوع(?:\s+{REL})?(?!\w)",
        p_week_weekday,
    ),
    (
        "month_first_range",
        r"{B}{CL}(?:شهر\s+)?{MONTHS}\s+{DAYNUM}\s*(?:-|الى|حتى|لغايه)\s*"
        r"(?P<day2>0?[1-9]|[12]\d|3[01])(?![\d%/.:])(?:{YEARPART})?",
        p_month_first_range,
    ),
    (
        "month_numeric",
        r"{B}{CL}(?<![\d/.-])(?P<m>0?[1-9]|1[0-2])\s*/\s*(?P<y>19\d\d|20\d\d)(?![\d/.-]?\d)",
        p_month_numeric,
    ),
    (
        "weekday_holiday",
        r"{B}{CL}(?:{CNTH}\s+{WDB}|{WD}\s+{NTHW})\s+(?P<hrel>بعد|قبل)\s+{HOLI}"
        r"(?:\s+(?:الشريف|المبارك|المجيد|السعيد)(?!\w))?(?:\s+(?P<hyear>[12]\d{{3}})(?!\d))?",
        p_weekday_holiday,
    ),
    (
        "season",
        r"{B}{CL}(?:فصل\s+)?(?:ال)?(?P<season>صيف|صائفه|شتاء|ربيع|خريف)\s+(?:من\s+)?"
        r"(?:(?:ال)?(?:عام|سنه)\s+)?{YEAR}",
        p_season,
    ),
    (
        "season_said",
        r"{B}{CL}(?:(?P<this>هذا|هذه)\s+)?(?:فصل\s+)?(?:ال)?(?P<season>صيف|صائفه|شتاء|ربيع|خريف)"
        r"(?:\s+{REL}|\s+(?:من\s+)?(?:ال)?(?:عام|سنه)\s+{YREL}"
        r"|\s+(?P<that>ذلك|تلك)\s+(?:العام|السنه))?(?!\w)",
        p_season_said,
    ),
    (
        "period_bare",
        r"{B}{CL}(?P<qp>" + alt(_QUARTER_WORDS) + r")(?!\w)(?!\s+(?:من|ل|لسنه|لعام|عام|سنه)(?!\w))",
        p_period_bare,
    ),
]


# The gate of each rule: a word class that every match contains.
RULE_GATES = {
    "date_dmy": "month", "month_year": "month", "month_bare": "month",
    "date_numeric": "numeric_date", "date_iso": "numeric_date", "year_marked": "year",
    "year_era": "year", "year_bare": "year", "year_pmod": "year", "year_hijri_word": "year",
    "season": "year", "time_colon": "colon", "time_hhmm": "hhmm", "day_latent": "day",
    "hijri_date": "hmonth", "hijri_month": "hmonth",
    "relative_period": "relunit", "deictic": "deictic", "weekday": "weekday",
    "duration": "unit", "duration_dual": "unit", "duration_one": "unit",
    "duration_approx_one": "unit", "duration_single": "unit", "duration_past": "unit",
    "duration_compound": "unit", "from_now": "unit", "duration_bi": "unit",
    "duration_fraction": "unit",
    "time_words": "clock", "time_minutes": "minute", "time_special": "clock_special",
    "decade": "decade",
    "century": "century", "holiday": "holiday", "feast_anaphor": "feast", "ramadan": "ramadan",
    "anaphora_day": "month_word", "anaphora_same": "same", "anaphora_that": "anaphor",
    "this_day_of": "year",
    "same_period": "same",
    "nth_weekday": "nth_weekday", "nth_unit": "nth_unit", "week_weekday": "week_weekday",
    "month_first_range": "day", "month_numeric": "month_numeric",
    "weekday_holiday": "holiday",
    "season_said": "season", "period_bare": "quarter",
}


GATE_REACH = {
    "month": (70, 45), "hmonth": (70, 45), "numeric_date": (50, 20), "year": (45, 20),
    "colon": (25, 70), "hhmm": (25, 70), "day": (45, 25), "unit": (50, 35), "relunit": (45, 30),
    "deictic": (30, 40), "weekday": (45, 30), "clock": (45, 60), "clock_special": (20, 25),
    "decade": (35, 45), "century": (35, 45), "holiday": (40, 45), "ramadan": (40, 35),
    "feast": (25, 12), "season": (15, 30), "quarter": (5, 30),
    "month_word": (70, 25), "same": (25, 40), "anaphor": (25, 30),
    "nth_weekday": (20, 70), "nth_unit": (20, 70), "week_weekday": (20, 40),
    "month_numeric": (12, 12), "minute": (50, 35),
}
"""How far (characters before, after) a rule's match may reach around its gate word."""

RULE_REACH = {
    "date_dmy": (55, 35), "month_year": (32, 32), "month_bare": (28, 20), "hijri_month": (40, 40),
    "year_marked": (40, 15), "year_era": (5, 15), "year_bare": (5, 2), "year_pmod": (35, 15),
    "year_hijri_word": (25, 5), "season": (25, 5), "day_latent": (45, 5), "this_day_of": (40, 5),
    "relative_period": (35, 25), "duration_compound": (40, 35), "from_now": (40, 20),
    "month_first_range": (35, 25), "weekday_holiday": (45, 45),
}
"""Narrower reaches for rules whose matches stand close to their gate word."""

FULL_DATE_RULES = frozenset({"date_dmy", "date_numeric", "date_iso", "hijri_date"})
"""Rules whose matches hold a whole date: no later month or year rule reads longer there."""
INSIDE_FULL_DATES = frozenset(
    {"month_year", "month_bare", "year_marked", "year_era", "year_bare", "year_pmod"}
)
"""Rules that skip the gate words already inside a full date."""

WORD_INSIDE_GATES = frozenset(
    {"numeric_date", "year", "colon", "hhmm", "day", "clock", "decade", "same", "month_numeric"}
)
"""Gates whose words may stand inside a token (``الـ17``, ``التسعينيات``, ``ذاته``)."""


@lru_cache(maxsize=1)
def gate_words() -> dict[str, frozenset[str]]:
    """Every gate word and the gates it opens, for the one-pass scan of the tagger.

    The scan reports the longest word at a position, so a word also opens the gates of the
    words it begins with, of the words of a phrase (``مساء اليوم`` opens "deictic"), and,
    after the article ``ال``, those of the rest (``العامين`` opens "unit" as ``عامين`` does).
    """
    lx = lexicon()
    decades = [f"{al}{d}{end}" for d in _DECADES for al in ("", "ال") for end in ("يات", "ات")]
    members: dict[str, set[str]] = {}
    classes: dict[str, Iterable[str]] = {
        "month": lx.months, "hmonth": lx.hijri_months, "day": lx.day_ordinals,
        "unit": lx.unit_of_form, "deictic": lx.deictic, "weekday": lx.weekdays,
        "relunit": [f"ال{u}" for u in ("اسبوع", "شهر", "عام", "سنه", "قرن", "سيمانه")],
        "clock": ["الساعه", *(w for w in lx.day_part_after if w not in lx.unscanned_day_parts)],
        "clock_special": ["صفر", "الصفر", "منتصف", "نص الليل", "نصف الليل"],
        "decade": decades, "century": ["قرن", "القرن"], "holiday": holidays(),
        "ramadan": ["رمضان"], "month_word": ["الشهر"], "feast": ["العيد"],
        "season": ["صيف", "الصيف", "صائفه", "الصائفه", "شتاء", "الشتاء", "ربيع", "الربيع",
                   "خريف", "الخريف"],
        "quarter": ["الربع", "الثلاثي", "الثلاثيه", "السداسي"],
        "minute": [w for w, (u, _) in lx.unit_of_form.items() if u == "minute"],
        "same": ["نفس", "ذات", "نفسه", "نفسها", "ذاته", "ذاتها", "المقابل", "المقابله",
                 "المماثل", "المماثله"],
        "anaphor": ["ذلك", "تلك", "هذا", *_ANAPHOR_SHIFT, "اليوم السابق", "الليله السابقه"],
        **_spoken_gates(lx),
    }
    for gate, words in classes.items():
        for w in words:
            members.setdefault(" ".join(w.split()), set()).add(gate)
    out: dict[str, frozenset[str]] = {}
    for w in members:
        opened: set[str] = set()
        starts = [0] + [i + 1 for i, ch in enumerate(w) if ch == " "]
        for start in starts:  # every word inside a phrase ("مساء اليوم" opens "deictic")
            rest = w[start:]
            for stem in (rest, rest[2:] if rest.startswith("ال") else ""):
                for i in range(1, len(stem) + 1):
                    opened |= members.get(stem[:i], set())
        out[w] = frozenset(opened)
    return out


def _spoken_gates(lx: Lexicon) -> dict[str, list[str]]:
    """The phrases that open the rules of spoken calendar arithmetic: ``ثاني خميس``,
    ``الخميس الثاني``, ``آخر يوم``, ``الأسبوع الأخير``, ``خميس الأسبوع``, ``الجمعة من هذا
    الأسبوع``. Phrases, not single words, so that those rules run only where they can match."""
    weekdays = [*lx.weekdays, *bare_weekdays()]
    ords = {w for w, n in lx.construct_ordinals.items() if n <= 5 or n == -1}
    week = ["الاسبوع", "من الاسبوع", "في الاسبوع", "من هذا الاسبوع", "في هذا الاسبوع",
            "هذا الاسبوع"]
    return {
        "nth_weekday": [f"{o} {w}" for o in ords for w in bare_weekdays()]
        + [f"{w} {n}" for w in lx.weekdays for n in lx.nth_ordinals],
        "nth_unit": [f"{o} {u}" for o in lx.construct_ordinals for u in ("يوم", "اسبوع")]
        + [f"ال{u} {n}" for u in ("يوم", "اسبوع") for n in lx.nth_ordinals],
        "week_weekday": [f"{w} {x}" for w in weekdays for x in week],
    }


_LEAD_WORDS = frozenset(
    fold(w) for w in ["لمدة", "مدة", "طيلة", "طوال", "قبل", "بعد", "منذ", "خلال", "غضون", "من",
                      "عن", "نحو", "حوالي", "قرابة", "زهاء", "يقارب", "يناهز", "نصف", "ربع",
                      "ثلث", "أرباع", "الآن"]
)
_NEXT_WORDS = frozenset(fold(w) for w in ["واحد", "واحدة", "من", "على"])


def unit_in_context(norm: str, start: int, end: int) -> bool:
    """Can the time unit at ``norm[start:end]`` belong to a duration? Only with a number or
    a quantity word before it (``50 يوما``, ``ثلاث سنوات``, ``لمدة أسبوع``, ``أكثر من عقد``),
    a dual form (``عامين``), a glued ب (``بشهر``), or ``واحد``/``ونصف``/``من الآن``/``و30
    دقيقة``/``الخمس الماضية`` after it. The common ``العام`` and ``يوم`` alone are not."""
    lx = lexicon()
    while start and norm[start - 1].isalnum():  # the whole token: "العامين", "بشهر"
        start -= 1
    while end < len(norm) and norm[end].isalnum():
        end += 1
    word = norm[start:end]
    bare = word[2:] if word.startswith("ال") else word
    if lx.unit_of_form.get(bare, ("", ""))[1] == "dual" or word.startswith(("ب", "وب")):
        return True
    prev = _token_before(norm, max(0, start - 30), start)
    if prev:
        if any(c.isdigit() for c in prev):
            return True
        for clitic in ("", "و", "ب", "وب", "ل"):
            stem = prev[len(clitic):] if prev.startswith(clitic) else ""
            if stem in _LEAD_WORDS or stem in lx.cardinals:
                return True
    nxt = _token_after(norm, end)
    if nxt:
        if nxt in _NEXT_WORDS or nxt.startswith("و"):
            return True
        if word.startswith("ال") and (nxt.lstrip("ال") in lx.cardinals or nxt.isdigit()):
            return True
    return False


def _token_before(t: str, lo: int, end: int) -> str:
    """The last token of ``t[lo:end]`` before the spaces and brackets that end it: what
    ``([^\\s()]+)[\\s()]*$`` finds there, read backwards with str methods (a regex searched
    for it from every position of the window)."""
    j = end
    while j > lo and (t[j - 1].isspace() or t[j - 1] in "()"):
        j -= 1
    i = j
    while i > lo and not (t[i - 1].isspace() or t[i - 1] in "()"):
        i -= 1
    return t[i:j]


def _token_after(t: str, start: int) -> str:
    """The first token of ``t`` from ``start`` after spaces (what ``\\s*(\\S+)`` finds)."""
    n = len(t)
    i = start
    while i < n and t[i].isspace():
        i += 1
    j = i
    while j < n and not t[j].isspace():
        j += 1
    return t[i:j]


@lru_cache(maxsize=1)
def gate_scanner() -> re.Pattern[str]:
    """One pattern for all gate words (numbers are found by :func:`number_gates`)."""
    return compile_folded(alt(gate_words()))


_DIGITS = re.compile(r"\d+")
_NUMERIC_DATE_TAIL = re.compile(r"\s*[/.-]\s*\d{1,4}\s*[/.-]\s*\d")
_MONTH_NUMERIC_TAIL = re.compile(r"\s*/\s*(?:19|20)\d\d(?!\d)")
_DAY_TAIL = compile_folded(r"\s*(?:-|و|الي|الى|حتي|لغايه|،|,)")


def number_gates(norm: str) -> Iterator[tuple[str, int, int]]:
    """``(gate, start, end)`` for the runs of digits that may open a rule: a numeric date
    (``17/05/2022``), a year (``1967``), a clock time (``15:30``), a day before a range or
    list word (``17 إلى``). One scan of the digits, classified by their neighbours."""
    for m in _DIGITS.finditer(norm):
        s, e = m.span()
        width = e - s
        if width <= 4 and _NUMERIC_DATE_TAIL.match(norm, e):
            yield "numeric_date", s, e
        if width == 4 and norm[s] in "12":
            yield "year", s, e
        if width == 4 and norm[s] in "012":
            yield "hhmm", s, e
        if width <= 2:
            if _MONTH_NUMERIC_TAIL.match(norm, e) and (s == 0 or norm[s - 1] not in "/.-"):
                yield "month_numeric", s, e
            if norm[e : e + 1] in (":", ".", ",") and norm[e + 1 : e + 3].isdigit():
                yield "colon", s, e
            if _DAY_TAIL.match(norm, e):
                yield "day", s, e


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """All rules, compiled once."""
    f = dict(fragments())
    lx = lexicon()
    f["DAYORD_BARE"] = alt(lx.day_ordinals)
    f["MONTHNAME"] = alt(lx.months)
    f["HMONTHNAME"] = alt(lx.hijri_months)
    out = []
    for name, src, prod in RULE_SOURCES:
        out.append(Rule(name, compile_folded(src.format(**f)), prod, RULE_GATES[name]))
    return tuple(out)
