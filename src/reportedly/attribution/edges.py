"""Span edges drawn as PolNeAR's annotators draw them (the accurate mode).

The tagger learns spans with punctuation trimmed from their ends, as the project's
scorer compares them. PolNeAR's annotators, and the scorers of the published
PolNeAR taggers, keep some of it. Counted on PolNeAR train (issue 23):

- a content right after an opening quotation mark holds it (5,794 times, never not);
- a content right before a closing quotation mark holds it, with the comma, full
  stop, question or exclamation mark before it (``,”`` ``.”`` ``?”``: 6,900 times),
  where a content followed by a bare full stop or comma leaves it out (12,000 times);
- a cue right before a colon holds it ("said:", 222 times, fewer than 30 not);
- a source right before a comma holds it when it has a comma of its own (an apposition:
  "Huma Abedin, vice chairwoman for Clinton's campaign," 893 times, 118 not), and leaves
  it out otherwise (799 times, 5 not);
- a leading "that" is already part of the content the tagger learned (2,467 of 2,467
  such contents).

:func:`draw_edges` trims every fragment, then adds those marks back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .. import marks
from ..marks import trim_fragment
from ..records import AttributionSpans, Span, Spans

OPENING = (marks.ASCII_OPEN, marks.ASCII_CLOSE, *marks.DOUBLE_MARKS, *marks.SINGLE_MARKS)
CLOSING = (marks.ASCII_CLOSE, *marks.DOUBLE_MARKS, *marks.SINGLE_MARKS)
# what may stand between a content's last word and its closing quotation mark
BEFORE_CLOSING = ",.?!"


def content_edges(text: str, fragment: Span) -> Span:
    """A content fragment, trimmed, with its opening and closing quotation marks."""
    start, end = trim_fragment(text, fragment)
    for mark in OPENING:
        if text.startswith(mark, max(0, start - len(mark))) and start >= len(mark):
            start -= len(mark)
            break
    after = end + 1 if end < len(text) and text[end] in BEFORE_CLOSING else end
    for mark in CLOSING:
        if text.startswith(mark, after):
            # a single mark before a letter is an apostrophe ("Obama's"), no quote's end
            if len(mark) > 1 or not text[after + 1 : after + 2].isalnum():
                end = after + len(mark)
            break
    return start, end


def cue_edges(text: str, fragment: Span) -> Span:
    """A cue fragment, trimmed, with the colon that follows it."""
    start, end = trim_fragment(text, fragment)
    if end < len(text) and text[end] == ":":
        end += 1
    return start, end


def source_edges(text: str, fragment: Span) -> Span:
    """A source fragment, trimmed, with the comma that closes its apposition."""
    start, end = trim_fragment(text, fragment)
    if end < len(text) and text[end] == "," and "," in text[start:end]:
        end += 1
    return start, end


def _drawn(text: str, spans: Spans, draw: Callable[[str, Span], Span]) -> Spans:
    return tuple(draw(text, fragment) for fragment in spans)


def draw_edges(text: str, triple: AttributionSpans) -> AttributionSpans:
    """``triple`` with every fragment's edges drawn as the annotators draw them."""
    return replace(
        triple,
        source=_drawn(text, triple.source, source_edges),
        cue=_drawn(text, triple.cue, cue_edges),
        content=_drawn(text, triple.content, content_edges),
    )
