"""Events: what happens at each date of the article, where, in the article's words.

* Each dated mention is read in its **clause** (the words between two punctuation marks).
  The clause minus the date and the place is the event's label (``تمت المصادقة على هذا
  الإطار``). A clause that only continues a noun (``الذي تم افتتاحه``, ``المقرر عقده``) takes
  that noun from the clause before (``المرصد الإفريقي للهجرة، الذي تم افتتاحه``).
* The **place** is a place named in the clause (``في مراكش``, ``بالرباط``), or in a short
  clause right after it; a place inside a name (``ميثاق مراكش``) does not count.
* Mentions of the **same event** are merged: compatible dates and the same place, or the same
  leading noun phrase (``المنتدى الأول لبحث …``), or the same acronym (``IMRF``).
* The **article's own event** is what the article reports (the noun it calls ``هذا الاجتماع``),
  dated by the publication date, with the mentions of "today".
* An **offset** (``قبل 50 يوما من المنتدى``) becomes a relation from the article's event to the
  event it names.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice

from ..dates.arabic import WORD, bare, key, same_word, sentences, stems, words
from ..dates.model import Mention, Range, Value
from ..dates.published import PublishedDate
from ..dates.when import value_bounds
from .entities import FUNCTION_WORDS, ORDINALS, find_acronyms, in_a_name, is_event_noun
from .gazetteer import Hit
from .model import Event, Place, Relation, Span, Where

_CLAUSE_MARK = re.compile(r"[،,.:;؛!?؟\"«»“”()\[\]\n]")
_CONTINUATIONS = {
    key(w)
    for w in ("الذي", "التي", "الذين", "اللذين", "المقرر", "المقررة", "المرتقب", "المرتقبة",
              "المزمع", "المزمعة", "المنتظر", "المنتظرة", "المنظم", "المنظمة", "المنعقد",
              "المنعقدة", "والذي", "والتي")
}
_TRIM = FUNCTION_WORDS | {key(w) for w in ("فقط", "أي", "وذلك", "مذكرا", "أنه", "سنة", "عام")}
MAX_LABEL_WORDS = 12
CLAUSE_BACK = 300
CLAUSE_FORWARD = 1000
"""How far a clause reaches at most before and after its date (the longest clause of the
development set's articles has 773 characters)."""
MAX_SAME_EVENT_CANDIDATES = 64
"""Earlier events sharing an acronym, a place or a leading noun that a new mention is
compared with (an article has a few; a hostile text of thousands of dates stays linear)."""
_NOT_SPACE = re.compile(r"\S")
_DATELINE = re.compile(r"([^\n\-–—:]{2,40}?)\s*[-–—:]\s")
"""A place and a dash at the head of the article (``الرباط - …``)."""
_PARENTHESIS_AT_END = re.compile(r"\s*\(.*\)\s*$")


def clause_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``text[start:end]``: up to the punctuation on each side, reaching
    at most :data:`CLAUSE_BACK` characters back and :data:`CLAUSE_FORWARD` forward (a text
    without punctuation is not one clause of the whole text, read again for every date)."""
    lo = max(0, start - CLAUSE_BACK)
    left = max((m.end() for m in _CLAUSE_MARK.finditer(text, lo, start)), default=lo)
    right_mark = _CLAUSE_MARK.search(text, end, end + CLAUSE_FORWARD)
    right = right_mark.start() if right_mark else min(len(text), end + CLAUSE_FORWARD)
    return left, right


class _Sentences:
    """The sentences of a text, found once: :func:`sentence_at` by binary search."""

    def __init__(self, text: str) -> None:
        self.bounds = list(sentences(text))
        self.starts = [a for a, _ in self.bounds]
        self.size = len(text)

    def at(self, offset: int) -> tuple[int, int]:
        """What ``sentence_at(text, offset)`` gives."""
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.bounds[i][1]:
            return self.bounds[i]
        return 0, self.size


class _Placed:
    """The places found in the text, looked up by where they start (in their own order)."""

    def __init__(self, placed: list[tuple[Hit, Place]]) -> None:
        self.placed = placed
        self.order = sorted(range(len(placed)), key=lambda i: placed[i][0].start)
        self.starts = [placed[i][0].start for i in self.order]

    def within(self, lo: int, hi: int) -> list[tuple[Hit, Place]]:
        """The places that start in ``[lo, hi)``."""
        found = self.order[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]
        return [self.placed[i] for i in sorted(found)]


class _Acronyms:
    """The acronyms that name events (``المنتدى … (IMRF)``), in text order, and which one
    labels a dated mention: the last that overlaps its label or stands before it in its
    sentence, each one found replacing the label (and so the span the next is compared
    with). Only the acronyms that can change the answer are looked at, so that a text of
    thousands of acronyms and dates is not read once per date."""

    def __init__(self, text: str, found: list[tuple[str, Span]], sents: _Sentences) -> None:
        self.text, self.found, self.sents = text, found, sents
        self.ends = [s.end for _, s in found]  # increasing: one match of the pattern each
        self.min_start = [len(text) + 1] * (len(found) + 1)  # the least start from i on
        for i in range(len(found) - 1, -1, -1):
            self.min_start[i] = min(found[i][1].start, self.min_start[i + 1])
        self.labels: dict[int, str] = {}

    def label(self, i: int) -> str:
        """The label an acronym gives: its phrase without the parenthesis."""
        if i not in self.labels:
            label = _PARENTHESIS_AT_END.sub("", self.found[i][1].text)
            for w in words(label)[:1]:
                if key(w[0]).startswith("لل"):
                    label = "ال" + label[2:]
            self.labels[i] = label
        return self.labels[i]

    def apply(self, m: Mention, span: Span) -> tuple[str, str, Span] | None:
        """``(acronym, label, span)`` for the mention ``m`` labelled ``span``, or None."""
        sentence = self.sents.at(m.start)
        last = bisect_right(self.ends, m.start) - 1
        i = last
        while i >= 0 and self.ends[i] >= sentence[0]:
            if self._before_in_sentence(i, m, sentence):
                break  # the last acronym before the date in its sentence
            i -= 1
        else:
            i = -1
        result = None
        if i >= 0:
            span = self.found[i][1]
            result = (self.found[i][0], self.label(i), span)
            i += 1
        else:
            i = bisect_left(self.ends, span.start)  # none before ends where the label starts
        while i < len(self.found) and self.min_start[i] <= span.end:
            s = self.found[i][1]
            if (s.start <= span.end and span.start <= s.end) or self._before_in_sentence(
                i, m, sentence
            ):
                span = s
                result = (self.found[i][0], self.label(i), span)
            i += 1
        return result

    def _before_in_sentence(self, i: int, m: Mention, sentence: tuple[int, int]) -> bool:
        s = self.found[i][1]
        return s.end <= m.start and self.sents.at(s.start) == sentence


@dataclass
class _Draft:
    label: str
    label_span: Span | None
    when: Value
    grain: str | None
    where: Where | None
    mentions: list[Mention]
    own: bool = False
    acronym: str | None = None
    heads: list[str] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def bounds(self) -> tuple[dt.date, dt.date] | None:
        return value_bounds(self.when)


def _trim_words(ws: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    while ws and key(ws[0][0]) in _TRIM:
        ws = ws[1:]
    while ws and key(ws[-1][0]) in _TRIM:
        ws = ws[:-1]
    return ws


def _label_of(
    text: str, clause: tuple[int, int], skip: list[tuple[int, int]]
) -> tuple[str, Span | None]:
    """The clause's words minus the spans in ``skip`` (the date, the place), trimmed, at
    most :data:`MAX_LABEL_WORDS` of them. The clause is read only as far as needed: up to a
    word past the label that the trimming of the end would keep."""
    ws: list[tuple[str, int, int]] = []
    for m in WORD.finditer(text, *clause):
        if any(a <= m.start() < b for a, b in skip):
            continue
        w = m.group()
        if not ws and key(w) in _TRIM:
            continue  # the leading function words go
        ws.append((w, m.start(), m.end()))
        if len(ws) > MAX_LABEL_WORDS and key(w) not in _TRIM:
            break  # the trailing ones cannot reach back into the label
    ws = _trim_words(ws)[:MAX_LABEL_WORDS]
    if not ws:
        return "", None
    first, a, b = ws[0]
    if key(first).startswith(("وال", "فال")):
        ws[0] = (first[1:], a + 1, b)
    label = " ".join(w for w, _, _ in ws)
    return label, Span(text[ws[0][1]:ws[-1][2]], ws[0][1], ws[-1][2])


def _antecedent(text: str, clause_start: int) -> tuple[int, int] | None:
    """The noun phrase a continuing clause is about: the tail of the clause before it."""
    if clause_start == 0:
        return None
    prev = clause_at(text, max(0, clause_start - 2), max(0, clause_start - 1))
    ws = words(text, *prev)
    if not ws:
        return None
    head = None
    for i, (w, _, _) in enumerate(ws):
        has_article = key(w).startswith(("ال", "لل", "وال", "فال", "بال"))
        if is_event_noun(w) or (has_article and len(ws) - i <= 8):
            head = i
            break
    if head is None:
        head = max(0, len(ws) - 4)
    return ws[head][1], ws[-1][2]


def _place_near(text: str, clause: tuple[int, int], places: _Placed) -> Where | None:
    """A place named in the clause, else in a short clause (two words at most) right after."""
    inside = places.within(*clause)
    if not inside:
        nxt = clause_at(text, clause[1] + 1, clause[1] + 1)
        if nxt[0] > clause[1] and len(list(islice(WORD.finditer(text, *nxt), 3))) <= 2:
            inside = places.within(*nxt)
    for h, p in inside:
        if not in_a_name(text, h.start):
            return Where(p, Span(h.text, h.start, h.end))
    return None


def _noun_heads(label: str) -> list[str]:
    """The leading event noun phrase of a label, as matching keys (first three words)."""
    ws = [w for w, _, _ in words(label)]
    for i, w in enumerate(ws):
        if is_event_noun(w):
            heads = [bare(w)]
            for x in ws[i + 1:i + 3]:
                if not key(x).startswith(("ال", "لل")) or key(x) in _TRIM:
                    break
                heads.append(key(x))
            return heads
    return []


def _compatible(a: _Draft, b: _Draft) -> bool:
    ba, bb = a.bounds(), b.bounds()
    if ba is None or bb is None:
        return ba is None and bb is None and a.when == b.when
    return ba[0] <= bb[1] and bb[0] <= ba[1]


def _same_event(a: _Draft, b: _Draft) -> bool:
    if a.own or b.own or not _compatible(a, b):
        return False
    if a.acronym and a.acronym == b.acronym:
        return True
    if a.where and b.where and a.where.place.name == b.where.place.name:
        return True
    if not a.heads or not b.heads or a.heads[0] != b.heads[0]:
        return False
    shorter = min(len(a.heads), len(b.heads))
    return a.heads[:shorter] == b.heads[:shorter]


def _precision(d: _Draft) -> int:
    b = d.bounds()
    return (b[1] - b[0]).days if b else 1_000_000


def _merge_into(a: _Draft, b: _Draft) -> None:
    """Merge the draft ``b`` into the event ``a``, in place: an event told a thousand times
    is not copied a thousand times."""
    precise = a if _precision(a) <= _precision(b) else b
    label_from = a if a.acronym or not b.acronym else b
    a.label, a.label_span = label_from.label, label_from.label_span
    a.when, a.grain = precise.when, precise.grain
    a.where = a.where or b.where
    if a.mentions and b.mentions and b.mentions[0].start < a.mentions[-1].start:
        a.mentions = sorted([*a.mentions, *b.mentions], key=lambda m: m.start)
    else:  # drafts come in text order: b's mentions follow a's
        a.mentions.extend(b.mentions)
    a.acronym = a.acronym or b.acronym
    a.heads = a.heads or b.heads
    a.relations.extend(b.relations)


def _event_keys(d: _Draft) -> list[tuple[str, str]]:
    """What two mentions of the same event share (see :func:`_same_event`)."""
    keys = [("acronym", d.acronym)] if d.acronym else []
    if d.where:
        keys.append(("place", d.where.place.name))
    if d.heads:
        keys.append(("head", d.heads[0]))
    return keys


def _merge_drafts(drafts: list[_Draft]) -> list[_Draft]:
    """Each draft merged into the first earlier event it is the same as (else a new one).

    Only events sharing an acronym, a place or a leading noun can be the same event: they
    are found by those keys, not by comparing every draft with every event."""
    merged: list[_Draft] = []
    index: dict[tuple[str, str], list[int]] = {}
    for d in drafts:
        candidates = sorted(
            {i for k in _event_keys(d) for i in index.get(k, ())[:MAX_SAME_EVENT_CANDIDATES]}
        )
        target = next((i for i in candidates if _same_event(merged[i], d)), None)
        if target is None:
            target = len(merged)
            merged.append(d)
        else:
            _merge_into(merged[target], d)
        for k in _event_keys(merged[target]):  # a merged event keeps its keys and gains some
            found = index.setdefault(k, [])
            if target not in found[-1:] and (target not in found[:MAX_SAME_EVENT_CANDIDATES]):
                found.append(target)
    return merged


def _first_label_stems(events: list[_Draft]) -> dict[str, int]:
    """For each reading of a label word (:func:`stems`, three letters or more), the first
    event whose label has it: the event an offset's anchor names."""
    first: dict[str, int] = {}
    for i, d in enumerate(events):
        for w in d.label.split():
            for x in stems(w):
                if len(x) >= 3:
                    first.setdefault(x, i)
    return first


def _own_event(
    text: str,
    published: PublishedDate,
    today: list[Mention],
    places: _Placed,
) -> _Draft:
    """The event the article reports: the noun it points at with ``هذا``/``هذه``."""
    pointed: Counter[str] = Counter()
    for w, a, _ in words(text):
        if key(w) in {"هذا", "هذه"}:
            nxt = words(text, a + len(w), min(len(text), a + len(w) + 30))
            if nxt and is_event_noun(nxt[0][0]):
                pointed[key(nxt[0][0])] += 1
    label, span, heads = "", None, []
    noun = pointed.most_common(1)[0][0] if pointed else None
    where = None
    if noun is not None:
        for w, a, _ in words(text):
            if key(w) == noun or same_word(w, noun):
                clause = clause_at(text, a, a)
                ws = words(text, a, clause[1])
                phrase = [ws[0]]
                for x in ws[1:6]:
                    if not (key(x[0]).startswith(("ال", "لل")) or key(x[0]) in ORDINALS):
                        break
                    phrase.append(x)
                label = " ".join(x[0] for x in phrase)
                span = Span(text[phrase[0][1]:phrase[-1][2]], phrase[0][1], phrase[-1][2])
                heads = [key(x[0]) for x in phrase[:3]]
                break
        counts: Counter[str] = Counter()
        first: dict[str, tuple[Hit, Place]] = {}
        for s, e in sentences(text):
            if not any(same_word(w, noun) for w, _, _ in words(text, s, e)):
                continue
            for h, p in places.within(s, e):
                if not in_a_name(text, h.start) and p.kind != "region":
                    counts[p.name] += 1
                    first.setdefault(p.name, (h, p))
        if counts:
            h, p = first[counts.most_common(1)[0][0]]
            where = Where(p, Span(h.text, h.start, h.end))
    if not label:
        s, _ = next(iter(sentences(text)), (0, len(text)))
        lead = _NOT_SPACE.search(text, s)
        # a dateline is short: matched within a bounded stretch, never against the whole text
        dateline = _DATELINE.match(text, lead.start(), lead.start() + 120) if lead else None
        if dateline is not None:
            head = next(iter(places.within(s, dateline.end(1))), None)
            if head is not None:
                where = where or Where(head[1], Span(head[0].text, head[0].start, head[0].end))
                s = dateline.end()
        clause = clause_at(text, s, s)
        label, span = _label_of(text, clause, [(m.start, m.end) for m in today])
    return _Draft(label, span, published.iso, "day" if published.value else None, where,
                  list(today), own=True, heads=heads)


def build_events(
    text: str,
    mentions: Sequence[Mention],
    published: PublishedDate,
    hits: Sequence[Hit],
    places: Sequence[Place],
) -> list[Event]:
    """The events of the article, merged, in date order, with ids ``e1``, ``e2``…"""
    by_name = {p.name: p for p in places}
    placed = _Placed([(h, by_name[h.entry.name]) for h in hits if h.entry.name in by_name])
    sents = _Sentences(text)
    acronyms = _Acronyms(text, [(a, s) for a, s, is_event in find_acronyms(text) if is_event],
                         sents)
    today = [m for m in mentions if m.parts and m.parts.deictic_days == 0]
    seen_today = {id(m) for m in today}
    pub = published.iso
    drafts: list[_Draft] = []
    offsets: list[Mention] = []
    for m in mentions:
        if id(m) in seen_today:
            continue
        if m.type in ("duration", "time") or (m.value is None and m.parts is None):
            if m.anchor is not None:
                offsets.append(m)
            continue
        if pub is not None and m.value == pub:
            today.append(m)
            continue
        clause = clause_at(text, m.start, m.end)
        where = _place_near(text, clause, placed)
        skip = [(m.start, m.end)] + ([(where.span.start, where.span.end)] if where else [])
        label, span = _label_of(text, clause, skip)
        first = WORD.search(text, *clause)
        continues = first is not None and key(first.group()) in _CONTINUATIONS
        if continues or len(label.split()) < 2:
            ante = _antecedent(text, clause[0])
            if ante is not None:
                label, span = _label_of(text, (ante[0], clause[1]), skip)
        acronym = None
        named = acronyms.apply(m, span) if span else None
        if named is not None:
            acronym, label, span = named
        if not label:
            continue
        drafts.append(_Draft(label, span, m.value, m.grain, where, [m], acronym=acronym,
                             heads=_noun_heads(label)))
    own = _own_event(text, published, today, placed)
    merged = _merge_drafts(drafts)
    everything = [own, *merged]
    everything.sort(key=lambda d: (d.bounds() or (dt.date.max, dt.date.max))[0])
    ids = {id(d): f"e{i}" for i, d in enumerate(everything, 1)}
    by_stem = _first_label_stems(merged)
    for m in offsets:
        assert m.anchor is not None
        target_words = [w for w, _, _ in words(m.anchor.target_text) if len(key(w)) > 2]
        if not target_words:
            continue
        # the first event with a label word that reads as the anchor's first word
        found = [by_stem[x] for x in stems(target_words[0]) if x in by_stem]
        if not found:
            continue
        target = merged[min(found)]
        own.mentions.append(m)
        own.relations.append(
            Relation(m.anchor.relation, m.parts.offset if m.parts else None, ids[id(target)],
                     Span(m.text, m.start, m.end))
        )
    own.mentions.sort(key=lambda x: x.start)
    # An article's event with no words (an empty text, a bare date) is left out, not shown
    # blank; only its relations pointed at the ids, so numbering the rest again is safe.
    kept = [d for d in everything if d.label]
    return [
        Event(f"e{i}", d.label, d.label_span, d.when, d.grain, d.where,
              tuple(d.mentions), d.own, d.acronym, tuple(d.relations))
        for i, d in enumerate(kept, 1)
    ]


def when_start(value: Value) -> str | None:
    """The first ISO value of a ``when`` (the start of a range)."""
    if isinstance(value, Range):
        return value.start
    if isinstance(value, tuple):
        return when_start(value[0]) if value else None
    return value
