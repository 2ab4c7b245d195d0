"""Character-interval arithmetic shared by the scorers.

A set of characters is held as spans ``(start, end)`` (end exclusive); the
functions below treat a tuple of possibly overlapping spans as the union of
the characters it covers.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..records import Span, Spans


def merge(spans: Iterable[Span]) -> Spans:
    """The union of ``spans`` as sorted, disjoint, non-empty spans."""
    merged: list[Span] = []
    for start, end in sorted(span for span in spans if span[1] > span[0]):
        if merged and start <= merged[-1][1]:
            previous_start, previous_end = merged[-1]
            merged[-1] = (previous_start, max(previous_end, end))
        else:
            merged.append((start, end))
    return tuple(merged)


def covered(spans: Iterable[Span]) -> int:
    """How many characters the union of ``spans`` covers."""
    return sum(end - start for start, end in merge(spans))


def shared(left: Iterable[Span], right: Iterable[Span]) -> int:
    """How many characters both unions cover."""
    left_merged, right_merged = merge(left), merge(right)
    total = 0
    for left_start, left_end in left_merged:
        for right_start, right_end in right_merged:
            total += max(0, min(left_end, right_end) - max(left_start, right_start))
    return total


def iou(left: Iterable[Span], right: Iterable[Span]) -> float:
    """Intersection over union of the characters two span sets cover (0 when both are empty)."""
    left_merged, right_merged = merge(left), merge(right)
    intersection = shared(left_merged, right_merged)
    union = covered(left_merged) + covered(right_merged) - intersection
    return intersection / union if union else 0.0
