"""Scoring attributions against gold annotations (PolNeAR, brat, JSONL).

The definitions follow PolNeAR's ``SCORING.md``; see ``docs/evaluation.md``.
"""

from __future__ import annotations

from .brat import GoldArticle, read_brat_dir, read_brat_file
from .errors_view import Miss, format_misses, worst_misses
from .jsonl import read_jsonl
from .runner import Evaluation, attribution_spans, evaluate, predicted_sources
from .scoring import Counts, RoleScores, Scores, score, score_article, trim_fragment
from .speakers import (
    PredictedSource,
    SpeakerReference,
    SpeakerScores,
    load_references,
    score_speakers,
)

__all__ = [
    "Counts",
    "Evaluation",
    "GoldArticle",
    "Miss",
    "PredictedSource",
    "RoleScores",
    "Scores",
    "SpeakerReference",
    "SpeakerScores",
    "attribution_spans",
    "evaluate",
    "format_misses",
    "load_references",
    "predicted_sources",
    "read_brat_dir",
    "read_brat_file",
    "read_jsonl",
    "score",
    "score_article",
    "score_speakers",
    "trim_fragment",
    "worst_misses",
]
