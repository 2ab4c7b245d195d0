"""The component with spaCy's own tooling: Doc bytes, DocBin, multiprocessing pipe."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, DocBin

from reportedly.attribution.component import FACTORY, LEGACY_FACTORY
from reportedly.nlp import MODEL_NAME
from reportedly.records import DocAttribution

TEXTS = [
    "“We will not raise taxes,” the governor said on Monday.",
    "Officials said the bridge would reopen in May, according to a statement.",
    "The mayor told reporters that the budget was balanced.",
    "Nothing was said here at all.",
]


def _plain(doc: Doc) -> list[dict[str, object]]:
    return [a.to_dict() for a in doc._.attributions]


def test_docbin_round_trip_and_two_processes_keep_the_attributions() -> None:
    nlp = spacy.load(MODEL_NAME)
    nlp.add_pipe(FACTORY, config={"use_model": True})
    docs = list(nlp.pipe(TEXTS))
    found = [_plain(doc) for doc in docs]
    assert sum(map(len, found)) >= 3  # the test means something only with attributions

    # Doc.to_bytes / from_bytes
    again = [_plain(Doc(nlp.vocab).from_bytes(doc.to_bytes())) for doc in docs]
    assert again == found

    # DocBin with user data, through bytes
    store = DocBin(store_user_data=True)
    for doc in docs:
        store.add(doc)
    loaded = list(DocBin().from_bytes(store.to_bytes()).get_docs(nlp.vocab))
    assert [_plain(doc) for doc in loaded] == found
    assert [list(d._.attributions) for d in loaded] == [list(d._.attributions) for d in docs]
    assert all(isinstance(a, DocAttribution) for d in loaded for a in d._.attributions)
    assert [list(d.spans["reportedly_contents"]) != [] for d in loaded] == [bool(f) for f in found]

    # nlp.pipe with two worker processes (Docs come back as bytes)
    piped = [_plain(doc) for doc in nlp.pipe(TEXTS, n_process=2, batch_size=2)]
    assert piped == found


def test_the_unversioned_factory_name_still_builds_the_component() -> None:
    nlp = spacy.blank("en")
    assert nlp.add_pipe(LEGACY_FACTORY, config={"use_model": False}).name == LEGACY_FACTORY
    assert FACTORY in spacy.registry.factories or FACTORY in nlp.factory_names
