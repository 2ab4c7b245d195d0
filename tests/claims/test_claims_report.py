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
from reportedly.records import (
    Analysis,
    Attribution,
    Claim,
    Cue,
    Flag,
    Quantity,
    Repair,
    Source,
    TextPart,
)
from reportedly.signal_records import (
    AttributedSentences,
    CueStances,
    EvaluativeWording,
    Headline,
    HeadlineMatch,
    HeadlinePhrase,
    RepairSignals,
    Signals,
    SourceMix,
    Voice,
    WordingItem,
)

TEXT = (
    "According to official information, a total of 17 women traveled. "
    "Around 300,000 reservists have been called up."
)


def _analysis(signals: Signals | None = None) -> Analysis:
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
        signals=signals,
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
    assert "around 300,000 reservists" in out
    assert "17 women" in out


def test_signals_are_summarised() -> None:
    def wording(text: str, category: str, attribution: int | None) -> WordingItem:
        voice: Voice = "reporter" if attribution is None else "attribution"
        return WordingItem(text, ((0, 1),), text, category, "", voice, attribution, False)

    mt = Flag("mt_lowercase_start", ((0, 1),))
    signals = Signals(
        attributed_sentences=AttributedSentences(0.5, 1, 2, ()),
        sources=SourceMix(1, {"named": 0, "official": 1}, ()),
        cue_stances=CueStances({"neutral": 1}, ()),
        evaluative_wording=EvaluativeWording.of(
            (
                wording("war of aggression", "war_framing", None),
                wording("illegally annexed", "legal_judgement", 0),
            ),
            "",
        ),
        repairs=RepairSignals(
            repairs=(Repair("mojibake", ((0, 1),), "‚Äú", "“"),),
            boilerplate=(),
            machine_translation=(mt, mt),
            flags_by_kind={"mt_lowercase_start": 2},
            flags=2,
        ),
        headline=Headline(
            title=TextPart(((0, 16),), "Share their pain"),
            phrases=(
                HeadlinePhrase(
                    "Share their pain",
                    ((0, 16),),
                    HeadlineMatch("we share this pain", ((20, 38),), "lemma", 0.9),
                ),
            ),
        ),
    )
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
    assert format_quantity(Quantity(((0, 6),), "dozens", None, None, "dozens")) == "dozens"
