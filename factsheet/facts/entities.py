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
from functools import lru_cache

from ..dates.arabic import bare, key, stems, words
from .gazetteer import Hit, entities_data, find_names, gazetteer
from .lexicon import Token, is_speech, lexicon, tokenize, word_keys
from .model import Organization, Person, Place, Quote, Span
from .orgs import find_organizations
from .people import build_context, find_people, nationality_forms
from .quotes import Ref, find_quotes
from .sites import find_areas, find_sites, kingdom_mentions

_FUNCTION_TEXT = """
في من إلى الى على عن مع حول خلال بعد قبل منذ حتى عند لدى أن إن أنه أنها كان كانت
الذي التي الذين اللذين اللتين هذا هذه ذلك تلك هو هي هم و أو ثم بل لكن لا لم لن قد
كما ما إذا إذ كل بين عبر ضد دون نحو أمام وراء فوق تحت بصفته بصفتها باسم وفق ضمن
لقد وقد وقال وقالت يوم اليوم أمس غدا صباح مساء
"""
FUNCTION_WORDS = {key(w) for w in _FUNCTION_TEXT.split()}
_ORDINALS_TEXT = "الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر"
ORDINALS = {key(w) for w in _ORDINALS_TEXT.split()}
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


@lru_cache(maxsize=1)
def _adjectives() -> frozenset[str]:
    """Nationality adjectives made from the names of countries (``الأردن`` → ``أردني``)."""
    return nationality_forms({e.name for e in gazetteer().values() if e.kind == "country"})


def _owners(toks: list[Token], people: list[Person], orgs: list[Organization],
            places: list[Place]) -> tuple[list[Ref | None], dict[str, str], dict[str, str]]:
    """What each token names (person, role, organisation, place) and the named holder of each
    role (``مدير المركز`` → ``محمد عودة``)."""
    refs: list[tuple[int, int, Ref]] = []
    roles: dict[str, str] = {}
    lex = lexicon()
    genders: dict[str, str] = {}

    def org_gender(name: str) -> str:
        first = bare(key(name).split()[0]) if name.split() else ""
        return "f" if first.endswith("ه") else "m"

    def person_gender(p: Person) -> str | None:
        first = key(p.name or "").split()
        if first and first[0] in lex.female:
            return "f"
        role = key(p.role or "").split()
        if role and bare(role[0]).endswith("ه"):
            return "f"
        return "m" if first and first[0] in lex.given else None

    for pl in places:
        ref = Ref(pl.name, "place")
        refs += [(s.start, s.end, ref) for s in pl.mentions]
    for o in orgs:
        ref = Ref(o.name, "organization", gender=org_gender(o.name))
        genders[o.name] = ref.gender or ""
        refs += [(s.start, s.end, ref) for s in o.mentions]
    org_mentions = [(m.start, m.end, o.name) for o in orgs for m in o.mentions]
    for p in people:
        if p.name is None:
            rk = role_key(p.role or "")
            for s in p.mentions:
                ref = Ref(None, "role", rk, body=_spoken_for(p.role or "", s, org_mentions))
                refs.append((s.start, s.end, ref))
            continue
        ref = Ref(p.name, "person", gender=person_gender(p))
        if ref.gender:
            genders[p.name] = ref.gender
        refs += [(s.start, s.end, ref) for s in p.mentions]
        if p.role_span is not None:
            rk = role_key(p.role or "")
            roles.setdefault(rk, p.name)
            refs.append((p.role_span.start, p.role_span.end, ref))
    refs.sort(key=lambda r: (r[0], -(r[1] - r[0])))
    owner: list[Ref | None] = [None] * len(toks)
    j = 0
    for i, t in enumerate(toks):
        while j < len(refs) and refs[j][1] <= t.start:
            j += 1
        k = j
        best = None
        while k < len(refs) and refs[k][0] < t.end:
            if refs[k][1] > t.start:
                r = refs[k][2]
                if best is None or (best.kind in ("place", "organization") and r.kind == "person"):
                    best = r
            k += 1
        owner[i] = best
    return owner, roles, genders


_SPOKESMEN = word_keys("متحدث المتحدث متحدثة المتحدثة ناطق الناطق ناطقة الناطقة")


def _spoken_for(role: str, span: Span, org_mentions: list[tuple[int, int, str]]) -> str | None:
    """``المتحدث باسم الخطوط الجوية الهندية``: the body an unnamed spokesman speaks for."""
    words = key(role).split()
    if not words or words[0] not in _SPOKESMEN:
        return None
    inside = [name for a, b, name in org_mentions if span.start < a and b <= span.end]
    return inside[0] if inside else None


def _outside(places: list[Place], org_spans: list[tuple[int, int]]) -> list[Place]:
    """Places without the mentions that are part of an organisation's name (``شركة النقل
    بتونس``, ``بنك "هامبورغ" التجاري``); a place left with no mention is dropped."""
    import bisect

    spans = sorted(org_spans)
    starts = [a for a, _ in spans]
    out = []
    for p in places:
        kept = []
        for s in p.mentions:
            k = bisect.bisect_right(starts, s.start)
            inside = any(a <= s.start and s.end <= b for a, b in spans[max(0, k - 4):k])
            if not inside:
                kept.append(s)
        if kept:
            out.append(Place(p.name, p.en, p.kind, p.code, tuple(kept)))
    return sorted(out, key=lambda p: p.mentions[0].start)


def role_key(role: str) -> str:
    """The first two words of a role, clitics aside: ``مدير المركز`` ~ ``مدير مركز الفلك``."""
    ws = [bare(w) for w in key(role).split()[:2]]
    return " ".join(ws)


def find_entities(
    text: str, dates: Iterable[tuple[int, int]] = (),
) -> tuple[list[Hit], list[Place], list[Organization], list[Person], list[Quote]]:
    """All the named things of ``text`` (the gazetteer hits first, as the others use them).

    ``dates`` are the spans of the article's date mentions: no name runs into a date.
    """
    date_spans = list(dates)
    hits = find_names(text)
    places = collect_places(hits)
    toks = tokenize(text)
    lex = lexicon()
    speech = frozenset(i for i, t in enumerate(toks) if is_speech(t.text))
    date_ctx = build_context(text, toks, [], date_spans, frozenset())
    person_heads = lex.title_heads | lex.honorifics
    orgs = find_organizations(text, toks, hits, date_ctx.blocked, person_heads, speech,
                              _adjectives())
    org_spans = [(s.start, s.end) for o in orgs for s in o.mentions]
    ctx = build_context(text, toks, [h for h in hits if h.entry.kind != "organization"],
                        date_spans, _adjectives(), org_spans)
    people = find_people(ctx, speech)
    places = kingdom_mentions(toks, places) + [
        s for s in find_sites(ctx) + find_areas(ctx, places)
        if not any(a <= s.mentions[0].start < b for a, b in org_spans)]
    places = _outside(places, org_spans)
    owner, roles, genders = _owners(toks, people, orgs, places)
    quotes = find_quotes(text, toks, owner, roles, date_ctx.blocked, genders)
    return hits, places, orgs, people, quotes
