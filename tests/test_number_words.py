"""Every number word the lexicon knows works in every slot: clock hours, minutes after and
before the hour, days of the month, lengths of time and the nth weekday of a month.

The words come from the lexicon itself (``factsheet/dates/lexicon/numbers.toml`` and the
compounds its loader builds), so a form added there is tested here in every slot at once.
"""

from __future__ import annotations

import pytest

import factsheet
from factsheet.dates.grammar import bare_weekdays
from factsheet.dates.lexicon import lexicon
from factsheet.schema import value_json

PUBLISHED = "2023-10-18"
LX = lexicon()


def _values(text: str) -> list[object]:
    return [value_json(m.value) for m in factsheet.find_dates(text, PUBLISHED)]


MINUTE_WORDS = sorted((w, n) for w, n in LX.cardinals.items() if 1 <= n < 60)
HOUR_WORDS = sorted(
    [(w, n) for w, n in LX.hour_ordinals.items() if 1 <= n <= 11]
    + [(w, n) for w, n in LX.hour_cardinals.items() if 1 <= n <= 11]
)
DAY_WORDS = sorted((w, n) for w, n in LX.day_ordinals.items() if not w.endswith("ه"))
COUNT_WORDS = sorted((w, n) for w, n in LX.cardinals.items() if n >= 2)


def test_the_slots_have_words() -> None:
    # compounds are generated (سبعة عشر، ست وثلاثين، الحادي والعشرين): the lists are long
    assert len(MINUTE_WORDS) > 300 and len(DAY_WORDS) > 60 and len(HOUR_WORDS) > 40


@pytest.mark.parametrize(("word", "n"), MINUTE_WORDS, ids=[str(n) for _, n in MINUTE_WORDS])
def test_minutes_after_the_hour(word: str, n: int) -> None:
    assert _values(f"الساعة العاشرة و{word} دقيقة صباحا") == [f"T10:{n:02d}"]


@pytest.mark.parametrize(("word", "n"), MINUTE_WORDS, ids=[str(n) for _, n in MINUTE_WORDS])
def test_minutes_before_the_hour(word: str, n: int) -> None:
    hour, minute = divmod(10 * 60 - n, 60)
    assert _values(f"الساعة العاشرة إلا {word} دقائق صباحا") == [f"T{hour:02d}:{minute:02d}"]


@pytest.mark.parametrize(("word", "n"), HOUR_WORDS, ids=[str(n) for _, n in HOUR_WORDS])
def test_hours(word: str, n: int) -> None:
    assert _values(f"الساعة {word} مساء") == [f"T{n + 12:02d}:00"]
    assert _values(f"الساعة {word} والنصف صباحا") == [f"T{n:02d}:30"]


@pytest.mark.parametrize(("word", "n"), DAY_WORDS, ids=[str(n) for _, n in DAY_WORDS])
def test_days_of_the_month(word: str, n: int) -> None:
    assert _values(f"وصل الوفد في {word} من مارس 2024") == [f"2024-03-{n:02d}"]


@pytest.mark.parametrize(("word", "n"), COUNT_WORDS, ids=[str(n) for _, n in COUNT_WORDS])
def test_lengths_of_time(word: str, n: int) -> None:
    assert _values(f"استمر الإضراب {word} يوما") == [f"P{n}D"]


NTH = sorted((w, n) for w, n in LX.construct_ordinals.items() if n <= 5)


@pytest.mark.parametrize(("word", "n"), NTH, ids=[w for w, _ in NTH])
def test_nth_weekday(word: str, n: int) -> None:
    # the Fridays of December 2023: 1, 8, 15, 22, 29 (آخر: the last)
    day = 29 if n == -1 else 1 + 7 * (n - 1)
    assert _values(f"{word} جمعة من ديسمبر 2023") == [f"2023-12-{day:02d}"]
    for bare in bare_weekdays():
        assert len(_values(f"{word} {bare} من ديسمبر 2023")) == 1, bare
