"""Claims from a parsed text and hand-built attributions: voice, kind, spans, links."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language

from reportedly.claims.extract import extract_claims
from reportedly.records import Claim, DocAttribution, Span


def identity(span: Span) -> Span:
    return span


def claims_of(
    nlp: Language,
    text: str,
    attributions: tuple[DocAttribution, ...] = (),
    title: Span | None = None,
) -> tuple[Claim, ...]:
    return extract_claims(nlp(text), attributions, title=title, to_input=identity)


def by_text(claims: tuple[Claim, ...], fragment: str) -> Claim:
    matching = [c for c in claims if fragment in c.text]
    assert len(matching) == 1, [c.text for c in claims]
    return matching[0]


TEXT = (
    "Officials said 300 people died in the flood. "
    "The storm hit the coast on Monday, and 40 homes were destroyed."
)


def test_attributed_content_is_linked_to_its_attribution(
    bare_nlp: Language, make_attribution: Callable[..., DocAttribution]
) -> None:
    said = make_attribution(
        TEXT, "300 people died in the flood", source="Officials", cue="said", source_type="official"
    )
    claims = claims_of(bare_nlp, TEXT, (said,))
    flood = by_text(claims, "300 people")
    assert flood.attribution == 0
    assert flood.text == "300 people died in the flood"
    assert flood.kind == "quantity"
    assert [q.text for q in flood.quantities] == ["300 people"]
    storm = by_text(claims, "The storm")
    assert storm.attribution is None
    assert storm.kind == "quantity"
    # the frame ("Officials said") is not a claim of its own
    assert not any(c.text.startswith("Officials") for c in claims)


def test_the_link_is_the_index_in_the_attribution_sequence(
    bare_nlp: Language, make_attribution: Callable[..., DocAttribution]
) -> None:
    other = make_attribution(TEXT, "The storm hit the coast", source="Officials", cue="said")
    said = make_attribution(TEXT, "300 people died in the flood", source="Officials", cue="said")
    claims = claims_of(bare_nlp, TEXT, (other, said))
    assert by_text(claims, "300 people").attribution == 1
    assert by_text(claims, "The storm").attribution == 0
    # what is left of the second sentence is the reporter's
    assert by_text(claims, "40 homes").attribution is None


def test_according_to_leaves_no_reporter_claim(
    bare_nlp: Language, make_attribution: Callable[..., DocAttribution]
) -> None:
    text = (
        "According to official information, a total of 17 women traveled from various "
        "Russian regions."
    )
    attribution = make_attribution(
        text,
        "a total of 17 women traveled from various Russian regions.",
        source="official information",
        cue="According to",
        kind="according_to",
        source_type="official",
    )
    claims = claims_of(bare_nlp, text, (attribution,))
    assert len(claims) == 1
    (claim,) = claims
    assert claim.attribution == 0
    assert claim.text.startswith("a total of 17 women traveled")
    assert [(q.text, q.value, q.unit) for q in claim.quantities] == [
        ("a total of 17 women", 17, "women")
    ]


def test_nested_content_belongs_to_the_innermost_attribution(
    bare_nlp: Language, make_attribution: Callable[..., DocAttribution]
) -> None:
    text = "Critics say the minister claimed that 50 schools closed last year."
    outer = make_attribution(
        text, "the minister claimed that 50 schools closed last year", source="Critics", cue="say"
    )
    inner = make_attribution(
        text, "50 schools closed last year", source="the minister", cue="claimed"
    )
    claims = claims_of(bare_nlp, text, (outer, inner))
    assert [(c.text, c.attribution) for c in claims] == [("50 schools closed last year", 1)]


def test_spans_are_mapped_to_the_input(
    bare_nlp: Language, make_attribution: Callable[..., DocAttribution]
) -> None:
    said = make_attribution(TEXT, "300 people died in the flood", source="Officials", cue="said")
    doc = bare_nlp(TEXT)
    shift = 7
    claims = extract_claims(
        doc, (said,), title=None, to_input=lambda span: (span[0] + shift, span[1] + shift)
    )
    flood = by_text(claims, "300 people")
    start = TEXT.index("300 people")
    assert flood.spans == ((start + shift, start + shift + len(flood.text)),)
    (quantity,) = flood.quantities
    assert quantity.spans == ((start + shift, start + shift + len("300 people")),)


def test_discontinuous_content_makes_one_claim_with_several_spans(
    bare_nlp: Language, make_attribution: Callable[..., DocAttribution]
) -> None:
    text = "“The army,” the general said, “lost 40 tanks in the battle.”"
    first = "The army"
    second = "lost 40 tanks in the battle."
    base = make_attribution(text, first, source="the general", cue="said", kind="direct")
    start = text.index(second)
    content = type(base.content)(
        (base.content.spans[0], (start, start + len(second))), f"{first} {second}"
    )
    attribution = type(base)(base.kind, base.source, base.cue, content)
    (claim,) = claims_of(bare_nlp, text, (attribution,))
    assert claim.attribution == 0
    assert len(claim.spans) == 2
    assert claim.text == "The army … lost 40 tanks in the battle"


def test_claim_kinds(bare_nlp: Language) -> None:
    text = (
        "Turnout reached 64 percent. "
        "It was the largest protest in the city's history. "
        "The bridge collapsed because the cables had rusted. "
        "The summit is scheduled for next Tuesday. "
        "The rebels captured the airport. "
        "The government is deeply unpopular with voters."
    )
    kinds = {c.text.split()[1]: c.kind for c in claims_of(bare_nlp, text)}
    assert kinds == {
        "reached": "quantity",
        "was": "comparison",
        "bridge": "causal",
        "summit": "date_time",
        "rebels": "event",
        "government": "other",
    }


def test_questions_fragments_and_the_title_are_not_claims(bare_nlp: Language) -> None:
    text = "Putin meets soldiers' mothers\nWill the war end soon? Yes. The war began in February."
    title = (0, text.index("\n"))
    claims = claims_of(bare_nlp, text, title=title)
    assert [c.text for c in claims] == ["The war began in February"]


def test_reporter_number_outranks_attributed_opinion(
    bare_nlp: Language, make_attribution: Callable[..., DocAttribution]
) -> None:
    text = (
        "Around 300,000 reservists have been called up since September. "
        "The mayor believes that the city should be proud."
    )
    opinion = make_attribution(
        text, "the city should be proud", source="The mayor", cue="believes", stance="belief"
    )
    claims = claims_of(bare_nlp, text, (opinion,))
    number = by_text(claims, "300,000")
    proud = by_text(claims, "proud")
    assert number.attribution is None and proud.attribution == 0
    assert number.checkworthiness > proud.checkworthiness
    assert all(0.0 <= c.checkworthiness <= 1.0 for c in claims)


def test_an_empty_doc_has_no_claims(bare_nlp: Language) -> None:
    assert claims_of(bare_nlp, "") == ()


def test_a_claim_is_a_clause_not_a_fragment(bare_nlp: Language) -> None:
    text = (
        "Putin met the mothers on Friday. the women involved will. "
        "The losses suffered in Ukraine. The lawyer read out his will."
    )
    assert [c.text for c in claims_of(bare_nlp, text)] == [
        "Putin met the mothers on Friday",
        "The lawyer read out his will",
    ]


def test_a_reporter_remainder_whose_subject_is_a_cue_is_no_claim(
    bare_nlp: Language, make_attribution: Callable[..., DocAttribution]
) -> None:
    text = "In recent weeks, reports of underequipped recruits have been piling up."
    attribution = make_attribution(text, "underequipped recruits", cue="reports of")
    assert claims_of(bare_nlp, text, (attribution,)) == ()


def test_attributed_content_may_leave_its_subject_to_the_source(
    bare_nlp: Language, make_attribution: Callable[..., DocAttribution]
) -> None:
    text = "The family called on police to release the videos."
    attribution = make_attribution(
        text, "police to release the videos", source="The family", cue="called on"
    )
    (claim,) = claims_of(bare_nlp, text, (attribution,))
    assert (claim.text, claim.attribution) == ("police to release the videos", 0)
