"""Span edges drawn as PolNeAR's annotators draw them (the accurate mode)."""

from __future__ import annotations

from reportedly.attribution.edges import draw_edges
from reportedly.evaluation.scoring import exact_counts
from reportedly.records import AttributionSpans


def _span(text: str, part: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def test_quotes_and_colons_are_drawn_as_the_annotators_draw_them() -> None:
    text = 'Huma Abedin, an aide, said: "We will win." Trump said the plan failed.'
    triple = AttributionSpans(
        source=(_span(text, "Huma Abedin, an aide"),),
        cue=(_span(text, "said"),),
        content=(_span(text, "We will win"),),
    )
    drawn = draw_edges(text, triple)
    assert [text[s:e] for s, e in drawn.source] == ["Huma Abedin, an aide,"]
    assert [text[s:e] for s, e in drawn.cue] == ["said:"]
    assert [text[s:e] for s, e in drawn.content] == ['"We will win."']
    indirect = AttributionSpans(
        source=(_span(text, "Trump"),),
        cue=(_span(text, "said", 1),),
        content=(_span(text, "the plan failed."),),
    )
    plain = draw_edges(text, indirect)
    # a bare full stop is left out, and a name without apposition keeps no comma
    assert [text[s:e] for s, e in plain.content] == ["the plan failed"]
    assert [text[s:e] for s, e in plain.source] == ["Trump"]


def test_an_apostrophe_is_no_closing_quote() -> None:
    text = "He said it was Obama's plan."
    triple = AttributionSpans(source=(), cue=(_span(text, "said"),), content=((11, 20),))
    assert text[11:20] == "was Obama"
    assert draw_edges(text, triple).content == ((11, 20),)


def test_untrimmed_matching_counts_quote_marks_and_trimmed_does_not() -> None:
    text = 'He said: "Yes."'
    gold = [_span(text, '"Yes."')]
    bare = [_span(text, "Yes")]
    assert exact_counts(text, gold, bare).matched_gold == 1
    assert exact_counts(text, gold, bare, trim=False).matched_gold == 0
    assert exact_counts(text, gold, gold, trim=False).matched_gold == 1
    # whitespace at the ends never counts
    assert exact_counts(text, [(8, 15)], gold, trim=False).matched_gold == 1
