"""One article that breaks the analysis fails alone: the one place that decides how.

Articles are analysed in batches (one ``nlp.pipe`` call each), so an error raised by
one article stops its whole batch. :func:`isolate_failures` then analyses that batch's
articles one by one, and an article that still fails is an :class:`AnalysisFailure`
with its reason, in its place. Errors that concern every article (a missing model, an
invalid configuration) are raised: analysing the rest would fail the same way.
:func:`reportedly.analyze_many` (``failures="isolate"``), the CLI, ``reportedly ingest``
and the batch workers all go through here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import ConfigError, ModelError, ReportedlyError

if TYPE_CHECKING:
    from .records import Analysis

# errors about the run, not an article: raised, never isolated
FATAL = (ModelError, ConfigError)


@dataclass(frozen=True, slots=True)
class AnalysisFailure:
    """An article whose analysis failed, in its place among the analyses."""

    reason: str


def failure_reason(exc: Exception) -> str:
    """The one-line reason an article failed: our own message, or the unexpected
    error's type and words (a bug on one article)."""
    if isinstance(exc, ReportedlyError):
        return exc.message
    words = " ".join(str(exc).split())
    return f"analysis failed ({type(exc).__name__}: {words})"


def analyse_one(analyse: Callable[[str], Analysis], text: str) -> Analysis | AnalysisFailure:
    """``analyse(text)``, or the reason it failed (errors of :data:`FATAL` are raised)."""
    try:
        analysis = analyse(text)
    except FATAL:
        raise
    except Exception as exc:  # this article's failure must not stop the others
        return AnalysisFailure(failure_reason(exc))
    if analysis.text != text:
        return AnalysisFailure("the analyser returned another text's analysis")
    return analysis


def isolate_failures(
    analyse_batch: Callable[[list[str]], Sequence[Analysis]], texts: list[str]
) -> list[Analysis | AnalysisFailure]:
    """The batch's analyses; when the batch raises, its articles one by one."""
    if not texts:
        return []
    try:
        together = list(analyse_batch(texts))
    except FATAL:
        raise
    except Exception:  # one article broke the batch: find which, analysing one by one
        together = []
    if len(together) == len(texts):
        return [
            analysis
            if analysis.text == text
            else AnalysisFailure("the analyser returned another text's analysis")
            for text, analysis in zip(texts, together, strict=True)
        ]
    return [analyse_one(lambda one: _single(analyse_batch, one), text) for text in texts]


def _single(analyse_batch: Callable[[list[str]], Sequence[Analysis]], text: str) -> Analysis:
    (analysis,) = analyse_batch([text])
    return analysis
