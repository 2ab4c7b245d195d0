"""The local engine's worker pool: processes that load the model once, recycled past a memory limit.

Each worker is a spawned process with its own pipe. The driver hands a worker
one batch of rows at a time and waits on the pipes and on the processes'
sentinels together, so it sees a result, a worker that left to be recycled,
and a worker that died (killed, out of memory) alike. The batch of a dead
worker is given to another; a batch that kills workers twice is split and
its articles tried alone, and an article that kills a worker on its own twice
is recorded as failed. Nothing outlives the pool: workers are stopped, then
killed, when it closes; at once when the job is interrupted. Workers ignore
SIGINT (Ctrl-C reaches the whole process group): the driver stops them.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from ..config import AnalysisConfig
from ..errors import ModelError

Rows = list[dict[str, Any]]
# a batch that killed its worker this many times is split (or its one article failed)
MAX_ATTEMPTS = 2
# workers that die before they are ready, in a row, before the job gives up
MAX_START_FAILURES = 3


def _worker_main(
    conn: Connection, spec: str, memory_limit_mb: float, config: AnalysisConfig
) -> None:
    """A worker process: build the analyser, then analyse batches until told to stop."""
    from .work import RowAnalyser

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    started = time.perf_counter()
    try:
        analyser = RowAnalyser(spec, memory_limit_mb, config)
    except Exception as exc:  # the model is missing: the driver stops the job with this
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    try:
        conn.send(("ready", time.perf_counter() - started))
        while (message := conn.recv()) is not None:
            task_id, rows = message
            try:
                result = analyser(rows)
            except ModelError as exc:
                conn.send(("error", exc.message))
                return
            recycle = analyser.over_limit
            conn.send(("done", task_id, result, recycle))
            if recycle:  # leave: the driver starts a fresh process in its place
                return
    except (EOFError, BrokenPipeError):  # the driver is gone (killed): so is its worker
        return


@dataclass
class _Task:
    id: int
    rows: Rows
    attempts: int = 0


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    leaving: bool = False
    task: _Task | None = None


@dataclass
class PoolStats:
    startup_seconds: float | None = None
    recycled: int = 0
    restarts: int = 0
    workers_started: int = 0
    notes: list[str] = field(default_factory=list)


class LocalPool:
    """``workers`` processes analysing batches of rows; see the module docstring."""

    def __init__(
        self, workers: int, spec: str, memory_limit_mb: float, config: AnalysisConfig
    ) -> None:
        self.size = max(1, workers)
        self.spec = spec
        self.memory_limit_mb = memory_limit_mb
        self.config = config
        self.context = multiprocessing.get_context("spawn")
        self.workers: list[_Worker] = []
        self.stats = PoolStats()
        self.started = time.perf_counter()
        self.start_failures = 0
        self.next_id = 0
        # rows of articles that killed workers: recorded as failed, not analysed
        self.failed: list[Rows] = []

    def _start(self) -> None:
        parent, child = self.context.Pipe()
        process = self.context.Process(
            target=_worker_main,
            args=(child, self.spec, self.memory_limit_mb, self.config),
            daemon=True,
        )
        # the new interpreter inherits SIGINT ignored from its first instruction on
        # (signal handlers belong to the main thread: elsewhere the worker sets it itself)
        main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
        try:
            process.start()
        finally:
            if main:
                signal.signal(signal.SIGINT, previous)
        child.close()
        self.workers.append(_Worker(process, parent))
        self.stats.workers_started += 1

    def map(self, batches: Iterator[Rows]) -> Iterator[Rows]:
        """The analysed rows of every batch, in the order batches finish."""
        queue: deque[_Task] = deque()
        exhausted = False
        first = next(batches, None)
        if first is None:  # nothing to analyse: no worker loads the model for nothing
            return
        batches = itertools.chain([first], batches)
        try:
            for _ in range(self.size):
                self._start()
            while True:
                while not exhausted and len(queue) < self.size:
                    batch = next(batches, None)
                    if batch is None:
                        exhausted = True
                    else:
                        queue.append(_Task(self.next_id, batch))
                        self.next_id += 1
                for worker in self.workers:
                    if worker.ready and worker.task is None and queue:
                        worker.task = queue.popleft()
                        worker.conn.send((worker.task.id, worker.task.rows))
                busy = any(w.task is not None for w in self.workers)
                if exhausted and not queue and not busy:
                    return
                yield from self._wait(queue)
                while self.failed:
                    yield self.failed.pop()
        except BaseException:  # an interrupt or an error: the batches running are given up
            self.close(at_once=True)
            raise
        finally:
            self.close()

    def _wait(self, queue: deque[_Task]) -> Iterator[Rows]:
        handles: list[Any] = [w.conn for w in self.workers]
        handles += [w.process.sentinel for w in self.workers]
        ready = set(wait(handles, timeout=1.0))
        ended: list[_Worker] = []
        for worker in list(self.workers):
            if worker.conn in ready:
                try:
                    message = worker.conn.recv()
                except (EOFError, OSError):  # the process has ended: nothing more will come
                    ended.append(worker)
                    continue
                yield from self._receive(worker, message)
        for worker in ended:
            self._gone(worker, queue)

    def _receive(self, worker: _Worker, message: tuple[Any, ...]) -> Iterator[Rows]:
        kind = message[0]
        if kind == "error":
            raise ModelError(f"a worker could not analyse ({message[1]})")
        if kind == "ready":
            worker.ready = True
            self.start_failures = 0
            if self.stats.startup_seconds is None:
                self.stats.startup_seconds = time.perf_counter() - self.started
            return
        _, _task_id, rows, recycle = message
        worker.task = None
        if recycle:
            worker.leaving = True
            self.stats.recycled += 1
        yield rows

    def _gone(self, worker: _Worker, queue: deque[_Task]) -> None:
        """A worker process has ended: recycled, or died; its batch goes to another."""
        worker.process.join()
        worker.conn.close()
        self.workers.remove(worker)
        if not worker.leaving:
            self.stats.restarts += 1
            if not worker.ready:
                self.start_failures += 1
                if self.start_failures >= MAX_START_FAILURES:
                    raise ModelError(
                        f"worker processes die while starting (exit code {worker.process.exitcode})"
                    )
        task = worker.task
        if task is not None:
            self.stats.notes.append(
                f"a worker died (exit code {worker.process.exitcode}) while analysing "
                f"{len(task.rows)} article(s); they were given to another worker"
            )
            task.attempts += 1
            if task.attempts < MAX_ATTEMPTS:
                queue.appendleft(task)
            elif len(task.rows) > 1:
                for row in reversed(task.rows):
                    queue.appendleft(_Task(self.next_id, [row]))
                    self.next_id += 1
            else:
                for row in task.rows:
                    row["status"] = "failed"
                    row["reason"] = "a worker process died analysing it (killed or out of memory)"
                self.failed.append(task.rows)
        self._start()

    def close(self, *, at_once: bool = False) -> None:
        """Stop every worker: ask, then terminate, then kill (``at_once``: terminate)."""
        for worker in self.workers:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        deadline = time.monotonic() + (0 if at_once else 5)
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join(2)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self.workers = []
