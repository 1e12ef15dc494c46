"""Reading articles: encodings, binaries, missing paths, streaming and atomic output."""

from __future__ import annotations

import io
import os
import socket
import stat
import threading
from pathlib import Path

import pytest

from factsheet.errors import (
    BinaryInputError,
    EncodingError,
    ExitCode,
    InputError,
    OutputError,
    UsageError,
)
from factsheet.sources.io import TextStream, atomic_write, read_article, seed_path

ARTICLE = "أعلنت الوزارة يوم الثلاثاء 17 ماي 2022 عن افتتاح المعرض الدولي للكتاب في الرباط.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_is_read_as_is(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "a.txt", ARTICLE.encode()))
    assert article.text == ARTICLE
    assert article.encoding.codec == "utf-8"
    assert article.warnings == ()


def test_utf8_bom_is_removed_so_offsets_start_at_the_text(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode()))
    assert article.text == ARTICLE
    assert article.encoding.label == "UTF-8 (BOM)"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_in_either_byte_order(tmp_path: Path, codec: str) -> None:
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    article = read_article(write(tmp_path, "u16.txt", bom + ARTICLE.encode(codec)))
    assert article.text == ARTICLE


def test_windows_1256_arabic_is_decoded_with_a_warning(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "old.txt", ARTICLE.encode("cp1256")))
    assert article.text == ARTICLE
    assert article.encoding.codec == "cp1256"
    assert "Windows-1256" in article.warnings[0]
    assert "--encoding" in article.warnings[0]


def test_latin_text_in_a_legacy_encoding_is_not_guessed(tmp_path: Path) -> None:
    french = "Le ministère a annoncé l'ouverture du salon le 17 mai à Rabat, été 2022.".encode(
        "cp1252"
    )
    with pytest.raises(EncodingError) as caught:
        read_article(write(tmp_path, "fr.txt", french))
    assert "not valid UTF-8" in caught.value.message
    assert caught.value.hint is not None and "--encoding" in caught.value.hint
    assert caught.value.exit_code == ExitCode.ENCODING


def test_a_few_arabic_bytes_are_not_enough_to_be_certain(tmp_path: Path) -> None:
    with pytest.raises(EncodingError):
        read_article(write(tmp_path, "short.txt", "في ماي".encode("cp1256")))


def test_explicit_encoding_overrides_detection(tmp_path: Path) -> None:
    data = ARTICLE.encode("iso-8859-6")
    assert read_article(write(tmp_path, "iso.txt", data), encoding="iso-8859-6").text == ARTICLE


def test_explicit_encoding_must_fit_the_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.txt", "ماي".encode() + b"\xff")
    with pytest.raises(EncodingError) as caught:
        read_article(path, encoding="utf-8")
    assert caught.value.offset == 6


def test_unknown_encoding_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown encoding 'arabic-please'"):
        read_article(write(tmp_path, "a.txt", b"x"), encoding="arabic-please")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x7fELF\x02\x01\x01" + bytes(64), "executable"),
        (b"\x1f\x8b\x08\x00" + os.urandom(64), "gzip"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        ("17 ماي".encode() + b"\x00\x00", "NUL byte at offset 9"),
        (bytes([1, 2, 3, 4, 5, 6]) * 20 + b"text", "control characters"),
    ],
)
def test_binary_content_is_refused(tmp_path: Path, data: bytes, what: str) -> None:
    with pytest.raises(BinaryInputError) as caught:
        read_article(write(tmp_path, "blob", data))
    assert what in caught.value.message
    assert caught.value.exit_code == ExitCode.INPUT


def test_escape_sequences_alone_do_not_make_text_binary(tmp_path: Path) -> None:
    pasted = "\x1b[1mعاجل\x1b[0m: الاجتماع يوم 20 ماي 2022\n" * 3
    assert read_article(write(tmp_path, "pasted.txt", pasted.encode())).text == pasted


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", b"\xef\xbb\xbf"])
def test_empty_or_blank_input_is_a_valid_article(tmp_path: Path, data: bytes) -> None:
    assert read_article(write(tmp_path, "empty.txt", data)).text.strip() == ""


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or directory"):
        read_article(tmp_path / "absent.txt")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_article(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", b"x")
    path.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_article(path)


def test_stdin_is_read_with_a_dash() -> None:
    stdin = io.BytesIO(ARTICLE.encode("utf-16"))
    assert read_article("-", stdin=stdin).text == ARTICLE


def test_the_seed_ships_with_the_package() -> None:
    assert "ماي" in read_article(seed_path()).text


def test_stream_gives_the_same_text_whatever_the_block_size(tmp_path: Path) -> None:
    text = ARTICLE * 50
    path = write(tmp_path, "long.txt", text.encode())
    # Blocks of 7 bytes cut two-byte Arabic letters in half: the decoder must rejoin them.
    for block in (7, 64, 1 << 20):
        with TextStream(path, block_size=block) as stream:
            assert "".join(stream) == text


def test_stream_reports_progress_in_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, "long.txt", (ARTICLE * 10).encode())
    seen: list[int] = []
    with TextStream(path, block_size=100, on_progress=seen.append) as stream:
        "".join(stream)
    assert seen[-1] == path.stat().st_size
    assert seen == sorted(seen)


def test_stream_reports_invalid_bytes_far_into_the_input(tmp_path: Path) -> None:
    good = ARTICLE.encode() * 20
    path = write(tmp_path, "late.txt", good + b"\xff" + good)
    with TextStream(path, block_size=256) as stream, pytest.raises(EncodingError) as caught:
        "".join(stream)
    assert caught.value.offset == len(good)


def test_stream_errors_about_the_start_come_before_any_text(tmp_path: Path) -> None:
    with pytest.raises(BinaryInputError):
        TextStream(write(tmp_path, "z.gz", b"\x1f\x8b\x08" + bytes(10)))


def test_atomic_write_replaces_the_file_at_the_end(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    with atomic_write(target) as f:
        f.write("new")
        assert target.read_text() == "old"
    assert target.read_text() == "new"
    assert os.listdir(tmp_path) == ["out.json"]


def test_atomic_write_leaves_nothing_behind_on_error(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    with pytest.raises(KeyboardInterrupt), atomic_write(target) as f:
        f.write("half")
        raise KeyboardInterrupt
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.json"]


def test_atomic_write_into_a_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"), atomic_write(
        tmp_path / "no" / "out.txt"
    ):
        pass


def _read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    """Start a reader of the FIFO ``path`` (a writer blocks until one opens it)."""

    def read() -> None:
        with open(path, "rb") as f:
            into.append(f.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def test_atomic_write_writes_through_a_fifo_and_leaves_it_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = _read_fifo(fifo, got)
    with atomic_write(fifo) as f:
        f.write("عبر الأنبوب\n")
    reader.join(5)
    assert got == ["عبر الأنبوب\n".encode()]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert os.listdir(tmp_path) == ["pipe"]


def test_atomic_write_follows_a_symlink_to_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link"
    link.symlink_to(fifo)
    got: list[bytes] = []
    reader = _read_fifo(fifo, got)
    with atomic_write(link) as f:
        f.write("x")
    reader.join(5)
    assert got == [b"x"]
    assert link.is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_atomic_write_through_a_symlink_replaces_its_target_not_the_link(
    tmp_path: Path,
) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with atomic_write(link) as f:
        f.write("new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(os.listdir(tmp_path)) == ["link.txt", "real.txt"]


def test_atomic_write_through_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "made.txt")
    with atomic_write(link) as f:
        f.write("new")
    assert link.is_symlink() and (tmp_path / "made.txt").read_text() == "new"


def test_atomic_write_keeps_the_mode_of_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    target.chmod(0o644)
    with atomic_write(target) as f:
        f.write("new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_atomic_write_gives_a_new_file_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        with atomic_write(tmp_path / "new.json") as f:
            f.write("x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


def test_atomic_write_refuses_a_socket(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(OutputError, match="is a socket"), atomic_write(path) as f:
            f.write("x")
    finally:
        server.close()
    assert stat.S_ISSOCK(os.lstat(path).st_mode)
