"""Speaker resolution and source types on Docs built by hand (no model loaded)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from reportedly.attribution.speakers import SpeakerResolver

VOCAB = spacy.blank("en").vocab


def make_doc(
    words: list[str],
    heads: list[int],
    deps: list[str],
    pos: list[str],
    ents: list[str],
    lemmas: list[str] | None = None,
) -> Doc:
    return Doc(
        VOCAB,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        ents=ents,
        lemmas=lemmas or [w.lower() for w in words],
    )


def test_surname_and_role_noun_resolve_to_the_full_name() -> None:
    # "Kremlin chief Vladimir Putin spoke . The Kremlin chief said Putin met them ."
    words = [
        "Kremlin",
        "chief",
        "Vladimir",
        "Putin",
        "spoke",
        ".",
        "The",
        "Kremlin",
        "chief",
        "said",
        "Putin",
        "met",
        "them",
        ".",
    ]
    heads = [1, 3, 3, 4, 4, 4, 8, 8, 9, 9, 11, 9, 11, 9]
    deps = [
        "compound",
        "compound",
        "compound",
        "nsubj",
        "ROOT",
        "punct",
        "det",
        "compound",
        "nsubj",
        "ROOT",
        "nsubj",
        "ccomp",
        "dobj",
        "punct",
    ]
    pos = [
        "PROPN",
        "NOUN",
        "PROPN",
        "PROPN",
        "VERB",
        "PUNCT",
        "DET",
        "PROPN",
        "NOUN",
        "VERB",
        "PROPN",
        "VERB",
        "PRON",
        "PUNCT",
    ]
    ents = [
        "O",
        "O",
        "B-PERSON",
        "I-PERSON",
        "O",
        "O",
        "O",
        "O",
        "O",
        "O",
        "B-PERSON",
        "O",
        "O",
        "O",
    ]
    doc = make_doc(words, heads, deps, pos, ents)
    resolver = SpeakerResolver(doc)
    assert resolver.resolve(doc[6:9]) == ("Vladimir Putin", "person")
    assert resolver.resolve(doc[10:11]) == ("Vladimir Putin", "person")


def test_pronoun_resolves_to_the_last_person_named() -> None:
    words = ["Hillary", "Clinton", "spoke", ".", "She", "said", "so", "."]
    heads = [1, 2, 2, 2, 5, 5, 5, 5]
    deps = ["compound", "nsubj", "ROOT", "punct", "nsubj", "ROOT", "advmod", "punct"]
    pos = ["PROPN", "PROPN", "VERB", "PUNCT", "PRON", "VERB", "ADV", "PUNCT"]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O"]
    doc = make_doc(words, heads, deps, pos, ents)
    assert SpeakerResolver(doc).resolve(doc[4:5]) == ("Hillary Clinton", "person")


def _noun_phrase_doc(
    words: list[str], root: int, pos: list[str], ents: list[str] | None = None
) -> Doc:
    heads = [root] * len(words)
    deps = [
        "ROOT" if i == root else ("det" if w.lower() in {"the", "a"} else "amod")
        for i, w in enumerate(words)
    ]
    return make_doc(words, heads, deps, pos, ents or ["O"] * len(words))


def test_source_types_of_unnamed_sources() -> None:
    cases = {
        ("Critics",): "vague",
        ("official", "information"): "official",
        ("sources",): "anonymous",
        ("the", "Interfax", "news", "agency"): "media",
    }
    for words, expected in cases.items():
        root = len(words) - 1
        pos = ["DET" if w == "the" else "NOUN" for w in words]
        doc = _noun_phrase_doc(list(words), root, pos)
        _, source_type = SpeakerResolver(doc).resolve(doc[:])
        assert source_type == expected, (words, source_type)


def test_pronoun_agrees_in_gender_with_its_antecedent() -> None:
    # "Bill Clinton met Hillary Clinton . He said so ." -> he is Bill, though Hillary is nearer
    words = ["Bill", "Clinton", "met", "Hillary", "Clinton", ".", "He", "said", "so", "."]
    heads = [1, 2, 2, 4, 2, 2, 7, 7, 7, 7]
    deps = [
        "compound",
        "nsubj",
        "ROOT",
        "compound",
        "dobj",
        "punct",
        "nsubj",
        "ROOT",
        "advmod",
        "punct",
    ]
    pos = ["PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT", "PRON", "VERB", "ADV", "PUNCT"]
    ents = ["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O"]
    doc = make_doc(words, heads, deps, pos, ents)
    resolver = SpeakerResolver(doc)
    assert resolver.resolve(doc[6:7]) == ("Bill Clinton", "person")


def test_a_generational_suffix_is_no_surname() -> None:
    # "Joseph R. Biden Jr. spoke . Biden said so ."
    words = ["Joseph", "R.", "Biden", "Jr.", "spoke", ".", "Biden", "said", "so", "."]
    heads = [3, 3, 3, 4, 4, 4, 7, 7, 7, 7]
    deps = ["compound", "compound", "compound", "nsubj", "ROOT", "punct"]
    deps += ["nsubj", "ROOT", "advmod", "punct"]
    pos = ["PROPN", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "ADV", "PUNCT"]
    ents = ["B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O", "O", "O"]
    doc = make_doc(words, heads, deps, pos, ents)
    assert SpeakerResolver(doc).resolve(doc[6:7]) == ("Joseph R. Biden Jr.", "person")


def test_quote_marks_the_ner_left_on_a_name_are_not_part_of_it() -> None:
    # "Donald Trump '' spoke . He said so ." (the NER took the quote mark into the name)
    words = ["Donald", "Trump", "''", "spoke", ".", "He", "said", "so", "."]
    heads = [1, 3, 1, 3, 3, 6, 6, 6, 6]
    deps = ["compound", "nsubj", "punct", "ROOT", "punct", "nsubj", "ROOT", "advmod", "punct"]
    pos = ["PROPN", "PROPN", "PUNCT", "VERB", "PUNCT", "PRON", "VERB", "ADV", "PUNCT"]
    ents = ["B-PERSON", "I-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O"]
    doc = make_doc(words, heads, deps, pos, ents)
    assert SpeakerResolver(doc).resolve(doc[5:6]) == ("Donald Trump", "person")
