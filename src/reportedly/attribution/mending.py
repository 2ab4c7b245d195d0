"""What every mender is: its context, its record, and how its name is marked on a triple.

:mod:`.menders` holds the registry and the menders of the model's triples,
:mod:`.merged_menders` those that run after the merge.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Doc

from ..records import AttributionSpans
from .quotes import QuoteSpan
from .syntax import doc_text

Stage = Literal["model", "merged"]


@dataclass(frozen=True, slots=True)
class MendContext:
    doc: Doc
    text: str
    body_start: int
    quotes: Sequence[QuoteSpan]
    quote_starts: Sequence[int] = ()  # each quote's start, for bisecting

    @classmethod
    def of(cls, doc: Doc, body_start: int, quotes: Sequence[QuoteSpan]) -> MendContext:
        return cls(doc, doc_text(doc), body_start, quotes, [q.start for q in quotes])


@dataclass(frozen=True, slots=True)
class Mender:
    name: str
    stage: Stage  # "model": the model's triples, before the merge; "merged": all, after it
    mend: Callable[[MendContext, list[AttributionSpans]], list[AttributionSpans]]
    dev_effect: str


def marked(triple: AttributionSpans, name: str) -> AttributionSpans:
    """``triple`` with ``name`` appended to its origin (once)."""
    if name in triple.origin.split("+"):
        return triple
    return replace(triple, origin=f"{triple.origin}+{name}" if triple.origin else name)


def each(
    name: str, fn: Callable[[MendContext, AttributionSpans], AttributionSpans]
) -> Callable[[MendContext, list[AttributionSpans]], list[AttributionSpans]]:
    """A mender that patches triples one at a time."""

    def mend(ctx: MendContext, triples: list[AttributionSpans]) -> list[AttributionSpans]:
        result = []
        for triple in triples:
            mended = fn(ctx, triple)
            result.append(triple if mended == triple else marked(mended, name))
        return result

    return mend
