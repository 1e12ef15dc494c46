"""The command as a person runs it in a terminal: stderr (and sometimes stdout) on a
pseudo-terminal, where progress bars are drawn. Data must land where it is sent."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

FACTSHEET = [sys.executable, "-m", "factsheet"]

ARTICLE = (
    "الرباط - أعلنت وزارة الثقافة أن الدورة المقبلة من المعرض ستقام من 17 إلى 20 ماي 2022، "
    "بعد أن ألغيت دورة سنة 2020 بسبب الجائحة.\n"
)


class Screen:
    """A pseudo-terminal and everything written to it."""

    def __init__(self) -> None:
        self.master, self.slave = pty.openpty()
        self._chunks: list[bytes] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            self._chunks.append(data)

    def run(self, args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        env = {**os.environ, "COLUMNS": "100", "TERM": "xterm-256color"}
        env.pop("NO_COLOR", None)
        done = subprocess.run(args, env=env, timeout=120, **kwargs)  # type: ignore[call-overload]
        os.close(self.slave)
        self._reader.join(10)
        os.close(self.master)
        return done  # type: ignore[no-any-return]

    @property
    def text(self) -> str:
        return b"".join(self._chunks).decode("utf-8", "replace")


def corpus(tmp_path: Path, n: int = 3) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i}.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_corpus_records_go_to_a_redirected_stdout_while_the_bar_is_on_the_terminal(
    tmp_path: Path,
) -> None:
    screen = Screen()
    out = tmp_path / "out.jsonl"
    with open(out, "wb") as f:
        done = screen.run([*FACTSHEET, "dates", str(corpus(tmp_path)), "-p", "2022-03-25"],
                          stdout=f, stderr=screen.slave, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, screen.text
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [Path(r["id"]).name for r in records] == ["a0.txt", "a1.txt", "a2.txt"]
    assert all(r["dates"][-1]["value"] == "2020" for r in records)
    assert "articles" in screen.text  # the bar was drawn on the terminal …
    assert '"dates"' not in screen.text  # … and no data


def test_sheet_of_several_files_goes_to_a_pipe_while_the_bar_is_on_the_terminal(
    tmp_path: Path,
) -> None:
    folder = corpus(tmp_path, 2)
    screen = Screen()
    done = screen.run([*FACTSHEET, "sheet", *map(str, sorted(folder.iterdir())),
                       "-p", "2022-03-25"],
                      stdout=subprocess.PIPE, stderr=screen.slave, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, screen.text
    lines = done.stdout.decode().splitlines()
    assert len(lines) == 2 and all(json.loads(line)["sheet"]["events"] for line in lines)


def test_streamed_stdin_goes_to_a_redirected_stdout_while_the_bar_is_on_the_terminal(
    tmp_path: Path,
) -> None:
    # stdin's size is unknown, so the single-article bar is drawn whatever its length.
    screen = Screen()
    out = tmp_path / "out.jsonl"
    with open(out, "wb") as f:
        done = screen.run([*FACTSHEET, "dates", "-", "-p", "2022-03-25", "-f", "jsonl"],
                          input=(ARTICLE * 50).encode(), stdout=f, stderr=screen.slave)
    assert done.returncode == 0, screen.text
    values = [json.loads(line)["value"] for line in out.read_text().splitlines()]
    assert len(values) == 100 and values[-1] == "2020"
    assert "\x1b[" in screen.text and '"value"' not in screen.text  # a bar, no data


def test_records_on_the_terminal_are_whole_lines_and_no_bar_tears_them(tmp_path: Path) -> None:
    screen = Screen()
    done = screen.run([*FACTSHEET, "dates", str(corpus(tmp_path)), "-p", "2022-03-25"],
                      stdout=screen.slave, stderr=screen.slave, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, screen.text
    lines = screen.text.split("\r\n")  # the terminal turns each \n into \r\n
    assert [json.loads(line)["id"] for line in lines if line] == [
        str(tmp_path / "news" / f"a{i}.txt") for i in range(3)]
    assert "\x1b" not in screen.text  # no bar drawn over the data
