"""Hostile input benchmark: time grows linearly with size, memory stays flat when streaming.

Not collected by pytest. Run: ``python tests/benchmarks/bench_hostile.py [--quick]``.

1. Every family of adversarial input (issue 14 and the first round: ``17 و`` × n, spaces,
   ``17 ماي 2022`` × n, long digit runs, glued month names …) at 16 KB, 64 KB and 256 KB of
   UTF-8, through the real commands ``factsheet dates FILE -f jsonl``, ``factsheet sheet FILE
   -f json`` (both without ``-p``: the publication date is inferred) and ``factsheet convert
   TEXT``. Each family and command runs in a child process, timed inside it in CPU seconds
   (no start-up cost; other programs on the machine disturb CPU time less than wall time),
   after a first run on one unit of the family, with a budget per run: a run over it stops
   the larger sizes (``>60``). The growth ``t(256 KB) / (16 · t(16 KB))`` is about 1 when
   linear; 16 would be quadratic.
2. ``factsheet dates FILE --format jsonl`` on generated news-like files of growing size, read
   in overlapping windows: wall time and peak memory (max RSS) of the process.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

FAMILIES: dict[str, str | tuple[str, str, str]] = {
    # issue 14, item 2: chains of neighbours composed from every start
    "17 و": "17 و",
    "2020 و": "2020 و",
    "ماي و": "ماي و",
    "الجمعة و": "الجمعة و",
    "17 - ": "17 - ",
    "17، ": "17، ",
    "10:30 و": "10:30 و",
    # item 3 (publication-date inference)
    "offset to a dated forum": "قبل 5 أيام من المنتدى في 17 ماي 2022. ",
    # item 4 (convert): a digit, spaces, a letter
    "1, spaces, x": ("1", " ", "x"),
    # item 5: fact sheets
    "spaces": " ",
    "17 ماي 2022 ": "17 ماي 2022 ",
    "a place and a year": "في الرباط عام 2018 ",
    "acronym and a date": "المنتدى الدولي للهجرة (IMRF) في 17 ماي 2022 ",
    "the article's event": "هذا الاجتماع في الرباط اليوم. ",
    "today": "اليوم ",
    # the first round
    "من 1 إلى ×n": "من 1 إلى ",
    "digit run": "7",
    "Arabic-Indic digits": "٣",
    "months glued": "ماييونيويناير",
    "month+year glued": "يناير2022",
    "slashes": "17/",
    "range chain": "من 17 إلى 20 ماي 2022 و",
    "offset chain": "قبل 50 يوما من ",
    "Hijri markers": "1443هـ ",
    "clock-like": "10:",
    "brackets": "((((",
}

SENTENCE = (
    "وأعلنت الوزارة يوم الثلاثاء 17 ماي 2022 أن المعرض سيقام من 20 إلى 25 يونيو المقبل، "
    "بعد أن ألغيت دورة سنة 2020، وذلك قبل 50 يوما من الموعد المحدد في 5 شوال 1443هـ. "
)

COMMANDS = {
    "dates": ["dates", "{file}", "-f", "jsonl"],
    "sheet": ["sheet", "{file}", "-f", "json"],
    "convert": ["convert", "{text}"],
}

# One family, one command, every size: prints "size seconds exit-code" as each run ends.
_GROWTH_CHILD = """
import io, json, os, sys, tempfile, time
from factsheet.cli.app import app
from factsheet import find_dates
(prefix, unit, suffix), command, sizes = json.loads(sys.argv[1])
find_dates("من 17 إلى 20 ماي 2022")  # the tables, outside the timings
class Sink(io.TextIOBase):
    def write(self, s): return len(s)
for size in [0, *sizes]:  # a first run of one unit loads what the command needs
    n = max(1, (size - len((prefix + suffix).encode())) // len(unit.encode()))
    text = prefix + unit * n + suffix
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(text)
    args = [a.replace("{file}", f.name) if a != "{text}" else text for a in command]
    sys.stdout = Sink()
    t0 = time.process_time()
    try:
        app(args)
        code = 0
    except SystemExit as e:
        code = e.code or 0
    elapsed = time.process_time() - t0
    sys.stdout = sys.__stdout__
    os.unlink(f.name)
    if size:
        print(size, elapsed, code, flush=True)
"""


def _lines_within(
    proc: subprocess.Popen[bytes], budget: float
) -> Iterator[tuple[int, float, int]]:
    """The child's ``size seconds code`` lines, each awaited at most ``budget`` seconds
    (startup included in the first)."""
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    pending = b""
    deadline = time.monotonic() + budget + 5
    while True:
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            size, elapsed, code = line.split()
            yield int(size), float(elapsed), int(code)
            deadline = time.monotonic() + budget
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            return  # over budget
        data = os.read(fd, 4096)
        if not data:
            return
        pending += data


def growth(sizes_kb: list[int], budget: float, commands: list[str]) -> None:
    sizes = [kb * 1024 for kb in sizes_kb]
    heads = "".join(f"{f'{kb} KB s':>10}" for kb in sizes_kb)
    for command in commands:
        print(f"## `factsheet {' '.join(COMMANDS[command]).format(file='FILE', text='TEXT')}`"
              f": CPU seconds (budget {budget:.0f} s a run)\n")
        print(f"{'input':<28}{heads}{'growth':>9}{'exit':>6}")
        for name, unit in FAMILIES.items():
            spec = unit if isinstance(unit, tuple) else ("", unit, "")
            arg = json.dumps([spec, COMMANDS[command], sizes])
            times: dict[int, float] = {}
            codes: set[int] = set()
            proc = subprocess.Popen([sys.executable, "-c", _GROWTH_CHILD, arg],
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            try:
                for size, elapsed, code in _lines_within(proc, budget):
                    times[size] = elapsed
                    codes.add(code)
                    if elapsed > budget:
                        break
            finally:
                proc.kill()
                proc.wait()
            cells = "".join(f"{times[s]:>10.3f}" if s in times else f"{f'>{budget:.0f}':>10}"
                            for s in sizes)
            lo, hi = times.get(sizes[0]), times.get(sizes[-1])
            ratio = f"{hi / (lo * sizes[-1] / sizes[0]):>9.2f}" if lo and hi else f"{'-':>9}"
            print(f"{name:<28}{cells}{ratio}{','.join(map(str, sorted(codes))):>6}", flush=True)
        print()


def streaming(sizes_mb: list[int]) -> None:
    print("## streaming `factsheet dates FILE --format jsonl`"
          " (256K-character windows, 2K overlap)\n")
    print(f"{'size MB':>8}{'seconds':>10}{'MB/s':>8}{'peak RSS MB':>13}{'mentions':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in sizes_mb:
            path = Path(tmp) / f"news_{mb}mb.txt"
            unit = SENTENCE.encode()
            with path.open("wb") as f:
                for _ in range(mb * (1 << 20) // len(unit)):
                    f.write(unit)
            t0 = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-c", _CHILD, str(path)],
                capture_output=True, text=True, check=True,
            )
            elapsed = time.perf_counter() - t0
            mentions, rss_kb = map(int, proc.stdout.split())
            print(f"{mb:>8}{elapsed:>10.1f}{mb / elapsed:>8.2f}{rss_kb / 1024:>13.0f}"
                  f"{mentions:>10,}")
            path.unlink()
    print()


# The child runs the real command with stdout counted, then prints its own peak RSS.
_CHILD = """
import io, resource, sys
from factsheet.cli.app import app
class Count(io.TextIOBase):
    n = 0
    def write(self, s):
        self.n += s.count("\\n"); return len(s)
out = Count()
sys.stdout = out
try:
    app(["dates", sys.argv[1], "--format", "jsonl", "--published", "2022-03-25"])
except SystemExit as e:
    assert not e.code, e.code
sys.stdout = sys.__stdout__
print(out.n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (a smoke run)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[16, 64, 256], metavar="KB")
    parser.add_argument("--budget", type=float, default=60.0, metavar="SECONDS",
                        help="most seconds for one run; larger sizes are skipped past it")
    parser.add_argument("--commands", nargs="+", default=list(COMMANDS), choices=COMMANDS)
    parser.add_argument("--no-streaming", action="store_true")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs\n")
    growth([2, 8, 32] if args.quick else args.sizes, args.budget, args.commands)
    if not args.no_streaming:
        streaming([1, 4] if args.quick else [2, 8, 32])


if __name__ == "__main__":
    main()
