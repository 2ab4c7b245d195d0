"""Full-text search: ``reportedly search`` (:func:`search`)."""

from __future__ import annotations

import sqlite3
from typing import Any, Literal

from sqlite_utils import Database

from ...errors import StoreError
from .connection import run_query

SearchScope = Literal["articles", "quotes"]
# Marks around matched terms in snippets; the CLI turns them into styling.
HIGHLIGHT = ("\x02", "\x03")

SEARCH_ARTICLES_SQL = """
SELECT articles.id AS article_id, articles.title, articles.outlet, articles.published,
       articles.url, snippet(articles_fts, 1, :open, :close, '…', :tokens) AS snippet
FROM articles_fts
JOIN articles ON articles.rowid = articles_fts.rowid
WHERE articles_fts MATCH :query
ORDER BY articles_fts.rank
LIMIT :limit
"""

SEARCH_QUOTES_SQL = """
SELECT quotes.speaker, quotes.kind, quotes.article_title AS title, quotes.outlet,
       quotes.published, quotes.url, quotes.article_id, quotes.attribution_id,
       snippet(attributions_fts, 0, :open, :close, '…', :tokens) AS snippet
FROM attributions_fts
JOIN quotes ON quotes.attribution_id = attributions_fts.rowid
WHERE attributions_fts MATCH :query
ORDER BY attributions_fts.rank
LIMIT :limit
"""


def search(
    db: Database,
    query: str,
    *,
    scope: SearchScope = "articles",
    limit: int = 20,
    highlight: tuple[str, str] = HIGHLIGHT,
    snippet_tokens: int = 24,
) -> list[dict[str, Any]]:
    """Full-text search (FTS5 syntax) with a highlighted snippet per hit, best first.

    A query that is not valid FTS5 syntax (``"unbalanced``, ``AND`` alone) is
    searched again as plain words rather than rejected.
    """
    if not query.strip():
        raise StoreError("empty search query")
    sql = SEARCH_ARTICLES_SQL if scope == "articles" else SEARCH_QUOTES_SQL
    params = {
        "query": query,
        "open": highlight[0],
        "close": highlight[1],
        "tokens": snippet_tokens,
        "limit": limit,
    }
    try:
        return list(run_query(db, sql, params, reraise=True))
    except sqlite3.OperationalError:
        return list(run_query(db, sql, params | {"query": db.quote_fts(query)}))
