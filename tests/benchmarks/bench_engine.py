"""Benchmark of the date engine: throughput, linear growth, dateparser, cold start.

    python tests/benchmarks/bench_engine.py            # about 1 MB of text; ~1 minute
    python tests/benchmarks/bench_engine.py --dateparser-chars 20000 --base 65536 --runs 1
    python tests/benchmarks/bench_engine.py --process --text-dir ../shared/eval/articles

Prints one table. All text is generated from our own templates (``newsgen.py``).

* throughput of :func:`factsheet.find_dates` on one core, in characters per second, over the
  whole text at once and article by article;
* time at 1×, 4× and 16× a base size (one call each): it must grow linearly;
* ``dateparser.search.search_dates(text, languages=["ar"])`` on a slice, in the same run
  (it is far slower: a slice keeps the run short), and the speed ratio (goal: ≥ 30×);
* cold start of ``python -m factsheet dates FILE --format json``, median of 5 (goal: < 0.2 s).

With ``--process``, the whole command instead: the installed console script
``factsheet dates FILE --format json`` on about 1.7 M characters (``--chars``), as a user
runs it (start-up, reading, the engine in windows, JSON written to a file), best of 3, beside
``search_dates`` on the same text in the same run, and the engine alone on it; wall-clock
and CPU-time ratios (CPU time is what the shared machine's load disturbs least); then the
script's cold start on one article, median of 20, and with an empty regex cache.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsgen import news_text

from factsheet import find_dates

PUBLISHED = "2022-03-25"


def best_of(runs: int, fn: Callable[[], object]) -> tuple[float, object]:
    """The fastest of ``runs`` timings (the least disturbed by other processes)."""
    best = float("inf")
    result: object = None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def pin_one_core() -> str:
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        return "pinned to one core"
    except (AttributeError, OSError):
        return "not pinned"


def cold_start(file: str, runs: int = 5, script: str | None = None,
               empty_cache: bool = False) -> list[float]:
    """Wall times of ``runs`` fresh ``python -m factsheet dates FILE --format json`` (or
    ``script dates …``); with ``empty_cache`` each run starts with an empty regex cache."""
    command = [script] if script else [sys.executable, "-m", "factsheet"]
    cmd = [*command, "dates", file, "--format", "json"]
    times = []
    for _ in range(runs + 1):  # the first run warms the file cache and .pyc files
        with tempfile.TemporaryDirectory() as cache:
            env = {**os.environ, "FACTSHEET_CACHE_DIR": cache} if empty_cache else None
            t0 = time.perf_counter()
            done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  text=True, check=False, env=env)
            times.append(time.perf_counter() - t0)
        if done.returncode != 0:
            last = done.stderr.strip().splitlines()[-1:] or ["no message"]
            raise RuntimeError(f"exit {done.returncode}: {last[0]}")
    return times[1:]


def ms(times: list[float]) -> str:
    return (f"median {statistics.median(times) * 1000:.0f} ms (min {min(times) * 1000:.0f}, "
            f"max {max(times) * 1000:.0f}, {len(times)} runs)")


def folder_text(folder: Path, chars: int) -> str:
    """About ``chars`` characters of real articles: the folder's ``*.txt`` files, in name
    order, repeated as needed (nothing is copied into the project)."""
    articles = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not articles:
        raise SystemExit(f"bench_engine: no *.txt in {folder}")
    out: list[str] = []
    total = 0
    while total < chars:
        for a in articles:
            out.append(a)
            total += len(a) + 2
            if total >= chars:
                break
    return "\n\n".join(out)


def best_of_cpu(runs: int, fn: Callable[[], object]) -> tuple[float, float, object]:
    """The fastest wall time and the smallest CPU time (this process) of ``runs`` calls."""
    wall = cpu = float("inf")
    result: object = None
    for _ in range(runs):
        c0, t0 = time.process_time(), time.perf_counter()
        result = fn()
        wall = min(wall, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu, result


def console_script(given: str | None) -> str:
    """The installed ``factsheet`` script: ``given``, the one beside this Python, or PATH's."""
    if given:
        return given
    beside = Path(sys.executable).parent / "factsheet"
    found = str(beside) if beside.exists() else shutil.which("factsheet")
    if not found:
        raise SystemExit("bench_engine: no factsheet console script; install factsheet or "
                         "pass --script")
    return found


def run_process(cmd: list[str], out: Path) -> tuple[float, float]:
    """Wall and CPU time (user + system) of one run of ``cmd``, stdout written to ``out``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with out.open("wb") as sink:
        done = subprocess.run(cmd, stdout=sink, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"bench_engine: {' '.join(cmd)}: exit {done.returncode}: "
                         f"{done.stderr.decode(errors='replace').strip()[-300:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def whole_process(args: argparse.Namespace, text: str, rows: list[tuple[str, str]]) -> None:
    """The installed command on the whole text, beside dateparser and the engine alone."""
    script = console_script(args.script)
    with tempfile.TemporaryDirectory() as tmp:
        article, quarter, out = Path(tmp) / "news.txt", Path(tmp) / "quarter.txt", Path(tmp) / "o"
        article.write_text(text, encoding="utf-8")
        quarter.write_text(text[: len(text) // 4], encoding="utf-8")
        cmd = [script, "dates", str(article), "--format", "json", "--published", PUBLISHED]
        run_process(cmd, out)  # warm the file cache, .pyc files and the regex cache
        timings = [run_process(cmd, out) for _ in range(args.runs)]
        wall, cpu = min(t[0] for t in timings), min(t[1] for t in timings)
        found = len(json.loads(out.read_text(encoding="utf-8"))["dates"])
        small = [run_process([*cmd[:2], str(quarter), *cmd[3:]], out) for _ in range(args.runs)]
        small_wall = min(t[0] for t in small)
        first = text.split("\n\n")[0]
        article.write_text(first, encoding="utf-8")
        start = cold_start(str(article), 20, script)
        empty = cold_start(str(article), 5, script, empty_cache=True)
    rows.append((f"factsheet dates FILE --format json ({Path(script).name}, whole process)",
                 f"{len(text) / wall:,.0f} chars/s ({wall:.2f} s wall, {cpu:.2f} s CPU, "
                 f"{found:,} mentions)"))
    rows.append(("… on the first quarter of the text", f"{small_wall:.2f} s wall (the whole "
                 f"text takes {wall / small_wall:.1f}× as long: linear, plus start-up)"))
    rows.append((f"cold start, dates ARTICLE --format json ({len(first):,} chars; goal < 200 ms)",
                 ms(start)))
    rows.append(("… with an empty regex cache (FACTSHEET_CACHE_DIR=empty folder)", ms(empty)))

    find_dates("اليوم", PUBLISHED)
    e_wall, e_cpu, _ = best_of_cpu(args.runs, lambda: find_dates(text, PUBLISHED))
    rows.append(("find_dates alone, the same text",
                 f"{len(text) / e_wall:,.0f} chars/s ({e_wall:.2f} s wall, {e_cpu:.2f} s CPU)"))

    if not args.dateparser_chars:
        return
    from dateparser.search import search_dates

    sample = text if args.dateparser_chars >= len(text) else text[: args.dateparser_chars]
    search_dates("وصل الوفد يوم 3 مارس 2021", languages=["ar"])  # load its tables first
    d_wall, d_cpu, results = best_of_cpu(args.runs,
                                         lambda: search_dates(sample, languages=["ar"]))
    d_rate, d_cpu_rate = len(sample) / d_wall, len(sample) / d_cpu
    n_results = len(results) if isinstance(results, list) else 0
    rows.append((f"dateparser search_dates, {len(sample):,} chars (in process)",
                 f"{d_rate:,.0f} chars/s ({d_wall:.1f} s wall, {d_cpu:.1f} s CPU, "
                 f"{n_results:,} results)"))
    rows.append(("speed ratio, whole process : dateparser (goal ≥ 30×)",
                 f"{len(text) / wall / d_rate:,.1f}× wall, "
                 f"{len(text) / cpu / d_cpu_rate:,.1f}× CPU"))
    rows.append(("speed ratio, engine alone : dateparser (goal ≥ 45×)",
                 f"{len(text) / e_wall / d_rate:,.1f}× wall, "
                 f"{len(text) / e_cpu / d_cpu_rate:,.1f}× CPU"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chars", type=int, default=None,
                        help="size of the main text (default 1,000,000; --process: 1,700,000)")
    parser.add_argument("--base", type=int, default=65_536, help="base size of the growth test")
    parser.add_argument("--dateparser-chars", type=int, default=None,
                        help="size of the slice given to dateparser (default 200,000; "
                             "--process: the whole text; 0: skip it)")
    parser.add_argument("--text-dir", type=Path, default=None,
                        help="build the text from the *.txt articles of this folder, read at "
                             "run time (e.g. ../shared/eval/articles) instead of generating it")
    parser.add_argument("--runs", type=int, default=3, help="timings per measure (best kept)")
    parser.add_argument("--process", action="store_true",
                        help="time the whole command (the installed console script) on "
                             "--chars (default 1,700,000) characters, beside dateparser on "
                             "the same text (--dateparser-chars: default all of it)")
    parser.add_argument("--script", default=None,
                        help="the factsheet console script to run (default: the one "
                             "installed beside this Python, else on PATH)")
    args = parser.parse_args()
    if args.chars is None:
        args.chars = 1_700_000 if args.process else 1_000_000

    pinned = pin_one_core()
    text = folder_text(args.text_dir, args.chars) if args.text_dir else news_text(args.chars)
    if args.dateparser_chars is None:
        args.dateparser_chars = len(text) if args.process else 200_000
    find_dates("اليوم", PUBLISHED)  # load the tables: not part of the throughput
    rows: list[tuple[str, str]] = []
    print(f"text: {len(text):,} characters ({len(text.encode()) / 1e6:.2f} MB UTF-8), "
          f"{pinned}, load average {os.getloadavg()[0]:.1f}", file=sys.stderr)
    if args.process:
        whole_process(args, text, rows)
        print_rows(rows)
        print(f"load average at the end: {os.getloadavg()[0]:.1f}", file=sys.stderr)
        return 0

    seconds, mentions = best_of(args.runs, lambda: find_dates(text, PUBLISHED))
    assert isinstance(mentions, list)
    engine_rate = len(text) / seconds
    rows.append(("find_dates, whole text at once",
                 f"{engine_rate:,.0f} chars/s ({seconds:.2f} s, {len(mentions):,} mentions)"))

    articles = text.split("\n\n")
    seconds, _ = best_of(args.runs, lambda: [find_dates(a, PUBLISHED) for a in articles])
    rows.append((f"find_dates, {len(articles):,} paragraphs one by one",
                 f"{len(text) / seconds:,.0f} chars/s"))

    growth = []
    for factor in (1, 4, 16):
        part = text[: args.base * factor] if args.text_dir else news_text(args.base * factor)
        seconds, _ = best_of(args.runs, lambda part=part: find_dates(part, PUBLISHED))  # type: ignore[misc]
        growth.append((factor, seconds))
    base_time = growth[0][1]
    for factor, seconds in growth:
        rows.append((f"growth: {factor:>2}× {args.base:,} chars",
                     f"{seconds * 1000:8.1f} ms  ({seconds / base_time:5.1f}× the 1× time)"))

    if args.dateparser_chars:
        from dateparser.search import search_dates

        sample = text[:args.dateparser_chars]
        search_dates("وصل الوفد يوم 3 مارس 2021", languages=["ar"])  # load its tables first
        seconds, found = best_of(args.runs, lambda: search_dates(sample, languages=["ar"]))
        dp_rate = len(sample) / seconds
        rows.append((f"dateparser search_dates, {len(sample):,} chars",
                     f"{dp_rate:,.0f} chars/s ({seconds:.1f} s, {len(found or [])} results)"))
        seconds, _ = best_of(args.runs, lambda: find_dates(sample, PUBLISHED))
        slice_rate = len(sample) / seconds
        rows.append(("find_dates on the same slice", f"{slice_rate:,.0f} chars/s"))
        rows.append(("speed ratio on the slice (goal ≥ 30×)", f"{slice_rate / dp_rate:,.1f}×"))
        rows.append(("speed ratio, whole text vs slice", f"{engine_rate / dp_rate:,.1f}×"))

    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "article.txt"
        article.write_text(articles[0], encoding="utf-8")
        try:
            times = cold_start(str(article))
        except RuntimeError as exc:
            rows.append(("cold start, dates FILE --format json", f"failed: {exc}"))
        else:
            rows.append(("cold start, dates FILE --format json",
                         f"median {statistics.median(times) * 1000:.0f} ms (goal < 200 ms; "
                         f"min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})"))

    print_rows(rows)
    return 0


def print_rows(rows: list[tuple[str, str]]) -> None:
    width = max(len(name) for name, _ in rows)
    print(f"{'measure':<{width}}  result")
    print(f"{'-' * width}  {'-' * 50}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    sys.exit(main())
