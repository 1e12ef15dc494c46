"""Reading articles: paths or stdin, bytes to text, encodings, binaries, huge input.

Library code (no CLI framework). Every failure is a :mod:`factsheet.errors` exception with a
one-line message. The rules, in order:

1. ``-`` is stdin; a missing file, a directory or an unreadable file is an :class:`InputError`.
2. A byte-order mark decides: UTF-8 (BOM removed), UTF-16 or UTF-32 (either endianness).
3. NUL bytes, a known binary signature (gzip, zip, PDF, PNG…) or many control characters:
   :class:`BinaryInputError`. (ESC is not counted: pasted text may carry colour codes; the
   renderers neutralise them on output.)
4. Valid UTF-8 is UTF-8.
5. Otherwise, Windows-1256 when that is certain (the bytes read as Arabic words in cp1256),
   with a warning; else :class:`EncodingError` with a hint to pass ``--encoding``.

``encoding=`` overrides detection (the text must then be valid in it); only text encodings
are accepted (not ``base64``, ``zlib``, ``rot13`` …). Empty or whitespace-only input is a
valid, empty article. Offsets computed on the returned text are code-point offsets into the
text as decoded (a BOM is not part of it). A lone surrogate that a decoder lets through
(``unicode_escape`` of ``\ud800``) becomes U+FFFD, one character for one.

An article read whole (:func:`read_article`) has at most :data:`MAX_ARTICLE_BYTES`; a larger
one, or an endless one (``/dev/zero``, ``yes |``), is an :class:`InputError` once that many
bytes are read, never a process that reads until memory runs out. :class:`TextStream` reads
any size in bounded memory.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from ..errors import BinaryInputError, EncodingError, InputError, OutputError, UsageError

STDIN = "-"
BLOCK_SIZE = 1 << 20
"""Bytes read at a time when streaming."""
SNIFF_SIZE = 1 << 16
"""Bytes looked at to decide binary / encoding."""
MAX_ARTICLE_BYTES = 8 << 20
"""Most bytes of an article read whole (a fact sheet, an article of a corpus): far more than
any news article, and a bound on the memory of one (``factsheet dates FILE`` streams)."""

_ENCODING_HINT = "pass --encoding NAME (e.g. --encoding cp1256 for old Arabic archives)"

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32 (BOM)"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32 (BOM)"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 (BOM)"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16 (BOM)"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16 (BOM)"),
)

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "a gzip archive"),
    (b"PK\x03\x04", "a zip archive (or an Office document)"),
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-zip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# C0 controls other than TAB, LF, VT, FF, CR and ESC, plus DEL.
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_MAX_CONTROL_RATIO = 0.10

_ARABIC_LETTER = re.compile("[\u0621-\u063a\u0641-\u064a]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_MIN_ARABIC_LETTERS = 20
_MIN_ARABIC_SHARE = 0.8


@dataclass(frozen=True, slots=True)
class Encoding:
    """How the bytes of an input are decoded. ``warning`` is set when it was a guess."""

    codec: str
    label: str
    warning: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One article read from a file or stdin."""

    text: str
    source: str
    encoding: Encoding

    @property
    def warnings(self) -> tuple[str, ...]:
        return () if self.encoding.warning is None else (self.encoding.warning,)


def source_name(path: str | os.PathLike[str]) -> str:
    """The name of an input as shown to users and written in ``source`` (``-`` for stdin)."""
    return os.fspath(path)


def seed_path() -> Path:
    """The seed article shipped inside the package (the default of ``factsheet``)."""
    seeds = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
    if not seeds:  # pragma: no cover - a broken installation
        raise InputError("the embedded seed article is missing from this installation")
    return seeds[0]


@contextmanager
def open_input(
    path: str | os.PathLike[str], *, stdin: BinaryIO | None = None, regular_only: bool = False
) -> Iterator[BinaryIO]:
    """Open ``path`` (or stdin for ``-``) for binary reading, with one-line errors.

    With ``regular_only`` (files found in a folder) anything but a regular file is refused
    before a byte is read: a FIFO would block, a device (``/dev/zero``) never ends.
    """
    name = source_name(path)
    if name == STDIN:
        if stdin is None and sys.stdin is None:  # started with stdin closed (0<&-)
            raise InputError("-: stdin is closed", hint="give a FILE, or pipe the article in")
        yield stdin if stdin is not None else sys.stdin.buffer
        return
    try:
        f = _open_regular(path, name) if regular_only else open(path, "rb")  # noqa: SIM115
    except FileNotFoundError:
        raise InputError(f"{name}: no such file or directory") from None
    except IsADirectoryError:
        raise InputError(
            f"{name}: is a directory, not a file", hint="give the path of an article file"
        ) from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as e:
        raise InputError(f"{name}: cannot open: {e.strerror or e}") from None
    with f:
        yield f


def _open_regular(path: str | os.PathLike[str], name: str) -> BinaryIO:
    """Open a regular file; anything else is an :class:`InputError`. ``O_NONBLOCK`` keeps
    the opening of a FIFO from waiting for a writer."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(name)
        if not stat.S_ISREG(mode):
            raise InputError(f"{name}: not a regular file ({file_kind(mode)})",
                             hint="only regular files are read in a folder")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words (``a FIFO``, ``a socket`` …)."""
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISDIR, "a directory"), (stat.S_ISREG, "a regular file"))
    return next((what for test, what in kinds if test(mode)), "not a regular file")


def _read(f: BinaryIO, size: int, name: str) -> bytes:
    try:
        return f.read(size)
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a file") from None
    except OSError as e:
        raise InputError(f"{name}: cannot read: {e.strerror or e}") from None


def check_binary(sample: bytes, name: str) -> None:
    for magic, what in _SIGNATURES:
        if sample.startswith(magic):
            raise BinaryInputError(f"{name}: binary content ({what}), not text")
    nul = sample.find(b"\x00")
    if nul >= 0:
        raise BinaryInputError(f"{name}: binary content (NUL byte at offset {nul}), not text")
    if sample:
        controls = len(sample.translate(None, _NOT_CONTROL))
        if controls / len(sample) > _MAX_CONTROL_RATIO:
            raise BinaryInputError(f"{name}: binary content (control characters), not text")


def _is_certainly_cp1256_arabic(sample: bytes) -> bool:
    """True when ``sample`` reads as Arabic prose in Windows-1256 (not merely decodes)."""
    text = sample.decode("cp1256", errors="replace")
    arabic = len(_ARABIC_LETTER.findall(text))
    if arabic < _MIN_ARABIC_LETTERS:
        return False
    letters = sum(1 for c in text if c.isalpha())
    return arabic >= _MIN_ARABIC_SHARE * letters and "ال" in text


def _utf8_error(sample: bytes, complete: bool) -> UnicodeDecodeError | None:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
    except UnicodeDecodeError as e:
        return e
    return None


def lookup_encoding(name: str) -> Encoding:
    """The :class:`Encoding` for a user-given name; :class:`UsageError` if Python lacks it."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise UsageError(
            f"unknown encoding {name!r}", hint="e.g. utf-8, utf-16, cp1256, iso-8859-6"
        ) from None
    # base64, hex, zlib, rot13 … transform bytes (or text), they do not decode text; and
    # "undefined" refuses every byte.
    if not getattr(info, "_is_text_encoding", True) or info.name == "undefined":
        raise UsageError(
            f"{name!r} is not a text encoding", hint="e.g. utf-8, utf-16, cp1256, iso-8859-6"
        )
    return Encoding(codec=info.name, label=info.name)


def detect_encoding(sample: bytes, *, complete: bool, source: str = STDIN) -> Encoding:
    """Decide how to decode an input from its first bytes (see the module docstring).

    ``complete`` says whether ``sample`` is the whole input (else it may end mid-character).
    """
    for bom, codec, label in _BOMS:
        if sample.startswith(bom):
            return Encoding(codec, label)
    check_binary(sample[:SNIFF_SIZE], source)
    error = _utf8_error(sample, complete)
    if error is None:
        return Encoding("utf-8", "UTF-8")
    if _is_certainly_cp1256_arabic(sample[:SNIFF_SIZE]):
        return Encoding(
            "cp1256",
            "Windows-1256",
            warning=f"{source}: not UTF-8; decoded as Windows-1256 (Arabic). "
            "Pass --encoding to choose another encoding.",
        )
    raise EncodingError(
        f"{source}: not valid UTF-8 (byte 0x{sample[error.start]:02x} at offset {error.start}) "
        "and the encoding cannot be guessed with certainty",
        hint=_ENCODING_HINT,
        offset=error.start,
    )


def _decode_error(name: str, enc: Encoding, error: UnicodeDecodeError, base: int) -> EncodingError:
    offset = base + error.start
    return EncodingError(
        f"{name}: not valid {enc.label} at byte offset {offset} ({error.reason})",
        hint=_ENCODING_HINT,
        offset=offset,
    )


def decode_bytes(
    data: bytes, *, encoding: str | None = None, source: str = STDIN
) -> tuple[str, Encoding]:
    """Decode a whole input: ``(text, encoding used)``."""
    if encoding:
        enc = lookup_encoding(encoding)
    else:
        enc = detect_encoding(data, complete=True, source=source)
    try:
        return no_surrogates(data.decode(enc.codec)), enc
    except UnicodeDecodeError as e:
        raise _decode_error(source, enc, e, 0) from None


def no_surrogates(text: str) -> str:
    """``text`` with lone surrogates (which no UTF-8 output can hold) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def read_article(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    stdin: BinaryIO | None = None,
    limit: int = MAX_ARTICLE_BYTES,
    regular_only: bool = False,
) -> Article:
    """Read and decode a whole article from ``path`` (``-`` for stdin).

    At most ``limit`` bytes are read: a larger input is an :class:`InputError`. Binary
    content is refused from the first block, so ``/dev/zero`` fails at once.
    ``regular_only`` refuses anything but a regular file (see :func:`open_input`).
    """
    name = source_name(path)
    if encoding:
        lookup_encoding(encoding)
    with open_input(path, stdin=stdin, regular_only=regular_only) as f:
        data = _read_whole(f, name, limit, sniff=not encoding)
    text, enc = decode_bytes(data, encoding=encoding, source=name)
    return Article(text=text, source=name, encoding=enc)


def _read_whole(f: BinaryIO, name: str, limit: int, *, sniff: bool) -> bytes:
    """All of ``f``, read block by block; :class:`InputError` past ``limit`` bytes. With
    ``sniff``, the first block is checked for binary content before reading on."""
    blocks: list[bytes] = []
    size = 0
    while size <= limit:
        block = _read(f, min(BLOCK_SIZE, limit + 1 - size), name)
        if not block:
            return b"".join(blocks)
        if sniff and not blocks and not any(block.startswith(bom) for bom, _, _ in _BOMS):
            check_binary(block[:SNIFF_SIZE], name)
        blocks.append(block)
        size += len(block)
    raise InputError(
        f"{name}: larger than {_size_text(limit)}: too large to read as one article",
        hint="factsheet dates FILE reads a text of any size in windows",
    )


def _size_text(size: int) -> str:
    return f"{size >> 20} MiB" if size >= 1 << 20 and not size % (1 << 20) else f"{size:,} bytes"


class TextStream:
    """An input decoded block by block, in bounded memory: iterate to get text chunks.

    The encoding is decided on construction from the first block, so that errors about the
    input come before any output. Later decoding errors raise :class:`EncodingError` during
    iteration. ``on_progress(bytes_read)`` (settable) is called after each block; ``size`` is
    the input's size in bytes when known (a regular file). Use as a context
    manager (or call :meth:`close`) to close the file.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        encoding: str | None = None,
        stdin: BinaryIO | None = None,
        block_size: int = BLOCK_SIZE,
        on_progress: Callable[[int], None] | None = None,
    ) -> None:
        self.source = source_name(path)
        self._block_size = max(block_size, 1)
        self.on_progress = on_progress
        self._opener: AbstractContextManager[BinaryIO] | None = open_input(path, stdin=stdin)
        self._file = self._opener.__enter__()
        try:
            self.size = self._size()
            first = self._read_block()
            self.encoding = (
                lookup_encoding(encoding)
                if encoding
                else detect_encoding(first, complete=len(first) < self._block_size,
                                     source=self.source)
            )
        except BaseException:
            self.close()
            raise
        self._first = first

    def _size(self) -> int | None:
        try:
            st = os.fstat(self._file.fileno())
        except (OSError, AttributeError, ValueError):
            return None
        return st.st_size if stat.S_ISREG(st.st_mode) else None

    def _read_block(self) -> bytes:
        # read() on a pipe may return short: fill the block unless at EOF.
        parts: list[bytes] = []
        want = self._block_size
        while want > 0:
            data = _read(self._file, want, self.source)
            if not data:
                break
            parts.append(data)
            want -= len(data)
        return b"".join(parts)

    @property
    def warnings(self) -> tuple[str, ...]:
        return () if self.encoding.warning is None else (self.encoding.warning,)

    def __iter__(self) -> Iterator[str]:
        enc = self.encoding
        decoder = codecs.getincrementaldecoder(enc.codec)()
        check_nul = not enc.codec.startswith(("utf-16", "utf-32"))
        block, base = self._first, 0
        self._first = b""
        while True:
            final = len(block) < self._block_size
            if check_nul and b"\x00" in block:
                at = base + block.index(b"\x00")
                raise BinaryInputError(
                    f"{self.source}: binary content (NUL byte at offset {at}), not text"
                )
            try:
                text = no_surrogates(decoder.decode(block, final=final))
            except UnicodeDecodeError as e:
                raise _decode_error(self.source, enc, e, base) from None
            if self.on_progress is not None:
                self.on_progress(base + len(block))
            if text:
                yield text
            if final:
                break
            base += len(block)
            block = self._read_block()
        self.close()

    def close(self) -> None:
        opener, self._opener = self._opener, None
        if opener is not None:
            opener.__exit__(None, None, None)

    def __enter__(self) -> TextStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def atomic_write(path: str | os.PathLike[str], *, encoding: str = "utf-8") -> Iterator[TextIO]:
    """Write a text file all at once: a temporary file in the same directory, fsync, rename.

    If the block raises (an error, Ctrl-C), the temporary file is removed and ``path`` is
    left as it was: never half written. Only regular files are replaced that way:

    * a symbolic link is followed, and its final target is written (the link stays a link);
    * a character device or a FIFO (``/dev/null``, a named pipe), and a file the process
      already has open (``/dev/stdout``, ``/dev/fd/N``), are written through, as a shell's
      ``>`` would: never replaced by a regular file;
    * a block device, a socket or a directory is refused with an :class:`OutputError`.

    An existing file keeps its permission bits; a new one gets the mode a shell's ``>``
    would give it (``0666`` less the umask).
    """
    name = os.fspath(path)
    target = Path(os.path.realpath(name))
    try:
        st: os.stat_result | None = os.stat(name)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise OutputError(f"{name}: cannot write: {e.strerror or e}") from None
    if st is not None and (
        stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode) or _is_open_file(name)
    ):
        # a file already open is appended to: the shell's ``>`` or ``>>`` decided the rest
        with _write_through(Path(name), name, encoding, append=_is_open_file(name)) as f:
            yield f
        return
    if st is not None and not stat.S_ISREG(st.st_mode):
        kind = "a directory" if stat.S_ISDIR(st.st_mode) else _special_kind(st.st_mode)
        raise OutputError(f"{name}: is {kind}", hint="give a regular file name to --output")
    directory = target.parent
    try:
        # the name cut short: a long file name plus the suffixes would be too long a name
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:64]}.", suffix=".tmp", dir=directory)
    except FileNotFoundError:
        raise OutputError(f"{name}: directory {os.fspath(directory)!r} does not exist") from None
    except OSError as e:
        raise OutputError(f"{name}: cannot write: {e.strerror or e}") from None
    try:
        os.chmod(tmp, stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask())
        with open(fd, "w", encoding=encoding, newline="") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException as e:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(e, OSError) and not isinstance(e, BrokenPipeError):
            raise OutputError(f"{name}: cannot write: {e.strerror or e}") from None
        raise


@contextmanager
def _write_through(
    target: Path, name: str, encoding: str, *, append: bool = False
) -> Iterator[TextIO]:
    """Write straight into a character device or FIFO (nothing to replace, nothing to undo)."""
    try:
        f = open(target, "a" if append else "w", encoding=encoding, newline="")  # noqa: SIM115
    except OSError as e:
        raise OutputError(f"{name}: cannot write: {e.strerror or e}") from None
    try:
        with f:
            yield f
            f.flush()
    except OSError as e:
        if isinstance(e, BrokenPipeError):
            raise
        raise OutputError(f"{name}: cannot write: {e.strerror or e}") from None


def _is_open_file(name: str) -> bool:
    """Whether ``name`` is, or leads through symbolic links to, one of this process's open
    files (``/dev/stdout`` → ``/proc/self/fd/1``, ``/dev/fd/N``)."""
    for _ in range(40):  # the kernel's own limit on a chain of links
        if re.fullmatch(r"/proc/\d+/fd", os.path.realpath(os.path.dirname(name) or ".")):
            return True
        if not os.path.islink(name):
            return False
        name = os.path.join(os.path.dirname(name), os.readlink(name))
    return False


def _special_kind(mode: int) -> str:
    return file_kind(mode)


def _umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
