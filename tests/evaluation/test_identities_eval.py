"""The identity reference (tests/evaluation/identities-reference.jsonl) scored with floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportedly.errors import DatasetError
from reportedly.evaluation.identities import (
    IdentityMention,
    Predicted,
    evaluate_identities,
    parse_mention,
    score_identities,
)

HERE = Path(__file__).parent
SHARED = HERE.parents[1].parent / "shared" / "datasets"


def test_pairwise_scores_count_a_merged_fragment_as_wrong() -> None:
    mentions = [
        IdentityMention("d", "Mike Pence", "Mike Pence", "person", "Mike Pence", "person"),
        IdentityMention("d", "Pence", "Pence", "person", "Mike Pence", "person"),
        IdentityMention("d", "August", "August", "person", None, None),
    ]
    scores = score_identities(
        mentions, [Predicted(1, "person"), Predicted(1, "person"), Predicted(1, "person")]
    )
    assert scores["recall"] == 1.0 and scores["precision"] == round(1 / 3, 4)
    assert scores["fragments_rejected"] == 0


def test_a_type_without_an_identity_is_refused() -> None:
    with pytest.raises(DatasetError):
        parse_mention('{"doc": "d", "name": "x", "source_type": "person", "type": "person"}', "l")


@pytest.mark.slow
def test_identity_reference_floors() -> None:
    if not (SHARED / "polnear").is_dir():
        pytest.skip("datasets not found")
    scores = evaluate_identities(HERE / "identities-reference.jsonl", SHARED)
    assert scores["mentions"] >= 300
    assert scores["precision"] >= 0.98  # measured 0.9977
    assert scores["recall"] >= 0.9  # measured 0.9221
    assert scores["fragments_rejected"] >= 0.9 * scores["fragments"]  # measured 186/191
    assert scores["type_accuracy"] >= 0.96  # measured 0.9850
