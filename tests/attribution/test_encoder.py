"""The token encoder: word pieces aligned to spaCy tokens, windows over long texts."""

from __future__ import annotations

from itertools import pairwise

import numpy
import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from reportedly.attribution.encoder import (
    WINDOW,
    TokenEncoder,
    align_to_tokens,
    owned_ranges,
    window_starts,
)


def _hand_built_doc() -> Doc:
    # "He didn't say." as spaCy splits it, with a paragraph break token
    return Doc(
        Vocab(),
        words=["He", "did", "n't", "say", ".", "\n\n", "Yes"],
        spaces=[True, False, True, False, False, False, False],
    )


def test_a_token_is_the_mean_of_the_pieces_that_overlap_it() -> None:
    doc = _hand_built_doc()
    assert doc.text == "He didn't say.\n\nYes"
    # pieces as a wordpiece tokenizer cuts the text: "didn" runs over two spaCy tokens
    pieces = numpy.array([[0, 2], [3, 7], [7, 8], [8, 9], [10, 13], [13, 14], [16, 19]])
    vectors = numpy.arange(len(pieces) * 2, dtype=numpy.float32).reshape(-1, 2)
    starts = numpy.array([t.idx for t in doc])
    ends = starts + numpy.array([len(t.text) for t in doc])
    aligned = align_to_tokens(pieces, vectors, starts, ends)
    assert aligned.shape == (len(doc), 2)
    assert aligned[0].tolist() == vectors[0].tolist()  # "He"
    assert aligned[1].tolist() == vectors[1].tolist()  # "did" lies inside "didn"
    # "n't": the end of "didn", the apostrophe and "t"
    assert aligned[2].tolist() == vectors[1:4].mean(axis=0).tolist()
    assert aligned[5].tolist() == [0.0, 0.0]  # the paragraph break has no piece
    assert aligned[6].tolist() == vectors[6].tolist()


def test_windows_cover_every_piece_once_with_overlap() -> None:
    for pieces in (1, 10, 254, 255, 600, 1001):
        starts = window_starts(pieces)
        owned = owned_ranges(starts, pieces)
        covered = [i for r in owned for i in r]
        assert covered == list(range(pieces))
        for start, mine in zip(starts, owned, strict=True):
            assert start <= mine.start and mine.stop <= start + WINDOW - 2
        if len(starts) > 1:
            # each piece of an inner window's own share has context on both sides
            assert all(b - a < WINDOW - 2 for a, b in pairwise(starts))


def test_the_encoder_gives_every_token_a_vector(token_encoder: TokenEncoder) -> None:
    from reportedly.nlp import load_nlp

    doc = load_nlp(with_attributions=False)("“We will win,” Ms. Zoë Smith said.\n\nShe left.")
    vectors = token_encoder.token_vectors(doc)
    assert vectors.shape == (len(doc), 384)
    for token in doc:
        assert bool(numpy.abs(vectors[token.i]).sum() > 0) == (not token.is_space)


@pytest.mark.slow
def test_a_long_text_is_read_in_windows_like_a_short_one(token_encoder: TokenEncoder) -> None:
    from reportedly.nlp import load_nlp

    sentence = "The senator said on Tuesday that the plan would fail. "
    doc = load_nlp(with_attributions=False)(sentence * 60)
    vectors = token_encoder.token_vectors(doc)
    assert not numpy.isnan(vectors).any()
    # the same words in the same context read alike wherever a window falls
    senators = [token.i for token in doc if token.text == "senator"]
    first, middle = vectors[senators[1]], vectors[senators[len(senators) // 2]]
    cosine = float(first @ middle / numpy.linalg.norm(first) / numpy.linalg.norm(middle))
    assert cosine > 0.8
