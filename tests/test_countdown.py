"""Days until or since each event, from a given day (never the clock in the library)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from factsheet.cli.app import app
from factsheet.dates.model import Range, Value
from factsheet.facts.countdown import countdown
from factsheet.facts.model import Event
from factsheet.render.sheet_common import Style, countdown_text


def event(when: Value, grain: str = "day") -> Event:
    return Event("e1", "الملتقى", None, when, grain, None, ())


@pytest.mark.parametrize(
    ("as_of", "status", "days", "text"),
    [
        (dt.date(2022, 3, 25), "upcoming", 53, "starts in 53 days (1 month, 22 days)"),
        (dt.date(2022, 5, 17), "under way", 0, "under way (day 1 of 4)"),
        (dt.date(2022, 5, 20), "under way", 0, "under way (day 4 of 4)"),
        (dt.date(2022, 5, 23), "past", -3, "ended 3 days ago (3 days)"),
        (dt.date(2023, 6, 21), "past", -397, "ended 397 days ago (1 year, 1 month, 1 day)"),
    ],
)
def test_a_range_seen_from_several_days(as_of: dt.date, status: str, days: int,
                                        text: str) -> None:
    c = countdown(event(Range("2022-05-17", "2022-05-20")), as_of)
    assert c is not None
    assert (c.status, c.days) == (status, days)
    assert countdown_text(c, Style("en")) == text


def test_a_single_day_today_and_in_arabic() -> None:
    c = countdown(event("2024-06-16"), dt.date(2024, 6, 16))
    assert c is not None and c.status == "today"
    c = countdown(event("2024-06-16"), dt.date(2024, 6, 1))
    assert c is not None
    assert countdown_text(c, Style("ar")) == "بعد 15 يوما (15 يوما)"


@pytest.mark.parametrize(
    ("when", "as_of", "text"),
    [
        ("2022-03-27", "2022-03-25", "بعد يومين (يومان)"),
        ("2022-03-26", "2022-03-25", "بعد يوم واحد (يوم واحد)"),
        ("2022-04-01", "2022-03-25", "بعد 7 أيام (7 أيام)"),
        ("2022-03-15", "2022-03-25", "قبل 10 أيام (10 أيام)"),
        ("2019-12-24", "2022-03-25", "قبل 822 يوما (سنتان و3 أشهر ويوم واحد)"),
        ("2025-05-25", "2022-03-25", "بعد 1157 يوما (3 سنوات وشهران)"),
        ("2023-01-25", "2022-03-25", "بعد 306 أيام (10 أشهر)"),
    ],
)
def test_arabic_countdowns_agree_with_their_numbers(when: str, as_of: str, text: str) -> None:
    c = countdown(event(when), dt.date.fromisoformat(as_of))
    assert c is not None
    assert countdown_text(c, Style("ar")) == text


def test_an_approximate_arabic_countdown_and_a_range_that_ended() -> None:
    month = countdown(event("2022-04", "month"), dt.date(2022, 3, 25))
    assert month is not None
    assert countdown_text(month, Style("ar")) == "بعد حوالي 7 أيام (7 أيام)"
    ended = countdown(event(Range("2022-05-17", "2022-05-20")), dt.date(2022, 6, 1))
    assert ended is not None
    assert countdown_text(ended, Style("ar")) == "انتهى منذ 12 يوما (12 يوما)"


def test_a_year_only_event_is_approximate_and_counted_to_its_end() -> None:
    c = countdown(event("2018", "year"), dt.date(2022, 3, 25))
    assert c is not None
    since_end = (dt.date(2022, 3, 25) - dt.date(2018, 12, 31)).days
    assert (c.status, c.days, c.exact) == ("past", -since_end, False)
    assert countdown_text(c, Style("en")).startswith("~")


def test_an_event_without_a_date_has_no_countdown() -> None:
    assert countdown(event(None), dt.date(2022, 1, 1)) is None


def test_cli_countdown_json_as_of_a_fixed_day() -> None:
    result = CliRunner().invoke(app, ["countdown", "--as-of", "2022-04-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema"] == "factsheet.countdown/1" and doc["as_of"] == "2022-04-01"
    forum = next(e for e in doc["events"] if isinstance(e["when"], dict))
    assert (forum["status"], forum["days"], forum["months"], forum["day_count"]) == (
        "upcoming", 46, 1, 16)
