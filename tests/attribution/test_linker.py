"""The linker's candidate search: bounded per span, and the same pairs as the exhaustive scan."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc
from spacy.vocab import Vocab

from reportedly.attribution.linker import (
    MAX_CANDIDATES,
    LinkContext,
    TaggedSpan,
    scored_pairs,
)


def flat_doc(length: int) -> Doc:
    """A Doc of ``length`` tokens, every one its own root (no tree to climb)."""
    words = ["said" if i % 3 == 1 else "word" for i in range(length)]
    return Doc(Vocab(), words=words, heads=list(range(length)), deps=["ROOT"] * length)


@st.composite
def cues_and_span(draw: st.DrawFn) -> tuple[int, list[TaggedSpan], TaggedSpan]:
    """Non-overlapping cues in token order over 1-3 paragraphs, and a span between them."""
    length = draw(st.integers(min_value=4, max_value=120))
    positions = sorted(draw(st.sets(st.integers(0, length - 1), min_size=1, max_size=length)))
    span_at = draw(st.sampled_from(positions))
    per_paragraph = draw(st.integers(min_value=1, max_value=length))
    cues = [TaggedSpan("CUE", i, i, i // per_paragraph) for i in positions if i != span_at]
    return length, cues, TaggedSpan("CON", span_at, span_at, span_at // per_paragraph)


@settings(max_examples=60, deadline=None)
@given(cues_and_span())
def test_bounded_candidates_give_the_exhaustive_pairs(
    case: tuple[int, list[TaggedSpan], TaggedSpan],
) -> None:
    length, cues, span = case
    context = LinkContext.of(flat_doc(length))
    exhaustive = scored_pairs(context, span, cues)
    bounded = scored_pairs(context, span, cues, [cue.start for cue in cues])
    # the nearest MAX_CANDIDATES, with the same cue counts between span and cue
    assert bounded == exhaustive[:MAX_CANDIDATES]


def test_a_paragraph_of_thousands_of_cues_scores_a_bounded_number_per_span() -> None:
    length = 3000
    context = LinkContext.of(flat_doc(length))
    cues = [TaggedSpan("CUE", i, i, 0) for i in range(1, length, 3)]
    span = TaggedSpan("CON", 1500, 1500, 0)
    pairs = scored_pairs(context, span, cues, [cue.start for cue in cues])
    assert len(pairs) == MAX_CANDIDATES
    # nearest first: the cues right before and after the span lead
    assert {cues[index].start for index, _ in pairs[:2]} == {1498, 1501}
