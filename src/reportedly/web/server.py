"""Serving the explorer with uvicorn: several processes, limits on idle and slow clients.

A search spends most of its time in Python (one core at a time per process), so on a
machine with more than one core the server forks ``workers`` processes that share one
listening socket; each makes its own app (SQLite connections are never carried across a
fork; what was cached before it, such as the overview, is inherited) and stops when the
first process does.

uvicorn closes a keep-alive connection idle for ``timeout_keep_alive`` seconds after an
answer, but not a connection that never sends a request, nor one that sends its headers a
byte at a time (slowloris): :class:`HeaderDeadlineProtocol` gives each request's headers
``header_timeout`` seconds from the connection (or the previous answer) on, then closes it.
Headers are also capped in size (``h11_max_incomplete_event_size``).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT_S = 10.0
KEEP_ALIVE_S = 5
MAX_HEADER_BYTES = 32 * 1024


class HeaderDeadlineProtocol(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request headers are not all in
    within :attr:`header_timeout` seconds."""

    header_timeout = HEADER_TIMEOUT_S
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_timer()

    def data_received(self, data: bytes) -> None:
        if self._header_timer is None and self.conn.their_state is h11.IDLE:
            self._arm_header_timer()  # the first bytes of the next request on this connection
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:  # its headers are in
            self._disarm_header_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._disarm_header_timer()  # idle now: timeout_keep_alive closes it

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_timer()
        super().connection_lost(exc)

    def _arm_header_timer(self) -> None:
        self._disarm_header_timer()
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _disarm_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


def protocol_with_deadline(seconds: float) -> type[HeaderDeadlineProtocol]:
    return type("HeaderDeadline", (HeaderDeadlineProtocol,), {"header_timeout": seconds})


def serve(
    make_app: Callable[[], Any],
    host: str,
    port: int,
    *,
    workers: int = 1,
    header_timeout: float = HEADER_TIMEOUT_S,
    keep_alive: int = KEEP_ALIVE_S,
) -> None:
    """Serve ``make_app()`` on ``host:port`` in ``workers`` processes (forked; 1: this one)."""
    import uvicorn

    config = uvicorn.Config(
        make_app,
        factory=True,
        host=host,
        port=port,
        log_level="warning",
        server_header=False,
        http=protocol_with_deadline(header_timeout),
        timeout_keep_alive=keep_alive,
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
        timeout_graceful_shutdown=5,
    )
    if workers <= 1 or not hasattr(os, "fork"):
        uvicorn.Server(config).run()
        return
    sock = config.bind_socket()
    children = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:  # a worker: its own app, its own connections
            _stop_with_parent(os.getppid())
            try:
                uvicorn.Server(config).run(sockets=[sock])
            finally:
                os._exit(0)
        children.append(pid)
    _wait_for(children)


def _stop_with_parent(parent: int) -> None:
    """A worker stops when the process that forked it is gone (killed without a word)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, daemon=True).start()


def _wait_for(children: list[int]) -> None:
    """Wait for the workers; SIGINT or SIGTERM here is passed on to each, and so is the end of
    any one of them (the others are stopped too)."""

    def stop(*_: Any) -> None:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    remaining = set(children)
    while remaining:
        try:
            pid, _ = os.wait()
        except ChildProcessError:
            break
        remaining.discard(pid)
        stop()
