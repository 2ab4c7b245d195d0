"""The learned attribution model: features, BIO decoding, linking, loading, prediction."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from reportedly.attribution.features import (
    CueLexicon,
    paragraph_token_ids,
    quote_states,
    sequence_features,
)
from reportedly.attribution.model import (
    DEFAULT_MODEL_PATH,
    FIRST_PASS_KEEP,
    LinkContext,
    LinkWeights,
    TaggedSpan,
    link_with_weights,
    load_attribution_model,
    pair_features,
    read_bundle,
    recover_first_pass_spans,
    spans_from_labels,
    valid_transition,
    write_bundle,
)
from reportedly.attribution.second_pass import FirstPass, second_pass_features
from reportedly.errors import ModelError
from reportedly.nlp import load_nlp

LEXICON = CueLexicon({"say": 0.9, "accord": 0.95, "tell": 0.7}, likely_threshold=0.15)


def said_doc() -> Doc:
    """'The senator said that taxes will rise .' parsed by hand."""
    words = ["The", "senator", "said", "that", "taxes", "will", "rise", "."]
    heads = [1, 2, 2, 6, 6, 6, 2, 2]
    deps = ["det", "nsubj", "ROOT", "mark", "nsubj", "aux", "ccomp", "punct"]
    lemmas = ["the", "senator", "say", "that", "tax", "will", "rise", "."]
    tags = ["DT", "NN", "VBD", "IN", "NNS", "MD", "VB", "."]
    pos = ["DET", "NOUN", "VERB", "SCONJ", "NOUN", "AUX", "VERB", "PUNCT"]
    return Doc(Vocab(), words=words, heads=heads, deps=deps, lemmas=lemmas, tags=tags, pos=pos)


def features_of(doc: Doc) -> dict[str, set[str]]:
    [sequence] = sequence_features(doc, LEXICON)
    return {doc[i].text: set(f) for i, f in zip(sequence.token_ids, sequence.features, strict=True)}


def test_tokens_get_their_place_relative_to_the_governing_cue() -> None:
    features = features_of(said_doc())
    assert "gov=nsubj" in features["senator"]
    assert "gov|s=nsubjL" in features["senator"]
    assert "gov=ccomp" in features["rise"]
    assert "gov=ccomp" in features["taxes"]  # under "rise", itself under "said"
    assert "gov=none" in features["said"]
    assert {"k=ccomp", "ck=ccomp", "subj=NOUN", "cr=60+"} <= features["said"]
    assert "cr=0" in features["taxes"]


def test_distance_to_the_nearest_likely_cue_is_bucketed_per_side() -> None:
    features = features_of(said_doc())
    assert "rc=1" in features["senator"] and "lc=none" in features["senator"]
    assert "lc=1" in features["that"] and "rc=none" in features["that"]
    assert "lc=4-6" in features["rise"]


def test_second_pass_features_hang_off_the_cue_the_first_pass_found() -> None:
    doc = said_doc()
    # the first pass took "will" for a cue: "rise" and "taxes" now hang under it
    first = {i: FirstPass("O", 0.01, 0.0, 0.0) for i in range(len(doc))}
    first[1] = FirstPass("B-SRC", 0.0, 0.9, 0.0)
    first[5] = FirstPass("B-CUE", 0.6, 0.0, 0.1)
    [sequence] = second_pass_features(doc, sequence_features(doc, LEXICON), first)
    features = {
        doc[i].text: set(f) for i, f in zip(sequence.token_ids, sequence.features, strict=True)
    }
    assert {"p1=B-CUE", "pc=<80", "pn=<20", "p1-1=O", "p1-2=O"} <= features["will"]
    assert {"p1=B-SRC", "ps=80+", "p1+2=O", "pg=none"} <= features["senator"]
    # "taxes" is the subject of "rise", whose head "said" is no found cue
    assert "pg=none" in features["taxes"]
    assert {"plc=1"} <= features["rise"] and {"prc=1"} <= features["taxes"]
    # the first pass's view of its own tokens is kept alongside the first-pass features
    assert "gov=nsubj" in features["senator"]


def test_second_pass_marks_the_edges_of_a_found_cues_arguments() -> None:
    doc = said_doc()
    first = {2: FirstPass("B-CUE", 0.95, 0.0, 0.0)}
    [sequence] = second_pass_features(doc, sequence_features(doc, LEXICON), first)
    features = {
        doc[i].text: set(f) for i, f in zip(sequence.token_ids, sequence.features, strict=True)
    }
    assert {"pas=ccomp", "pg=ccomp", "pg|s=ccompR"} <= features["that"]
    assert {"pae=ccomp"} <= features["rise"]
    assert {"pas=nsubj", "pg|s=nsubjL"} <= features["The"]
    assert "p1=O" in features["rise"]  # tokens the first pass did not see count as O


def test_quote_states_follow_curly_direction_and_toggle_straight_marks() -> None:
    assert quote_states(["“", "We", "win", "”", "he", "said"]) == [2, 1, 1, 2, 0, 0]
    assert quote_states(['"', "We", '"', "he"]) == [2, 1, 2, 0]
    # a lone right single quote is an apostrophe far more often than a quote
    assert quote_states(["Jones", "’", "plan"]) == [0, 0, 0]


def test_paragraphs_split_at_newline_tokens_and_skip_spaces() -> None:
    doc = Doc(Vocab(), words=["Title", "\n\n", "He", "said", "so", ".", "\n", "Next"])
    assert paragraph_token_ids(doc) == [(0,), (2, 3, 4, 5), (7,)]
    assert [s.features[0][0] for s in sequence_features(doc, LEXICON)] == ["b"] * 3
    assert "p=title" in sequence_features(doc, LEXICON)[0].features[0]


def test_bio_labels_become_spans_and_a_stray_inside_label_starts_one() -> None:
    labels = ["B-SRC", "I-SRC", "B-CUE", "O", "I-CON", "I-CON", "B-CON"]
    assert spans_from_labels(range(10, 17), labels, paragraph=3) == [
        TaggedSpan("SRC", 10, 11, 3),
        TaggedSpan("CUE", 12, 12, 3),
        TaggedSpan("CON", 14, 15, 3),
        TaggedSpan("CON", 16, 16, 3),
    ]


def test_bilou_labels_decode_to_the_same_spans_as_bio() -> None:
    labels = ["U-SRC", "U-CUE", "B-CON", "L-CON", "U-CON", "O", "L-CUE"]
    assert spans_from_labels(range(7), labels) == [
        TaggedSpan("SRC", 0, 0, 0),
        TaggedSpan("CUE", 1, 1, 0),
        TaggedSpan("CON", 2, 3, 0),
        TaggedSpan("CON", 4, 4, 0),  # U- after L- of the same role: a span of its own
        TaggedSpan("CUE", 6, 6, 0),
    ]


def test_a_model_file_without_linker_weights_is_a_model_error(tmp_path: Path) -> None:
    path = tmp_path / "no-linker.zip"
    write_bundle(path, b"", LEXICON, LinkWeights({}), {})
    with zipfile.ZipFile(path) as archive:
        meta = archive.read("meta.json").decode("utf-8").replace('"linker": {}', '"linker": null')
        crf = archive.read("crf.model")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("meta.json", meta)
        archive.writestr("crf.model", crf)
    with pytest.raises(ModelError, match="no or bad linker weights"):
        read_bundle(path)


def test_a_missing_model_file_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="does not exist"):
        load_attribution_model(tmp_path / "nowhere.zip")


def test_a_file_that_is_not_a_zip_is_a_model_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.zip"
    path.write_bytes(b"not a model at all")
    with pytest.raises(ModelError, match="unreadable"):
        load_attribution_model(path)


def test_a_zip_without_the_right_format_is_a_model_error(tmp_path: Path) -> None:
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("meta.json", '{"format": "something else"}')
        archive.writestr("crf.model", b"")
    with pytest.raises(ModelError, match=r"not a reportedly\.attribution-crf/1 file"):
        read_bundle(path)


def test_a_corrupt_crf_inside_a_good_bundle_is_a_model_error(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.zip"
    write_bundle(path, b"\x00garbage" * 20, LEXICON, LinkWeights({}), {})
    with pytest.raises(ModelError, match="corrupt CRF"):
        load_attribution_model(path)


def test_the_shipped_model_is_small_and_loads_once() -> None:
    assert DEFAULT_MODEL_PATH.stat().st_size < 50_000_000
    assert load_attribution_model() is load_attribution_model(DEFAULT_MODEL_PATH)


def test_a_model_without_a_second_pass_still_tags(tmp_path: Path) -> None:
    shipped = read_bundle(DEFAULT_MODEL_PATH)
    assert shipped.second_crf is not None
    path = tmp_path / "one-pass.zip"
    write_bundle(path, shipped.crf, shipped.lexicon, shipped.linker, {})
    assert read_bundle(path).second_crf is None
    text = "The senator from Ohio said on Tuesday that taxes would rise next year."
    doc = load_nlp(with_attributions=False)(text)
    [found] = load_attribution_model(path).predict(doc)
    assert [text[s:e] for s, e in found.cue] == ["said"]


def test_the_shipped_model_finds_who_said_what_in_real_text() -> None:
    text = (
        "Senate passes budget.\n\n"
        "The senator from Ohio said on Tuesday that taxes would rise next year.\n\n"
        '"We have no choice," Mayor Ann Lee told reporters.'
    )
    doc = load_nlp(with_attributions=False)(text)
    found = {
        (
            tuple(text[s:e] for s, e in a.source),
            tuple(text[s:e] for s, e in a.cue),
            tuple(text[s:e] for s, e in a.content),
        )
        for a in load_attribution_model().predict(doc)
    }
    assert (
        ("The senator from Ohio",),
        ("said",),
        ("that taxes would rise next year",),
    ) in found
    assert (("Mayor Ann Lee",), ("told",), ("We have no choice",)) in found


def two_cue_doc() -> Doc:
    """'He said taxes rise and added costs fall .' parsed by hand."""
    words = ["He", "said", "taxes", "rise", "and", "added", "costs", "fall", "."]
    heads = [1, 1, 3, 1, 1, 1, 7, 5, 1]
    deps = ["nsubj", "ROOT", "nsubj", "ccomp", "cc", "conj", "nsubj", "ccomp", "punct"]
    lemmas = ["he", "say", "tax", "rise", "and", "add", "cost", "fall", "."]
    return Doc(Vocab(), words=words, heads=heads, deps=deps, lemmas=lemmas)


def test_learned_linking_sends_each_content_to_its_best_cue_and_shares_the_source() -> None:
    doc = two_cue_doc()
    spans = [
        TaggedSpan("SRC", 0, 0, 0),
        TaggedSpan("CUE", 1, 1, 0),
        TaggedSpan("CON", 2, 3, 0),
        TaggedSpan("CUE", 5, 5, 0),
        TaggedSpan("CON", 6, 7, 0),
    ]
    # a content belongs under its cue's ccomp; a subject belongs to its cue but is
    # good enough for a cue without one
    weights = LinkWeights({"CON|up=ccomp": 5.0, "CON": -4.0, "SRC|up=nsubj": 5.0, "SRC": -1.0})
    said, added = link_with_weights(doc, spans, weights)
    assert doc.text[slice(*said.content[0])] == "taxes rise"
    assert doc.text[slice(*added.content[0])] == "costs fall"
    assert said.source == added.source == ((0, 2),)


def test_a_sure_first_pass_span_comes_back_where_the_second_pass_found_nothing() -> None:
    # paragraph tokens 0..9; the first pass labelled a cue, a content and a source
    labels = ["O", "O", "U-CUE", "O", "O", "B-CON", "L-CON", "O", "U-SRC", "O"]
    sure, unsure = FIRST_PASS_KEEP + 0.2, FIRST_PASS_KEEP - 0.2
    views = {i: FirstPass(label, 0.0, 0.0, 0.0) for i, label in enumerate(labels)}
    views[2] = FirstPass("U-CUE", sure, 0.0, 0.0)
    views[5] = FirstPass("B-CON", 0.0, 0.0, sure)
    views[6] = FirstPass("L-CON", 0.0, 0.0, sure)
    views[8] = FirstPass("U-SRC", 0.0, unsure, 0.0)
    # the second pass kept a longer cue over token 2 and dropped the rest
    found = [TaggedSpan("CUE", 1, 2, 0)]
    kept = recover_first_pass_spans(found, tuple(range(10)), views, paragraph=0)
    assert kept == [TaggedSpan("CUE", 1, 2, 0), TaggedSpan("CON", 5, 6, 0, first_pass=True)]


def test_a_first_pass_span_is_not_kept_over_the_second_pass_or_when_unsure() -> None:
    views = {
        0: FirstPass("B-CON", 0.0, 0.0, 0.9),
        1: FirstPass("L-CON", 0.0, 0.0, 0.9),
        2: FirstPass("U-SRC", 0.0, FIRST_PASS_KEEP - 0.01, 0.0),
    }
    found = [TaggedSpan("CUE", 1, 1, 0)]
    assert recover_first_pass_spans(found, (0, 1, 2), views, paragraph=0) == found


def test_a_triple_holding_a_first_pass_span_says_so_in_its_origin() -> None:
    doc = two_cue_doc()
    spans = [
        TaggedSpan("SRC", 0, 0, 0),
        TaggedSpan("CUE", 1, 1, 0),
        TaggedSpan("CON", 2, 3, 0, first_pass=True),
        TaggedSpan("CUE", 5, 5, 0),
        TaggedSpan("CON", 6, 7, 0),
    ]
    weights = LinkWeights({"CON|up=ccomp": 5.0, "CON": -4.0, "SRC|up=nsubj": 5.0, "SRC": -1.0})
    said, added = link_with_weights(doc, spans, weights)
    assert said.origin == "model+first-pass"
    assert added.origin == "model"


def test_pair_features_name_the_tree_path_side_and_distance() -> None:
    doc = said_doc()
    context = LinkContext.of(doc)
    cue = TaggedSpan("CUE", 2, 2, 0)
    features = pair_features(context, TaggedSpan("CON", 3, 6, 0), cue, 0, 0)
    assert {"CON", "CON|side=R", "CON|where=sent|R", "CON|up=ccomp", "CON|cue=say|R"} <= set(
        features
    )
    source_features = pair_features(context, TaggedSpan("SRC", 0, 1, 0), cue, 0, 0)
    assert {"SRC|side=L", "SRC|up=nsubj", "SRC|dist=1"} <= set(source_features)


@pytest.mark.parametrize(
    ("before", "after", "bilou", "valid"),
    [
        ("O", "I-CON", True, False),  # a span never starts inside
        ("O", "L-CON", True, False),
        ("B-CUE", "L-CUE", True, True),
        ("B-CUE", "I-CUE", True, True),
        ("B-CUE", "O", True, False),  # in BILOU, L- closes every longer span
        ("I-SRC", "L-CON", True, False),  # nor does a span change its role
        ("L-CUE", "B-SRC", True, True),
        ("U-CON", "O", True, True),
        ("O", "U-SRC", True, True),
        ("B-CUE", "O", False, True),  # in BIO a span ends anywhere
        ("B-CON", "I-CON", False, True),
        ("O", "I-CON", False, False),
    ],
)
def test_valid_transitions_spell_whole_spans(
    before: str, after: str, bilou: bool, valid: bool
) -> None:
    assert valid_transition(before, after, bilou=bilou) is valid


def test_the_shipped_second_pass_decodes_only_whole_spans() -> None:
    model = load_attribution_model()
    second = model._second
    assert second is not None
    refused = [
        (before, after)
        for i, before in enumerate(second.labels)
        for j, after in enumerate(second.labels)
        if second.transition[i, j] == float("-inf")
    ]
    assert ("O", "I-CON") in refused and ("B-CUE", "O") in refused
    assert all(not valid_transition(before, after) for before, after in refused)


def test_feature_strings_are_spelled_as_the_shipped_model_was_trained() -> None:
    features = features_of(said_doc())
    # pairs with and without a separator, neighbours by offset, the bucketed share
    assert {"q|t=0NN", "t|d=NN|nsubj", "hp|d=VERB|nsubj", "t-1|t=DT|NN", "t|t+1=NN|VBD"} <= (
        features["senator"]
    )
    assert {"t-1=DT", "t1=VBD", "t2=IN", "q-1=0", "cr1=60+", "d-1=det", "d+1=ROOT"} <= (
        features["senator"]
    )
    # the same value gives the very same string object every time (made once)
    again = features_of(said_doc())
    [tag] = [f for f in features["senator"] if f.startswith("t=")]
    [tag_again] = [f for f in again["senator"] if f.startswith("t=")]
    assert tag == "t=NN" and tag is tag_again
