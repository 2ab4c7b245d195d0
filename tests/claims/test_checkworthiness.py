"""The check-worthiness score and the ranking metrics, on values worked out by hand."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reportedly.claims.checkworthiness import (
    ClaimFeatures,
    average_precision,
    checkworthiness,
    precision_at_k,
)

REPORTER_NUMBER = ClaimFeatures(
    kind="quantity",
    reporter_voice=True,
    stance=None,
    words=12,
    quantities=1,
    entities=1,
    first_second_person=0,
    modals=0,
    future=False,
    evaluative=0,
    question=False,
)
ATTRIBUTED_OPINION = replace(
    REPORTER_NUMBER,
    kind="other",
    reporter_voice=False,
    stance="belief",
    quantities=0,
    entities=0,
    first_second_person=1,
    modals=1,
)


def test_reporter_number_outranks_attributed_opinion() -> None:
    assert checkworthiness(REPORTER_NUMBER) > 0.5 > checkworthiness(ATTRIBUTED_OPINION)


@pytest.mark.parametrize(
    "change",
    [
        {"reporter_voice": False, "stance": "neutral"},
        {"question": True},
        {"future": True},
        {"modals": 1},
        {"evaluative": 1},
        {"first_second_person": 2},
        {"words": 3},
        {"kind": "other"},
    ],
)
def test_each_opinion_or_vagueness_marker_lowers_the_score(change: dict[str, object]) -> None:
    assert checkworthiness(replace(REPORTER_NUMBER, **change)) < checkworthiness(REPORTER_NUMBER)  # type: ignore[arg-type]


def test_an_asserting_source_counts_more_than_a_believing_one() -> None:
    asserted = replace(REPORTER_NUMBER, reporter_voice=False, stance="assertive")
    believed = replace(asserted, stance="belief")
    assert checkworthiness(asserted) > checkworthiness(believed)


def test_scores_stay_in_the_unit_interval() -> None:
    extreme_low = replace(ATTRIBUTED_OPINION, question=True, future=True, modals=9, evaluative=9)
    extreme_high = replace(REPORTER_NUMBER, entities=50, quantities=50)
    assert 0.0 <= checkworthiness(extreme_low) < checkworthiness(extreme_high) <= 1.0


def test_precision_at_k() -> None:
    ranked = [True, False, True, True, False]
    assert precision_at_k(ranked, 1) == 1.0
    assert precision_at_k(ranked, 2) == 0.5
    assert precision_at_k(ranked, 4) == 0.75
    with pytest.raises(ValueError):
        precision_at_k(ranked, 0)


def test_average_precision() -> None:
    # positives at ranks 1, 3, 4: (1/1 + 2/3 + 3/4) / 3
    assert average_precision([True, False, True, True, False]) == pytest.approx(
        (1 + 2 / 3 + 3 / 4) / 3
    )
    assert average_precision([False, False]) == 0.0
    assert average_precision([True, True]) == 1.0
