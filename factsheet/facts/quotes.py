"""Quotes: direct and reported speech, and who said it.

* **Reported speech**: a verb of saying (``قال``, ``أكدت``, ``وأضاف``, ``مشيرا``…), its subject,
  then ``إن``/``أن``/``بأن``/``إلى أن``/``على أن``: the quote runs from there to the end of the
  sentence (or to the next ``، مضيفا أن`` that starts another quote).
* **Direct speech**: words between ``«»``, ``“”`` or ``""`` (three words or more) after a verb of
  saying, a colon, or on their own.
* **Demands, calls, announcements** (``طالب X ب…``, ``دعا X إلى…``, ``أعلن X …``) and
  **attributions** (``وحسب X``, ``ووفق X``): the rest of the sentence.

The speaker is the first person, organisation or place named after the verb (or just before
it: ``وكان X قد أعلن``). A verb with no subject (``وأضاف أن``, ``مشيرا إلى``) and the words
``المتحدث``, ``البيان``, ``المصدر ذاته`` continue the last speaker. A role (``مدير المركز``) is
the person who holds it. An unnamed source (``مصدر طبي``, ``شاهد عيان``, ``تقارير``) leaves the
speaker empty: the text does not name one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..dates.arabic import bare, key
from .lexicon import COMPLEMENTIZERS, FUNCTION_WORDS, Token, is_speech, lexicon, word_keys
from .model import Quote, Span

_OPEN = {"«": "»", "“": "”", '"': '"', "”": "”"}
_SENTENCE_END = re.compile(r"[.!?؟](?!\d)|\n")
_NOMINAL = {key(w) for w in [
    "طالب", "طالبت", "طالبوا", "دعا", "دعت", "دعوا", "أعلن", "أعلنت", "أعلنوا", "نفى", "نفت",
    "نافيا", "نافية", "هدد", "هددت", "وعد", "وعدت", "تعهد", "تعهدت", "أعرب", "أعربت", "ناشد",
    "ناشدت", "أشاد", "أشادت", "نوه", "نوهت", "التزم", "التزمت", "أهاب", "أهابت", "تهيب", "يهيب",
    "تنوه", "اتهم", "اتهمت", "يتهم", "أبلغ", "أبلغت", "كشف", "كشفت", "مطالبا", "مطالبة", "داعيا",
    "داعية", "معلنا", "معلنة", "مستنكرا", "مستنكرة", "أكد", "أكدت", "تطالب", "يطالب", "تطلب",
    "يطلب", "ينفي", "تنفي", "يدعو", "تدعو", "تؤكد", "يؤكد", "شدد", "شددت", "شددوا", "أكدوا",
    "أكدا", "أبلغا", "أعربوا", "طالبا", "دعتا", "حذر", "حذرت", "حذروا", "محذرا", "محذرة"
]}
_PREP_AFTER = {key(w) for w in ("إلى", "الى", "على", "عن", "من")}
_CONTINUERS = {key(w) for w in ("المتحدث", "المتحدثة", "البيان", "البلاغ", "التقرير", "المصدر",
                                "الناطق", "الوزير", "الوزيرة", "الرئيس", "المسؤول", "المسؤولة")}
_SELF_CONTINUERS = {key(w) for w in ("المتحدث", "المصدر", "البيان", "البلاغ", "التقرير")}
_SAME = {key(w) for w in ("ذاته", "ذاتها", "نفسه", "نفسها")}
_ATTRIBUTION = word_keys("حسب بحسب وحسب وبحسب وفق ووفق وفقا ووفقا طبقا وطبقا حسبما وحسبما")
MAX_CLAUSE = 30
"""Words between a verb of saying and its ``إن``/``أن`` at most."""
MAX_CANDIDATES = 40
"""Names looked at, at most, when a verb's subject is sought earlier in its sentence."""
_NAME_IN_QUOTES = re.compile(r"[^\"”»«“\n.،,:]{1,30}[\"”»]")


_PAIRED = re.compile(r"«([^«»]+)»|“([^“”]+)”")


def direct_spans(text: str) -> list[tuple[int, int]]:
    """The insides of quote marks, in order. ``«»`` and ``“”`` pair as written; a straight
    ``"`` opens when a word follows it and closes when a word precedes it, so that a quote
    left open at a line's end does not pair the narration that follows."""
    spans = [(m.start(g), m.end(g)) for m in _PAIRED.finditer(text) for g in (1, 2)
             if m.group(g) is not None]
    opened: int | None = None
    for m in re.finditer(r'["”]', text):
        p = m.start()
        before = text[p - 1] if p > 0 else " "
        after = text[p + 1] if p + 1 < len(text) else " "
        if before == "\n" or (opened is not None and text.find("\n", opened, p) >= 0):
            opened = None
        opens = (before.isspace() or before in ":(،,«-ـ") and not after.isspace() \
            and m.group() == '"'
        if opened is None and opens:
            opened = p + 1
        elif opened is not None and not (before.isspace() and not after.isspace()):
            spans.append((opened, p))
            opened = None
        elif opened is not None and opens:
            opened = p + 1
    spans.sort()
    out: list[tuple[int, int]] = []
    for s in spans:  # no overlaps: the earlier one wins
        if not out or s[0] >= out[-1][1]:
            out.append(s)
    return out


def _quoted_name(text: str, start: int) -> bool:
    """``وقالت "الصباح" إن``: a short quoted name (three words at most), not the quote."""
    m = _NAME_IN_QUOTES.match(text, start)
    if m is None:
        return False
    return len(m.group().split()) <= 3 and not text[m.end():m.end() + 3].strip(
        " \u00a0").startswith((".", "\n")) and m.end() < len(text) - 1


_DOCUMENTS = {key(w) for w in ("بيان", "بلاغ", "تقرير", "رسالة", "وثيقة", "تحقيقات", "دراسة",
                                "استطلاع", "أرقام", "معطيات", "بيانات", "وبيان", "وتقرير")}
"""Unnamed sources that are texts: ``بيان من الشرطة`` is the police speaking."""
_PREPOSITIONS = word_keys("في من إلى الى على عن مع لدى عند بين حول خلال ضد نحو عبر وفي ومن")
_RELAY = word_keys("نقل نقلت نقلا أورد أوردت روى روت")
_SOURCES = word_keys("""احصائيات إحصائيات مصالح تقرير تقارير بيان بلاغ أرقام معطيات مصادر
تصريحات تصريح صحيفة جريدة وكالة موقع قناة مصدر نتائج دراسة القرار الرزنامة الاتفاق البيان
البلاغ التقرير قرار رزنامة اتفاق ما أعلنه أعلنته أورده أوردته ذكره ذكرته نقله نقلته""")


def _bare_key(k: str) -> str:
    return k[1:] if k.startswith(("و", "ل", "ب")) and len(k) > 3 else k


_THIS = word_keys("هذه هذا ذات نفس ذلك تلك")
_DOCUMENT_ENDS = tuple(word_keys("قرار رزنامة اتفاق بيان بلاغ"))
_ON_BEHALF = {key(w) for w in ("باسم", "لسان", "عن")}
_MEMBER_OF = word_keys("باسم من في لدى")
_SPOKESPEOPLE = word_keys("""متحدث متحدثة ناطق ناطقة مسؤول مسؤولة مسؤولون صحافي صحفي صحافية
صحفية مراسل مراسلة ممثل ممثلة مندوب مندوبة""")
"""Who speaks for the body named after them (``صحافي من رويترز``); a citizen or a member of a
body (``مواطن من جمعية …``) speaks for himself."""


def _speaks_for(k: str) -> bool:
    for c in ("وال", "ال", "و"):
        if k.startswith(c) and len(k) - len(c) >= 4:
            k = k[len(c):]
            break
    return k in _SPOKESPEOPLE
"""``متحدث باسم``, ``صحافي من``, ``مسؤول في``: an unnamed member speaking for a body."""
_CONTINUING = {key(w) for w in [
    "أضاف", "أضافت", "تابع", "تابعت", "أردف", "أردفت", "استطرد", "استطردت", "مضيفا", "مضيفة",
    "مشيرا", "مشيرة", "مؤكدا", "مؤكدة", "موضحا", "موضحة", "مبرزا", "مبرزة", "مذكرا", "مذكرة",
    "لافتا", "لافتة", "معتبرا", "معتبرة", "مردفا", "مردفة", "قائلا", "قائلة", "منبها", "منبهة",
    "محذرا", "محذرة", "مشددا", "مشددة", "معربا", "معربة", "يضيف", "تضيف", "ختم", "ختمت", "اختتم",
    "اختتمت"
]}


def _participle(k: str) -> bool:
    """``مشيرا``, ``مؤكدة``, ``قائلين``: an active participle (its subject is not written)."""
    for c in ("و", "ف"):
        if k.startswith(c + "م"):
            k = k[1:]
    return (k.startswith("م") and k.endswith(("ا", "ه", "ين")) and len(k) >= 5) or k.startswith(
        ("قائل", "داعي", "نافي", "لافت"))


def _continuing(k: str) -> bool:
    """``وأضاف``, ``مشيرا``: a verb that goes on with the last speaker."""
    return any(s in _CONTINUING for s in (k, k[1:], k[2:]))


def _verb_gender(k: str) -> str | None:
    """``قالت`` → ``f``, ``قال`` → ``m``, ``قالوا`` → ``None`` (plural: either)."""
    for c in ("و", "ف", "ك"):
        if k.startswith(c) and len(k) > 4:
            k = k[1:]
            break
    if k.endswith(("وا", "ين", "ون", "ا")) and not k.endswith(("دعا", "رأى")):
        return None if k.endswith(("وا", "ين", "ون")) else "m"
    if k.endswith(("ت", "ه")) or (k.startswith("ت") and len(k) <= 5):
        return "f"
    return "m"


def _gender_of(name: str, genders: dict[str, str]) -> str | None:
    return genders.get(name)


_BEFORE_VERB = {key(w) for w in ("قد", "وقد")}
_KAN = {key(w) for w in ("كان", "وكان", "كانت", "وكانت")}


@dataclass(frozen=True, slots=True)
class Ref:
    """What a token names: an entity's display name (``None`` for a role without a name)."""

    name: str | None
    kind: str
    """``person``, ``role``, ``organization``, ``place``, ``unnamed``."""
    role_key: str = ""
    gender: str | None = None
    """``m``, ``f`` or ``None`` (not known): verbs agree with it (``قالت`` ~ ``الوزارة``)."""
    body: str | None = None
    """For an unnamed spokesman (``المتحدث باسم الشركة``): the organisation he speaks for."""


def _verb(t: Token) -> bool:
    return is_speech(t.text)


_STOP = re.compile(r"[.!?؟\n]")


def sentence_stops(text: str) -> list[int]:
    """Offsets of the characters that end a sentence (``.`` not before a digit, ``!``, ``?``,
    ``؟``, a line end), in order: found once, then looked up (linear time on any text)."""
    return [m.start() for m in _STOP.finditer(text)
            if not (m.group() == "." and text[m.start() + 1:m.start() + 2].isdigit())]


def _sentence_end(text: str, start: int, quoted: Sequence[tuple[int, int]] = (),
                  stops: Sequence[int] | None = None) -> int:
    """End of the sentence that runs from ``start``: the next full stop or line end that is not
    inside one of the ``quoted`` spans (a full stop inside a quotation does not end it).
    ``stops`` are :func:`sentence_stops` of ``text`` (computed here when not given)."""
    if stops is None:
        stops = sentence_stops(text)
    n = len(text)
    i = start
    while True:
        k = bisect.bisect_left(stops, i)
        if k >= len(stops):
            return n
        p = stops[k]
        around = _containing(quoted, p) if text[p] != "\n" else None
        if around is not None and around[0] <= start:
            around = None if start < around[0] else around
        if around is not None and around[1] > p:
            i = around[1]
            continue
        return p


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in "«»“”\"'،,:"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in "«»“”\"'،,"):
        b -= 1
    return a, b


def find_quotes(text: str, toks: Sequence[Token], owner: Sequence[Ref | None],
                roles: dict[str, str], skip: Sequence[bool],
                genders: dict[str, str] | None = None) -> list[Quote]:
    """The quotes of the article, in order. ``owner[i]`` is what token ``i`` names; ``skip[i]``
    marks the words of a date (``وقال موغابي الأحد إن``)."""
    lex = lexicon()
    genders = genders or {}
    org_names = {r.name for r in owner if r is not None and r.kind == "organization"}
    out: list[tuple[int, int, str | None, Span | None]] = []
    last: tuple[str | None, Span | None] = (None, None)
    taken_until = -1
    n = len(toks)
    direct = direct_spans(text)
    stops = sentence_stops(text)
    tok_at = {t.start: idx for idx, t in enumerate(toks)}

    def resolve(a: int, b: int) -> tuple[tuple[str | None, Span | None], int] | None:
        """The speaker named in tokens ``a:b`` (the verb's subject) and the token after it.

        A person named anywhere in the subject wins (``مسؤول في الشرطة يدعى نافيد شاه``),
        except after ``باسم`` (``المتحدث باسم ماي`` is not ماي); then ``المتحدث``/``البيان``
        (the last speaker), an unnamed source (no speaker), an organisation (``صحافي من
        رويترز``), a role held by a named person, a place in subject position."""
        relay = a > 0 and any(s in _RELAY for s in (toks[a - 1].key, toks[a - 1].key[1:]))
        first_content: int | None = None
        unnamed: int | None = None
        org: int | None = None
        place: int | None = None
        role: int | None = None
        cont: int | None = None
        member: int | None = None
        after_on_behalf = -10
        behalf: Ref | None = None
        for k in range(a, b):
            t = toks[k]
            ref = owner[k]
            if skip[k]:
                continue
            if t.key in _ON_BEHALF or t.key in _ATTRIBUTION:
                after_on_behalf = k
                if t.key == "عن" and relay:
                    for x in range(k + 1, min(b, k + 6)):
                        ref = owner[x]
                        if ref is not None and ref.kind in ("person", "organization", "role"):
                            return _named(x, ref), _end_of(x, ref, b)  # ``نقلت X عن Y``
                continue
            if ref is None and t.key in FUNCTION_WORDS:
                if first_content is None:
                    return None
                continue
            if ref is None and len(t.key) >= 4 and t.key.endswith("ا") and not t.key.endswith(
                    ("وا", "اا")) and first_content is None:
                continue  # ``نافية نفيا قطعيا``, ``استنادا``: an adverb, not the subject
            if first_content is None:
                first_content = k
            if ref is not None and ref.kind == "organization" and member is None and \
                    first_content is not None and k - 2 == first_content and \
                    owner[first_content] is None and toks[k - 1].key in _MEMBER_OF and \
                    _speaks_for(toks[first_content].key):
                member = k  # ``صحافي من رويترز``, ``المتحدث باسم الشركة``: the body speaks
            if ref is not None and k - after_on_behalf == 1:
                behalf = ref  # ``متحدث باسم رئيسة الوزراء سلمى داود``: not سلمى داود
            if ref is not None and ref is behalf:
                continue
            if ref is not None and k - after_on_behalf > (6 if toks[max(after_on_behalf, 0)].key
                                                         in _ATTRIBUTION else 3):
                if ref.kind == "person":
                    if unnamed is not None and k == unnamed + 1:
                        t0 = toks[unnamed]  # ``والدة نيكي``, ``محامي X``: not X
                        return (None, Span(t0.text, t0.start, t0.end)), unnamed + 1
                    return _named(k, ref), _end_of(k, ref, b)
                if ref.kind == "organization" and org is None:
                    org = k
                elif ref.kind == "place" and place is None and k == first_content:
                    place = k
                elif ref.kind == "role" and role is None:
                    role = k
                continue
            if ref is not None:
                continue
            bk = t.key[1:] if t.key.startswith(("و", "ف")) else t.key
            if cont is None and (t.key in _CONTINUERS or bk in _CONTINUERS):
                nxt = toks[k + 1].key if k + 1 < n else ""
                if t.key in _SELF_CONTINUERS or nxt in _SAME:
                    cont = k
                    continue
            ak = bk[2:] if bk.startswith("ال") else bk
            if k == first_content and bk.startswith("ال") and ak in _BODY_HEADS:
                body = _body(a, ak)
                if body[0] is not None:  # ``وأشارت المنظمة``: the body named before
                    return (body[0], Span(t.text, t.start, t.end)), k + 1
            if unnamed is None and (t.key in lex.unnamed or bk in lex.unnamed or ak in lex.unnamed):
                unnamed = k
        if member is not None:
            ref = owner[member]
            assert ref is not None
            return _named(member, ref), _end_of(member, ref, b)
        if cont is not None and (org is None or org > cont):
            return last, cont + 1
        if unnamed is not None and (org is None or (org > unnamed + 3 and not _issued_by(
                unnamed, org)) or key(toks[unnamed].text) not in _DOCUMENTS):
            t = toks[unnamed]
            return (None, Span(t.text, t.start, t.end)), unnamed + 1
        for hit in (org, role, place):
            if hit is not None:
                ref = owner[hit]
                assert ref is not None
                return _named(hit, ref), _end_of(hit, ref, b)
        if first_content is not None:
            t = toks[first_content]
            two = toks[first_content:min(b, first_content + 2)]
            held = roles.get(" ".join(bare(x.key) for x in two)) if t.key in lex.title_heads \
                or bare(t.key) in lex.title_heads else None
            if held is not None:  # ``وتساءل الرئيس السابق``: the person who holds the role
                return (held, Span(text[t.start:two[-1].end], t.start, two[-1].end)), \
                    first_content + len(two)
            return (None, Span(t.text, t.start, t.end)), first_content + 1
        return None

    def _issued_by(doc: int, org: int) -> bool:
        """``استطلاع للرأي نشرته أمس مجموعة X``: a document the organisation issued (a verb
        with the document as its object stands between them)."""
        return any(toks[x].key in _ISSUED for x in range(doc + 1, org))

    def _end_of(k: int, ref: Ref, b: int) -> int:
        end = k + 1
        while end < b and owner[end] is ref:
            end += 1
        return end

    def _named(k: int, ref: Ref) -> tuple[str | None, Span | None]:
        end = _end_of(k, ref, n)
        span = Span(text[toks[k].start:toks[end - 1].end], toks[k].start, toks[end - 1].end)
        if ref.kind == "role":
            return roles.get(ref.role_key) or ref.body, span
        if ref.kind == "unnamed":
            return None, span
        return ref.name, span

    def pronoun(i: int) -> tuple[str | None, Span | None]:
        """Who a verb without a subject refers to: the last speaker for ``وأضاف``, else the
        subject of the sentence so far or of the one before, if it agrees in gender."""
        g = _verb_gender(toks[i].key)
        if g is None and not _participle(toks[i].key):
            # ``وقالوا``, ``كما شددوا``: a plural is a body or a group, never one person
            if last[0] is not None and genders.get(last[0]) and last[0] in org_names:
                return last
            return None, None
        if _participle(toks[i].key):
            # ``انتقد النائب X …، معتبرا أن``: the subject of the clause it hangs on
            lo = max(sent_start_tok(i, 1), bisect.bisect_left(tok_starts, last_end))
            for k in _entities_between(lo, i):
                ref = owner[k]
                assert ref is not None
                if g is None or ref.gender is None or ref.gender == g:
                    return _named(k, ref)
                break
        if not _continuing(toks[i].key):
            # ``ورد الرئيس X على خصمه في تصريح أكد فيه أن``: the subject of its own sentence
            # (the first person or body it names, agreeing with the verb)
            for k in _entities_between(sent_start_tok(i, 1), i)[:1]:
                ref = owner[k]  # the sentence's first name, a person or a body that agrees
                assert ref is not None
                if g is None or ref.gender is None or ref.gender == g:
                    return _named(k, ref)
        if (_continuing(toks[i].key) or last_end >= sent_start_off(i, 2)) and (
                last[0] is None or g is None or last_gender is None or g == last_gender):
            return last
        for k in _entities_between(sent_start_tok(i, 2), i):
            ref = owner[k]
            assert ref is not None
            if g is not None and ref.gender is not None and ref.gender != g:
                continue
            return _named(k, ref)
        return last

    tok_starts = [t.start for t in toks]
    entity_toks = [k for k, r in enumerate(owner) if r is not None and r.kind in (
        "person", "organization")]

    def _entities_between(a: int, b: int) -> list[int]:
        """Tokens ``a:b`` that name a person or an organisation, the first ones first (at
        most :data:`MAX_CANDIDATES`, so that a long sentence is not read again per verb)."""
        lo = bisect.bisect_left(entity_toks, a)
        hi = min(bisect.bisect_left(entity_toks, b), lo + MAX_CANDIDATES)
        return entity_toks[lo:hi]

    starts = [k for k, t in enumerate(toks) if k == 0 or (
        t.stop_before and re.search(r"[.!?؟\n]", text[toks[k - 1].end:t.start]))]

    def sent_start_tok(i: int, back: int) -> int:
        """Token index where the sentence ``back - 1`` sentences before token ``i`` starts."""
        pos = bisect.bisect_right(starts, i) - back
        return starts[max(0, pos)]

    def sent_start_off(i: int, back: int) -> int:
        return toks[sent_start_tok(i, back)].start

    last_end = -1
    last_gender: str | None = None

    def attribution(i: int) -> tuple[int, int, tuple[str | None, Span | None]] | None:
        """``وحسب X، …``, ``ووفق X فإن …``, ``… وفق ما أعلنه X``: the sentence, said by X."""
        j = i + 1
        if j < n and toks[j].key in {key("ما"), key("لما")}:
            j += 1  # ``وفق ما أعلن عنه التلفزيون``
            while j < n and j - i <= 5 and (_verb(toks[j]) or toks[j].key in FUNCTION_WORDS
                             or toks[j].key.startswith(("أعلن", "اعلن", "أورد", "اورد", "نقل"))
                             or (toks[j].key.endswith("ه") and toks[j].key.startswith("عن"))):
                j += 1
        if j < n and toks[j].key.startswith("ل") and toks[i].key.endswith("ا"):
            pass  # ``وفقا للقرار``
        k = j
        who: tuple[str | None, Span | None] | None = None
        while k < n and k - j < 8 and not (toks[k].stop_before and text[
                toks[k - 1].end:toks[k].start].strip(" \u00a0«»\"“”")):
            ref = owner[k]
            if ref is not None and ref.kind in ("person", "organization", "role"):
                who = _named(k, ref)
                k = _end_of(k, ref, n)
                break
            if toks[k].key in _THIS or toks[k].key.endswith(_DOCUMENT_ENDS):
                who = last if last[0] else _recent(i)
            elif _bare_key(toks[k].key) not in _SOURCES:
                break  # ``وفق رؤية …``: a view, not a source
            k += 1
        if who is None:
            return None
        start_tok = sent_start_tok(i, 1)
        s_start = toks[start_tok].start
        s_end = _sentence_end(text, toks[i].end, direct, stops)
        if start_tok >= i - 1:
            # at the head of its sentence: the words after the source
            while k < n and k - j <= 3 and (
                    toks[k].key in {key("فإن"), key("فان"), key("فقد"), key("فإنه")}
                    or (owner[k] is not None and k == j)):
                k += 1
            if k >= n or toks[k].start >= s_end:
                return None
            a, b = _trim(text, toks[k].start, s_end)
        else:
            a, b = _trim(text, s_start, s_end)
        if b - a < 8:
            return None
        return a, b, who

    def _body(i: int, head: str) -> tuple[str | None, Span | None]:
        """What a bare head (``الوزارة``) that the organisations did not resolve refers to: the
        organisation with that head named last before token ``i`` (or first after it); for a
        head any body may have (``المنظمة``), else the last speaker when it is an organisation,
        else the organisation named last."""
        for k in [*range(i - 1, max(-1, i - 400), -1), *range(i, min(n, i + 400))]:
            ref = owner[k]  # before it, else the one the article names after it
            if ref is not None and ref.kind == "organization" and ref.name and \
                    key(ref.name).split()[0].removeprefix("ال") == head:
                return _named(k, ref)
        if head not in _GENERIC_HEADS:
            return None, None  # ``الوزارة`` with no ministry in the article: not said
        if last[0] is not None and last[0] in org_names:
            return last
        for k in range(i - 1, max(-1, i - 200), -1):
            ref = owner[k]
            if ref is not None and ref.kind == "organization":
                return _named(k, ref)
        return None, None

    def _recent(i: int) -> tuple[str | None, Span | None]:
        """The organisation or person most recently named before token ``i``."""
        for k in range(i - 1, max(-1, i - 200), -1):
            ref = owner[k]
            if ref is not None and ref.kind in ("person", "organization"):
                return _named(k, ref)
        return None, None

    for i, t in enumerate(toks):
        if t.start >= taken_until and t.key in _ATTRIBUTION and \
                _containing(direct, t.start) is None:
            got = attribution(i)
            if got is not None:
                a, b, said_by = got
                out.append((a, b, said_by[0], said_by[1]))
                last, last_end = said_by, b
                taken_until = b
            continue
        if t.start < taken_until or not _verb(t):
            continue
        if _containing(direct, t.start) is not None:
            continue
        s_end = _sentence_end(text, t.end, direct, stops)
        # the clause after the verb: subject, circumstantials, then the complement
        j = i + 1
        comp: int | None = None
        comp_tok: int | None = None
        while j < n and toks[j].start < s_end and j - i <= MAX_CLAUSE:
            gap = text[toks[j - 1].end:toks[j].start]
            opens = "«" in gap or "“" in gap or (gap.rstrip(" \u00a0").endswith('"') and \
                not gap.endswith((" ", "\u00a0")))
            if (opens and not (_quoted_name(text, toks[j].start) and owner[j] is not None)) \
                    or ":" in gap:
                comp = toks[j - 1].end + max(gap.find(c) for c in "«“\":") + 1
                comp_tok = j
                break
            kj = toks[j].key
            if kj in COMPLEMENTIZERS or (kj in _PREP_AFTER and j + 1 < n
                                         and toks[j + 1].key in COMPLEMENTIZERS):
                if kj in _PREP_AFTER:
                    j += 1
                comp = toks[j].end
                comp_tok = j
                break
            if j > i + 1 and _verb(toks[j]) and owner[j] is None and not _relayed(toks, j):
                break
            j += 1
        subject_end = comp_tok if comp_tok is not None else min(j, i + 6)
        found = resolve(i + 1, subject_end)
        back = _subject_before(text, toks, owner, i)
        if back is not None and found is not None and found[0][0] is None and \
                found[0][1] is not None and key(found[0][1].text) not in lex.unnamed and (
                    (i > 0 and toks[i - 1].key in _BEFORE_VERB) or _participle(t.key) is False):
            # ``أن المنظمة كانت قد دعت الدول إلى``: the subject stands before the verb
            found = None
        if found is not None and found[0][0] is None and found[0][1] is not None and (
            _participle(t.key) or _verb_gender(t.key) is None
        ) and key(found[0][1].text) not in lex.unnamed:
            found = None  # ``مؤكدا الوضع``, ``ودعوا الدول``: the noun is an object
        nominal = key(t.text) in _NOMINAL or any(s in _NOMINAL for s in (t.key[1:], t.key[2:]))
        if comp is None:
            if not nominal or (found is None and i + 1 < n and toks[i + 1].stop_before):
                continue
            after = found[1] if found is not None else i + 1
            while after < n and (owner[after] is not None or toks[after].key in FUNCTION_WORDS
                                 or toks[after].key in _PREP_AFTER) and after < i + 10:
                after += 1
            if after >= n or toks[after].start >= s_end:
                continue
            comp = toks[after].start
        if found is None:
            back = _subject_before(text, toks, owner, i)
            if back is not None:
                ref = owner[back]
                assert ref is not None
                who: tuple[str | None, Span | None] = (
                    (roles.get(ref.role_key) or ref.body) if ref.kind == "role" else
                    None if ref.kind == "unnamed" else ref.name,
                    Span(toks[back].text, toks[back].start, toks[back].end))
            else:
                who = pronoun(i)
        else:
            who = found[0]
        end = _sentence_end(text, comp, direct, stops)
        nxt = _next_participle(text, toks, tok_at, comp, end)
        a, b = _trim(text, comp, nxt)
        if b - a < 8:
            continue
        around = _containing(direct, a)
        if around is not None and around[1] > b:
            b = around[1]
        out.append((a, b, who[0], who[1]))
        if found is not None or who != last:
            last_gender = _gender_of(who[0], genders) if who[0] else _verb_gender(t.key)
        last = who
        last_end = b
        taken_until = max(taken_until, min(b, nxt))
    # direct quotes not inside a reported one: the last speaker before them says them
    out.sort(key=lambda q: q[0])
    reported = [(x, y) for x, y, _, _ in out]
    ends = sorted((y, k) for k, (_, y, _, _) in enumerate(out))
    end_keys = [e for e, _ in ends]
    extra = []
    for da, db in direct:
        a, b = _trim(text, da, db)
        if len(text[a:b].split()) < 3:
            continue
        if _containing(reported, a) is not None or _overlaps_from(reported, a, b):
            continue
        first = tok_at.get(a)
        named = owner[first] if first is not None else None
        if named is not None and named.kind in ("organization", "place") and \
                b - a <= len(named.name or "") + 2:
            continue  # ``"سكاي نيوز عربية"``: a quoted name
        k = bisect.bisect_right(end_keys, a) - 1
        spk: tuple[str | None, Span | None] = (None, None)
        if k >= 0:
            q = out[ends[k][1]]
            if a - q[1] < 400:
                spk = (q[2], q[3])
        extra.append((a, b, spk[0], spk[1]))
    out = sorted(out + extra, key=lambda q: q[0])
    return [Quote(text[a:b], a, b, who, span) for a, b, who, span in out]


_ISSUED = word_keys("""نشرته أصدرته أعدته أجرته وضعته نشرتها أصدرتها أعدتها أجرتها نشره أصدره
أعده أجراه نشرها أصدرها أعدها أجراها""")
"""``استطلاع نشرته مجموعة X``: verbs that say who issued a document."""
_WHAT = {key("ما")}
_BODY_HEADS = word_keys("""منظمة هيئة وزارة وكالة مفوضية لجنة حركة جمعية شركة مؤسسة جماعة
مكتب منظمه""")
"""Heads whose bare form (``المنظمة``) names a body spoken of before."""
_GENERIC_HEADS = word_keys("منظمة هيئة مؤسسة منظمه")
"""Heads any body may be called by (``المنظمة`` for an office of the United Nations)."""


def _relayed(toks: Sequence[Token], j: int) -> bool:
    """``وأشارت المنظمة، وفق ما أوردت وكالة الأناضول، إلى أن``: the verb after ``وفق ما`` cites
    the outlet that relays the speaker; the sentence goes on."""
    return j >= 2 and toks[j - 1].key in _WHAT and (
        toks[j - 2].key in _ATTRIBUTION or _bare_key(toks[j - 2].key) in _ATTRIBUTION)


def _subject_before(text: str, toks: Sequence[Token], owner: Sequence[Ref | None],
                    i: int) -> int | None:
    """``وكان الرئيس محمود عباس قد أعلن``, ``"الصباح" قالت``: a subject before the verb."""
    k = i - 1
    if k >= 0 and toks[k].key in _BEFORE_VERB and not toks[k + 1].stop_before:
        k -= 1
        if k >= 0 and toks[k].key in _KAN and not toks[k + 1].stop_before:
            k -= 1  # ``أن المنظمة كانت قد دعت``
    steps = 0
    while k >= 0 and steps < 8:
        gap = text[toks[k].end:toks[k + 1].start]
        if toks[k + 1].stop_before and gap.strip(" \u00a0\"“”«»()") != "":
            break
        if owner[k] is not None:
            first = k
            while first > 0 and owner[first - 1] is owner[k]:
                first -= 1
            head = toks[first].key
            ref = owner[k]
            assert ref is not None
            name_first = key(ref.name or "").split()[0] if ref.name else ""
            governed = (head[:1] in ("ل", "ب") and not name_first.startswith(head[:1])) or (
                first > 0 and toks[first - 1].key in _PREPOSITIONS)
            if not governed:
                return k
            k = first
        if toks[k].key in _KAN or _verb(toks[k]):
            break
        k -= 1
        steps += 1
    return None


def _next_participle(text: str, toks: Sequence[Token], tok_at: dict[int, int], a: int,
                     b: int) -> int:
    """End of a quote at the next ``، مضيفا أن`` (a new quote) before ``b``."""
    for m in re.finditer(r"[،,]\s*", text[a:b]):
        pos = a + m.end()
        idx = tok_at.get(pos)
        if idx is not None and _verb(toks[idx]) and not toks[idx].key.startswith(("قال",)):
            return a + m.start()
    return b


def _containing(spans: Sequence[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The span of the sorted, non-overlapping ``spans`` that contains ``pos``."""
    k = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    if k >= 0 and spans[k][0] <= pos < spans[k][1]:
        return spans[k]
    return None


def _overlaps_from(spans: Sequence[tuple[int, int]], a: int, b: int) -> bool:
    """True when one of the sorted ``spans`` starts inside ``a:b``."""
    k = bisect.bisect_left(spans, (a, -1))
    return k < len(spans) and spans[k][0] < b
