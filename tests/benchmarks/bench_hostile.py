"""Hostile input benchmark: time grows linearly with size, memory stays flat when streaming.

Not collected by pytest. Run: ``python tests/benchmarks/bench_hostile.py [--quick]``.

1. Adversarial repetitions (``من 1 إلى `` …, long digit runs, month names without
   separators…) at 1×, 4× and 16× a base size: seconds, characters per second, and the
   growth factor ``t(16×) / (16 · t(1×))`` (about 1 when linear; 16 would be quadratic).
2. ``factsheet dates FILE --format jsonl`` on generated news-like files of growing size, read
   in overlapping windows: wall time and peak memory (max RSS) of the process.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from factsheet import find_dates

ADVERSARIAL = {
    "من 1 إلى ×n": "من 1 إلى ",
    "digit run": "7",
    "Arabic-Indic digits": "٣",
    "months glued": "ماييونيويناير",
    "month+year glued": "يناير2022",
    "slashes": "17/",
    "day month repeated": "17 ماي ",
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


def time_once(text: str) -> float:
    t0 = time.perf_counter()
    find_dates(text)
    return time.perf_counter() - t0


def adversarial(base: int) -> None:
    find_dates(SENTENCE)  # compile the rules once, outside the timings
    print(f"## adversarial repetitions (base {base:,} characters)\n")
    print(f"{'input':<22}{'1x s':>9}{'4x s':>9}{'16x s':>9}{'chars/s at 16x':>17}{'growth':>9}")
    for name, unit in ADVERSARIAL.items():
        times = []
        for factor in (1, 4, 16):
            text = unit * (base * factor // len(unit))
            times.append(min(time_once(text) for _ in range(2 if factor < 16 else 1)))
        size16 = len(unit) * (base * 16 // len(unit))
        growth = times[2] / (16 * times[0]) if times[0] > 0 else float("nan")
        print(f"{name:<22}{times[0]:>9.3f}{times[1]:>9.3f}{times[2]:>9.3f}"
              f"{size16 / times[2]:>17,.0f}{growth:>9.2f}")
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
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs\n")
    adversarial(2_000 if args.quick else 25_000)
    streaming([1, 4] if args.quick else [2, 8, 32])


if __name__ == "__main__":
    main()
