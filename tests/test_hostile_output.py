"""Hostile input, round two: what reaches the output (issue 14, items 10 and 11).

Terminal escapes and bidi controls from the article never act on a terminal, a JSON document
on stdout is whole or absent, calendars hold dates at the ends of the calendar, and a
corrupt cache of compiled patterns is rebuilt instead of silently matching nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
from typer.testing import CliRunner

from factsheet import find_dates
from factsheet.cli.app import app
from factsheet.errors import ExitCode
from factsheet.facts.sheet import build_sheet
from factsheet.render.safe import ics_escape, json_dumps, strip_controls, terminal_safe
from factsheet.render.sheet_ics import sheet_ics

runner = CliRunner()
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
C1 = "\u0085\u009b"

# A date, a quote and a place, each with a bidi control or a C1 control inside.
HOSTILE = (
    "وقال الوزير محمد العلمي: «سنواصل\u202e العمل حتى 17\u2066 ماي 2022» "
    "في الرباط يوم 17 ماي\u202e 2022\u0085 بحضور الوفود\u009b2J.\n"
)


def raw_controls(text: str) -> list[str]:
    return [f"U+{ord(c):04X}" for c in text if c in BIDI or c in C1]


@pytest.fixture()
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "news\u202etxt.txt"  # the name is shown too
    path.write_text(HOSTILE, encoding="utf-8")
    return path


# --- item 11: bidi and C1 controls ------------------------------------------------------------


def test_bidi_controls_are_shown_escaped_like_other_controls() -> None:
    assert terminal_safe("ماي\u202e 2022\u2066") == "ماي\\u202e 2022\\u2066"
    assert strip_controls("ماي\u202e 2022\x1b[1m") == "ماي\\u202e 2022"
    assert terminal_safe("\u200fالرباط\u200e") == "\u200fالرباط\u200e", "Arabic marks stay"
    assert ics_escape("ماي\u202e 2022\u0085") == "ماي 2022"


def test_json_escapes_c1_and_bidi_controls_and_reads_back_the_same_text() -> None:
    text = "a\u0085b\u009bc\u202ed\u2066e\u2028f\\\u0085"
    dumped = json_dumps({"text": text})
    assert raw_controls(dumped) == [] and "\u2028" not in dumped
    assert '"a\\u0085b\\u009bc\\u202ed\\u2066e\\u2028f\\\\\\u0085"' in dumped
    assert json.loads(dumped) == {"text": text}


@pytest.mark.parametrize(
    "command",
    [["dates", "-f", "text"], ["dates", "-f", "table"], ["sheet", "-f", "text"],
     ["sheet", "-f", "markdown"], ["sheet", "-f", "rich"], ["sheet", "-f", "ics"],
     ["sheet", "-f", "csv"]],
    ids=" ".join,
)
def test_human_views_show_no_raw_bidi_or_c1_control(hostile: Path, command: list[str]) -> None:
    result = runner.invoke(app, [command[0], str(hostile), *command[1:], "--color"])
    assert result.exit_code == 0, result.stderr
    assert raw_controls(result.stdout) == []
    if command[1:] != ["-f", "ics"] and command != ["sheet", "-f", "csv"]:
        assert "\\u202e" in result.stdout


@pytest.mark.parametrize(
    "command",
    [["dates", "-f", "json"], ["dates", "-f", "jsonl"], ["sheet", "-f", "json"],
     ["sheet", "-f", "jsonl"], ["dates", "--jsonl"]],
    ids=" ".join,
)
def test_json_output_holds_the_controls_escaped_and_exact(
    hostile: Path, tmp_path: Path, command: list[str]
) -> None:
    args = [command[0], str(hostile), *command[1:]]
    if command[1] == "--jsonl":
        source = tmp_path / "news.jsonl"
        source.write_text(json.dumps({"id": "x", "text": HOSTILE}) + "\n", encoding="utf-8")
        args = [command[0], str(source)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert raw_controls(result.stdout) == []
    docs = ([json.loads(result.stdout)] if command[-1] == "json"
            else [json.loads(line) for line in result.stdout.splitlines()])
    found = json.dumps(docs, ensure_ascii=False)
    assert "ماي\u202e 2022" in found, "the text itself is unchanged"


# --- item 11: a JSON document on stdout is whole or absent ---------------------------------


def test_a_bad_byte_far_into_the_input_leaves_stdout_empty(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    good = "أعلنت الوزارة يوم 17 ماي 2022 عن المعرض. ".encode() * 40_000  # 2.4 MB
    path.write_bytes(good + b"\xff tail")
    done = subprocess.run([sys.executable, "-m", "factsheet", "dates", str(path), "-f", "json",
                           "-p", "2022-03-25"], capture_output=True, timeout=300)
    assert done.returncode == ExitCode.ENCODING
    assert done.stdout == b"", "no truncated document"
    assert done.stderr.decode().startswith(
        f"factsheet: error: {path}: not valid UTF-8 at byte offset {len(good)}")


def test_a_complete_json_document_is_still_written(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(HOSTILE * 3, encoding="utf-8")
    result = runner.invoke(app, ["dates", str(path), "-f", "json", "-p", "2022-03-25"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["dates"]) == 3 * len(find_dates(HOSTILE))


# --- item 10: the ends of the calendar ----------------------------------------------------


def test_a_calendar_reaches_the_last_day_of_year_9999() -> None:
    text = "يفتتح المعرض الدولي في الرباط يوم 31 دجنبر 9999 ويستمر من 30 إلى 31 دجنبر 9999."
    sheet = build_sheet(text, dt.date(9999, 12, 1))
    ics = sheet_ics(sheet, dt.date(9999, 12, 1))
    events = {e.decoded("DTSTART"): e for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")}
    last = events[dt.date(9999, 12, 31)]  # no DTEND exists after it: a duration instead
    assert "DTEND" not in last and last.decoded("DURATION") == dt.timedelta(days=1)
    assert events[dt.date(9999, 12, 1)].decoded("DTEND") == dt.date(9999, 12, 2)


def test_a_calendar_in_year_1_has_four_digit_years() -> None:
    sheet = build_sheet("افتتح المعرض في الرباط يوم 3 مارس 1.", dt.date(1, 1, 5))
    ics = sheet_ics(sheet, dt.date(1, 1, 5))
    assert "DTSTAMP:00010105T000000Z" in ics
    events = {e.decoded("DTSTART"): e for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")}
    assert events[dt.date(1, 3, 3)].decoded("DTEND") == dt.date(1, 3, 4)


# The engine at the ends of the calendar: what would be counted past year 1 or 9999 has no
# value and a note, never an OverflowError (exit 70).


def test_tomorrow_on_the_last_day_of_the_calendar() -> None:
    """``factsheet dates a.txt -p 9999-12-31`` with ``غدا``."""
    [m] = find_dates("غدا سيعقد الاجتماع في الرباط", dt.date(9999, 12, 31))
    assert m.value is None and any("outside the calendar" in n for n in m.notes)


def test_a_weekday_in_the_first_week_of_the_calendar() -> None:
    """``factsheet sheet -p 0001-01-02`` on ``النصف … الجمعة``."""
    for m in find_dates("» النصف الجمعة 02", dt.date(1, 1, 2)):
        assert m.value is None or isinstance(m.value, str)


def test_next_week_at_the_end_of_the_calendar() -> None:
    [m] = find_dates("الأسبوع المقبل", dt.date(9999, 12, 31))
    assert m.value is None


# --- item 11: a corrupt cache of compiled patterns --------------------------------------------


def _run(code: str, cache: Path) -> str:
    env = {**os.environ, "FACTSHEET_CACHE_DIR": str(cache)}
    env.pop("FACTSHEET_NO_REGEX_CACHE", None)
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=True, timeout=120).stdout.strip()


COUNT = ("import factsheet; print(len(factsheet.find_dates("
         "'تنطلق الدورة من 17 إلى 20 ماي 2022 بالرباط', '2022-03-25')))")


def _never_matching() -> list[int]:
    from factsheet.dates import recache

    return recache._compile_entry(r"(?!)", 0)[1]


@pytest.mark.parametrize("damage", ["wrong programs", "a flipped byte", "truncated"])
def test_a_corrupt_cache_is_rebuilt_not_trusted(tmp_path: Path, damage: str) -> None:
    from factsheet.dates import recache

    assert _run(COUNT, tmp_path) == "1"  # writes the cache
    (path,) = tmp_path.glob("regex-*.marshal")
    raw = path.read_bytes()
    cached = recache._verified(raw)
    assert cached and cached[0] and cached[1], "a fresh cache verifies"
    entries, values, plain = cached
    if damage == "wrong programs":  # well-formed data whose programs match nothing
        bogus = {k: (v[0], _never_matching(), 0, {}, (None,)) for k, v in entries.items()}
        nowhere = {k: frozenset() for k in values}  # and rules that begin nowhere,
        no_keys = {k: ([], {}, [], [], []) for k in plain}  # a scanner that finds nothing
        path.write_bytes(marshal.dumps((bogus, nowhere, no_keys)))
    elif damage == "a flipped byte":
        at = len(raw) // 2
        path.write_bytes(raw[:at] + bytes([raw[at] ^ 0x01]) + raw[at + 1:])
    else:
        path.write_bytes(raw[: len(raw) // 3])
    assert _run(COUNT, tmp_path) == "1", "the dates are found all the same"
    assert recache._verified(path.read_bytes()) == cached, "and the file is rebuilt"
