"""From Analysis records to scores, speaker accuracy and the misses view."""

from __future__ import annotations

import pytest

from reportedly.errors import DatasetError
from reportedly.evaluation.brat import GoldArticle
from reportedly.evaluation.errors_view import format_misses, worst_misses
from reportedly.evaluation.runner import attribution_spans, evaluate
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
