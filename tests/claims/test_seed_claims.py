"""End to end on the seed article: what the issue says must be shown."""

from __future__ import annotations

from typing import Any

from reportedly.records import Analysis, Claim


def claim_with(analysis: Analysis, fragment: str) -> Claim:
    matching = [c for c in analysis.claims if fragment in c.text]
    assert len(matching) == 1, [c.text for c in analysis.claims]
    return matching[0]


def wording(analysis: Analysis, text: str) -> dict[str, Any]:
    assert analysis.signals is not None
    found = analysis.signals.to_dict()["evaluative_wording"]["items"]
    items = [i for i in found if i["text"] == text]
    assert len(items) == 1, found
    return items[0]


def test_seventeen_women_is_attributed_to_official_information(seed_analysis: Analysis) -> None:
    claim = claim_with(seed_analysis, "a total of 17 women")
    assert claim.kind == "quantity"
    assert claim.attribution is not None
    attribution = seed_analysis.attributions[claim.attribution]
    assert attribution.kind == "according_to"
    assert attribution.source is not None and attribution.source.text == "official information"
    (quantity,) = claim.quantities
    assert (quantity.value, quantity.unit, quantity.hedge) == (17, "women", None)
    start, end = quantity.spans[0]
    assert seed_analysis.text[start:end] == "a total of 17 women"


def test_reservists_in_the_reporters_voice_with_hedge(seed_analysis: Analysis) -> None:
    claim = claim_with(seed_analysis, "300,000 reservists")
    assert claim.attribution is None
    assert claim.kind == "quantity"
    (quantity,) = claim.quantities
    assert (quantity.value, quantity.unit, quantity.hedge) == (300_000, "reservists", "around")
    start, end = quantity.spans[0]
    assert seed_analysis.text[start:end] == "around 300,000 reservists"


def test_nine_months_in_the_reporters_voice(seed_analysis: Analysis) -> None:
    claim = claim_with(seed_analysis, "More than nine months")
    assert claim.attribution is None
    quantity = claim.quantities[0]
    assert (quantity.value, quantity.unit, quantity.hedge) == (9, "months", "more than")


def test_dead_reservists_tied_to_the_british_secret_services(seed_analysis: Analysis) -> None:
    claim = claim_with(
        seed_analysis, "a large number of conscripted Russian reservists have already died"
    )
    assert claim.attribution is not None
    source = seed_analysis.attributions[claim.attribution].source
    assert source is not None and "British secret services" in source.text


def test_claim_spans_index_the_input(seed_analysis: Analysis) -> None:
    text = seed_analysis.text
    for claim in seed_analysis.claims:
        if len(claim.spans) == 1:
            start, end = claim.spans[0]
            # the seed's one mojibake repair is in a quote, not inside these texts
            if "‚Äú" not in text[start:end]:
                assert text[start:end] == claim.text


def test_evaluative_wording_with_its_voice(seed_analysis: Analysis) -> None:
    aggression = wording(seed_analysis, "war of aggression")
    assert (aggression["voice"], aggression["attribution"]) == ("reporter", None)
    annexed = wording(seed_analysis, "illegally annexed")
    fodder = wording(seed_analysis, "cannon fodder")
    for item in (annexed, fodder):
        assert item["voice"] == "attribution"
    official = seed_analysis.attributions[annexed["attribution"]].source
    critics = seed_analysis.attributions[fodder["attribution"]].source
    assert official is not None and official.text == "official information"
    assert critics is not None and critics.text == "Critics"
    for item in (aggression, annexed, fodder):
        (start, end), *_ = item["spans"]
        assert seed_analysis.text[start:end] == item["text"]


def test_headline_quote_matched_in_the_body(seed_analysis: Analysis) -> None:
    assert seed_analysis.signals is not None
    (phrase,) = seed_analysis.signals.headline.phrases
    assert phrase.text == "Share their pain"
    assert phrase.match is not None and phrase.match.text == "we share this pain"
    (start, end), *_ = phrase.match.spans
    assert seed_analysis.text[start:end] == "we share this pain"


def test_repairs_and_translation_flags_reach_the_signals(seed_analysis: Analysis) -> None:
    assert seed_analysis.signals is not None
    signals = seed_analysis.signals.to_dict()
    assert signals["repairs"]["by_kind"].get("mojibake") == 1
    assert signals["boilerplate"]["count"] >= 1
    assert signals["machine_translation"]["count"] >= 1


def test_fragments_of_the_seed_are_not_claims(seed_analysis: Analysis) -> None:
    texts = [claim.text for claim in seed_analysis.claims]
    # a machine-translation break: the clause has lost its verb
    assert "the women involved will" not in texts
    # a noun phrase that a cue reports, and a rest whose subject is a cue ("reports of")
    assert not any(text.startswith("the losses suffered") for text in texts)
    assert not any(text.endswith("have been piling up") for text in texts)
    # the clauses around them stay
    assert "Their thoughts would be “with their boys”" in texts
    assert any(text.startswith("a total of 17 women traveled") for text in texts)
