"""Direct quotes found by their quotation marks, in any language.

The analysis pipeline reads English; an article in another language (and a
headline quote with no cue in an English one) still has its direct quotes
found here by the conventions of its quotation marks: English “…” and "…",
German „…“ and ‚…‘ (and »…«), French « … », Russian and Ukrainian «…» with
„…“ inside, Spanish «…» and “…”. Nested quotes are kept inside the outer one.
Every span is an offset into the text as stored (the original input).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# (opening, closing) pairs; a quote is the text between a pair on one paragraph
PAIRS: tuple[tuple[str, str], ...] = (
    ("“", "”"),
    ("„", "“"),
    ("„", "”"),
    ("«", "»"),
    ("»", "«"),
    ("‚", "‘"),
    ('"', '"'),
)
MAX_QUOTE_CHARS = 1200
MIN_QUOTE_WORDS = 3
_PATTERNS = tuple(
    re.compile(
        re.escape(o)
        + r"\s*([^\n"
        + re.escape(o + c)
        + r"]{2,"
        + str(MAX_QUOTE_CHARS)
        + r"}?)\s*"
        + re.escape(c)
    )
    for o, c in PAIRS
)
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class MarkedQuote:
    """A quoted span (``start``/``end``: the words inside the marks) and its paragraph."""

    start: int
    end: int
    text: str
    line_start: int
    line_end: int


def marked_quotes(text: str, min_words: int = MIN_QUOTE_WORDS) -> list[MarkedQuote]:
    """The outermost quoted spans of ``text`` with ``min_words`` words or more, in order."""
    # earlier conventions win: a later match that straddles one already taken (the
    # closing » of one French quote and the opening « of the next) is not a quote
    chosen: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            s, e = match.span(0)
            if any(
                s < ce and cs < e and not (s <= cs and ce <= e) and not (cs <= s and e <= ce)
                for (cs, ce), _ in chosen
            ):
                continue
            chosen.append(((s, e), match.span(1)))
    found = sorted((inner for _, inner in chosen), key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int]] = []
    for start, end in found:
        if kept and start < kept[-1][1]:
            continue  # inside (or overlapping) an earlier, outer quote
        kept.append((start, end))
    quotes = []
    for start, end in kept:
        body = text[start:end].strip(" ,.;:")
        if len(WORD.findall(body)) < min_words:
            continue
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        quotes.append(
            MarkedQuote(
                start, end, text[start:end], line_start, len(text) if line_end < 0 else line_end
            )
        )
    return quotes


def capitalised_runs(text: str) -> Iterator[tuple[int, int, str]]:
    """Runs of capitalised words (Latin or Cyrillic): candidate name mentions near a quote."""
    for match in re.finditer(
        r"[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][\w'’-]+(?:\s+(?:[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][\w'’-]+|[A-Z]\.))*", text
    ):
        yield match.start(), match.end(), match.group(0)
