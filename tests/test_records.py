"""The records: attributions in Doc offsets and in input offsets are different types."""

from __future__ import annotations

from pathlib import Path

import pytest
from mypy import api as mypy_api

import reportedly
from reportedly.records import (
    Attribution,
    AttributionSpans,
    Cue,
    DocAttribution,
    EvalSpans,
    Source,
    Span,
    TextPart,
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
