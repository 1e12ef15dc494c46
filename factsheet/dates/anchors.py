"""Anchors: one pass over the text finds every gate word and every place a rule may start.

Each rule's pattern is read (its parse tree) for the beginnings its matches can have, up to
:data:`LENGTH` characters: ``date_dmy`` starts with a clitic, a part of the day, a deictic,
``يوم``, a weekday, a bracket, a number or an ordinal …, always after a character that is not
a word's. The beginnings are written in a coarse alphabet (every digit is ``0``, every
character that is not a word character is a space) behind that space, and become the keys of
one Aho-Corasick automaton (pyahocorasick), with the gate words. One pass of it over the text
in the same alphabet finds the gate words and, for every rule, the positions where one of its
matches may begin; the tagger then runs the rule's pattern only there (``re.match``), inside
the rule's windows, in text order, which finds exactly what ``finditer`` over the windows
found, without scanning every character of every window once per rule.

The analysis is an over-approximation that is sound by construction: whatever the pattern
matches, written in the coarse alphabet, begins with one of the rule's keys. A rule whose
beginnings cannot be listed (an unbounded class first, or too many) has none and is run over
its windows as before (``finditer``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

import ahocorasick

LENGTH = 5
"""Characters of each rule's beginnings (longer: fewer false starts, more keys to build)."""
MOST = 50_000
"""Most beginnings listed for one rule; a rule with more is run over its windows."""
DIGIT, OTHER = "0", " "
"""The coarse alphabet: a decimal digit (``\\d``) and a character that is not a word's (``\\W``)."""

_NONWORD = re.compile(r"[^\w ]")
_RARE = re.compile("[^\x00-\x7f\u0600-\u065f\u066a-\u06ef\u06fa-\u06ff]")
"""Characters that may be digits other than ASCII ones: outside ASCII and the Arabic letters."""


def coarse_char(ch: str) -> str:
    """``ch`` in the coarse alphabet (``\\d`` and ``\\W`` are exactly these tests)."""
    if ch.isdecimal():
        return DIGIT
    if not (ch.isalnum() or ch == "_"):
        return OTHER
    return ch


def coarse(text: str) -> str:
    """``text`` in the coarse alphabet, character for character (the same length)."""
    text = _NONWORD.sub(OTHER, text)
    for d in "123456789":
        if d in text:
            text = text.replace(d, DIGIT)
    if _RARE.search(text):
        text = _RARE.sub(lambda m: coarse_char(m.group()), text)
    return text


# ---------------------------------------------------------------------------- the analysis

_Set = tuple[frozenset[str], frozenset[str]]
"""What a piece of pattern can match first: (strings cut short, whole matches)."""
_CUT: _Set = (frozenset({""}), frozenset())
_EMPTY: _Set = (frozenset(), frozenset({""}))
_SPACE_CATEGORIES = frozenset(
    {C.CATEGORY_SPACE, C.CATEGORY_UNI_SPACE, C.CATEGORY_NOT_WORD, C.CATEGORY_UNI_NOT_WORD}
)
_DIGIT_CATEGORIES = frozenset({C.CATEGORY_DIGIT, C.CATEGORY_UNI_DIGIT})
_REPEATS = frozenset({C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT})


class _TooMany(Exception):
    """More beginnings than :data:`MOST`."""


def _charset(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The coarse characters a class ``[...]`` matches, or None when they cannot be listed."""
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            out.add(coarse_char(chr(av)))
        elif op is C.RANGE:
            lo, hi = av
            chars = {coarse_char(chr(c)) for c in range(lo, min(hi, lo + 64) + 1)}
            if hi - lo > 64 and chars != {DIGIT}:
                return None
            out |= chars
        elif op is C.CATEGORY and av in _DIGIT_CATEGORIES:
            out.add(DIGIT)
        elif op is C.CATEGORY and av in _SPACE_CATEGORIES:
            out.add(OTHER)
        else:  # NEGATE, \w, ...
            return None
    return frozenset(out)


class _Beginnings:
    """The beginnings of one pattern, up to ``length`` coarse characters."""

    def __init__(self, length: int) -> None:
        self.length = length
        self.memo: dict[tuple[int, int], _Set] = {}

    def seq(self, items: Any, budget: int) -> _Set:
        """A sequence of pattern items: strings of at most ``budget`` characters."""
        key = (id(items), budget)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = self._seq(list(items), budget)
        return found

    def _seq(self, items: list[tuple[Any, Any]], budget: int) -> _Set:
        cut: set[str] = set()
        whole: set[str] = {""}
        for op, av in items:
            if not whole:
                break
            whole = self._then(whole, lambda b, op=op, av=av: self.item(op, av, b), budget, cut)
        return frozenset(cut), frozenset(whole)

    def _then(self, heads: set[str], tail: Any, budget: int, cut: set[str]) -> set[str]:
        """Each of ``heads`` followed by what ``tail(remaining budget)`` matches first."""
        whole: set[str] = set()
        for s in heads:
            room = budget - len(s)
            if room <= 0:
                cut.add(s)
                continue
            t_cut, t_whole = tail(room)
            cut.update(s + t for t in t_cut)
            whole.update(s + t for t in t_whole)
            if len(cut) + len(whole) > MOST:
                raise _TooMany
        return whole

    def item(self, op: Any, av: Any, budget: int) -> _Set:
        if op is C.LITERAL:
            return frozenset(), frozenset({coarse_char(chr(av))})
        if op is C.IN:
            chars = _charset(av)
            return _CUT if chars is None else (frozenset(), chars)
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return _EMPTY  # zero-width: what follows comes first
        if op is C.BRANCH:
            cut: set[str] = set()
            whole: set[str] = set()
            for alternative in av[1]:
                a_cut, a_whole = self.seq(alternative, budget)
                cut |= a_cut
                whole |= a_whole
            return frozenset(cut), frozenset(whole)
        if op is C.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            return _CUT if add_flags or del_flags else self.seq(sub, budget)
        if op is C.ATOMIC_GROUP:
            return self.seq(av, budget)
        if op is C.GROUPREF_EXISTS:
            _, yes, no = av
            y_cut, y_whole = self.seq(yes, budget)
            n_cut, n_whole = self.seq(no, budget) if no else _EMPTY
            return y_cut | n_cut, y_whole | n_whole
        if op in _REPEATS:
            return self._repeat(av, budget)
        return _CUT  # ANY, NOT_LITERAL, a back-reference ...: cannot be listed

    def _repeat(self, av: Any, budget: int) -> _Set:
        least, most, sub = av
        cut: set[str] = set()
        whole: set[str] = {""}
        for _ in range(min(least, budget + 1)):
            whole = self._then(whole, lambda b: self.seq(sub, b), budget, cut)
        seen = set(whole)
        frontier = whole
        extra = budget + 1 if most == C.MAXREPEAT else min(most - least, budget + 1)
        for _ in range(extra):
            frontier = self._then(frontier, lambda b: self.seq(sub, b), budget, cut) - seen
            if not frontier:
                break
            seen |= frontier
        return frozenset(cut), frozenset(seen)


def _after_boundary(items: Any) -> bool:
    """Does the pattern begin with ``(?<!\\w)`` (its matches start after a non-word)?"""
    if not items:
        return False
    op, av = items[0]
    if op is not C.ASSERT_NOT or av[0] != -1:
        return False
    inner = list(av[1])
    return len(inner) == 1 and inner[0][0] is C.IN and list(inner[0][1]) in (
        [(C.CATEGORY, C.CATEGORY_WORD)], [(C.CATEGORY, C.CATEGORY_UNI_WORD)])


def beginnings(source: str, flags: int = 0, length: int = LENGTH) -> frozenset[str] | None:
    """Every way a match of ``source`` may begin, in the coarse alphabet and behind the
    non-word character that precedes it (so each string starts with a space), cut at
    ``length`` characters after it; None when they cannot be listed: the pattern does not
    start with ``(?<!\\w)``, begins with a class too wide to list, may match the empty string,
    or has more than :data:`MOST` beginnings."""
    if flags & ~re.UNICODE:
        return None
    tree = _parser.parse(source, flags)
    if not _after_boundary(tree.data):
        return None
    try:
        cut, whole = _Beginnings(length).seq(tree.data, length)
    except _TooMany:
        return None
    found = cut | whole
    if "" in found:
        return None
    return frozenset(OTHER + s for s in found)


# ---------------------------------------------------------------------------- the scanner


class _Phrases(dict[str, "re.Pattern[str]"]):
    """The pattern of each first word's phrases, compiled when the word is first met."""

    def __init__(self, heads: dict[str, list[str]], compile_phrases: Any) -> None:
        super().__init__()
        self.heads = heads
        self.compile_phrases = compile_phrases

    def __missing__(self, head: str) -> re.Pattern[str]:
        pattern: re.Pattern[str] = self.compile_phrases(self.heads[head])
        self[head] = pattern
        return pattern

_RULE, _WORD, _HEAD, _WORD_HEAD = 0, 1, 2, 3
"""Kinds of automaton keys: a rule's beginning; a gate word; the first word of gate phrases;
both a gate word and the first word of phrases."""


@dataclass(frozen=True)
class Scanner:
    """The automaton of the gate words and of the rules' beginnings."""

    automaton: Any
    phrases: dict[str, re.Pattern[str]]
    """The first word of gate phrases → a pattern of its phrases (words joined by ``\\s+``)."""
    of_rule: tuple[tuple[int, ...], ...]
    """Per rule, the groups of beginnings (by the set of rules they open) it is found in."""
    of_group: tuple[tuple[int, ...], ...]
    """Per group of beginnings, the rules it opens."""
    groups: int
    unlisted: frozenset[int]
    """The rules without a list of beginnings: run over their windows."""

    def scan(self, norm: str) -> Anchors:
        """The gate words (leftmost, longest, not overlapping) and the rules' starts."""
        found: list[tuple[int, int]] = []
        add = found.append
        buckets: list[list[int] | None] = [None] * self.groups
        text = coarse(norm)
        # typed, so that compiled code unpacks and counts with machine integers
        hits: Iterator[tuple[int, tuple[int, int, int]]] = self.automaton.iter(OTHER + text)
        for end, value in hits:
            kind, size, group = value
            if kind == _RULE:
                bucket = buckets[group]
                if bucket is None:
                    bucket = buckets[group] = []
                bucket.append(end - size + 1)
                continue
            start = end - size
            if kind != _HEAD:
                add((start, -end))
            if kind != _WORD:
                m = self.phrases[norm[start:end]].match(norm, start)
                if m is not None:
                    add((start, -m.end()))
        found.sort()
        words: list[tuple[int, int]] = []
        last = -1
        for start, end in found:
            if start >= last:  # the longest word at its start; none inside it
                last = -end
                words.append((start, last))
        return Anchors(words, buckets, self, text)


class Anchors:
    """What one scan found in a text: the gate words and where each rule may start."""

    __slots__ = ("_of_rule", "_scanner", "coarse", "words")

    def __init__(self, words: list[tuple[int, int]], buckets: list[list[int] | None],
                 scanner: Scanner, coarse_text: str) -> None:
        self.words = words
        """The gate words, ``(start, end)`` in text order, as the gate regex found them."""
        self.coarse = coarse_text
        """The text in the coarse alphabet (:func:`coarse`)."""
        self._scanner = scanner
        # per rule, the buckets found of the groups that open it (from the groups found,
        # not from every group of every rule: a text meets few of them)
        of_rule: dict[int, list[list[int]]] = {}
        for group, bucket in enumerate(buckets):
            if bucket is not None:
                for rule in scanner.of_group[group]:
                    of_rule.setdefault(rule, []).append(bucket)
        self._of_rule = of_rule

    def starts(self, rule: int) -> list[int] | None:
        """The positions (sorted) where a match of rule number ``rule`` may start; None for a
        rule that must be run over its windows."""
        if rule in self._scanner.unlisted:
            return None
        lists = self._of_rule.get(rule)
        if lists is None:
            return []
        if len(lists) == 1:
            return lists[0]
        out: list[int] = []
        for found in lists:
            out.extend(found)
        out.sort()  # a few sorted runs: timsort merges them
        return out


Plan = tuple[list[tuple[str, int, int, int]], dict[str, list[str]], list[list[int]],
             list[list[int]], list[int]]
"""What a scanner is built from, as plain data (kept in the disk cache): the automaton's keys
with their kind, length and group; the first word of gate phrases → its phrases; per rule,
its groups; per group, its rules; the rules without a list of beginnings."""


def scanner_plan(
    gate_words: Iterator[str] | list[str], rule_beginnings: list[frozenset[str] | None]
) -> Plan:
    """The plan of the scanner of ``gate_words`` (normalised words and phrases) and of the
    rules' beginnings (:func:`beginnings`, None for a rule run over its windows)."""
    words: set[str] = set()
    heads: dict[str, list[str]] = {}
    for word in gate_words:
        head, _, rest = word.partition(" ")
        if any(coarse_char(ch) != ch for ch in head):
            raise ValueError(f"a gate word must begin with letters: {word!r}")
        if rest:
            heads.setdefault(head, []).append(word)
        else:
            words.add(word)
    groups: dict[tuple[int, ...], int] = {}
    opened: dict[str, list[int]] = {}
    for rule, found in enumerate(rule_beginnings):
        for key in sorted(found or ()):
            opened.setdefault(key, []).append(rule)
    keys: list[tuple[str, int, int, int]] = []
    for key in sorted(words | heads.keys()):
        kind = _WORD if key not in heads else _HEAD if key not in words else _WORD_HEAD
        keys.append((key, kind, len(key), -1))
    for key, rules in opened.items():
        group = groups.setdefault(tuple(rules), len(groups))
        keys.append((key, _RULE, len(key), group))
    of_rule: list[list[int]] = [[] for _ in rule_beginnings]
    for rules_of_group, group in groups.items():
        for rule in rules_of_group:
            of_rule[rule].append(group)
    return (keys, heads, of_rule, [list(g) for g in sorted(groups, key=groups.__getitem__)],
            [i for i, found in enumerate(rule_beginnings) if found is None])


def plan_is_valid(plan: object) -> bool:
    """Has ``plan`` (read from the disk cache) the shape of a :data:`Plan`?"""
    if not (isinstance(plan, tuple) and len(plan) == 5):
        return False
    keys, heads, of_rule, of_group, unlisted = plan
    return (
        isinstance(keys, list) and all(
            isinstance(k, tuple) and len(k) == 4 and isinstance(k[0], str) and k[0]
            and all(type(x) is int for x in k[1:]) for k in keys)
        and isinstance(heads, dict) and all(
            isinstance(h, str) and isinstance(v, list) and all(isinstance(w, str) for w in v)
            for h, v in heads.items())
        and all(isinstance(x, list) and all(_ints(g) for g in x) for x in (of_rule, of_group))
        and _ints(unlisted)
        and all(0 <= k[3] < len(of_group) for k in keys if k[1] == _RULE)
    )


def _ints(x: object) -> bool:
    return isinstance(x, list) and all(type(i) is int for i in x)


def scanner_from_plan(plan: Plan, phrase_pattern: Any) -> Scanner:
    """The scanner a :data:`Plan` describes; a phrase's words are joined by any whitespace,
    as ``phrase_pattern(phrases)`` compiles them."""
    keys, heads, of_rule, of_group, unlisted = plan
    automaton = ahocorasick.Automaton()
    for key, kind, size, group in keys:
        automaton.add_word(key, (kind, size, group))
    automaton.make_automaton()
    return Scanner(
        automaton,
        _Phrases(heads, phrase_pattern),
        tuple(tuple(g) for g in of_rule),
        tuple(tuple(r) for r in of_group),
        len(of_group),
        frozenset(unlisted),
    )


def cached_beginnings(source: str, flags: int) -> frozenset[str] | None:
    """:func:`beginnings`, kept on disk with the compiled patterns (the analysis takes a few
    hundredths of a second per rule)."""
    from .recache import cached_value

    found = cached_value("beginnings", f"{LENGTH}:{source}", flags,
                         lambda: beginnings(source, flags))
    return None if found is None else frozenset(found)
