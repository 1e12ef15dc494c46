"""The views of ``factsheet dates``: table, text, json, jsonl, csv and tsv.

Every view takes mentions lazily (an iterable) so huge inputs stream; only ``table`` keeps
them all. JSON keys come from :mod:`factsheet.schema` only.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from ..dates.model import Mention, PublishedBasis
from ..schema import dates_json, mention_json, mention_line_json, value_text
from .bidi import BidiText, Mode, display, isolate, isolate_embedded, neutralise, table_box
from .safe import csv_cell, json_dumps, terminal_safe, tsv_cell

if TYPE_CHECKING:
    from rich.table import Table

FORMATS = ("table", "text", "json", "jsonl", "csv", "tsv")
"""Formats of ``factsheet dates`` (``table`` on a terminal, ``text`` in a pipe by default)."""

JSON_BATCH = 256
"""Mentions written per call of the JSON encoder in :func:`json_chunks`."""

INFERRED_MARK = "*"
"""Appended to a value in text and table views when part of it is not written in the text."""

def display_value(m: Mention) -> str:
    """The value as shown to people: ``2022-05-17..2022-05-20``, ``?`` when unresolved."""
    if m.value is None:
        return "?" if m.relative else "-"
    return value_text(m.value) + (INFERRED_MARK if m.inferred else "")


def text_lines(mentions: Iterable[Mention]) -> Iterator[str]:
    """One line per mention: ``start-end TAB type TAB value TAB text`` (controls escaped)."""
    for m in mentions:
        yield f"{m.start}-{m.end}\t{m.type}\t{display_value(m)}\t{terminal_safe(m.text)}\n"


def json_chunks(
    mentions: Iterable[Mention],
    *,
    source: str | None,
    published: str | None,
    basis: PublishedBasis,
    interval: tuple[dt.date, dt.date] | None = None,
) -> Iterator[str]:
    """The ``factsheet.dates/1`` document, written piece by piece.

    The text is exactly ``json.dumps(dates_json(...), indent=2, ensure_ascii=False)``
    followed by a newline, but mentions are serialised :data:`JSON_BATCH` at a time (one
    call of the encoder per batch, not per mention).
    """
    doc: dict[str, Any] = dict(dates_json([], source=source, published=published, basis=basis,
                                          interval=interval))
    list_keys = [k for k, v in doc.items() if isinstance(v, list)]
    assert len(list_keys) == 1, "the dates document has exactly one list"
    marker = "\x00mentions\x00"
    doc[list_keys[0]] = marker
    head, tail = json_dumps(doc, indent=2).split(json_dumps(marker))
    yield head + "["
    first = True
    it = iter(mentions)
    while batch := list(islice(it, JSON_BATCH)):
        # "[\n  {…},\n  {…}\n]": the items without the brackets, two spaces deeper (JSON
        # escapes newlines inside strings, so every newline is layout)
        items = json_dumps([mention_json(m) for m in batch], indent=2)
        yield ("" if first else ",") + items[1:-2].replace("\n", "\n  ")
        first = False
    yield ("]" if first else "\n  ]") + tail + "\n"


def jsonl_lines(mentions: Iterable[Mention], *, source: str | None) -> Iterator[str]:
    """JSON Lines: one mention per line, each with the ``source`` it comes from."""
    for m in mentions:
        yield json_dumps(mention_line_json(m, source)) + "\n"


def _cell(value: Any, escape: Callable[[str], str] = csv_cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, str)):
        return escape(str(value))
    return escape(json_dumps(value))


def csv_lines(mentions: Iterable[Mention], *, delimiter: str = ",") -> Iterator[str]:
    """A header row (the JSON keys of a mention, in schema order), then one row per mention.

    Structured cells (ranges, lists, anchors) hold compact JSON; cells that could run as a
    spreadsheet formula are prefixed with ``'`` (numbers stay numbers). With a TAB
    ``delimiter`` the rows are TSV: never quoted, TAB/LF/CR/backslash escaped in cells
    (:func:`factsheet.render.safe.tsv_cell`).
    """
    if delimiter == "\t":
        yield from _tsv_lines(mentions)
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")

    def flush() -> str:
        line = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return line

    header_written = False
    for m in mentions:
        row = mention_json(m)
        if not header_written:
            writer.writerow(list(row))
            header_written = True
        writer.writerow([_cell(v) for v in row.values()])
        yield flush()
    if not header_written:
        writer.writerow(list(_empty_row_keys()))
        yield flush()


def _tsv_lines(mentions: Iterable[Mention]) -> Iterator[str]:
    header_written = False
    for m in mentions:
        row = mention_json(m)
        if not header_written:
            yield "\t".join(row) + "\n"
            header_written = True
        yield "\t".join(_cell(v, tsv_cell) for v in row.values()) + "\n"
    if not header_written:
        yield "\t".join(_empty_row_keys()) + "\n"


def _empty_row_keys() -> list[str]:
    probe = Mention(text="", start=0, end=0, type="date", value=None, grain=None)
    return list(mention_json(probe))


def dates_table(
    mentions: Iterable[Mention], *, source: str | None, published: str | None, basis: str,
    bidi: Mode | None = None,
) -> Table:
    """A rich table of the mentions (article text escaped; never read as markup).

    ``bidi`` draws Arabic for a terminal (:mod:`factsheet.render.bidi`); None leaves the
    logical text as it is (a file, a pipe).
    """
    from rich.table import Table
    from rich.text import Text

    def cell(text: str, *, quoting: bool = False) -> Text | BidiText:
        if bidi is None:
            return Text(text)
        text = neutralise(text)
        return BidiText(isolate_embedded(text, bidi) if quoting else text, bidi)

    src = terminal_safe(source or "-")
    if bidi is not None:
        src = isolate(neutralise(src), bidi)
    table = Table(
        box=table_box(bidi),
        title=Text(display(f"Dates in {src}", bidi)),
        caption=Text(
            f"published: {published or 'unknown'} ({basis})   "
            f"{INFERRED_MARK} = inferred, not written in the text"
        ),
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("offsets", justify="right", no_wrap=True)
    table.add_column("text")
    table.add_column("type", no_wrap=True)
    table.add_column("value", no_wrap=True)
    table.add_column("notes")
    for i, m in enumerate(mentions, 1):
        notes = "; ".join(m.notes)
        if m.anchor is not None:
            notes = "; ".join(
                filter(None, [f"{m.anchor.relation} «{m.anchor.target_text}»", notes])
            )
        table.add_row(
            Text(str(i)),
            Text(f"{m.start}-{m.end}"),
            cell(terminal_safe(m.text)),
            Text(m.type),
            Text(display_value(m)),
            cell(terminal_safe(notes), quoting=True),
        )
    return table
