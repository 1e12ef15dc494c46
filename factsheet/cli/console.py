"""The one owner of terminal output: consoles, colour, errors, warnings and progress.

* Rich is imported only when something is drawn (a table, a progress bar), never for JSON.
* Every console is built with ``markup=False, highlight=False, emoji=False``: article text
  like ``[bold]`` or ``:smile:`` is printed as it is. Control characters are escaped by the
  renderers (:mod:`factsheet.render.safe`) before they get here.
* Colour: ``--color``/``--no-color`` win; else ``NO_COLOR`` (any non-empty value) turns it
  off, ``FORCE_COLOR`` turns it on; else colour only on a terminal.
* Errors and warnings are single plain lines on stderr: ``factsheet: error: …``.
* Status and progress go to stderr, only when stderr is a terminal and stdout is not (data
  goes to stdout, never through the bar).
* Arabic in terminal views (:func:`bidi_mode`): ``--bidi``, else ``FACTSHEET_BIDI``, else
  ``auto``: ``logical`` in terminals known to reorder right-to-left text themselves (mlterm,
  Konsole, VTE ≥ 0.57.3: GNOME Terminal, Tilix, xfce4-terminal …), ``visual`` in all others
  (xterm, iTerm2, Windows Terminal, Alacritty, kitty …, which draw letters left to right as
  they come). A file or a pipe always gets the logical text, untouched.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO

from ..errors import UsageError
from ..render.safe import terminal_safe

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rich.console import Console

    from ..render.bidi import Mode

PROG = "factsheet"

_color_flag: list[bool | None] = [None]
"""The value of ``--color/--no-color`` for this run (None: decide from the environment)."""


def set_color(flag: bool | None) -> None:
    """Record ``--color`` (True), ``--no-color`` (False) or neither (None)."""
    _color_flag[0] = flag


def is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def use_color(stream: TextIO) -> bool:
    """Whether to colour output written to ``stream``."""
    flag = _color_flag[0]
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return is_tty(stream)


def console(file: TextIO | None = None, *, stderr: bool = False) -> Console:
    """A rich console writing to ``file`` (default stdout, or stderr) that never reads markup."""
    from rich.console import Console

    stream = file if file is not None else (sys.stderr if stderr else sys.stdout)
    color = use_color(stream)
    return Console(
        file=stream,
        markup=False,
        highlight=False,
        emoji=False,
        no_color=not color,
        force_terminal=color if _color_flag[0] is not None or color else None,
        color_system="auto" if color else None,
        soft_wrap=not is_tty(stream),
    )


BIDI_ENV = "FACTSHEET_BIDI"
BIDI_CHOICES = ("visual", "logical", "auto")


def terminal_reorders(env: Mapping[str, str]) -> bool:
    """Whether the terminal (known by the variables it sets) applies the BiDi algorithm to the
    lines it shows: mlterm (``MLTERM``), Konsole (``KONSOLE_VERSION``), VTE terminals from
    0.57.3 on, where it is on by default (``VTE_VERSION`` ≥ 5703)."""
    if env.get("MLTERM") or env.get("KONSOLE_VERSION"):
        return True
    vte = env.get("VTE_VERSION", "")
    return vte.isdigit() and int(vte) >= 5703


def bidi_mode(flag: str | None, output: str | None) -> Mode | None:
    """How terminal views draw Arabic: ``visual``, ``logical``, or None (a file or a pipe:
    the logical text, untouched). ``flag`` is ``--bidi`` (visual, logical or auto)."""
    if flag is not None and flag.lower() not in BIDI_CHOICES:
        raise UsageError(f"unknown --bidi {flag!r}: choose visual, logical or auto")
    if (output is not None and output != "-") or not is_tty(sys.stdout):
        return None
    value = (flag or os.environ.get(BIDI_ENV) or "auto").lower()
    if value not in BIDI_CHOICES:
        warn(f"ignoring {BIDI_ENV}={value!r}: choose visual, logical or auto")
        value = "auto"
    if value == "auto":
        return "logical" if terminal_reorders(os.environ) else "visual"
    return "logical" if value == "logical" else "visual"


def error(message: str, *, hint: str | None = None) -> None:
    """Print ``factsheet: error: message (hint)`` as one line on stderr."""
    line = f"{PROG}: error: {terminal_safe(message)}"
    if hint:
        line += f" (hint: {terminal_safe(hint)})"
    _write_err(line)


def warn(message: str) -> None:
    """Print ``factsheet: warning: message`` as one line on stderr."""
    _write_err(f"{PROG}: warning: {terminal_safe(message)}")


def _write_err(line: str) -> None:
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def show_progress(output: str | None = None) -> bool:
    """Whether to draw a progress bar: stderr is a terminal and the data goes elsewhere.

    Data written to stdout (``output`` None or ``-``) while a bar is live on the same screen
    would be torn by the bar's redraws; when stdout is a terminal the data is its own
    progress, so no bar is drawn.
    """
    if not is_tty(sys.stderr):
        return False
    return (output is not None and output != "-") or not is_tty(sys.stdout)


def bar_options() -> dict[str, Any]:
    """Keyword arguments for every :class:`rich.progress.Progress` of factsheet.

    The bar draws on stderr and leaves no trace; it never captures stdout or stderr (rich's
    default), so data written to stdout lands there, in a file or a pipe, not on the screen.
    """
    return {"console": console(stderr=True), "transient": True,
            "redirect_stdout": False, "redirect_stderr": False}


@contextmanager
def progress(
    total: int | None, description: str, *, output: str | None = None, minimum: int = 0
) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr (bytes read out of ``total``), or None.

    None when no bar is wanted (:func:`show_progress`), or when ``total`` is known and below
    ``minimum``.
    """
    if not show_progress(output) or (total is not None and total < minimum):
        yield None
        return
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        **bar_options(),
    )
    with bar:
        task = bar.add_task(terminal_safe(description), total=total)
        yield lambda done: bar.update(task, completed=done)
