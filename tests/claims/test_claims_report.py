"""The terminal section "How this article knows what it says", on a hand-built analysis."""

from __future__ import annotations

from rich.console import Console

from reportedly.claims.report import (
    REPORTER_VOICE,
    SECTION_TITLE,
    format_quantity,
    group_claims,
    render_knowledge_section,
)
from reportedly.records import Analysis, Attribution, Claim, Cue, Quantity, Source, TextPart

TEXT = (
    "According to official information, a total of 17 women traveled. "
    "Around 300,000 reservists have been called up."
)


def _analysis(signals: dict[str, object] | None = None) -> Analysis:
    official = Attribution(
        kind="according_to",
        source=Source(((13, 33),), "official information", "official information", "official"),
        cue=Cue(((0, 12),), "According to", "according to", "neutral"),
        content=TextPart(((35, 64),), "a total of 17 women traveled"),
    )
    attributed = Claim(
        spans=((35, 64),),
        text="a total of 17 women traveled",
        kind="quantity",
        quantities=(Quantity(((35, 54),), "a total of 17 women", 17.0, "women", None),),
        attribution=0,
        checkworthiness=0.59,
    )
    reporter = Claim(
        spans=((66, 112),),
        text="Around 300,000 reservists have been called up",
        kind="quantity",
        quantities=(
            Quantity(((66, 91),), "Around 300,000 reservists", 3e5, "reservists", "around"),
        ),
        attribution=None,
        checkworthiness=0.75,
    )
    return Analysis(
        text=TEXT,
        title=None,
        attributions=(official,),
        repairs=(),
        flags=(),
        claims=(attributed, reporter),
        signals=signals or {},
    )


def rendered(analysis: Analysis) -> str:
    console = Console(record=True, width=160)
    console.print(render_knowledge_section(analysis))
    return console.export_text()


def test_reporter_voice_comes_first() -> None:
    groups = group_claims(_analysis())
    assert [g.heading for g in groups] == [REPORTER_VOICE, "official information (official)"]
    assert [index for index, _ in groups[0].claims] == [1]


def test_section_lists_claims_with_quantities() -> None:
    out = rendered(_analysis())
    assert SECTION_TITLE in out
    assert out.index(REPORTER_VOICE) < out.index("official information (official)")
    assert "300000 reservists, around" in out
    assert "17 women" in out


def test_signals_are_summarised() -> None:
    signals = {
        "attributed_sentences": {"share": 0.5, "attributed": 1, "sentences": 2, "spans": []},
        "sources": {"total": 1, "by_type": {"named": 0, "official": 1}, "items": []},
        "cue_stances": {"by_stance": {"neutral": 1}, "items": []},
        "evaluative_wording": {
            "count": 2,
            "reporter_voice": 1,
            "attributed": 1,
            "lexicon": "",
            "items": [
                {"text": "war of aggression", "category": "war_framing", "voice": "reporter",
                 "attribution": None, "in_title": False},
                {"text": "illegally annexed", "category": "legal_judgement",
                 "voice": "attribution", "attribution": 0, "in_title": False},
            ],
        },
        "repairs": {"count": 1, "by_kind": {"mojibake": 1}, "items": []},
        "boilerplate": {"count": 0, "items": []},
        "machine_translation": {"count": 2, "items": []},
        "flags": {"count": 2, "by_kind": {}},
        "headline": {
            "title": None,
            "phrases": [
                {"text": "Share their pain", "spans": [], "found": True,
                 "match": {"text": "we share this pain", "spans": [], "method": "lemma",
                           "score": 0.9}},
            ],
            "words_in_body": None,
        },
    }  # fmt: skip
    out = rendered(_analysis(signals))
    assert "Sentences with an attribution: 1 of 2 (50%)" in out
    assert "Sources by type: official 1" in out
    assert "“war of aggression” war_framing, reporter's voice" in out
    assert "“illegally annexed” legal_judgement, in the words of official information" in out
    assert "Possible machine-translation breaks: 2" in out
    assert "“Share their pain” is in the body as “we share this pain” (lemma, 0.90)" in out


def test_no_claims_no_signals() -> None:
    empty = Analysis(text="", title=None, attributions=(), repairs=(), flags=())
    out = rendered(empty)
    assert "no checkable claims found" in out


def test_format_quantity_without_value_or_unit() -> None:
    assert format_quantity(Quantity(((0, 6),), "dozens", None, None, "dozens")) == "?, dozens"
