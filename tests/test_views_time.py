"""Human views of times: clock times as people write them, "mid", "early" and "late" kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factsheet.cli.app import app
from factsheet.dates.model import Mention, Range, Value
from factsheet.facts.countdown import countdown, narrowed
from factsheet.facts.model import Event
from factsheet.render.sheet_common import Style, event_when_text, when_text

ARTICLE = (
    "الرباط - أعلنت الجمعية أن المعرض يفتح أبوابه من الساعة السابعة صباحا إلى منتصف الليل، "
    "وأن المؤتمر سيعقد منتصف الشهر المقبل بمراكش، فيما تنطلق الأشغال مطلع العام المقبل.\n"
)


@pytest.mark.parametrize(
    ("value", "en", "ar"),
    [
        ("T07:00", "07:00", "07:00"),
        (Range("T07:00", "T24:00"), "07:00–24:00", "07:00–24:00"),
        ("2022-05-17T10:00", "17 May 2022, 10:00", "17 ماي 2022، 10:00"),
        ("XXXX-05-17", "17 May", "17 ماي"),
        ("XXXX-05", "May", "ماي"),
        ("2022-05-17", "17 May 2022", "17 ماي 2022"),
    ],
)
def test_times_and_dates_read_as_people_write_them(value: Value, en: str, ar: str) -> None:
    assert when_text(value, Style("en")) == en
    assert when_text(value, Style("ar", family="maghrebi")) == ar


def _event(when: str, mod: str | None, grain: str = "month") -> Event:
    m = Mention(text="منتصف الشهر المقبل", start=0, end=18, type="relative", value=when,
                grain="month", mod=mod)  # type: ignore[arg-type]
    return Event("e1", "المؤتمر", None, when, grain, None, (m,))


@pytest.mark.parametrize(
    ("mod", "en", "ar"),
    [("MID", "mid-April 2022", "منتصف أبريل 2022"),
     ("START", "early April 2022", "مطلع أبريل 2022"),
     ("END", "late April 2022", "أواخر أبريل 2022"),
     (None, "April 2022", "أبريل 2022")],
)
def test_an_event_keeps_what_the_text_says_of_its_date(mod: str | None, en: str,
                                                        ar: str) -> None:
    e = _event("2022-04", mod)
    assert event_when_text(e, Style("en")) == en
    assert event_when_text(e, Style("ar")) == ar


def test_mid_month_is_counted_to_the_middle_of_the_month() -> None:
    april = (dt.date(2022, 4, 1), dt.date(2022, 4, 30))
    assert narrowed(april, "START") == (dt.date(2022, 4, 1), dt.date(2022, 4, 10))
    assert narrowed(april, "MID") == (dt.date(2022, 4, 11), dt.date(2022, 4, 20))
    assert narrowed(april, "END") == (dt.date(2022, 4, 21), dt.date(2022, 4, 30))
    assert narrowed(april, None) == april
    c = countdown(_event("2022-04", "MID"), dt.date(2022, 3, 25))
    assert c is not None and (c.status, c.days, c.exact) == ("upcoming", 17, False)


def _run(tmp_path: Path, *args: str) -> str:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, [args[0], str(path), "-p", "2022-03-25", *args[1:]],
                                env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("command", ["sheet", "timeline", "summary"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "rich"])
def test_every_human_view_shows_clock_times_and_mid(tmp_path: Path, command: str,
                                                    fmt: str) -> None:
    out = _run(tmp_path, command, "--format", fmt, "--no-color")
    assert "07:00–24:00" in out and "T07:00" not in out and "T24:00" not in out
    assert "mid-April 2022" in out
    assert "early 2023" in out
    ar = _run(tmp_path, command, "--format", fmt, "--lang", "ar", "--no-color")
    assert "منتصف أبريل 2022" in ar and "مطلع 2023" in ar


def test_countdown_views_keep_mid(tmp_path: Path) -> None:
    for fmt in ("text", "markdown", "rich"):
        out = _run(tmp_path, "countdown", "--as-of", "2022-03-25", "--format", fmt,
                   "--no-color")
        assert "mid-April 2022" in out and "in ~17 days (17 days)" in out
