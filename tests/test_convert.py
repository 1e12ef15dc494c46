"""Gregorian ↔ Hijri conversion of a date typed by a user."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import time

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


# --- forms as articles write them (issue 9 item 9) -------------------------------------


@pytest.mark.parametrize(
    ("text", "gregorian", "source"),
    [
        ("الأحد 5 كانون الثاني 2020", "2020-01-05", "gregorian"),
        ("يوم الأحد، 5 يناير 2020", "2020-01-05", "gregorian"),
        ("17/05/2022", "2022-05-17", "gregorian"),
        ("2022/05/17", "2022-05-17", "gregorian"),
        ("17.05.2022", "2022-05-17", "gregorian"),
        ("١٧/٠٥/٢٠٢٢", "2022-05-17", "gregorian"),
        ("الخامس عشر من رمضان 1443", "2022-04-16", "hijri"),
        ("الأول من محرم 1444 هـ", "2022-07-30", "hijri"),
        ("السابع عشر من ماي 2022", "2022-05-17", "gregorian"),
        ("17 May 2022", "2022-05-17", "gregorian"),
        ("May 17, 2022", "2022-05-17", "gregorian"),
        ("Tuesday, 17th May 2022", "2022-05-17", "gregorian"),
        ("17 Sept. 2022", "2022-09-17", "gregorian"),
        ("15 Ramadan 1443 AH", "2022-04-16", "hijri"),
        ("1 Dhu al-Hijjah 1443", "2022-06-30", "hijri"),
        ("15/09/1443", "2022-04-16", "hijri"),  # a year of the Umm al-Qura table
        ("15 رمضان 1443 هـ الموافق 16 أبريل 2022 م", "2022-04-16", "hijri"),
        ("15 رمضان 1443 AH", "2022-04-16", "hijri"),
        ("  17\tماي   2022 ", "2022-05-17", "gregorian"),
    ],
)
def test_forms_that_articles_contain(text: str, gregorian: str, source: str) -> None:
    c = convert(text)
    assert (c.gregorian.isoformat(), c.source_calendar) == (gregorian, source)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("الاثنين 5 كانون الثاني 2020",
         "5 January 2020 is a Sunday (الأحد), not a Monday (الاثنين)"),
        ("الجمعة الخامس عشر من رمضان 1443", "16 April 2022 is a Saturday (السبت), not a Friday"),
        ("Monday 17 May 2022", "17 May 2022 is a Tuesday"),
    ],
)
def test_a_weekday_that_contradicts_the_date_is_an_error_naming_the_real_one(
    text: str, says: str
) -> None:
    with pytest.raises(ConversionError, match=re.escape(says)):
        convert(text)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("5 يناير", "gives no year"),
        ("مارس 2022", "is a month, not one day"),
        ("من 17 إلى 20 ماي 2022", "is a range of days"),
        ("غدا", "relative to today"),
        ("بيان 17 ماي 2022 الختامي", "not a date: 'بيان الختامي'"),
        ("15 رمضان 1443 الموافق 17 أبريل 2022", "several days"),
        ("17 ماي 2022 هـ", "a gregorian date with a hijri era"),
        ("17 Mai 2022", "unknown month 'mai'"),
        ("05/17/2022", "month must be in 1..12"),
        ("", "no date given"),
    ],
)
def test_what_cannot_be_one_day_says_why(text: str, says: str) -> None:
    with pytest.raises(ConversionError, match=says):
        convert(text)


def test_errors_list_the_accepted_forms() -> None:
    with pytest.raises(ConversionError) as caught:
        convert("بعد غد")
    hint = caught.value.hint or ""
    for form in ("17/05/2022", "2022/05/17", "الخامس عشر من رمضان 1443", "17 May 2022",
                 "الأحد 5 كانون الثاني 2020", "--hijri"):
        assert form in hint


def test_hijri_flag_reads_numbers_and_refuses_gregorian_month_names() -> None:
    assert convert("15/09/1443", hijri=True).gregorian == dt.date(2022, 4, 16)
    with pytest.raises(ConversionError, match="names a Gregorian month"):
        convert("17 ماي 2022", hijri=True)


# --- hostile input (issue 14 item 4) ----------------------------------------------------


def test_a_long_argument_is_refused_at_once() -> None:
    with pytest.raises(ConversionError, match="2,002 characters long; at most 100"):
        convert("1" + " " * 2000 + "x")


@pytest.mark.parametrize(
    "text",
    ["1" + " " * 98 + "x", "1" + "\t " * 49 + "x", "17 و" * 25, "1" * 100, "١" * 100,
     "17 ماي " * 14, "الخامس " * 14, "a1 " * 33, "1/" * 50, "1 رمضان " * 12],
)
def test_adversarial_input_up_to_the_limit_is_fast(text: str) -> None:
    assert len(text) <= 100
    started = time.perf_counter()
    for _ in range(5):
        with pytest.raises(ConversionError):
            convert(text)
    assert time.perf_counter() - started < 2.0  # about 1 ms each; backtracking took minutes


# --- the command, as a shell runs it ----------------------------------------------------


def _factsheet(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "factsheet", *args], capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)


def test_unquoted_words_are_one_date() -> None:
    done = _factsheet("convert", "الخامس", "عشر", "من", "رمضان", "1443", "-f", "json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert (doc["input"], doc["gregorian"], doc["from"]) == (
        "الخامس عشر من رمضان 1443", "2022-04-16", "hijri")
    done = _factsheet("convert", "الأحد", "5", "كانون", "الثاني", "2020")
    assert done.stdout.startswith("2020-01-05  Sunday 5 January 2020  =  1441-05-10")


def test_a_contradicting_weekday_is_one_line_on_stderr_and_exit_2() -> None:
    done = _factsheet("convert", "الأربعاء", "17/05/2022")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert "17 May 2022 is a Tuesday (الثلاثاء), not a Wednesday (الأربعاء)" in done.stderr


def test_the_redos_argument_of_the_attack_is_refused_fast() -> None:
    started = time.perf_counter()
    done = _factsheet("convert", "1" + " " * 2000 + "x")
    assert time.perf_counter() - started < 30  # process start included; it took minutes
    assert done.returncode == 2 and "at most 100" in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
