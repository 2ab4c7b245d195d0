"""reportedly: who said what, through which channel, on whose authority.

>>> from reportedly import analyze
>>> analysis = analyze(open("examples/seed-article.txt").read())  # doctest: +SKIP
>>> analysis.to_dict()["schema"]  # doctest: +SKIP
'reportedly.analysis/1'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .config import AnalysisConfig
    from .pipeline import ANALYSIS_VERSION, analyze, analyze_many
    from .records import Analysis, Attribution

__all__ = [
    "ANALYSIS_VERSION",
    "Analysis",
    "AnalysisConfig",
    "Attribution",
    "__version__",
    "analyze",
    "analyze_many",
]


def __getattr__(name: str) -> Any:
    # Imported lazily: `import reportedly.records` must not pull in spaCy.
    if name in {"ANALYSIS_VERSION", "analyze", "analyze_many"}:
        from . import pipeline

        return getattr(pipeline, name)
    if name == "AnalysisConfig":
        from . import config

        return config.AnalysisConfig
    if name in {"Analysis", "Attribution"}:
        from . import records

        return getattr(records, name)
    raise AttributeError(f"module 'reportedly' has no attribute {name!r}")
