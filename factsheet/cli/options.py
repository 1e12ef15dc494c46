"""Options shared by every command, as ``Annotated`` aliases, and their parsing helpers.

Use them in a command signature::

    def sheet(file: FileArg = "-", published: PublishedOpt = None, fmt: FormatOpt = None,
              output: OutputOpt = None, encoding: EncodingOpt = None, color: ColorOpt = None)

then ``parse_date(published)``, ``choose_format(fmt, FORMATS, output)`` and
``with open_output(output) as out:``. Errors are :class:`factsheet.errors.UsageError`.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, TextIO, cast

import typer

from ..errors import OutputError, UsageError
from .console import is_tty
from .signals import exit_on_sigterm

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_STDOUT_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}

FileArg = Annotated[
    str,
    typer.Argument(help="Article file (UTF-8, UTF-16 or Windows-1256), or - for stdin.",
                   metavar="FILE|-", show_default=False),
]
PublishedOpt = Annotated[
    str | None,
    typer.Option("--published", "-p", metavar="YYYY-MM-DD",
                 help="The article's publication date (default: read from the article)."),
]
PreferOpt = Annotated[
    str | None,
    typer.Option("--prefer", metavar="future|past", show_default=False,
                 help="Which way a date the text leaves open goes (a weekday, a month or a day "
                      "without a year, a feast): the next one or the last one from the "
                      "publication date (default: by the tense of its clause). For "
                      "invitations and schedules, future."),
]
FormatOpt = Annotated[
    str | None,
    typer.Option("--format", "-f", metavar="FORMAT",
                 help="Output format (default: a table on a terminal, text when piped)."),
]
ConvertFormatOpt = Annotated[
    str | None,
    typer.Option("--format", "-f", metavar="FORMAT",
                 help="Output format: text (the default, wherever the output goes) or json."),
]
OutputOpt = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="FILE",
                 help="Write to FILE instead of stdout (all or nothing: never half written)."),
]
EncodingOpt = Annotated[
    str | None,
    typer.Option("--encoding", "-e", metavar="NAME",
                 help="Input encoding, e.g. cp1256 (default: detected; UTF-8 if unsure)."),
]
ColorOpt = Annotated[
    bool | None,
    typer.Option("--color/--no-color", show_default=False,
                 help="Colour output (default: on a terminal; NO_COLOR/FORCE_COLOR honoured)."),
]

BidiOpt = Annotated[
    str | None,
    typer.Option("--bidi", metavar="visual|logical|auto", show_default=False,
                 help="Arabic on the terminal: visual (shaped and reordered here, for terminals "
                      "without BiDi such as xterm), logical (for terminals that reorder: "
                      "mlterm, Konsole, GNOME Terminal) or auto (default; FACTSHEET_BIDI). "
                      "Files and pipes always get the logical text."),
]


def parse_date(value: str | None, option: str = "--published") -> dt.date | None:
    """A ``YYYY-MM-DD`` option value as a date; :class:`UsageError` when it is not one."""
    if value is None:
        return None
    try:
        if not _ISO_DAY.fullmatch(value):  # not 2022-W12-1, 20220325, ٢٠٢٢-٠٣-٢٥ …
            raise ValueError("not YYYY-MM-DD")
        return dt.date.fromisoformat(value)
    except ValueError as e:
        reason = "not YYYY-MM-DD" if "format" in str(e) or "YYYY" in str(e) else str(e)
        raise UsageError(f"invalid {option} {value!r}: {reason}") from None


def parse_prefer(value: str | None) -> str | None:
    """``--prefer`` checked: None, ``future`` or ``past``; :class:`UsageError` otherwise."""
    if value is None or value.lower() in ("future", "past"):
        return value.lower() if value else None
    raise UsageError(f"invalid --prefer {value!r}: choose future or past")


def choose_format(
    value: str | None,
    choices: Sequence[str],
    *,
    output: str | None = None,
    terminal: str = "table",
    pipe: str = "text",
) -> str:
    """The format asked for, or the default: ``terminal`` when stdout is a TTY, else ``pipe``."""
    if value is None:
        return terminal if output is None and is_tty(sys.stdout) else pipe
    fmt = value.lower()
    if fmt not in choices:
        raise UsageError(f"unknown --format {value!r}: choose one of {', '.join(choices)}")
    return fmt


DRAWING_SUFFIXES = {".html": "html", ".htm": "html", ".svg": "svg"}


def drawing_format(value: str | None, output: str | None, choices: Sequence[str]) -> str | None:
    """``--format`` as given; left out, ``html`` or ``svg`` when ``--output`` ends in
    ``.html``/``.htm`` or ``.svg`` and the command offers it (``-o sheet.html``)."""
    if value is not None or not output or output == "-":
        return value
    fmt = DRAWING_SUFFIXES.get(output[output.rfind("."):].lower()) if "." in output else None
    return fmt if fmt in choices else None


SPOOL_BYTES = 16 << 20
"""A whole document for stdout is held in memory up to this size, then in a temporary file."""




@contextmanager
def open_output(output: str | None, *, whole: bool = False) -> Iterator[TextIO]:
    """stdout, or ``output`` written atomically (temp file, fsync, rename).

    With ``whole`` (one document, e.g. JSON) stdout gets the document only once it is
    complete: an error half way (a bad byte far into the input) leaves stdout empty rather
    than holding a truncated, invalid document. A failure to write stdout (a full disk,
    ``> /dev/full``) is an :class:`OutputError` (exit 3). SIGTERM ends the block as Ctrl-C
    does (:mod:`.signals`): no temporary file is left behind.
    """
    with exit_on_sigterm():
        if output is not None and output != "-":
            from ..sources.io import atomic_write

            with atomic_write(output) as f:
                yield f
            return
        try:
            if whole:
                with tempfile.SpooledTemporaryFile(
                    max_size=SPOOL_BYTES, mode="w+", encoding="utf-8", newline=""
                ) as held:
                    yield cast(TextIO, held)
                    held.seek(0)
                    shutil.copyfileobj(held, sys.stdout)
            else:
                yield sys.stdout
            sys.stdout.flush()
        except OSError as e:
            if e.errno not in _STDOUT_FULL:
                raise  # a broken pipe (exit 141), or not about stdout
            _discard_stdout()
            raise OutputError(f"cannot write to stdout: {e.strerror or e}") from None


def _discard_stdout() -> None:
    """After stdout failed, send what is left of it to /dev/null (no second error at exit)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
