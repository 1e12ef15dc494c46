"""Which article a command reads when FILE is left out (issue 9 item 2), and what an empty
or non-Arabic text gives (item 7). Real processes: pipes, redirected files, /dev/null, a
closed stdin and a pseudo-terminal, as a shell starts them."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factsheet.cli.app import app
from factsheet.cli.article import nothing_to_read, stdin_has_article
from factsheet.facts.sheet import build_sheet

FACTSHEET = [sys.executable, "-m", "factsheet"]

ARTICLE = (
    "طنجة - أعلنت جمعية الصيادين أن مهرجان البحر سيقام من 3 إلى 5 غشت 2023 بميناء طنجة، "
    "بعد أن توقف منذ سنة 2019.\n"
)
SEED_EVENT = "الاجتماع الوزاري الأول للبلدان الرائدة"


def run(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR")}
    return subprocess.run([*FACTSHEET, *args], capture_output=True, text=True, timeout=120,
                          env=env, **kwargs)


# --- item 2: stdin when it carries data, else the seed ----------------------------------


@pytest.mark.parametrize("command", ["sheet", "summary", "timeline", "countdown"])
def test_piped_text_is_read(command: str) -> None:
    done = run([command, "-f", "json", "--as-of", "2023-07-01"] if command == "countdown"
               else [command, "-f", "json"], input=ARTICLE)
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["source"] == "-"
    labels = " ".join(e["label"] for e in doc["events"])
    assert "مهرجان البحر" in labels and SEED_EVENT not in labels


def test_a_redirected_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    with open(path, "rb") as f:
        done = run(["summary", "-f", "text"], stdin=f)
    assert done.returncode == 0, done.stderr
    assert "3–5 August 2023" in done.stdout and "Tangier" in done.stdout


def test_dev_null_gives_the_seed() -> None:
    done = run(["summary", "-f", "text"], stdin=subprocess.DEVNULL)
    assert done.returncode == 0 and done.stderr == ""
    assert SEED_EVENT in done.stdout


def test_a_closed_stdin_gives_the_seed_and_dates_says_it_is_closed() -> None:
    command = " ".join(f"'{a}'" for a in FACTSHEET)
    done = subprocess.run(["sh", "-c", f"exec {command} timeline -f text 0<&-"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert SEED_EVENT in done.stdout
    done = subprocess.run(["sh", "-c", f"exec {command} dates 0<&-"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 3
    assert done.stderr == ("factsheet: error: -: stdin is closed "
                           "(hint: give a FILE, or pipe the article in)\n")


def test_a_terminal_on_stdin_gives_the_seed() -> None:
    master, slave = pty.openpty()
    try:
        done = run(["countdown", "--as-of", "2022-04-01", "-f", "text"], stdin=slave)
    finally:
        os.close(slave)
        os.close(master)
    assert done.returncode == 0, done.stderr
    assert SEED_EVENT in done.stdout


def test_the_bare_command_shows_the_seed_even_with_a_pipe() -> None:
    done = run(["-h"], input="")  # the usage still mentions the seed
    assert "seed" in done.stdout
    done = subprocess.run(FACTSHEET, input=ARTICLE, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and SEED_EVENT in done.stdout


def test_json_lines_on_a_pipe_make_a_corpus_without_dash() -> None:
    lines = "".join(json.dumps({"id": f"n{i}", "text": ARTICLE}, ensure_ascii=False) + "\n"
                    for i in range(2))
    done = run(["sheet", "--jsonl"], input=lines)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == ["n0", "n1"]


def test_stdin_rule_on_file_objects(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    with open(path, encoding="utf-8") as regular, open(os.devnull, encoding="utf-8") as null:
        assert stdin_has_article(regular) and not stdin_has_article(null)
    read, write = os.pipe()
    with os.fdopen(read) as pipe:
        os.close(write)
        assert stdin_has_article(pipe)


# --- item 7: nothing to read ------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "  \n\t\n", "17 ماي 2022"])
def test_no_article_event_without_words(text: str) -> None:
    sheet = build_sheet(text)
    assert all(e.label for e in sheet.events)
    assert [e.id for e in sheet.events] == [f"e{i}" for i in range(1, len(sheet.events) + 1)]


def test_the_article_event_stays_when_it_has_words() -> None:
    sheet = build_sheet(ARTICLE)
    assert any(e.own and e.label for e in sheet.events)


@pytest.mark.parametrize(
    ("text", "reason"),
    [("", "the text is empty"), (" \n\t", "the text is only white space"),
     ("Meeting on 17/05/2022 in Rabat.", "no Arabic in the text"),
     ("Ø§Ù„Ø±Ø¨Ø§Ø· 2022", "no Arabic in the text"),  # UTF-8 Arabic read as Latin-1
     ("١٧/٠٥/٢٠٢٢", None), (ARTICLE, None)],
)
def test_nothing_to_read(text: str, reason: str | None) -> None:
    assert nothing_to_read(text) == reason


VIEWS = [
    ("sheet", "text"), ("sheet", "markdown"), ("sheet", "rich"), ("sheet", "csv"),
    ("sheet", "jsonl"), ("sheet", "ics"), ("summary", "text"), ("summary", "markdown"),
    ("summary", "rich"), ("timeline", "text"), ("timeline", "markdown"), ("timeline", "rich"),
    ("countdown", "text"), ("countdown", "markdown"), ("countdown", "rich"),
    ("countdown", "csv"),
]


@pytest.mark.parametrize("text", ["", "   \n\n", "The ministry said on 17 May 2022 that…"])
@pytest.mark.parametrize(("command", "fmt"), VIEWS)
def test_empty_or_non_arabic_text_shows_no_phantom_event(
    tmp_path: Path, text: str, command: str, fmt: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    args = [command, str(path), "-f", fmt, "--no-color"]
    result = CliRunner().invoke(app, [*args, "--as-of", "2030-01-01"] if command == "countdown"
                                else args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("\n") == 1 and "nothing to report" in result.stderr
    out = result.stdout
    assert "article's event" not in out and "date unknown" not in out
    assert re.search(r"\be1\b", out) is None and "2022" not in out and "ministry" not in out


@pytest.mark.parametrize("command", ["dates", "sheet", "summary", "timeline", "countdown"])
def test_a_text_without_arabic_says_so_and_gives_an_empty_result(command: str) -> None:
    done = run([command, "-f", "json"], input="Talks resume on 17/05/2022 at 10:30 in Geneva.\n")
    assert done.returncode == 0
    assert done.stderr == ("factsheet: warning: -: no Arabic in the text; nothing to report "
                           "(factsheet reads Arabic articles)\n")
    doc = json.loads(done.stdout)
    assert doc.get("dates", []) == [] and doc.get("events", []) == []


def test_an_empty_pipe_says_the_text_is_empty() -> None:
    done = run(["summary", "-f", "text"], input="")
    assert done.returncode == 0
    assert done.stderr == "factsheet: warning: -: the text is empty; nothing to report\n"
    assert done.stdout == "Published: unknown\n"
