"""End to end on the seed article: what the issue says the record must contain."""

from __future__ import annotations

import signal
from typing import Any

import pytest

from reportedly import analyze, analyze_many
from reportedly.config import AnalysisConfig
from reportedly.errors import AnalysisTimeout, ArticleTooLongError
from reportedly.ingest.articles import ReaderConfig
from reportedly.pipeline import (
    MAX_ARTICLE_CHARS,
    split_into_chunks,
    time_limit_for,
    title_in_chunk,
    title_in_input,
)
from reportedly.records import Analysis, Attribution, TextPart
from reportedly.repair import repair as repair_text
from reportedly.validate import span_mismatches


def _find(analysis: Analysis, content_start: str) -> Attribution:
    for attribution in analysis.attributions:
        if content_start in attribution.content.text:
            return attribution
    texts = [a.content.text[:60] for a in analysis.attributions]
    raise AssertionError(f"no attribution with {content_start!r}; have {texts}")


@pytest.mark.parametrize(
    "quote",
    [
        "I want you to know",
        "We do everything we can",
        "We understand that nothing can replace",
        "Life is more complicated",
        "There is a lot of fake news",
    ],
)
def test_putin_quotes_are_direct_and_resolved(seed_analysis: Analysis, quote: str) -> None:
    attribution = _find(seed_analysis, quote)
    assert attribution.kind == "direct"
    assert attribution.source is not None
    assert attribution.source.name == "Vladimir Putin"
    assert attribution.source.type == "person"


def test_first_quote_came_through_interfax(seed_analysis: Analysis) -> None:
    attribution = _find(seed_analysis, "I want you to know")
    assert attribution.channel is not None
    assert attribution.channel.text == "the Interfax news agency"
    assert attribution.cue is not None and attribution.cue.lemma == "say"
    assert attribution.cue.stance == "neutral"


def test_reported_anxiety_clause_is_mixed_from_putin(seed_analysis: Analysis) -> None:
    attribution = _find(seed_analysis, "feeling of anxiety and uncertainty")
    assert attribution.kind in {"indirect", "mixed"}
    assert attribution.source is not None and attribution.source.name == "Vladimir Putin"
    assert "Mother’s Day" in attribution.content.text


def test_official_information_is_an_official_according_to(seed_analysis: Analysis) -> None:
    attribution = _find(seed_analysis, "a total of 17 women")
    assert attribution.kind == "according_to"
    assert attribution.source is not None
    assert attribution.source.text == "official information"
    assert attribution.source.type == "official"


def test_critics_are_a_vague_source(seed_analysis: Analysis) -> None:
    attribution = _find(seed_analysis, "the Kremlin is using poorly trained men")
    assert attribution.source is not None and attribution.source.text == "Critics"
    assert attribution.source.type == "vague"
    assert attribution.cue is not None and attribution.cue.lemma == "complain"


def test_british_secret_services_estimate(seed_analysis: Analysis) -> None:
    attribution = _find(seed_analysis, "a large number of conscripted Russian reservists")
    assert attribution.kind == "according_to"
    assert attribution.source is not None
    assert "British secret services" in attribution.source.text
    assert attribution.source.type in {"organization", "official"}


def test_no_attribution_from_the_headline(seed_analysis: Analysis) -> None:
    assert seed_analysis.title is not None
    title_end = seed_analysis.title.spans[0][1]
    for attribution in seed_analysis.attributions:
        assert all(start >= title_end for start, _ in attribution.content.spans)


def test_repairs_are_listed(seed_analysis: Analysis, seed_text: str) -> None:
    kinds = {r.kind for r in seed_analysis.repairs}
    assert {"mojibake", "boilerplate", "duplicate_headline"} <= kinds
    mojibake = next(r for r in seed_analysis.repairs if r.kind == "mojibake")
    assert mojibake.before.startswith("‚Äú") and mojibake.after.startswith("“")
    boilerplate = [r for r in seed_analysis.repairs if r.kind == "boilerplate"]
    assert any(r.before.strip() == "Leave a Comment" for r in boilerplate)
    for repair in seed_analysis.repairs:
        start, end = repair.spans[0]
        assert seed_text[start:end] == repair.before


def test_seed_spans_point_into_the_input(seed_analysis: Analysis) -> None:
    assert list(span_mismatches(seed_analysis)) == []
    assert seed_analysis.claims, "claims are checked too"


def test_json_record_follows_the_schema(seed_analysis: Analysis) -> None:
    record: dict[str, Any] = seed_analysis.to_dict()
    assert record["schema"] == "reportedly.analysis/1"
    first = record["attributions"][0]
    for key in ("kind", "source", "cue", "content", "channel"):
        assert key in first
    assert set(first["source"]) >= {"spans", "text", "name", "type"}
    assert set(first["cue"]) >= {"spans", "text", "lemma", "stance"}
    assert all(len(span) == 2 for span in first["content"]["spans"])
    assert set(record["repairs"][0]) >= {"kind", "spans", "before", "after"}
    assert all(set(f) >= {"kind", "spans"} for f in record["flags"])


def test_empty_text_gives_a_valid_record_with_a_warning() -> None:
    analysis = analyze("")
    assert analysis.attributions == ()
    assert any("empty" in w for w in analysis.warnings)
    assert analysis.to_dict()["schema"] == "reportedly.analysis/1"


def test_analyze_many_keeps_order_across_processes(seed_text: str) -> None:
    texts = ["", "The mayor said the bridge will reopen in May.", seed_text]
    serial = [a.to_dict() for a in analyze_many(texts)]
    parallel = [a.to_dict() for a in analyze_many(texts, n_process=2, batch_size=1)]
    assert serial == parallel
    assert serial[1]["attributions"][0]["source"]["text"] == "The mayor"


def test_long_runs_without_spaces_are_cut_into_small_chunks() -> None:
    text = "Intro.\n\n" + "“" * 5000 + " end."
    chunks = split_into_chunks(text)
    assert "".join(piece for _, piece in chunks) == text
    assert all(text[start:].startswith(piece) for start, piece in chunks)
    assert max(len(piece) for _, piece in chunks) <= 2 * 1000 + 10


def test_all_boilerplate_input_warns() -> None:
    analysis = analyze("Leave a Comment\nShare this article\n")
    assert analysis.attributions == ()
    assert any("nothing left to analyze" in w for w in analysis.warnings)


def test_chunks_split_at_paragraphs_and_cover_the_text() -> None:
    text = ("A paragraph of text.\n\n" * 50).strip()
    chunks = split_into_chunks(text, limit=100)
    assert "".join(piece for _, piece in chunks) == text
    assert all(len(piece) <= 100 for _, piece in chunks)
    assert all(text[start:].startswith(piece) for start, piece in chunks)
    assert all(piece.endswith("\n\n") for _, piece in chunks[:-1])


def test_the_headline_is_derived_in_the_doc_and_input_offsets() -> None:
    text = "\n\nThe mayor‚Äôs plan\n\nThe mayor said the bridge would reopen in May."
    result = repair_text(text)
    assert result.title is not None and result.text[slice(*result.title)] == "The mayor’s plan"
    # input offsets: around the mojibake as it stands in the input
    assert title_in_input(result) == TextPart(((2, 20),), "The mayor’s plan")
    assert text[2:20] == "The mayor‚Äôs plan"
    # Doc offsets: only the chunk where the headline starts has it, shifted to its start
    length = len(result.text)
    assert title_in_chunk(result.title, 0, 20) == result.title
    assert title_in_chunk(result.title, 20, length - 20) is None
    start, end = result.title
    assert title_in_chunk(result.title, start - 1, length - start + 1) == (1, 1 + end - start)
    assert title_in_chunk(None, 0, length) is None


@pytest.mark.slow
def test_a_text_near_the_size_limit_is_analyzed_with_global_offsets() -> None:
    paragraph = "“We will rebuild the bridge,” Mayor Jane Smith said on Monday.\n\n"
    # long tokens keep the parse cheap: this test is about chunking and offsets
    filler = "Archived at https://example.org/" + "x" * 20_000 + "\n\n"
    block = paragraph + filler
    text = "Bridge to reopen\n\n" + block * (MAX_ARTICLE_CHARS // len(block) - 1)
    assert MAX_ARTICLE_CHARS - 2 * len(block) < len(text) <= MAX_ARTICLE_CHARS
    analysis = analyze(text)
    quotes = [a for a in analysis.attributions if a.kind == "direct"]
    assert len(quotes) == text.count(paragraph)
    last = quotes[-1]
    start, end = last.content.spans[0]
    assert start > MAX_ARTICLE_CHARS - 3 * len(block)
    assert text[start:end] == "“We will rebuild the bridge,”"
    assert last.source is not None and last.source.name == "Jane Smith"


def test_an_article_past_its_time_limit_stops_and_leaves_no_timer(seed_text: str) -> None:
    handler = signal.getsignal(signal.SIGALRM)
    with pytest.raises(AnalysisTimeout, match="the article passed the time limit"):
        analyze(seed_text, AnalysisConfig(time_limit=1e-4))
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is handler
    with pytest.raises(AnalysisTimeout, match="a batch of 2 articles"):
        list(analyze_many([seed_text, seed_text], AnalysisConfig(time_limit=1e-4)))
    # the default limit grows with the text and lets a sound article through
    assert time_limit_for(seed_text * 10) > time_limit_for(seed_text) >= 60
    assert analyze(seed_text).attributions


def test_a_caller_timer_is_left_alone(seed_text: str) -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        # the caller's timer runs: no limit of ours
        analyze(seed_text, AnalysisConfig(time_limit=1e-4))
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert not fired


def test_a_text_past_the_size_limit_is_refused_before_any_work() -> None:
    with pytest.raises(ArticleTooLongError, match="article too long"):
        analyze("word " * (MAX_ARTICLE_CHARS // 5 + 1))
    # the readers stop an article well before the API does
    assert ReaderConfig().max_article_chars < MAX_ARTICLE_CHARS
