"""Find the dates of a whole corpus with Dask: a ``dask.bag`` of articles → JSON Lines.

    pip install 'factsheet[dask]'
    python examples/dask_corpus.py FOLDER OUT.jsonl                # a local Dask cluster
    python examples/dask_corpus.py news.jsonl OUT.jsonl --published 2022-03-25
    python examples/dask_corpus.py FOLDER OUT.jsonl --scheduler tcp://scheduler:8786

The work itself is :func:`factsheet.sources.corpus.process_article`, the same pure,
picklable function that ``factsheet dates --jobs N`` runs in local processes: Dask only ships
it to its workers.
Inputs are folders (files matching ``--glob``, recursively), article files, or JSON Lines files
(one ``{"id", "text", "published"?}`` object per line); a JSON Lines file is read by the
workers themselves in blocks, so the client never holds the corpus.

On a real cluster, start it as usual (``dask scheduler`` and ``dask worker`` on each node, or
a ``dask_jobqueue``/Kubernetes deployment), install factsheet on every worker, make the
inputs visible to them (a shared file system; JSON Lines may also be ``s3://…`` with s3fs)
and pass the scheduler address with ``--scheduler``. The output is written by the client,
partition by partition, in input order: one record per article, bad articles included
with their ``error``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from factsheet.sources.corpus import (
    DEFAULT_GLOB,
    Article,
    JsonLine,
    as_json_line,
    iter_folder,
    iter_jsonl,
    process_article,
)


def jsonl_articles(lines: Iterable[str], source: str, published: str | None) -> list[Article]:
    """The articles of one block of a JSON Lines file (runs on a worker)."""
    return list(iter_jsonl(lines, source, published))


def build_bag(
    inputs: list[str], *, glob: str, published: str | None, partition_size: int
) -> Any:
    """A bag of :class:`~factsheet.sources.corpus.JsonLine` (id, error, JSON line), one per article,
    in input order. The records are made and serialised on the workers."""
    import dask.bag as db

    bags = []
    files: list[Article] = []

    def flush() -> None:
        if files:
            bags.append(db.from_sequence(list(files), partition_size=partition_size))
            files.clear()

    for name in inputs:
        path = Path(name)
        if path.suffix.lower() in {".jsonl", ".ndjson"} or "://" in name:
            flush()
            lines = db.read_text(name, blocksize="16MiB", encoding="utf-8")
            bags.append(lines.map_partitions(jsonl_articles, name, published))
        elif path.is_dir():
            files.extend(Article(id=str(p), path=str(p)) for p in iter_folder(path, glob))
        else:
            files.append(Article(id=name, path=name))
    flush()
    if not bags:
        return db.from_sequence([], npartitions=1)
    bag = bags[0] if len(bags) == 1 else db.concat(bags)
    return bag.map(partial(as_json_line, partial(process_article, published=published)))


def write_in_order(bag: Any, out: TextIO, client: Any = None) -> int:
    """Compute the bag partition by partition and write its lines in order; return the
    number of records with an error. With a distributed client all partitions run in
    parallel and each is written (and released) as soon as those before it are done."""
    parts = bag.to_delayed()
    failed = 0

    def emit(lines: list[JsonLine]) -> None:
        nonlocal failed
        for item in lines:
            out.write(item.line + "\n")
            failed += item.error is not None

    if client is not None:
        futures = client.compute(parts)
        for future in futures:
            emit(future.result())
            future.release()
        return failed
    import dask

    batch = 8  # partitions computed at once by a local scheduler
    for i in range(0, len(parts), batch):
        for lines in dask.compute(*parts[i:i + batch]):
            emit(lines)
    return failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="folders, article files or JSON Lines files; the last is OUT")
    parser.add_argument("--glob", default=DEFAULT_GLOB, help="files to take in folders")
    parser.add_argument("--published", help="default publication date YYYY-MM-DD")
    parser.add_argument("--scheduler", default="local-cluster",
                        help="local-cluster (default), processes, threads, synchronous, "
                             "or the address of a running scheduler (tcp://host:8786)")
    parser.add_argument("--workers", type=int, default=2, help="workers of a local cluster")
    parser.add_argument("--partition-size", type=int, default=200,
                        help="articles per partition of a folder")
    args = parser.parse_args(argv)
    if len(args.inputs) < 2:
        parser.error("give at least one INPUT and the OUT.jsonl file")
    *inputs, out_name = args.inputs
    missing = [name for name in inputs if "://" not in name and not Path(name).exists()]
    if missing:
        print(f"error: no such file or folder: {missing[0]}", file=sys.stderr)
        return 2
    try:
        import dask
    except ImportError:
        print("error: Dask is not installed: pip install 'factsheet[dask]'", file=sys.stderr)
        return 2

    bag = build_bag(inputs, glob=args.glob, published=args.published,
                    partition_size=args.partition_size)
    with open(out_name, "w", encoding="utf-8") as out:
        if args.scheduler in {"processes", "threads", "synchronous"}:
            with dask.config.set(scheduler=args.scheduler):
                failed = write_in_order(bag, out)
        else:
            failed = _with_distributed(bag, out, args.scheduler, args.workers)
    if failed:
        print(f"{failed} article(s) failed; see their \"error\" in {out_name}", file=sys.stderr)
    return 1 if failed else 0


def _with_distributed(bag: Any, out: TextIO, scheduler: str, workers: int) -> int:
    from dask.distributed import Client, LocalCluster

    if scheduler == "local-cluster":
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            return write_in_order(bag, out, client)
    with Client(scheduler) as client:
        return write_in_order(bag, out, client)


if __name__ == "__main__":
    sys.exit(main())
