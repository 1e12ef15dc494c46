"""Arabic in terminals: shaped, reordered for display, measured after shaping; files untouched.

The visual form must round-trip to the logical text, agree with python-bidi's own reordering
(plus the mirrored brackets it leaves out), keep diacritics on their letters, and keep table
borders straight. A terminal is a pseudo-terminal here; a file or a pipe gets the logical text.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from factsheet.cli import console as cli_console
from factsheet.cli.app import app
from factsheet.errors import UsageError
from factsheet.render.bidi import (
    BAR,
    BidiText,
    has_rtl,
    isolate_embedded,
    neutralise,
    shape,
    unshape,
    visual,
)

FACTSHEET = [sys.executable, "-m", "factsheet"]
PRESENTATION = range(0xFB50, 0xFEFF)

ARTICLE = (
    "الرباط - أعلنت الوزارة اليوم الثلاثاء أن الملتقى الدولي للإعلام (MIF) سينعقد من 3 إلى 5 "
    "أكتوبر 2023 بمراكش، وقال رئيس اللجنة إن «الإعلام الإلكتروني مسؤولية» قبل الافتتاح.\n"
)

SENTENCES = [
    "المنتدى الأول لبحث قضية الهجرة (IMRF)",
    "قال الوزير: «لا تراجع عن الإصلاح» يوم 17 ماي 2022",
    "before «الملتقى الدولي»; year 2022",
    "تنطلق الدورة الساعة 10:30 صباحا في قاعة A2",
    "مَرْحَبًا بِكُمْ فِي الرِّبَاطِ",
    "من 3 إلى 5 أكتوبر 2023 (المرحلة [الأولى])",
    "نص عربي فقط",
    "English only, with (brackets) and 2023-10-03",
]


def _presentation(text: str) -> bool:
    return any(ord(c) in PRESENTATION for c in text)


@pytest.mark.parametrize("text", SENTENCES)
def test_the_visual_form_round_trips_to_the_logical_text(text: str) -> None:
    drawn = visual(text)
    assert unshape(drawn.logical()) == text
    assert sorted(drawn.order) == list(range(len(drawn.order)))


LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإىةلا"
MARKS = "\u064e\u0650\u0651\u0652"
OTHERS = "abcXYZ0123456789 .,:;-()[]«»\"'/+%"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(LETTERS + MARKS + OTHERS)), max_size=60))
def test_any_mixture_round_trips(text: str) -> None:
    drawn = visual(text)
    assert drawn.logical() == shape(text)  # reordering loses and adds nothing
    if not any(c in MARKS for c in text):
        assert unshape(drawn.logical()) == text  # nor does shaping, marks aside


@pytest.mark.parametrize("text", [s for s in SENTENCES if not any(c in s for c in "()[]«»")
                                  and not any(unicodedata.combining(c) for c in s)])
def test_the_order_is_python_bidis_own(text: str) -> None:
    from bidi import get_display

    assert visual(text).text == get_display(shape(text))


def test_brackets_are_mirrored_in_right_to_left_text() -> None:
    # Drawn left to right: "(IMRF)" then the Arabic, last word first; python-bidi's Rust
    # version would draw ")IMRF(".
    assert visual("المنتدى الأول (IMRF)").text == "(IMRF) " + shape("المنتدى الأول")[::-1]
    assert visual("قال (نص)").text == "(" + shape("نص")[::-1] + ") " + shape("قال")[::-1]
    assert visual("«نص»").text == "«" + shape("نص")[::-1] + "»"


def test_arabic_letters_are_joined_and_lam_alef_is_one_character() -> None:
    shaped = shape("الأول")
    assert len(shaped) == 4 and "\ufef7" in shaped  # lam with alef with hamza above
    assert all(ord(c) in PRESENTATION for c in shaped)
    assert unshape(shaped) == "الأول"


def test_diacritics_stay_on_their_letter() -> None:
    drawn = visual("مَرْحَبًا").text
    marks = [i for i, c in enumerate(drawn) if unicodedata.combining(c)]
    assert len(marks) == 4
    for i in marks:  # a mark follows the letter it belongs to, as a terminal draws it
        assert i > 0 and not unicodedata.combining(drawn[i - 1])
    shaped = shape("مَرْحَبًا")
    pairs = [shaped[i - 1:i + 1] for i, c in enumerate(shaped) if unicodedata.combining(c)]
    assert len(pairs) == 4 and all(pair in drawn for pair in pairs)  # e.g. meem + fatha


def test_quoted_arabic_keeps_the_numbers_of_an_english_line_in_place() -> None:
    line = "50D before 2022-05-17 (من 17 إلى 20 ماي 2022) → 2022-03-28 ± 3 days"
    drawn = visual(isolate_embedded(line, "visual"), 0).text
    assert drawn.startswith("50D before 2022-05-17 (")
    assert drawn.endswith(") → 2022-03-28 ± 3 days")  # not 28-03-2022, as without isolation
    assert "\u2068" not in drawn and "\u2069" not in drawn
    assert visual(line, 0).text.endswith("3 ± 28-03-2022 days")  # what isolation prevents


def test_explicit_overrides_in_article_text_are_neutralised() -> None:
    spoof = "الموعد \u202e2202\u202c مؤكد"
    assert neutralise(spoof) == "الموعد 2202 مؤكد"
    assert "\u202e" not in visual(neutralise(spoof)).text
    assert neutralise("نص\u200fآخر") == "نص\u200fآخر"  # marks are letters, they stay


def _table_lines(mode: str | None, width: int = 70) -> list[str]:
    from rich.table import Table

    from factsheet.render.bidi import table_box

    console = Console(width=width, force_terminal=True, color_system=None, record=True)
    table = Table(title="t", box=table_box(mode))  # type: ignore[arg-type]
    table.add_column("id")
    table.add_column("what")
    table.add_column("where")
    rows = [("e1", "الاجتماع الوزاري الأول للبلدان الرائدة", "الرباط"),
            ("e2", "الملتقى الدولي للإعلام الإلكتروني", "مراكش"),
            ("e3", "لا", "Casablanca"),
            ("e4", "إعلان مشترك حول التعاون الإقليمي في مجال الهجرة والتنمية المستدامة " * 2,
             "الأمم المتحدة")]
    for row in rows:
        table.add_row(row[0], *(BidiText(c, mode) if mode else c  # type: ignore[arg-type]
                                for c in row[1:]))
    console.print(table)
    return console.export_text().splitlines()[1:]


@pytest.mark.parametrize("mode", ["visual", "logical"])
def test_table_borders_stay_straight_after_shaping(mode: str) -> None:
    lines = _table_lines(mode)
    widths = {cell_len(line) for line in lines}
    assert widths == {cell_len(lines[0])}, lines  # every line as wide as the top border
    assert any(_presentation(line) for line in lines)  # shaped
    assert any("\ufefb" in line or "\ufefc" in line for line in lines)  # lam-alef, one cell
    body = [line for line in lines if has_rtl(line)]
    bar = BAR if mode == "logical" else "│"
    columns = {tuple(i for i, c in enumerate(line) if c == bar) for line in body}
    assert len(columns) == 1, body  # the bars are at the same places on every row


def test_a_wrapped_paragraph_reads_from_its_first_line() -> None:
    lines = [line for line in _table_lines("visual", 60) if "e4" in line or
             (line.startswith("│    │") and has_rtl(line))]
    first = lines[0]
    # The first drawn line holds the beginning of the text (its right end, in RTL) ...
    assert shape("إعلان")[::-1] in first
    # ... and right-to-left lines are aligned right in their cell.
    cell = first.split("│")[2]
    assert cell.endswith(" ") and cell.rstrip().endswith(shape("إعلان")[::-1])


def test_bidi_mode_from_the_flag_the_environment_and_the_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cli_console, "is_tty", lambda stream: True)
    for name in ("MLTERM", "KONSOLE_VERSION", "VTE_VERSION", cli_console.BIDI_ENV):
        monkeypatch.delenv(name, raising=False)
    assert cli_console.bidi_mode(None, None) == "visual"  # xterm and most others
    assert cli_console.bidi_mode("logical", None) == "logical"
    assert cli_console.bidi_mode(None, "out.txt") is None  # a file: untouched
    monkeypatch.setenv("MLTERM", "3.9.0")
    assert cli_console.bidi_mode(None, None) == "logical"
    assert cli_console.bidi_mode("visual", None) == "visual"
    monkeypatch.setenv(cli_console.BIDI_ENV, "visual")
    assert cli_console.bidi_mode(None, None) == "visual"
    assert cli_console.bidi_mode("auto", None) == "logical"
    with pytest.raises(UsageError, match="unknown --bidi 'rtl'"):
        cli_console.bidi_mode("rtl", None)
    assert cli_console.terminal_reorders({"VTE_VERSION": "6800"})
    assert not cli_console.terminal_reorders({"VTE_VERSION": "5202"})  # before BiDi
    assert cli_console.terminal_reorders({"KONSOLE_VERSION": "220401"})
    assert not cli_console.terminal_reorders({"TERM": "xterm-256color"})


def test_a_bad_environment_value_warns_and_falls_back(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    monkeypatch.setattr(cli_console, "is_tty", lambda stream: True)
    monkeypatch.delenv("MLTERM", raising=False)
    monkeypatch.delenv("KONSOLE_VERSION", raising=False)
    monkeypatch.delenv("VTE_VERSION", raising=False)
    monkeypatch.setenv(cli_console.BIDI_ENV, "sideways")
    assert cli_console.bidi_mode(None, None) == "visual"
    assert "ignoring FACTSHEET_BIDI='sideways'" in capsys.readouterr().err


def test_a_bad_flag_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["sheet", "--bidi", "rtl"])
    assert result.exit_code == 2
    assert "unknown --bidi 'rtl': choose visual, logical or auto" in result.stderr


@pytest.mark.parametrize("args", [["sheet", "-f", "rich"], ["summary", "-f", "rich"],
                                  ["timeline", "-f", "rich"], ["sheet", "-f", "text"],
                                  ["sheet", "-f", "markdown"], ["sheet", "-f", "json"],
                                  ["countdown", "--as-of", "2022-04-01", "-f", "rich"]])
@pytest.mark.parametrize("bidi", ["visual", "logical"])
def test_files_and_pipes_get_the_logical_text_untouched(args: list[str], bidi: str) -> None:
    runner = CliRunner()
    plain = runner.invoke(app, args, env={"COLUMNS": "110"})
    asked = runner.invoke(app, [*args, "--bidi", bidi], env={"COLUMNS": "110",
                                                             "FACTSHEET_BIDI": bidi})
    assert plain.exit_code == asked.exit_code == 0
    assert asked.stdout == plain.stdout
    assert not _presentation(asked.stdout) and BAR not in asked.stdout
    assert "المنتدى الأول لبحث قضية الهجرة الدولية" in asked.stdout


def _on_terminal(args: list[str], tmp_path: Path, env: dict[str, str] | None = None,
                 stdout_file: Path | None = None) -> str:
    """Run factsheet with stdout (or only stderr) on a pseudo-terminal; what it drew."""
    master, slave = pty.openpty()
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    full_env = {**os.environ, "COLUMNS": "120", "TERM": "xterm-256color", "NO_COLOR": "1"}
    for name in ("MLTERM", "KONSOLE_VERSION", "VTE_VERSION", "FACTSHEET_BIDI"):
        full_env.pop(name, None)
    full_env.update(env or {})
    out = open(stdout_file, "wb") if stdout_file else slave  # noqa: SIM115
    try:
        done = subprocess.run([*FACTSHEET, *args], stdin=subprocess.DEVNULL, stdout=out,
                              stderr=slave, env=full_env, timeout=120, check=False)
    finally:
        if stdout_file:
            out.close()  # type: ignore[union-attr]
    os.close(slave)
    reader.join(10)
    os.close(master)
    assert done.returncode == 0, b"".join(chunks).decode("utf-8", "replace")
    return b"".join(chunks).decode("utf-8", "replace")


def test_on_a_terminal_without_bidi_arabic_is_drawn_in_visual_order(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    screen = _on_terminal(["timeline", str(path), "-p", "2023-09-26"], tmp_path)
    assert _presentation(screen)
    # "[the article's event]" ends the Arabic label, so it stands at its left end, brackets
    # the right way round, and the label's last word comes next, drawn right to left.
    assert "[the article's event] " + shape("للإعلام")[::-1] in screen
    assert "الرباط" not in screen  # no logical Arabic left
    screen = _on_terminal(["timeline", str(path), "-p", "2023-09-26", "--lang", "ar"],
                          tmp_path)
    assert shape("مراكش")[::-1] in screen and "مراكش" not in screen
    assert shape("3–5 أكتوبر 2023") not in screen
    # Read right to left: 3–5 أكتوبر 2023 (the dash is neutral, so 3 stands at the right).
    assert "2023 " + shape("أكتوبر")[::-1] + " 5–3" in screen


def test_on_a_terminal_that_reorders_arabic_stays_logical_and_shaped(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    for env, args in (({"MLTERM": "3.9.0"}, []), ({}, ["--bidi", "logical"]),
                      ({"FACTSHEET_BIDI": "logical"}, [])):
        screen = _on_terminal(["timeline", str(path), "-p", "2023-09-26", *args], tmp_path,
                              env)
        assert shape("الرباط") in screen, env  # logical order, shaped
        assert BAR in screen
    screen = _on_terminal(["timeline", str(path), "-p", "2023-09-26"], tmp_path,
                          {"MLTERM": "3.9.0", "FACTSHEET_BIDI": "visual"})
    assert shape("الرباط")[::-1] in screen


def test_redirected_output_is_logical_even_from_a_terminal(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.txt"
    _on_terminal(["timeline", str(path), "-p", "2023-09-26", "-f", "rich", "--bidi",
                  "visual"], tmp_path, stdout_file=out)
    text = out.read_text(encoding="utf-8")
    assert "الرباط" in text and not _presentation(text)


def test_article_text_is_escaped_before_it_is_reordered(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("الرباط - قال الوزير: «المعرض \x1b[2J مفتوح \u202eللجميع\u202c منذ اليوم» "
                    "يوم 3 أكتوبر 2023.\n", encoding="utf-8")
    screen = _on_terminal(["sheet", str(path)], tmp_path)
    assert "\x1b[2J" not in screen
    assert "\\x1b[2J" in screen  # shown, as a visible escape, in reading order
    assert "\u202e" not in screen
    assert shape("للجميع")[::-1] in screen  # no longer overridden: drawn right to left


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from("نص\u200f\u200e\u061c\\")),
               max_size=80), st.sampled_from(["visual", "logical"]))
def test_any_text_draws_in_a_cell_of_the_width_it_was_given(text: str, mode: str) -> None:
    from factsheet.render.safe import terminal_safe

    safe = neutralise(terminal_safe(text))
    console = Console(width=24, force_terminal=True, color_system=None, record=True)
    console.print(BidiText(safe, mode), width=24)  # type: ignore[arg-type]
    lines = console.export_text().splitlines()
    assert all(cell_len(line) <= 24 for line in lines)
    if mode == "visual" and "\n" not in safe:
        marks = "\u061c\u200e\u200f"  # applied by the algorithm, then not drawn
        drawn = visual(safe).logical()
        if has_rtl(safe):
            assert drawn == "".join(c for c in shape(safe) if c not in marks)
        else:
            assert drawn == safe
