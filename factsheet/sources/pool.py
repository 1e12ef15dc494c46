"""Worker processes for a corpus: one bad article, or one dead worker, never stops the run.

:func:`map_ordered` sends chunks of articles to ``jobs`` worker processes (one chunk at a
time each, over a pipe) and yields one result per article, in input order, as soon as the
chunks before it are in. Each worker writes the index of the article it is on into a word
of shared memory (no message, no system call), so the main process always knows where a
worker was:

* a worker that dies (killed by a signal, by the out-of-memory killer, a crash in C code)
  is replaced; the article it was on gets the result of ``worker`` for that article with
  its ``error`` set (``the worker process was killed by signal SIGKILL …``), and the rest
  of its chunk goes to other workers;
* when the main process stops early (the generator closed, Ctrl-C, ``SystemExit`` from a
  SIGTERM handler), the workers are terminated at once (``SIGTERM``, then ``SIGKILL`` after
  :data:`STOP_GRACE` seconds), never waited for.

Workers ignore SIGINT (Ctrl-C reaches every process of the terminal's group; the main
process decides) and leave when their pipe closes, so none outlives the main process.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from .corpus import Article

R = TypeVar("R")

STOP_GRACE = 0.5
"""Seconds a terminated worker has to exit before it is killed."""


class WorkerError(RuntimeError):
    """``worker`` raised in a worker process (workers are meant to return error records)."""


def _worker_main(
    conn: Connection, on: Any, worker: Callable[[Article], Any],
    inherited: Sequence[Connection], warm_up: Callable[[], None] | None,
) -> None:
    """A worker process: ``(seq, start, articles)`` in, ``(seq, start, results)`` out; the
    index of the article being processed is kept in ``on.value`` (shared memory)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for other in inherited:  # the main process's ends of the other workers' pipes
        other.close()
    if warm_up is not None:
        warm_up()
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the main process is gone
        if message is None:
            return
        seq, start, articles = message
        results: list[Any] = []
        failure: WorkerError | None = None
        for i, article in enumerate(articles, start):
            on.value = i
            try:
                results.append(worker(article))
            except Exception as exc:  # reported to the main process, which raises it
                failure = WorkerError(f"{type(exc).__name__}: {exc}")
                break
        try:
            conn.send((seq, start, failure or results))
        except (BrokenPipeError, OSError):
            return


@dataclass(eq=False)
class _Chunk(Generic[R]):
    """Articles read together, and their results as they come back."""

    seq: int
    articles: list[Article]
    results: dict[int, R] = field(default_factory=dict)
    yielded: int = 0


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    on: Any
    """Shared memory: the index (in its chunk) of the article the worker is on."""
    chunk: _Chunk[Any] | None = None
    start: int = 0
    end: int = 0


_Range = tuple["_Chunk[Any]", int, int]
"""Articles ``start`` to ``end`` (excluded) of a chunk."""


def death_message(exitcode: int | None) -> str:
    """Why a worker process ended, in words."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = str(-exitcode)
        why = f"was killed by signal {name}"
    else:
        why = f"exited with code {exitcode}"
    return f"the worker process {why} while processing this article"


class _Pool(Generic[R]):
    def __init__(
        self, worker: Callable[[Article], R], jobs: int,
        warm_up: Callable[[], None] | None = None,
    ) -> None:
        self.worker = worker
        self.jobs = jobs
        self.warm_up = warm_up
        self.ctx = multiprocessing.get_context()
        self.workers: list[_Worker] = []

    def _start(self) -> _Worker:
        # A forked child flushes the standard streams when it ends: nothing of ours may be
        # waiting in their buffers, or it would be written twice.
        for stream in (sys.stdout, sys.stderr):
            with suppress(OSError, ValueError, AttributeError):
                stream.flush()
        ours, theirs = self.ctx.Pipe(duplex=True)
        on = self.ctx.RawValue("q", -1)
        inherited = ([w.conn for w in self.workers]
                     if self.ctx.get_start_method() == "fork" else [])
        process = self.ctx.Process(target=_worker_main,
                                   args=(theirs, on, self.worker, inherited, self.warm_up),
                                   daemon=True)
        process.start()
        theirs.close()
        w = _Worker(process, ours, on)
        self.workers.append(w)
        return w

    def _assign(self, w: _Worker, work: _Range) -> bool:
        """Send a range of articles to ``w``; False if ``w`` is gone."""
        chunk, start, end = work
        w.chunk, w.start, w.end = chunk, start, end
        w.on.value = start
        try:
            w.conn.send((chunk.seq, start, chunk.articles[start:end]))
        except (OSError, ValueError):
            return False
        return True

    def _receive(self, w: _Worker) -> bool:
        """Take the results ``w`` has sent; False when its pipe is closed."""
        try:
            while w.conn.poll():
                seq, start, results = w.conn.recv()
                if isinstance(results, WorkerError):
                    raise results
                assert w.chunk is not None and (seq, start) == (w.chunk.seq, w.start)
                w.chunk.results.update(enumerate(results, start))
                w.chunk = None
        except (EOFError, OSError):
            return False
        return True

    def _bury(self, w: _Worker, retry: deque[_Range]) -> None:
        """``w`` died: the article it was on gets an error result; the others it held
        (done but not sent, or not begun) go back to be processed again."""
        self._receive(w)  # what it sent before it died
        w.process.join(timeout=STOP_GRACE)
        if w.process.is_alive():
            w.process.kill()
            w.process.join()
        self.workers.remove(w)
        w.conn.close()
        chunk = w.chunk
        if chunk is None:
            return
        on = w.on.value if w.start <= w.on.value < w.end else w.start
        message = death_message(w.process.exitcode)
        chunk.results[on] = self.worker(replace(chunk.articles[on], error=message))
        for lo, hi in ((on + 1, w.end), (w.start, on)):
            if lo < hi:
                retry.appendleft((chunk, lo, hi))

    def map_ordered(self, chunks: Iterable[list[Article]], limit: int) -> Iterator[R]:
        """One result per article, in input order; at most ``limit`` chunks read ahead."""
        source = iter(chunks)
        exhausted = False
        pending: deque[_Chunk[R]] = deque()
        retry: deque[_Range] = deque()
        seq = 0
        try:
            while True:
                # hand out work: what a dead worker held first, then new chunks while no
                # more than `limit` are in flight
                while True:
                    idle = next((w for w in self.workers if w.chunk is None), None)
                    if idle is None and len(self.workers) >= self.jobs:
                        break
                    if retry:
                        work = retry.popleft()
                    elif not exhausted and len(pending) < limit:
                        articles = next(source, None)
                        if articles is None:
                            exhausted = True
                            break
                        chunk = _Chunk[R](seq, list(articles))
                        seq += 1
                        pending.append(chunk)
                        work = (chunk, 0, len(chunk.articles))
                    else:
                        break
                    w = idle or self._start()
                    if not self._assign(w, work):
                        w.chunk = None  # it died while idle: nothing of the work was done
                        self._bury(w, retry)
                        retry.appendleft(work)
                # the results of the oldest chunks, in order, as far as they are in
                while pending:
                    head = pending[0]
                    while head.yielded in head.results:
                        yield head.results.pop(head.yielded)
                        head.yielded += 1
                    if head.yielded < len(head.articles):
                        break
                    pending.popleft()
                if not pending and exhausted and not retry:
                    return
                busy = [w.conn for w in self.workers if w.chunk is not None]
                ready = set(wait([*busy, *(w.process.sentinel for w in self.workers)]))
                for w in list(self.workers):
                    open_pipe = self._receive(w) if w.conn in ready else True
                    if not open_pipe or w.process.sentinel in ready:
                        self._bury(w, retry)
        finally:
            self.stop()

    def stop(self) -> None:
        """End every worker: politely when idle, at once when busy."""
        for w in self.workers:
            try:
                if w.chunk is None:
                    w.conn.send(None)
                else:
                    w.process.terminate()
            except (OSError, ValueError):
                w.process.terminate()
        for w in self.workers:
            w.process.join(timeout=STOP_GRACE)
            if w.process.is_alive():
                w.process.terminate()
                w.process.join(timeout=STOP_GRACE)
            if w.process.is_alive():
                w.process.kill()
                w.process.join()
            w.conn.close()
        self.workers.clear()


def map_ordered(
    worker: Callable[[Article], R],
    chunks: Iterable[list[Article]],
    *,
    jobs: int,
    limit: int,
    warm_up: Callable[[], None] | None = None,
) -> Iterator[R]:
    """``worker`` over every article of ``chunks`` in ``jobs`` processes, results in input
    order (see the module docstring). ``warm_up`` runs once in each new worker."""
    return _Pool(worker, jobs, warm_up).map_ordered(chunks, limit)
