"""The command line: exit codes, one-line errors, formats, output files, pipes, Ctrl-C."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from factsheet.cli.app import app
from factsheet.errors import ExitCode

runner = CliRunner()

ARTICLE = (
    "الرباط - أعلنت وزارة الثقافة أن الدورة المقبلة من المعرض ستقام من 17 إلى 20 ماي 2022، "
    "بعد أن ألغيت دورة سنة 2020 بسبب الجائحة.\n"
)


def article(tmp_path: Path, data: bytes | str = ARTICLE, name: str = "a.txt") -> str:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


def dates(*args: str, input: bytes | str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["dates", *args], input=input)


def one_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("factsheet: error: ")
    assert "Traceback" not in stderr
    return lines[0]


# --- bad input: one line on stderr, a documented exit code -----------------------------------


def test_missing_file(tmp_path: Path) -> None:
    result = dates(str(tmp_path / "absent.txt"), "-f", "json")
    assert result.exit_code == ExitCode.INPUT == 3
    assert "absent.txt: no such file or directory" in one_error_line(result.stderr)
    assert result.stdout == ""


def test_a_folder_without_articles(tmp_path: Path) -> None:
    # A folder is a corpus (issue 5); an empty one is an input error, not an empty result.
    result = dates(str(tmp_path))
    assert result.exit_code == ExitCode.INPUT
    assert "no article found" in one_error_line(result.stderr)


def test_binary_file(tmp_path: Path) -> None:
    result = dates(article(tmp_path, b"\x89PNG\r\n\x1a\n" + bytes(100), "photo.txt"))
    assert result.exit_code == ExitCode.INPUT
    assert "binary content (a PNG image)" in one_error_line(result.stderr)


def test_invalid_utf8_suggests_encoding(tmp_path: Path) -> None:
    result = dates(article(tmp_path, b"Salon du livre, \xe9t\xe9 2022\n"))
    assert result.exit_code == ExitCode.ENCODING == 4
    line = one_error_line(result.stderr)
    assert "not valid UTF-8 (byte 0xe9 at offset 16)" in line
    assert "hint: pass --encoding" in line


def test_windows_1256_is_read_with_a_warning(tmp_path: Path) -> None:
    result = dates(article(tmp_path, ARTICLE.encode("cp1256")), "-f", "json")
    assert result.exit_code == 0
    assert result.stderr.startswith("factsheet: warning: ")
    assert "Windows-1256" in result.stderr
    assert json.loads(result.stdout)["source"].endswith("a.txt")


def test_explicit_encoding(tmp_path: Path) -> None:
    path = article(tmp_path, ARTICLE.encode("cp1256"))
    result = dates(path, "--encoding", "cp1256", "-f", "json")
    assert result.exit_code == 0 and result.stderr == ""


def test_unknown_encoding_is_a_usage_error(tmp_path: Path) -> None:
    result = dates(article(tmp_path), "--encoding", "klingon")
    assert result.exit_code == ExitCode.USAGE == 2
    assert "unknown encoding 'klingon'" in one_error_line(result.stderr)


@pytest.mark.parametrize(
    "data",
    [ARTICLE.encode("utf-16"), b"\xef\xbb\xbf" + ARTICLE.encode()],
    ids=["utf-16-bom", "utf-8-bom"],
)
def test_byte_order_marks_give_the_same_result_as_plain_utf8(tmp_path: Path, data: bytes) -> None:
    plain = json.loads(dates(article(tmp_path, ARTICLE, "p.txt"), "-f", "json").stdout)
    marked = dates(article(tmp_path, data, "p.txt"), "-f", "json")
    assert marked.exit_code == 0 and marked.stderr == ""
    assert json.loads(marked.stdout) == plain


@pytest.mark.parametrize("data", [b"", b"  \n\n\t "])
def test_empty_input_is_an_empty_result(tmp_path: Path, data: bytes) -> None:
    result = dates(article(tmp_path, data), "-f", "json")
    assert result.exit_code == 0
    assert result.stderr.startswith("factsheet: warning: ")  # one line says why
    assert result.stderr.count("\n") == 1 and "nothing to report" in result.stderr
    assert json.loads(result.stdout)["dates"] == []


@pytest.mark.parametrize("value", ["2022-02-30", "25/03/2022", "2022-3-25", "tomorrow"])
def test_invalid_published_is_a_usage_error(tmp_path: Path, value: str) -> None:
    result = dates(article(tmp_path), "--published", value)
    assert result.exit_code == ExitCode.USAGE
    assert f"invalid --published '{value}'" in one_error_line(result.stderr)


def test_unknown_format_and_unknown_option_are_usage_errors(tmp_path: Path) -> None:
    result = dates(article(tmp_path), "--format", "xml")
    assert result.exit_code == ExitCode.USAGE
    assert "choose one of table, text, json, jsonl, csv, tsv" in one_error_line(result.stderr)
    result = dates(article(tmp_path), "--fromat", "json")
    assert result.exit_code == ExitCode.USAGE
    assert "No such option: --fromat" in one_error_line(result.stderr)


def test_error_messages_do_not_replay_escape_sequences(tmp_path: Path) -> None:
    result = dates(str(tmp_path / "\x1b[2Jevil.txt"))
    assert "\x1b" not in result.stderr
    assert "\\x1b[2Jevil.txt" in result.stderr


# --- formats ---------------------------------------------------------------------------------


def test_json_document_keys_and_given_published(tmp_path: Path) -> None:
    result = dates(article(tmp_path), "--published", "2022-03-25", "-f", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert list(doc) == ["schema", "source", "published", "dates"]
    assert doc["schema"] == "factsheet.dates/1"
    assert doc["published"] == {"value": "2022-03-25", "basis": "given", "interval": None}
    for m in doc["dates"]:
        assert ARTICLE[m["start"]:m["end"]] == m["text"]


def test_stdin_with_a_dash_and_by_default() -> None:
    for args in (["-", "-f", "json"], ["-f", "json"]):
        result = dates(*args, input=ARTICLE.encode())
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["source"] == "-"


def test_jsonl_csv_tsv_and_text_agree_with_json(tmp_path: Path) -> None:
    path = article(tmp_path)
    doc = json.loads(dates(path, "-p", "2022-03-25", "-f", "json").stdout)
    expected = [(m["start"], m["end"], m["text"]) for m in doc["dates"]]

    jsonl = dates(path, "-p", "2022-03-25", "-f", "jsonl").stdout.splitlines()
    assert [(r["start"], r["end"], r["text"]) for r in map(json.loads, jsonl)] == expected

    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        out = dates(path, "-p", "2022-03-25", "-f", fmt).stdout
        rows = list(csv.DictReader(io.StringIO(out), delimiter=delimiter))
        assert [(int(r["start"]), int(r["end"]), r["text"]) for r in rows] == expected

    text = dates(path, "-p", "2022-03-25", "-f", "text").stdout.splitlines()
    assert [line.split("\t")[0] for line in text] == [f"{s}-{e}" for s, e, _ in expected]


def test_piped_output_defaults_to_text_without_colour(tmp_path: Path) -> None:
    path = article(tmp_path)
    result = dates(path, "-p", "2022-03-25")
    assert result.stdout == dates(path, "-p", "2022-03-25", "-f", "text").stdout
    assert "\x1b[" not in result.stdout


def test_table_on_request(tmp_path: Path) -> None:
    result = dates(article(tmp_path), "-p", "2022-03-25", "-f", "table", "--no-color")
    assert result.exit_code == 0
    assert "published: 2022-03-25 (given)" in result.stdout
    assert "\x1b[" not in result.stdout


def test_forced_colour_is_honoured_in_a_table(tmp_path: Path) -> None:
    result = dates(article(tmp_path), "-f", "table", "--color")
    assert "\x1b[" in result.stdout


def test_no_color_environment_wins_over_a_terminal_default(tmp_path: Path) -> None:
    path = article(tmp_path)
    plain = runner.invoke(app, ["dates", path, "-f", "table"],
                          env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert "\x1b[" not in plain.stdout
    forced = runner.invoke(app, ["dates", path, "-f", "table"],
                           env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    flag = runner.invoke(app, ["dates", path, "-f", "table", "--no-color"],
                         env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[" not in flag.stdout


# --- --output --------------------------------------------------------------------------------


def test_output_file_is_written(tmp_path: Path) -> None:
    out = tmp_path / "dates.json"
    result = dates(article(tmp_path), "-p", "2022-03-25", "-f", "json", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["published"]["basis"] == "given"


def test_output_file_untouched_when_the_input_fails_half_way(tmp_path: Path) -> None:
    # The first megabyte is fine; a bad byte after it fails the run while output is written.
    good = (ARTICLE * (2 * (1 << 20) // len(ARTICLE.encode()))).encode()
    path = article(tmp_path, good + b"\xff tail", "big.txt")
    out = tmp_path / "dates.jsonl"
    out.write_text("previous run\n")
    result = dates(path, "-f", "jsonl", "-o", str(out))
    assert result.exit_code == ExitCode.ENCODING
    assert f"at byte offset {len(good)}" in one_error_line(result.stderr)
    assert out.read_text() == "previous run\n"
    assert sorted(os.listdir(tmp_path)) == ["big.txt", "dates.jsonl"]


def test_output_into_a_missing_directory(tmp_path: Path) -> None:
    result = dates(article(tmp_path), "-o", str(tmp_path / "no" / "x.json"))
    assert result.exit_code == ExitCode.INPUT
    assert "does not exist" in one_error_line(result.stderr)


# --- the application -------------------------------------------------------------------------


def test_every_command_has_help_text() -> None:
    group = get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    assert "dates" in commands
    for name, command in commands.items():
        assert command.help and len(command.help) > 30, name
        result = runner.invoke(app, [name, "--help"], prog_name="factsheet")
        assert result.exit_code == 0 and "Usage: factsheet " + name in result.stdout


def test_no_arguments_runs_the_default_command_on_the_seed() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip(), "the seed gives a non-empty result"


# --- real processes: pipes and signals --------------------------------------------------------

FACTSHEET = [sys.executable, "-m", "factsheet"]


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    path = article(tmp_path, ARTICLE * 20000, "many.txt")
    shell = f"{' '.join(FACTSHEET)} dates {path} -p 2022-03-25 -f jsonl | head -1"
    done = subprocess.run(["sh", "-c", shell], capture_output=True, text=True, timeout=120)
    assert done.stderr == ""
    first = json.loads(done.stdout)
    assert ARTICLE[first["start"] % len(ARTICLE):].startswith(first["text"])


def test_ctrl_c_exits_130_quietly_and_leaves_no_output_file(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    proc = subprocess.Popen(
        [*FACTSHEET, "dates", "-", "-f", "json", "-o", str(out)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None
    proc.stdin.write(ARTICLE.encode())
    proc.stdin.flush()  # stdin stays open: the command waits for the rest of the article
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == ExitCode.INTERRUPTED == 130
    assert stderr == b""
    assert os.listdir(tmp_path) == []


def test_an_unexpected_exception_is_one_line_and_exit_70(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import factsheet.dates.published
    import factsheet.sources.stream

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("the engine divided by zero")

    monkeypatch.setattr(factsheet.sources.stream, "find_dates_stream", broken)
    monkeypatch.setattr(factsheet.dates.published, "dated_mentions", broken)
    result = dates(article(tmp_path), "-f", "json")
    assert result.exit_code == ExitCode.INTERNAL == 70
    line = one_error_line(result.stderr)
    assert "internal error: ZeroDivisionError: the engine divided by zero" in line


# --- --output never replaces what is not a regular file (issue 14) ----------------------------


def test_output_through_a_symlink_to_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "out.txt"
    link.symlink_to(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    done = subprocess.run([*FACTSHEET, "dates", article(tmp_path), "-p", "2022-03-25",
                           "-f", "jsonl", "-o", str(link)], capture_output=True, timeout=60)
    got, _ = reader.communicate(timeout=30)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["value"] for line in got.decode().splitlines()][-1] == "2020"
    assert link.is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "out.txt", "pipe"]


def test_output_to_the_process_stdout_appends_to_what_the_shell_opened(tmp_path: Path) -> None:
    # /proc/self/fd/1 rather than /dev/stdout: a regression must not be able to replace /dev.
    out = tmp_path / "out.txt"
    out.write_text("first line\n")
    with open(out, "ab") as f:
        done = subprocess.run([*FACTSHEET, "dates", article(tmp_path), "-p", "2022-03-25",
                               "-f", "text", "-o", "/proc/self/fd/1"], stdout=f,
                              stderr=subprocess.PIPE, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = out.read_text().splitlines()
    assert lines[0] == "first line" and lines[-1].endswith("\tسنة 2020")


def test_output_to_a_socket_is_refused(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        result = dates(article(tmp_path), "-f", "json", "-o", str(path))
    finally:
        server.close()
    assert result.exit_code == ExitCode.INPUT
    assert "is a socket" in one_error_line(result.stderr)
