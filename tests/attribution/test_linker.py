"""The linker's candidate search (bounded per span, the same pairs as the exhaustive scan)
and which contents a cue keeps."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.lang.en import English
from spacy.tokens import Doc
from spacy.vocab import Vocab

from reportedly.attribution.linker import (
    MAX_CANDIDATES,
    SECOND_CONTENT_THRESHOLD,
    LinkContext,
    LinkWeights,
    TaggedSpan,
    link_with_weights,
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


def test_a_cue_keeps_its_best_content_what_runs_on_from_it_and_confident_others() -> None:
    # said(0) aa(1) .(2) bb(3) word x4 cc(8) word x6 dd(15); no tree: the logits
    # come from the distance to the cue alone
    words = ["said", "aa", ".", "bb"] + ["word"] * 4 + ["cc"] + ["word"] * 6 + ["dd"]
    # English's vocabulary knows "." is punctuation
    vocab = English().vocab
    doc = Doc(vocab, words=words, heads=list(range(len(words))), deps=["ROOT"] * len(words))
    weights = LinkWeights(
        {
            "CON|dist=1": 3.0,  # aa: the best content
            "CON|dist=3-5": -1.5,  # bb: weak, but only "." lies between it and aa
            "CON|dist=6-10": -1.5,  # cc: weak and apart: a stray content
            "CON|dist=11-20": SECOND_CONTENT_THRESHOLD + 0.5,  # dd: apart, but confident
        }
    )
    spans = [TaggedSpan("CUE", 0, 0, 0)] + [TaggedSpan("CON", i, i, 0) for i in (1, 3, 8, 15)]
    (said,) = link_with_weights(doc, spans, weights)
    assert [doc.text[start:end] for start, end in said.content] == ["aa", "bb", "dd"]
    # with the stray one alone beside the best, it is still dropped
    (said,) = link_with_weights(doc, [spans[0], spans[1], spans[3]], weights)
    assert [doc.text[start:end] for start, end in said.content] == ["aa"]
