"""The one error hierarchy of reportedly.

Every error carries a short code (``R0xx``) and a one-line message; the CLI
prints ``error: [R0xx] message`` and exits with status 2.
"""

from __future__ import annotations


class ReportedlyError(Exception):
    """Base class of every error reportedly raises on purpose."""

    code = "R000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(ReportedlyError):
    """An input could not be read as text (missing, binary, unreadable)."""

    code = "R001"


class BinaryInputError(InputError):
    code = "R002"


class ModelError(ReportedlyError):
    """A language model or the shipped attribution model could not be loaded."""

    code = "R010"


class DatasetError(ReportedlyError):
    """Gold annotations could not be read (evaluation and training)."""

    code = "R020"


class StoreError(ReportedlyError):
    """The corpus database could not be opened, migrated or written."""

    code = "R030"


class ArticleError(ReportedlyError):
    """One article could not be analyzed; the other articles of the run go on."""

    code = "R040"


class ArticleTooLongError(ArticleError):
    code = "R041"


class AnalysisTimeout(ArticleError):
    """The analysis of an article (or of a batch) ran past its time limit."""

    code = "R042"


class ConfigError(ReportedlyError):
    """A setting of the analysis is invalid (an unknown cascade part, a negative time limit)."""

    code = "R050"
