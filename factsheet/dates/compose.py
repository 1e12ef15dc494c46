"""Composition: adjacent partials joined by range or list words become one partial
(``من 17 إلى 20 ماي 2022``, ``يومي 1 و2 فيفري``, ``عامي 2016 و2017``); latent partials
(bare numbers and years) that joined nothing are dropped."""

from __future__ import annotations

import re

from .grammar import Partial
from .normalize import compile_folded

_RANGE_GAP = compile_folded(
    r"^\s*(?:-|/|الي|الى|حتى|لغايه|الى\s+غايه|وحتى|والى|والي|والى\s+غايه|الى\s+حدود|و)\s*$"
)
_LIST_GAP = compile_folded(r"^\s*(?:و|،|,|،\s*و|,\s*و)\s*$")
_RANGE_OPEN = compile_folded(
    r"(?:^|[\s(])(?P<w>[وف]?(?:من|بين|ما\s+بين|منذ|ابتداء\s+من|اعتبارا\s+من))\s+$"
)
_LIST_HEAD = compile_folded(
    r"(?:^|[\s(])(?P<w>[وفبل]?(?:ايام|يومي|عامي|سنتي|سنوات|اعوام|شهري))\s+$"
)


def _kind(p: Partial) -> str:
    if p.type == "time":
        return "time"
    if p.type == "weekday":
        return "weekday"
    if p.type in ("date", "month", "year") and not p.anaphora:
        return "cal"
    return "other"


def compose(parts: list[Partial], norm: str) -> list[Partial]:
    """Join partials into ranges and lists; drop latent leftovers."""
    out: list[Partial] = []
    i = 0
    n = len(parts)
    while i < n:
        a = parts[i]
        j = i
        chain = [a]
        gaps: list[str] = []
        while j + 1 < n and _kind(parts[j]) == _kind(parts[j + 1]) != "other":
            gap = norm[parts[j].end : parts[j + 1].start]
            if not gap.strip() and norm.startswith("و", parts[j + 1].start):
                gap += "و"  # the conjunction glued to the next item ("1 و2 فيفري")
            if len(gap) > 25 or not (_RANGE_GAP.match(gap) or _LIST_GAP.match(gap)):
                break
            chain.append(parts[j + 1])
            gaps.append(gap.strip())
            j += 1
        joined = _join(chain, gaps, norm) if len(chain) > 1 else None
        if joined is not None:
            out.append(joined)
            i = j + 1
            continue
        if not a.latent:
            out.append(a)
        i += 1
    return out


def _join(chain: list[Partial], gaps: list[str], norm: str) -> Partial | None:
    """A range (``من A إلى B``, ``بين A و B``, ``A-B``) or a list (``أيام 15 و16 و17``)."""
    first, last = chain[0], chain[-1]
    before = norm[max(0, first.start - 25) : first.start]
    opener = _RANGE_OPEN.search(before)
    head = _LIST_HEAD.search(before)
    between = bool(opener and "بين" in opener.group("w"))
    if len(chain) == 2:
        gap = gaps[0]
        is_and = bool(_LIST_GAP.match(gap))
        if first.type == "weekday" and (is_and or gap == "-") and not head:
            return None  # "الأحد والاثنين": two days; "يومي الأحد والاثنين": one list
        full_days = all(c.type == "date" and c.day is not None and c.month is not None
                        for c in (first, last))
        if gap == "/" and not (first.type == last.type == "year" or full_days):
            return None  # "2022/2023" is a season, "3 أفريل/2 ماي 2021" a range; no other
        if is_and and not between:
            return _as_list(chain, norm, head)
        weekdays = first.type == last.type == "weekday"
        if not (between or gap in ("-", "/") or opener or first.latent or weekdays):
            return None
        start = first.start
        if opener and not opener.group("w").endswith("منذ"):
            start = first.start - len(before) + opener.start("w")
        p = Partial("range", start, last.end, "range", range_of=(first, last))
        p.calendar = last.calendar
        return p
    if all(_LIST_GAP.match(g) for g in gaps):
        return _as_list(chain, norm, head)
    return None


def _as_list(chain: list[Partial], norm: str, head: re.Match[str] | None) -> Partial | None:
    last = chain[-1]
    if all(c.latent for c in chain):
        return None
    # Two separate dates joined by "و" stay apart, but "في 2015 و2016" is one list of years.
    separate = not head and not chain[0].list_head and any(not c.latent for c in chain[:-1])
    plain_years = all(
        c.type == "year" and c.rule.startswith("year") and not (c.period_part or c.mod)
        for c in chain
    )
    if separate and not plain_years:
        return None
    start = chain[0].start
    if head:
        start = start - len(norm[max(0, start - 25) : start]) + head.start("w")
    p = Partial("list", start, last.end, last.type, items=list(chain))
    p.calendar = last.calendar
    return p
