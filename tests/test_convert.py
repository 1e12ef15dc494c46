"""Gregorian ↔ Hijri conversion of a date typed by a user."""

from __future__ import annotations

import datetime as dt

import pytest

from factsheet.dates.hijri_convert import ConversionError, convert


def test_gregorian_to_hijri() -> None:
    c = convert("2022-05-17")
    assert c.hijri == (1443, 10, 16)
    assert c.hijri_text("ar") == "16 شوال 1443 هـ"
    assert c.hijri_text("en") == "16 Shawwal 1443 AH"


@pytest.mark.parametrize("text", ["15 رمضان 1443", "١٥ رمضان ١٤٤٣", "15 رمضان 1443 هـ"])
def test_hijri_words_to_gregorian(text: str) -> None:
    c = convert(text)
    assert c.gregorian == dt.date(2022, 4, 16)
    assert type(c.gregorian) is dt.date
    assert c.source_calendar == "hijri"


def test_numeric_hijri_with_the_flag_or_the_marker() -> None:
    assert convert("1443-09-15", hijri=True).gregorian == dt.date(2022, 4, 16)
    assert convert("1445-12-10 هـ").gregorian == dt.date(2024, 6, 16)


@pytest.mark.parametrize("text", ["17 ماي 2022", "17 مايو 2022", "١٧ أيار ٢٠٢٢"])
def test_gregorian_month_names_of_every_region(text: str) -> None:
    result = convert(text)
    assert result.gregorian == dt.date(2022, 5, 17)
    assert result.hijri == (1443, 10, 16)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("1900-01-01", "cannot be converted"),
        ("2022-02-30", "invalid date"),
        ("15 فلان 1443", "unknown month"),
        ("31 فبراير 2022", "invalid date"),
        ("tomorrow", "cannot read"),
        ("1300-01-01", "cannot be converted"),
    ],
)
def test_bad_or_out_of_range_dates_say_why(text: str, says: str) -> None:
    with pytest.raises(ConversionError, match=says):
        convert(text, hijri=text.startswith("13"))
