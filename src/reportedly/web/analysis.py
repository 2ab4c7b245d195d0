"""The analyze page's work, bounded in size, time, memory and concurrency.

A text is checked before any work (:func:`precheck`: empty 400, too long 413, brackets nested
deeper than :attr:`AnalyzeLimits.max_depth` 422: 50,000 ``(`` then ``)`` took 1.8 GiB in the
tagger). The analysis runs in a worker process (spawned once, models loaded, then reused),
so that it can be stopped: the request waits on it and kills it when the analysis runs past
:attr:`~AnalyzeLimits.timeout_s` (503), when the worker's memory passes
:attr:`~AnalyzeLimits.max_memory_mib` (413), or when the client has left; a new worker is
started for the next request. At most :attr:`~AnalyzeLimits.concurrency` analyses run at
once; one more is answered 503 with ``Retry-After`` at once, never queued.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

log = logging.getLogger("reportedly.web")
OPENING, CLOSING = "([{", ")]}"
POLL_S = 0.05


@dataclass(frozen=True, slots=True)
class AnalyzeLimits:
    """What one analysis may take (the defaults are what ``reportedly serve`` uses)."""

    max_chars: int = 100_000
    max_depth: int = 100  # brackets inside brackets
    timeout_s: float = 60.0  # the analysis itself, the worker's start not counted
    start_timeout_s: float = 300.0  # a new worker loading its models
    concurrency: int = 2
    max_memory_mib: int = 3072  # the worker's resident memory
    retry_after_s: int = 10


class AnalysisRefused(Exception):
    """An analysis refused or stopped: the status, the message shown, extra headers."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


class ClientLeft(Exception):
    """The client closed the connection while its analysis ran (the worker was stopped)."""


def nesting_depth(text: str) -> int:
    """How deep brackets nest in ``text`` (an unmatched closing bracket is ignored)."""
    depth = deepest = 0
    for char in text:
        if char in OPENING:
            depth += 1
            deepest = max(deepest, depth)
        elif char in CLOSING and depth:
            depth -= 1
    return deepest


def precheck(text: str, limits: AnalyzeLimits) -> None:
    if not text.strip():
        raise AnalysisRefused(400, "paste a text in the box below to analyze it: the box was empty")
    if len(text) > limits.max_chars:
        raise AnalysisRefused(
            413, f"the text has {len(text):,} characters; at most {limits.max_chars:,}"
        )
    depth = nesting_depth(text)
    if depth > limits.max_depth:
        raise AnalysisRefused(
            422, f"brackets are nested {depth:,} deep in this text; at most {limits.max_depth}"
        )


def _worker_main(conn: Connection) -> None:
    """The worker process: load the models once, then analyse each text it is sent."""
    from .. import analyze
    from ..errors import ReportedlyError

    analyze("Warm-up, the worker said.")
    conn.send(("ready", None))
    while True:
        text = conn.recv()
        try:
            conn.send(("ok", analyze(text).to_dict(include_text=False)))
        except ReportedlyError as exc:
            conn.send(("error", exc.message))
        except Exception as exc:  # the page says so; the worker stays usable
            conn.send(("error", f"the analysis failed ({type(exc).__name__})"))


def resident_mib(pid: int) -> float:
    """A process's resident memory in MiB (0 where /proc cannot say)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as stream:
            pages = int(stream.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


class _Worker:
    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self.conn, child = context.Pipe()
        self.process: BaseProcess = context.Process(
            target=_worker_main, args=(child,), daemon=True, name="reportedly-analyze"
        )
        self.process.start()
        child.close()
        self.ready = False

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()

    async def run(
        self, text: str, limits: AnalyzeLimits, left: Callable[[], Awaitable[bool]]
    ) -> dict[str, Any]:
        started = time.monotonic()
        deadline = started + (limits.timeout_s if self.ready else limits.start_timeout_s)
        if self.ready:
            self.conn.send(text)
        while True:
            if self.conn.poll():
                kind, value = self.conn.recv()
                if kind == "ready":
                    self.ready = True
                    deadline = time.monotonic() + limits.timeout_s
                    self.conn.send(text)
                    continue
                if kind == "error":
                    raise AnalysisRefused(422, value)
                return value  # type: ignore[no-any-return]
            if not self.process.is_alive():
                raise AnalysisRefused(500, "the analysis stopped unexpectedly")
            if await left():
                raise ClientLeft
            if time.monotonic() > deadline:
                what = "the analysis" if self.ready else "loading the models"
                limit = limits.timeout_s if self.ready else limits.start_timeout_s
                raise AnalysisRefused(
                    503, f"{what} took longer than {limit:g} s; try a shorter text"
                )
            if resident_mib(self.process.pid or 0) > limits.max_memory_mib:
                raise AnalysisRefused(
                    413,
                    f"the analysis needed more than {limits.max_memory_mib} MiB; "
                    "try a shorter or simpler text",
                )
            await asyncio.sleep(POLL_S)


class AnalyzePool:
    """At most ``limits.concurrency`` worker processes, started when first needed."""

    def __init__(self, limits: AnalyzeLimits) -> None:
        self.limits = limits
        self._idle: list[_Worker] = []
        self._busy = 0
        self._lock = threading.Lock()

    async def analyze(self, text: str, left: Callable[[], Awaitable[bool]]) -> dict[str, Any]:
        """The analysis record of ``text`` (see the module's docstring for the refusals)."""
        precheck(text, self.limits)
        with self._lock:
            if self._busy >= self.limits.concurrency:
                raise AnalysisRefused(
                    503,
                    f"{self._busy} analyses are running; try again in a few seconds",
                    {"Retry-After": str(self.limits.retry_after_s)},
                )
            self._busy += 1
            worker = self._idle.pop() if self._idle else None
        try:
            worker = worker or _Worker()
            try:
                result = await worker.run(text, self.limits, left)
            except AnalysisRefused as exc:
                if exc.status == 422:  # the worker answered: it is fine
                    self._idle.append(worker)
                else:
                    worker.kill()
                raise
            except BaseException:  # the client left, or the server stops
                worker.kill()
                raise
            self._idle.append(worker)
            return result
        finally:
            with self._lock:
                self._busy -= 1

    def close(self) -> None:
        while self._idle:
            self._idle.pop().kill()
