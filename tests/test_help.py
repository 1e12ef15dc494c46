"""Help text, ``--version``/``-V`` and shell completion, as a user meets them.

Help is read at 80 and 160 columns: no Python types (``<list[str]>``, ``<str>``), no
``{DATE}`` or ``[[FILE|-]]`` in usage lines, no description cut with ``...``. Completion is
driven through bash itself: the script ``--show-completion`` prints, installed by
``--install-completion``, and a real interactive bash completing ``factsheet da<TAB>``.
"""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import factsheet.dates.tag as _tag
from factsheet import __version__
from factsheet.cli.app import COMMANDS, app

COMPILED = "yes" if _tag.__file__.endswith(".so") else "no"
VERSION = f"factsheet {__version__} (compiled: {COMPILED})\n"
"""What ``-V`` prints: the version, and whether the engine module actually imported is a
compiled extension module."""

runner = CliRunner()
SCRIPTS = Path(sys.executable).parent
needs_bash = pytest.mark.skipif(shutil.which("bash") is None or
                                not (SCRIPTS / "factsheet").exists(),
                                reason="needs bash and the installed factsheet script")


def help_text(args: list[str], columns: int) -> str:
    result = runner.invoke(app, [*args, "--help"], prog_name="factsheet",
                           env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("columns", [80, 160])
@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_shows_no_python_types_and_cuts_nothing(command: str | None, columns: int) -> None:
    text = help_text([command] if command else [], columns)
    assert not re.search(r"<[a-z]+(\[[a-z]+\])?>", text), text  # <str>, <list[str]>, <int>
    assert "{" not in text.split("\n", 1)[0] and "[[" not in text, text
    for dots in re.finditer(r"\S*\.\.\.", text):  # a usage line, never a sentence
        assert dots.group() in ("PATH...", "[PATH]...", "[ARGS]...", "DATE..."), dots.group()
    assert max(len(line) for line in text.splitlines()) <= columns


def test_usage_lines_read_as_usual() -> None:
    usage = {name: help_text([name], 80).splitlines()[0] for name in COMMANDS}
    assert usage["dates"] == "Usage: factsheet dates [OPTIONS] [PATH]..."
    assert usage["summary"] == "Usage: factsheet summary [OPTIONS] [FILE|-]"
    assert usage["convert"] == "Usage: factsheet convert [OPTIONS] DATE..."
    arguments = help_text(["convert"], 80).split("Arguments:\n")[1]
    assert arguments.startswith("  DATE...  The date, quoted or not: 2022-05-17")


def test_the_command_list_gives_each_first_sentence_whole() -> None:
    text = help_text([], 80)
    listing = " ".join(text.split("Commands:")[1].split())
    assert ("sheet The fact sheet of an article: its date, events, people, organisations, "
            "places, quotes.") in listing
    assert "convert Convert a date between the Gregorian and Hijri (Umm al-Qura) calendars." \
        in listing


def test_convert_states_its_own_default_format() -> None:
    text = " ".join(help_text(["convert"], 100).split())
    assert "-f, --format FORMAT Output format: text (the default" in text
    assert "table" not in text
    result = runner.invoke(app, ["convert", "2022-05-17"])
    assert result.stdout.startswith("2022-05-17  Tuesday 17 May 2022  =  1443-10-16")


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    result = runner.invoke(app, [flag])
    assert result.exit_code == 0 and result.stdout == VERSION


def test_version_is_eager() -> None:
    """``-V`` wins over everything after it, even a command with a missing file."""
    result = runner.invoke(app, ["-V", "dates", "/no/such/file.txt"])
    assert result.exit_code == 0 and result.stdout == VERSION


def test_help_offers_completion() -> None:
    text = help_text([], 80)
    assert "--install-completion" in text and "--show-completion" in text


def complete(words: str, env: dict[str, str] | None = None) -> list[str]:
    """What ``factsheet`` answers to bash's completion request for ``words``."""
    parts = words.split(" ")
    done = subprocess.run(
        [sys.executable, "-m", "factsheet"], capture_output=True, text=True, timeout=60,
        env={**os.environ, **(env or {}), "_FACTSHEET_COMPLETE": "complete_bash",
             "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)})
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_completion_protocol_answers_commands_and_options() -> None:
    assert complete("factsheet da") == ["dates"]
    assert complete("factsheet s") == ["sheet", "summary"]
    assert complete("factsheet dates --fo") == ["--format"]
    assert "--as-of" in complete("factsheet countdown --")


def bash(script: str, home: Path) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in bash (the shell the completion is detected from) with HOME=home."""
    env = {**os.environ, "HOME": str(home), "PATH": f"{SCRIPTS}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(["bash", "--noprofile", "--norc", "-c", script + "\ntrue"],
                          capture_output=True, text=True, env=env, timeout=60)


@needs_bash
def test_show_completion_prints_a_bash_script_that_completes(tmp_path: Path) -> None:
    shown = bash("factsheet --show-completion", tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "complete -o default -F _factsheet_completion factsheet" in shown.stdout
    driven = bash('eval "$(factsheet --show-completion)"\n'
                  "complete -p factsheet\n"
                  "COMP_WORDS=(factsheet da); COMP_CWORD=1\n"
                  "_factsheet_completion factsheet da factsheet\n"
                  'printf "reply:%s\\n" "${COMPREPLY[@]}"', tmp_path)
    assert driven.stdout.splitlines() == [
        "complete -o default -F _factsheet_completion factsheet", "reply:dates"]


@needs_bash
def test_install_completion_writes_the_script_and_sources_it(tmp_path: Path) -> None:
    done = bash("factsheet --install-completion", tmp_path)
    assert done.returncode == 0, done.stderr
    script = tmp_path / ".bash_completions" / "factsheet.sh"
    assert "_FACTSHEET_COMPLETE=complete_bash" in script.read_text()
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text()


@needs_bash
def test_tab_completes_a_command_in_an_interactive_bash(tmp_path: Path) -> None:
    """A real bash on a pseudo-terminal, with the installed completion, completes
    ``factsheet da<TAB>`` to ``factsheet dates ``."""
    assert bash("factsheet --install-completion", tmp_path).returncode == 0
    master, slave = pty.openpty()
    env = {**os.environ, "HOME": str(tmp_path), "TERM": "dumb", "INPUTRC": os.devnull,
           "PS1": "$ ", "PATH": f"{SCRIPTS}{os.pathsep}{os.environ['PATH']}"}
    (tmp_path / ".bashrc").write_text((tmp_path / ".bashrc").read_text() + '\nPS1="$ "\n')
    shell = subprocess.Popen(["bash", "--noprofile", "-i"], stdin=slave, stdout=slave,
                             stderr=slave, env=env, start_new_session=True, cwd=tmp_path)
    os.close(slave)

    def read_until(marker: bytes, seconds: float = 30) -> bytes:
        seen = b""
        end = time.monotonic() + seconds
        while marker not in seen and time.monotonic() < end:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    seen += os.read(master, 4096)
                except OSError:
                    break
        return seen

    try:
        assert b"$ " in read_until(b"$ ")
        os.write(master, b"factsheet da\t")
        assert b"factsheet dates " in read_until(b"factsheet dates ")
    finally:
        os.write(master, b"\x15exit\n")
        try:
            shell.wait(timeout=10)
        except subprocess.TimeoutExpired:
            shell.kill()
        os.close(master)


def test_help_is_the_same_when_the_command_modules_were_imported_first() -> None:
    """Typer builds commands already registered when the app starts; ours are rebuilt."""
    import importlib

    for module in ("dates_cmd", "sheet_cmds"):
        importlib.import_module(f"factsheet.cli.{module}")
    assert "PATH...  Article files" in help_text(["dates"], 80)
    assert "Usage: factsheet summary [OPTIONS] [FILE|-]" in help_text(["summary"], 80)
