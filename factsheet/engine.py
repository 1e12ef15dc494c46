"""The date engine: find every temporal expression in a text.

Four passes, each a small pure step:

1. ``normalize`` a copy of the text, keeping the offset map;
2. ``tag``: every rule of ``grammar`` proposes partials; the longest non-overlapping win;
3. ``compose``: adjacent partials joined by range or list words become one (``من 17 إلى 20
   ماي 2022``, ``يومي 1 و2 فيفري``); latent partials that joined nothing are dropped;
4. ``resolve``: each partial becomes a :class:`Mention` anchored on the reference date.

The clock is never read: ``published`` is a parameter.
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass

from .grammar import (
    FULL_DATE_RULES,
    GATE_REACH,
    INSIDE_FULL_DATES,
    RULE_REACH,
    WORD_INSIDE_GATES,
    Partial,
    Rule,
    gate_scanner,
    gate_words,
    number_gates,
    rules,
    unit_in_context,
)
from .lexicon import lexicon
from .model import Mention
from .normalize import Normalized, compile_folded, normalize
from .resolve import Resolver


def parse_published(published: dt.date | str | None) -> dt.date | None:
    """``published`` as a date (``YYYY-MM-DD`` strings are parsed); ``ValueError`` if invalid."""
    if published is None or isinstance(published, dt.date):
        return published
    return dt.date.fromisoformat(published.strip())



_CLITICS = "وفبلك"


def _word_start(norm: str, i: int) -> bool:
    """Does a word start at ``i``, perhaps after the article and glued clitics (``وبال``)?"""
    if norm.startswith("ال", i - 2):
        i -= 2
    for _ in range(3):
        if i == 0 or not norm[i - 1].isalnum():
            return True
        if norm[i - 1] not in _CLITICS:
            return False
        i -= 1
    return False


def gate_hits(norm: str) -> dict[str, list[tuple[int, int]]]:
    """Where each gate's words stand, in text order.

    One scan finds every gate word (``gate_scanner``); a few more find the numbers.
    """
    hits: dict[str, list[tuple[int, int]]] = {g: [] for g in GATE_REACH}
    opened_by = gate_words()
    for m in gate_scanner().finditer(norm):
        key = m.group()
        opened = opened_by.get(key)
        if opened is None:
            opened = opened_by.get(" ".join(key.split()), frozenset())
        s, e = m.span()
        start_ok: bool | None = None
        for gate in opened:
            if gate not in WORD_INSIDE_GATES:
                if start_ok is None:
                    start_ok = _word_start(norm, s)
                if not start_ok:
                    continue
            if gate == "unit" and not unit_in_context(norm, s, e):
                continue
            hits[gate].append((s, e))
    for gate, s, e in number_gates(norm):
        hits[gate].append((s, e))
    for found in hits.values():
        found.sort()
    return hits


def around(hits: list[tuple[int, int]], before: int, after: int, n: int) -> list[tuple[int, int]]:
    """The merged stretches reaching ``before`` characters before and ``after`` after each hit."""
    spans: list[tuple[int, int]] = []
    lo_run = hi_run = -1
    for s, e in hits:
        lo = s - before if s > before else 0
        hi = e + after
        if hi > n:
            hi = n
        if lo <= hi_run:
            if hi > hi_run:
                hi_run = hi
            continue
        if hi_run >= 0:
            spans.append((lo_run, hi_run))
        lo_run, hi_run = lo, hi
    if hi_run >= 0:
        spans.append((lo_run, hi_run))
    return spans


def _matches(rule: Rule, norm: str, spans: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """Every match of ``rule`` inside ``spans``; one cut by a span's end is redone in full."""
    n = len(norm)
    for lo, hi in spans:
        for m in rule.pattern.finditer(norm, lo, hi):
            if m.end() == hi and hi < n:
                full = rule.pattern.match(norm, m.start())
                if full is None:
                    continue
                m = full
            yield m


def _cover(starts: array[int], ends: array[int], s: int, e: int) -> None:
    """Record ``[s, e)`` as the widest candidate over its positions where it is wider."""
    for i in range(s, e):
        if ends[i] - starts[i] < e - s or starts[i] < 0:
            starts[i], ends[i] = s, e


def tag(norm: str) -> list[Partial]:
    """Candidate partials of every rule, longest first, without overlaps, in text order."""
    lx = lexicon()
    cands: list[tuple[int, int, Partial]] = []
    hits = gate_hits(norm)
    spans: dict[tuple[str, int, int], list[tuple[int, int]]] = {}
    # The widest firm candidate over each position so far: a match strictly inside one
    # cannot win the selection below, so its production is not even run.
    cover_start = array("l", [-1]) * (len(norm) + 1)
    cover_end = array("l", [-1]) * (len(norm) + 1)
    # Positions inside a full date (day, month and perhaps year): the month and year rules
    # that come after cannot read a longer expression there, so they skip those gate words.
    full = bytearray(len(norm) + 1)
    for prio, rule in enumerate(rules()):
        reach = RULE_REACH.get(rule.name, GATE_REACH[rule.gate])
        if rule.name in INSIDE_FULL_DATES:
            rule_hits = [h for h in hits[rule.gate] if not full[h[0]]]
            rule_spans = around(rule_hits, *reach, len(norm))
        else:
            key = (rule.gate, *reach)
            if key not in spans:
                spans[key] = around(hits[rule.gate], *reach, len(norm))
            rule_spans = spans[key]
        for m in _matches(rule, norm, rule_spans):
            s, e = m.span()
            if e <= s:
                continue
            cs, ce = cover_start[s], cover_end[s]
            if cs <= s and e <= ce and ce - cs > e - s and cs >= 0:
                continue
            p = rule.produce(m, lx)
            if p is None:
                continue
            p.rule = rule.name
            _trim(p, norm)
            cands.append((prio, len(cands), p))
            if not p.latent and p.end - p.start > 2:
                _cover(cover_start, cover_end, p.start, p.end)
                if rule.name in FULL_DATE_RULES:
                    full[p.start : p.end] = b"\x01" * (p.end - p.start)
    # Longest span first; among equals, non-latent, then rule order.
    cands.sort(key=lambda c: (-(c[2].end - c[2].start), not c[2].blocked, c[2].latent, c[0], c[1]))
    taken = bytearray(len(norm) + 1)
    chosen: list[Partial] = []
    for _, _, p in cands:
        if any(taken[p.start : p.end]):
            continue
        taken[p.start : p.end] = b"\x01" * (p.end - p.start)
        chosen.append(p)
    chosen.sort(key=lambda p: p.start)
    return [p for p in chosen if not p.blocked]


def _trim(p: Partial, norm: str) -> None:
    """Drop spaces and commas a pattern may have taken at either end."""
    while p.end > p.start and norm[p.end - 1] in " \t\n\r،,":
        p.end -= 1
    while p.start < p.end and norm[p.start] in " \t\n\r،,":
        p.start += 1


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
        if first.type == "weekday" and (is_and or gap == "-"):
            return None  # "الأحد والاثنين": two days
        if gap == "/" and not (first.type == last.type == "year"):
            return None  # "2022/2023" is a season; other slashes are not ranges
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


@dataclass(frozen=True)
class Analysis:
    """The expensive part of :func:`find_dates` (normalise, tag, compose), done once, so
    that the same text can be resolved against several reference dates (e.g. first without
    one, to infer the publication date, then with it)."""

    text: str
    norm: Normalized
    parts: tuple[Partial, ...]

    def mentions(self, published: dt.date | str | None = None) -> list[Mention]:
        """The mentions resolved against ``published`` (as :func:`find_dates` gives them)."""
        return Resolver(self.text, self.norm, parse_published(published)).resolve_all(
            list(self.parts)
        )


def analyse(text: str) -> Analysis:
    """Find the date expressions of ``text``, not yet resolved against a reference date."""
    norm = normalize(text)
    return Analysis(text, norm, tuple(compose(tag(norm.text), norm.text)))


def find_dates(text: str, published: dt.date | str | None = None) -> list[Mention]:
    """Every temporal expression in ``text``, sorted by position.

    ``published`` (a date or ``YYYY-MM-DD``) anchors relative expressions; without it their
    value is ``None`` and the mention says it is relative. Offsets are code points into
    ``text`` (end exclusive): ``m.text == text[m.start:m.end]``.
    """
    ref = parse_published(published)
    if not text:
        return []
    return analyse(text).mentions(ref)
