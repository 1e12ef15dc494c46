"""Typed library exceptions, each with the exit code the command line uses for it.

The library raises these; the CLI turns them into one line on stderr
(``factsheet: error: <message>`` and, when there is one, ``hint: <hint>``) and exits with
:attr:`FactsheetError.exit_code`. No traceback is ever shown for them.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes of the ``factsheet`` command (documented in the README)."""

    OK = 0
    SOME_FAILED = 1
    """Some articles of a multi-article run failed; the others were processed."""
    USAGE = 2
    """Bad command line: unknown option, invalid ``--published`` date, unknown encoding…"""
    INPUT = 3
    """Input or output cannot be used: missing file, directory, unreadable, binary, unwritable."""
    ENCODING = 4
    """The text is not valid in its (detected or given) encoding."""
    INTERNAL = 70
    """A bug in factsheet (an unexpected exception), reported in one line (EX_SOFTWARE)."""
    INTERRUPTED = 130
    """Ctrl-C (128 + SIGINT)."""
    TERMINATED = 143
    """SIGTERM (128 + 15), after cleaning up: workers stopped, temporary files removed."""
    BROKEN_PIPE = 141
    """The reader of our output went away, e.g. ``| head -1`` (128 + SIGPIPE, as GNU tools)."""


class FactsheetError(Exception):
    """Base of every error factsheet reports to its user.

    ``message`` is one line saying what is wrong; ``hint`` (optional) says how to fix it.
    """

    exit_code: ExitCode = ExitCode.INPUT

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if self.hint is None else f"{self.message} (hint: {self.hint})"


class UsageError(FactsheetError):
    """An option or argument has an invalid value (e.g. ``--published 2022-02-30``)."""

    exit_code = ExitCode.USAGE


class InputError(FactsheetError):
    """The input cannot be read: missing file, a directory, no permission, I/O failure."""

    exit_code = ExitCode.INPUT


class BinaryInputError(InputError):
    """The input is not text (NUL bytes, control characters, a known binary format)."""


class OutputError(FactsheetError):
    """The output file cannot be written (missing directory, no permission, disk full)."""

    exit_code = ExitCode.INPUT


class EncodingError(FactsheetError):
    """The bytes are not valid in the detected or given encoding.

    ``offset`` is the byte offset of the first offending byte when known.
    """

    exit_code = ExitCode.ENCODING

    def __init__(
        self, message: str, *, hint: str | None = None, offset: int | None = None
    ) -> None:
        super().__init__(message, hint=hint)
        self.offset = offset
