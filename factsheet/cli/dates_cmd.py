"""``factsheet dates``: every date expression of an article, normalised, with offsets."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import typer

from . import console, corpus_opts
from .app import app
from .corpus_opts import GlobOpt, JobsOpt, JsonlOpt, PathsArg
from .options import (
    BidiOpt,
    ColorOpt,
    EncodingOpt,
    FormatOpt,
    OutputOpt,
    PreferOpt,
    PublishedOpt,
)

if TYPE_CHECKING:
    import datetime as dt

    from ..dates.model import Mention, PublishedBasis
    from ..render.bidi import Mode


PROGRESS_BYTES = 8 << 20
"""Files smaller than this get no progress bar (stdin always may: its size is unknown)."""


@app.command()
def dates(
    paths: PathsArg = None,
    published: PublishedOpt = None,
    prefer: PreferOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    color: ColorOpt = None,
    glob: GlobOpt = "*.txt",
    jsonl: JsonlOpt = False,
    jobs: JobsOpt = 1,
    bidi: BidiOpt = None,
) -> None:
    """Find and normalise every date expression in an article.

    FORMAT is table, text, json, jsonl, csv or tsv. The text view prints one line per
    mention: start-end, type, value and the text itself; a value ending in * was partly
    inferred (e.g. the year, from the publication date). Huge inputs are read in
    overlapping windows, in bounded memory.

    Several PATHs, a folder or JSON Lines (--jsonl) make a corpus: one JSON line per article
    ({"id", "path", "published", "dates", "error"}), in input order, with --jobs N processes.
    """
    from .options import parse_prefer

    side = parse_prefer(prefer)
    if corpus_opts.is_corpus(paths or [], jsonl):
        console.set_color(color)
        options = corpus_opts.CorpusOptions(glob=glob, jsonl=jsonl, jobs=jobs, output=output,
                                            fmt=fmt)
        raise typer.Exit(corpus_opts.dates_corpus(paths or [], published=published,
                                                  encoding=encoding, options=options,
                                                  prefer=side))
    file = paths[0] if paths else "-"
    from ..dates.published import dated_mentions, given_date, infer_published, note_basis
    from ..render.dates import FORMATS
    from ..sources.io import TextStream
    from ..sources.stream import WINDOW, find_dates_stream
    from .article import empty_result_warning, nothing_to_read
    from .options import choose_format, parse_date

    console.set_color(color)
    given = parse_date(published)
    view = choose_format(fmt, FORMATS, output=output)
    drawn = console.bidi_mode(bidi, output)
    with TextStream(file, encoding=encoding) as stream, console.progress(
        stream.size, stream.source, output=output, minimum=PROGRESS_BYTES
    ) as on_progress:
        stream.on_progress = on_progress
        for warning in stream.warnings:
            console.warn(warning)
        head, chunks = _peek(stream, WINDOW)
        reason = nothing_to_read(head) if len(head) < WINDOW else None  # the whole text
        if reason is not None:
            console.warn(empty_result_warning(stream.source, reason))
            head, chunks = "", iter(())
        mentions: Iterable[Mention]
        if len(head) < WINDOW:  # the whole text: one article, resolved as a whole
            mentions, found = dated_mentions(head, given, prefer=side)
        else:  # huge input: searched window by window against the date read from its head
            found = given_date(given) if given else infer_published(head)
            mentions = (note_basis(m, found)
                        for m in find_dates_stream(chunks, found.value, prefer=side))
        _render(view, mentions, source=stream.source, published=found.value,
                basis=found.basis, output=output, bidi=drawn, interval=found.interval)


def _peek(chunks: Iterable[str], size: int) -> tuple[str, Iterator[str]]:
    """The first ``size`` characters (or more) of a chunked text, and the whole text again."""
    it = iter(chunks)
    parts: list[str] = []
    total = 0
    for chunk in it:
        parts.append(chunk)
        total += len(chunk)
        if total >= size:
            break
    head = "".join(parts)
    return head, itertools.chain([head], it)


def _render(
    view: str,
    mentions: Iterable[Mention],
    *,
    source: str,
    published: dt.date | None,
    basis: PublishedBasis,
    output: str | None,
    bidi: Mode | None = None,
    interval: tuple[dt.date, dt.date] | None = None,
) -> None:
    from ..render import dates as render
    from .options import open_output

    iso = published.isoformat() if published else None
    with open_output(output, whole=view == "json") as out:
        if view == "table":
            table = render.dates_table(mentions, source=source, published=iso, basis=basis,
                                       bidi=bidi)
            console.console(out).print(table)
            return
        if view == "json":
            pieces = render.json_chunks(mentions, source=source, published=iso, basis=basis,
                                        interval=interval)
        elif view == "jsonl":
            pieces = render.jsonl_lines(mentions, source=source)
        elif view in ("csv", "tsv"):
            pieces = render.csv_lines(mentions, delimiter="," if view == "csv" else "\t")
        else:
            pieces = render.text_lines(mentions)
        for piece in pieces:
            out.write(piece)
