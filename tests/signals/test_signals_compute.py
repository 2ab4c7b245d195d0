"""Signals from a parsed text with hand-built attributions, repairs and flags."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from spacy.language import Language

from reportedly.records import Cue, DocAttribution, Flag, Repair, Source, Span, TextPart
from reportedly.signal_records import Signals
from reportedly.signals.compute import compute_signals, merge_signals

TEXT = (
    "“Share their pain”: Putin meets mothers\n\n"
    "More than nine months after launching the war of aggression, Putin met the mothers. "
    "“We share this pain,” Putin said. "
    "Critics complain that the Kremlin is using men as cannon fodder. "
    "The senator slammed the plan. "
    "Officials said the regime had fallen. "
    "The weather was mild."
)
TITLE = (0, TEXT.index("\n"))
SHIFT = 5  # the input had 5 more characters before the text (e.g. a removed byte-order line)


def shifted(span: Span) -> Span:
    return (span[0] + SHIFT, span[1] + SHIFT)


@pytest.fixture
def signals(bare_nlp: Language, make_attribution: Callable[..., DocAttribution]) -> dict[str, Any]:
    attributions = (
        make_attribution(TEXT, "We share this pain,", source="Putin", cue="said", kind="direct"),
        make_attribution(
            TEXT,
            "the Kremlin is using men as cannon fodder",
            source="Critics",
            cue="complain",
            source_type="vague",
            stance="other",
        ),
        make_attribution(
            TEXT, "the regime had fallen", source="Officials", cue="said", source_type="official"
        ),
    )
    repairs = (Repair("boilerplate", ((900, 915),), "Leave a Comment", ""),)
    flags = (
        Flag("mt_lowercase_start", ((300, 305),), "lower-case start"),
        Flag("odd_spacing", ((10, 12),)),
    )
    computed = compute_signals(
        bare_nlp(TEXT),
        attributions,
        (),
        repairs=repairs,
        flags=flags,
        title=TITLE,
        to_input=shifted,
    )
    # the record's JSON form is the contract; it reads back into the same records
    assert Signals.from_dict(computed.to_dict()) == computed
    return computed.to_dict()


def test_signals_are_json_ready(signals: dict[str, Any]) -> None:
    assert json.loads(json.dumps(signals)) == signals


def test_attributed_sentence_share(signals: dict[str, Any]) -> None:
    share = signals["attributed_sentences"]
    # six body sentences; three carry an attribution (the title is left out)
    assert (share["attributed"], share["sentences"], share["share"]) == (3, 6, 0.5)
    first = TEXT.index("“We share")
    assert share["spans"][0] == [first + SHIFT, TEXT.index("said.", first) + len("said.") + SHIFT]


def test_sources_by_type(signals: dict[str, Any]) -> None:
    sources = signals["sources"]
    assert sources["by_type"]["named"] == 1
    assert sources["by_type"]["vague"] == 1
    assert sources["by_type"]["official"] == 1
    assert sources["by_type"]["anonymous"] == 0
    critics = sources["items"][1]
    start = TEXT.index("Critics")
    assert critics["spans"] == [[start + SHIFT, start + len("Critics") + SHIFT]]


def test_cue_stances(signals: dict[str, Any]) -> None:
    stances = signals["cue_stances"]
    assert stances["by_stance"] == {"neutral": 2, "other": 1}
    assert [item["lemma"] for item in stances["items"]] == ["said", "complain", "said"]


def test_evaluative_wording_says_whose_voice(signals: dict[str, Any]) -> None:
    items = {item["entry"]: item for item in signals["evaluative_wording"]["items"]}
    assert items["war of aggression"]["voice"] == "reporter"
    assert items["war of aggression"]["attribution"] is None
    assert items["cannon fodder"]["voice"] == "attribution"
    assert items["cannon fodder"]["attribution"] == 1
    assert items["regime"]["attribution"] == 2
    assert items["slam"]["voice"] == "reporter"
    start = TEXT.index("war of aggression")
    assert items["war of aggression"]["spans"] == [
        [start + SHIFT, start + len("war of aggression") + SHIFT]
    ]
    wording = signals["evaluative_wording"]
    assert (wording["count"], wording["reporter_voice"], wording["attributed"]) == (4, 2, 2)
    assert "MIT" in wording["lexicon"]


def test_a_cue_is_worded_by_whoever_reports_it(
    bare_nlp: Language, make_attribution: Callable[..., DocAttribution]
) -> None:
    text = "The senator slammed the plan. Officials said the mayor slammed the budget."
    # content that swallows its own cue (rules can overlap): the cue is still the reporter's
    senator = make_attribution(
        text, "slammed the plan", source="The senator", cue="slammed", stance="other"
    )
    # a cue inside another attribution's content is that attribution's wording
    officials = make_attribution(
        text, "the mayor slammed the budget", source="Officials", cue="said"
    )
    start = text.index("the budget")
    mayor = DocAttribution(
        "indirect",
        Source(((start - 17, start - 8),), "the mayor", "the mayor", "person"),
        Cue(((start - 8, start - 1),), "slammed", "slam", "other"),
        TextPart(((start, start + len("the budget")),), "the budget"),
    )
    assert text[start - 8 : start - 1] == "slammed"
    signals = compute_signals(
        bare_nlp(text),
        (senator, officials, mayor),
        (),
        repairs=(),
        flags=(),
        title=None,
        to_input=lambda span: span,
    )
    first, second = signals.evaluative_wording.items
    assert (first.voice, first.attribution) == ("reporter", None)
    assert (second.voice, second.attribution) == ("attribution", 1)


def test_repairs_and_flags_are_passed_through_grouped(signals: dict[str, Any]) -> None:
    assert signals["repairs"]["by_kind"] == {"boilerplate": 1}
    assert signals["boilerplate"]["items"][0]["spans"] == [[900, 915]]
    assert signals["machine_translation"]["count"] == 1
    assert signals["machine_translation"]["items"][0]["kind"] == "mt_lowercase_start"
    assert signals["flags"]["by_kind"] == {"mt_lowercase_start": 1, "odd_spacing": 1}


def test_headline_phrase_is_matched_in_the_body(signals: dict[str, Any]) -> None:
    (phrase,) = signals["headline"]["phrases"]
    assert phrase["text"] == "Share their pain"
    assert phrase["found"] is True
    assert phrase["match"]["text"] == "We share this pain"
    start = TEXT.index("We share this pain")
    assert phrase["match"]["spans"] == [[start + SHIFT, start + len("We share this pain") + SHIFT]]


def test_no_title_no_attributions(bare_nlp: Language) -> None:
    signals = compute_signals(
        bare_nlp("The weather was mild."),
        (),
        (),
        repairs=(),
        flags=(),
        title=None,
        to_input=lambda span: span,
    )
    assert signals.attributed_sentences.share == 0.0
    assert signals.sources.total == 0
    assert signals.to_dict()["headline"] == {"title": None, "phrases": [], "words_in_body": None}


def test_merge_signals_of_chunks(
    bare_nlp: Language, make_attribution: Callable[..., DocAttribution]
) -> None:
    first_text = "Critics complain that the regime is using men as cannon fodder."
    second_text = "Officials said the regime had fallen. The weather was mild."
    first = compute_signals(
        bare_nlp(first_text),
        (
            make_attribution(
                first_text,
                "the regime is using men as cannon fodder",
                source="Critics",
                cue="complain",
                source_type="vague",
            ),
        ),
        (),
        repairs=(),
        flags=(),
        title=None,
        to_input=lambda span: span,
    )
    shift = len(first_text) + 1
    second = compute_signals(
        bare_nlp(second_text),
        (make_attribution(second_text, "the regime had fallen", source="Officials", cue="said"),),
        (),
        repairs=(),
        flags=(),
        title=None,
        to_input=lambda span: (span[0] + shift, span[1] + shift),
    )
    merged = merge_signals([(first, 0), (second, 1)])
    assert list(merged.to_dict()) == list(first.to_dict())
    assert merged.attributed_sentences.sentences == 3
    assert merged.attributed_sentences.attributed == 2
    assert merged.sources.by_type["vague"] == 1
    assert merged.sources.by_type["named"] == 1
    assert [item.attribution for item in merged.sources.items] == [0, 1]
    regimes = [i for i in merged.evaluative_wording.items if i.entry == "regime"]
    assert [i.attribution for i in regimes] == [0, 1]
    assert regimes[1].spans[0][0] == shift + second_text.index("regime")
    assert merged.evaluative_wording.count == len(merged.evaluative_wording.items)
    assert merge_signals([(first, 0)]) is first
