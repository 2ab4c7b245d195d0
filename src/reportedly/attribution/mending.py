"""What every mender is: its record, and how its name is marked on a triple (the context
it reads is :class:`.context.CascadeContext`, the rules' too).

:mod:`.menders` holds the registry and the menders of the model's triples,
:mod:`.merged_menders` those that run after the merge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from ..records import AttributionSpans
from .context import CascadeContext, Effect

Stage = Literal["model", "merged"]


@dataclass(frozen=True, slots=True)
class Mender:
    name: str
    stage: Stage  # "model": the model's triples, before the merge; "merged": all, after it
    mend: Callable[[CascadeContext, list[AttributionSpans]], list[AttributionSpans]]
    effect: Effect


def marked(triple: AttributionSpans, name: str) -> AttributionSpans:
    """``triple`` with ``name`` appended to its origin (once)."""
    if name in triple.origin.split("+"):
        return triple
    return replace(triple, origin=f"{triple.origin}+{name}" if triple.origin else name)


def each(
    name: str, fn: Callable[[CascadeContext, AttributionSpans], AttributionSpans]
) -> Callable[[CascadeContext, list[AttributionSpans]], list[AttributionSpans]]:
    """A mender that patches triples one at a time."""

    def mend(ctx: CascadeContext, triples: list[AttributionSpans]) -> list[AttributionSpans]:
        result = []
        for triple in triples:
            mended = fn(ctx, triple)
            result.append(triple if mended == triple else marked(mended, name))
        return result

    return mend
