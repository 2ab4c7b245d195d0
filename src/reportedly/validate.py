"""Check an analysis against its own input: every span must point at what it reports.

The contract of the record is that ``input[start:end]`` is the reported text as
it stood before repair; applying the repairs that fall inside the span gives the
``text`` field back (whitespace aside; the fragments of a discontinuous part are
joined with a space or, in claims, with an ellipsis). :func:`span_mismatches` lists every place
where that does not hold, so tests, users and the corpus can check records.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .records import Analysis, Repair, Span, Spans

JOINERS = (" ", " … ")


def apply_repairs(text: str, span: Span, repairs: Iterable[Repair]) -> str:
    """``text[start:end]`` with the repairs that lie inside it applied."""
    start, end = span
    inside = sorted(
        ((s, e, r.after) for r in repairs for s, e in r.spans if start <= s and e <= end),
        reverse=True,
    )
    piece = text[start:end]
    for s, e, after in inside:
        piece = piece[: s - start] + after + piece[e - start :]
    return piece


def _parts(analysis: Analysis) -> Iterator[tuple[str, Spans, str]]:
    for index, attribution in enumerate(analysis.attributions):
        for role in ("source", "cue", "content", "channel"):
            part = getattr(attribution, role)
            if part is not None:
                yield f"attributions[{index}].{role}", part.spans, part.text
    for index, claim in enumerate(analysis.claims):
        yield f"claims[{index}]", claim.spans, claim.text
        for q, quantity in enumerate(claim.quantities):
            yield f"claims[{index}].quantities[{q}]", quantity.spans, quantity.text
    if analysis.title is not None:
        yield "title", analysis.title.spans, analysis.title.text


def span_mismatches(analysis: Analysis) -> Iterator[str]:
    """One line per span that does not point at the text it reports."""
    length = len(analysis.text)
    for where, spans, text in _parts(analysis):
        if any(not 0 <= s <= e <= length for s, e in spans):
            yield f"{where}: span {spans} outside the input (length {length})"
            continue
        pieces = [apply_repairs(analysis.text, span, analysis.repairs) for span in spans]
        wanted = " ".join(text.split())
        # fragments are joined with a space (attributions) or an ellipsis (claims)
        rebuilt = " ".join(pieces)
        if all(" ".join(joiner.join(pieces).split()) != wanted for joiner in JOINERS):
            yield f"{where}: input at {spans} reads {rebuilt[:60]!r}, record says {text[:60]!r}"
