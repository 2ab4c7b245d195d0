"""The hand-built Docs the rule and mender tests run on are what their rows say."""

from __future__ import annotations

import pytest

from .handmade import context, parsed, triple, unparsed

ROWS = (
    "He    nsubj   {said}  PRON   PRP  he",
    "said  ROOT    -       VERB   VBD  say",
    "so    advmod  {said}  ADV    RB",
    ".     punct   {said}  PUNCT  .",
)


def test_rows_make_a_parse_and_white_space_its_own_tokens() -> None:
    text = "He said so.\n\nHe said so."
    doc = parsed(
        text,
        *(row.format(said="said#1") for row in ROWS),
        *(row.format(said="said#2") for row in ROWS),
    )
    assert doc.text == text
    assert [t.text for t in doc] == ["He", "said", "so", ".", "\n\n", "He", "said", "so", "."]
    # a word on several rows is named by its occurrence: "said#2" is the second "said"
    assert [(t.dep_, t.head.i, t.lemma_, t.pos_, t.tag_) for t in doc[5:7]] == [
        ("nsubj", 6, "he", "PRON", "PRP"),
        ("ROOT", 6, "say", "VERB", "VBD"),
    ]
    assert [s.text for s in doc.sents] == ["He said so.\n\n", "He said so."]
    assert doc[4].pos_ == "SPACE"
    assert [t.i for t in context(doc, text.index("He said so.", 1)).body] == [5, 6, 7, 8]


def test_left_off_columns_take_defaults_and_entities_every_place() -> None:
    doc = parsed(
        "Ellis spoke , Ellis",
        "Ellis nsubj spoke",
        "spoke ROOT -",
        ", punct spoke",
        "Ellis npadvmod spoke",
        ents=[("Ellis", "PERSON")],
    )
    assert doc[1].lemma_ == "spoke" and doc[1].pos_ == "X"
    assert [(e.text, e.label_) for e in doc.ents] == [("Ellis", "PERSON"), ("Ellis", "PERSON")]


def test_text_alone_makes_sentences_at_full_stops_and_lines() -> None:
    doc = unparsed("A b. C d\nE")
    assert [s.text for s in doc.sents] == ["A b.", "C d\n", "E"]


@pytest.mark.parametrize(
    ("rows", "error"),
    [
        (("He nsubj said", "sad ROOT -"), "not next in the text"),
        (("He nsubj", "said ROOT -"), "word, dep and head"),
        (("He nsubj told", "said ROOT -"), "no head"),
    ],
)
def test_rows_that_do_not_fit_the_text_are_refused(rows: tuple[str, ...], error: str) -> None:
    with pytest.raises(ValueError, match=error):
        parsed("He said", *rows)


def test_a_head_on_several_rows_must_be_numbered() -> None:
    rows = ("said ROOT -", "and cc said", "said conj said")
    with pytest.raises(ValueError, match="said#N"):
        parsed("said and said", *rows)
    doc = parsed("said and said", "said ROOT -", "and cc said#1", "said conj said#1")
    assert doc[2].head.i == 0


def test_triple_parts_are_found_in_order() -> None:
    text = "He said it. He said it again."
    found = triple(text, source="He", cue="said", content=("it", "it again"))
    assert found.content == ((8, 10), (20, 28))
