"""Every number word the lexicon knows works in every slot: clock hours, minutes after and
before the hour, days of the month, lengths of time and the nth weekday of a month.

The words come from the lexicon itself (``factsheet/dates/lexicon/numbers.toml`` and the
compounds its loader builds), so a form added there is tested here in every slot at once.
"""

from __future__ import annotations

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


def _wrong(cases: list[tuple[str, object]]) -> list[str]:
    """The texts of ``(text, expected value)`` whose only mention is not that value."""
    return [f"{text!r}: {got}" for text, want in cases if (got := _values(text)) != [want]]


def test_minutes_after_the_hour() -> None:
    assert not _wrong([(f"الساعة العاشرة و{w} دقيقة صباحا", f"T10:{n:02d}")
                       for w, n in MINUTE_WORDS])


def test_minutes_before_the_hour() -> None:
    cases = []
    for w, n in MINUTE_WORDS:
        hour, minute = divmod(10 * 60 - n, 60)
        cases.append((f"الساعة العاشرة إلا {w} دقائق صباحا", f"T{hour:02d}:{minute:02d}"))
    assert not _wrong(cases)


def test_hours() -> None:
    assert not _wrong([(f"الساعة {w} مساء", f"T{n + 12:02d}:00") for w, n in HOUR_WORDS])
    assert not _wrong([(f"الساعة {w} والنصف صباحا", f"T{n:02d}:30") for w, n in HOUR_WORDS])


def test_days_of_the_month() -> None:
    assert not _wrong([(f"وصل الوفد في {w} من مارس 2024", f"2024-03-{n:02d}")
                       for w, n in DAY_WORDS])


def test_lengths_of_time() -> None:
    assert not _wrong([(f"استمر الإضراب {w} يوما", f"P{n}D") for w, n in COUNT_WORDS])


def test_nth_weekday() -> None:
    # the Fridays of December 2023: 1, 8, 15, 22, 29 (آخر: the last)
    cases: list[tuple[str, object]] = []
    for w, n in LX.construct_ordinals.items():
        if n <= 5:
            day = 29 if n == -1 else 1 + 7 * (n - 1)
            cases.append((f"{w} جمعة من ديسمبر 2023", f"2023-12-{day:02d}"))
    for w, n in LX.nth_ordinals.items():
        day = 29 if n == -1 else 1 + 7 * (n - 1)
        cases.append((f"الجمعة {w} من ديسمبر 2023", f"2023-12-{day:02d}"))
    assert not _wrong(cases)
    # every weekday without its article, after every ordinal
    found = {(w, b): len(_values(f"{w} {b} من ديسمبر 2023"))
             for w, n in LX.construct_ordinals.items() if n <= 5 for b in bare_weekdays()}
    assert set(found.values()) == {1}, [k for k, v in found.items() if v != 1]
