"""Bytes as text, and the small records every reader shares.

The one place where bytes become text is :func:`decode_bytes` (the rules are in
:mod:`reportedly.ingest.decoding`: byte order marks, UTF-8, charset detection,
each guess with a warning that names the encoding). Reading files, directories,
globs, standard input and every format is :func:`reportedly.ingest.sources.read_sources`,
used alike by ``analyze``, ``claims`` and ``ingest``.

Bad input never raises a traceback: binary data raises :class:`BinaryInputError`
(one line, with the file name); an unreadable input becomes an :class:`InputFailure`.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .decoding import SNIFF_BYTES, decode, looks_binary

__all__ = [
    "SNIFF_BYTES",
    "InputFailure",
    "InputText",
    "decode_bytes",
    "display_name",
    "looks_binary",
    "read_path",
]


@dataclass(frozen=True, slots=True)
class InputText:
    """A decoded input and what was noticed while decoding it."""

    name: str
    text: str
    warnings: tuple[str, ...] = ()
    encoding: str = "utf-8"


@dataclass(frozen=True, slots=True)
class InputFailure:
    """An input (or an item in one) that gave no article, with a one-line reason."""

    name: str
    reason: str


def decode_bytes(data: bytes, name: str) -> InputText:
    """Decode ``data`` (UTF-8, a byte order mark's encoding, or a detected one)."""
    decoded = decode(data, name)
    return InputText(name, decoded.text, decoded.warnings, decoded.encoding)


def display_name(path: str | Path) -> str:
    """A path as text that can be printed and stored: bytes of a file name that are
    not valid UTF-8 (kept by Python as lone surrogates) are shown as U+FFFD."""
    name = os.fspath(path)
    if not isinstance(name, str):  # pragma: no cover - bytes paths are not passed in
        name = os.fsdecode(name)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return name


def read_path(path: Path) -> InputText:
    """Read one regular file (``-`` is stdin) as text; raises :class:`InputError`."""
    if str(path) == "-":
        return decode_bytes(sys.stdin.buffer.read(), "<stdin>")
    name = display_name(path)
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{name}: is a directory")
        if not stat.S_ISREG(mode):
            # a FIFO would block and a device would never end
            raise InputError(f"{name}: not a regular file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    return decode_bytes(data, name)
