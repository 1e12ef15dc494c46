"""Word lists of the fact-sheet layer (``facts/data/*.toml``) and the article's tokens.

Everything is matched on folded keys (:func:`factsheet.dates.arabic.key`). A word in the text
may carry leading clitics (``وقال``, ``للوزارة``); :func:`factsheet.dates.arabic.stems` gives
its readings without them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..dates.arabic import PLACEHOLDER, fold, key, stems
from ..dates.lexicon import load_table
from .gazetteer import entities_data

BOUNDARY = re.compile(r"[،,.:;؛!?؟\"«»“”()\[\]\n]")
"""Punctuation that no name, role or subject runs across."""

_FUNCTION_TEXT = """
في من إلى الى على عن مع حول خلال بعد قبل منذ حتى عند لدى أن إن أنه أنها أنهم أنهن انه انها
كان كانت كانوا يكون تكون الذي التي الذين اللذين اللتين اللذان اللتان هذا هذه ذلك تلك هؤلاء
هو هي هم هما هن نحن أنا أنت و أو ثم بل لكن لكنه لكنها لا لم لن قد كما ما إذا إذ إذا كل بين عبر
ضد دون نحو أمام وراء فوق تحت بصفته بصفتها باسم وفق وفقا ضمن لقد وقد يوم اليوم أمس غدا صباح
مساء ليلة الليلة فيما بينما حيث عندما لأن لان إلا الا سوى غير بعض جميع كافة أي أية ايضا أيضا
فقط حين حينما كذلك بسبب إثر اثر عقب جراء بشأن حيال لدى لصالح إزاء ازاء تجاه بدون بدل منها منه
فيها فيه عليها عليه لها له بها به عنها عنه معها معه إليها اليه إليه بأن بان بأنه بأنها هناك
هنا الآن الان مثل وهو وهي وهم ولا ولم ولن وقد وكان وكانت فإن فان وإن وأن لأنه إنه إنها إنهم
كيف لماذا متى أين هل ليس ليست ذات نفس ذاته ذاتها نفسه نفسها الذى والذي والتي والذين
وذلك وهذا وهذه لذلك لهذا
"""
FUNCTION_WORDS = frozenset(key(w) for w in _FUNCTION_TEXT.split())
_ORDINALS_TEXT = """الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر
الحادي عشر الثاني عشر"""
ORDINALS = frozenset(key(w) for w in _ORDINALS_TEXT.split())
COMPLEMENTIZERS = frozenset(key(w) for w in [
    "أن", "إن", "أنه", "أنها", "أنهم", "أنهما", "أنهن", "إنه", "إنها", "إنهم", "إنهما", "انه",
    "انها", "انهم", "ان", "بأن", "بان", "بأنه", "بأنها", "بأنهم", "وأن", "وإن", "وانه", "وانها",
    "إننا", "أننا", "اننا", "إنني", "أنني"
])
"""Words that open reported speech (``إن``, ``أنه``, ``بأن`` …)."""


def word_keys(words: str) -> frozenset[str]:
    """The matching keys of whitespace-separated words."""
    return frozenset(key(w) for w in words.split())


@lru_cache(maxsize=1)
def names_data() -> dict[str, object]:
    """The parsed ``facts/data/names.toml``."""
    return load_table("names", __package__ + ".data")


def _keys(words: object) -> frozenset[str]:
    assert isinstance(words, list)
    return frozenset(key(str(w)) for w in words)


@dataclass(frozen=True)
class Lexicon:
    """All the word lists, as sets of folded keys."""

    given: frozenset[str]
    female: frozenset[str]
    common_word_names: frozenset[str]
    particles: frozenset[str]
    particle_starts: frozenset[str]
    honorifics: frozenset[str]
    titles: frozenset[str]
    title_heads: frozenset[str]
    speech: frozenset[str]
    unnamed: frozenset[str]
    org_heads: frozenset[str]
    event_nouns: frozenset[str]
    name_words: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The word lists, loaded once."""
    data = entities_data()
    names = names_data()
    given_table = names["given"]
    assert isinstance(given_table, dict)
    given = frozenset().union(*(_keys(given_table[k]) for k in ("male", "female", "foreign")))
    particles_table = names["particles"]
    assert isinstance(particles_table, dict)
    titles = _keys(data["people"]["titles"])
    return Lexicon(
        given=given,
        female=_keys(given_table["female"]),
        common_word_names=_keys(given_table["common_word_names"]),
        particles=_keys(particles_table["words"]),
        particle_starts=_keys(particles_table["starts"]),
        honorifics=_keys(data["people"]["honorifics"]),
        titles=titles,
        title_heads=frozenset(t.split()[0] for t in titles),
        speech=_keys(data["speech_verbs"]["words"]),
        unnamed=_keys(data["unnamed_speakers"]["words"]),
        org_heads=_keys(data["organization_heads"]["words"]),
        event_nouns=_keys(data["event_nouns"]["words"]),
        name_words=_keys(data["name_words"]["words"]),
    )


def is_speech(word: str) -> bool:
    """``وقال``, ``فأكدت``, ``كما``-less verbs of saying; never a word with the article
    (``النقل`` is transport, not ``نقل``)."""
    k = key(word)
    speech = lexicon().speech
    return k in speech or any(k.startswith(c) and k[len(c):] in speech for c in ("و", "ف", "وف"))


def listed(word: str, words: frozenset[str]) -> bool:
    """True when a reading of ``word`` without its clitics is in ``words``."""
    return any(s in words for s in stems(word))


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the article: its text, offsets, folded key and what stands before it."""

    text: str
    start: int
    end: int
    key: str
    stop_before: bool
    """True when punctuation (a comma, a quote mark, a full stop …) separates it from the
    word before."""


_WORD = re.compile(r"[\w\u200c]+")


def tokenize(text: str) -> list[Token]:
    """The words of ``text`` in order, with offsets into ``text``."""
    folded = fold(text)
    out: list[Token] = []
    prev_end = 0
    for m in _WORD.finditer(folded):
        raw = m.group()
        k = raw.replace(PLACEHOLDER, "")
        if not k.strip("_"):
            prev_end = m.end()
            continue
        gap = text[prev_end:m.start()]
        out.append(Token(text[m.start():m.end()], m.start(), m.end(), k,
                         bool(BOUNDARY.search(gap)) or not out))
        prev_end = m.end()
    return out


_FUTURE = re.compile(r"^(?:[وف])?(?:س[يتن]\w{3,}|سا\w{3})$")


def looks_like_verb(k: str) -> bool:
    """``سيقوم``, ``وستنقل``: a verb in the future tense (a rough test of its shape)."""
    return bool(_FUTURE.match(k))
