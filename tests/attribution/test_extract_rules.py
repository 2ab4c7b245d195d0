"""The attribution rules on small real texts (parsed by the shipped spaCy pipeline)."""

from __future__ import annotations

from reportedly import analyze


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
        "The campaign went on in Ohio on Monday."
    )
    [attribution] = [a for a in analyze(text).attributions if a.cue and a.cue.text == ":"]
    assert attribution.source is not None and attribution.source.name == "Hillary Clinton"
    assert attribution.content.text.startswith("Donald Trump Is Unfit")


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
