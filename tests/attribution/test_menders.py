"""Menders run on parsed Docs with hand-made triples."""

from __future__ import annotations

from reportedly.attribution.menders import MENDERS
from reportedly.attribution.mending import MendContext
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
    [mended] = mender.mend(MendContext.of(doc, 0, ()), [triple])
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
