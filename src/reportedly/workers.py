"""Worker processes that never outlive the process that started them.

A worker holds the language model (hundreds of MB); if its parent is killed
(SIGKILL included, which runs no clean-up) it must go too. Two guards, set up
by :func:`watch_parent` as a process pool's initializer:

- on Linux, ``prctl(PR_SET_PDEATHSIG, SIGKILL)``: the kernel kills the worker
  the moment its parent dies;
- everywhere, a daemon thread that checks every second whether the parent is
  still the one that started it, and ends the worker if not.

A worker ignores SIGINT: Ctrl-C on a terminal reaches every process of the
foreground group, and the parent alone decides what an interrupt ends (it
stops its workers with :func:`stop_pool`), so no worker prints a traceback.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 1.0


def watch_parent(parent_pid: int) -> None:
    """Pool initializer: end this process when ``parent_pid`` is no longer its parent."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if os.getppid() != parent_pid:  # the parent died before the guard was set
        os._exit(1)
    threading.Thread(target=_poll, args=(parent_pid,), name="watch-parent", daemon=True).start()


def _poll(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(POLL_SECONDS)
    os._exit(1)


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """End a pool at once (an interrupt, an error, a caller that stopped reading): the
    batches queued are cancelled and those running are not waited for; the workers
    get SIGTERM (they hold nothing that must be saved)."""
    # the pool's processes (its `_processes`, there since Python 3.2): shutdown(wait=False)
    # leaves them running their batch
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            worker.terminate()
    for worker in workers:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            worker.join(5)
