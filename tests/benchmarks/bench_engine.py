"""Benchmark of the date engine: throughput, linear growth, dateparser, cold start.

    python tests/benchmarks/bench_engine.py            # about 1 MB of text; ~1 minute
    python tests/benchmarks/bench_engine.py --dateparser-chars 20000 --base 65536 --runs 1

Prints one table. All text is generated from our own templates (``newsgen.py``).

* throughput of :func:`factsheet.find_dates` on one core, in characters per second, over the
  whole text at once and article by article;
* time at 1×, 4× and 16× a base size (one call each): it must grow linearly;
* ``dateparser.search.search_dates(text, languages=["ar"])`` on a slice, in the same run
  (it is far slower: a slice keeps the run short), and the speed ratio (goal: ≥ 30×);
* cold start of ``python -m factsheet dates FILE --format json``, median of 5 (goal: < 0.3 s).
"""

from __future__ import annotations

import argparse
import os
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


def cold_start(file: str, runs: int = 5) -> list[float]:
    """Wall times of ``runs`` fresh ``python -m factsheet dates FILE --format json``."""
    cmd = [sys.executable, "-m", "factsheet", "dates", file, "--format", "json"]
    times = []
    for _ in range(runs + 1):  # the first run warms the file cache and .pyc files
        t0 = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True, check=False)
        times.append(time.perf_counter() - t0)
        if done.returncode != 0:
            last = done.stderr.strip().splitlines()[-1:] or ["no message"]
            raise RuntimeError(f"exit {done.returncode}: {last[0]}")
    return times[1:]


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chars", type=int, default=1_000_000, help="size of the main text")
    parser.add_argument("--base", type=int, default=65_536, help="base size of the growth test")
    parser.add_argument("--dateparser-chars", type=int, default=200_000,
                        help="size of the slice given to dateparser (0: skip it)")
    parser.add_argument("--text-dir", type=Path, default=None,
                        help="build the text from the *.txt articles of this folder, read at "
                             "run time (e.g. ../shared/eval/articles) instead of generating it")
    parser.add_argument("--runs", type=int, default=3, help="timings per measure (best kept)")
    args = parser.parse_args()

    pinned = pin_one_core()
    text = folder_text(args.text_dir, args.chars) if args.text_dir else news_text(args.chars)
    find_dates("اليوم", PUBLISHED)  # load the tables: not part of the throughput
    rows: list[tuple[str, str]] = []
    print(f"text: {len(text):,} characters ({len(text.encode()) / 1e6:.2f} MB UTF-8), "
          f"{pinned}", file=sys.stderr)

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
                         f"median {statistics.median(times) * 1000:.0f} ms (goal < 300 ms; "
                         f"min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})"))

    width = max(len(name) for name, _ in rows)
    print(f"{'measure':<{width}}  result")
    print(f"{'-' * width}  {'-' * 50}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
