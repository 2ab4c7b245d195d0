"""Character-level edits: what they are, the simple ones, and applying them."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..records import Span


@dataclass(frozen=True, slots=True)
class Edit:
    """``text[start:end]`` becomes ``replacement``."""

    start: int
    end: int
    replacement: str
    kind: str
    explanation: str = ""


# \r\n first so that it is one edit; \v and \f are line breaks in word processors' exports
NEWLINE_RE = re.compile("\r\n|[\r\x0b\x0c\u2028\u2029]")
LINE_BREAK_RE = re.compile("\r\n|[\n\r\x0b\x0c\u2028\u2029]")
# C0 controls except \t \n \v \f \r; DEL and C1 (C1 is often cp1252 mojibake, which the
# mojibake pass repairs first); soft hyphen, zero-width space, word joiner, BOM and bidi
# embedding controls: invisible, but they split or glue tokens.
CONTROL_RE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]+"
)
SPACE_RE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# lone UTF-16 surrogates (JSON "\\ud800", surrogateescape): no encoder accepts them
SURROGATE_RE = re.compile("[\ud800-\udfff]")


def regex_edits(
    text: str, pattern: re.Pattern[str], kind: str, replace_with: Callable[[str], str]
) -> list[Edit]:
    return [Edit(m.start(), m.end(), replace_with(m.group()), kind) for m in pattern.finditer(text)]


def overlaps_any(start: int, end: int, sorted_ranges: Sequence[Span]) -> bool:
    i = bisect.bisect_right(sorted_ranges, (start, float("inf"))) - 1
    for j in (i, i + 1):
        if 0 <= j < len(sorted_ranges):
            s, e = sorted_ranges[j]
            if s < end and start < e:
                return True
    return False


def apply_edits(text: str, edits: Iterable[Edit], start: int, end: int) -> str:
    """``text[start:end]`` with ``edits`` (sorted, all inside the range) applied."""
    pieces: list[str] = []
    pos = start
    for edit in edits:
        pieces += [text[pos : edit.start], edit.replacement]
        pos = edit.end
    pieces.append(text[pos:end])
    return "".join(pieces)
