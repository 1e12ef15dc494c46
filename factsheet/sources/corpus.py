"""Many articles at once: list a corpus, process it in parallel, merge the timelines.

The pieces are small and composable, so the same code runs in one process, in a pool of
worker processes, or unchanged on a distributed engine (see ``examples/dask_corpus.py``):

* :func:`iter_articles` turns paths, folders (recursive, with a glob) and JSON Lines files into
  lightweight :class:`Article` descriptors, lazily, so memory stays flat however large the
  corpus is. A text file is described by its path only; its text is read by the worker.
* :func:`process_article` is a pure, picklable, top-level function: one article in, one JSON
  record out. A failure (unreadable file, bad encoding, bad JSON line) becomes that record's
  ``error`` instead of an exception, so the rest of the corpus goes on.
* :func:`process_corpus` maps a worker over the articles with ``jobs`` processes, keeping a
  bounded amount of work in flight, and yields the results **in input order** as they arrive.
* :func:`timeline_article` gives the dated events of one article (from the fact sheet) and
  :func:`merge_timelines` merges those of many articles into one corpus timeline, listing
  the articles that mention each event.
"""

from __future__ import annotations

import codecs
import datetime as dt
import fnmatch
import io
import json
import os
import re
import stat
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal, NamedTuple, TextIO, TypedDict, TypeVar, cast

from ..dates.engine import find_dates
from ..dates.model import Mention
from ..dates.published import PublishedDate
from ..dates.published import dated_mentions as published_dated_mentions
from ..errors import FactsheetError
from ..schema import MentionJSON, PublishedJSON, mention_json, published_json, value_json
from .io import (
    MAX_ARTICLE_BYTES,
    SNIFF_SIZE,
    STDIN,
    check_binary,
    file_kind,
    lookup_encoding,
    no_surrogates,
    read_article,
)

R = TypeVar("R")

DEFAULT_GLOB = "*.txt"
"""Files picked up in a folder when no ``--glob`` is given."""

DEFAULT_CHUNKSIZE = 64
"""Most articles sent to a worker at once. A small news article takes about a millisecond,
so a chunk of 64 makes the inter-process overhead negligible (measured: the main process
spends 0.2 s per 3,000 articles with chunks of 64, 1.4 s with chunks of 1). Chunks start
smaller and grow to this size (see :func:`process_corpus`)."""

CORPUS_TIMELINE_SCHEMA = "factsheet.corpus-timeline/1"


@dataclass(frozen=True, slots=True)
class Article:
    """One article of a corpus, as cheap to send to a worker as possible.

    A file is described by its ``path`` alone; ``text`` is set only for articles that come
    inline (a JSON Lines record, standard input). ``error`` is set when the article could not
    even be listed properly (an invalid JSON line): processing it yields an error record.
    """

    id: str
    path: str | None = None
    text: str | None = None
    published: str | None = None
    error: str | None = None


class DatesRecord(TypedDict):
    """One line of ``factsheet dates`` JSON Lines output over a corpus.

    ``published`` and ``dates`` are as in the ``factsheet.dates/1`` document of one article.
    """

    id: str
    path: str | None
    published: PublishedJSON
    dates: list[MentionJSON]
    error: str | None


# --------------------------------------------------------------------------- reading


def read_article_text(path: str, encoding: str | None = None) -> str:
    """The text of an article file, decoded as :func:`factsheet.io.read_article` does
    (UTF-8, UTF-16/32 with a BOM, Windows-1256 when certain, or ``encoding``)."""
    return read_article(path, encoding=encoding).text


def _error_message(exc: BaseException, path: str | None = None) -> str:
    """A one-line, human message for an exception raised while processing an article."""
    if isinstance(exc, FactsheetError):
        message = exc.message
        if path is not None and message.startswith(f"{path}: "):
            message = message[len(path) + 2:]  # the record already names the article
        return message if exc.hint is None else f"{message} (hint: {exc.hint})"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    message = str(exc).splitlines()[0] if str(exc) else ""
    if isinstance(exc, ValueError) and message:
        return message
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


# --------------------------------------------------------------------------- listing


def iter_folder(folder: str | Path, glob: str = DEFAULT_GLOB) -> Iterator[Path]:
    """Files under ``folder`` (recursively) whose name matches ``glob``, in a stable order.

    Directories are walked one at a time, each sorted by name, so the order is reproducible
    and only one directory listing is held in memory. A glob containing ``/`` is matched
    against the path relative to ``folder`` (``2022/*.txt``); otherwise against the name.
    Hidden files and folders (starting with ``.``) are skipped.
    """
    root = Path(folder)
    by_path = "/" in glob
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        base = Path(dirpath)
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = base / name
            target = path.relative_to(root).as_posix() if by_path else name
            if fnmatch.fnmatchcase(target, glob):
                yield path


def iter_jsonl(
    lines: Iterable[str | None], source: str, published: str | None = None,
    *, encoding: str = "UTF-8",
) -> Iterator[Article]:
    """Articles from JSON Lines: one object per line with ``text``, ``id`` and an optional
    ``published`` date. Blank lines are skipped; a bad line becomes an article with an error
    (invalid JSON, a number too long or nesting too deep to read, a line not valid in its
    encoding, or ``None`` for a line longer than :data:`~factsheet.sources.io.MAX_ARTICLE_BYTES`).
    """
    for lineno, line in enumerate(lines, start=1):
        where = f"{source}:{lineno}"
        if line is None:
            yield Article(id=where, error=f"line {lineno}: longer than "
                                          f"{MAX_ARTICLE_BYTES >> 20} MiB: too large")
            continue
        if not line.strip():
            continue
        bad = _BAD_BYTE.search(line)
        if bad is not None:
            byte = ord(bad.group()) - 0xDC00
            yield Article(id=where, error=f"line {lineno}: not valid {encoding} "
                                          f"(byte 0x{byte:02x})")
            continue
        try:
            article = _jsonl_article(line, lineno, where, published)
        except RecursionError:
            article = Article(id=where, error=f"line {lineno}: invalid JSON (nested too deep)")
        except ValueError as exc:  # JSONDecodeError, or an integer of thousands of digits
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else (
                f"a number of more than {sys.get_int_max_str_digits():,} digits"
                if "digits" in str(exc) else str(exc))
            article = Article(id=where, error=f"line {lineno}: invalid JSON ({reason})")
        yield article


_BAD_BYTE = re.compile("[\udc80-\udcff]")
_TEXT_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
"""An undecodable byte, as the ``surrogateescape`` error handler leaves it."""


def _jsonl_article(line: str, lineno: int, where: str, published: str | None) -> Article:
    obj = json.loads(line)
    if not isinstance(obj, dict):
        return Article(id=where, error=f"line {lineno}: expected a JSON object")
    raw_id = obj.get("id")
    if isinstance(raw_id, (dict, list)):
        return Article(id=where, error=f"line {lineno}: \"id\" is not a string or a number")
    article_id = where if raw_id is None else str(raw_id)
    text = obj.get("text")
    pub = obj.get("published", published)
    if not isinstance(text, str):
        return Article(id=article_id, error=f"line {lineno}: no \"text\" string")
    if pub is not None and not isinstance(pub, str):
        return Article(id=article_id, error=f"line {lineno}: \"published\" is not a string")
    return Article(id=article_id, text=no_surrogates(text), published=pub)


def _capped_lines(
    stream: io.TextIOBase | TextIO, limit: int = MAX_ARTICLE_BYTES
) -> Iterator[str | None]:
    """The lines of ``stream``; ``None`` for a line longer than ``limit`` characters, whose
    rest is skipped without being held in memory."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith("\n"):
            yield line
            continue
        while line and not line.endswith("\n"):
            line = stream.readline(limit)
        yield None


def _jsonl_stream(binary: BinaryIO, source: str, encoding: str | None) -> io.TextIOWrapper:
    """A text view of JSON Lines bytes (UTF-8 unless ``encoding``, a BOM dropped), where an
    invalid byte stays visible (``surrogateescape``) so that only its line fails."""
    codec = lookup_encoding(encoding).codec if encoding else "utf-8-sig"
    return io.TextIOWrapper(binary, encoding=codec, errors="surrogateescape", newline=None)


def _iter_jsonl_binary(
    binary: BinaryIO, source: str, published: str | None, encoding: str | None
) -> Iterator[Article]:
    reader = (binary if isinstance(binary, io.BufferedReader)
              else io.BufferedReader(cast(Any, binary)))  # e.g. a BytesIO given as stdin
    try:
        head = reader.peek(SNIFF_SIZE)[:SNIFF_SIZE]
        if not encoding and not any(head.startswith(bom) for bom in _TEXT_BOMS):
            check_binary(head, source)
    except FactsheetError as exc:
        yield Article(id=source, path=None if source == "<stdin>" else source,
                      error=_error_message(exc, source))
        return
    stream = _jsonl_stream(reader, source, encoding)
    try:
        yield from iter_jsonl(_capped_lines(stream), source, published,
                              encoding=encoding or "UTF-8")
    except UnicodeDecodeError as exc:  # a byte no error handler can keep (UTF-16 …)
        yield Article(id=source, error=f"not valid text from byte {exc.start} of a line on")
    finally:
        stream.detach()


def iter_articles(
    inputs: Iterable[str | Path],
    *,
    glob: str = DEFAULT_GLOB,
    jsonl: bool | None = None,
    published: str | None = None,
    stdin: Iterable[str] | None = None,
    encoding: str | None = None,
) -> Iterator[Article]:
    """Lazily describe every article named by ``inputs``, in order.

    Each input is a file, a folder (walked recursively for files matching ``glob``), or
    ``-`` for standard input. With ``jsonl=True`` files (and stdin) are JSON Lines, one
    article per line; with ``jsonl=None`` a file is JSON Lines when its name ends in
    ``.jsonl`` or ``.ndjson``. A path that does not exist is still yielded: processing it
    gives an error record, so one bad name does not stop a corpus; so is a file of a folder
    that is not a regular file (a FIFO, a link to ``/dev/zero``), with its error, unread.
    ``published`` is the default publication date of articles that do not state their own.

    Standard input (``stdin=None``: the process's) is read as bytes like a file: binary
    content, the encoding (detected, or ``encoding``) and the size limit are checked.
    ``stdin`` may instead be an iterable of text lines (already decoded).
    """
    for item in inputs:
        name = str(item)
        if name == "-":
            yield from _stdin_articles(stdin, jsonl=bool(jsonl), published=published,
                                       encoding=encoding)
            continue
        path = Path(name)
        if is_dir(path):
            for file in iter_folder(path, glob):
                yield _listed(file, published)
        elif jsonl or (jsonl is None and path.suffix.lower() in {".jsonl", ".ndjson"}):
            yield from _iter_jsonl_file(path, published, encoding)
        else:
            yield Article(id=name, path=name, published=published)


def is_dir(path: Path) -> bool:
    """``path.is_dir()``, false for a name the system refuses (too long, a loop of links)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _listed(file: Path, published: str | None) -> Article:
    """A file found in a folder; one that is not a regular file gets its error, unread."""
    try:
        mode = file.stat().st_mode
    except OSError as exc:
        return Article(id=str(file), path=str(file), published=published,
                       error=_error_message(exc))
    if not stat.S_ISREG(mode):
        return Article(id=str(file), path=str(file), published=published,
                       error=f"not a regular file ({file_kind(mode)}); not read")
    return Article(id=str(file), path=str(file), published=published)


def _stdin_articles(
    stdin: Iterable[str] | None, *, jsonl: bool, published: str | None, encoding: str | None
) -> Iterator[Article]:
    if stdin is not None:  # text lines given by the caller
        lines: Iterable[str | None] = (
            _capped_lines(stdin) if isinstance(stdin, io.TextIOBase) else stdin)
        if jsonl:
            yield from iter_jsonl(lines, "<stdin>", published)
        else:
            yield Article(id="-", text="".join(line or "" for line in lines),
                          published=published)
        return
    if jsonl:
        yield from _iter_jsonl_binary(sys.stdin.buffer, "<stdin>", published, encoding)
        return
    try:
        text = read_article(STDIN, encoding=encoding).text
    except FactsheetError as exc:
        yield Article(id="-", published=published, error=_error_message(exc, STDIN))
        return
    yield Article(id="-", text=text, published=published)


def _iter_jsonl_file(path: Path, published: str | None, encoding: str | None) -> Iterator[Article]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Article(id=str(path), path=str(path), error=_error_message(exc))
        return
    with handle:
        yield from _iter_jsonl_binary(handle, str(path), published, encoding)


# --------------------------------------------------------------------------- processing


def article_text(article: Article, encoding: str | None = None) -> str:
    """The article's text: inline, or read from its file. Raises on unreadable input."""
    if article.error is not None:
        raise ValueError(article.error)
    if article.text is not None:
        return article.text
    if article.path is None:
        raise ValueError("article has neither a path nor a text")
    return read_article_text(article.path, encoding)


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _parse_date(value: str) -> dt.date:
    try:
        if not _ISO_DAY.fullmatch(value):  # not 2022-W12-1 (fromisoformat takes weeks)
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"invalid published date {value!r}: not YYYY-MM-DD") from None


def dated_mentions(
    text: str, published: str | None, prefer: str | None = None
) -> tuple[list[Mention], PublishedDate]:
    """:func:`factsheet.published.dated_mentions` for a ``YYYY-MM-DD`` string (or None)."""
    given = _parse_date(published) if published is not None else None
    return published_dated_mentions(text, given, prefer=prefer)


def process_article(
    article: Article,
    published: str | None = None,
    encoding: str | None = None,
    prefer: str | None = None,
) -> DatesRecord:
    """Find the dates of one article: the record of ``factsheet dates`` over a corpus.

    The article's own ``published`` wins over the ``published`` default; with neither, the
    date is read from the article (as ``factsheet dates`` does). Pure and picklable (a
    top-level function of plain data), so it can be sent to worker processes or cluster
    nodes as is. Never raises for a bad article: the problem is reported in the record's
    ``error`` and ``dates`` is empty. ``prefer`` is that of :func:`factsheet.find_dates`.
    """
    pub = article.published if article.published is not None else published
    record: DatesRecord = {
        "id": article.id,
        "path": article.path,
        "published": published_json(pub, "given" if pub else "unknown"),
        "dates": [],
        "error": None,
    }
    try:
        text = article_text(article, encoding)
        mentions, found = dated_mentions(text, pub, prefer)
        record["published"] = published_json(found.iso, found.basis, found.interval)
        record["dates"] = [mention_json(m) for m in mentions]
    except Exception as exc:  # one bad article must not stop a corpus
        record["error"] = _error_message(exc, article.path)
    return record


class JsonLine(NamedTuple):
    """A record already serialised, with what the main process needs to report it."""

    id: str
    error: str | None
    line: str


def as_json_line(worker: Callable[[Article], Mapping[str, Any]], article: Article) -> JsonLine:
    """Run ``worker`` and serialise its record where it ran, so that the main process of a
    parallel run only writes lines (use ``partial(as_json_line, worker)`` as the worker)."""
    from ..render.safe import json_dumps

    record = worker(article)
    error = record.get("error")
    return JsonLine(str(record.get("id")), None if error is None else str(error),
                    json_dumps(record))


def sheet_article(
    article: Article,
    published: str | None = None,
    encoding: str | None = None,
    part: Literal["sheet", "timeline"] = "sheet",
    prefer: str | None = None,
) -> dict[str, Any]:
    """The fact sheet of one article as a corpus record: ``{"id", "path", "sheet", "error"}``
    with the ``factsheet.sheet/1`` document, or ``{"id", "path", "published", "events",
    "error"}`` for ``part="timeline"``. Pure and picklable like :func:`process_article`."""
    from ..facts.sheet import build_sheet
    from ..render.sheet_json import event_json, sheet_json

    pub = article.published if article.published is not None else published
    record: dict[str, Any] = {"id": article.id, "path": article.path}
    try:
        text = article_text(article, encoding)
        sheet = build_sheet(text, _parse_date(pub) if pub else None, source=article.path,
                            prefer=prefer)
        if part == "timeline":
            record["published"] = published_json(sheet.published.iso, sheet.published.basis,
                                                 sheet.published.interval)
            record["events"] = [event_json(e) for e in sheet.events]
        else:
            record["sheet"] = sheet_json(sheet)
        record["error"] = None
    except Exception as exc:  # one bad article must not stop a corpus
        if part == "timeline":
            record.update(published=None, events=[])
        else:
            record["sheet"] = None
        record["error"] = _error_message(exc, article.path)
    return record


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Chunks of ``items`` growing from ``size // 16`` to ``size`` articles: the first results
    come quickly and a small corpus is still shared by every worker, while a large one is
    sent in big chunks (less overhead per article)."""
    chunk: list[Article] = []
    current = max(1, size // 16)
    for item in items:
        chunk.append(item)
        if len(chunk) >= current:
            yield chunk
            chunk = []
            current = min(size, current * 2)
    if chunk:
        yield chunk


def _warm_up() -> None:
    """Load the engine's tables once, before the first real article."""
    find_dates("")


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def process_corpus(
    articles: Iterable[Article],
    worker: Callable[[Article], R] = process_article,  # type: ignore[assignment]
    *,
    jobs: int = 1,
    chunksize: int = DEFAULT_CHUNKSIZE,
    prefetch: int = 4,
) -> Iterator[R]:
    """Apply ``worker`` to every article with ``jobs`` processes; yield results in input order.

    Results stream: each is yielded as soon as it and those before it are done. Chunks grow
    from ``chunksize // 16`` to ``chunksize`` articles. At most ``jobs * prefetch`` chunks
    are in flight, so the input is consumed lazily and memory stays flat. ``jobs=1`` runs in
    this process (no pool); ``jobs=0`` uses every available CPU. ``worker`` must be picklable
    (a top-level function or a :func:`functools.partial` of one) and should not raise (see
    :func:`process_article`): it turns an article whose ``error`` is set into an error
    record. A worker process that dies on an article (killed, out of memory) is replaced
    and that article's result is ``worker`` of it with the cause as its ``error``
    (:mod:`factsheet.sources.pool`). Closing the generator early, or an exception in this
    process (Ctrl-C), terminates the workers at once.
    """
    if jobs < 0:
        raise ValueError("jobs must be >= 0")
    if chunksize < 1:
        raise ValueError("chunksize must be >= 1")
    jobs = jobs or default_jobs()
    if jobs == 1:
        for article in articles:
            yield worker(article)
        return
    from .pool import map_ordered

    _warm_up()  # forked workers inherit the loaded tables
    yield from map_ordered(worker, _chunks(articles, chunksize), jobs=jobs,
                           limit=jobs * max(1, prefetch), warm_up=_warm_up)


# --------------------------------------------------------------------------- timelines

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_WORD = re.compile(r"[^\W\d_]+")
_PREFIX = re.compile(r"^[وف]?(?:[بك]?ال|لل)")
_STOPWORD_LIST = """
    في من الى إلى على عن ان أن إن التي الذي الذين هذا هذه ذلك تلك مع بعد قبل ما لا لم لن
    كما حيث قد كان كانت وقد او أو ثم بين عند منذ حتى خلال حول لدى كل بعض غير اي أي هو هي
    هم انه أنه التى فيه فيها منها عليه عليها به بها له لها يوم اليوم امس أمس غدا عام سنة
    شهر الشهر العام السنة الماضي المقبل القادم الجاري الحالي يوما أيام بأن لأن كأن إذ إذا
    لكن بل عبر وفق نحو أكثر أقل وقال قال وأضاف أضاف وأكد أكد تم وتم الأول الأولى
"""
_STOPWORDS = frozenset(_STOPWORD_LIST.split())


def _fold(word: str) -> str:
    """A crude comparison key for an Arabic word: no diacritics, one alef, no ``ال``/``و``."""
    word = _DIACRITICS.sub("", word)
    word = re.sub("[أإآٱ]", "ا", word).replace("ى", "ي").replace("ة", "ه")
    return _PREFIX.sub("", word) if len(word) > 4 else word


_FOLDED_STOPWORDS = frozenset(_fold(w) for w in _STOPWORDS)


def content_words(text: str) -> list[str]:
    """The words of ``text`` that say what it is about: folded (no diacritics, one alef, no
    article), without numbers or function words. Used to tell events apart."""
    words = []
    for word in _WORD.findall(_DIACRITICS.sub("", text)):
        folded = _fold(word)
        if len(folded) > 1 and word not in _STOPWORDS and folded not in _FOLDED_STOPWORDS:
            words.append(folded)
    return words


def _is_absolute(value: Any) -> bool:
    """True for a calendar value a timeline can place (not a duration, a clock time, an
    unknown year or an unresolved relative expression)."""
    if isinstance(value, str):
        return bool(value) and value[0].isdigit()
    if isinstance(value, dict):
        return _is_absolute(value.get("start")) or _is_absolute(value.get("end"))
    if isinstance(value, list):
        return any(_is_absolute(v) for v in value)
    return False


def _sort_key(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("start") or value.get("end") or "")
    if isinstance(value, list):
        return min((_sort_key(v) for v in value), default="")
    return str(value)


class ArticleEvent(TypedDict):
    """One dated event of one article, as :func:`timeline_article` reports it."""

    value: Any
    type: str
    grain: str | None
    label: str
    place: str | None
    text: str
    start: int
    end: int
    words: list[str]


class TimelineRecord(TypedDict):
    """A per-article record fit for merging: its dated events."""

    id: str
    path: str | None
    published: str | None
    events: list[ArticleEvent]
    error: str | None


class TimelineMention(TypedDict):
    """One article's mention of a corpus event: its label there and the date's span."""

    id: str
    label: str
    text: str
    start: int
    end: int


class TimelineEvent(TypedDict):
    """One event of a corpus timeline and the articles that mention it."""

    value: Any
    type: str
    grain: str | None
    label: str
    place: str | None
    words: list[str]
    articles: list[str]
    mentions: list[TimelineMention]


class CorpusTimeline(TypedDict):
    schema: str
    articles: int
    failed: int
    events: list[TimelineEvent]


def timeline_article(
    article: Article,
    published: str | None = None,
    encoding: str | None = None,
    prefer: str | None = None,
) -> TimelineRecord:
    """The dated events of one article (:func:`factsheet.facts.sheet.build_sheet`), each
    with the words of its label and its place: what :func:`merge_timelines` needs.

    Events that no date expression of the text refers to (an article's own event known only
    from its publication date) and events without a calendar value are left out. Pure and
    picklable like :func:`process_article`.
    """
    from ..facts.sheet import build_sheet

    pub = article.published if article.published is not None else published
    record: TimelineRecord = {
        "id": article.id, "path": article.path, "published": pub, "events": [], "error": None,
    }
    try:
        text = article_text(article, encoding)
        sheet = build_sheet(text, _parse_date(pub) if pub else None, source=article.path,
                            prefer=prefer)
        record["published"] = sheet.published.iso
        for ev in sheet.events:
            value = value_json(ev.when)
            if not ev.mentions or not _is_absolute(value):
                continue
            m = next((m for m in ev.mentions if m.value == ev.when), ev.mentions[0])
            place = ev.where.place.name if ev.where else None
            record["events"].append({
                "value": value, "type": m.type, "grain": ev.grain, "label": ev.label,
                "place": place, "text": m.text, "start": m.start, "end": m.end,
                "words": content_words(f"{ev.label} {place or ''}"),
            })
    except Exception as exc:  # one bad article must not stop a corpus
        record["error"] = _error_message(exc, article.path)
    return record


def _related(a: Counter[str], b: set[str]) -> bool:
    """Do two sets of words speak of the same thing? (enough words in common)."""
    if not a or not b:
        return True  # nothing to tell them apart: the same date is the same event
    shared = sum(1 for w in b if w in a)
    return shared >= 1 and shared / min(len(a), len(b)) >= 0.2


def merge_timelines(records: Iterable[TimelineRecord]) -> CorpusTimeline:
    """Merge per-article timelines into one corpus timeline.

    Events with the same normalised value are one event when the words of their labels and
    places overlap (a 2018 *compact signed in Marrakech* in two articles is one event; the
    2018 *World Cup in Russia* in a third stays apart); an event without such words joins
    the first event of its value. Each event lists the articles that mention it, in input
    order, and takes the most frequent label and place. Events are sorted by date.
    """
    groups: dict[str, list[tuple[TimelineEvent, Counter[str]]]] = {}
    labels: dict[int, Counter[str]] = {}
    places: dict[int, Counter[str]] = {}
    total = failed = 0
    for record in records:
        total += 1
        if record.get("error"):
            failed += 1
            continue
        for ev in record["events"]:
            key = json.dumps(ev["value"], sort_keys=True)
            words = set(ev.get("words", []))
            candidates = groups.setdefault(key, [])
            found = next(((e, b) for e, b in candidates if _related(b, words)), None)
            if found is not None:
                event, bag = found
            else:
                event = {
                    "value": ev["value"], "type": ev["type"], "grain": ev.get("grain"),
                    "label": "", "place": None, "words": [], "articles": [], "mentions": [],
                }
                bag = Counter()
                candidates.append((event, bag))
            bag.update(words)
            labels.setdefault(id(event), Counter())[ev.get("label") or ev["text"]] += 1
            if ev.get("place"):
                places.setdefault(id(event), Counter())[str(ev["place"])] += 1
            if record["id"] not in event["articles"]:
                event["articles"].append(record["id"])
            event["mentions"].append({
                "id": record["id"], "label": ev.get("label", ""), "text": ev["text"],
                "start": ev["start"], "end": ev["end"],
            })
    events: list[TimelineEvent] = []
    for candidates in groups.values():
        for event, bag in candidates:
            event["label"] = labels[id(event)].most_common(1)[0][0]
            if id(event) in places:
                event["place"] = places[id(event)].most_common(1)[0][0]
            event["words"] = [w for w, _ in bag.most_common(5)]
            events.append(event)
    events.sort(key=lambda e: (_sort_key(e["value"]), -len(e["articles"])))
    return {
        "schema": CORPUS_TIMELINE_SCHEMA, "articles": total, "failed": failed, "events": events,
    }
