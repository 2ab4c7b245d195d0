"""The attribution rules on small real texts (parsed by the shipped spaCy pipeline)."""

from __future__ import annotations

import gc

import pytest

from reportedly import analyze
from reportedly.attribution.extract import cyclic_gc_paused, find_attributions
from reportedly.nlp import load_nlp


def test_a_quote_credited_by_a_dash_is_attributed_to_the_name() -> None:
    text = (
        "Readers wrote in.\n\n"
        "“He represents our greatest shame.” ― Barack Obama\n\n"
        "More letters followed."
    )
    [attribution] = [a for a in analyze(text).attributions if a.cue and a.cue.text == "―"]
    assert attribution.source is not None and attribution.source.text == "Barack Obama"
    assert attribution.kind == "direct"
    assert attribution.content.text == "“He represents our greatest shame.”"


def test_a_headline_that_credits_a_name_is_an_attribution() -> None:
    text = (
        "Hillary Clinton: Donald Trump Is Unfit To Lead The Country\n\n"
        "The campaign went on in Ohio on Monday. Clinton told voters her rival had failed."
    )
    [attribution] = [a for a in analyze(text).attributions if a.cue and a.cue.text == ":"]
    assert attribution.source is not None and attribution.source.name == "Hillary Clinton"
    assert attribution.content.text.startswith("Donald Trump Is Unfit")


def test_a_headline_credit_needs_the_body_to_let_that_name_speak() -> None:
    text = (
        "Hillary Clinton: Donald Trump Is Unfit To Lead The Country\n\n"
        "The campaign went on in Ohio on Monday."
    )
    assert not [a for a in analyze(text).attributions if a.cue and a.cue.text == ":"]


def test_a_quoted_phrase_before_a_headline_colon_is_no_attribution(seed_text: str) -> None:
    analysis = analyze(seed_text)
    assert analysis.title is not None
    title_end = analysis.title.spans[0][1]
    assert all(a.content.spans[0][0] >= title_end for a in analysis.attributions)


def test_a_parenthetical_source_after_the_claim() -> None:
    text = "City news\n\nThe bridge will close for repairs in May, a source said."
    [attribution] = analyze(text).attributions
    assert attribution.source is not None and attribution.source.text == "a source"
    assert attribution.source.type == "anonymous"
    assert attribution.content.text == "The bridge will close for repairs in May"


def test_transcript_turns_are_attributed_to_their_speakers() -> None:
    text = (
        "Pence on Fox News\n\n"
        "The governor spoke on Sunday.\n\n"
        "WALLACE: Will she be at the debate tomorrow night?\n\n"
        "PENCE: She will not be attending the debate.\n\n"
        "WALLACE: Thank you, sir.\n\n"
        "UPDATE: This story has been corrected."
    )
    turns = [a for a in analyze(text).attributions if a.origin == "transcript-rule"]
    assert [(a.source.text if a.source else None, a.content.text) for a in turns] == [
        ("WALLACE", "Will she be at the debate tomorrow night?"),
        ("PENCE", "She will not be attending the debate."),
        ("WALLACE", "Thank you, sir."),
    ]
    assert all(a.cue is not None and a.cue.text == ":" for a in turns)


def test_a_headline_credit_before_the_colon_and_a_series_name_that_is_none() -> None:
    credited = "Poll: Clinton and Trump in dead heat heading into the debate\n\nThe race is tight."
    [poll] = [a for a in analyze(credited).attributions if a.cue and a.cue.text == ":"]
    assert poll.source is not None and poll.source.text == "Poll"
    series = "The Latest: Trump's leaked taxes not from Connecticut\n\nThe papers arrived."
    assert not [a for a in analyze(series).attributions if a.origin == "headline-rule"]


def test_a_quote_goes_to_the_cue_right_after_it() -> None:
    text = (
        "Coal news\n\n"
        "Mr. Clarke hopes to offset the emissions. That worries environmentalists. "
        "\u201cIt\u2019s all I can afford,\u201d he said."
    )
    said = [a for a in analyze(text).attributions if a.cue and a.cue.text == "said"]
    assert [a.content.text for a in said] == ["\u201cIt\u2019s all I can afford,\u201d"]
    assert said[0].kind == "direct"


def test_the_first_pass_spans_can_be_switched_off_by_name(seed_text: str) -> None:
    doc = load_nlp(with_attributions=False)(seed_text)
    with_them = find_attributions(doc)
    without = find_attributions(doc, without=["first-pass"])
    assert any("first-pass" in a.origin.split("+") for a in with_them)
    assert not any("first-pass" in a.origin.split("+") for a in without)


def test_the_cyclic_collector_is_paused_for_a_doc_and_restored_after() -> None:
    assert gc.isenabled()
    with cyclic_gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    # an error inside does not leave it off
    with pytest.raises(KeyError), cyclic_gc_paused():
        raise KeyError("x")
    assert gc.isenabled()
    # a caller that switched it off keeps it off
    gc.disable()
    try:
        with cyclic_gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_finding_attributions_leaves_the_collector_as_it_was() -> None:
    doc = load_nlp(with_attributions=False)("The mayor said the bridge will reopen in May.")
    assert find_attributions(doc)
    assert gc.isenabled()
