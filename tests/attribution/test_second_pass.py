"""The second pass's additions named as strings (training) and as model rows (inference)."""

from __future__ import annotations

from spacy.language import Language

from reportedly.attribution.crf import read_crfsuite_models
from reportedly.attribution.features import sequence_features
from reportedly.attribution.model import DEFAULT_MODEL_PATH, first_pass, read_bundle
from reportedly.attribution.second_pass import (
    addition_rows,
    second_pass_additions,
    second_pass_rows,
)


def test_rows_are_the_rows_of_the_addition_strings_in_their_order(
    bare_nlp: Language, seed_text: str
) -> None:
    bundle = read_bundle(DEFAULT_MODEL_PATH)
    assert bundle.second_crf is not None
    first, second = read_crfsuite_models(bundle.crf, bundle.second_crf)
    unknown = len(first.state) - 1
    doc = bare_nlp(seed_text)
    sequences = sequence_features(doc, bundle.lexicon, bundle.clusters)
    views = first_pass(first, sequences)
    strings = second_pass_additions(doc, sequences, views)
    rows = second_pass_rows(doc, sequences, views, addition_rows(first.attributes, unknown))
    assert rows == [
        [[first.attributes.get(name, unknown) for name in token] for token in sequence]
        for sequence in strings
    ]
    # the first pass found cues on the seed, so the additions hang off them
    names = {name for sequence in strings for token in sequence for name in token}
    assert {"pg=nsubj", "p1=U-CUE"} <= names
    # and the second pass has weights for them
    assert any(second.state[row].any() for sequence in rows for token in sequence for row in token)
