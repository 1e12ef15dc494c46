"""``--prefer future|past`` and ``prefer=``: which way a date the text leaves open goes.

An invitation or a schedule has no tense to go by ("we invite you to the ceremony on
Thursday"); the engine's default reads such a clause as a report (the last Thursday).
``prefer`` says which way to go, like dateparser's ``PREFER_DATES_FROM``; words of the text
that give the direction (المقبل, الماضي, منذ, a written year) decide either way.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import factsheet
from factsheet.cli.app import app
from factsheet.dates.engine import analyse
from factsheet.dates.published import dated_mentions
from factsheet.errors import ExitCode
from factsheet.schema import value_json
from factsheet.sources.stream import find_dates_stream

runner = CliRunner()
PUBLISHED = "2024-02-14"  # a Wednesday
INVITATION = "ندعوكم لحضور حفل تخرج الدفعة الجديدة يوم الخميس بقاعة المؤتمرات في الرباط."


def values(text: str, prefer: str | None = None) -> list[object]:
    return [value_json(m.value) for m in factsheet.find_dates(text, PUBLISHED, prefer=prefer)]


@pytest.mark.parametrize(
    ("text", "default", "future", "past"),
    [
        # a weekday: by default the clause is read as a report
        (INVITATION, "2024-02-08", "2024-02-15", "2024-02-08"),
        # a day and month without a year: by default the nearest
        ("حفل الزفاف في 10 يناير بقاعة الأفراح", "2024-01-10", "2025-01-10", "2024-01-10"),
        ("يبدأ التسجيل في 20 ديسمبر", "2023-12-20", "2024-12-20", "2023-12-20"),
        # a month: the nearest (the current month counts either way)
        ("موسم الحصاد شهر ماي", "2024-05", "2024-05", "2023-05"),
        ("تخفيضات شهر فبراير", "2024-02", "2024-02", "2024-02"),
        # a Hijri feast without a year: the nearest (1445 is 16 June 2024)
        ("تعطل الإدارات بمناسبة عيد الأضحى", "2024-06-16", "2024-06-16", "2023-06-28"),
        # a feast of the Gregorian calendar
        ("تزين الشوارع بمناسبة عيد الميلاد", "2024-12-25", "2024-12-25", "2023-12-25"),
        # the nth weekday of a month: 4 February 2024 is past on the 14th
        ("اللقاء أول أحد من شهر فبراير", "2024-02-04", "2025-02-02", "2024-02-04"),
        # a Hijri month: Ramadan 1445 begins on 11 March 2024; Rajab 1445 is behind
        ("تخفيضات شهر رجب", {"start": "2024-01-13", "end": "2024-02-10"},
         {"start": "2025-01-01", "end": "2025-01-30"},
         {"start": "2024-01-13", "end": "2024-02-10"}),
    ],
)
def test_prefer_decides_what_the_text_leaves_open(
    text: str, default: object, future: object, past: object
) -> None:
    assert values(text) == [default]
    assert values(text, "future") == [future]
    assert values(text, "past") == [past]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("الخميس الماضي", "2024-02-08"),
        ("الخميس المقبل", "2024-02-15"),
        ("منذ 10 يناير", "2024-01-10"),
        ("في 10 يناير 2024", "2024-01-10"),
        ("يناير الماضي", "2024-01"),
        ("أمس", "2024-02-13"),
        ("الأحد 11 فبراير", "2024-02-11"),  # the weekday fits one date
    ],
)
def test_words_of_the_text_win_over_prefer(text: str, value: str) -> None:
    assert values(text, "future") == values(text, "past") == values(text) == [value]


def test_prefer_says_so_in_the_notes() -> None:
    (m,) = factsheet.find_dates(INVITATION, PUBLISHED, prefer="future")
    assert "the next such weekday: prefer future" in m.notes


def test_prefer_in_every_library_entry_point() -> None:
    assert [value_json(m.value) for m in analyse(INVITATION).mentions(
        PUBLISHED, prefer="future")] == ["2024-02-15"]
    mentions, found = dated_mentions(INVITATION, found_date(PUBLISHED), prefer="future")
    assert found.basis == "given" and [value_json(m.value) for m in mentions] == ["2024-02-15"]
    streamed = find_dates_stream([INVITATION[:20], INVITATION[20:]], PUBLISHED, prefer="past")
    assert [value_json(m.value) for m in streamed] == ["2024-02-08"]


def found_date(iso: str):  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.date.fromisoformat(iso)


@pytest.mark.parametrize("bad", ["later", "Future ", ""])
def test_a_bad_prefer_is_a_value_error(bad: str) -> None:
    with pytest.raises(ValueError, match="prefer must be 'future' or 'past'"):
        factsheet.find_dates(INVITATION, PUBLISHED, prefer=bad)


# --- the command line ------------------------------------------------------------------------


def article(tmp_path: Path, text: str = INVITATION, name: str = "a.txt") -> str:
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("command", ["dates", "sheet", "summary", "timeline", "countdown"])
def test_every_command_that_resolves_dates_takes_prefer(tmp_path: Path, command: str) -> None:
    path = article(tmp_path)
    extra = ["--as-of", PUBLISHED] if command == "countdown" else []
    out = {}
    for side in ("future", "past", None):
        args = [command, path, "-p", PUBLISHED, "-f", "text", *extra]
        result = runner.invoke(app, [*args, "--prefer", side] if side else args)
        assert result.exit_code == 0, result.stderr
        out[side] = result.stdout
    assert out["past"] == out[None]
    assert out["future"] != out["past"]
    thursday = {"dates": "2024-02-15", "countdown": "in 1 day"}.get(command, "15 February 2024")
    assert thursday in out["future"] and thursday not in out["past"]


@pytest.mark.parametrize("command", ["dates", "sheet", "summary", "timeline", "countdown"])
def test_a_bad_prefer_is_a_usage_error(tmp_path: Path, command: str) -> None:
    result = runner.invoke(app, [command, article(tmp_path), "--prefer", "soon"])
    assert result.exit_code == ExitCode.USAGE
    lines = result.stderr.splitlines()
    assert lines == ["factsheet: error: invalid --prefer 'soon': choose future or past"]
    assert result.stdout == ""


def test_prefer_over_a_corpus(tmp_path: Path) -> None:
    paths = [article(tmp_path, name="a.txt"), article(tmp_path, name="b.txt")]
    for command, key in (("dates", "dates"), ("sheet", "sheet"), ("timeline", "events")):
        result = runner.invoke(app, [command, *paths, "-p", PUBLISHED, "--prefer", "future"])
        assert result.exit_code == 0, result.stderr
        records = [json.loads(line) for line in result.stdout.splitlines()]
        assert len(records) == 2 and all(r[key] for r in records)
        assert all("2024-02-15" in json.dumps(r) and "2024-02-08" not in json.dumps(r)
                   for r in records)
    merged = runner.invoke(app, ["timeline", "--merge", *paths, "-p", PUBLISHED, "--prefer",
                                 "future", "-f", "json"])
    assert merged.exit_code == 0, merged.stderr
    assert [e["value"] for e in json.loads(merged.stdout)["events"]] == ["2024-02-15"]
