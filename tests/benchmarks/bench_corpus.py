"""Benchmark of corpus processing: articles per second with 1 and 2 jobs, and peak memory.

    python tests/benchmarks/bench_corpus.py                 # 10,000 generated articles
    python tests/benchmarks/bench_corpus.py --articles 2000 --jobs 2 --chunksize 1 16 64

Generates a corpus of small articles (our own templates, ``newsgen.py``) in a temporary
folder, 100 per sub-folder, then runs each configuration in a fresh process, the way the
command line does (``factsheet dates FOLDER --jobs N``, through its own code, with the
output sent to /dev/null). Peak memory is ``ru_maxrss`` of that process and of
its largest worker; CPU seconds (user + system) are shown too, since wall time depends on
what else the machine is doing. A second, four-times smaller run shows that memory does
not grow with the number of articles.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsgen import article

PUBLISHED = "2022-03-25"


def make_corpus(folder: Path, n: int, seed: int = 7) -> int:
    """Write ``n`` small articles (4 to 10 sentences); return their total size in characters."""
    rng = random.Random(seed)
    total = 0
    for i in range(n):
        sub = folder / f"{i // 100:04d}"
        if i % 100 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        text = article(rng, rng.randint(4, 10))
        (sub / f"{i:06d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    return total


def measure(folder: str, jobs: int, chunksize: int, limit: int | None) -> dict[str, float]:
    """Run ``factsheet dates FOLDER --jobs N`` in this process (the command's own code path,
    output to /dev/null); timings and peak memory of this process and its workers."""
    import contextlib

    from factsheet.cli import corpus_opts
    from factsheet.sources.corpus import iter_folder

    paths = [folder]
    if limit is not None:  # the first sub-folders (100 articles each)
        paths = sorted(str(p) for p in Path(folder).iterdir() if p.is_dir())[:max(1, limit // 100)]
    options = corpus_opts.CorpusOptions(jobs=jobs, chunksize=chunksize, progress=False)
    worker = corpus_opts.dates_worker(PUBLISHED)
    t0 = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as out, contextlib.redirect_stdout(out):
        code = corpus_opts.run_corpus(paths, worker, options)
    seconds = time.perf_counter() - t0
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    kib = 1024 if sys.platform != "darwin" else 1  # ru_maxrss is KiB on Linux, bytes on macOS
    return {
        "articles": sum(1 for p in paths for _ in iter_folder(p)), "exit": code,
        "seconds": seconds,
        "self_cpu": me.ru_utime + me.ru_stime, "child_cpu": kids.ru_utime + kids.ru_stime,
        "self_mb": me.ru_maxrss * kib / 2**20, "child_mb": kids.ru_maxrss * kib / 2**20,
    }


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_parallelism(jobs: int, n: int = 2_000_000, rounds: int = 3) -> float:
    """How much faster ``jobs`` CPU-bound processes finish ``jobs`` equal tasks than one
    process does them in turn (best of ``rounds`` each): ``jobs`` on an idle machine, less
    when other programs run."""
    from concurrent.futures import ProcessPoolExecutor

    serial = parallel = float("inf")
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_burn, [1] * jobs))  # start the workers first
        for _ in range(rounds):
            t0 = time.perf_counter()
            for _ in range(jobs):
                _burn(n)
            serial = min(serial, time.perf_counter() - t0)
            t0 = time.perf_counter()
            list(pool.map(_burn, [n] * jobs))
            parallel = min(parallel, time.perf_counter() - t0)
    return serial / parallel


def run_fresh(folder: str, jobs: int, chunksize: int, limit: int | None) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--measure", folder, "--jobs", str(jobs),
           "--chunksize", str(chunksize)]
    if limit is not None:
        cmd += ["--limit", str(limit)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--chunksize", type=int, nargs="+", default=[64])
    parser.add_argument("--corpus", help="use this folder instead of a generated corpus")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure:
        print(json.dumps(measure(args.measure, args.jobs[0], args.chunksize[0], args.limit)))
        return 0

    with tempfile.TemporaryDirectory(prefix="factsheet-bench-") as tmp:
        folder = args.corpus or tmp
        if not args.corpus:
            t0 = time.perf_counter()
            chars = make_corpus(Path(tmp), args.articles)
            print(f"corpus: {args.articles:,} articles, {chars:,} characters "
                  f"(avg {chars // args.articles:,}), written in {time.perf_counter() - t0:.1f} s",
                  file=sys.stderr)
        runs = [(jobs, chunk, None) for chunk in args.chunksize for jobs in args.jobs]
        runs.append((max(args.jobs), args.chunksize[0], max(1, args.articles // 4)))
        print(f"{'articles':>8} {'jobs':>4} {'chunk':>5} {'seconds':>8} {'articles/s':>10} "
              f"{'speed-up':>8} {'CPU s main':>10} {'CPU s workers':>13} "
              f"{'peak MB main':>12} {'peak MB worker':>14}")
        single: float | None = None
        single_cpu: float | None = None
        notes = []
        for jobs, chunk, limit in runs:
            r = run_fresh(folder, jobs, chunk, limit)
            rate = r["articles"] / r["seconds"]
            if jobs == 1 and limit is None and single is None:
                single, single_cpu = rate, r["self_cpu"]
            elif single_cpu and limit is None:
                bound = single_cpu / max(r["self_cpu"], r["child_cpu"] / jobs)
                notes.append(f"{jobs} jobs: CPU times allow {bound:.2f}× on {jobs} free cores")
            speedup = f"{rate / single:.2f}×" if single else "-"
            worker = f"{r['child_mb']:.0f}" if jobs > 1 else "-"
            workers_cpu = f"{r['child_cpu']:.1f}" if jobs > 1 else "-"
            print(f"{r['articles']:>8,.0f} {jobs:>4} {chunk:>5} {r['seconds']:>8.2f} "
                  f"{rate:>10,.0f} {speedup:>8} {r['self_cpu']:>10.1f} {workers_cpu:>13} "
                  f"{r['self_mb']:>12.0f} {worker:>14}")
            if r["exit"]:
                print(f"  (exit code {r['exit']:.0f}: some articles failed)", file=sys.stderr)
        for note in notes:
            print(note)
        for jobs in sorted(set(args.jobs) - {1}):
            print(f"machine: {jobs} CPU-bound processes ran {machine_parallelism(jobs):.2f}× "
                  f"as fast as one (ideal {jobs:.1f}×; less means other programs were running)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
