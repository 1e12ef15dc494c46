"""Output safety helpers: terminals, spreadsheets, JSON and iCalendar."""

from __future__ import annotations

import json

import pytest

from factsheet.render.safe import (
    csv_cell,
    ics_escape,
    ics_fold,
    json_dumps,
    strip_controls,
    terminal_safe,
)


def test_escape_sequences_are_shown_not_run() -> None:
    hostile = "الاجتماع\x1b[2J\x1b]8;;http://evil\x07هنا\x9b31m"
    safe = terminal_safe(hostile)
    assert "\x1b" not in safe and "\x07" not in safe and "\x9b" not in safe
    assert safe == "الاجتماع\\x1b[2J\\x1b]8;;http://evil\\x07هنا\\x9b31m"


def test_newlines_are_escaped_in_one_line_fields_and_kept_on_request() -> None:
    assert terminal_safe("17\nماي\t2022") == "17\\nماي\\t2022"
    assert terminal_safe("17\nماي\t2022", keep_newlines=True) == "17\nماي\t2022"


def test_markup_looking_text_is_left_alone_for_a_markup_free_console() -> None:
    assert terminal_safe("[bold red]عاجل[/] [link=http://x]هنا[/link]") == (
        "[bold red]عاجل[/] [link=http://x]هنا[/link]"
    )


def test_arabic_marks_survive() -> None:
    text = "\u200fالرباط\u200e ـ ٢٠٢٢"
    assert terminal_safe(text) == text


def test_strip_controls_removes_whole_ansi_sequences() -> None:
    assert strip_controls("\x1b[1;31mعاجل\x1b[0m\x1b]0;title\x07!\x00") == "عاجل!"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"),
        ("+2+3", "'+2+3"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("17 ماي 2022", "17 ماي 2022"),
        ("2022-05-17", "2022-05-17"),
    ],
)
def test_csv_cells_cannot_be_formulas(cell: str, expected: str) -> None:
    assert csv_cell(cell) == expected


def test_json_is_valid_utf8_even_with_lone_surrogates() -> None:
    text = json_dumps({"text": "ماي\ud800 2022", "n": 1}, indent=2)
    assert text.encode("utf-8")  # would raise on a lone surrogate
    assert json.loads(text) == {"text": "ماي\ufffd 2022", "n": 1}


def test_json_escapes_control_characters() -> None:
    assert json_dumps(["\x1b[2J"]) == '["\\u001b[2J"]'


def test_ics_text_escaping() -> None:
    assert ics_escape("منتدى; نيويورك, 2022\\الأول\r\nسطر") == (
        "منتدى\\; نيويورك\\, 2022\\\\الأول\\nسطر"
    )
    assert ics_escape("a\x1bb\x00c") == "abc"


def test_ics_fold_keeps_lines_within_75_octets_without_splitting_letters() -> None:
    line = "SUMMARY:" + ics_escape("المنتدى الدولي الأول لاستعراض الهجرة في نيويورك " * 4)
    folded = ics_fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    # Unfolding (RFC 5545: remove CRLF + one space) gives the line back.
    assert folded.replace("\r\n ", "") == line


def test_ics_fold_leaves_short_lines_alone() -> None:
    assert ics_fold("DTSTART;VALUE=DATE:20220517") == "DTSTART;VALUE=DATE:20220517"
