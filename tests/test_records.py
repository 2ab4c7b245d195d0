"""The records: attributions in Doc offsets and in input offsets are different types; the
JSON form, generated from the fields, keeps its shape and reads back exactly."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, get_args

import pytest
from mypy import api as mypy_api

import reportedly
from reportedly.records import (
    SCHEMA,
    Analysis,
    Attribution,
    AttributionSpans,
    Claim,
    ClaimKind,
    Cue,
    DocAttribution,
    EvalSpans,
    Flag,
    FoundBy,
    MenderName,
    Quantity,
    Repair,
    Source,
    Span,
    TextPart,
)
from reportedly.serialise import Computed, Record
from reportedly.signal_records import (
    AttributedSentences,
    CueItem,
    CueStances,
    EvaluativeWording,
    Headline,
    HeadlineMatch,
    HeadlinePhrase,
    MatchMethod,
    RepairSignals,
    Signals,
    SourceGroup,
    SourceItem,
    SourceMix,
    WordingItem,
)

TEXT = "Officials said the bridge would reopen."


def _in_doc() -> DocAttribution:
    return DocAttribution(
        "indirect",
        Source(((0, 9),), "Officials", "Officials", "official"),
        Cue(((10, 14),), "said", "say", "neutral"),
        TextPart(((15, 38),), "the bridge would reopen"),
        TextPart(((0, 0), (1, 2)), ""),
        origin="parse-rule",
    )


def test_to_input_maps_every_span_and_keeps_the_texts() -> None:
    def shifted(span: Span) -> Span:
        return (span[0] + 100, span[1] + 100)

    found = _in_doc().to_input(shifted)
    assert type(found) is Attribution
    assert found.source is not None and found.source.spans == ((100, 109),)
    assert found.cue is not None and found.cue.spans == ((110, 114),)
    assert found.content == TextPart(((115, 138),), "the bridge would reopen")
    assert found.channel is not None and found.channel.spans == ((100, 100), (101, 102))
    assert (found.kind, found.origin, found.source.name) == ("indirect", "parse-rule", "Officials")
    assert found.to_dict() == _in_doc().to_dict() | {
        "source": found.source.to_dict(),
        "cue": found.cue.to_dict(),
        "content": found.content.to_dict(),
        "channel": found.channel.to_dict(),
    }


def test_a_doc_attribution_is_no_attribution() -> None:
    in_doc = _in_doc()
    same_fields = Attribution(*(getattr(in_doc, f) for f in Attribution.__dataclass_fields__))
    assert not isinstance(in_doc, Attribution)
    assert in_doc != same_fields
    assert in_doc.to_dict() == same_fields.to_dict()  # one JSON form


def test_from_dict_reads_to_dict_back() -> None:
    in_doc = _in_doc()
    assert DocAttribution.from_dict(in_doc.to_dict()) == in_doc
    found = in_doc.to_input(lambda span: span)
    assert Attribution.from_dict(found.to_dict()) == found


def mypy_error_lines(source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The line numbers mypy reports errors on in ``source`` (it must report some)."""
    # the package's source before the installed copy, which has no py.typed marker
    monkeypatch.setenv("MYPYPATH", str(Path(reportedly.__file__).parents[1]))
    module = tmp_path / "mixup.py"
    module.write_text(source, encoding="utf-8")
    report, _, status = mypy_api.run(
        [str(module), "--no-incremental", "--follow-imports=silent", "--config-file="]
    )
    assert status == 1, report
    return [line.split(":")[1] for line in report.splitlines() if ": error:" in line]


@pytest.mark.slow
def test_the_type_checker_refuses_doc_offsets_where_input_offsets_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = (
        "from reportedly.records import Analysis, Attribution, DocAttribution\n"
        "def stored(a: Attribution) -> None: ...\n"
        "def mixup(a: DocAttribution, b: Attribution) -> None:\n"
        "    stored(a)\n"
        "    Analysis('', None, (a,), (), ())\n"
        "    stored(a.to_input(lambda span: span))\n"
        "    stored(b)\n"
    )
    assert mypy_error_lines(source, tmp_path, monkeypatch) == ["4", "5"]


@pytest.mark.slow
def test_the_type_checker_refuses_evaluation_spans_where_doc_spans_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = (
        "from reportedly.records import AttributionSpans, EvalSpans\n"
        "def scored(predicted: EvalSpans) -> None: ...\n"
        "def mended(triple: AttributionSpans) -> None: ...\n"
        "def mixup(found: AttributionSpans, gold: EvalSpans) -> None:\n"
        "    scored(found)\n"
        "    mended(gold)\n"
        "    scored(found.to_input(lambda span: span))\n"
        "    mended(gold.to_doc(lambda span: span))\n"
    )
    assert mypy_error_lines(source, tmp_path, monkeypatch) == ["5", "6"]


def test_span_triples_cross_between_doc_and_input_offsets() -> None:
    found = AttributionSpans(((10, 15),), ((16, 20),), ((21, 30), (40, 45)), 0.5, "model")
    shifted = found.to_input(lambda span: (span[0] + 100, span[1] + 100))
    assert shifted == EvalSpans(((110, 115),), ((116, 120),), ((121, 130), (140, 145)), "model")
    back = shifted.to_doc(lambda span: (span[0] - 100, span[1] - 100))
    assert back == AttributionSpans(found.source, found.cue, found.content, origin="model")


# --------------------------------------------------------------------------- the JSON form


def _signals(headline: Headline) -> Signals:
    whitespace = Repair("whitespace", ((1, 2),), "\u00a0", " ", "Unicode space")
    boilerplate = Repair("boilerplate", ((3, 4),), "x", "", "page furniture")
    return Signals(
        AttributedSentences(0.5, 1, 2, ((0, 3),)),
        SourceMix(
            2,
            {"named": 1, "none": 1},
            (
                SourceItem(0, "named", "person", "Ann Lee", "she", ((0, 3),)),
                SourceItem(1, "none", None, None, None, ((4, 5),)),
            ),
        ),
        CueStances({"neutral": 1}, (CueItem(0, "neutral", "say", "said", ((4, 8),)),)),
        EvaluativeWording.of(
            (
                WordingItem(
                    "slammed", ((9, 16),), "slam", "attack_verb", "n", "reporter", None, False
                ),
            ),
            "lexicon",
        ),
        RepairSignals(
            (whitespace, boilerplate),
            (boilerplate,),
            (Flag("mt_lowercase_start", ((5, 6),), "lower-case"),),
            {"mt_lowercase_start": 1, "dateline": 2},
            3,
        ),
        headline,
    )


def test_the_signals_json_form_keeps_its_shape() -> None:
    data = _signals(Headline(None)).to_dict()
    assert list(data) == [
        *("attributed_sentences", "sources", "cue_stances", "evaluative_wording"),
        *("repairs", "boilerplate", "machine_translation", "flags", "headline"),
    ]
    assert data["repairs"] == {
        "count": 2,
        "by_kind": {"whitespace": 1, "boilerplate": 1},
        "items": [
            {
                "kind": "whitespace",
                "spans": [[1, 2]],
                "before": "\u00a0",
                "after": " ",
                "explanation": "Unicode space",
            },
            {
                "kind": "boilerplate",
                "spans": [[3, 4]],
                "before": "x",
                "after": "",
                "explanation": "page furniture",
            },
        ],
    }
    assert data["boilerplate"]["count"] == 1 and len(data["boilerplate"]["items"]) == 1
    assert data["machine_translation"] == {
        "count": 1,
        "items": [{"kind": "mt_lowercase_start", "spans": [[5, 6]], "note": "lower-case"}],
    }
    assert data["flags"] == {"count": 3, "by_kind": {"mt_lowercase_start": 1, "dateline": 2}}
    # no source: no name, no text
    assert data["sources"]["items"][1] == {
        "attribution": 1,
        "group": "none",
        "type": None,
        "spans": [[4, 5]],
    }
    assert list(data["sources"]["items"][0]) == [
        *("attribution", "group", "type", "name", "text", "spans")
    ]
    assert data["headline"] == {"title": None, "phrases": [], "words_in_body": None}


def test_the_headline_json_form_puts_texts_before_spans() -> None:
    title = TextPart(((0, 5),), "Title")
    match = HeadlineMatch("y", ((7, 8),), "lemma", 0.9)
    headline = Headline(
        title,
        (HeadlinePhrase("x", ((1, 2),), None), HeadlinePhrase("y", ((2, 3),), match)),
        None,
        (title,),
    )
    assert json.dumps(headline.to_dict()) == (
        '{"title": {"text": "Title", "spans": [[0, 5]]}, "phrases": ['
        '{"text": "x", "spans": [[1, 2]], "found": false, "match": null}, '
        '{"text": "y", "spans": [[2, 3]], "found": true, "match": '
        '{"text": "y", "spans": [[7, 8]], "method": "lemma", "score": 0.9}}], '
        '"words_in_body": {"share": null, "missing": [{"text": "Title", "spans": [[0, 5]]}]}}'
    )
    assert Headline.from_dict(headline.to_dict()) == headline


def _analysis(signals: Signals | None) -> Analysis:
    claim = Claim(
        ((0, 3),), "Ann", "quantity", (Quantity(((0, 1),), "3", 3.0, None, "about", 4.0),), 0, 0.25
    )
    return Analysis(
        TEXT,
        TextPart(((0, 9),), "Officials"),
        (_in_doc().to_input(lambda span: span),),
        (),
        (Flag("dateline", ((0, 3),), "wire"),),
        ("invalid UTF-8",),
        (claim,),
        signals,
        "0.3.0/1",
    )


def test_the_analysis_json_form_starts_with_schema_version_and_length() -> None:
    data = _analysis(None).to_dict()
    assert list(data) == [
        *("schema", "version", "length", "text", "title", "attributions", "claims"),
        *("signals", "repairs", "flags", "warnings"),
    ]
    assert (data["schema"], data["length"], data["signals"]) == (SCHEMA, len(TEXT), {})
    assert data["claims"][0]["quantities"] == [
        {"spans": [[0, 1]], "text": "3", "value": 3.0, "unit": None, "hedge": "about", "high": 4.0}
    ]
    stored = _analysis(None).to_dict(include_text=False)
    assert "text" not in stored and stored == {k: v for k, v in data.items() if k != "text"}


@pytest.mark.parametrize("signals", [None, _signals(Headline(None))], ids=["bare", "signals"])
def test_from_dict_reads_every_record_back(signals: Signals | None) -> None:
    analysis = _analysis(signals)
    data = json.loads(json.dumps(analysis.to_dict()))
    assert Analysis.from_dict(data) == analysis
    assert Analysis.from_dict(data).to_dict() == data


def test_from_dict_refuses_a_kind_the_types_do_not_list() -> None:
    data = _analysis(None).to_dict()
    data["flags"][0]["kind"] = "typo"
    with pytest.raises(ValueError, match="'typo' is none of"):
        Analysis.from_dict(data)
    data = _in_doc().to_dict() | {"kind": "hearsay"}
    with pytest.raises(ValueError, match="'hearsay' is none of"):
        DocAttribution.from_dict(data)


def test_a_layout_must_place_every_field() -> None:
    @dataclass(frozen=True, slots=True)
    class Forgetful(Record):
        JSON_LAYOUT: ClassVar[tuple[str | Computed, ...]] = ("kept",)

        kept: str
        lost: str

    with pytest.raises(TypeError, match="must name each field's key once"):
        Forgetful("a", "b").to_dict()


def test_the_literals_hold_what_the_registries_and_signals_make() -> None:
    from reportedly.attribution.extract import FIRST_PASS, MODEL
    from reportedly.attribution.menders import MENDER_NAMES
    from reportedly.attribution.rules import RULE_NAMES
    from reportedly.claims.report import CLAIM_KINDS
    from reportedly.signals import headline
    from reportedly.signals.compute import SOURCE_GROUP_ORDER

    german = {"de-model", "de-rules"}  # the German analysis' origins
    assert set(get_args(FoundBy)) == RULE_NAMES | {MODEL} | german
    assert set(get_args(MenderName)) == MENDER_NAMES | {FIRST_PASS}
    assert get_args(ClaimKind) == CLAIM_KINDS
    assert get_args(SourceGroup) == SOURCE_GROUP_ORDER
    assert get_args(MatchMethod) == get_args(headline.MatchMethod)


@pytest.mark.slow
def test_every_polnear_dev_record_reads_back_exactly(polnear_dir: Path) -> None:
    from reportedly import analyze_many
    from reportedly.evaluation.brat import read_brat_dir

    articles = read_brat_dir(polnear_dir / "data" / "dev")
    for analysis in analyze_many([article.text for article in articles]):
        data = json.loads(json.dumps(analysis.to_dict()))
        assert Analysis.from_dict(data) == analysis
