"""Places that no gazetteer lists: named sites, and ``المملكة`` for the one kingdom meant.

* A site word (``مطار``, ``ملعب``, ``ميناء``, ``معبر``, ``شارع``, ``فندق``, ``معبد`` …) followed by
  a name is a site: a quoted name (``ملعب "لوفتس رود"``), a known place (``مطار نيودلهي``), or
  name words (``مطار الملك خالد الدولي``, ``ملعب أدرار``).
* ``المملكة`` alone is the kingdom the article is about, when it names exactly one (by name or
  through its cities).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..dates.arabic import key
from .lexicon import FUNCTION_WORDS, Token, word_keys
from .model import Place, Span
from .people import Context, is_given

SITE_WORDS = word_keys("""مطار ملعب مركب ميناء معبر شارع ساحة جسر قاعدة فندق معبد كاتدرائية
كنيسة مسجد سد قصر منتجع محطة""")
_QUOTED = re.compile(r"\s*[«\"“]\s*([^«»\"“”\n]{2,30}?)\s*[»\"”]")
_KINGDOMS = {"SA", "MA", "JO", "BH", "GB", "ES", "NL", "BE", "SE", "NO", "DK", "TH", "KH", "BT",
             "LS", "SZ", "TO"}
_KINGDOM = word_keys("المملكة بالمملكة للمملكة والمملكة فالمملكة")
MAX_SITE_WORDS = 4
_PARTICLES = word_keys("أبو أبي ابن بن آل عبد سيدي مولاي")


def _site_word(t: Token) -> int | None:
    """Characters of clitics before a site word (``بمطار`` → 1), or ``None``."""
    k = t.key
    for cut in (0, 1, 2):
        if k[cut:] in SITE_WORDS and (cut == 0 or k[:cut] in ("ب", "ل", "و", "ف", "وب", "ول")):
            return cut
    return None


def find_sites(ctx: Context) -> list[Place]:
    """Named sites, each with its mentions, in order of first mention."""
    text, toks = ctx.text, ctx.toks
    found: dict[str, list[Span]] = {}
    n = len(toks)
    for i, t in enumerate(toks):
        cut = _site_word(t)
        if cut is None or i + 1 >= n:
            continue
        start = t.start + cut
        q = _QUOTED.match(text, t.end)
        if q:
            start, end = q.start(1), q.end(1)  # ``ملعب «الأول بارك»``: the name in quotes
        else:
            j = i + 1
            while j < n and j - i <= MAX_SITE_WORDS and not toks[j].stop_before:
                k = toks[j].key
                if k in FUNCTION_WORDS or ctx.dates[j] or k.isdigit():
                    break
                article = k.startswith("ال")
                known = ctx.blocked[j] or is_given(k)
                if article and j == i + 1 and not known \
                        and k not in ("الملك", "الأمير", "الشيخ", "الامير"):
                    break  # ``ميناء الحاويات``: a kind of site, not a name
                if not article and not known and (
                        k in ctx.with_article or k.startswith(("ب", "ل"))
                        or (j == i + 1 and k.endswith(("ي", "ه")))
                        or (j > i + 1 and toks[j - 1].key not in _PARTICLES)):
                    break  # ``كنيسة ملحقة``, ``معبر … نشاطه``: description, not name
                j += 1
            if j == i + 1:
                continue
            end = toks[j - 1].end
        name = text[start:end]
        found.setdefault(key(name), []).append(Span(name, start, end))
    out = []
    for spans in found.values():
        name = spans[0].text
        out.append(Place(name, name, "site", None, tuple(spans)))
    return out


def kingdom_mentions(toks: Sequence[Token], places: list[Place]) -> list[Place]:
    """``المملكة`` as a mention of the one kingdom of the article (by name or city)."""
    codes = {p.code for p in places if p.kind == "country" and p.code in _KINGDOMS}
    if not codes:
        codes = {p.code for p in places if p.kind == "city" and p.code in _KINGDOMS}
    if len(codes) != 1:
        return places
    code = codes.pop()
    spans = []
    for t in toks:
        if t.key in _KINGDOM:
            cut = t.text.find("ال") if not t.key.startswith("ال") else 0
            cut = max(cut, 0) if t.key.startswith(("ب", "ل", "و", "ف")) else 0
            if t.key.startswith("لل"):
                cut = 1
            spans.append(Span(t.text[cut:], t.start + cut, t.end))
    if not spans:
        return places
    out = []
    for p in places:
        if p.kind == "country" and p.code == code:
            p = Place(p.name, p.en, p.kind, p.code,
                      tuple(sorted((*p.mentions, *spans), key=lambda s: s.start)))
            spans = []
        out.append(p)
    if spans:
        from babel import Locale

        name = Locale("ar").territories.get(code, code)
        out.append(Place(name, Locale("en").territories.get(code, code), "country", code,
                         tuple(spans)))
    return out


_AREA_WORDS = {
    **dict.fromkeys(word_keys("ولاية إقليم اقليم محافظة منطقة قضاء مقاطعة"), "region"),
    **dict.fromkeys(word_keys("مدينة بلدة قرية"), "city"),
    **dict.fromkeys(word_keys("جزيرة جزر جبال جبل هضبة صحراء وادي"), "site"),
}
"""Words before a place's own name: ``ولاية يوبي``, ``قرية كاستيلتيركول``, ``جزيرة كوزوميل``."""


_NOT_NAMES = word_keys("""أخرى اخرى ثانية ثالثة أولى واحدة قريبة مجاورة بعيدة نائية كبيرة صغيرة
جديدة قديمة محددة معينة مختلفة عديدة كاملة عدة كل بعض أي عازلة آمنة حدودية""")


_AROUND = word_keys("قرب بالقرب شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي ضواحي حيث عند")


def find_areas(ctx: Context, known: Sequence[Place]) -> list[Place]:
    """Places named after an area word (``مدينة غومبي``) that no gazetteer lists."""
    text, toks = ctx.text, ctx.toks
    found: dict[str, tuple[str, list[Span]]] = {}
    n = len(toks)
    for i, t in enumerate(toks):
        k = t.key
        kind = _AREA_WORDS.get(k) or (_AREA_WORDS.get(k[1:]) if k[:1] in "بلوف" else None)
        if kind is None or i + 1 >= n:
            continue
        j = i + 1
        while j < n and j - i <= 3 and not toks[j].stop_before:
            w = toks[j].key
            if ctx.blocked[j] or ctx.dates[j] or w in FUNCTION_WORDS or w.isdigit():
                break
            if w.startswith("ال") and j == i + 1:
                break  # ``المنطقة الشرقية`` is the gazetteer's; ``مدينة الإنتاج`` a kind
            if w in _AREA_WORDS or w in _AROUND:
                break  # ``قرية تيمولاي قرب مدينة كانو``
            if w in _NOT_NAMES or (w.endswith(("ته", "ها", "هم", "نا")) and len(w) > 3):
                break  # ``منطقة أخرى``, ``قرية قريبة``, ``مدينته``
            if w in ctx.with_article or w.startswith(("ب", "ل", "و")) or is_given(w) \
                    or (w.endswith(("ي", "ية", "يه")) and j > i + 1):
                break
            j += 1
        if j == i + 1 or j - i > 2:
            continue  # one word of name (two at most with the area word)
        start, end = toks[i + 1].start, toks[j - 1].end
        name = text[start:end]
        if any(key(name) == key(p.name) for p in known):
            continue
        found.setdefault(key(name), (kind, []))[1].append(Span(name, start, end))
    return [Place(spans[0].text, spans[0].text, kind, None, tuple(spans))  # type: ignore[arg-type]
            for kind, spans in found.values()]
