"""Who said what: the quotes of the corpus (``reportedly quotes``, ``corpus.quotes``).

Each query is a SQL constant (so it can be read, tested, and pasted into
Datasette) plus a small function that validates its parameters and runs it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, get_args
from urllib.parse import urlsplit

from sqlite_utils import Database

from ...errors import StoreError
from ...records import AttributionKind
from .connection import run_query

KINDS: tuple[str, ...] = get_args(AttributionKind)

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
# ``person_id`` ... ``person_role``: each attribution's identity (``reportedly link``), so
# quotes can be counted by person; ``speaker_from_cluster``: the speaker of the quote's
# cluster, for a quote whose own article left its speaker unknown (no identity of its own: a
# translation's quote found by its quotation marks, an unnamed source); ``--speaker`` finds
# it by that name too
QUOTES_SQL = (
    r"""
SELECT speaker, speaker_type, kind, cue, quote, channel,
       article_title, outlet, published, url, article_id, attribution_id,
       person_id, person, person_kind, person_role,
       (SELECT people.name FROM cluster_members
        JOIN clusters ON clusters.id = cluster_members.cluster_id
        JOIN people ON people.id = clusters.person_id
        JOIN attributions ON attributions.id = cluster_members.attribution_id
        WHERE cluster_members.attribution_id = quotes.attribution_id
          AND attributions.person_id IS NULL) AS speaker_from_cluster
FROM quotes
LEFT JOIN (
    SELECT attributions.id AS identified, attributions.person_id, people.name AS person,
           people.kind AS person_kind, attributions.person_role
    FROM attributions LEFT JOIN people ON people.id = attributions.person_id
) AS identity ON identity.identified = quotes.attribution_id
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
    yield from run_query(db, QUOTES_SQL, params)


def like_escape(value: str) -> str:
    """``value`` taken literally in a LIKE pattern (with ``ESCAPE '\\'``): its ``%`` and ``_``
    are no wildcards."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def outlet_key(name: str) -> str:
    """An outlet's name or domain folded: "The New York Times" -> "newyorktimes",
    "www.nytimes.com" -> "nytimes"."""
    folded = name.casefold().strip()
    folded = re.sub(r"^(?:https?://)?(?:www\.)?", "", folded).removeprefix("the ")
    folded = re.sub(r"\.(?:com|org|net|news|co\.uk|co|uk|de|fr|in|au|ca)(?:/.*)?$", "", folded)
    return re.sub(r"\W+", "", folded)


def stored_outlets(db: Database, given: str) -> list[str | None]:
    """The stored outlet names ``given`` stands for: by name in any case and form, or by
    the domain of their articles' URLs. Unknown: ``given`` itself (no quote matches)."""
    key = outlet_key(given)
    names: dict[str, None] = {}
    for outlet, url in db.execute(
        "SELECT DISTINCT outlet, url FROM articles WHERE outlet IS NOT NULL"
    ):
        host = urlsplit(url).hostname or "" if url else ""
        if outlet_key(outlet) == key or (host and outlet_key(host) == key):
            names[outlet] = None
    return list(names) or [given]


UNDATED_SQL = (
    r"""
SELECT count(*) FROM quotes
WHERE published IS NULL
  AND (:outlet IS NULL OR outlet = :outlet COLLATE NOCASE)
  AND (:kind IS NULL OR kind = :kind)
  AND """
    + SPEAKER_MATCH_SQL
)


def count_undated(db: Database, speaker: str | None, outlet: str | None, kind: str | None) -> int:
    """Quotes the other filters keep whose article has no date (a date filter drops them):
    the speaker matched as ``quotes --speaker`` matches it."""
    params = {"speaker": like_escape(speaker) if speaker else None, "outlet": outlet, "kind": kind}
    return int(db.execute(UNDATED_SQL, params).fetchone()[0])
