"""Named read queries over the corpus, shared by the CLI and the Python API.

Each query is a SQL constant (so it can be read, tested, and pasted into
Datasette) plus a small function that validates its parameters and runs it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, get_args

from sqlite_utils import Database

from ..errors import StoreError
from ..records import AttributionKind

SearchScope = Literal["articles", "quotes"]
KINDS: tuple[str, ...] = get_args(AttributionKind)
# Marks around matched terms in snippets; the CLI turns them into styling.
HIGHLIGHT = ("\x02", "\x03")

# a quote of ``:speaker`` (part of a name, LIKE-escaped): its own speaker, an alias of its
# identity, or (its own speaker unknown) an alias of its quote cluster's speaker
SPEAKER_MATCH_SQL = r"""(:speaker IS NULL OR speaker LIKE '%' || :speaker || '%' ESCAPE '\'
       OR attribution_id IN (
           SELECT attributions.id FROM aliases
           JOIN attributions ON attributions.person_id = aliases.person_id
           WHERE aliases.alias LIKE '%' || :speaker || '%' ESCAPE '\')
       OR attribution_id IN (
           SELECT cluster_members.attribution_id FROM aliases
           JOIN clusters ON clusters.person_id = aliases.person_id
           JOIN cluster_members ON cluster_members.cluster_id = clusters.id
           JOIN attributions ON attributions.id = cluster_members.attribution_id
           WHERE attributions.person_id IS NULL
             AND aliases.alias LIKE '%' || :speaker || '%' ESCAPE '\'))"""
# ``speaker_from_cluster``: the speaker of the quote's cluster, for a quote whose own article
# left its speaker unknown (no identity of its own: a translation's quote found by its
# quotation marks, an unnamed source); ``--speaker`` finds it by that name too
QUOTES_SQL = (
    r"""
SELECT speaker, speaker_type, kind, cue, quote, channel,
       article_title, outlet, published, url, article_id, attribution_id,
       (SELECT people.name FROM cluster_members
        JOIN clusters ON clusters.id = cluster_members.cluster_id
        JOIN people ON people.id = clusters.person_id
        JOIN attributions ON attributions.id = cluster_members.attribution_id
        WHERE cluster_members.attribution_id = quotes.attribution_id
          AND attributions.person_id IS NULL) AS speaker_from_cluster
FROM quotes
WHERE """
    + SPEAKER_MATCH_SQL
    + r"""
  AND (:outlet IS NULL OR outlet = :outlet COLLATE NOCASE)
  AND (:since IS NULL OR published >= :since)
  AND (:kind IS NULL OR kind = :kind)
ORDER BY published DESC NULLS LAST, article_id, content_start
LIMIT :limit
"""
)

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


@dataclass(frozen=True, slots=True)
class QuoteFilter:
    """Which quotes to list. ``speaker`` matches part of the name, any case."""

    speaker: str | None = None
    outlet: str | None = None
    since: date | None = None
    kind: str | None = None
    limit: int | None = None


def quotes(db: Database, where: QuoteFilter = QuoteFilter()) -> Iterator[dict[str, Any]]:
    """Attributions with their speaker and article, newest article first."""
    if where.kind is not None and where.kind not in KINDS:
        raise StoreError(f"unknown attribution kind {where.kind!r} (one of: {', '.join(KINDS)})")
    params = {
        "speaker": like_escape(where.speaker) if where.speaker else None,
        "outlet": where.outlet,
        "since": where.since.isoformat() if where.since else None,
        "kind": where.kind,
        "limit": -1 if where.limit is None else where.limit,
    }
    yield from _run(db, QUOTES_SQL, params)


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
        return list(_run(db, sql, params, reraise=True))
    except sqlite3.OperationalError:
        return list(_run(db, sql, params | {"query": db.quote_fts(query)}))


def _run(
    db: Database, sql: str, params: dict[str, Any], *, reraise: bool = False
) -> Iterator[dict[str, Any]]:
    try:
        cursor = db.execute(sql, params)
        columns = [c[0] for c in cursor.description]
        for row in cursor:
            yield dict(zip(columns, row, strict=True))
    except sqlite3.OperationalError as exc:
        if reraise:
            raise
        raise StoreError(f"query failed ({exc})") from None


def like_escape(value: str) -> str:
    """``value`` taken literally in a LIKE pattern (with ``ESCAPE '\\'``): its ``%`` and ``_``
    are no wildcards."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
