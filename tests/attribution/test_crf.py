"""The numpy CRF against crfsuite's own tagger: same labels, same marginals."""

from __future__ import annotations

import random
import tempfile
from dataclasses import replace
from functools import partial
from itertools import pairwise
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest
from spacy.language import Language

from reportedly.attribution import crf as crf_module
from reportedly.attribution.crf import LinearChainCRF, read_crfsuite_model, read_crfsuite_models
from reportedly.attribution.features import sequence_features
from reportedly.attribution.model import (
    DEFAULT_MODEL_PATH,
    first_pass,
    read_bundle,
    valid_transition,
)
from reportedly.errors import ModelError

Sequences = list[list[list[str]]]


def random_sequences(seed: int, count: int) -> tuple[Sequences, list[list[str]]]:
    """Sequences of random attributes from a small vocabulary, with labels that
    depend on the attributes (so that the weights are not all zero)."""
    rng = random.Random(seed)
    words = [f"w={k}" for k in range(30)]
    sequences, labels = [], []
    for _ in range(count):
        length = rng.randint(1, 12)
        items = [rng.sample(words, rng.randint(0, 4)) for _ in range(length)]
        sequences.append(items)
        labels.append(["B" if "w=1" in item else "I" if "w=2" in item else "O" for item in items])
    return sequences, labels


def train(sequences: Sequences, labels: list[list[str]], c1: float = 0.0) -> bytes:
    trainer = pycrfsuite.Trainer(verbose=False)
    for items, item_labels in zip(sequences, labels, strict=True):
        trainer.append(items, item_labels)
    trainer.set_params({"c1": c1, "c2": 0.01, "max_iterations": 30})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.crf"
        trainer.train(str(path))
        return path.read_bytes()


def crfsuite_tagger(model: bytes) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(model)
    return tagger


def test_a_small_model_tags_and_scores_as_crfsuite_does() -> None:
    sequences, labels = random_sequences(seed=1, count=60)
    model = train(sequences, labels)
    crf = read_crfsuite_model(model)
    tagger = crfsuite_tagger(model)
    assert set(crf.labels) == set(tagger.labels())
    # unseen attributes, a token without any, and sequences of one token
    test, _ = random_sequences(seed=2, count=40)
    test.append([["never=seen"], [], ["w=1", "w=1"]])
    scores = crf.scores(test)
    paths = crf.viterbi(scores)
    marginals = crf.marginals(scores)
    for items, path, probabilities in zip(test, paths, marginals, strict=True):
        assert path == tagger.tag(items)
        expected = np.array(
            [[tagger.marginal(label, t) for label in crf.labels] for t in range(len(items))]
        )
        np.testing.assert_allclose(probabilities, expected, rtol=0, atol=1e-12)
        np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, atol=1e-12)


def test_models_read_together_share_one_attribute_table() -> None:
    sequences, labels = random_sequences(seed=3, count=40)
    first = train(sequences, labels)
    # the second model knows attributes the first never saw
    second = train([[[*item, "extra"] for item in items] for items in sequences], labels)
    one, two = read_crfsuite_models(first, second)
    assert one.attributes is two.attributes
    assert "extra" in one.attributes
    test, _ = random_sequences(seed=4, count=20)
    encoded = one.encode(test)
    alone = read_crfsuite_model(first)
    # the same scores from the shared table as from the model read alone
    np.testing.assert_array_equal(one.token_scores(encoded), np.concatenate(alone.scores(test)))
    assert two.viterbi(two.scores(test)) == [crfsuite_tagger(second).tag(s) for s in test]


def test_no_sequences_and_empty_sequences_are_fine() -> None:
    sequences, labels = random_sequences(seed=5, count=20)
    crf = read_crfsuite_model(train(sequences, labels))
    assert crf.viterbi(crf.scores([])) == []
    assert crf.viterbi(crf.scores([[]])) == [[]]
    assert [m.shape for m in crf.marginals(crf.scores([[], [["w=3"]]]))] == [
        (0, len(crf.labels)),
        (1, len(crf.labels)),
    ]


@pytest.mark.parametrize("data", [b"", b"lCRF" + b"\0" * 60, b"not a model at all" * 10])
def test_a_file_that_is_no_crfsuite_model_is_a_model_error(data: bytes) -> None:
    with pytest.raises(ModelError, match="not a crfsuite CRF model"):
        read_crfsuite_model(data)


def test_a_truncated_model_is_a_model_error() -> None:
    sequences, labels = random_sequences(seed=6, count=20)
    model = train(sequences, labels)
    with pytest.raises(ModelError):
        read_crfsuite_model(model[: len(model) // 2])


def test_the_shipped_first_pass_agrees_with_crfsuite_on_the_seed(
    bare_nlp: Language, seed_text: str
) -> None:
    bundle = read_bundle(DEFAULT_MODEL_PATH)
    crf = read_crfsuite_model(bundle.crf)
    tagger = crfsuite_tagger(bundle.crf)
    doc = bare_nlp(seed_text)
    sequences = sequence_features(doc, bundle.lexicon, bundle.clusters)
    features = [sequence.features for sequence in sequences]
    assert crf.viterbi(crf.scores(features)) == [tagger.tag(f) for f in features]
    views = first_pass(crf, sequences)
    cue_labels = [label for label in crf.labels if label.endswith("CUE")]
    for sequence in sequences:
        tagger.set(sequence.features)
        for k, i in enumerate(sequence.token_ids):
            cue = sum(tagger.marginal(label, k) for label in cue_labels)
            # tokens surely outside every span read 0.0 (model.first_pass)
            assert views[i].cue == pytest.approx(cue, abs=1e-9) or (
                views[i].cue == 0.0 and cue < 0.05
            )


def hand_built(labels: tuple[str, ...], transition: list[list[float]]) -> LinearChainCRF:
    """A CRF over one attribute per label: attribute ``x=LABEL`` votes for LABEL."""
    attributes = {f"x={label}": k for k, label in enumerate(labels)}
    state = np.vstack([np.eye(len(labels)) * 5.0, np.zeros(len(labels))])
    return LinearChainCRF(labels, attributes, state, np.array(transition))


def test_a_restricted_model_never_takes_a_refused_transition() -> None:
    labels = ("O", "B-CON", "I-CON", "L-CON")
    crf = hand_built(labels, [[0.0] * 4 for _ in labels])
    # the tokens vote "O I-CON L-CON": a span with no start
    tokens = [["x=O"], ["x=I-CON"], ["x=L-CON"]]
    assert crf.viterbi(crf.scores([tokens])) == [["O", "I-CON", "L-CON"]]
    restricted = crf.restricted_to(partial(valid_transition, bilou=True))
    [path] = restricted.viterbi(restricted.scores([tokens]))
    assert path in (["B-CON", "I-CON", "L-CON"], ["O", "B-CON", "L-CON"])
    assert all(valid_transition(a, b) for a, b in pairwise(path))
    # the original is left as it was
    assert np.isfinite(crf.transition).all()


def test_one_long_sequence_among_short_ones_is_decoded_in_bounded_batches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sequences, labels = random_sequences(seed=7, count=40)
    model = train(sequences, labels)
    crf = read_crfsuite_model(model)
    tagger = crfsuite_tagger(model)
    long = [item for items in sequences for item in items]  # every token in one sequence
    test = [long, *sequences[:30], []]
    whole = crf.viterbi(crf.scores(test)), crf.marginals(crf.scores(test))
    # batches of at most 64 positions: the long sequence alone, the short ones together
    monkeypatch.setattr(crf_module, "BATCH_CELLS", 64)
    groups = list(crf_module._batches(crf.scores(test)))
    assert groups[0] == [0] and all(len(g) * len(test[g[0]]) <= 64 for g in groups[1:])
    assert sorted(k for g in groups for k in g) == list(range(len(test) - 1))
    paths = crf.viterbi(crf.scores(test))
    assert paths == whole[0] == [tagger.tag(items) for items in test]
    for bounded, unbounded in zip(crf.marginals(crf.scores(test)), whole[1], strict=True):
        np.testing.assert_allclose(bounded, unbounded, rtol=0, atol=1e-12)


def sequential_scores(crf: LinearChainCRF, items: list[list[str]]) -> np.ndarray:
    """crfsuite's state scores: from zero, each attribute's weights added in order."""
    scores = np.zeros((len(items), len(crf.labels)))
    for t, item in enumerate(items):
        for name in item:
            if name in crf.attributes:
                scores[t] = scores[t] + crf.state[crf.attributes[name]]
    return scores


def test_scores_are_crfsuites_sums_to_the_last_bit() -> None:
    sequences, labels = random_sequences(seed=8, count=30)
    crf = read_crfsuite_model(train(sequences, labels))
    # weights of every magnitude, so that summing in another order rounds differently
    rng = np.random.default_rng(8)
    state = crf.state * rng.lognormal(0, 3, size=crf.state.shape)
    state[-1] = 0.0
    crf = replace(crf, state=state)
    names = sorted(crf.attributes)
    long_items = [[names[k] for k in rng.integers(0, len(names), 40)] for _ in range(5)]
    test = [*sequences, long_items]
    for items, scores in zip(test, crf.scores(test), strict=True):
        np.testing.assert_array_equal(scores, sequential_scores(crf, items))


def test_attributes_followed_by_more_are_scored_in_that_order() -> None:
    sequences, labels = random_sequences(seed=9, count=30)
    crf = read_crfsuite_model(train(sequences, labels))
    rng = random.Random(10)
    names = sorted(crf.attributes)
    # the same tokens with other attributes (a third of them without any)
    more = [
        [rng.sample(names, rng.randint(1, 5)) if rng.random() > 0.3 else [] for _ in items]
        for items in sequences
    ]
    joined = crf.encode(sequences).followed_by(crf.encode(more))
    expected = [
        sequential_scores(crf, [[*a, *b] for a, b in zip(items, extra, strict=True)])
        for items, extra in zip(sequences, more, strict=True)
    ]
    np.testing.assert_array_equal(crf.token_scores(joined), np.concatenate(expected))
    assert joined.lengths == tuple(len(items) for items in sequences)
    with pytest.raises(ValueError, match="different tokens"):
        crf.encode(sequences).followed_by(crf.encode(sequences[:-1]))


@pytest.mark.filterwarnings("error::RuntimeWarning")
@pytest.mark.parametrize("shift", [710.0, -800.0, 1e5])
def test_marginals_stay_exact_when_scores_are_far_past_what_exp_can_hold(shift: float) -> None:
    """Forward-backward in log space: adding a constant to every label's score at a
    position changes no marginal, however large (exp(710) overflowed, then NaN)."""
    sequences, labels = random_sequences(seed=8, count=30)
    crf = read_crfsuite_model(train(sequences, labels))
    scores = crf.scores(random_sequences(seed=9, count=30)[0])
    rng = np.random.default_rng(0)
    shifted = [s + shift * rng.uniform(0.5, 1.5, size=(len(s), 1)) for s in scores]
    for plain, far in zip(crf.marginals(scores), crf.marginals(shifted), strict=True):
        assert np.isfinite(far).all()
        np.testing.assert_allclose(far, plain, rtol=0, atol=1e-9)
    # one label's score far above the others: that label, surely
    [peaked] = crf.marginals([np.array([[0.0, 2000.0, -2000.0][: len(crf.labels)]] * 3)])
    np.testing.assert_allclose(peaked[:, 1], 1.0)
