"""The German scorer: one-to-one pairing by quote tokens, token counts per role, and
the quality gate of the German analysis on the dev split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportedly.errors import DatasetError
from reportedly.evaluation.german import (
    GermanScores,
    Quotation,
    read_german_dir,
    score_article,
    tokens_of,
)

GERMAN_DEV = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "german-quotes" / "dev"
# a margin under the measured dev figures (docs/german.md)
DEV_FLOORS = {"quote": 63.0, "speaker": 46.0, "cue": 58.0, "joint": 60.0}


def quotation(
    quote: set[int],
    speaker: frozenset[int] = frozenset(),
    cue: frozenset[int] = frozenset(),
    kind: str = "Direct",
) -> Quotation:
    return Quotation(
        {"quote": frozenset(quote), "speaker": frozenset(speaker), "cue": frozenset(cue)}, kind
    )


def test_pairs_one_to_one_by_shared_quote_tokens() -> None:
    gold = [
        quotation({1, 2, 3}, frozenset({7}), frozenset({8})),
        quotation({10, 11}, frozenset({12}), frozenset({13}), "Indirect"),
    ]
    # the first prediction overlaps both golds more with the second; each pairs once
    predicted = [
        quotation({3, 10, 11}, frozenset({12}), frozenset({13})),
        quotation({1, 2}, frozenset({7}), frozenset({9})),
    ]
    scores = GermanScores()
    score_article(scores, gold, predicted)
    quote = scores.roles["quote"]
    assert (quote.tp, quote.fp, quote.fn) == (4, 1, 1)
    cue = scores.roles["cue"]
    assert (cue.tp, cue.fp, cue.fn) == (1, 1, 1)
    joint = scores.roles["joint"]
    assert (joint.tp, joint.fp, joint.fn) == (4 + 2 + 1, 1 + 1, 1 + 1)
    assert scores.by_type["Indirect"]["quote"].tp == 2


def test_unpaired_quotations_count_all_their_tokens() -> None:
    scores = GermanScores()
    score_article(scores, [quotation({1, 2}, frozenset({5}))], [quotation({8, 9}, frozenset({5}))])
    assert (scores.roles["speaker"].fp, scores.roles["speaker"].fn) == (1, 1)
    assert scores.f1("quote") == 0.0


def test_tokens_of_character_spans() -> None:
    tokens = ((0, 3), (4, 8), (9, 12))
    assert tokens_of([(5, 10)], tokens) == {1, 2}
    assert tokens_of([], tokens) == frozenset()


def test_reads_an_article_and_refuses_a_bad_one(tmp_path: Path) -> None:
    article = {
        "originalText": "Er sagte: „Ja.“",
        "tokens": [{"charBegin": 0, "charEnd": 2}, {"charBegin": 3, "charEnd": 8}],
        "annotations": [
            {
                "quote": {"tokenIds": [1]},
                "speaker": {"tokenIds": [0]},
                "cue": {"tokenIds": []},
                "type": "Direct",
            }
        ],
    }
    (tmp_path / "1.json").write_text(json.dumps(article), "utf-8")
    (read,) = read_german_dir(tmp_path)
    assert read.quotations[0].roles["speaker"] == {0}
    (tmp_path / "2.json").write_text("{}", "utf-8")
    with pytest.raises(DatasetError, match=r"2\.json: not a German quotation article"):
        read_german_dir(tmp_path)


@pytest.mark.slow
def test_german_dev_quality_gate() -> None:
    if not GERMAN_DEV.is_dir():
        pytest.skip(f"German quotation data not found at {GERMAN_DEV}")
    from reportedly.evaluation.german import evaluate_german
    from reportedly.languages.de.tagger import model_available

    if not model_available():
        pytest.skip("the optional German model is not installed")
    scores = evaluate_german(read_german_dir(GERMAN_DEV))
    for role, floor in DEV_FLOORS.items():
        assert scores.f1(role) * 100 >= floor, (role, scores.to_dict()["roles"])
