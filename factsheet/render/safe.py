"""Output safety: text from articles must never act on the terminal, a spreadsheet or a parser.

* :func:`terminal_safe` shows control characters (ESC sequences, C1 controls, DEL, lone
  surrogates) and the bidi embedding, override and isolate controls (U+202A–U+202E,
  U+2066–U+2069, which reorder the text around them on screen) as visible escapes such as
  ``\\x1b`` or ``\\u202e`` instead of letting the terminal act on them. Rich markup is
  never interpreted because every console is built with ``markup=False``. The marks Arabic
  text uses (U+200E, U+200F) are kept.
* :func:`csv_cell` neutralises cells a spreadsheet would run as a formula (numbers stay
  numbers); :func:`tsv_cell` also escapes TAB, newlines and backslashes (TSV is never quoted).
* :func:`json_dumps` always yields valid UTF-8-encodable JSON (lone surrogates → U+FFFD)
  where C1 controls, bidi controls and U+2028/U+2029 are ``\\u`` escapes (a parser reads
  the same text back; a terminal showing the JSON is not driven by it).
* :func:`ics_escape` and :func:`ics_fold` implement RFC 5545 TEXT escaping and line folding.
"""

from __future__ import annotations

import re
from typing import Any

from .jsonenc import dumps as encode_json

_SURROGATE = re.compile("[\ud800-\udfff]")
_BIDI = "\u202a-\u202e\u2066-\u2069"
"""Bidi embeddings, overrides and isolates: they reorder the text that follows them."""
# C0 controls, DEL, C1 controls, bidi controls and lone surrogates. TAB/LF are handled by
# the caller's choice.
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")
_CONTROL_KEEP_LINES = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")
_STRIPPED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_BIDI_CONTROL = re.compile(f"[{_BIDI}]")
_JSON_ESCAPED = re.compile(f"[\x80-\x9f{_BIDI}\u2028\u2029]")
_ANSI = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[@-Z\\-_])"
)
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape(match: re.Match[str]) -> str:
    c = match.group()
    if c in _NAMED:
        return _NAMED[c]
    if "\ud800" <= c <= "\udfff":
        return "\ufffd"
    return f"\\x{ord(c):02x}" if ord(c) <= 0xFF else f"\\u{ord(c):04x}"


def terminal_safe(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character shown as a visible escape (``\\x1b``, ``\\n``).

    With ``keep_newlines`` LF and TAB are kept as they are (for multi-line output).
    """
    pattern = _CONTROL_KEEP_LINES if keep_newlines else _CONTROL
    return pattern.sub(_escape, text)


def strip_controls(text: str) -> str:
    """``text`` with ANSI/ESC sequences and other control characters removed (LF/TAB kept),
    and bidi controls shown as visible escapes (``\\u202e``), as :func:`terminal_safe` does."""
    stripped = _STRIPPED.sub(
        lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else "",
        _ANSI.sub("", text),
    )
    return _BIDI_CONTROL.sub(_escape, stripped)


_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def csv_cell(value: str) -> str:
    """A CSV cell that a spreadsheet cannot run: a leading ``= + - @ TAB CR`` gets a ``'``,
    except in a plain number (``-1187``, ``-3.5``, ``+2e3``), which stays a number."""
    if value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def tsv_cell(value: str) -> str:
    """A TSV cell: never quoted; a backslash, TAB, LF and CR are written ``\\\\``, ``\\t``,
    ``\\n`` and ``\\r`` (PostgreSQL's text format, "linear TSV"); formulas as in
    :func:`csv_cell`."""
    return csv_cell(value.translate(_TSV_ESCAPES))


def json_text(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD, so it always encodes to UTF-8."""
    return _SURROGATE.sub("\ufffd", text)


def json_dumps(data: Any, *, indent: int | None = None) -> str:
    """JSON for ``data`` (non-ASCII kept as is) that is always valid once encoded to UTF-8.

    The encoding itself is :func:`factsheet.render.jsonenc.dumps` (orjson, else the standard
    library: the same text either way).
    """
    out = json_text(encode_json(data, indent=indent))
    # Outside strings JSON is ASCII: each such character is inside a string, where \\uXXXX
    # stands for it.
    return _JSON_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


def ics_escape(text: str) -> str:
    """RFC 5545 TEXT value: ``\\`` ``;`` ``,`` escaped, newlines as ``\\n``, controls (C0,
    C1, bidi) removed."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return json_text(re.sub(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{_BIDI}]", "", text))


def ics_fold(line: str, limit: int = 75) -> str:
    """Fold a content line into lines of at most ``limit`` octets (RFC 5545 §3.1).

    Continuation lines start with one space (counted in the limit); a UTF-8 character is
    never split. Lines are joined with CRLF; no trailing CRLF is added.
    """
    out: list[str] = []
    current: list[str] = []
    used = 0
    for ch in line:
        size = len(ch.encode("utf-8", "surrogatepass"))
        if used + size > limit:
            out.append("".join(current))
            current, used = [" "], 1
        current.append(ch)
        used += size
    out.append("".join(current))
    return "\r\n".join(out)
