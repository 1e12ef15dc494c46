"""The calendar export, read back by a real iCalendar parser (the ``icalendar`` package)."""

from __future__ import annotations

import datetime as dt

import icalendar
from typer.testing import CliRunner

from factsheet.cli.app import app
from factsheet.facts.sheet import build_sheet
from factsheet.render.sheet_ics import sheet_ics


def _events(ics: str) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(ics)
    return list(cal.walk("VEVENT"))


def test_seed_calendar_has_the_imrf_as_an_all_day_range_with_exclusive_end() -> None:
    result = CliRunner().invoke(app, ["sheet", "--format", "ics"])
    assert result.exit_code == 0, result.output
    events = _events(result.stdout)
    imrf = next(e for e in events if "IMRF" in str(e["SUMMARY"]))
    assert imrf["DTSTART"].dt == dt.date(2022, 5, 17)
    assert imrf["DTEND"].dt == dt.date(2022, 5, 21)  # 20 May inclusive
    assert "نيويورك" in str(imrf["LOCATION"])
    meeting = next(e for e in events if e["DTSTART"].dt == dt.date(2022, 3, 25))
    assert meeting["DTEND"].dt == dt.date(2022, 3, 26)


def test_month_and_year_only_events_are_left_out() -> None:
    sheet = build_sheet(
        "وقال الوزير إن المعرض افتتح عام 2019 بالرباط، وإن الدورة المقبلة تقام يوم 3 يونيو 2024.",
        dt.date(2024, 1, 10),
    )
    starts = [e["DTSTART"].dt for e in _events(sheet_ics(sheet, dt.date(2024, 1, 10)))]
    assert dt.date(2024, 6, 3) in starts
    assert all(isinstance(d, dt.date) and d.year != 2019 for d in starts)


def test_a_hijri_month_is_left_out_like_a_gregorian_one_and_hijri_days_stay() -> None:
    text = ("الرباط - تبدأ الحملة يوم 15 شعبان 1443 وتستمر طيلة شهر رمضان 1443، "
            "ثم تقام الدورة الثانية من 3 إلى 5 شوال 1443 بطنجة.")
    sheet = build_sheet(text, dt.date(2022, 3, 1))
    spans = {(e["DTSTART"].dt, e["DTEND"].dt) for e in _events(sheet_ics(sheet,
                                                                          dt.date(2022, 3, 1)))}
    assert (dt.date(2022, 3, 18), dt.date(2022, 3, 19)) in spans  # 15 Shaban 1443
    assert (dt.date(2022, 5, 4), dt.date(2022, 5, 7)) in spans  # 3–5 Shawwal 1443
    assert not any(start == dt.date(2022, 4, 2) for start, _ in spans)  # Ramadan 1443: a month


def test_text_with_commas_semicolons_and_newlines_is_escaped_and_lines_are_folded() -> None:
    text = "قال المنظمون؛ إن الحفل، الذي يقام يوم 5 يوليوز 2023 بمراكش، سيكون كبيرا."
    ics = sheet_ics(build_sheet(text, dt.date(2023, 6, 1)), dt.date(2023, 6, 1))
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    events = _events(ics)
    assert any(e["DTSTART"].dt == dt.date(2023, 7, 5) for e in events)
    assert ics.endswith("END:VCALENDAR\r\n")
