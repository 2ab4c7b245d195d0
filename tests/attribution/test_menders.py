"""Menders run on parsed Docs with hand-made triples."""

from __future__ import annotations

from reportedly.attribution.menders import MENDERS
from reportedly.attribution.mending import CascadeContext
from reportedly.nlp import load_nlp
from reportedly.records import AttributionSpans


def mend(name: str, text: str, cue: str, content: str) -> AttributionSpans:
    doc = load_nlp(with_attributions=False)(text)
    [mender] = [m for m in MENDERS if m.name == name]
    start, begin = text.index(cue), text.index(content)
    triple = AttributionSpans(
        source=(),
        cue=((start, start + len(cue)),),
        content=((begin, begin + len(content)),),
        origin="model",
    )
    [mended] = mender.mend(CascadeContext.of(doc, 0, ()), [triple])
    return mended


def test_a_report_nouns_content_ends_with_the_nouns_phrase() -> None:
    text = "Meanwhile, reports of completely underequipped recruits have been piling up."
    mended = mend(
        "noun-cue-content",
        text,
        "reports of",
        "completely underequipped recruits have been piling up",
    )
    assert [text[s:e] for s, e in mended.content] == ["completely underequipped recruits"]
    assert mended.origin == "model+noun-cue-content"


def test_a_verb_cues_content_is_left_alone() -> None:
    text = "The minister said that recruits have been piling up."
    mended = mend("noun-cue-content", text, "said", "that recruits have been piling up")
    assert [text[s:e] for s, e in mended.content] == ["that recruits have been piling up"]
    assert mended.origin == "model"


def triple_at(text: str, cue: str, content: str, source: str = "") -> AttributionSpans:
    def at(part: str) -> tuple[tuple[int, int], ...]:
        return ((text.index(part), text.index(part) + len(part)),) if part else ()

    return AttributionSpans(source=at(source), cue=at(cue), content=at(content), origin="model")


def test_according_to_a_relay_gives_way_to_the_statement_it_relays() -> None:
    text = "He returned on Wednesday and said little, according to an attendee."
    doc = load_nlp(with_attributions=False)(text)
    [usable] = [m for m in MENDERS if m.name == "usable"]
    relay = triple_at(text, "according to", "He returned on Wednesday", "an attendee")
    statement = triple_at(text, "said", "little", "He")
    context = CascadeContext.of(doc, 0, ())
    # the model found what "He" said: its attribution names the attendee as channel
    assert usable.mend(context, [relay, statement]) == [statement]
    # it did not: the attendee's attribution is all there is, and stays
    assert usable.mend(context, [relay]) == [relay]
