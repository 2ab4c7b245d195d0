"""One article that breaks the analysis fails alone, decided in one place (reportedly.failures)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from reportedly import analyze_many
from reportedly.errors import ArticleTooLongError, ConfigError, ModelError
from reportedly.failures import AnalysisFailure, analyse_one, isolate_failures
from reportedly.pipeline import MAX_ARTICLE_CHARS
from reportedly.records import Analysis


def bare(text: str) -> Analysis:
    return Analysis(text=text, title=None, attributions=(), repairs=(), flags=())


def analyser(batch: list[str]) -> Sequence[Analysis]:
    """Fails the whole batch when one text asks for it, as nlp.pipe does."""
    for text in batch:
        if "RAISE" in text:
            raise RuntimeError("planted\n  failure")
        if "TOO LONG" in text:
            raise ArticleTooLongError("article too long")
        if "MODEL" in text:
            raise ModelError("no model")
    return [bare(text) for text in batch]


def test_a_failing_batch_is_analysed_one_by_one_and_the_failure_keeps_its_place() -> None:
    results = isolate_failures(analyser, ["one", "RAISE", "TOO LONG", "four"])
    assert [r.text for r in results if isinstance(r, Analysis)] == ["one", "four"]
    assert results[1] == AnalysisFailure("analysis failed (RuntimeError: planted failure)")
    assert results[2] == AnalysisFailure("article too long")


def test_errors_about_the_run_are_raised_not_isolated() -> None:
    with pytest.raises(ModelError):
        isolate_failures(analyser, ["one", "MODEL"])
    with pytest.raises(ConfigError):
        analyse_one(lambda text: (_ for _ in ()).throw(ConfigError("bad part")), "x")


def test_an_analysis_of_another_text_is_a_failure() -> None:
    assert analyse_one(lambda text: bare(text + "!"), "x") == AnalysisFailure(
        "the analyser returned another text's analysis"
    )
    assert isolate_failures(lambda batch: [bare("other") for _ in batch], ["x"]) == [
        AnalysisFailure("the analyser returned another text's analysis")
    ]
    assert isolate_failures(analyser, []) == []


def test_analyze_many_isolates_an_article_too_long_among_good_ones(seed_text: str) -> None:
    too_long = "word " * (MAX_ARTICLE_CHARS // 5 + 1)
    results = list(analyze_many([seed_text, too_long, seed_text], failures="isolate"))
    assert isinstance(results[0], Analysis) and results[0].attributions
    assert isinstance(results[1], AnalysisFailure) and "too long" in results[1].reason
    assert isinstance(results[2], Analysis) and results[2].to_dict() == results[0].to_dict()
    with pytest.raises(ArticleTooLongError):
        list(analyze_many([seed_text, too_long]))  # failures="raise": the batch raises
