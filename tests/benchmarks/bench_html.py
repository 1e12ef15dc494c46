"""HTML fact sheet benchmark: a hostile article of up to 10,000 dates, page time and size.

Not collected by pytest. Run: ``python tests/benchmarks/bench_html.py [--validate]``.

The article repeats a piece of markup, a script, bidi overrides, control characters and one
date (``tests/test_html.py``'s ``HOSTILE_UNIT``) at 1×, 4× and 16× a base count (625, so
10,000 dates at 16×). For each size: the time to render the page (best of ``--runs``, the
engine's mentions computed once beforehand), the page's size, and the growth factor
``t(16×) / (16 · t(1×))`` (about 1 when linear). With ``--validate``, html5lib parses the
largest page and any parse error is printed (it takes about half a minute).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from test_html import hostile_sheet

from factsheet.render.html import sheet_html
from factsheet.render.sheet_common import Style


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=625, help="dates at 1× (default 625)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--validate", action="store_true", help="html5lib on the largest page")
    args = parser.parse_args(argv)
    times: dict[int, float] = {}
    page = ""
    print("| dates | render (s) | page (MB) | dates/s |")
    print("| --- | --- | --- | --- |")
    for factor in (1, 4, 16):
        sheet = hostile_sheet(args.base * factor)
        best = float("inf")
        for _ in range(args.runs):
            start = time.perf_counter()
            page = sheet_html(sheet, Style("ar"), dt.date(2022, 6, 1))
            best = min(best, time.perf_counter() - start)
        times[factor] = best
        n = len(sheet.dates)
        print(f"| {n:,} | {best:.2f} | {len(page.encode()) / 1e6:.1f} | {n / best:,.0f} |")
    print(f"growth t(16×) / (16 · t(1×)) = {times[16] / (16 * times[1]):.2f}")
    if args.validate:
        import html5lib

        start = time.perf_counter()
        html = html5lib.HTMLParser()
        html.parse(page)
        print(f"html5lib: {len(html.errors)} parse errors in {time.perf_counter() - start:.1f} s")
        for error in html.errors[:10]:
            print("  ", error)
        return 1 if html.errors else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
