"""Organisations: known names, head-word phrases, outlets, acronyms and short forms.

* Known bodies come from the gazetteer (``facts/data/entities.toml``).
* A head word (``وزارة``, ``هيئة``, ``حركة``, ``المركز``…) starts a name that runs on over its
  genitives and adjectives (``وزارة الفلاحة والموارد المائية``, ``الهيئة العليا المستقلة
  للانتخابات``), over places (``شرطة ولاية يوبي``) and over a quoted name (``حزب "بهاراتيا
  جاناتا"``); never over a date, a relative pronoun, a title or punctuation.
* An outlet word (``صحيفة``, ``وكالة``, ``قناة``…) before a quoted or bracketed name names that
  outlet (``صحيفة «فيلت أم زونتاج»``, ``لوكالة (فرانس برس)``); so does a quoted name that is
  the subject of a verb of saying (``"الصباح" قالت``).
* A Latin acronym in brackets names the phrase before it; an Arabic one (``(فيفا)``) is another
  form of it.
* A short form refers to the one organisation it can denote: the bare head (``الوزارة``,
  ``الهيئة``, ``الحركة``) when one organisation of the article has that head, and a leading
  part of a longer name (``هيئة الانتخابات`` for ``هيئة الانتخابات المصرية``). A bare head that
  could mean two organisations, or none, is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..dates.arabic import key, stems
from .gazetteer import Hit, entities_data, gazetteer
from .lexicon import (
    FUNCTION_WORDS,
    ORDINALS,
    Token,
    is_speech,
    lexicon,
    looks_like_verb,
    word_keys,
)
from .model import Organization, Span

MAX_ORG_WORDS = 8
_OUTLETS = word_keys("""صحيفة الصحيفة جريدة الجريدة وكالة الوكالة قناة القناة موقع الموقع مجلة
المجلة إذاعة الإذاعة تلفزيون التلفزيون حساب""")
_PRINT = word_keys("صحيفة الصحيفة جريدة الجريدة مجلة المجلة موقع الموقع")
_BARE_OUTLETS = {key(w) for w in ("وكالة", "صحيفة", "جريدة", "مجلة", "قناة")}
"""Outlet words that may precede an unquoted name (``وكالة سبوتنيك``, ``صحيفة تلغراف``)."""
_ADJECTIVES = word_keys("""العليا العامة العام الأعلى الكبرى الكبير العظمى الحاكم الحاكمة
الأول الدائمة الدائم الموحد الموحدة""")


def _adjective(k: str, nationality: frozenset[str]) -> bool:
    """``الإفريقي``, ``المستقلة``, ``العليا``: a word that can qualify a name."""
    bare = k[2:] if k.startswith("ال") else k
    return (k in _ADJECTIVES or bare in nationality or k.endswith(("ي", "يه", "يين", "يون"))
            or k.startswith(("الم", "المت", "المس")) or (k.startswith("ال") and len(k) == 6
            and k[3] == "ا"))


_NOT_IN_NAMES = word_keys("عدد رقم نحو حوالي قرابة")
_GENERIC = word_keys("""المحلية المحلي المعنية المعني الرسمية الرسمي المختصة المختص التربوية
الأمنية الصحية الطرقية المذكورة المذكور المعنيين الجديدة الجديد الحالية الحالي السابقة السابق
المكلفة المكلف""")
"""Adjectives that describe a body without naming it (``السلطات المعنية``)."""
_COLLECTIVE = word_keys("وزراء")
"""Plural roles that speak as one body when a genitive names them (``وزراء خارجية الدول
العربية``, ``وزراء الخارجية العرب``); ``الوزراء`` alone then refers to them."""
_COUNCILS = word_keys("مجلس اجتماع")
_TITLED = word_keys("رئيس رئيسة مجلس نائب رئاسة اجتماع اجتماعات")
_VERBAL_HEADS = word_keys("تنظيم إدارة حركة مجموعة قوات سلطة تحالف")
_NAMED_HEADS = {key(w) for w in [
    "حزب", "الحزب", "حركة", "الحركة", "جماعة", "الجماعة", "تنظيم", "التنظيم", "مجموعة",
    "المجموعة", "شركة", "الشركة", "نادي", "النادي", "فريق", "الفريق", "منظمة", "المنظمة",
    "جمعية", "الجمعية", "تحالف", "التحالف"
]}
_RELATIVE = {key(w) for w in ("الذي", "التي", "الذين", "الذى")}


@lru_cache(maxsize=1)
def _not_organizations() -> dict[str, frozenset[str]]:
    """Head → words after it that describe a flow or a point, not a body (``حركة المرور``)."""
    table = entities_data()["not_organizations"]
    return {key(h): frozenset(key(w) for w in ws) for h, ws in table.items()}


def _describes(head: str, nxt: str) -> bool:
    """``حركة المرور``, ``مركز المدينة``: the head and the word after it are not a name."""
    words = _not_organizations().get(head)
    if not words:
        return False
    return nxt in words or (nxt[:1] in ("و", "ب", "ل", "ف") and nxt[1:] in words)


def _outlet_description(head: str, first: str, second: str, nationality: frozenset[str]) -> bool:
    """``التلفزيون الهولندي``, ``الجريدة الإخوانية``: an outlet word and one adjective describe
    an outlet without naming it."""
    if head.lstrip("_") not in _OUTLETS or not _article(first) or not second.startswith("ال"):
        return False
    bare = second[2:]
    if bare in nationality:  # ``التلفزيون المصري`` is the state broadcaster; ``صحيفة مصرية`` is not
        return head.lstrip("_") in _PRINT
    return bare.endswith(("يه", "ي"))
_INNER = {key(w) for w in ("عن", "من أجل")}
_QUOTED = re.compile(r"\s*(?:«\s*([^«»\n]{2,40}?)\s*»|\"([^\"\n]{2,40}?)\"|“([^“”\n]{2,40}?)”"
                     r"|\(([^()\n]{2,40}?)\))")
_LATIN_ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z&\-]{1,9})\s*\)")
_ARABIC_ACRONYM = re.compile(r"^\s*[\(\"«]\s*([\u0621-\u064a]{3,12})\s*[\)\"»]")


@dataclass
class _Org:
    name: str
    en: str | None
    acronym: str | None
    head: str | None
    words: tuple[str, ...]
    spans: list[Span] = field(default_factory=list)


def _head_of(tok: Token) -> tuple[int, str] | None:
    """``وللوزارة`` → (offset of the head in the word, ``وزاره``) when the word is a head."""
    lex = lexicon()
    for s in stems(tok.text):
        if s in lex.org_heads or s in _OUTLETS or s in _NAMED_HEADS or s in _COLLECTIVE:
            bare = s[2:] if s.startswith("ال") and len(s) > 4 else s
            k = tok.key
            cut = 0
            if k.endswith(s) and len(k) == len(tok.text):
                cut = len(k) - len(s)
            elif k.endswith(bare) and k[:len(k) - len(bare)].endswith("لل"):
                cut = 0
            return cut, bare
    return None


def _with_clitic(hit: Hit) -> bool:
    """``بإسطنبول``: a place written with a preposition (``لبنان`` is not ``ل`` + ``بنان``)."""
    k = key(hit.text).replace(" ", "")
    return k[:1] in ("ب", "ل") and k != key(hit.entry.name).replace(" ", "")


def _clitic_cut(text: str) -> int:
    """``وشبكة …`` → 1, ``للمنظمة …`` → 1, ``والجمعية`` → 1: characters of a leading clitic."""
    k = key(text)
    if k.startswith(("وال", "بال", "فال", "كال", "لل")):
        return 1
    first = k.split()[0] if k else ""
    if first.startswith(("و", "ف", "ب", "ل")) and len(first) > 4:
        heads = lexicon().org_heads
        if first[1:] in heads or "ال" + first[1:] in heads:
            return 1
    return 0


def _article(k: str) -> bool:
    return (k.startswith(("ال", "لل", "وال")) and len(k) > 3)


def find_organizations(text: str, toks: Sequence[Token], hits: Iterable[Hit],
                       blocked_dates: Sequence[bool], person_heads: frozenset[str],
                       speech_positions: frozenset[int],
                       adjectives: frozenset[str] = frozenset()) -> list[Organization]:
    """Every organisation of the article with all its mentions, in order of first mention."""
    orgs: dict[str, _Org] = {}
    taken: list[tuple[int, int]] = []
    hit_at: dict[int, Hit] = {}
    for h in hits:
        if h.entry.kind == "organization":
            o = orgs.setdefault(key(h.entry.name), _Org(h.entry.name, h.entry.en, h.entry.acronym,
                                                         None, tuple(key(h.entry.name).split())))
            cut = _clitic_cut(h.text)
            o.spans.append(Span(h.text[cut:], h.start + cut, h.end))
            taken.append((h.start, h.end))
        hit_at[h.start] = h
    tok_hit: list[Hit | None] = [None] * len(toks)
    with_article = {t.key[2:] for t in toks if t.key.startswith("ال")}
    hi = sorted(hit_at.values(), key=lambda h: h.start)
    j = 0
    for i, t in enumerate(toks):
        while j < len(hi) and hi[j].end <= t.start:
            j += 1
        if j < len(hi) and hi[j].start <= t.start < hi[j].end:
            tok_hit[i] = hi[j]
    taken_tok = [False] * len(toks)
    for i, th in enumerate(tok_hit):
        if th is not None and th.entry.kind == "organization":
            taken_tok[i] = True

    def add(name: str, span: Span, head: str | None, acronym: str | None = None) -> _Org:
        known = gazetteer().get(key(name).replace(" ", ""))
        if known is not None and known.kind == "organization":
            name = known.name  # ``مكتب "أوتشا"``: a known body by another of its names
        k = key(name)
        o = orgs.setdefault(k, _Org(name, None, acronym, head, tuple(k.split())))
        o.spans.append(span)
        if acronym and not o.acronym:
            o.acronym = acronym
        return o

    bare_heads: list[tuple[int, str]] = []
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if taken_tok[i] or blocked_dates[i]:
            i += 1
            continue
        hd = _head_of(t)
        if hd is None or (t.key.startswith(("ل", "ب")) and not t.key.startswith(("لل", "بال"))
                          and hd[1] in _VERBAL_HEADS):
            i += 1  # ``لتنظيم الاستفتاء``: organising, not an organisation
            continue
        cut, head = hd
        start = t.start + cut
        end_tok = i + 1
        after = text[t.end:t.end + 48]
        q = _QUOTED.match(after)
        if q:
            g = next(x for x in range(1, 5) if q.group(x) is not None)
            a, b = t.end + q.start(g), t.end + q.end(g)
            name = text[a:b].strip()
            limit = 4 if head in _OUTLETS or head in _NAMED_HEADS else 2
            if len(name.split()) <= limit and not any(c.isdigit() for c in name):
                o = add(name, Span(text[a:b], a, b), head)
                # ``حزب "بهاراتيا جاناتا" (بي جي بي)``: another form in brackets
                rest = text[b + 1:b + 30]
                m2 = re.match(r"\s*\(([^()\n]{2,20})\)", rest)
                if m2 and not m2.group(1).isascii():
                    s2 = b + 1 + m2.start(1)
                    o.spans.append(Span(m2.group(1), s2, s2 + len(m2.group(1))))
                while i < n and toks[i].start < b:
                    i += 1
                continue
        if head in _OUTLETS and i + 1 < n and _article(toks[i + 1].key):
            head = "_" + head  # ``الوكالة الوطنية لتقنين …``: a body, not an outlet's name
        if i + 1 < n and _describes(head, toks[i + 1].key):
            i += 2  # ``حركة المرور``: traffic, not a movement
            continue
        if head in _COLLECTIVE and (_article(t.key) or t.key.startswith(("لل", "وال", "بال"))):
            if not (i > 0 and toks[i - 1].key in _TITLED):
                bare_heads.append((i, head))  # ``الوزراء``: the ministers named before
            i += 1
            continue
        k = i + 1
        words = 1
        while k < n and words < MAX_ORG_WORDS:
            tk = toks[k]
            if tk.stop_before or blocked_dates[k] or tk.key in _RELATIVE:
                break
            if tk.key in person_heads or is_speech(tk.text) or k in speech_positions:
                break
            inner = tok_hit[k]
            if inner is not None and inner.entry.kind != "organization" and _with_clitic(inner) \
                    and not tk.key.startswith("لل"):
                break  # ``المركز بإسطنبول``: where the body is, not its name
            if inner is not None and inner.entry.kind != "organization" and \
                    _article(toks[k - 1].key):
                break  # ``وزراء خارجية الدول العربية الولايات المتحدة``: the object
            if inner is not None:
                while k < n and toks[k].start < inner.end:
                    k += 1
                end_tok = k
                words += 1
                continue
            if tk.key in _INNER and k + 1 < n and _article(toks[k + 1].key):
                k += 1
                continue
            if tk.key in FUNCTION_WORDS:
                break
            nxt = toks[k + 1] if k + 1 < n else None
            if k > i + 1 and _head_of(tk) is not None and not tk.key.startswith("لل"):
                break  # ``… المستهلك السلطات المعنية``: another body begins
            if looks_like_verb(tk.key) or tk.key in _NOT_IN_NAMES:
                break  # ``حركة الجولان ستكون``
            if k == i + 1 and (tk.key.startswith("وال") or (_article(t.key) and
                               tk.key.startswith("لل")) or (not _article(t.key) and
                               tk.key.startswith("ل") and not tk.key.startswith("لل"))):
                break  # ``تنظيم والعشوائية``, ``الفريق للإصابة``, ``لجنة لمراقبة الأسعار``
            if tk.key.startswith("وال") and tk.key[3:] in adjectives:
                break  # ``التنظيم العالمي والليبي الجنسية``
            if tk.key in ORDINALS or tk.key.endswith(("ها", "هم", "هما")):
                break  # ``المركز الأول``, ``لجنة تحكيمها``
            prev = toks[k - 1].key
            if _article(tk.key) and _article(prev) and not tk.key.startswith(("لل", "وال")) \
                    and not _adjective(tk.key, adjectives):
                break  # ``الاتحاد الإضراب``: a definite noun after a definite word is not its name
            if _article(tk.key):
                end_tok = k + 1
                k += 1
                words += 1
                continue
            if tk.key.startswith("ل") and len(tk.key) >= 4 and k == end_tok and nxt is not None \
                    and not nxt.stop_before and _article(nxt.key) and head not in _OUTLETS \
                    and not (k == i + 1 and _article(t.key)):
                end_tok = k + 2  # ``لكرة القدم``, ``لتنسيق الشؤون الإنسانية``
                k += 2
                words += 2
                continue
            next_hit = tok_hit[k + 1] if k + 1 < n else None
            place_next = nxt is not None and next_hit is not None and \
                next_hit.entry.kind != "organization" and not _with_clitic(next_hit)
            if nxt is not None and not nxt.stop_before and (_article(nxt.key) or place_next) \
                    and head not in _OUTLETS and not tk.key.isdigit() \
                    and not _article(toks[k - 1].key) and not (
                        tk.key.startswith(("ي", "ت")) and len(tk.key) <= 4):
                end_tok = k + 1  # a construct noun: هيئة الطيران المدني، رابطة دوري المحترفين
                k += 1
                words += 1
                continue
            if (head in _BARE_OUTLETS or (head in _NAMED_HEADS and not tk.key.endswith(("ي", "ه"))
                    and tk.key not in with_article and not _article(t.key))) \
                    and not _article(tk.key) and words <= 3 \
                    and not tk.key.isdigit() and not tk.key.startswith(("ل", "ب")) \
                    and not tk.key.endswith("ا"):
                end_tok = k + 1  # an outlet's own name: وكالة سبوتنيك
                k += 1
                words += 1
                continue
            break
        if end_tok == i + 1:
            titled = i > 0 and toks[i - 1].key in _TITLED
            if (t.key.startswith(("ال", "وال", "لل", "بال", "فال")) or head in _OUTLETS) \
                    and not titled:
                bare_heads.append((i, head))
            i += 1
            continue
        if end_tok == i + 2 and toks[i + 1].key in _GENERIC:
            i = end_tok  # ``الشرطة المحلية``, ``السلطات المعنية``: a description
            continue
        if end_tok == i + 2 and _outlet_description(head, t.key, toks[i + 1].key, adjectives):
            i = end_tok
            continue
        a, b = start, toks[end_tok - 1].end
        if head.lstrip("_") in {key("حساب"), key("موقع")}:
            i = end_tok  # ``موقع الانحياز``: a position, not a website
            continue
        if head in _OUTLETS:
            a = toks[i + 1].start
        name = text[a:b]
        shown = name
        if key(name).startswith("لل") and len(name) > 3:
            a += 1  # ``للإذاعة الرسمية`` → the body ``الإذاعة الرسمية``
            name = name[1:]
            shown = "ال" + name[1:]
        elif key(name).startswith(("وال", "بال", "فال")):
            a += 1
            name = shown = name[1:]
        add(shown, Span(name, a, b), head)
        for x in range(i, end_tok):
            taken_tok[x] = True
        i = end_tok
    # a known name inside a longer one (``مكتب الأمم المتحدة لتنسيق …``) is part of it
    longer = sorted((s.start, s.end) for o in orgs.values() if o.head is not None
                    for s in o.spans)
    if longer:
        import bisect
        starts = [a for a, _ in longer]
        for o in orgs.values():
            if o.head is None:
                o.spans = [s for s in o.spans if not any(
                    a <= s.start and s.end <= b and (a, b) != (s.start, s.end)
                    for a, b in longer[max(0, bisect.bisect_right(starts, s.start) - 3):
                                       bisect.bisect_right(starts, s.start)])]
    # acronyms in brackets after a name
    by_end: dict[int, _Org] = {}
    for o in orgs.values():
        for s in o.spans:
            by_end[s.end] = o
    for m in _LATIN_ACRONYM.finditer(text):
        gap = len(text[max(0, m.start() - 4):m.start()]) - len(
            text[max(0, m.start() - 4):m.start()].rstrip())
        named = by_end.get(m.start() - gap)
        if named is not None and not named.acronym:
            named.acronym = m.group(1)
    for end, named in list(by_end.items()):
        am = _ARABIC_ACRONYM.match(text[end:end + 20])
        if am:
            a0 = end + am.start(1)
            form = am.group(1)
            if key(form) not in orgs:
                named.spans.append(Span(form, a0, a0 + len(form)))
                orgs[key(form)] = named
    # a quoted name as the subject of a verb of saying: ``"الصباح" قالت``, ``وقالت "الصباح"``
    _quoted_speakers(text, toks, speech_positions, add)
    # teams: ``فاز على السد القطري 2-1``, ``فريقا النصر والهلال``
    for name, a in _teams(text, adjectives):
        if not any(a < s.end and s.start < a + len(name) for o in orgs.values() for s in o.spans):
            add(name, Span(name, a, a + len(name)), None)
    # short forms
    unique = list({id(o): o for o in orgs.values()}.values())
    _short_forms(text, toks, unique, bare_heads)
    out = []
    for o in unique:
        spans = sorted({(s.start, s.end): s for s in o.spans}.values(), key=lambda s: s.start)
        out.append(Organization(_shown_name(o.name, spans), o.en, o.acronym, tuple(spans)))
    return sorted(out, key=lambda o: o.mentions[0].start)


_AR = "[\u0621-\u064a\u064b-\u0652]"
_SCORE = r"\s*(?:\d{1,2}|صفر)\s*[-–/]\s*\.?\s*(?:\d{1,2}|صفر)(?!\d)"
_MATCH = re.compile(
    r"(?:^|(?<=[\s،,]))(?:(?P<won>و?(?:فاز|تغلب|يفوز|يتغلب)\s+على|و?(?:خسر|يخسر)\s+"
    r"(?:من|أمام|امام)|و?(?:تعادل|يتعادل)\s+مع)|و?س?(?:واجه|يواجه|بمواجهة|لمواجهة)|ضد|أمام|امام)\s+"
    rf"(?P<name>{_AR}+(?:\s+{_AR}+){{0,3}}?)(?:\s+(?P<adj>ال{_AR}+))?"
    rf"(?={_SCORE}|\s+(?:يوم|في|،|,|\.))")
_RESULT = re.compile(
    rf"(?:^|(?<=[\s،,]))و?(?:فاز|تغلب|تعادل|خسر)\s+(?P<home>{_AR}+(?:\s+{_AR}+){{0,2}}?)"
    rf"(?:\s+(?P<hadj>ال{_AR}+))?\s+(?:على|مع|من|أمام|امام)\s+"
    rf"(?P<away>{_AR}+(?:\s+{_AR}+){{0,3}}?)(?:\s+(?P<aadj>ال{_AR}+))?(?={_SCORE})")
"""``فاز الوداد على الرجاء 2 - 1``: both sides of a result with its score."""
_PAIR = re.compile(rf"(?:^|(?<=\s))(?:فريقا|فريقي|ناديا|ناديي)\s+({_AR}+)\s+و({_AR}+)")
_TEAM_WORDS = word_keys("المنتخب منتخب الفريق فريق النادي نادي")


def _teams(text: str, adjectives: frozenset[str]) -> list[tuple[str, int]]:
    """Teams named by a match: ``فاز على السد القطري 2-1``, ``خسر من كونيا سبور التركي``,
    ``يواجه لخويا القطري يوم …``, ``فريقا النصر والهلال`` and both sides of ``فاز الوداد على
    الرجاء 2 - 1``. A score must follow, or an
    adjective of nationality after a verb of a result (``فاز على``, ``خسر من``, ``تعادل
    مع``) or in an article where a score or a pair of teams was found (``أمام الرئيس الأمريكي``
    is not a match). Each (name, offset); the adjective is kept only after a bare team word
    (``المنتخب المغربي``)."""
    out: list[tuple[str, int]] = []
    found = [(m, re.match(_SCORE, text[m.end():]) is not None) for m in _MATCH.finditer(text)]
    pairs = list(_PAIR.finditer(text))
    sport = bool(pairs) or any(scored for _, scored in found)
    for m, scored in found:
        name, adj = m.group("name"), m.group("adj")
        has_adj = adj is not None and (key(adj)[2:] in adjectives or (
            scored and key(adj).endswith("ي")))  # ``التركي`` (also a given name)
        if adj is not None and not has_adj:
            continue
        if not (scored or (has_adj and (sport or m.group("won") is not None))):
            continue
        words = key(name).split()
        if any(w in FUNCTION_WORDS or w.isdigit() for w in words):
            continue
        if words[0] in _TEAM_WORDS:
            if not has_adj or len(words) > 1:
                continue
            name = name + " " + adj
        out.append((name, m.start("name")))
    for p in pairs:
        out += [(p.group(1), p.start(1)), (p.group(2), p.start(2))]
    for r in _RESULT.finditer(text):
        for side, adj in (("home", "hadj"), ("away", "aadj")):
            words = key(r.group(side)).split()
            if any(w in FUNCTION_WORDS or w.isdigit() for w in words):
                continue
            if words[0] in _TEAM_WORDS:
                if r.group(adj) is None or len(words) > 1:
                    continue  # ``فاز الفريق على``: which team, the text says before
                out.append((r.group(side) + " " + r.group(adj), r.start(side)))
                continue
            out.append((r.group(side), r.start(side)))
    return out


def _shown_name(name: str, spans: Sequence[Span]) -> str:
    """The name as the article writes it: a known body whose listed name the text never uses
    (``اليونيسيف``, ``منظمة الأمم المتحدة للطفولة`` for the listed ``اليونيسف``) is shown by
    its longest written form."""
    def squashed(text: str) -> str:
        return "".join(_unclitic(w) for w in key(text).split()).replace("ال", "")

    forms = [s for s in spans if s.text.split()]
    if not forms or any(squashed(s.text) == squashed(name) for s in forms):
        return name
    clean = [s for s in forms if _unclitic(key(s.text.split()[0])) == key(s.text.split()[0])]
    if not clean:
        return name
    return max(clean, key=lambda s: (len(s.text.split()), len(s.text))).text


def _unclitic(w: str) -> str:
    """``لسكاي`` → ``سكاي``, ``وللمنظمة`` → ``المنظمة``: a word without a leading clitic."""
    for c in ("ول", "وب", "و", "ب", "ل", "ف"):
        if w.startswith(c) and len(w) - len(c) >= 3 and not w.startswith("ال"):
            rest = w[len(c):]
            return "ال" + rest[1:] if c.endswith("ل") and rest.startswith("ل") else rest
    return w


def _quoted_speakers(text: str, toks: Sequence[Token], speech: frozenset[int], add: object) -> None:
    """``"الصباح" قالت``, ``وقالت "الصباح" إن``: a quoted name as the subject of a verb of
    saying (not a participle: ``بـ«الغابة» مؤكدا`` is a quoted word, not a speaker)."""
    from .lexicon import COMPLEMENTIZERS

    assert callable(add)
    tok_at = {t.start: i for i, t in enumerate(toks)}
    for m in re.finditer(r"[\"“«]\s*([\u0621-\u064a][\u0621-\u064a ]{1,30}?)\s*[\"”»]", text):
        a, b = m.start(1), m.end(1)
        if len(text[a:b].split()) > 3:
            continue
        first = tok_at.get(a)
        if first is None:
            continue
        last = first
        while last + 1 < len(toks) and toks[last + 1].end <= b:
            last += 1
        after = last + 1
        before = first - 1
        tight_after = after < len(toks) and not text[m.end():toks[after].start].strip(" \u00a0")
        tight_before = before >= 0 and not text[toks[before].end:m.start()].strip(" \u00a0")
        finite_after = tight_after and after in speech and not toks[after].key.startswith("م")
        finite_before = tight_before and before in speech and not toks[before].key.startswith(
            "م") and (
            after >= len(toks) or toks[after].key in COMPLEMENTIZERS
            or toks[after].key in {key("في"), key("فيما")} or toks[after].stop_before)
        if finite_after or finite_before:
            add(text[a:b], Span(text[a:b], a, b), None)


def _short_forms(text: str, toks: Sequence[Token], orgs: list[_Org],
                 bare_heads: list[tuple[int, str]]) -> None:
    """Leading parts of names and bare heads as mentions of the organisation they denote.

    ``هيئة الانتخابات`` joins ``هيئة الانتخابات المصرية`` (the one longer name it begins, or
    the one most mentioned). A bare head (``الوزارة``) joins the organisation with that head;
    when several have it, the one most mentioned so far (the article's topic), else none."""
    # longest names first: a short form joins the longest name it begins
    orgs.sort(key=lambda o: -len(_strip(o.words)))
    kept: list[_Org] = []
    by_first: dict[str, list[_Org]] = {}
    for o in orgs:
        words = _strip(o.words)
        if not words:
            continue
        longer = [x for x in by_first.get(words[0], []) if _strip(x.words)[:len(words)] == words]
        if not longer:  # ``الخطوط الهندية`` in ``شركة الخطوط الجوية الهندية``
            longer = [x for x in kept if len(x.words) > len(words) >= 2
                      and _subsequence(words, _strip(x.words))] if len(kept) < 200 else []
        one_word = len(words) == 1 and bool(longer)
        if not longer and len(words) == 1:
            # ``التجديد`` ~ ``التجديد بريس``: a one-word name begins a longer one
            longer = [x for x in by_first.get(words[0], []) if len(x.words) <= 3]
            one_word = bool(longer)
        if longer and (len(words) >= 2 or o.head is None or one_word):
            target = max(longer, key=lambda x: len(x.spans))
            target.spans.extend(o.spans)
            continue
        kept.append(o)
        by_first.setdefault(words[0], []).append(o)
    orgs[:] = kept
    # ``وزراء خارجية الدول العربية`` speak as ``مجلس وزراء الخارجية``
    councils = [o for o in orgs if len(o.words) >= 3 and _strip(o.words)[0] in _COUNCILS]
    for o in list(orgs):
        words = _strip(o.words)
        if words and words[0] in _COLLECTIVE:
            match = [c for c in councils if _strip(c.words)[1:3] == words[:2]]
            if len(match) == 1:
                match[0].spans.extend(o.spans)
                orgs.remove(o)
    by_head: dict[str, list[_Org]] = {}
    for o in orgs:
        words = _strip(o.words)
        if words:
            by_head.setdefault(words[0], []).append(o)
        if len(words) > 1 and words[0] in _COUNCILS and words[1] in _COLLECTIVE:
            by_head.setdefault(words[1], []).append(o)  # ``الوزراء``: the council's ministers
    for i, head in bare_heads:
        cands = by_head.get(_strip((head,))[0], [])
        t = toks[i]
        before = [(sum(1 for s in c.spans if s.start < t.start),
                   max((s.start for s in c.spans if s.start < t.start), default=-1), c)
                  for c in cands]
        before = [b for b in before if b[0] > 0]
        if not before:
            continue
        before.sort(key=lambda b: (b[0], b[1]))
        if len(before) > 1 and before[-1][0] == before[-2][0] and before[-1][1] < 0:
            continue
        cut = 1 if t.key.startswith(("و", "ف", "ب", "ل")) and t.key[1:].startswith("ال") else 0
        before[-1][2].spans.append(Span(t.text[cut:], t.start + cut, t.end))
    orgs[:] = [o for o in orgs if o.spans]
    _descriptions(orgs)


@lru_cache(maxsize=1)
def _description_table() -> list[tuple[tuple[str, ...], str, str | None]]:
    rows = entities_data()["org_descriptions"]
    return [(_strip(tuple(key(r["form"]).split())), _strip((key(r["starts"]),))[0],
             key(r["has"]) if r.get("has") else None) for r in rows]


def _descriptions(orgs: list[_Org]) -> None:
    """``الحزب الحاكم``, ``القوات المسلحة``, ``اتحاد الكرة``: a description joins the one body
    of the article it can describe (``حزب …``, ``الجيش``, ``الاتحاد … لكرة القدم``)."""
    for form, starts, has in _description_table():
        described = [o for o in orgs if _strip(o.words) == form]
        if not described:
            continue
        targets = [o for o in orgs if o not in described and _strip(o.words)[:1] == (starts,)
                   and (has is None or has in o.words or any(w.endswith(has) for w in o.words))]
        if len(targets) != 1:
            continue
        for o in described:
            targets[0].spans.extend(o.spans)
            orgs.remove(o)


def _subsequence(short: tuple[str, ...], long_: tuple[str, ...]) -> bool:
    """The words of ``short`` appear in ``long_`` in the same order, the first ones first."""
    it = iter(long_)
    return short[0] in long_[:2] and all(w in it for w in short)


def _strip(words: tuple[str, ...]) -> tuple[str, ...]:
    """Words of a name without the article and clitics, for comparing names."""
    out = []
    for w in words:
        if not any(c.isalpha() for c in w):
            continue
        for c in ("وال", "بال", "لل", "فال", "ال"):
            if w.startswith(c) and len(w) - len(c) >= 3:
                w = w[len(c):]
                break
        out.append(w)
    return tuple(out)
