"""Many articles from the command line: the corpus options and runner the commands share.

A command takes ``PATH...`` plus the options below; when :func:`is_corpus` says the inputs
are a corpus (several paths, a folder, JSON Lines), it hands over to :func:`run_corpus` (one
JSON line per article, in input order, streamed) or :func:`run_merge` (one merged timeline)::

    if corpus_opts.is_corpus(paths, jsonl):
        options = corpus_opts.CorpusOptions(glob=glob, jsonl=jsonl, jobs=jobs, ...)
        raise typer.Exit(corpus_opts.run_corpus(paths, worker, options))

Failed articles are reported in their record and as one line each on stderr; the exit code
is then 1 (:attr:`ExitCode.SOME_FAILED`). A progress bar with the rate and the time left is
drawn on stderr only when stderr is a terminal and the records go elsewhere (a file, a pipe).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from ..errors import ExitCode, InputError, UsageError
from . import console
from .signals import exit_on_sigterm

if TYPE_CHECKING:
    from ..sources.corpus import Article

PathsArg = Annotated[
    list[str] | None,
    typer.Argument(help="Article files, folders (searched recursively with --glob), "
                        "JSON Lines files, or - for stdin.",
                   metavar="PATH", show_default=False),
]
GlobOpt = Annotated[
    str,
    typer.Option("--glob", "-g", metavar="PATTERN",
                 help="Files to take in folders (a pattern with / is matched on the path "
                      "inside the folder)."),
]
JsonlOpt = Annotated[
    bool,
    typer.Option("--jsonl", help="Inputs are JSON Lines: one {\"id\", \"text\", "
                                 "\"published\"?} object per line (automatic for *.jsonl)."),
]
JobsOpt = Annotated[
    int,
    typer.Option("--jobs", "-j", min=0, metavar="N",
                 help="Worker processes for many articles (0: one per CPU)."),
]

CORPUS_FORMATS = ("jsonl", "json")
"""Formats of a corpus run: both write one JSON document per line."""


@dataclass(frozen=True, slots=True)
class CorpusOptions:
    """What every corpus run needs besides the paths and the worker."""

    glob: str = "*.txt"
    jsonl: bool = False
    jobs: int = 1
    output: str | None = None
    fmt: str | None = None
    progress: bool | None = None
    """Draw a progress bar: None decides (:func:`console.show_progress`)."""
    chunksize: int | None = None
    """Articles sent to a worker at once (None: the library's default)."""
    drawing: tuple[str, str, str | None] = ("en", "gregorian", None)
    """--lang, --calendar and --as-of of ``timeline --merge --format svg``."""
    encoding: str | None = None
    """``--encoding``, for what is read in this process (standard input, JSON Lines)."""


def is_corpus(paths: Sequence[str], jsonl: bool = False) -> bool:
    """Whether the inputs are a corpus rather than one article: several paths, a folder,
    ``--jsonl`` or a ``*.jsonl`` file."""
    from ..sources.corpus import is_dir

    if jsonl or len(paths) > 1:
        return True
    return any(
        p != "-" and (is_dir(Path(p)) or Path(p).suffix.lower() in {".jsonl", ".ndjson"})
        for p in paths
    )


def worker_count(jobs: int) -> int:
    """``--jobs`` as processes to start: ``0`` is one per CPU, and more processes than CPUs
    are not started (they would share the CPUs and only add memory), with a warning."""
    from ..sources.corpus import default_jobs

    cpus = default_jobs()
    if jobs > cpus:
        console.warn(f"--jobs {jobs}: using {cpus}, the number of CPUs available")
        return cpus
    return jobs or cpus


def dates_worker(
    published: str | None = None, encoding: str | None = None, prefer: str | None = None
) -> Callable[[Article], Any]:
    """The picklable worker of ``factsheet dates`` over a corpus."""
    from ..sources.corpus import process_article

    return partial(process_article, published=published, encoding=encoding, prefer=prefer)


def dates_corpus(
    paths: Sequence[str],
    *,
    published: str | None,
    encoding: str | None,
    options: CorpusOptions,
    prefer: str | None = None,
) -> int:
    """``factsheet dates PATH...``: the options are checked once, then :func:`run_corpus`."""
    from ..sources.io import lookup_encoding
    from .options import parse_date

    parse_date(published)
    if encoding is not None:
        lookup_encoding(encoding)
    options = replace(options, encoding=encoding)
    return run_corpus(paths, dates_worker(published, encoding, prefer), options)


def sheet_corpus(
    command: str,
    paths: Sequence[str],
    *,
    published: str | None,
    encoding: str | None,
    options: CorpusOptions,
    merge: bool = False,
    prefer: str | None = None,
) -> int:
    """``factsheet sheet|timeline PATH...``: one record per article (its fact sheet, or its
    events), or with ``merge`` one timeline of the whole corpus (:func:`run_merge`)."""
    from ..sources.corpus import sheet_article
    from ..sources.io import lookup_encoding
    from .options import parse_date

    parse_date(published)
    if encoding is not None:
        lookup_encoding(encoding)
    options = replace(options, encoding=encoding)
    if merge:
        return run_merge(paths, options, published=published, encoding=encoding,
                         prefer=prefer)
    worker = partial(sheet_article, published=published, encoding=encoding,
                     part="timeline" if command == "timeline" else "sheet", prefer=prefer)
    return run_corpus(paths, worker, options)


def _articles(paths: Sequence[str], options: CorpusOptions) -> Iterator[Article]:
    from ..sources.corpus import iter_articles

    if not paths:
        raise UsageError("no input: give article files, folders or JSON Lines files")
    stdin_uses = sum(1 for p in paths if p == "-")
    if stdin_uses > 1:
        raise UsageError("- (stdin) can be given only once")
    return iter_articles(paths, glob=options.glob, jsonl=True if options.jsonl else None,
                         encoding=options.encoding)


def _check_format(fmt: str | None) -> None:
    if fmt is not None and fmt.lower() not in CORPUS_FORMATS:
        raise UsageError(
            f"--format {fmt} shows one article; several articles are written as JSON Lines",
            hint="use --format jsonl, or give a single FILE",
        )


def run_corpus(
    paths: Sequence[str],
    worker: Callable[[Article], Mapping[str, Any]],
    options: CorpusOptions,
) -> int:
    """Process every article with ``worker`` and write one JSON line per article (its
    record), in input order, as they come. Returns the exit code: 0, or 1 when some
    articles failed (each is also reported on stderr)."""
    from ..sources.corpus import DEFAULT_CHUNKSIZE, as_json_line, process_corpus
    from .options import open_output

    _check_format(options.fmt)
    articles = _articles(paths, options)
    jobs = worker_count(options.jobs)
    failed = total = 0
    with exit_on_sigterm(), _Progress(paths, options) as tick, \
            open_output(options.output) as out:
        for item in process_corpus(articles, partial(as_json_line, worker), jobs=jobs,
                                   chunksize=options.chunksize or DEFAULT_CHUNKSIZE):
            out.write(item.line + "\n")
            total += 1
            if item.error is not None:
                failed += 1
                console.error(f"{item.id}: {item.error}")
            if tick is not None:
                tick(1)
        if total == 0:
            raise _nothing_found(paths, options)
    return _summary(failed, total)


def run_merge(
    paths: Sequence[str],
    options: CorpusOptions,
    *,
    published: str | None = None,
    encoding: str | None = None,
    prefer: str | None = None,
) -> int:
    """Merge the timelines of every article into one corpus timeline and write it: a JSON
    document (``--format json``) or one line per event (``text``, the default when piped)."""
    from ..sources.corpus import merge_timelines, process_corpus, timeline_article
    from .options import choose_format, drawing_format, open_output

    fmt = choose_format(drawing_format(options.fmt, options.output, ("svg",)),
                        ("text", "json", "svg"), output=options.output, terminal="text",
                        pipe="text")
    articles = _articles(paths, options)
    from ..sources.corpus import DEFAULT_CHUNKSIZE

    worker = partial(timeline_article, published=published, encoding=encoding, prefer=prefer)
    jobs = worker_count(options.jobs)
    with exit_on_sigterm(), _Progress(paths, options) as tick:
        def records() -> Iterator[Any]:
            for record in process_corpus(articles, worker, jobs=jobs,
                                         chunksize=options.chunksize or DEFAULT_CHUNKSIZE):
                if record.get("error"):
                    console.error(f"{record['id']}: {record['error']}")
                if tick is not None:
                    tick(1)
                yield record

        timeline = merge_timelines(records())
    if timeline["articles"] == 0:
        raise _nothing_found(paths, options)
    with open_output(options.output) as out:
        if fmt == "json":
            from ..render.safe import json_dumps

            out.write(json_dumps(timeline, indent=2) + "\n")
        elif fmt == "svg":
            out.write(_merged_svg(timeline, options))
        else:
            write_timeline_text(timeline["events"], out)
    return _summary(timeline["failed"], timeline["articles"])


def _merged_svg(timeline: Mapping[str, Any], options: CorpusOptions) -> str:
    """The merged timeline drawn (``--format svg``), with --lang, --calendar and --as-of."""
    import datetime as dt

    from ..render.sheet_common import Style
    from ..render.svg import merged_timeline_svg
    from .options import parse_date

    lang, calendar, as_of = options.drawing
    style = Style(lang, calendar)  # type: ignore[arg-type]
    day = parse_date(as_of, "--as-of")
    return merged_timeline_svg(timeline, style, day or dt.date.today(), today=day is None)


def write_timeline_text(events: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    """One tab-separated line per event: its value, its label, its place, and the articles
    that mention it."""
    from ..dates.model import Range
    from ..render.safe import terminal_safe
    from ..schema import value_text

    for event in events:
        value = event["value"]
        if isinstance(value, dict):
            value = Range(value.get("start"), value.get("end"))
        elif isinstance(value, list):
            value = tuple(Range(v["start"], v["end"]) if isinstance(v, dict) else v
                          for v in value)
        ids = event["articles"]
        shown = ", ".join(ids[:5]) + (f", … (+{len(ids) - 5})" if len(ids) > 5 else "")
        fields = (value_text(value), event["label"], event.get("place") or "",
                  f"{len(ids)} article(s): {shown}")
        out.write("\t".join(terminal_safe(f) for f in fields) + "\n")


def _nothing_found(paths: Sequence[str], options: CorpusOptions) -> InputError:
    shown = ", ".join(paths[:3]) + (", …" if len(paths) > 3 else "")
    return InputError(f"no article found in {shown}",
                      hint=f"folders are searched for {options.glob}; choose with --glob")


def _summary(failed: int, total: int) -> int:
    if failed:
        console.error(f"{failed} of {total} article(s) failed; see their \"error\"")
        return int(ExitCode.SOME_FAILED)
    return int(ExitCode.OK)


class _Counter:
    """Counts the articles of a corpus in a background thread, for the progress bar's ETA."""

    def __init__(self, paths: Sequence[str], options: CorpusOptions) -> None:
        self.total: int | None = None
        self._paths = [p for p in paths if p != "-"]
        self._options = options
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._count, daemon=True)
        if len(self._paths) == len(paths):  # stdin cannot be counted ahead
            self._thread.start()

    def _count(self) -> None:
        from ..sources.corpus import iter_articles

        n = 0
        for _ in iter_articles(self._paths, glob=self._options.glob,
                               jsonl=True if self._options.jsonl else None):
            if self._stop.is_set():
                return
            n += 1
        self.total = n

    def stop(self) -> None:
        self._stop.set()


class _Progress:
    """A progress bar for articles on stderr, or ``None`` (see :func:`console.show_progress`)."""

    def __init__(self, paths: Sequence[str], options: CorpusOptions) -> None:
        show = options.progress
        self._show = console.show_progress(options.output) if show is None else show
        self._paths = paths
        self._options = options
        self._bar: Any = None
        self._counter: _Counter | None = None

    def __enter__(self) -> Callable[[int], None] | None:
        if not self._show:
            return None
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.text import Text

        class RateColumn(ProgressColumn):
            def render(self, task: Any) -> Text:
                speed = task.finished_speed or task.speed
                return Text(f"{speed:,.0f} articles/s" if speed else "… articles/s")

        self._counter = _Counter(self._paths, self._options)
        self._bar = Progress(
            TextColumn("articles"), BarColumn(), MofNCompleteColumn(), RateColumn(),
            TimeRemainingColumn(), **console.bar_options(),
        )
        self._bar.__enter__()
        task = self._bar.add_task("articles", total=None)
        counter, bar = self._counter, self._bar
        last = [0.0, 0]

        def tick(n: int) -> None:
            last[1] += n
            now = time.monotonic()
            if now - last[0] >= 0.1:
                if counter.total is not None and bar.tasks[0].total is None:
                    bar.update(task, total=counter.total)
                bar.update(task, advance=last[1])
                last[0], last[1] = now, 0

        return tick

    def __exit__(self, *exc: object) -> None:
        if self._counter is not None:
            self._counter.stop()
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
