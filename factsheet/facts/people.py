"""People: names as an open class, with their roles, merged across the article.

A name starts

* with a given name of the lexicon (``facts/data/names.toml``: Arabic and transliterated
  foreign first names, ``عبد``/``أبو``/``ابن``/``آل`` …), or
* after a title or an honorific and its role phrase (``وزير الخارجية الأردني أيمن الصفدي``,
  ``مسؤول الشرطة ماركوس دانلادي``), or
* as the subject of a verb of saying (``وقال نتنياهو``, ``قالت كوسا``), or after ``يدعى``;

and runs on over name words (particles take the next word: ``أحمد أبو الغيط``,
``عبد اللطيف بن عبد الملك آل الشيخ``) until punctuation, a function word, a verb, a title, a
nationality adjective, a date or a known place or organisation. A word that the same article
also writes with the article (``قرار``/``القرار``) is an ordinary noun, never a name word.

A role follows the name in apposition (``X، وزير …``, ``X رئيس …``) or precedes it. Names are
merged: a surname or a shorter form (``أبو الغيط``, ``يونكر``) is a mention of the one full
name that contains it, and every later occurrence of a surname is a mention too. Everything
is one pass over the tokens plus dictionary look-ups: linear in the length of the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..dates.arabic import key, stems
from .gazetteer import Hit
from .lexicon import (
    FUNCTION_WORDS,
    ORDINALS,
    Token,
    is_speech,
    lexicon,
    looks_like_verb,
    word_keys,
)
from .model import Person, Span

MAX_NAME_WORDS = 5
MAX_NAME_TOKENS = 2 * MAX_NAME_WORDS
"""Words a name may span with its particles (``محمد بن عبد الله بن سعود آل …``), so that a run
of particles (``بن بن بن …``) is never followed to the end of the text."""
MAX_ROLE_WORDS = 9
_NAMED = {key(w) for w in ("يدعى", "تدعى", "المدعو", "المدعوة", "يسمى", "تسمى", "اسمه", "اسمها")}
_RELATIVE = {key(w) for w in ("الذي", "التي", "الذين", "اللذين", "اللتين", "الذى")}
_CONJ_CLITICS = ("و",)
_FACILITIES = word_keys("""مطار ملعب مركب ميناء شارع ساحة جسر معبر قاعدة فندق معبد مسجد كنيسة
مستشفى مدرسة جامعة ثانوية معهد قاعة مؤسسة جائزة مركز حي قصر كأس دوري مكتبة سد محطة مدينة""")
_QUOTED_NAME_END = re.compile(r"[^«»\"“”\n.،,]{2,30}?(?=\s*[»\"”])")
_IN_CAPACITY = {key(w) for w in ("بصفته", "بصفتها", "باعتباره", "باعتبارها")}
_NAME_CLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "لـ")


@dataclass
class Context:
    """What the finders know about the article's tokens."""

    text: str
    toks: Sequence[Token]
    blocked: list[bool]
    """Tokens inside a date, a known place or a known organisation."""
    with_article: frozenset[str]
    """Words the article writes with the article (``القرار`` → ``قرار``)."""
    without_article: frozenset[str]
    """Words the article writes without it: ``قرار`` beside ``القرار`` is an ordinary noun."""
    adjectives: frozenset[str]
    """Nationality adjectives (``الأردني``, ``المغربية``), folded, without the article."""
    dates: list[bool]
    """Tokens inside a date."""


def nationality_forms(place_names: Iterable[str]) -> frozenset[str]:
    """Adjectives of nationality made from place names: ``الأردن`` → ``أردني``, ``أردنية`` …"""
    out: set[str] = set()
    for name in place_names:
        k = key(name)
        if " " in k:
            k = k.split()[0]
        if k.startswith("ال"):
            k = k[2:]
        # ``ليبيا`` → ``ليبي``, ``تركيا`` → ``تركي``: the name's ``يا`` is the adjective's ``ي``
        for stem in {k, k.rstrip("اه"), k[:-2] if k.endswith(("يه", "يا")) else k}:
            if len(stem) >= 3:
                out.update({stem + "ي", stem + "يه", stem + "يون", stem + "يين", stem + "يات"})
    return frozenset(out - lexicon().given)  # ``تركي`` is also a given name


def build_context(text: str, toks: Sequence[Token], hits: Iterable[Hit],
                  dates: Iterable[tuple[int, int]], adjectives: frozenset[str],
                  others: Iterable[tuple[int, int]] = ()) -> Context:
    """Mark the tokens that names cannot use (``hits`` and ``others``: places and bodies;
    ``dates``), and the article's ordinary nouns."""
    dates = list(dates)
    blocked = _covered(toks, sorted([(h.start, h.end) for h in hits] + dates + list(others)))
    in_date = _covered(toks, sorted(dates))
    with_article = set()
    without = set()
    for t in toks:
        for clitic in ("ال", "وال", "بال", "لل", "فال", "كال", "وبال", "ولل"):
            if t.key.startswith(clitic) and len(t.key) - len(clitic) >= 3:
                with_article.add(t.key[len(clitic):])
                break
        else:
            without.add(t.key)
    return Context(text, toks, blocked, frozenset(with_article), frozenset(without), adjectives,
                   in_date)


def _covered(toks: Sequence[Token], spans: list[tuple[int, int]]) -> list[bool]:
    """For each token, whether one of the sorted ``spans`` covers part of it."""
    out = [False] * len(toks)
    j = 0
    for i, t in enumerate(toks):
        while j < len(spans) and spans[j][1] <= t.start:
            j += 1
        k = j
        while k < len(spans) and spans[k][0] < t.end:
            if spans[k][1] > t.start:
                out[i] = True
                break
            k += 1
    return out


def _bare(k: str) -> str:
    """``وسالم`` → ``سالم``: a conjunction or preposition glued to a name word.

    ``و`` may stand before a word of three letters (``وعلي``), the others before four or more
    (``بيان`` is not ``ب`` + ``يان``)."""
    for c in ("وب", "ول", "و", "ف", "ب", "ل", "ك"):
        if k.startswith(c) and len(k) - len(c) >= (3 if c == "و" else 4):
            return k[len(c):]
    return k


def _article(k: str) -> bool:
    return k.startswith("ال") and len(k) > 3


def is_given(k: str) -> bool:
    """``محمد``, ``وسالم``, ``عبدالعزيز``, ``أفيغدور_ليبرمان``: the word opens a name."""
    lex = lexicon()
    first = k.split("_")[0]
    if first in lex.given or _and(first) in lex.given:
        return True
    return any(first.startswith(p) and len(first) > len(p) + 2 and first[len(p):].startswith("ال")
               for p in ("عبد", "وعبد"))


def _and(k: str) -> str:
    """``وسالم`` → ``سالم``: the conjunction before the next name of a list."""
    return k[1:] if k.startswith("و") and len(k) >= 4 else k


_ADVERBS = word_keys("""عدم ضرورة جاهز جاهزة أهمية إمكانية استمرار وجود غالبية معظم أغلب مزيد
بحسب حسب وفق طبقا نقلا استنادا أيضا ايضا حاليا سابقا لاحقا مجددا مرارا تقريبا
رسميا فعلا خصوصا عموما ضمنا
جدا كثيرا قليلا معا سويا مباشرة مؤخرا حينها آنذاك حينذاك بدوره بدورها كذلك""")


def _adverb_shape(k: str) -> bool:
    """``متوجها``, ``خارجيا``, ``قادما``: an accusative adverb or participle."""
    if k in _ADVERBS:
        return True
    if len(k) >= 5 and k.endswith("يا"):
        return True
    return len(k) >= 5 and k.endswith("ا") and not k.endswith("وا") and k.startswith("م")


def _ordinary(ctx: Context, i: int) -> bool:
    """A word that cannot be part of a name."""
    t = ctx.toks[i]
    k = t.key
    lex = lexicon()
    if ctx.blocked[i] or k in FUNCTION_WORDS or len(k) < 2 or k.isdigit() or not k[0].isalpha():
        return True
    if k.isascii():
        return True
    if (looks_like_verb(k) and not is_given(k)) or is_speech(t.text) or k in _RELATIVE:
        return True
    if k in lex.title_heads or k in lex.honorifics or _bare(k) in lex.title_heads:
        return True
    if k in lex.unnamed or _bare(k) in lex.unnamed:
        return True
    if k in lex.org_heads or _bare(k) in lex.org_heads:
        return True
    if _adverb_shape(k) and not is_given(k):
        return True
    bare = k[2:] if _article(k) else k
    if bare in ctx.adjectives:
        return True
    if not _article(k) and k in ctx.with_article and not is_given(k):
        return True
    return _article(k) and k[2:] in ctx.without_article and not is_given(k)


def parse_name(ctx: Context, i: int, *, strong: bool, after_role: bool = False) -> int | None:
    """End (token index, exclusive) of a name starting at token ``i``, or ``None``.

    ``strong``: the context already says a name stands here (a title, a verb of saying), so
    the first word need not be a known given name. ``after_role``: it follows a role
    (``المديرة الجهوية، سنية الحمامي``), where a first name may end in ``ة``.
    """
    lex = lexicon()
    toks = ctx.toks
    n = len(toks)
    if i >= n or _ordinary(ctx, i):
        return None
    first = toks[i].key
    given = is_given(first)
    starts_particle = _bare(first) in lex.particle_starts
    if not (given or starts_particle or strong):
        return None
    if _article(first) and not given:
        return None
    if _article(first) and strong and not given and first[2:] in ctx.without_article:
        return None
    if strong and not given and not starts_particle:
        nxt = toks[i + 1] if i + 1 < n else None
        if _verb_or_plural(first):
            return None
        if first.startswith("ب") and len(first) >= 4 and (
                first[1:] in ctx.without_article or first[1:] in ctx.with_article
                or first.endswith("ه") or (nxt is not None and _article(nxt.key))):
            return None  # ``بحماية المستهلك``: a preposition and its noun
        if first.endswith("ه") and not _article(first) and not (
                after_role and nxt is not None and not nxt.stop_before and not _ordinary(ctx, i + 1)
                and (is_given(nxt.key) or (_article(nxt.key) and _surname_shape(nxt.key)
                     and nxt.key[2:] not in ctx.without_article))):
            return None  # ``مبادرة``, ``وزارة``: a feminine noun, not a name
        if nxt is not None and not nxt.stop_before and _article(nxt.key) and nxt.key != "الله" \
                and not (
            _surname_shape(nxt.key) and nxt.key[2:] not in ctx.without_article
            and not _ordinary(ctx, i + 1)
        ):
            return None  # a noun before its genitive: ``مبادرة السلام``
    j = i + 1
    words = 1
    pending = _bare(first) in lex.particles
    while j < n and words < MAX_NAME_WORDS and j - i < MAX_NAME_TOKENS:
        t = toks[j]
        k = t.key
        inner_particle = k in lex.particles and j + 1 < n and not toks[j + 1].stop_before \
            and not ctx.blocked[j + 1] and (pending or k not in FUNCTION_WORDS) and not _article(k)
        if t.stop_before or (_ordinary(ctx, j) and not inner_particle and not (
            pending and not ctx.blocked[j] and k not in FUNCTION_WORDS and len(k) >= 2
        )):
            break
        if not pending and not is_given(k) and k.startswith("ي") and len(k) <= 6 and \
                not k.startswith("يو"):
            break  # ``أحمد ينادي``: a verb
        if words >= 2 and not strong and not pending and not is_given(k) and not _article(k) and \
                not is_given(toks[j - 1].key) and toks[j - 1].key not in lex.particles:
            break  # ``مورغان تشانغيراي خصم …``: two words of a name, then the text goes on
        if k.startswith(("ب", "ل")) and not pending and not is_given(k) and (
            _article(k[1:]) or k.startswith(("لل", "بال")) or not given
            or k[1:] in ctx.without_article or k[1:] in ctx.with_article
        ):
            break  # ``لسكاي``, ``بالأجواء``: a preposition glued to the next word
        if k.startswith(_CONJ_CLITICS) and not pending and (
            is_given(_bare(k)) or _bare(k) in lex.particle_starts or len(k) > 3
        ) and k not in lex.given:
            break  # ``وسالم``: the next name of a list
        if _article(k) and not pending and k != "الله" and j > i + 1 and not (
                is_given(toks[j - 1].key) or _article(toks[j - 1].key)) and not _nisba(k):
            break  # ``الطاهر بلخوجة المعروف``: an adjective after the family name
        if _article(k) and not pending and k.endswith(("ون", "ين", "ان", "ات")) and len(k) > 5:
            break  # ``الموقوفون``: a plural or dual, not a family name
        if _article(k) and not pending and k != "الله" and not _nisba(k) and not is_given(k) \
                and j >= i + 2 and j + 1 < n and not _name_end(ctx, j + 1) \
                and not toks[j + 1].key.startswith("و") and not _nisba(toks[j + 1].key) \
                and not is_given(toks[j + 1].key) and toks[j + 1].key not in lex.particles:
            break  # ``فيصل … آل سعود الوفد الرسمي``: a noun after the name, not a family name
        if _article(k) and not pending and k != "الله":
            if k in ORDINALS:
                j += 1
                words += 1
                break
            if k[2:] in ctx.without_article and k not in lex.given:
                break
            if not _surname_shape(k):
                break
        pending = k in lex.particles
        j += 1
        words += 0 if pending else 1
    while j > i + 1 and toks[j - 1].key in lex.particles:
        j -= 1
    if j == i + 1 and not strong:
        if first in lex.common_word_names or _bare(first) in lex.common_word_names:
            return None
        if first in lex.particles or _bare(first) in lex.particles:
            return None
    if j == i + 1 and starts_particle and not given:
        return None
    if j == i + 1 and not strong:
        return None  # a first name alone says too little (``مايكل`` may be a storm)
    if strong and not given and not _name_end(ctx, j):
        return None
    while j - i >= 3 and not _name_end(ctx, j) and not is_given(toks[j - 1].key) and \
            not _article(toks[j - 1].key) and toks[j - 2].key not in lex.particles:
        j -= 1  # ``إبراهيم كنعان تأخر الحكومة``: the name ends before the verb
    return j


_END_WORDS = {key(w) for w in [
    "في", "خلال", "عن", "على", "من", "أمام", "يوم", "أمس", "اليوم", "الأحد", "الاثنين",
    "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "وهو", "وهي", "الذي", "التي",
    "قد"
]}


def _name_end(ctx: Context, j: int) -> bool:
    """What may follow a name the lexicon does not know: punctuation, ``إن``, a preposition,
    a date, a title in apposition, a verb of saying."""
    from .lexicon import COMPLEMENTIZERS
    toks = ctx.toks
    if j >= len(toks) or toks[j].stop_before:
        return True
    k = toks[j].key
    lex = lexicon()
    if k in COMPLEMENTIZERS or k in _END_WORDS or ctx.blocked[j]:
        return True
    if k in lex.title_heads or _bare(k) in lex.title_heads or k in lex.honorifics:
        return True
    if k.startswith(("ل", "ب")) and len(k) >= 4:
        return True
    return is_speech(toks[j].text)


def _verb_or_plural(k: str) -> bool:
    """``يمكن``, ``نأمل``, ``توجيهات``, ``أكبر``, ``وارتباك``: a verb, a plural, an elative or a
    word after ``و``: not the first word of a name."""
    if k.startswith("ي") and 3 <= len(k) <= 6:
        return True
    if k.startswith("ا") and len(k) == 4:
        return True  # أفعل: أكبر، أعلن، أكثر
    if k.startswith(("و", "ل")) and len(k) >= 4:
        return True
    if k.endswith("ت") and 4 <= len(k) <= 5:
        return True  # ``شهدت``, ``أكدت``: a verb in the past
    if (k.startswith(("نت", "نس", "نق")) and len(k) <= 5) or (k.startswith("نا") and len(k) == 4):
        return True
    return k.endswith(("ات", "ون", "ين")) and len(k) >= 5


def _nisba(k: str) -> bool:
    """``العلوي``, ``الصفدي``: a family name of the nisba form."""
    return k.endswith(("ي", "ى")) and len(k) >= 5


def _surname_shape(k: str) -> bool:
    """``الصفدي``, ``العقيل``, ``الحوثي``: a family name with the article (not ``الجديد``)."""
    return len(k) >= 5


@dataclass
class _Draft:
    name_toks: tuple[str, ...]
    spans: list[Span]
    role: str | None = None
    role_span: Span | None = None
    order: int = 0
    extra: list[Span] = field(default_factory=list)


def _title_end(ctx: Context, i: int) -> int | None:
    """Token index after the longest title starting at token ``i`` (``المدير العام``)."""
    lex = lexicon()
    toks = ctx.toks
    best = None
    for n in (3, 2, 1):
        if i + n > len(toks):
            continue
        if any(toks[k].stop_before for k in range(i + 1, i + n)):
            continue
        rest = " ".join(t.key for t in toks[i + 1:i + n])
        for f in stems(toks[i].text):
            cand = f"{f} {rest}".strip()
            if cand in lex.titles or (n == 1 and cand in lex.honorifics):
                best = i + n
                break
        if best:
            return best
    return None


def role_end(ctx: Context, i: int, j: int) -> int:
    """End of the role phrase whose title is tokens ``i:j``: its genitives and adjectives."""
    lex = lexicon()
    toks = ctx.toks
    end = j
    k = j
    while k < len(toks) and k - i < MAX_ROLE_WORDS:
        t = toks[k]
        gap = ctx.text[toks[k - 1].end:t.start] if k > 0 else ""
        if t.stop_before and gap.strip(" \u00a0") in ("«", '"', "“") and k > j - 1:
            close = _QUOTED_NAME_END.match(ctx.text, t.start)
            if close is not None and len(close.group().split()) <= 3:
                while k < len(toks) and toks[k].start < close.end():
                    k += 1
                end = k  # ``مدير محطة «أولاد زيان»``
                continue
        if t.stop_before or t.key in _RELATIVE or t.key in FUNCTION_WORDS or ctx.dates[k]:
            break
        if t.key in _ADVERBS and t.key not in ("بحسب", "حسب", "وفق", "طبقا"):
            end = k + 1  # ``وزير الداخلية آنذاك``
            k += 1
            continue
        if is_given(t.key) and not _article(t.key):
            break
        if t.key == "في" and k + 1 < len(toks) and ctx.blocked[k + 1] \
                and not toks[k + 1].stop_before:
            k += 1  # ``مسؤول في الشرطة المحلية``, ``مدير البرنامج في الحركة …``
            while k < len(toks) and ctx.blocked[k] and not toks[k].stop_before:
                k += 1
            end = k
            continue
        if t.key.startswith("ل") and len(t.key) >= 5 and k + 1 < len(toks) and \
                toks[k + 1].stop_before and not ctx.dates[k]:
            end = k + 1  # ``الرئيس المدير العام لسوناطراك، …``: the body it runs
            break
        if t.key.startswith("ب") and ctx.blocked[k] and not ctx.dates[k]:
            end = k + 1  # ``المديرة الجهوية للصحة بصفاقس``
            k += 1
            continue
        if ctx.blocked[k] and not _article(t.key) and t.key[:2] not in ("لل",):
            # a place or an organisation named in the role: رئيس المفوضية الأوروبية
            end = k + 1
            k += 1
            continue
        if _article(t.key) or t.key.startswith(("لل", "بال", "وال")):
            end = k + 1
            k += 1
            continue
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if nxt is not None and not _article(t.key) and ctx.text[t.end:nxt.start].strip(
                " \u00a0") in ("«", '"', "“"):
            close = _QUOTED_NAME_END.match(ctx.text, nxt.start)
            if close is not None and len(close.group().split()) <= 3:
                k += 1  # ``مدير محطة «أولاد زيان»``: a construct before a quoted name
                while k < len(toks) and toks[k].start < close.end():
                    k += 1
                end = k
                break
        if t.key.startswith("ل") and len(t.key) >= 4 and nxt is not None and not nxt.stop_before \
                and _article(nxt.key):
            end = k + 2  # ``لكرة القدم``, ``لشؤون الأمن``
            k += 2
            continue
        if nxt is not None and not nxt.stop_before and (
            _article(nxt.key) or nxt.key.startswith("لل")
        ) and t.key not in lex.speech and not looks_like_verb(t.key) and not is_given(t.key) \
                and not t.key.startswith(("و", "ب")) and not (
                    _article(toks[k - 1].key) and (k > j or _article(toks[i].key))):
            # (after a definite word no construct begins: ``الوزيرة مي الكيلة`` is a name)
            end = k + 1  # a construct noun before its genitive: مجلس النواب، رئيس شرطة الولاية
            k += 1
            continue
        break
    return end


def _apposition_role(ctx: Context, j: int) -> tuple[int, int] | None:
    """A role right after a name (``X، وزير الخارجية``, ``X رئيس المفوضية``): token span."""
    toks = ctx.toks
    if j >= len(toks):
        return None
    gap = ctx.text[toks[j - 1].end:toks[j].start]
    if toks[j].stop_before and "،" not in gap and "," not in gap:
        return None
    k = j
    if toks[k].key in {key("وهو"), key("وهي")}:
        k += 1
    te = _title_end(ctx, k)
    if te is None:
        return None
    return k, role_end(ctx, k, te)


def _span(ctx: Context, a: int, b: int) -> Span:
    s, e = ctx.toks[a].start, ctx.toks[b - 1].end
    return Span(ctx.text[s:e], s, e)


def _name_span(ctx: Context, a: int, b: int) -> Span:
    """The words of a name, without a conjunction glued to the first (``وسالم``)."""
    first = ctx.toks[a]
    s, e = first.start, ctx.toks[b - 1].end
    lex = lexicon()
    k = first.key
    if k.startswith(("و", "ل")) and k not in lex.given and (
        k[1:] in lex.given or k[1:] in lex.particle_starts or k[1:].startswith("عبد")
        or k[1:].startswith("ال")
    ) and len(k) >= 4:
        s += 1
    return Span(ctx.text[s:e], s, e)


def _name_key(ctx: Context, a: int, b: int) -> tuple[str, ...]:
    span = _name_span(ctx, a, b)
    return tuple(key(span.text).replace("_", " ").split())


def find_people(ctx: Context, speech_positions: frozenset[int]) -> list[Person]:
    """Every person named in the article, with role and mentions (first mention first)."""
    lex = lexicon()
    toks = ctx.toks
    drafts: list[_Draft] = []
    roles_only: list[_Draft] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        te = _title_end(ctx, i)
        if te is not None and i > 0 and _bare(toks[i - 1].key) in _FACILITIES:
            i = te
            while i < n and not toks[i].stop_before and (
                    is_given(toks[i].key) or toks[i].key in lex.particles):
                i += 1
            continue
        if te is not None:
            re_ = role_end(ctx, i, te)
            start = re_
            if start < n and ctx.text[toks[start - 1].end:toks[start].start].strip() in ("،", ","):
                pass
            elif start < n and toks[start].stop_before:
                start = n
            if start < n and toks[start].key in _NAMED:
                start += 1
            end = parse_name(ctx, start, strong=True, after_role=True) if start < n else None
            if end is not None:
                role = _span(ctx, i, re_)
                drafts.append(_Draft(_name_key(ctx, start, end), [_name_span(ctx, start, end)],
                                     role.text, role, i))
                i = end
                continue
            if re_ - i >= 2:
                role = _span(ctx, i, re_)
                before = toks[i - 1].key if i > 0 else ""
                if before in _IN_CAPACITY and drafts:
                    last = drafts[-1]  # ``محمد السادس، بصفته رائد …``: a second role
                    last.role = f"{last.role}، {role.text}" if last.role else role.text
                else:
                    named_body = any(ctx.blocked[k] for k in range(te, re_))
                    roles_only.append(_Draft((), [role], role.text, role, i,
                                             extra=[] if named_body else [role]))
            i = max(i + 1, te)
            continue
        if i > 0 and _bare(toks[i - 1].key) in _FACILITIES and not t.stop_before:
            i += 1  # ``مطار الملك خالد``, ``مركب محمد السادس``: a place named after someone
            while i < n and not toks[i].stop_before and (
                    is_given(toks[i].key) or toks[i].key in lex.particles
                    or toks[i].key in ORDINALS):
                i += 1
            continue
        strong = not t.stop_before and (
            (i - 1) in speech_positions or (i > 0 and toks[i - 1].key in _NAMED))
        if strong or is_given(t.key) or _bare(t.key) in lex.particle_starts:
            end = parse_name(ctx, i, strong=strong)
            if end is not None:
                d = _Draft(_name_key(ctx, i, end), [_name_span(ctx, i, end)], order=i)
                ap = _apposition_role(ctx, end)
                if ap is not None:
                    d.role_span = _span(ctx, *ap)
                    d.role = d.role_span.text
                    end = max(end, ap[1])
                drafts.append(d)
                i = end
                continue
        i += 1
    people = _merge(ctx, drafts)
    # a role without a name that a named person of the article holds is that person
    by_role: dict[str, _Draft] = {}
    for d in people:
        if d.role:
            by_role.setdefault(_role_key(d.role), d)
    kept = []
    for r in roles_only:
        words = _role_key(r.role or "").split()
        holder = by_role.get(_role_key(r.role or ""))
        if holder is None and len(words) >= 2:
            # ``رئيس الوزراء`` for the one person whose role has those words
            # (``رئيس مجلس الوزراء في حكومة صنعاء``)
            holders = [d for d in people if d.role and set(words) <= set(
                _role_key(d.role).split())]
            holder = holders[0] if len(holders) == 1 else None
        if holder is not None and len(words) >= 2:
            holder.extra.extend(r.spans)
        elif not r.extra:  # a role kept alone only when it names a body
            kept.append(r)
    roles_only = kept
    out = [Person(" ".join(_display(d)), d.role, d.role_span,
                  tuple(sorted(d.spans + d.extra, key=lambda s: s.start)))
           for d in people]
    out += [Person(None, d.role, d.role_span, tuple(d.spans)) for d in roles_only]
    return sorted(out, key=lambda p: p.mentions[0].start)


def _role_key(role: str) -> str:
    """A role's matching key: its words without clitics and the article."""
    out = []
    for w in key(role).split():
        for c in ("وال", "بال", "لل", "ال"):
            if w.startswith(c) and len(w) - len(c) >= 3:
                w = w[len(c):]
                break
        out.append(w)
    return " ".join(out)


def _display(d: _Draft) -> list[str]:
    longest = max(d.spans, key=lambda s: len(s.text.split()))
    return longest.text.replace("_", " ").split()


def _merge(ctx: Context, drafts: list[_Draft]) -> list[_Draft]:
    """One draft per person: shorter forms join the one longer name that contains them."""
    lex = lexicon()
    drafts = sorted(drafts, key=lambda d: (-len(d.name_toks), d.order))
    merged: list[_Draft] = []
    by_word: dict[str, list[_Draft]] = {}
    for d in drafts:
        words = [w for w in d.name_toks if w not in lex.particles]
        cands: list[_Draft] | None = None
        for w in words:
            found = by_word.get(w, [])
            cands = found if cands is None else [c for c in cands if c in found]
        target = None
        if cands:
            same = [c for c in cands if c.name_toks == d.name_toks]
            target = same[0] if same else min(cands, key=lambda c: c.order)
        if target is None:
            merged.append(d)
            for w in words:
                by_word.setdefault(w, []).append(d)
            continue
        target.spans.extend(d.spans)
        target.order = min(target.order, d.order)
        if target.role is None and d.role is not None:
            target.role, target.role_span = d.role, d.role_span
    # later mentions of a surname: ``وقال المالكي``
    surnames: dict[str, _Draft] = {}
    for d in merged:
        if len(d.name_toks) >= 2:
            last = d.name_toks[-1]
            if len(last) >= 4 and last not in lex.given:
                surnames.setdefault(last, d)
            if len(d.name_toks) >= 3 and d.name_toks[-2] in lex.particles:
                pair = " ".join(d.name_toks[-2:])
                surnames.setdefault(pair, d)
    if surnames:
        taken = {(s.start, s.end) for d in merged for s in d.spans}
        covered = sorted((s.start, s.end) for d in merged for s in d.spans)
        ci = 0
        for idx, t in enumerate(ctx.toks):
            while ci < len(covered) and covered[ci][1] <= t.start:
                ci += 1
            if ci < len(covered) and covered[ci][0] <= t.start:
                continue
            for k in {t.key, _bare(t.key)}:
                one = surnames.get(k)
                if one is not None and (t.start, t.end) not in taken:
                    one.extra.append(Span(t.text, t.start, t.end))
                    break
            if idx + 1 < len(ctx.toks):
                pair = f"{_bare(t.key)} {ctx.toks[idx + 1].key}"
                two = surnames.get(pair)
                if two is not None and not ctx.toks[idx + 1].stop_before:
                    s, e = t.start, ctx.toks[idx + 1].end
                    if (s, e) not in taken:
                        two.extra.append(Span(ctx.text[s:e], s, e))
    for d in merged:
        d.extra = [s for s in d.extra if not any(s.start < o.end and o.start < s.end
                                                for o in d.spans)]
    return sorted(merged, key=lambda d: d.order)
