"""Fetching one http(s) URL within a hard deadline.

The socket timeout of :mod:`urllib` bounds each wait, not the whole fetch: a
server that sends a byte every second (headers or body) would hold a plain
``urlopen`` forever. The fetch therefore runs in a daemon thread and is given
up at the deadline; the thread ends at its next socket timeout.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from http.client import HTTPException

from .._version import __version__
from ..errors import InputError

USER_AGENT = f"reportedly/{__version__} (+corpus ingest)"


def fetch_url(url: str, timeout: float, max_bytes: int) -> tuple[bytes, str]:
    """GET ``url`` within ``timeout`` seconds in all: (body, content type).

    Raises :class:`InputError` with a one-line reason on any failure, the
    deadline and a body over ``max_bytes`` included.
    """
    if not url.startswith(("http://", "https://")):
        raise InputError(f"{url}: only http and https URLs are fetched")
    deadline = time.monotonic() + timeout
    outcome: list[tuple[bytes, str] | InputError] = []
    worker = threading.Thread(
        target=lambda: outcome.append(_fetch(url, timeout, max_bytes, deadline)),
        name=f"fetch {url}",
        daemon=True,
    )
    worker.start()
    worker.join(timeout + 0.5)
    if not outcome:
        raise InputError(f"{url}: timed out after {timeout:g} s")
    result = outcome[0]
    if isinstance(result, InputError):
        raise result
    return result


def _fetch(
    url: str, timeout: float, max_bytes: int, deadline: float
) -> tuple[bytes, str] | InputError:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            chunks: list[bytes] = []
            size = 0
            # read1: whatever has arrived, so the deadline is checked between packets
            while chunk := response.read1(65536):
                size += len(chunk)
                if size > max_bytes:
                    return InputError(f"{url}: larger than {max_bytes} bytes")
                if time.monotonic() > deadline:
                    return InputError(f"{url}: timed out after {timeout:g} s")
                chunks.append(chunk)
            return b"".join(chunks), str(response.headers.get_content_type())
    except urllib.error.HTTPError as exc:
        return InputError(f"{url}: HTTP {exc.code}")
    except urllib.error.URLError as exc:
        return InputError(f"{url}: cannot fetch ({_one_line(exc.reason)})")
    except (TimeoutError, OSError, HTTPException, ValueError) as exc:
        return InputError(f"{url}: cannot fetch ({_one_line(exc) or type(exc).__name__})")


def _one_line(value: object) -> str:
    return " ".join(str(value).split())
