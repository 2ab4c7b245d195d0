"""Training the German tagger: both passes are written and read back, the second one
from the first one's output, and cross-validation scores every article once."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportedly.evaluation.german import read_german_dir
from reportedly.languages.de.stacking import FirstPass, stacked_features
from reportedly.languages.de.tagger import label_tokens, second_pass_path
from reportedly.languages.de.tokens import tokenize
from reportedly.training.german import GermanTrainingConfig, cross_validate, train_german

GERMAN_TRAIN = (
    Path(__file__).resolve().parents[3] / "shared" / "datasets" / "german-quotes" / "train"
)
QUICK = GermanTrainingConfig(max_iterations=5, jackknife_folds=2)


def test_stacked_features_read_the_first_pass_around_each_token() -> None:
    tokens = tokenize("Müller sagte, er sei müde. Er gehe nach Hause.")
    features = [["w=x"] for _ in tokens]
    labels = ["B-S", "B-C", "O", "B-Q", "I-Q", "I-Q", "O", "O", "O", "O", "O", "O"]
    assert len(labels) == len(tokens)
    first = FirstPass(tuple(labels), tuple((0.0, 0.9, 0.0) for _ in tokens))
    stacked = stacked_features(tokens, features, first)
    said = stacked[1]
    assert said[0] == "w=x"  # the first pass's features come first, unchanged
    assert {"p1=B-C", "-1:p1=S", "1:p1=O", "dS=-1", "dQ=+2", "mS=3", "s1_Q"} <= set(said)
    # the second sentence holds no predicted role, and knows the one before it did
    going = stacked[8]
    assert {"s1_O", "prev1_Q", "prev1_S", "dC=none"} <= set(going)


@pytest.mark.slow
def test_train_writes_both_passes_and_the_tagger_reads_them(tmp_path: Path) -> None:
    if not GERMAN_TRAIN.is_dir():
        pytest.skip(f"German quotation data not found at {GERMAN_TRAIN}")
    articles = read_german_dir(GERMAN_TRAIN, limit=6)
    out = tmp_path / "m.crfsuite"
    result = train_german(articles, out, QUICK)
    assert out.is_file() and second_pass_path(out).is_file()
    assert result.articles == 6
    tokens = tokenize(articles[0].text)
    assert len(label_tokens(tokens, out)) == len(tokens)
    train_german(articles, out, GermanTrainingConfig(max_iterations=5, jackknife_folds=0))
    assert not second_pass_path(out).exists()  # a one-pass model leaves no stale second pass
    scores = cross_validate(articles, 2, tmp_path, QUICK)
    assert scores.articles == 6
