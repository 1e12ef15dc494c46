"""Composition: adjacent partials joined by range or list words become one partial
(``من 17 إلى 20 ماي 2022``, ``يومي 1 و2 فيفري``, ``عامي 2016 و2017``); latent partials
(bare numbers and years) that joined nothing are dropped."""

from __future__ import annotations

import re
from itertools import pairwise

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
    if p.type in ("date", "month", "year") and (not p.anaphora or p.rule == "anaphora_day"):
        return "cal"  # "من 5 أكتوبر وحتى 14 من الشهر نفسه": a day of the same month ends a range
    return "other"


def _link(a: Partial, b: Partial, norm: str) -> str | None:
    """The words between neighbours ``a`` and ``b`` when a range or a list may join them
    (``إلى``, ``و``, ``-`` …, stripped), else ``None``."""
    kind = _kind(a)
    if kind == "other" or kind != _kind(b) or b.start - a.end > 25:
        return None
    gap = norm[a.end : b.start]
    if not gap.strip() and norm.startswith("و", b.start):
        gap += "و"  # the conjunction glued to the next item ("1 و2 فيفري")
    if len(gap) > 25 or not (_RANGE_GAP.match(gap) or _LIST_GAP.match(gap)):
        return None
    return gap.strip()


class _Run:
    """Neighbours ``parts[lo..hi]``, each linked to the next by a range or list word.

    A chain starts at any ``s`` of the run and takes every neighbour up to ``hi``. What
    :func:`_join` asks of the chain ``parts[s..hi]`` as a whole is computed once, from the
    right, so that trying every start costs time linear in the run (a run of thousands of
    ``17 و`` once took quadratic time).
    """

    def __init__(self, parts: list[Partial], gaps: list[str], lo: int, hi: int) -> None:
        self.parts, self.gaps, self.lo, self.hi = parts, gaps, lo, hi
        size = hi - lo + 1
        self.all_list_gaps = [True] * size  # every gap of the chain is a list word
        self.all_latent = [True] * size  # every item is latent
        self.firm_before_last = [False] * size  # an item but the last is not latent
        self.plain_years = [True] * size  # every item is a plain year
        for k in range(size - 1, -1, -1):
            p = parts[lo + k]
            plain = p.type == "year" and p.rule.startswith("year") and not (
                p.period_part or p.mod
            )
            if k == size - 1:
                self.all_latent[k], self.plain_years[k] = p.latent, plain
                continue
            self.all_list_gaps[k] = bool(_LIST_GAP.match(gaps[lo + k])) and (
                self.all_list_gaps[k + 1]
            )
            self.all_latent[k] = p.latent and self.all_latent[k + 1]
            self.firm_before_last[k] = not p.latent or self.firm_before_last[k + 1]
            self.plain_years[k] = plain and self.plain_years[k + 1]


def compose(parts: list[Partial], norm: str) -> list[Partial]:
    """Join partials into ranges and lists; drop latent leftovers.

    Each partial starts the longest chain of neighbours linked by range or list words; the
    first start (left to right) whose chain joins gives one mention, and the partials before
    it stay alone (latent ones are dropped).
    """
    links = [_link(a, b, norm) for a, b in pairwise(parts)]
    gaps = [g or "" for g in links]
    out: list[Partial] = []
    lo = 0
    n = len(parts)
    while lo < n:
        hi = lo
        while hi + 1 < n and links[hi] is not None:
            hi += 1
        run = _Run(parts, gaps, lo, hi)
        for s in range(lo, hi + 1):
            joined = _join(run, s, norm) if s < hi else None
            if joined is not None:
                out.append(joined)
                break
            if not parts[s].latent:
                out.append(parts[s])
        lo = hi + 1
    return out


def _join(run: _Run, s: int, norm: str) -> Partial | None:
    """The chain ``run.parts[s..run.hi]`` as one partial: a range (``من A إلى B``,
    ``بين A و B``, ``A-B``) or a list (``أيام 15 و16 و17``); ``None`` when it is neither."""
    first, last = run.parts[s], run.parts[run.hi]
    before = norm[max(0, first.start - 25) : first.start]
    opener = _RANGE_OPEN.search(before)
    head = _LIST_HEAD.search(before)
    between = bool(opener and "بين" in opener.group("w"))
    if s + 1 == run.hi:
        gap = run.gaps[s]
        is_and = bool(_LIST_GAP.match(gap))
        if first.type == "weekday" and (is_and or gap == "-") and not head:
            return None  # "الأحد والاثنين": two days; "يومي الأحد والاثنين": one list
        full_days = all(c.type == "date" and c.day is not None and c.month is not None
                        for c in (first, last))
        if gap == "/" and not (first.type == last.type == "year" or full_days):
            return None  # "2022/2023" is a season, "3 أفريل/2 ماي 2021" a range; no other
        if is_and and not between:
            return _as_list(run, s, norm, head)
        weekdays = first.type == last.type == "weekday"
        if not (between or gap in ("-", "/") or opener or first.latent or weekdays):
            return None
        start = first.start
        if opener and not opener.group("w").endswith("منذ"):
            start = first.start - len(before) + opener.start("w")
        p = Partial("range", start, last.end, "range", range_of=(first, last))
        p.calendar = last.calendar
        return p
    if run.all_list_gaps[s - run.lo]:
        return _as_list(run, s, norm, head)
    return None


def _as_list(run: _Run, s: int, norm: str, head: re.Match[str] | None) -> Partial | None:
    """The chain ``run.parts[s..run.hi]`` as a list, when it is one."""
    k = s - run.lo
    first, last = run.parts[s], run.parts[run.hi]
    if run.all_latent[k]:
        return None
    # Two separate dates joined by "و" stay apart, but "في 2015 و2016" is one list of years.
    separate = not head and not first.list_head and run.firm_before_last[k]
    if separate and not run.plain_years[k]:
        return None
    start = first.start
    if head:
        start = start - len(norm[max(0, start - 25) : start]) + head.start("w")
    p = Partial("list", start, last.end, last.type, items=run.parts[s : run.hi + 1])
    p.calendar = last.calendar
    return p
