"""The merge policy, written once: who wins when rules and the model overlap.

One ordered list decides every overlap: the ``before-model`` rules' triples (in
registry order), the model's mended triples, then the ``after-model`` rules'
triples (in registry order). Each triple is kept only when its cue and content
share no character with a triple kept before it. The result is in text order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..records import AttributionSpans
from .syntax import Coverage, parts, starts_at


def merge(
    rules: Iterable[tuple[bool, AttributionSpans]], model: Iterable[AttributionSpans]
) -> list[AttributionSpans]:
    """The rules' triples, each marked True when its rule is trusted over the model,
    in registry order, and the model's, merged."""
    ruled = list(rules)
    kept = first_come(
        (t for before, t in ruled if before), model, (t for before, t in ruled if not before)
    )
    kept.sort(key=starts_at)
    return kept


def first_come(*tiers: Iterable[AttributionSpans]) -> list[AttributionSpans]:
    """Each candidate of ``tiers``, in order, that overlaps nothing kept before it."""
    kept: list[AttributionSpans] = []
    taken = Coverage()
    for tier in tiers:
        for triple in tier:
            if not taken.overlaps(parts(triple)):
                kept.append(triple)
                taken.add(parts(triple))
    return kept


def base_origin(origin: str) -> str:
    """The part that found an attribution: ``model`` for ``model+filled-content``."""
    return origin.split("+", 1)[0]


def menders_of(origin: str) -> Sequence[str]:
    """The menders that changed an attribution (``model+filled-content``: one)."""
    return tuple(origin.split("+")[1:])
