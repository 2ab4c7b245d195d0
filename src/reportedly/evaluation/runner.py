"""Scoring the analyzer's output: from :class:`Analysis` records to an :class:`Evaluation`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..errors import DatasetError
from ..records import Analysis, EvalSpans
from .brat import GoldArticle
from .errors_view import Miss, worst_misses
from .scoring import Scores, score
from .speakers import PredictedSource, SpeakerReference, score_speakers


def attribution_spans(analysis: Analysis) -> tuple[EvalSpans, ...]:
    """The bare spans of the analysis's attributions (input offsets)."""
    return tuple(
        EvalSpans(
            source=attribution.source.spans if attribution.source else (),
            cue=attribution.cue.spans if attribution.cue else (),
            content=attribution.content.spans,
            origin=attribution.origin,
        )
        for attribution in analysis.attributions
    )


def predicted_sources(analysis: Analysis) -> tuple[PredictedSource, ...]:
    """The analysis's sources with the names they were resolved to."""
    return tuple(
        PredictedSource(spans=attribution.source.spans, name=attribution.source.name)
        for attribution in analysis.attributions
        if attribution.source is not None
    )


@dataclass(frozen=True, slots=True)
class Evaluation:
    scores: Scores
    misses: tuple[Miss, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return self.scores.to_dict() | {"misses": [miss.to_dict() for miss in self.misses]}


def evaluate(
    articles: Sequence[GoldArticle],
    analyses: Iterable[Analysis],
    references: Sequence[SpeakerReference] = (),
    misses: int = 0,
) -> Evaluation:
    """Score ``analyses`` (one per article, in order, of each article's text)."""
    analyses = list(analyses)
    if len(analyses) != len(articles):
        raise DatasetError(f"got {len(analyses)} analyses for {len(articles)} gold articles")
    for article, analysis in zip(articles, analyses, strict=True):
        if analysis.text != article.text:
            # offsets would point into a different string and every score would be wrong
            raise DatasetError(f"the analysis of {article.id!r} does not hold the article's text")
    predicted = [attribution_spans(analysis) for analysis in analyses]
    scores = score(articles, predicted)
    speakers = score_speakers(
        references, articles, [predicted_sources(analysis) for analysis in analyses]
    )
    return Evaluation(
        scores=replace(scores, speakers=speakers),
        misses=tuple(worst_misses(articles, predicted, misses)) if misses else (),
    )
