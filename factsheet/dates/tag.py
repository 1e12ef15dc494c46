"""Tagging: every rule of :mod:`~factsheet.dates.grammar` proposes partials near its gate
words; the longest non-overlapping partials win.

One scan (:mod:`~factsheet.dates.anchors`) finds the gate words (month names, units …) and
every position where each rule may begin; another the numbers. Each rule then runs only
within a few dozen characters around the gates it needs, and there only where it may begin.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import cast

from .anchors import (
    LENGTH,
    Anchors,
    Plan,
    Scanner,
    cached_beginnings,
    plan_is_valid,
    scanner_from_plan,
    scanner_plan,
)
from .grammar import (
    FULL_DATE_RULES,
    GATE_REACH,
    INSIDE_FULL_DATES,
    RULE_REACH,
    WORD_INSIDE_GATES,
    Partial,
    Rule,
    alt,
    gate_words,
    number_gates,
    rules,
    unit_in_context,
)
from .lexicon import lexicon
from .normalize import compile_folded
from .recache import cached_data

_CLITICS = "وفبلك"


def _word_start(norm: str, i: int) -> bool:
    """Does a word start at ``i``, perhaps after the article and glued clitics (``وبال``)?"""
    if norm.startswith("ال", i - 2):
        i -= 2
    for _ in range(3):
        if i == 0 or not norm[i - 1].isalnum() or norm[i - 1].isdigit():
            return True  # a digit glued before a word ("17ماي") does not join it
        if norm[i - 1] not in _CLITICS:
            return False
        i -= 1
    return False


@lru_cache(maxsize=1)
def scanner() -> Scanner:
    """The one-pass scanner of the gate words and of every rule's beginnings.

    Its plan is kept in the disk cache, keyed by everything it is made from (the gate words,
    each rule's pattern, the length of beginnings): a start then reads it instead of reading
    fifty lists of beginnings and grouping ten thousand keys (about 15 ms)."""
    words = sorted(gate_words())
    key = "\n".join([str(LENGTH), *words, "",
                      *(f"{rule.pattern.flags}:{rule.pattern.pattern}" for rule in rules())])
    plan = cached_data("scanner", key, lambda: scanner_plan(words, [
        cached_beginnings(rule.pattern.pattern, rule.pattern.flags) for rule in rules()]),
        plan_is_valid)
    return scanner_from_plan(cast(Plan, plan), lambda phrases: compile_folded(alt(phrases)))


_Plan = tuple[tuple[str, ...], tuple[str, ...], bool]
_NO_PLAN: _Plan = ((), (), False)


@lru_cache(maxsize=1)
def _gate_plans() -> dict[str, _Plan]:
    """Per gate word: the gates it opens wherever it stands (inside a token too), those it
    opens only at the start of a word, and whether it opens "unit" (at the start of a word,
    when :func:`unit_in_context` says so)."""
    plans: dict[str, _Plan] = {}
    for word, opened in gate_words().items():
        anywhere = tuple(sorted(g for g in opened if g in WORD_INSIDE_GATES))
        at_start = tuple(sorted(g for g in opened if g not in WORD_INSIDE_GATES and g != "unit"))
        plans[word] = (anywhere, at_start, "unit" in opened)
    return plans


def gate_hits(norm: str, found: Anchors | None = None) -> dict[str, list[tuple[int, int]]]:
    """Where each gate's words stand, in text order.

    The scanner finds every gate word (``found``, else a scan of ``norm``); a few more
    scans find the numbers.
    """
    hits: dict[str, list[tuple[int, int]]] = {g: [] for g in GATE_REACH}
    plans = _gate_plans()
    if found is None:
        found = scanner().scan(norm)
    unit_hits = hits["unit"]
    for s, e in found.words:
        key = norm[s:e]
        plan = plans.get(key) or plans.get(" ".join(key.split()), _NO_PLAN)
        anywhere, at_start, unit = plan
        for gate in anywhere:
            hits[gate].append((s, e))
        if (at_start or unit) and _word_start(norm, s):
            for gate in at_start:
                hits[gate].append((s, e))
            if unit and unit_in_context(norm, s, e):
                unit_hits.append((s, e))
    for gate, s, e in number_gates(norm, found.coarse):
        hits[gate].append((s, e))
    for found_hits in hits.values():
        found_hits.sort()
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


def _matches(rule: Rule, norm: str, spans: list[tuple[int, int]]) -> list[re.Match[str]]:
    """Every match of ``rule`` inside ``spans``; one cut by a span's end is redone in full."""
    out: list[re.Match[str]] = []
    n = len(norm)
    for lo, hi in spans:
        for m in rule.pattern.finditer(norm, lo, hi):
            if m.end() == hi and hi < n:
                full = rule.pattern.match(norm, m.start())
                if full is None:
                    continue
                m = full
            out.append(m)
    return out


def _matches_at(
    rule: Rule, norm: str, spans: list[tuple[int, int]], starts: list[int]
) -> list[re.Match[str]]:
    """What :func:`_matches` finds, trying the pattern only at ``starts`` (where the scanner
    says a match may begin), in order, each after the end of the match before, as
    ``finditer`` would."""
    out: list[re.Match[str]] = []
    n = len(norm)
    match = rule.pattern.match
    count = len(starts)
    for lo, hi in spans:
        i = bisect_left(starts, lo)
        pos = tried = lo - 1
        while i < count:
            p = starts[i]
            i += 1
            if p >= hi:
                break
            if p <= pos or p == tried:
                continue
            tried = p
            m = match(norm, p, hi)
            if m is None:
                continue
            pos = m.end() - 1
            if m.end() == hi and hi < n:
                full = match(norm, p)
                if full is None:
                    continue
                m = full
            out.append(m)
    return out


_HALF = 32
_LOW = (1 << _HALF) - 1


def _cover(cover: list[int], s: int, e: int) -> None:
    """Record ``[s, e)`` as the widest candidate over its positions where it is wider
    (``cover[i]`` is ``start << 32 | end`` of the widest so far, -1 for none)."""
    span = s << _HALF | e
    width = e - s
    for i in range(s, e):
        c = cover[i]
        if c < 0 or (c & _LOW) - (c >> _HALF) < width:
            cover[i] = span


def tag(norm: str) -> list[Partial]:
    """Candidate partials of every rule, longest first, without overlaps, in text order."""
    lx = lexicon()
    cands: list[tuple[tuple[int, bool, bool, int, int], Partial]] = []
    found = scanner().scan(norm)
    hits = gate_hits(norm, found)
    spans: dict[tuple[str, int, int], list[tuple[int, int]]] = {}
    # The widest firm candidate over each position so far: a match strictly inside one
    # cannot win the selection below, so its production is not even run.
    cover = [-1] * (len(norm) + 1)
    # Positions inside a full date (day, month and perhaps year): the month and year rules
    # that come after cannot read a longer expression there, so they skip those gate words.
    full = bytearray(len(norm) + 1)
    for prio, rule in enumerate(rules()):
        if not hits[rule.gate]:
            continue  # no gate word: the rule cannot match (most rules, in a short text)
        starts = found.starts(prio)
        if starts is not None and not starts:
            continue  # nowhere in the text can the rule begin
        reach = RULE_REACH.get(rule.name, GATE_REACH[rule.gate])
        if rule.name in INSIDE_FULL_DATES:
            rule_hits = [h for h in hits[rule.gate] if not full[h[0]]]
            rule_spans = around(rule_hits, *reach, len(norm))
        else:
            key = (rule.gate, *reach)
            if key not in spans:
                spans[key] = around(hits[rule.gate], *reach, len(norm))
            rule_spans = spans[key]
        matches = (_matches(rule, norm, rule_spans) if starts is None
                   else _matches_at(rule, norm, rule_spans, starts))
        for m in matches:
            s, e = m.span()
            if e <= s:
                continue
            c = cover[s]
            if c >= 0:
                cs, ce = c >> _HALF, c & _LOW
                if cs <= s and e <= ce and ce - cs > e - s:
                    continue
            p = rule.produce(m, lx)
            if p is None:
                continue
            p.rule = rule.name
            _trim(p, norm)
            # longest first; among equals, not blocked, not latent, then rule order
            cands.append(((p.start - p.end, not p.blocked, p.latent, prio, len(cands)), p))
            if not p.latent and p.end - p.start > 2:
                _cover(cover, p.start, p.end)
                if rule.name in FULL_DATE_RULES:
                    full[p.start : p.end] = b"\x01" * (p.end - p.start)
    cands.sort()  # the keys are unique (the last item is the candidate's number)
    taken = bytearray(len(norm) + 1)
    chosen: list[Partial] = []
    for _, p in cands:
        if taken.find(1, p.start, p.end) >= 0:
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
