"""Read inputs as text: paths, directories, stdin; decode bytes with clear warnings.

Bad input never raises a traceback: binary data raises :class:`BinaryInputError`
(one line, with the file name), invalid UTF-8 is decoded best-effort with a
warning that names the file and the byte offset of the first bad byte.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import BinaryInputError, InputError

# Text files a directory walk picks up; anything else in a directory is reported and skipped.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
# How much of the start of a file is looked at to tell binary data from text.
SNIFF_BYTES = 8192


@dataclass(frozen=True, slots=True)
class InputText:
    """A decoded input and what was noticed while decoding it."""

    name: str
    text: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class InputFailure:
    """An input that could not be read, with a one-line reason."""

    name: str
    reason: str


def looks_binary(data: bytes) -> bool:
    """NUL bytes do not occur in text in any encoding we accept (UTF-8 and its kin)."""
    return b"\x00" in data[:SNIFF_BYTES]


def decode_bytes(data: bytes, name: str) -> InputText:
    """Decode ``data`` as UTF-8, best effort, warning about every problem found."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BinaryInputError(f"{name}: UTF-16 text is not supported; convert it to UTF-8")
    if looks_binary(data):
        raise BinaryInputError(f"{name}: binary data (NUL byte), not text")
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        # replacement characters already in the input are not counted as bad bytes
        valid_fffd = data.count("\ufffd".encode())
        count = data.decode("utf-8", errors="replace").count("\ufffd") - valid_fffd
        warnings.append(
            f"{name}: invalid UTF-8 at byte {exc.start} (0x{bad}); "
            f"{count} undecodable byte sequence(s) replaced with U+FFFD"
        )
        text = data.decode("utf-8", errors="replace")
    return InputText(name, text, tuple(warnings))


def read_path(path: Path) -> InputText:
    """Read one file (``-`` is stdin) as text."""
    if str(path) == "-":
        return decode_bytes(sys.stdin.buffer.read(), "<stdin>")
    try:
        if not path.exists():
            raise InputError(f"{path}: no such file")
        if path.is_dir():
            raise InputError(f"{path}: is a directory")
        if not path.is_file():
            # a FIFO would block and a device would never end
            raise InputError(f"{path}: not a regular file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return decode_bytes(data, str(path))


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | InputFailure]:
    """Expand directories (recursively, sorted) into their text files.

    Files in a directory whose suffix is not a text suffix are reported as
    failures rather than silently skipped.
    """
    for raw in paths:
        path = Path(raw)
        if str(raw) != "-" and path.is_dir():
            for child in sorted(path.rglob("*")):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue  # hidden files and folders (.git, .cache)
                if child.is_dir():
                    continue
                if not child.is_file():
                    yield InputFailure(str(child), "skipped: not a regular file")
                elif child.suffix.lower() in TEXT_SUFFIXES:
                    yield child
                else:
                    yield InputFailure(str(child), "skipped: not a text file (by its suffix)")
        else:
            yield path


def read_inputs(paths: Iterable[str | Path]) -> Iterator[InputText | InputFailure]:
    """Read every input, turning each unreadable one into an :class:`InputFailure`.

    Standard input can be read once: a second ``-`` is reported, not read as empty.
    """
    stdin_read = False
    for item in expand_paths(paths):
        if isinstance(item, InputFailure):
            yield item
            continue
        if str(item) == "-":
            if stdin_read:
                yield InputFailure("<stdin>", "skipped: standard input was already read")
                continue
            stdin_read = True
        try:
            yield read_path(item)
        except InputError as exc:
            # the message already starts with the name
            yield InputFailure(str(item), exc.message.removeprefix(f"{item}: "))
