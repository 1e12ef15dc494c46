"""Worker processes for a corpus: one bad article, or one dead worker, never stops the run.

:func:`map_ordered` sends chunks of articles to ``jobs`` worker processes (one chunk at a
time each, over a pipe) and yields one result per article, in input order, as soon as the
results before it are in. Each worker sends back every article's result as it is done, so
the main process always knows which article a worker was on:

* a worker that dies (killed by a signal, by the out-of-memory killer, a crash in C code)
  is replaced; the article it was reading gets the result of ``worker`` for that article
  with its ``error`` set (``the worker process was killed by signal SIGKILL …``), and the
  rest of its chunk goes to another worker;
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
    conn: Connection, worker: Callable[[Article], Any], inherited: Sequence[Connection],
    warm_up: Callable[[], None] | None,
) -> None:
    """A worker process: chunks in, one ``(seq, index, result)`` message per article out."""
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
        for i, article in enumerate(articles, start):
            try:
                result = worker(article)
            except Exception as exc:  # reported to the main process, which raises it
                conn.send((seq, i, WorkerError(f"{type(exc).__name__}: {exc}")))
                continue
            try:
                conn.send((seq, i, result))
            except (BrokenPipeError, OSError):
                return


@dataclass(eq=False)
class _Chunk(Generic[R]):
    """Articles sent together, and their results as they come back."""

    seq: int
    articles: list[Article]
    results: dict[int, R] = field(default_factory=dict)
    yielded: int = 0


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    chunk: _Chunk[Any] | None = None
    next_index: int = 0
    """The index (in its chunk) of the article the worker is on, or will be."""
    end: int = 0


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
        inherited = ([w.conn for w in self.workers]
                     if self.ctx.get_start_method() == "fork" else [])
        process = self.ctx.Process(target=_worker_main,
                                   args=(theirs, self.worker, inherited, self.warm_up),
                                   daemon=True)
        process.start()
        theirs.close()
        w = _Worker(process, ours)
        self.workers.append(w)
        return w

    def _assign(self, w: _Worker, chunk: _Chunk[R], start: int) -> bool:
        """Send ``chunk.articles[start:]`` to ``w``; False if ``w`` is gone."""
        w.chunk, w.next_index, w.end = chunk, start, len(chunk.articles)
        try:
            w.conn.send((chunk.seq, start, chunk.articles[start:]))
        except (OSError, ValueError):
            return False
        return True

    def _receive(self, w: _Worker) -> bool:
        """Take every message ``w`` has sent; False when its pipe is closed."""
        try:
            while w.conn.poll():
                seq, i, result = w.conn.recv()
                if isinstance(result, WorkerError):
                    raise result
                assert w.chunk is not None and seq == w.chunk.seq
                w.chunk.results[i] = result
                w.next_index = i + 1
                if w.next_index >= w.end:
                    w.chunk = None
        except (EOFError, OSError):
            return False
        return True

    def _bury(self, w: _Worker, retry: deque[tuple[_Chunk[R], int]]) -> None:
        """``w`` died: its article gets an error result, the rest of its chunk is retried."""
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
        article = chunk.articles[w.next_index]
        message = death_message(w.process.exitcode)
        chunk.results[w.next_index] = self.worker(replace(article, error=message))
        if w.next_index + 1 < w.end:
            retry.appendleft((chunk, w.next_index + 1))

    def map_ordered(self, chunks: Iterable[list[Article]], limit: int) -> Iterator[R]:
        """One result per article, in input order; at most ``limit`` chunks read ahead."""
        source = iter(chunks)
        exhausted = False
        pending: deque[_Chunk[R]] = deque()
        retry: deque[tuple[_Chunk[R], int]] = deque()
        seq = 0
        try:
            while True:
                # hand out work: the rest of a dead worker's chunk first, then new chunks
                # while no more than `limit` are in flight
                while True:
                    idle = next((w for w in self.workers if w.chunk is None), None)
                    if idle is None and len(self.workers) >= self.jobs:
                        break
                    if retry:
                        chunk, start = retry.popleft()
                    elif not exhausted and len(pending) < limit:
                        articles = next(source, None)
                        if articles is None:
                            exhausted = True
                            break
                        chunk, start = _Chunk(seq, list(articles)), 0
                        seq += 1
                        pending.append(chunk)
                    else:
                        break
                    w = idle or self._start()
                    if not self._assign(w, chunk, start):
                        w.chunk = None  # died while idle: nothing of the chunk was done
                        self._bury(w, retry)
                        retry.appendleft((chunk, start))
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

