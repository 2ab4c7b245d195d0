"""Scoring the analyzer's output: from :class:`Analysis` records to an :class:`Evaluation`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..errors import DatasetError
from ..records import Analysis, Attribution, EvalSpans, Span, Spans
from .brat import GoldArticle
from .errors_view import Miss, worst_misses
from .scoring import Scores, is_trimmed, score
from .speakers import PredictedSource, SpeakerReference, score_speakers


def attribution_spans(analysis: Analysis) -> tuple[EvalSpans, ...]:
    """The bare spans of the analysis's attributions (input offsets), in the
    annotation's convention (:func:`as_annotated`)."""
    return tuple(as_annotated(analysis.text, attribution) for attribution in analysis.attributions)


# "... according to " just before a channel (or the opening mark of a quoted title,
# "According to ''The Trumps,'' by Gwenda Blair"): the words were relayed by it
_ACCORDING_TO = re.compile(r"\b(according\s+to)\s*[\"'“‘«]*\s*\Z", re.IGNORECASE)
_RELAY_LOOKBACK = 40


def as_annotated(text: str, attribution: Attribution) -> EvalSpans:
    """The spans of ``attribution`` as PolNeAR annotates it.

    The analysis keeps who spoke and names a relay as the channel: "[Police] [have
    said] [they have no plans ...], according to [attorneys for the family]" is the
    police's attribution, through the attorneys. PolNeAR annotates such a relayed
    statement as the relay's, and the statement's own speaker and verb as part of
    its content: source "attorneys for the family", cue "according to", content
    "Police have said they have no plans ...". A channel met in other words
    ("told CNN", "said in a statement") is scored as it is: the annotation keeps
    the speaker there.
    """
    source = attribution.source.spans if attribution.source else ()
    cue = attribution.cue.spans if attribution.cue else ()
    content = attribution.content.spans
    relay = relayed_by(text, attribution)
    if relay is None:
        return EvalSpans(source=source, cue=cue, content=content, origin=attribution.origin)
    according, channel = relay
    return EvalSpans(
        source=channel,
        cue=(according,),
        content=joined_fragments(text, source + cue + content, (according[0], channel[-1][1])),
        origin=attribution.origin,
    )


def relayed_by(text: str, attribution: Attribution) -> tuple[Span, Spans] | None:
    """The span of "according to" and the channel's spans, when the attribution's
    words were relayed "according to" its channel; else None."""
    channel = attribution.channel
    if channel is None or not channel.spans or attribution.kind == "according_to":
        return None
    start = channel.spans[0][0]
    window = max(0, start - _RELAY_LOOKBACK)
    match = _ACCORDING_TO.search(text, window, start)
    if match is None:
        return None
    return match.span(1), channel.spans


def joined_fragments(text: str, spans: Spans, apart: Span) -> Spans:
    """``spans`` in text order, two neighbours joined into one fragment when the words
    between them stay in their paragraph and sentence ("Donald [told] his roommate
    [that ...]") and are not ``apart``, the relay's own words ("“…,” Sanders said,
    according to CNN. “…”" stays two fragments)."""
    joined: list[Span] = []
    for start, end in sorted(spans):
        if joined and _joins(text, joined[-1][1], start, apart):
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return tuple(joined)


def _joins(text: str, end: int, start: int, apart: Span) -> bool:
    if start <= end:
        return True
    if apart[0] < start and end < apart[1]:
        return False
    gap = text[end:start]
    if "\n" in gap:
        return False
    return all(map(is_trimmed, gap)) or not any(c in gap for c in ".!?")


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
    trim: bool = True,
) -> Evaluation:
    """Score ``analyses`` (one per article, in order, of each article's text; ``trim``:
    exact matching of trimmed fragments, :func:`~.scoring.exact_counts`)."""
    analyses = list(analyses)
    if len(analyses) != len(articles):
        raise DatasetError(f"got {len(analyses)} analyses for {len(articles)} gold articles")
    for article, analysis in zip(articles, analyses, strict=True):
        if analysis.text != article.text:
            # offsets would point into a different string and every score would be wrong
            raise DatasetError(f"the analysis of {article.id!r} does not hold the article's text")
    predicted = [attribution_spans(analysis) for analysis in analyses]
    scores = score(articles, predicted, trim)
    speakers = score_speakers(
        references, articles, [predicted_sources(analysis) for analysis in analyses]
    )
    return Evaluation(
        scores=replace(scores, speakers=speakers),
        misses=tuple(worst_misses(articles, predicted, misses)) if misses else (),
    )
