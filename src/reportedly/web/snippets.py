"""Search snippets as the pages and the API show them: pieces of text, the matched ones marked
(the marks come from :data:`~reportedly.corpus.read.search.SNIPPET_MARKS`)."""

from __future__ import annotations

import re
from typing import Any

from ..corpus.read.search import SNIPPET_MARKS

UNSHOWN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ue000-\ue003]")


def snippet_parts(
    snippet: str | None, marks: tuple[str, str] = SNIPPET_MARKS
) -> list[tuple[str, bool]]:
    """A search snippet as (text, is_match) pieces, the text without control characters."""
    if not snippet:
        return []
    open_, close = marks
    pieces: list[tuple[str, bool]] = []
    for i, chunk in enumerate(snippet.split(open_)):
        if i == 0:
            pieces.append((chunk.replace(close, ""), False))
            continue
        matched, _, rest = chunk.partition(close)
        pieces += [(matched, True), (rest.replace(close, ""), False)]
    cleaned = [(UNSHOWN.sub("", text), hit) for text, hit in pieces]
    return [(text, hit) for text, hit in cleaned if text]


def plain_snippet(
    snippet: str | None, marks: tuple[str, str] = SNIPPET_MARKS
) -> dict[str, Any] | None:
    """A snippet for JSON: its text and the [start, end] of each matched term in it."""
    if snippet is None:
        return None
    text, matches, position = [], [], 0
    for piece, hit in snippet_parts(snippet, marks):
        if hit:
            matches.append([position, position + len(piece)])
        text.append(piece)
        position += len(piece)
    return {"text": "".join(text), "matches": matches}
