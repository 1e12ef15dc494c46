"""JSON text, fast: orjson when it can, the standard library when it cannot.

:func:`dumps` gives exactly the text of the standard library's
``json.dumps(data, ensure_ascii=False, indent=indent, separators=...)`` (compact separators
without ``indent``, ``", "``/``": "`` with it), so switching encoders never changes an output.
orjson writes the same text for what factsheet's documents hold (strings, integers, booleans,
null, lists, tuples and dicts with string keys; ``indent`` None or 2, its ``OPT_INDENT_2``) at
a fraction of the cost; whatever it refuses goes to the standard library, which then either
writes it as before or raises the same error as before:

* strings with lone surrogates (orjson accepts only valid UTF-8);
* integers beyond 64 bits, dict keys that are not strings, nesting deeper than 254;
* subclasses of ``str``, ``int``, ``dict``, ``list``, dataclasses and date/time objects,
  which orjson would otherwise write in its own way (passed through to the fallback);
* any ``indent`` other than None and 2.

The one difference left is floats, which none of factsheet's documents contain: orjson
writes the same value, but numbers below 1e-4 in positional or ``e-7`` form (the standard
library: ``1e-07``), and NaN and infinities, which the standard library writes as the
invalid JSON tokens ``NaN``/``Infinity``, as ``null``.

This module only encodes; escaping policy (lone surrogates, control characters) belongs to
:func:`factsheet.render.safe.json_dumps`, which calls :func:`dumps`.
"""

from __future__ import annotations

import json
from typing import Any

try:
    import orjson as _orjson
except ImportError:  # pragma: no cover - orjson is a dependency; the fallback still works
    _orjson = None  # type: ignore[assignment]

_OPTIONS = 0
if _orjson is not None:
    _OPTIONS = (_orjson.OPT_PASSTHROUGH_SUBCLASS | _orjson.OPT_PASSTHROUGH_DATACLASS
                | _orjson.OPT_PASSTHROUGH_DATETIME)


def _refuse(obj: Any) -> Any:
    """orjson's ``default``: send every type it does not write itself to the fallback."""
    raise TypeError(type(obj).__name__)


def stdlib_dumps(data: Any, *, indent: int | None = None) -> str:
    """The reference encoding: the standard library's :func:`json.dumps`."""
    separators = (",", ": ") if indent is not None else (",", ":")
    return json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)


def dumps(data: Any, *, indent: int | None = None) -> str:
    """``data`` as JSON text, identical to :func:`stdlib_dumps` (floats aside, see above).

    Non-ASCII characters are written as they are; lone surrogates are kept (as the standard
    library does): :func:`factsheet.render.safe.json_dumps` replaces them.
    """
    if _orjson is not None and (indent is None or indent == 2):
        option = _OPTIONS | (_orjson.OPT_INDENT_2 if indent == 2 else 0)
        try:
            return _orjson.dumps(data, default=_refuse, option=option).decode("utf-8")
        except TypeError:  # orjson.JSONEncodeError: something only the fallback writes
            pass
    return stdlib_dumps(data, indent=indent)
