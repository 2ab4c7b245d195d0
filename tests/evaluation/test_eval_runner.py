"""From Analysis records to scores, speaker accuracy and the misses view."""

from __future__ import annotations

import pytest

from reportedly.errors import DatasetError
from reportedly.evaluation.brat import GoldArticle
from reportedly.evaluation.errors_view import format_misses, worst_misses
from reportedly.evaluation.runner import as_annotated, attribution_spans, evaluate, joined_fragments
from reportedly.evaluation.speakers import SpeakerReference
from reportedly.records import (
    Analysis,
    Attribution,
    Cue,
    EvalSpans,
    Source,
    Span,
    TextPart,
)

TEXT = (
    'Jane Smith spoke [at noon]. "We will win," she said. '
    "Officials added that the plan was late. It is said that taxes rise."
)


def at(part: str) -> Span:
    start = TEXT.index(part)
    return (start, start + len(part))


def spans(content: str, cue: str, source: str | None = None) -> EvalSpans:
    return EvalSpans(source=(at(source),) if source else (), cue=(at(cue),), content=(at(content),))


QUOTE = spans('"We will win,"', "said", "she")
ADDED = spans("that the plan was late", "added", "Officials")
PASSIVE = spans("that taxes rise", "is said")
GOLD = GoldArticle(id="art", text=TEXT, attributions=(QUOTE, ADDED, PASSIVE))
SHE = SpeakerReference("art", at("she"), "she", "Jane Smith", at("Jane Smith"))


def predicted(content: str, cue: str, source: str | None, name: str = "") -> Attribution:
    return Attribution(
        kind="direct",
        source=Source(spans=(at(source),), text=source, name=name, type="person")
        if source
        else None,
        cue=Cue(spans=(at(cue),), text=cue, lemma=cue, stance="neutral"),
        content=TextPart(spans=(at(content),), text=content),
        origin="quote-rule",
    )


def analysis(*attributions: Attribution, text: str = TEXT) -> Analysis:
    return Analysis(text=text, title=None, attributions=attributions, repairs=(), flags=())


def test_attribution_spans_keeps_offsets_and_drops_missing_parts() -> None:
    no_cue = Attribution(
        kind="according_to", source=None, cue=None, content=TextPart(spans=((1, 4),), text="ane")
    )
    assert attribution_spans(analysis(no_cue)) == (EvalSpans(source=(), cue=(), content=((1, 4),)),)


RELAYED = (
    "Police have stated they have no plans to release the recordings, according to "
    "attorneys for the family. “We want answers,” Ms. Scott said, according to CNN. "
    "“Now.”"
)


def relayed(source: str, cue: str, content: tuple[str, ...], channel: str | None) -> Attribution:
    def part(text: str) -> Span:
        start = RELAYED.index(text)
        return (start, start + len(text))

    return Attribution(
        kind="indirect",
        source=Source(spans=(part(source),), text=source, name=source, type="person"),
        cue=Cue(spans=(part(cue),), text=cue, lemma=cue, stance="neutral"),
        content=TextPart(spans=tuple(part(c) for c in content), text=" ".join(content)),
        channel=TextPart(spans=(part(channel),), text=channel) if channel else None,
    )


def test_a_statement_relayed_according_to_someone_is_scored_as_theirs() -> None:
    # PolNeAR: "[Police have stated they ...], according to [attorneys for the family]"
    police = relayed(
        "Police",
        "have stated",
        ("they have no plans to release the recordings",),
        "attorneys for the family",
    )
    spans = as_annotated(RELAYED, police)
    assert [RELAYED[s:e] for s, e in spans.source] == ["attorneys for the family"]
    assert [RELAYED[s:e] for s, e in spans.cue] == ["according to"]
    assert [RELAYED[s:e] for s, e in spans.content] == [
        "Police have stated they have no plans to release the recordings"
    ]
    # the speaker's own words on both sides of the relay stay two fragments
    scott = relayed("Ms. Scott", "said", ("“We want answers,”", "“Now.”"), "CNN")
    assert [RELAYED[s:e] for s, e in as_annotated(RELAYED, scott).content] == [
        "“We want answers,” Ms. Scott said",
        "“Now.”",
    ]


def test_a_channel_not_met_by_according_to_is_scored_as_found() -> None:
    told = relayed("Ms. Scott", "said", ("“We want answers,”",), "the family")
    assert as_annotated(RELAYED, told) == EvalSpans(
        source=told.source.spans if told.source else (),
        cue=told.cue.spans if told.cue else (),
        content=told.content.spans,
    )


def test_joined_fragments_bridges_a_sentence_but_not_the_relay_or_a_paragraph() -> None:
    text = "“Yes,” she told him at noon, according to CNN, and left. Then she wept.\n“Never.”"

    def at(part: str) -> Span:
        return (text.index(part), text.index(part) + len(part))

    apart = (at("according")[0], at("CNN")[1])
    pieces = (at("told"), at("she"), at("“Yes,”"), at("at noon"), at("and left"), at("wept"))
    # "him" is bridged; the relay's words, a sentence's end and a paragraph break are not
    assert joined_fragments(text, (*pieces, at("“Never.”")), apart) == (
        (0, at("at noon")[1]),
        at("and left"),
        at("wept"),
        at("“Never.”"),
    )
    assert joined_fragments(text, (at("told"), (0, 12)), apart) == ((0, at("told")[1]),)


def test_evaluate_scores_relations_and_speaker_names() -> None:
    result = evaluate(
        [GOLD],
        [analysis(predicted('"We will win,"', "said", "she", name="jane  smith"))],
        references=[SHE],
        misses=5,
    )
    assert result.scores.relation.recall == pytest.approx(1 / 3)
    assert result.scores.relation.precision == 1.0
    assert result.scores.speakers is not None
    assert (result.scores.speakers.correct, result.scores.speakers.total) == (1, 1)
    assert [miss.gold for miss in result.misses] == [ADDED, PASSIVE]
    data = result.to_dict()
    assert data["speakers"]["of_all"] == 1.0
    assert data["misses"][0]["gold"]["source"]["text"] == "Officials"
    assert "speaker name" in result.scores.format_table()


def test_evaluate_refuses_analyses_that_do_not_fit_the_gold() -> None:
    with pytest.raises(DatasetError, match="got 0 analyses for 1"):
        evaluate([GOLD], [])
    with pytest.raises(DatasetError, match="does not hold the article's text"):
        evaluate([GOLD], [analysis(text=TEXT + " ")])


def test_misses_say_why_and_come_worst_first() -> None:
    wrong_cue = spans("that the plan was late", "Officials", "Officials")
    misses = worst_misses([GOLD], [[QUOTE, wrong_cue]], limit=10)
    assert [miss.gold for miss in misses] == [PASSIVE, ADDED]  # nothing predicted comes first
    assert misses[0].reasons == ("nothing predicted here",)
    assert misses[0].closest is None
    assert misses[1].closest == wrong_cue
    assert misses[1].reasons == ("cue differs",)
    assert worst_misses([GOLD], [[QUOTE, wrong_cue]], limit=1) == misses[:1]


def test_miss_reasons_for_sources_and_short_contents() -> None:
    no_source = spans("that the plan was late", "added")
    [miss] = [m for m in worst_misses([GOLD], [[no_source]], 10) if m.gold == ADDED]
    assert miss.reasons == ("source missing",)
    partial = spans("late", "added", "Officials")
    [miss] = [m for m in worst_misses([GOLD], [[partial]], 10) if m.gold == ADDED]
    assert miss.reasons == ("content IoU 0.18 < 0.5",)


def test_format_misses_shows_gold_beside_prediction_literally() -> None:
    wrong_cue = spans("that the plan was late", "spoke", "Officials")
    gold = GoldArticle(
        id="art",
        text=TEXT,
        attributions=(spans("Jane Smith spoke [at noon]", "spoke", "Jane Smith"),),
    )
    misses = worst_misses([gold], [[wrong_cue]], 5)
    text = format_misses(misses, width=120)
    assert "#1 art: content IoU 0.00 < 0.5; source differs" in text
    assert "[at noon]" in text  # brackets are not taken for rich markup
    assert "closest prediction" in text
    assert "that the plan was late" in text
