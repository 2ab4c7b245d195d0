"""The check-worthiness ranking against sentences of PolNeAR dev labelled by hand."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from reportedly.claims.evaluate import (
    LabelledSentence,
    check_text,
    load_labels,
    score_ranking,
    sentence_score,
)
from reportedly.errors import DatasetError
from reportedly.records import Claim

LABELS = Path(__file__).parent / "data" / "polnear-dev-checkworthiness.tsv"
# Measured 0.781 AP, P@10 0.90, P@20 0.85 on 140 sentences (60 check-worthy) when the
# labels were made; the floors leave room for changes in the attribution rules. 0.3.0
# reads 0.708: the re-flow now joins HuffPost's hard-wrapped "Editor's note" (one
# sentence over six lines), so the claim made of it also covers a line labelled, on the
# broken text, as a sentence of its own and not check-worthy (0.724 before; the floor
# was 0.72).
AP_FLOOR = 0.70
P_AT_10_FLOOR = 0.8


def test_labels_file_is_well_formed() -> None:
    labels = load_labels(LABELS)
    assert len(labels) >= 100
    assert 0 < sum(label.worthy for label in labels) < len(labels)


def test_ranking_beats_chance_by_far(polnear_dir: Path) -> None:
    from reportedly import analyze_many

    labels = load_labels(LABELS)
    by_article: dict[str, list[LabelledSentence]] = defaultdict(list)
    for label in labels:
        by_article[label.article].append(label)
    articles = sorted(by_article)
    texts = [(polnear_dir / "data" / "dev" / "text" / a).read_text("utf-8") for a in articles]
    scores: list[float] = []
    worthy: list[bool] = []
    for article, text, analysis in zip(articles, texts, analyze_many(texts), strict=True):
        claims: tuple[Claim, ...] = analysis.claims
        for label in by_article[article]:
            check_text(label, text)
            scores.append(sentence_score(label, claims))
            worthy.append(label.worthy)
    result = score_ranking(scores, worthy)
    assert result.average_precision >= AP_FLOOR
    assert result.average_precision >= result.base_rate + 0.25
    assert result.precision_at[10] >= P_AT_10_FLOOR


def test_sentence_score_takes_the_best_overlapping_claim() -> None:
    sentence = LabelledSentence("a.txt", 10, 20, 0, True)
    claims = [
        Claim(((0, 12),), "x", "other", (), None, 0.3),
        Claim(((15, 30),), "y", "event", (), None, 0.6),
        Claim(((20, 40),), "z", "quantity", (), None, 0.9),  # touches, does not overlap
    ]
    assert sentence_score(sentence, claims) == 0.6
    assert sentence_score(sentence, []) == 0.0


def test_ties_are_broken_against_the_ranking() -> None:
    # equal scores: the unworthy sentence is ranked first, so AP is 0.5, not 1.0
    assert score_ranking([0.5, 0.5], [True, False]).average_precision == 0.5


def test_malformed_labels_and_changed_texts_raise(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("article\tstart\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="header"):
        load_labels(bad)
    bad.write_text("article\tstart\tend\tcrc32\tlabel\na.txt\tx\t3\t0\t1\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="malformed"):
        load_labels(bad)
    with pytest.raises(DatasetError, match="not the labelled sentence"):
        check_text(LabelledSentence("a.txt", 0, 4, 1, True), "some text")
