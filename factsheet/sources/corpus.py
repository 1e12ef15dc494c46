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

import datetime as dt
import fnmatch
import json
import os
import re
import signal
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple, TypedDict, TypeVar

from ..dates.engine import find_dates
from ..dates.model import Mention
from ..dates.published import PublishedDate
from ..dates.published import dated_mentions as published_dated_mentions
from ..errors import FactsheetError
from ..schema import MentionJSON, PublishedJSON, mention_json, published_json, value_json
from .io import read_article

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
    lines: Iterable[str], source: str, published: str | None = None
) -> Iterator[Article]:
    """Articles from JSON Lines: one object per line with ``text``, ``id`` and an optional
    ``published`` date. Blank lines are skipped; a bad line becomes an article with an error.
    """
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Article(id=where, error=f"line {lineno}: invalid JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict):
            yield Article(id=where, error=f"line {lineno}: expected a JSON object")
            continue
        raw_id = obj.get("id")
        article_id = where if raw_id is None else str(raw_id)
        text = obj.get("text")
        pub = obj.get("published", published)
        if not isinstance(text, str):
            yield Article(id=article_id, error=f"line {lineno}: no \"text\" string")
        elif pub is not None and not isinstance(pub, str):
            yield Article(id=article_id, error=f"line {lineno}: \"published\" is not a string")
        else:
            yield Article(id=article_id, text=text, published=pub)


def iter_articles(
    inputs: Iterable[str | Path],
    *,
    glob: str = DEFAULT_GLOB,
    jsonl: bool | None = None,
    published: str | None = None,
    stdin: Iterable[str] | None = None,
) -> Iterator[Article]:
    """Lazily describe every article named by ``inputs``, in order.

    Each input is a file, a folder (walked recursively for files matching ``glob``), or
    ``-`` for standard input. With ``jsonl=True`` files (and stdin) are JSON Lines, one
    article per line; with ``jsonl=None`` a file is JSON Lines when its name ends in
    ``.jsonl`` or ``.ndjson``. A path that does not exist is still yielded: processing it
    gives an error record, so one bad name does not stop a corpus. ``published`` is the
    default publication date of articles that do not state their own.
    """
    for item in inputs:
        name = str(item)
        if name == "-":
            stream = sys.stdin if stdin is None else stdin
            if jsonl:
                yield from iter_jsonl(stream, "<stdin>", published)
            else:
                yield Article(id="-", text="".join(stream), published=published)
            continue
        path = Path(name)
        if path.is_dir():
            for file in iter_folder(path, glob):
                yield Article(id=str(file), path=str(file), published=published)
        elif jsonl or (jsonl is None and path.suffix.lower() in {".jsonl", ".ndjson"}):
            yield from _iter_jsonl_file(path, published)
        else:
            yield Article(id=name, path=name, published=published)


def _iter_jsonl_file(path: Path, published: str | None) -> Iterator[Article]:
    try:
        handle = path.open(encoding="utf-8-sig", errors="strict", newline=None)
    except OSError as exc:
        yield Article(id=str(path), path=str(path), error=_error_message(exc))
        return
    with handle:
        try:
            yield from iter_jsonl(handle, str(path), published)
        except UnicodeDecodeError as exc:
            yield Article(
                id=str(path), path=str(path),
                error=f"not UTF-8 text (byte offset {exc.start} in a line)",
            )


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


def _parse_date(value: str) -> dt.date:
    try:
        if len(value) != 10:
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


def _run_chunk(worker: Callable[[Article], R], chunk: Sequence[Article]) -> list[R]:
    return [worker(article) for article in chunk]


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


def _init_worker() -> None:
    """Workers leave Ctrl-C to the main process, which cancels the pending work."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _warm_up()


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

    Results stream: the first is yielded as soon as its chunk is done, while later chunks are
    still being processed. Chunks grow from ``chunksize // 16`` to ``chunksize`` articles.
    At most ``jobs * prefetch`` chunks are in flight, so the input is
    consumed lazily and memory stays flat. ``jobs=1`` runs in this process (no pool);
    ``jobs=0`` uses every available CPU. ``worker`` must be picklable (a top-level function
    or a :func:`functools.partial` of one) and should not raise (see :func:`process_article`).
    Closing the generator early cancels the pending work.
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
    _warm_up()  # forked workers inherit the loaded tables
    pending: deque[Future[list[R]]] = deque()
    limit = jobs * max(1, prefetch)
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker)
    try:
        for chunk in _chunks(articles, chunksize):
            pending.append(pool.submit(_run_chunk, worker, chunk))
            while len(pending) >= limit or (pending and pending[0].done()):
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


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
