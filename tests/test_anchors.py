"""The one-pass scanner (``factsheet/dates/anchors.py``) and the tagger built on it.

The tagger runs each rule only where the scanner says a match may begin; these tests hold
it to what the rules' patterns really match: on random texts made of the lexicon's words,
numbers, punctuation and odd spacing, every position where a rule's pattern matches is one
the scanner gives, the scanner's gate words are the gate regex's, and the tagger's partials
are those of the tagger it replaced (kept below as the reference: every rule's ``finditer``
over its windows).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factsheet.dates import anchors, grammar
from factsheet.dates.grammar import (
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
)
from factsheet.dates.lexicon import lexicon
from factsheet.dates.normalize import compile_folded, normalize
from factsheet.dates.tag import around, scanner, tag

# ---------------------------------------------------------------------------- random texts


def _words() -> list[str]:
    lx = lexicon()
    pool = set(gate_words())
    for table in (lx.months, lx.weekdays, lx.hijri_months, lx.day_ordinals, lx.cardinals,
                  lx.deictic, lx.modifiers, lx.day_parts, lx.unit_of_form, lx.nth_ordinals,
                  lx.hour_ordinals, lx.hour_cardinals, lx.zone_marker, lx.hijri_era,
                  lx.gregorian_era, lx.period_mods, lx.day_part_after):
        pool.update(table)
    pool.update(["من", "الى", "إلى", "و", "بين", "الساعة", "يوم", "عام", "سنة", "شهر", "ال",
                 "في", "قبل", "بعد", "منذ", "خلال", "حتى", "لمدة", "نحو", "ملعب", "كل", "هذا",
                 "ذلك", "نفس", "الموافق", "هـ", "م", "مدرسة", "الان", "رقم", "ثورة", "الأسبوع"])
    return sorted(pool)


WORDS = _words()
NUMBERS = ["1", "5", "07", "12", "17", "20", "31", "45", "100", "0830", "1443", "1967", "2022",
           "20220", "15:30", "10.30", "17/05/2022", "2022-05-17", "٢٠٢٢", "۱۷", "५", "١٢:٣٠"]
MARKS = ["،", ",", ".", ":", "/", "-", "(", ")", '"', "«", "»", "؟", "!", "%", "_", "ـ", "ً"]
GAPS = [" ", " ", " ", " ", "", "  ", "\n", "\t", "\n\n", " \n ", "\u00a0", "\u2003"]
OTHER = ["x", "Mai", "ab", "كتاب", "انتخاب", "بالساعة", "وبالأمس", "والجمعة", "لل", "فب"]

token = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(WORDS),
    st.sampled_from(NUMBERS), st.sampled_from(MARKS), st.sampled_from(OTHER),
    st.builds(lambda c, w: c + w, st.sampled_from(["و", "ف", "ب", "ل", "ك", "وب", "ال"]),
              st.sampled_from(WORDS)),
)
texts = st.lists(st.tuples(token, st.sampled_from(GAPS)), max_size=24).map(
    lambda parts: "".join(t + g for t, g in parts))
FEW = settings(max_examples=150, deadline=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# ---------------------------------------------------------------------------- the scanner


@FEW
@given(texts, st.booleans())
@example("وقع ذلك يوم الخميس  الثاني من كانون\n2 2022 و17 ماي", True)
def test_every_match_begins_where_the_scanner_says(text: str, normalized: bool) -> None:
    norm = normalize(text).text if normalized else text
    found = scanner().scan(norm)
    for i, rule in enumerate(rules()):
        starts = found.starts(i)
        if starts is None:
            continue
        for p in range(len(norm)):
            if rule.pattern.match(norm, p):
                assert p in starts, f"{rule.name} matches at {p} in {norm!r}"


@FEW
@given(texts, st.booleans())
@example("مساء  اليوم والخميس\nالثاني وكانون\t2 كانون 2 كانون الثاني", False)
def test_gate_words_are_those_of_the_gate_regex(text: str, normalized: bool) -> None:
    norm = normalize(text).text if normalized else text
    assert scanner().scan(norm).words == [m.span() for m in gate_scanner().finditer(norm)]


@FEW
@given(texts)
@example("أعلن يوم الثلاثاء 17 ماي 2022 على الساعة العاشرة صباحا من 3 إلى 5 يونيو")
def test_tagging_finds_what_every_rule_over_its_windows_found(text: str) -> None:
    norm = normalize(text).text
    assert tag(norm) == reference_tag(norm)


@FEW
@given(texts)
@example("قبل  (3)  أيام ومنذ\nعامين الخمسة أيام واحد")
def test_units_in_context_as_the_regexes_read_them(text: str) -> None:
    norm = normalize(text).text
    for s, e in scanner().scan(norm).words:
        assert grammar.unit_in_context(norm, s, e) == reference_unit_in_context(norm, s, e)


@FEW
@given(texts, st.booleans())
@example("17 - 20 و5 \n/ 2022 ، 3\tالى 4 حتى 31/12/2022 9 / 1999 10:30 ٣ إلى", False)
def test_numbers_open_the_gates_they_opened(text: str, normalized: bool) -> None:
    norm = normalize(text).text if normalized else text
    expected = list(reference_number_gates(norm))
    assert list(number_gates(norm)) == expected
    # the digits read from the scanner's coarse copy of the text (ASCII, Arabic-Indic,
    # Devanagari …: every decimal digit) are those of the regex
    assert list(number_gates(norm, scanner().scan(norm).coarse)) == expected


def test_the_scanner_reads_every_rule() -> None:
    """No rule is left to be run over its whole windows: each has a list of beginnings."""
    found = scanner().scan("")
    assert all(found.starts(i) is not None for i in range(len(rules())))


# ---------------------------------------------------------------------------- the analysis


def test_beginnings_of_a_small_pattern() -> None:
    got = anchors.beginnings(r"(?<!\w)(?:يوم\s+)?(?P<d>\d{1,2})\s*(?:ماي|مايو)(?!\w)", 0, 5)
    # behind a space (the non-word before the match), 5 characters: digits are 0, spaces
    # kept (runs of them too), a whole match shorter than that ("17ماي") as it is
    assert got == {" يوم 0", " يوم  ", " 0 ماي", " 0  ما", " 0   م", " 0    ", " 00 ما",
                   " 00  م", " 00   ", " 00ماي", " 0ماي", " 0مايو"}


@pytest.mark.parametrize("source", [
    r"\d+ ماي",                 # no (?<!\w) before it: may start inside a word
    r"(?<!\w)\w+ ماي",          # begins with any word character
    r"(?<!\w)(?:ماي)?",         # may match nothing
    r"(?<!\w)(?i:ماي)",         # flags inside the pattern
])
def test_beginnings_that_cannot_be_listed(source: str) -> None:
    assert anchors.beginnings(source) is None


def test_coarse_letters_digits_and_the_rest() -> None:
    text = "في 17/05 ٢٠٢٢ و५ ـ Mai_1\n\u2003x"
    coarse = anchors.coarse(text)
    assert len(coarse) == len(text)
    assert coarse == "في 00 00 ٠٠٠٠ و0 ـ Mai_0  x".replace("٠", "0")


# ---------------------------------------------------------------------------- the reference

_CLITICS = "وفبلك"


def reference_word_start(norm: str, i: int) -> bool:
    if norm.startswith("ال", i - 2):
        i -= 2
    for _ in range(3):
        if i == 0 or not norm[i - 1].isalnum() or norm[i - 1].isdigit():
            return True
        if norm[i - 1] not in _CLITICS:
            return False
        i -= 1
    return False


_LEAD_WORDS = frozenset(
    normalize(w).text for w in [
        "لمدة", "مدة", "طيلة", "طوال", "قبل", "بعد", "منذ", "خلال", "غضون", "من", "عن", "نحو",
        "حوالي", "قرابة", "زهاء", "يقارب", "يناهز", "نصف", "ربع", "ثلث", "أرباع", "الآن"])
_NEXT_WORDS = frozenset(normalize(w).text for w in ["واحد", "واحدة", "من", "على"])
_TOKEN_BEFORE = re.compile(r"([^\s()]+)[\s()]*$")
_TOKEN_AFTER = re.compile(r"\s*(\S+)(?:\s+(\S+))?")


def reference_unit_in_context(norm: str, start: int, end: int) -> bool:
    lx = lexicon()
    while start and norm[start - 1].isalnum():
        start -= 1
    while end < len(norm) and norm[end].isalnum():
        end += 1
    word = norm[start:end]
    bare = word[2:] if word.startswith("ال") else word
    if lx.unit_of_form.get(bare, ("", ""))[1] == "dual" or word.startswith(("ب", "وب")):
        return True
    before = _TOKEN_BEFORE.search(norm, max(0, start - 30), start)
    if before:
        prev = before.group(1)
        if any(c.isdigit() for c in prev):
            return True
        for clitic in ("", "و", "ب", "وب", "ل"):
            stem = prev[len(clitic):] if prev.startswith(clitic) else ""
            if stem in _LEAD_WORDS or stem in lx.cardinals:
                return True
    after = _TOKEN_AFTER.match(norm, end)
    if after:
        nxt = after.group(1)
        if nxt in _NEXT_WORDS or nxt.startswith("و"):
            return True
        if word.startswith("ال") and (nxt.lstrip("ال") in lx.cardinals or nxt.isdigit()):
            return True
    return False


_DIGITS = re.compile(r"\d+")
_NUMERIC_DATE_TAIL = re.compile(r"\s*[/.-]\s*\d{1,4}\s*[/.-]\s*\d")
_MONTH_NUMERIC_TAIL = re.compile(r"\s*/\s*(?:19|20)\d\d(?!\d)")
_DAY_TAIL = compile_folded(r"\s*(?:-|و|الي|الى|حتي|لغايه|،|,)")


def reference_number_gates(norm: str) -> Iterator[tuple[str, int, int]]:
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


def reference_gate_hits(norm: str) -> dict[str, list[tuple[int, int]]]:
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
                    start_ok = reference_word_start(norm, s)
                if not start_ok:
                    continue
            if gate == "unit" and not reference_unit_in_context(norm, s, e):
                continue
            hits[gate].append((s, e))
    for gate, s, e in reference_number_gates(norm):
        hits[gate].append((s, e))
    for found in hits.values():
        found.sort()
    return hits


def _reference_matches(rule: Rule, norm: str,
                       spans: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    n = len(norm)
    for lo, hi in spans:
        for m in rule.pattern.finditer(norm, lo, hi):
            if m.end() == hi and hi < n:
                full = rule.pattern.match(norm, m.start())
                if full is None:
                    continue
                m = full
            yield m


def _reference_trim(p: Partial, norm: str) -> None:
    while p.end > p.start and norm[p.end - 1] in " \t\n\r،,":
        p.end -= 1
    while p.start < p.end and norm[p.start] in " \t\n\r،,":
        p.start += 1


def reference_tag(norm: str) -> list[Partial]:
    """The tagger before the scanner: each rule's ``finditer`` over its windows."""
    lx = lexicon()
    cands: list[tuple[int, int, Partial]] = []
    hits = reference_gate_hits(norm)
    spans: dict[tuple[str, int, int], list[tuple[int, int]]] = {}
    cover_start = array("l", [-1]) * (len(norm) + 1)
    cover_end = array("l", [-1]) * (len(norm) + 1)
    full = bytearray(len(norm) + 1)
    for prio, rule in enumerate(rules()):
        if not hits[rule.gate]:
            continue
        reach = RULE_REACH.get(rule.name, GATE_REACH[rule.gate])
        if rule.name in INSIDE_FULL_DATES:
            rule_spans = around([h for h in hits[rule.gate] if not full[h[0]]], *reach,
                                len(norm))
        else:
            key = (rule.gate, *reach)
            if key not in spans:
                spans[key] = around(hits[rule.gate], *reach, len(norm))
            rule_spans = spans[key]
        for m in _reference_matches(rule, norm, rule_spans):
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
            _reference_trim(p, norm)
            cands.append((prio, len(cands), p))
            if not p.latent and p.end - p.start > 2:
                for i in range(p.start, p.end):
                    if cover_end[i] - cover_start[i] < p.end - p.start or cover_start[i] < 0:
                        cover_start[i], cover_end[i] = p.start, p.end
                if rule.name in FULL_DATE_RULES:
                    full[p.start : p.end] = b"\x01" * (p.end - p.start)
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


def test_the_reference_is_the_tagger_of_the_pinned_outputs() -> None:
    """The reference finds the seed's dates (it is the tagger the pins were made with)."""
    from factsheet.sources.io import seed_path

    norm = normalize(seed_path().read_text(encoding="utf-8")).text
    assert [p.rule for p in reference_tag(norm)] == [p.rule for p in tag(norm)]
    assert len(reference_tag(norm)) > 5
    assert grammar.gate_scanner is gate_scanner
