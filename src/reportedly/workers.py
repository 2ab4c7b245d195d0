"""Worker processes that never outlive the process that started them.

A worker holds the language model (hundreds of MB); if its parent is killed
(SIGKILL included, which runs no clean-up) it must go too. Two guards, set up
by :func:`watch_parent` as a process pool's initializer:

- on Linux, ``prctl(PR_SET_PDEATHSIG, SIGKILL)``: the kernel kills the worker
  the moment its parent dies;
- everywhere, a daemon thread that checks every second whether the parent is
  still the one that started it, and ends the worker if not.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 1.0


def watch_parent(parent_pid: int) -> None:
    """Pool initializer: end this process when ``parent_pid`` is no longer its parent."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before the guard was set
        os._exit(1)
    threading.Thread(target=_poll, args=(parent_pid,), name="watch-parent", daemon=True).start()


def _poll(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(POLL_SECONDS)
    os._exit(1)
