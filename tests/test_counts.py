"""Arabic number-noun agreement: one function, a table of units, many numbers."""

from __future__ import annotations

import pytest

from factsheet.render.counts import UNITS, count_ar, count_en, count_text


@pytest.mark.parametrize(
    ("n", "unit", "expected"),
    [
        (1, "day", "يوم واحد"),
        (2, "day", "يومان"),
        (3, "day", "3 أيام"),
        (7, "day", "7 أيام"),
        (10, "day", "10 أيام"),
        (11, "day", "11 يوما"),
        (15, "day", "15 يوما"),
        (50, "day", "50 يوما"),
        (99, "day", "99 يوما"),
        (100, "day", "100 يوم"),
        (101, "day", "101 يوم"),
        (102, "day", "102 يوم"),
        (103, "day", "103 أيام"),
        (110, "day", "110 أيام"),
        (111, "day", "111 يوما"),
        (200, "day", "200 يوم"),
        (1000, "day", "1000 يوم"),
        (1187, "day", "1187 يوما"),
        (1203, "day", "1203 أيام"),
        (1, "year", "سنة واحدة"),
        (2, "year", "سنتان"),
        (3, "year", "3 سنوات"),
        (12, "year", "12 سنة"),
        (1, "month", "شهر واحد"),
        (2, "month", "شهران"),
        (10, "month", "10 أشهر"),
        (11, "month", "11 شهرا"),
        (2, "week", "أسبوعان"),
        (4, "week", "4 أسابيع"),
        (20, "week", "20 أسبوعا"),
        (2, "hour", "ساعتان"),
        (5, "hour", "5 ساعات"),
        (24, "hour", "24 ساعة"),
        (1, "minute", "دقيقة واحدة"),
        (30, "minute", "30 دقيقة"),
        (-7, "day", "7 أيام"),
    ],
)
def test_the_noun_agrees_with_the_number(n: int, unit: str, expected: str) -> None:
    assert count_ar(n, unit) == expected
    assert count_text(n, unit, "ar") == expected


@pytest.mark.parametrize(("unit", "dual"), [("day", "يومين"), ("month", "شهرين"),
                                             ("year", "سنتين"), ("week", "أسبوعين")])
def test_the_dual_after_a_preposition_is_genitive(unit: str, dual: str) -> None:
    assert count_ar(2, unit, "genitive") == dual
    assert count_ar(7, unit, "genitive") == count_ar(7, unit)  # only the dual changes


@pytest.mark.parametrize("unit", sorted(UNITS))
def test_every_number_picks_one_form_by_its_last_two_digits(unit: str) -> None:
    forms = UNITS[unit]
    for n in range(0, 2500):
        text = count_ar(n, unit)
        last_two = n % 100
        if n in (1, 2):
            assert not any(c.isdigit() for c in text), n
        elif 3 <= last_two <= 10:
            assert text == f"{n} {forms.plural}", n
        elif last_two >= 11:
            assert text == f"{n} {forms.accusative}", n
        else:
            assert text == f"{n} {forms.singular}", n


def test_english_plurals() -> None:
    assert [count_en(n, "day") for n in (0, 1, 2, 15)] == ["0 days", "1 day", "2 days",
                                                           "15 days"]
    assert count_text(1, "year", "en") == "1 year"
