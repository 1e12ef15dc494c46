"""A disk cache of compiled regular expressions (and of what is derived from them), for a fast
start.

The grammar's patterns are long (tries of every month, ordinal and number word), and Python
compiles regular expressions in pure Python: about 0.1 s at every start of the command. The
compiled program of a pattern depends only on its source, its flags and the interpreter, so it
is kept in ``~/.cache/factsheet`` (or ``$FACTSHEET_CACHE_DIR``; ``$XDG_CACHE_HOME`` honoured)
and handed straight to the regex engine next time.

The cache is an optimisation only: it is read with :mod:`marshal` (plain data, no code), keyed
by the interpreter's cache tag and the regex engine's version, and any problem (no such
directory, a read-only disk, another Python, internals that changed) falls back silently to
``re.compile``. ``FACTSHEET_NO_REGEX_CACHE=1`` turns it off.

Beside the compiled programs, the file keeps small values computed from a pattern's source
(:func:`cached_value`: the beginnings of each rule, :mod:`factsheet.dates.anchors`) and the
regex sources the grammar builds from the lexicon's word lists (:func:`cached_text`, keyed by
the words), as plain data: strings and frozensets of strings.

Both are stored compactly, since reading the file is part of every start: a program (a
list of some 200,000 small integers in all) as the bytes of an ``array`` of code words, a
frozenset of strings as one string, its members joined by NUL. :mod:`marshal` then reads a
few hundred objects instead of a few hundred thousand (about 15 ms less CPU per start).

The file starts with a format tag and the CRC-32 of the rest: a file that does not match
(truncated, a flipped byte, an older format, another program's data) is never used, since a
compiled program that is wrong but well-formed would silently match nothing. The patterns are
then compiled again and the file rewritten.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
import tempfile
import zlib
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

try:  # the regex engine's internals (CPython 3.11+: re._compiler / re._parser)
    import _sre  # type: ignore[import-not-found,unused-ignore]
    from re import _compiler, _parser  # type: ignore[attr-defined,unused-ignore]

    _ENGINE: Any = _sre
except ImportError:  # pragma: no cover - other interpreters
    _ENGINE = None

_Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
"""Flags, the program (code words as :data:`_CODE` array bytes), groups, group names."""
_Key = tuple[str, int]
_ValueKey = tuple[str, str, int]
_Stored = str | None
"""A value as kept in the file: the members of a frozenset joined by :data:`_SEP`, or None."""
_HEADER = b"factsheet-regex-cache/6\n"
"""The format tag at the start of the file, before the checksum of the rest."""
_SUM = 4
"""Bytes of the checksum: the CRC-32 of the rest, big-endian."""
_CODE = "I"
"""The array type of a program's code words (the regex engine's are 32 bits: ``CODESIZE``)."""
_SEP = "\x00"
_entries: dict[_Key, _Entry] | None = None
_values: dict[_ValueKey, _Stored] = {}
_data: dict[tuple[str, str], object] = {}
"""Plain data (:func:`cached_data`), by kind and key."""
_used_data: set[tuple[str, str]] = set()
_used: set[_Key] = set()
_used_values: set[_ValueKey] = set()
_dirty = False


def _cache_file() -> Path | None:
    if os.environ.get("FACTSHEET_NO_REGEX_CACHE") or _ENGINE is None:
        return None
    base = os.environ.get("FACTSHEET_CACHE_DIR")
    if base:
        folder = Path(base)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        folder = Path(xdg) if xdg else Path.home() / ".cache"
        folder = folder / "factsheet"
    tag = sys.implementation.cache_tag or "python"
    return folder / f"regex-{tag}-{_ENGINE.MAGIC}.marshal"


def _load() -> dict[_Key, _Entry]:
    global _entries, _values, _data
    if _entries is None:
        _entries, _values, _data = {}, {}, {}
        path = _cache_file()
        if path is not None:
            global _dirty
            try:
                raw = path.read_bytes()
            except OSError:
                raw = None
            if raw is not None:
                loaded = _verified(raw)
                if loaded is None:
                    _dirty = True  # a bad file: rewritten with the patterns compiled now
                else:
                    _entries, _values, _data = loaded
        atexit.register(_save)
    return _entries


def _verified(
    raw: bytes,
) -> tuple[dict[_Key, _Entry], dict[_ValueKey, _Stored], dict[tuple[str, str], object]] | None:
    """The entries and values of a cache file, or None unless its tag, checksum and shape are
    right."""
    if not raw.startswith(_HEADER):
        return None
    digest, payload = raw[len(_HEADER) : len(_HEADER) + _SUM], raw[len(_HEADER) + _SUM :]
    if _checksum(payload) != digest:
        return None
    try:
        data = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    if not (isinstance(data, tuple) and len(data) == 3
            and all(isinstance(d, dict) for d in data)):
        return None
    entries, values, plain = data
    if not all(_well_formed(k, v) for k, v in entries.items()):
        return None
    if not all(_well_formed_value(k, v) for k, v in values.items()):
        return None
    if not all(isinstance(k, tuple) and len(k) == 2 and all(isinstance(x, str) for x in k)
               for k in plain):
        return None
    return entries, values, plain


def _checksum(payload: bytes) -> bytes:
    """The CRC-32 of ``payload``: it finds a truncated file, flipped bits or another file,
    which is all it is for (SHA-256 found the same, but loading OpenSSL cost 8 ms of every
    start)."""
    return zlib.crc32(payload).to_bytes(_SUM, "big")


def _well_formed(key: object, entry: object) -> bool:
    return (
        isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str)
        and isinstance(key[1], int) and isinstance(entry, tuple) and len(entry) == 5
        and isinstance(entry[0], int) and isinstance(entry[1], bytes)
        and len(entry[1]) % array(_CODE).itemsize == 0 and isinstance(entry[2], int)
        and isinstance(entry[3], dict)
        and isinstance(entry[4], tuple)
    )


def _well_formed_value(key: object, value: object) -> bool:
    return (
        isinstance(key, tuple) and len(key) == 3 and isinstance(key[0], str)
        and isinstance(key[1], str) and isinstance(key[2], int)
        and (value is None or isinstance(value, str))
    )


def _save() -> None:
    """Write the cache if this process compiled anything new (atomically; errors ignored)."""
    if not _dirty or _entries is None:
        return
    path = _cache_file()
    if path is None:
        return
    try:
        # Only what this process used: patterns of older versions do not pile up.
        payload = marshal.dumps((
            {k: v for k, v in _entries.items() if k in _used},
            {k: v for k, v in _values.items() if k in _used_values},
            {k: v for k, v in _data.items() if k in _used_data},
        ))
        data = _HEADER + _checksum(payload) + payload
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".regex-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except (OSError, ValueError):
        pass


def _compile_entry(source: str, flags: int) -> _Entry:
    """What ``re._compiler.compile`` computes before handing over to the engine."""
    parsed = _parser.parse(source, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (int(flags | parsed.state.flags), array(_CODE, code).tobytes(),
            parsed.state.groups - 1, groupindex, tuple(indexgroup))


def compile_cached(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, from the disk cache when it holds this pattern."""
    global _dirty
    flags = int(flags)
    if _ENGINE is None or _cache_file() is None:
        return re.compile(source, flags)
    try:
        entries = _load()
        _used.add((source, flags))
        entry = entries.get((source, flags))
        if entry is None:
            entry = _compile_entry(source, flags)
            entries[(source, flags)] = entry
            _dirty = True
        final_flags, program, groups, groupindex, indexgroup = entry
        code = array(_CODE)
        code.frombytes(program)
        pattern: re.Pattern[str] = _ENGINE.compile(
            source, final_flags, code.tolist(), groups, groupindex, indexgroup
        )
        return pattern
    except Exception:  # any change in the engine's internals: compile as usual
        return re.compile(source, flags)


def cached_text(kind: str, key: str, compute: Callable[[], str]) -> str:
    """``compute()``, a string that ``kind`` and ``key`` determine (a regex source built from
    a list of words: ``key`` holds the words), from the disk cache when it holds it."""
    if _ENGINE is None or _cache_file() is None:
        return compute()
    _load()
    # -1: no flags (a text, not a value of a compiled pattern)
    return _kept(_values, _used_values, (kind, key, -1), compute, lambda v: v is not None)


def cached_value(
    kind: str, source: str, flags: int, compute: Callable[[], frozenset[str] | None]
) -> frozenset[str] | None:
    """``compute()``, a value derived from the pattern ``source`` (compiled with ``flags``)
    that ``kind`` names, from the disk cache when it holds it."""
    global _dirty
    if _ENGINE is None or _cache_file() is None:
        return compute()
    _load()
    key = (kind, source, int(flags))
    if key in _values:
        _used_values.add(key)
        stored = _values[key]
        return None if stored is None else frozenset(stored.split(_SEP) if stored else ())
    value = compute()
    if value is None or ("" not in value and not any(_SEP in v for v in value)):
        # (else not kept: it would not read back the same)
        _values[key] = None if value is None else _SEP.join(sorted(value))
        _used_values.add(key)
        _dirty = True
    return value


def cached_data(
    kind: str, key: str, compute: Callable[[], object], valid: Callable[[object], bool]
) -> object:
    """``compute()``, plain data (what :mod:`marshal` writes: tuples, lists, dicts, strings,
    numbers) that ``kind`` and ``key`` determine, from the disk cache when it holds it and
    ``valid`` accepts what it holds (the caller knows the shape it needs)."""
    if _ENGINE is None or _cache_file() is None:
        return compute()
    _load()
    return _kept(_data, _used_data, (kind, key), compute, valid)


_K = TypeVar("_K")
_V = TypeVar("_V")


def _kept(table: dict[_K, Any], used: set[_K], key: _K, compute: Callable[[], _V],
          valid: Callable[[Any], bool]) -> _V:
    """What ``table`` holds at ``key`` if ``valid`` accepts it, else ``compute()``, kept
    there; either way marked used (the file keeps only what a process used)."""
    global _dirty
    used.add(key)
    stored = table.get(key)
    if stored is not None and valid(stored):
        return cast(_V, stored)
    value = table[key] = compute()
    _dirty = True
    return value
