"""A Doc's token table: its columns are the Token attributes, read once per Doc and shared."""

from __future__ import annotations

import gc
import weakref
from typing import Any

from spacy.tokens import Doc
from spacy.vocab import Vocab

from reportedly.attribution.linker import LinkContext
from reportedly.claims.passes import article_passes
from reportedly.nlp import tokens
from reportedly.nlp.tokens import TokenTable, read_token_table, token_table


def by_hand(doc: Doc) -> dict[str, list[Any]]:
    """What TokenLists promises, read token by token from spaCy's Token objects."""
    numbers, number = [], -1
    for token in doc:
        if token.is_sent_start or number < 0:
            number += 1
        numbers.append(number)
    return {
        "text": [t.text for t in doc],
        "lower": [t.lower_ for t in doc],
        "lemma": [t.lemma_.lower() for t in doc],
        "tag": [t.tag_ for t in doc],
        "pos": [t.pos_ for t in doc],
        "dep": [t.dep_ for t in doc],
        "ent": [t.ent_type_ for t in doc],
        "ent_iob": [t.ent_iob_ if t.ent_type_ else "" for t in doc],
        "shape": [t.shape_ for t in doc],
        "whitespace": [t.whitespace_ for t in doc],
        "is_space": [t.is_space for t in doc],
        "sent_start": [bool(t.is_sent_start) for t in doc],
        "head": [t.head.i for t in doc],
        "sentence": numbers,
    }


def assert_columns_match(doc: Doc, table: TokenTable) -> None:
    lists = table.lists
    for name, expected in by_hand(doc).items():
        assert getattr(lists, name) == expected, name
    assert len(table) == len(doc)
    assert table.start.tolist() == [t.idx for t in doc]
    assert table.end.tolist() == [t.idx + len(t.text) for t in doc]
    assert table.lemma.tolist() == [t.lemma for t in doc]  # hashes, not lowercased
    assert table.spacy.tolist() == [bool(t.whitespace_) for t in doc]


def hand_built() -> Doc:
    """Two paragraphs, two sentences; an entity; capitalised lemmas (the lists lowercase
    them); a newline token."""
    words = ["Senator", "Smith", "said", "it", ".", "\n\n", "Taxes", "rise", "."]
    doc = Doc(
        Vocab(),
        words=words,
        spaces=[True, True, True, False, False, False, True, False, False],
        heads=[1, 2, 2, 2, 2, 4, 7, 7, 7],
        deps=["compound", "nsubj", "ROOT", "dobj", "punct", "dep", "nsubj", "ROOT", "punct"],
        lemmas=["Senator", "Smith", "say", "it", ".", "\n\n", "tax", "rise", "."],
        tags=["NNP", "NNP", "VBD", "PRP", ".", "_SP", "NNS", "VBP", "."],
        pos=["PROPN", "PROPN", "VERB", "PRON", "PUNCT", "SPACE", "NOUN", "VERB", "PUNCT"],
        ents=["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O", "O"],
    )
    return doc


def test_the_columns_of_a_hand_built_doc_are_its_token_attributes() -> None:
    doc = hand_built()
    table = read_token_table(doc)
    assert_columns_match(doc, table)
    assert table.lists.sentence == [0, 0, 0, 0, 0, 0, 1, 1, 1]
    assert table.lists.lemma[:2] == ["senator", "smith"]
    assert table.lists.ent_iob[:3] == ["B", "I", ""]


def test_sentences_are_numbered_from_an_unknown_or_a_false_first_token() -> None:
    for first in (None, False):
        doc = Doc(Vocab(), words=["a", "b", "c", "d"], sent_starts=[first, None, True, False])
        assert doc[0].is_sent_start is first
        table = read_token_table(doc)
        assert_columns_match(doc, table)
        assert table.lists.sentence == [0, 0, 1, 1]
        assert table.lists.sent_start == [False, False, True, False]


def test_the_columns_of_a_parsed_article_are_its_token_attributes(
    bare_nlp: Any, seed_text: str
) -> None:
    doc = bare_nlp(seed_text)
    assert_columns_match(doc, read_token_table(doc))


def test_an_empty_doc_has_empty_columns() -> None:
    table = token_table(Doc(Vocab(), words=[]))
    assert len(table) == 0
    assert table.lists.text == [] and table.lists.sentence == []


def test_a_doc_is_read_once_and_shared_by_the_tagger_the_linker_and_claims(
    nlp: Any, seed_text: str
) -> None:
    doc = nlp(seed_text)  # the attribution component has run: its tagger read the table
    assert doc in tokens._tables
    table = token_table(doc)
    assert token_table(doc) is table
    assert LinkContext.of(doc).heads is table.lists.head
    assert article_passes(doc, doc._.attributions, doc._.title_span).table is table


def test_a_table_goes_with_its_doc() -> None:
    doc = hand_built()
    table = weakref.ref(token_table(doc))
    assert table() is not None
    del doc
    gc.collect()
    assert table() is None


def test_a_retokenised_doc_is_read_again() -> None:
    doc = hand_built()
    before = token_table(doc)
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:2])
    after = token_table(doc)
    assert after is not before
    assert_columns_match(doc, after)
