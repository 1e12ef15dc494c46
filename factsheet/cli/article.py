"""Which text a one-article command reads, and whether there is anything in it to read.

* **stdin or the seed.** ``sheet``, ``summary``, ``timeline`` and ``countdown`` without FILE
  read stdin when it carries data: a pipe (``cat a.txt | factsheet summary``), a socket or
  a redirected regular file (``< a.txt``). On a terminal, with stdin closed or a device such
  as ``/dev/null`` (CI, cron, systemd), they show the embedded seed article, so
  ``factsheet summary`` alone works everywhere. (``dates`` always reads stdin.)
* **Nothing to read.** An empty or whitespace-only text, or one without a single character
  of the Arabic script (English, a list of numbers, mojibake), gives an empty result, with
  one warning line on stderr saying why; the exit code stays 0.
"""

from __future__ import annotations

import io
import os
import re
import stat
import sys
from typing import TextIO

ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")
"""A character of the Arabic script: letters, Arabic-Indic digits, Arabic punctuation."""


def stdin_has_article(stdin: TextIO | None = None) -> bool:
    """Whether stdin carries an article to read: a pipe, a socket or a regular file.

    False for a terminal, a closed stdin (``0<&-``: Python then has no ``sys.stdin``), a
    character device such as ``/dev/null``, and a stream without a file descriptor.
    """
    stream = sys.stdin if stdin is None else stdin
    if stream is None:
        return False
    try:
        fd = stream.fileno()
        mode = os.fstat(fd).st_mode
    except (OSError, ValueError, io.UnsupportedOperation):
        return False
    if os.isatty(fd):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or stat.S_ISREG(mode)


def input_path(file: str | None) -> str | None:
    """``file`` as given, else ``-`` when stdin carries an article, else None (the seed)."""
    if file:
        return file
    return "-" if stdin_has_article() else None


def nothing_to_read(text: str) -> str | None:
    """Why ``text`` gives an empty result (empty, or nothing in Arabic script), or None."""
    if not text.strip():
        return "the text is empty" if not text else "the text is only white space"
    if ARABIC.search(text) is None:
        return "no Arabic in the text"
    return None


def empty_result_warning(source: str, reason: str) -> str:
    """The warning line for an input with nothing to read (see :func:`nothing_to_read`)."""
    if reason.startswith("no Arabic"):
        return f"{source}: {reason}; nothing to report (factsheet reads Arabic articles)"
    return f"{source}: {reason}; nothing to report"
