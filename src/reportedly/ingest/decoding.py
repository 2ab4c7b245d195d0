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
   such stray bytes come from in news text (curly quotes, dashes, accents), when
   its valid multi-byte sequences outnumber the stray bytes;
5. anything else is read with a prior for news text: Windows-1252, Latin-1 or
   MacRoman (whichever reads most plausibly as Western text: punctuation and
   letters that stand in Latin words), unless fewer than :data:`PLAUSIBLE_SHARE`
   of its non-ASCII characters read so (Cyrillic, Greek or CJK bytes read as
   Latin letters make runs of accented letters); then charset-normalizer's guess
   (cp1251, Shift-JIS, GBK ...). The warning names the guess and its confidence.

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
    if _mostly_utf8(data):
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


def _mostly_utf8(data: bytes) -> bool:
    """Valid multi-byte UTF-8 sequences outnumber the other non-ASCII bytes: a UTF-8
    file with a few stray bytes, not a one-byte code page in which a pair of bytes
    happens to form a UTF-8 sequence ("Â\xa0", "Ã©")."""
    valid = _UTF8_MULTIBYTE.findall(data)
    if not valid:
        return False
    non_ascii = len(data) - len(data.translate(None, bytes(range(128, 256))))
    in_valid = sum(len(sequence) for sequence in valid)
    return in_valid >= non_ascii - in_valid


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
    """Not UTF-8: the news prior first, charset-normalizer when the evidence says so."""
    where = f"invalid byte 0x{data[first_bad : first_bad + 1].hex()} at {first_bad}"
    western = western_guess(data)
    if western is not None and western[2] >= PLAUSIBLE_SHARE:
        encoding, text, share = western
        return Decoded(
            text,
            encoding,
            (
                f"{name}: not UTF-8 ({where}); decoded as {_LABELS[encoding]} "
                f"(the usual code page of news text; confidence {share:.0%}: that share of "
                "its non-ASCII characters read as letters and punctuation of Western text)",
            ),
        )
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        if western is not None:  # nothing better: the prior, however poor
            encoding, text, share = western
            return Decoded(
                text,
                encoding,
                (
                    f"{name}: not UTF-8 ({where}); decoded as {_LABELS[encoding]} "
                    f"(a guess, confidence {share:.0%}: no encoding fits well)",
                ),
            )
        text = data.decode("utf-8", errors="replace")
        return Decoded(
            text,
            "utf-8",
            (
                f"{name}: invalid UTF-8 at byte {first_bad} and no other encoding fits; "
                "undecodable bytes replaced with U+FFFD",
            ),
        )
    confidence = max(0.0, 1.0 - best.chaos)
    return Decoded(
        str(best),
        best.encoding,
        (
            f"{name}: not UTF-8 ({where}); decoded as {_LABELS.get(best.encoding, best.encoding)} "
            f"(detected by charset-normalizer, confidence {confidence:.0%}; "
            "Windows-1252, Latin-1 and MacRoman read it as implausible text)",
        ),
    )


# single-byte encodings of Western news text, in the order of the prior: Windows-1252
# (which Latin-1 files are, but for C1 controls), Latin-1, then old Mac files
PRIOR = ("cp1252", "latin_1", "mac_roman")
_LABELS = {
    "cp1252": "Windows-1252",
    "latin_1": "Latin-1",
    "mac_roman": "MacRoman",
    "utf_16": "UTF-16",
}
# the share of non-ASCII characters that must read as Western text for the prior to hold
PLAUSIBLE_SHARE = 0.8
# the most non-ASCII characters (a share of all) in Western text, accents and all
MAX_NON_ASCII = 0.3
# typographic punctuation, currency and signs of Western text (besides Latin-1's own)
_WESTERN_SIGNS = frozenset("\u00a0’‘“”„‚–—…•«»‹›€£¥¢°©®™¿¡·§¶†‡½¼¾×")


def western_guess(data: bytes) -> tuple[str, str, float] | None:
    """The encoding of :data:`PRIOR` whose reading of ``data`` is most plausible as
    Western text, its text and the plausible share of its non-ASCII characters; None
    when none of them decodes the bytes."""
    best: tuple[str, str, float] | None = None
    for encoding in PRIOR:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        share = plausible_share(text)
        if best is None or share > best[2]:
            best = (encoding, text, share)
    return best


def plausible_share(text: str) -> float:
    """The share of non-ASCII characters that read as Western text (none when they
    are more than :data:`MAX_NON_ASCII` of it): punctuation and signs, and letters
    that are no part of a run of three non-ASCII letters (Cyrillic, Greek or CJK
    bytes read as Latin letters make whole words of them) and no capital inside a
    lower-case word (MacRoman's quotes read as Windows-1252: "donÕt")."""
    total = sum(1 for char in text if char >= "\x80")
    if not total:
        return 1.0
    if total > MAX_NON_ASCII * len(text):
        return 0.0  # Western text is mostly ASCII, whatever its language
    signs = sum(1 for char in text if char in _WESTERN_SIGNS or "\xa0" <= char <= "\xbf")
    letters = sum(1 for char in text if char >= "\x80" and char.isalpha())
    in_runs = sum(len(run) for run in _LETTER_RUN_RE.findall(text))
    capitals = sum(1 for match in _CAPITAL_INSIDE_RE.finditer(text) if match.group().isupper())
    return max(0, signs + letters - in_runs - capitals) / total


_LETTER_RUN_RE = re.compile(r"[^\W\d_\x00-\x7f]{3,}")
_CAPITAL_INSIDE_RE = re.compile(r"(?<=[a-z])[^\W\d_\x00-\x7f](?=[a-z])")


def _cp1252_errors(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: each undecodable byte read as Windows-1252 (as Latin-1
    where Windows-1252 leaves the byte undefined)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    return "".join(_CP1252[byte] for byte in chunk), error.end


_CP1252 = [bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256)]
codecs.register_error("reportedly-cp1252", _cp1252_errors)
