"""The tagger's features: the same features named as strings and as model rows."""

from __future__ import annotations

from spacy.language import Language

from reportedly.attribution.crf import read_crfsuite_model
from reportedly.attribution.feature_names import feature_rows
from reportedly.attribution.features import sequence_features, sequence_rows
from reportedly.attribution.model import DEFAULT_MODEL_PATH, read_bundle


def test_rows_are_the_rows_of_the_feature_strings_in_their_order(
    bare_nlp: Language, seed_text: str
) -> None:
    bundle = read_bundle(DEFAULT_MODEL_PATH)
    first = read_crfsuite_model(bundle.crf)
    unknown = len(first.state) - 1
    doc = bare_nlp(seed_text)
    strings = sequence_features(doc, bundle.lexicon, bundle.clusters)
    rows = sequence_rows(
        doc, bundle.lexicon, bundle.clusters, feature_rows(first.attributes, unknown)
    )
    assert [s.token_ids for s in rows] == [s.token_ids for s in strings]
    expected = [
        tuple(tuple(first.attributes.get(name, unknown) for name in token) for token in s.features)
        for s in strings
    ]
    assert [s.features for s in rows] == expected
    # the seed has features the model never saw, and they are the unknown row
    assert any(unknown in token for s in rows for token in s.features)
