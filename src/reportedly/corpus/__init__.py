"""The corpus: many articles from many formats, analyzed into one SQLite database.

>>> from reportedly.corpus import open_db, ingest, quotes, QuoteFilter  # doctest: +SKIP
>>> db = open_db("corpus.db")  # doctest: +SKIP
>>> summary = ingest(["articles/", "feed.xml"], db)  # doctest: +SKIP
>>> rows = list(quotes(db, QuoteFilter(speaker="Clinton")))  # doctest: +SKIP
"""

from __future__ import annotations

from ..ingest.sources import RawArticle, ReaderConfig, article_id, read_sources

# first: sqlite-utils without its optional pandas import (see the module)
from . import _lean_sqlite_utils  # noqa: F401
from .export import export_records, write_jsonl, write_parquet
from .load import Analyzer, IngestEvent, IngestOptions, IngestSummary, ingest
from .read.quotes import QuoteFilter, quotes
from .read.search import plain_search as search
from .store import open_db, save_articles

__all__ = [
    "Analyzer",
    "IngestEvent",
    "IngestOptions",
    "IngestSummary",
    "QuoteFilter",
    "RawArticle",
    "ReaderConfig",
    "article_id",
    "export_records",
    "ingest",
    "open_db",
    "quotes",
    "read_sources",
    "save_articles",
    "search",
    "write_jsonl",
    "write_parquet",
]
