"""SIGTERM ends a run the way Ctrl-C does: cleanly.

Python's default for SIGTERM is to die on the spot: no ``finally``, so worker processes
would be left running and a half-written ``--output`` temporary file left on disk. Inside
:func:`exit_on_sigterm` a SIGTERM raises ``SystemExit(143)`` (128 + 15, what a shell reports
for a process ended by SIGTERM) instead, so that every context manager on the way out runs:
workers are terminated (:mod:`factsheet.sources.pool`), temporary files removed
(:func:`factsheet.sources.io.atomic_write`).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from ..errors import ExitCode


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(int(ExitCode.TERMINATED))


@contextmanager
def exit_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into ``SystemExit(143)`` for the duration of the block (main thread
    only: elsewhere signals cannot be handled, and the block runs as it is)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
