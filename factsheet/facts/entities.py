"""Places, organisations, people and quotes of an article, each with its spans.

The rules are few and written for news prose, not for one article:

* places and known organisations come from :mod:`factsheet.facts.gazetteer`;
* other organisations start with a head word (``منظمة``, ``الاتحاد``, ``شبكة``, ``المرصد``…)
  and run on over words with the article (``المرصد الإفريقي للهجرة``); a Latin acronym in
  parentheses names the phrase before it (``… الهجرة الدولية (IMRF)``);
* people are found after an honorific (``السيد فيتورينو``) or a title whose role phrase may be
  followed by the name in apposition (``المدير العام للمنظمة الدولية للهجرة، أنطونيو فيتورينو``);
  a role that runs on to an organisation with no name is kept as a person known by role;
* quotes are words between ``«»``, ``“”`` or ``""`` (three words at least); the speaker is the
  subject of the verb of saying before it, or the person the text was speaking of.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ..dates.arabic import fold, key, same_word, sentence_at, stems, words
from .gazetteer import Hit, entities_data, find_names
from .model import Organization, Person, Place, Quote, Span

_FUNCTION_TEXT = """
في من إلى الى على عن مع حول خلال بعد قبل منذ حتى عند لدى أن إن أنه أنها كان كانت
الذي التي الذين اللذين اللتين هذا هذه ذلك تلك هو هي هم و أو ثم بل لكن لا لم لن قد
كما ما إذا إذ كل بين عبر ضد دون نحو أمام وراء فوق تحت بصفته بصفتها باسم وفق ضمن
لقد وقد وقال وقالت يوم اليوم أمس غدا صباح مساء
"""
FUNCTION_WORDS = {key(w) for w in _FUNCTION_TEXT.split()}
_ORDINALS_TEXT = "الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر"
ORDINALS = {key(w) for w in _ORDINALS_TEXT.split()}
_NAME_LINKS = {"عبد", "ابو", "ابن", "بن", "ايت", "ال"}
"""Name words after which a word with the article still belongs to the name."""


@lru_cache(maxsize=1)
def _lists() -> dict[str, set[str]]:
    data = entities_data()
    return {
        "org_heads": {key(w) for w in data["organization_heads"]["words"]},
        "event_nouns": {key(w) for w in data["event_nouns"]["words"]},
        "name_words": {key(w) for w in data["name_words"]["words"]},
        "honorifics": {key(w) for w in data["people"]["honorifics"]},
        "titles": {key(w) for w in data["people"]["titles"]},
        "speech": {key(w) for w in data["speech_verbs"]["words"]},
    }


def _is_listed(word: str, listed: set[str]) -> bool:
    return any(s in listed for s in stems(word))


def is_speech_verb(word: str) -> bool:
    """``وتابع``, ``مذكرا``, ``قالت``… (clitics aside)."""
    return _is_listed(word, _lists()["speech"])


def is_event_noun(word: str) -> bool:
    """``للمنتدى``, ``الاجتماع``, ``قمة``… (clitics aside)."""
    return _is_listed(word, _lists()["event_nouns"])


def _has_article(word: str) -> bool:
    """``الدولية``, ``للهجرة``, ``بالهجرة``, ``والزراعة``: a word carrying the article."""
    k = key(word)
    return k.startswith(("ال", "لل", "بال", "وال", "كال", "فال")) and len(k) > 3


# --- places -------------------------------------------------------------------------------


def in_a_name(text: str, start: int) -> bool:
    """True when the word before ``start`` makes a place part of a name (``ميثاق مراكش``)."""
    before = words(text, max(0, start - 20), start)
    return bool(before) and _is_listed(before[-1][0], _lists()["name_words"])


def collect_places(hits: Iterable[Hit]) -> list[Place]:
    """Places named in the text, in order of first mention, with all their spans."""
    spans: dict[str, list[Span]] = {}
    entries = {}
    for h in hits:
        if h.entry.kind == "organization":
            continue
        spans.setdefault(h.entry.name, []).append(Span(h.text, h.start, h.end))
        entries[h.entry.name] = h.entry
    out = []
    for name, found in spans.items():
        e = entries[name]
        kind = e.kind if e.kind != "organization" else "region"
        out.append(Place(name, e.en, kind, e.code, tuple(found)))
    return out


# --- organisations ------------------------------------------------------------------------

_ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z]{1,9})\s*\)")
_BOUNDARY = re.compile(r"[،,.:;؛!?؟\"«»“”()\[\]\n]")


@dataclass
class _Org:
    name: str
    en: str | None
    acronym: str | None
    spans: list[Span] = field(default_factory=list)


def head_cut(word: str, listed: set[str]) -> tuple[int, str]:
    """How many leading characters of ``word`` are clitics, and the head as it reads.

    ``وشبكة`` → ``(1, "شبكة")``; ``للمنتدى`` → ``(0, "المنتدى")`` (the article is fused
    with the preposition, so the written word is kept whole).
    """
    k = key(word)
    for s in stems(word):
        if s in listed:
            if k.endswith(s) and len(word) == len(k):
                return len(k) - len(s), s if s != k else word
            return 0, s
    return 0, word


def _phrase_after_head(text: str, start: int, limit: int = 6) -> int:
    """End of a name phrase starting at ``start``: the head, then words with the article."""
    ws = words(text, start, min(len(text), start + 120))
    if not ws:
        return start
    end = ws[0][2]
    for w, ws_start, ws_end in ws[1:limit + 1]:
        if _BOUNDARY.search(text[end:ws_start]) or key(w) in ORDINALS:
            break
        if not _has_article(w):
            break
        end = ws_end
    return end


def find_acronyms(text: str) -> list[tuple[str, Span, bool]]:
    """``(acronym, phrase span, names_an_event)`` for each ``(ABC)`` after a phrase."""
    lists = _lists()
    out = []
    for m in _ACRONYM.finditer(text):
        boundary = max((b.end() for b in _BOUNDARY.finditer(text, max(0, m.start() - 160),
                                                             m.start())), default=0)
        ws = words(text, boundary, m.start())[-9:]
        head = None
        for i, (w, _, _) in enumerate(ws):
            if _is_listed(w, lists["event_nouns"]) or _is_listed(w, lists["org_heads"]):
                head = i
                break
        if head is None:
            continue
        word, ws_start, _ = ws[head]
        is_event = _is_listed(word, lists["event_nouns"])
        start = ws_start + head_cut(word, lists["event_nouns"] | lists["org_heads"])[0]
        out.append((m.group(1), Span(text[start:m.end()], start, m.end()), is_event))
    return out


def collect_organizations(text: str, hits: Iterable[Hit]) -> list[Organization]:
    """Known organisations, then head-word phrases and acronyms not already covered."""
    orgs: dict[str, _Org] = {}
    taken: list[tuple[int, int]] = []
    for h in hits:
        if h.entry.kind != "organization":
            continue
        o = orgs.setdefault(h.entry.name, _Org(h.entry.name, h.entry.en, h.entry.acronym))
        o.spans.append(Span(h.text, h.start, h.end))
        taken.append((h.start, h.end))
    lists = _lists()

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for acronym, span, is_event in find_acronyms(text):
        if is_event:
            continue
        inner = span.text[: span.text.rfind("(")].strip()
        o = orgs.setdefault(key(inner), _Org(inner, None, acronym))
        o.spans.append(span)
        taken.append((span.start, span.end))
    for w, start, end in words(text):
        if not _is_listed(w, lists["org_heads"]):
            continue
        start += head_cut(w, lists["org_heads"])[0]
        stop = _phrase_after_head(text, start)
        if stop == end or not free(start, stop):
            continue
        phrase = text[start:stop]
        o = orgs.setdefault(key(phrase), _Org(phrase, None, None))
        o.spans.append(Span(phrase, start, stop))
        taken.append((start, stop))
    out = [Organization(o.name, o.en, o.acronym, tuple(sorted(o.spans, key=lambda s: s.start)))
           for o in orgs.values()]
    return sorted(out, key=lambda o: o.mentions[0].start)


# --- people -------------------------------------------------------------------------------


@dataclass
class _Person:
    name: str | None
    role: str | None
    role_span: Span | None
    spans: list[Span] = field(default_factory=list)


def _name_words(text: str, start: int, *, after_honorific: bool) -> tuple[int, int] | None:
    """The span of 1–3 name words at ``start`` (``أنطونيو فيتورينو``, ``محمد السادس``)."""
    ws = words(text, start, min(len(text), start + 80))
    taken: list[tuple[str, int, int]] = []
    for w, a, b in ws[:4]:
        if taken and _BOUNDARY.search(text[taken[-1][2]:a]):
            break
        k = key(w)
        if k in FUNCTION_WORDS or is_speech_verb(w) or w.isdigit():
            break
        if k.startswith("ال") and not (
            taken and (k in ORDINALS or key(taken[-1][0]) in _NAME_LINKS)
        ):
            break
        taken.append((w, a, b))
        if len(taken) == 3:
            break
    if not taken:
        return None
    if not after_honorific and len(taken) < 2:
        return None
    return taken[0][1], taken[-1][2]


def _role_end(text: str, start: int, hits: list[Hit]) -> int:
    """End of a role phrase at ``start``: the title and its genitives and known names."""
    ws = words(text, start, min(len(text), start + 160))
    end = ws[0][2] if ws else start
    for i, (w, a, b) in enumerate(ws):
        if i == 0 or i > 8:
            continue
        if _BOUNDARY.search(text[end:a]):
            break
        inside = next((h for h in hits if h.start <= a < h.end), None)
        if inside is not None:
            end = max(end, inside.end)
            continue
        if a < end:
            continue
        if _has_article(w) and key(w) not in ORDINALS:
            end = b
            continue
        if i + 1 < len(ws) and _has_article(ws[i + 1][0]) and not _BOUNDARY.search(
            text[b:ws[i + 1][1]]
        ) and key(w) not in FUNCTION_WORDS and not is_speech_verb(w):
            # a construct noun before its genitive: مجلس النواب، لكرة القدم
            end = b
            continue
        break
    return end


def _title_at(text: str, start: int) -> int | None:
    """End of the longest title (one or two words) at ``start``, or ``None``."""
    lists = _lists()
    ws = words(text, start, min(len(text), start + 60))[:3]
    for n in (3, 2, 1):
        if len(ws) < n:
            continue
        first = stems(ws[0][0])
        rest = " ".join(key(w) for w, _, _ in ws[1:n])
        for f in first:
            candidate = f"{f} {rest}".strip()
            if candidate in lists["titles"]:
                return ws[n - 1][2]
    return None


def collect_people(text: str, hits: list[Hit]) -> list[Person]:
    """People with their role, and people known only by a role that names a body."""
    lists = _lists()
    people: list[_Person] = []
    covered: list[tuple[int, int]] = []
    for w, a, b in words(text):
        if any(s <= a < e for s, e in covered):
            continue
        honorific = _is_listed(w, lists["honorifics"])
        title_end = None if honorific else _title_at(text, a)
        if not honorific and title_end is None:
            continue
        role_end = _role_end(text, a, hits) if not honorific else b
        rest = text[role_end:]
        comma = re.match(r"\s*[،,]\s*", rest)
        name_start = role_end + (comma.end() if comma else len(rest) - len(rest.lstrip()))
        name = _name_words(text, name_start, after_honorific=honorific and not comma)
        if name is not None and comma is not None:
            after = text[name[1]:name[1] + 2]
            if not re.match(r"\s*[،,.:]", after):
                name = None
        role_text = text[a:role_end]
        role = Span(role_text, a, role_end)
        if name is not None:
            nm = text[name[0]:name[1]]
            people.append(_Person(nm, role_text, role, [Span(nm, name[0], name[1])]))
            covered.append((a, name[1]))
        elif not honorific and any(a < h.start < role_end for h in hits):
            before = words(text, max(0, a - 12), a)
            if people and before and key(before[-1][0]) in {"بصفته", "بصفتها"}:
                # ``الملك محمد السادس، بصفته رائد …``: a second role of the last person
                last = people[-1]
                last.role = f"{last.role}، {role_text}" if last.role else role_text
            else:
                people.append(_Person(None, role_text, role, [role]))
            covered.append((a, role_end))
    return _merge_people(text, people)


def _merge_people(text: str, people: list[_Person]) -> list[Person]:
    """One person per name; surnames and repeated roles become mentions of that person."""
    merged: list[_Person] = []
    for p in people:
        same = None
        for q in merged:
            same_name = bool(p.name and q.name) and (
                p.name == q.name or key(str(p.name).split()[-1]) == key(str(q.name).split()[-1])
            )
            same_role = p.name is None and bool(q.role and p.role) and key(str(p.role)) == key(
                str(q.role)
            )
            if same_name or same_role:
                same = q
        if same is None:
            merged.append(p)
            continue
        same.spans.extend(p.spans)
        if p.name and same.name and len(p.name) > len(same.name):
            same.name = p.name
        if same.role is None or (
            p.role and key(p.role) not in FUNCTION_WORDS and len(p.role) > len(same.role)
            and same.role_span is not None and same.role_span.text in _lists()["honorifics"]
        ):
            same.role, same.role_span = p.role, p.role_span
    out = []
    for p in merged:
        spans = list(p.spans)
        if p.name:
            last = p.name.split()[-1]
            if len(key(last)) >= 4:
                for w, a, b in words(text):
                    if same_word(w, last) and not any(s.start <= a < s.end for s in spans):
                        spans.append(Span(text[a:b], a, b))
        spans.sort(key=lambda s: s.start)
        out.append(Person(p.name, p.role, p.role_span, tuple(spans)))
    return out


# --- quotes -------------------------------------------------------------------------------

_QUOTE = re.compile(r"«([^«»]+)»|“([^“”]+)”|\"([^\"]+)\"")


def collect_quotes(text: str, people: list[Person]) -> list[Quote]:
    """Direct quotes of three words or more, with their speaker when the text tells."""
    mentions = sorted(
        ((s.start, s.end, p) for p in people for s in p.mentions), key=lambda t: t[0]
    )
    folded = fold(text)
    out = []
    for m in _QUOTE.finditer(text):
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        inner_start, inner_end = m.start(group), m.end(group)
        body = text[inner_start:inner_end]
        if len(words(body)) < 3:
            continue
        s_start, _ = sentence_at(text, m.start())
        verbs = [
            (a, b) for w, a, b in words(folded, s_start, m.start()) if is_speech_verb(w)
        ]
        speaker: tuple[int, int, Person] | None = None
        if verbs:
            va, vb = verbs[0]
            after = [t for t in mentions if vb <= t[0] <= vb + 60 and t[0] < m.start()]
            if after:
                speaker = after[0]
            else:
                before = [t for t in mentions if t[1] <= va]
                speaker = before[-1] if before else None
        else:
            near = [t for t in mentions if s_start <= t[0] and t[1] <= m.start()]
            speaker = near[-1] if near else None
        if speaker is not None:
            a, b, person = speaker
            who = person.name or person.role
            out.append(Quote(body, inner_start, inner_end, who, Span(text[a:b], a, b)))
        else:
            out.append(Quote(body, inner_start, inner_end, None, None))
    return out


def find_entities(
    text: str,
) -> tuple[list[Hit], list[Place], list[Organization], list[Person], list[Quote]]:
    """All the named things of ``text`` (the gazetteer hits first, as the others use them)."""
    hits = find_names(text)
    places = collect_places(hits)
    orgs = collect_organizations(text, hits)
    people = collect_people(text, hits)
    quotes = collect_quotes(text, people)
    return hits, places, orgs, people, quotes
