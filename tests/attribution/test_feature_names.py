"""Feature names: made once per value, kept within a budget, strings or model rows."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from reportedly.attribution import feature_names as names_module
from reportedly.attribution import features as features_module
from reportedly.attribution.feature_names import (
    FEATURE_STRINGS,
    FeatureNames,
    NameBudget,
    NamePairs,
    Names,
    feature_names,
)
from reportedly.attribution.features import sequence_features
from reportedly.attribution.model import DEFAULT_MODEL_PATH, read_bundle


def kept(names: FeatureNames[Any]) -> int:
    """How many names the families hold, the second values of pairs included."""
    total = 0
    for field in names.__dataclass_fields__:
        value = getattr(names, field)
        for family in value if isinstance(value, tuple) else (value,):
            total += len(family)
            if isinstance(family, NamePairs):
                total += sum(len(inner) for inner in family.values())
    return total


def test_names_past_the_budget_are_forgotten_and_made_again(
    bare_nlp: Language, seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = bare_nlp(seed_text)
    bundle = read_bundle(DEFAULT_MODEL_PATH)
    expected = sequence_features(doc, bundle.lexicon, bundle.clusters)
    monkeypatch.setattr(names_module, "CACHED_NAMES", 50)
    small = feature_names(str)
    for _ in range(2):
        got = features_module._sequences(doc, bundle.lexicon, bundle.clusters, small)
        assert got == expected
        assert kept(small) <= 50
    # the default budget keeps every name the seed needs, once each
    assert kept(FEATURE_STRINGS) > 50


def test_a_name_is_made_once_and_then_reused() -> None:
    made: list[str] = []

    def make(name: str) -> str:
        made.append(name)
        return name.upper()

    budget = NameBudget(limit=100)
    tags = Names("t=", make, budget)
    pairs = NamePairs("t|d=", make, "|", budget)
    budget.families += [tags, pairs]
    assert [tags["NN"], tags["NN"], tags[7]] == ["T=NN", "T=NN", "T=7"]
    assert pairs["NN"]["nsubj"] == pairs["NN"]["nsubj"] == "T|D=NN|NSUBJ"
    assert made == ["t=NN", "t=7", "t|d=NN|nsubj"]
    assert budget.kept == 4  # three names and one first value of a pair
    budget.limit = 5
    tags["VB"]
    assert budget.kept == 5 and len(tags) == 3
    # past the limit, every family forgets, and the new name is kept
    assert tags["JJ"] == "T=JJ"
    assert budget.kept == 1 and list(tags) == ["JJ"] and not pairs


def test_a_family_without_a_budget_keeps_its_own() -> None:
    names = Names("w=", str)
    assert names.budget.families == [names]
    pairs = NamePairs("w|w=", str)
    assert pairs.budget.families == [pairs]
    assert pairs["a"].budget is pairs.budget
