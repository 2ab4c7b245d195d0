"""Bytes to text: UTF-8 first, byte order marks, then charset detection.

Every decision that is a guess comes back as a warning naming the file and the
encoding assumed, so a reader can check it. The order:

1. a byte order mark names the encoding (UTF-32 and UTF-16, either byte order,
   and UTF-8);
2. UTF-16 without a mark shows as a NUL in every other byte of ASCII text (any
   other NUL byte makes the data binary);
3. text that decodes as UTF-8 is UTF-8;
4. UTF-8 with a few invalid bytes (a file edited in two programs) keeps its
   valid sequences and reads each invalid byte as Windows-1252, the code page
   such stray bytes come from in news text (curly quotes, dashes, accents);
5. anything else goes to charset-normalizer; Windows-1252 is preferred among
   equally good single-byte candidates that decode the bytes alike.

Binary data (a NUL byte in text that is not UTF-16/32) raises
:class:`~reportedly.errors.BinaryInputError`. Mojibake (UTF-8 that was decoded
wrongly *before* it reached us) is the repair stage's business, not this one's.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import BinaryInputError

# How much of the start of the data is looked at to tell binary data from text.
SNIFF_BYTES = 8192
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# a valid multi-byte UTF-8 sequence: evidence that the file is UTF-8 at heart
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# single-byte encodings that decode Western text alike; cp1252 is named when it agrees
_WESTERN = frozenset(
    {"cp1252", "latin_1", "iso8859_15", "cp1250", "cp1257", "iso8859_2", "iso8859_9", "cp1254"}
)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def looks_binary(data: bytes) -> bool:
    """NUL bytes do not occur in text in the byte-oriented encodings we accept."""
    return b"\x00" in data[:SNIFF_BYTES]


def decode(data: bytes, name: str) -> Decoded:
    """Decode ``data`` (the contents of ``name``) as well as can be told; see the module."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode_with(data[len(bom) :], encoding, name, "its byte order mark")
    if looks_binary(data):
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise BinaryInputError(f"{name}: binary data (NUL byte), not text")
        return _decode_with(data, utf16, name, "its NUL bytes", assumed=True)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if _UTF8_MULTIBYTE.search(data):
        text = data.decode("utf-8", errors="reportedly-cp1252")
        return Decoded(
            text,
            "utf-8",
            (
                f"{name}: invalid UTF-8 at byte {first_bad} "
                f"(0x{data[first_bad : first_bad + 1].hex()}); the file is otherwise UTF-8, "
                "so its invalid bytes were read as Windows-1252",
            ),
        )
    return _detect(data, name, first_bad)


def _decode_with(
    data: bytes, encoding: str, name: str, evidence: str, *, assumed: bool = False
) -> Decoded:
    text = data.decode(encoding, errors="replace")
    warnings = []
    if assumed:
        warnings.append(f"{name}: decoded as {encoding.upper()} (assumed from {evidence})")
    if "\ufffd" in text and "\ufffd".encode(encoding) not in data:
        warnings.append(f"{name}: invalid {encoding.upper()}; bad bytes replaced with U+FFFD")
    return Decoded(text, encoding, tuple(warnings))


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 of mostly ASCII text has a NUL in nearly every even (BE) or odd (LE) byte."""
    sample = data[: SNIFF_BYTES & ~1]
    half = len(sample) // 2
    if half < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.7 * half and even < 0.1 * half:
        return "utf-16-le"
    if even >= 0.7 * half and odd < 0.1 * half:
        return "utf-16-be"
    return None


def _detect(data: bytes, name: str, first_bad: int) -> Decoded:
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        text = data.decode("utf-8", errors="replace")
        return Decoded(
            text,
            "utf-8",
            (
                f"{name}: invalid UTF-8 at byte {first_bad} and no other encoding fits; "
                "undecodable bytes replaced with U+FFFD",
            ),
        )
    encoding = best.encoding
    text = str(best)
    if encoding != "cp1252" and encoding in _WESTERN:
        try:
            as_cp1252 = data.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            if as_cp1252 == text or any(m.encoding == "cp1252" for m in matches):
                encoding, text = "cp1252", as_cp1252
    label = "Windows-1252" if encoding == "cp1252" else encoding
    return Decoded(
        text,
        encoding,
        (
            f"{name}: not UTF-8 (invalid byte 0x{data[first_bad : first_bad + 1].hex()} "
            f"at {first_bad}); decoded as {label} (detected by charset-normalizer)",
        ),
    )


def _cp1252_errors(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: each undecodable byte read as Windows-1252 (as Latin-1
    where Windows-1252 leaves the byte undefined)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    return "".join(_CP1252[byte] for byte in chunk), error.end


_CP1252 = [bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256)]
codecs.register_error("reportedly-cp1252", _cp1252_errors)
