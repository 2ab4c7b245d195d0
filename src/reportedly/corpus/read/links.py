"""Copies of articles and quote clusters (the tables the linker fills): ``reportedly links``
and ``clusters``, and the explorer's article links, cluster lists and cluster pages.

Quote clusters (``clusters``, ``cluster_members``) and article links (``links``) exist only
when linking has run (see :func:`linking_available`); each explorer query says so (``None``)
when it has not.
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from ..link.evidence import STRICT_CONFIDENCE
from ..link.run import MARKED_ORIGIN
from .connection import Corpus, db_rows
from .speakers import PERSON_IS_LISTED, person_ids

LINKING_NOT_RUN = (
    "Linking has not run on this corpus: quote clusters and links between copies and "
    "translations appear once it has."
)


def marked_quotes(corpus: Corpus, article_id: str) -> list[dict[str, Any]]:
    """The article's quotes found by quotation marks, in the order of its text, each with its
    person (``person``: id and name, when one is known and listed) and cluster.

    These are attributions the linker adds (origin ``MARKED_ORIGIN``, positions from 100000)
    for quotes between quotation marks that the analysis did not attribute: all the quotes of
    an article in a language the analysis does not cover."""
    cluster = "(SELECT m.cluster_id FROM cluster_members m WHERE m.attribution_id = t.id)"
    rows = corpus.rows(
        f"""
        SELECT t.id, t.position, t.content, t.content_start, t.content_end, t.speaker,
               CASE WHEN {PERSON_IS_LISTED} THEN CAST(p.id AS TEXT) END AS person_id,
               p.name AS person_name, {cluster} AS cluster
        FROM attributions t LEFT JOIN people p ON p.id = t.person_id
        WHERE t.article_id = :id AND t.origin = :origin
        ORDER BY t.content_start, t.position LIMIT 500
        """,
        {"id": article_id, "origin": MARKED_ORIGIN},
    )
    for row in rows:
        person_id, name = row.pop("person_id"), row.pop("person_name")
        row["person"] = {"id": person_id, "name": name} if person_id else None
    return rows


def linking_available(corpus: Corpus) -> bool:
    """Whether linking has run: the linker has linked an article (a row of its
    ``link_state``). Migration m004 creates the link tables in every corpus, so their
    presence says nothing: a corpus ingested with ``--no-link`` has them empty."""
    return bool(corpus.value("SELECT EXISTS (SELECT 1 FROM link_state)"))


def article_links(corpus: Corpus, article_id: str) -> list[dict[str, Any]] | None:
    """The article's copies, updates and translations; ``None`` when linking has not run."""
    if not linking_available(corpus):
        return None
    return corpus.rows(
        """
        SELECT l.kind, l.similarity, o.id AS article_id, o.title, o.outlet, o.published,
               o.language, CASE WHEN l.a = :id THEN 'later' ELSE 'earlier' END AS direction
        FROM links l JOIN articles o ON o.id = CASE WHEN l.a = :id THEN l.b ELSE l.a END
        WHERE l.a = :id OR l.b = :id
        ORDER BY o.published, o.id LIMIT 100
        """,
        {"id": article_id},
    )


def attribution_clusters(corpus: Corpus, article_id: str) -> dict[int, int]:
    """Attribution position -> its quote cluster id (empty when linking has not run)."""
    if not linking_available(corpus):
        return {}
    rows = corpus.rows(
        "SELECT t.position, m.cluster_id FROM cluster_members m "
        "JOIN attributions t ON t.id = m.attribution_id WHERE m.article_id = ?",
        (article_id,),
    )
    return {int(row["position"]): int(row["cluster_id"]) for row in rows}


def clusters(
    corpus: Corpus, *, limit: int, offset: int, min_size: int = 1
) -> tuple[list[dict[str, Any]], int] | None:
    """Quote clusters of at least ``min_size`` appearances, largest first (then the earliest
    seen), and how many; ``None`` when linking has not run."""
    if not linking_available(corpus):
        return None
    rows = corpus.rows(
        "SELECT c.id, c.label, c.size, c.first_published, c.person_id, p.name AS person "
        "FROM clusters c LEFT JOIN people p ON p.id = c.person_id WHERE c.size >= ? "
        "ORDER BY c.size DESC, c.first_published IS NULL, c.first_published, c.id "
        "LIMIT ? OFFSET ?",
        (min_size, limit, offset),
    )
    total = corpus.value("SELECT COUNT(*) FROM clusters WHERE size >= ?", (min_size,))
    return rows, int(total)


def cluster_sizes(corpus: Corpus) -> dict[str, int]:
    """How many clusters there are, and how many of them hold one quote only."""
    found = corpus.row(
        "SELECT COUNT(*) AS clusters, COALESCE(SUM(size = 1), 0) AS single FROM clusters"
    )
    return {"clusters": int(found["clusters"]), "single": int(found["single"])} if found else {}


def cluster(corpus: Corpus, cluster_id: int) -> dict[str, Any] | None:
    """One cluster with its members in order of publication, those of one article in the order
    of its text (``None``: no such cluster)."""
    found = corpus.row(
        "SELECT c.id, c.label, c.size, c.first_published, c.person_id, p.name AS person "
        "FROM clusters c LEFT JOIN people p ON p.id = c.person_id WHERE c.id = ?",
        (cluster_id,),
    )
    if found is None:
        return None
    found["members"] = corpus.rows(
        """
        SELECT m.attribution_id, m.article_id, m.language, t.content, t.speaker, t.kind, t.cue,
               a.title, a.outlet, a.published, a.url
        FROM cluster_members m
        JOIN attributions t ON t.id = m.attribution_id
        JOIN articles a ON a.id = m.article_id
        WHERE m.cluster_id = ?
        ORDER BY a.published IS NULL, a.published, a.id, t.content_start, t.position LIMIT 500
        """,
        (cluster_id,),
    )
    return found


# --------------------------------------------------------------------------- the CLI's shapes


def links(db: Database, kind: str | None = None, strict: bool = False) -> list[dict[str, Any]]:
    """Links with their evidence, confidence and rule; ``strict``: only those whose
    confidence reaches ``evidence.STRICT_CONFIDENCE``."""
    rows = db_rows(
        db,
        "SELECT links.a, links.b, links.kind, links.similarity, links.confidence, links.rule, "
        "links.evidence, "
        "x.title AS a_title, x.outlet AS a_outlet, x.published AS a_published, "
        "x.language AS a_language, y.title AS b_title, y.outlet AS b_outlet, "
        "y.published AS b_published, y.language AS b_language FROM links "
        "JOIN articles x ON x.id = links.a JOIN articles y ON y.id = links.b "
        "WHERE (:kind IS NULL OR links.kind = :kind) AND (:strict = 0 OR links.confidence >= "
        ":floor) ORDER BY links.kind, links.a, links.b",
        {"kind": kind, "strict": int(strict), "floor": STRICT_CONFIDENCE},
    )
    for row in rows:
        row["evidence"] = json.loads(row["evidence"]) if row["evidence"] else None
    return rows


MEMBERS_SQL = """
SELECT cluster_members.article_id, cluster_members.attribution_id, attributions.content AS text,
       cluster_members.language, articles.published, articles.outlet, articles.title,
       attributions.speaker, attributions.channel, attributions.origin
FROM cluster_members
JOIN attributions ON attributions.id = cluster_members.attribution_id
JOIN articles ON articles.id = cluster_members.article_id
WHERE cluster_members.cluster_id = ?
ORDER BY articles.published IS NULL, articles.published, articles.rowid, attributions.content_start
"""


def clusters_with_members(
    db: Database, speaker: str | None = None, min_size: int = 2, limit: int | None = None
) -> list[dict[str, Any]]:
    """Quote clusters (largest first) with their members in timeline order."""
    where = "clusters.size >= ?"
    params: list[Any] = [min_size]
    if speaker:
        ids = person_ids(db, speaker)
        if not ids:
            return []
        where += f" AND clusters.person_id IN ({','.join('?' * len(ids))})"
        params += ids
    rows = db_rows(
        db,
        "SELECT clusters.id AS cluster, people.name AS speaker, clusters.person_id, "
        "clusters.label, clusters.size, clusters.first_published FROM clusters "
        f"LEFT JOIN people ON people.id = clusters.person_id WHERE {where} "
        f"ORDER BY clusters.size DESC, clusters.id LIMIT {-1 if limit is None else limit}",
        params,
    )
    for row in rows:
        row["members"] = db_rows(db, MEMBERS_SQL, [row["cluster"]])
    return rows


def cluster_with_members(db: Database, cluster_id: int) -> dict[str, Any]:
    rows = db_rows(
        db,
        "SELECT clusters.id AS cluster, people.name AS speaker, clusters.label, clusters.size, "
        "clusters.first_published FROM clusters LEFT JOIN people ON people.id = "
        "clusters.person_id WHERE clusters.id = ?",
        [cluster_id],
    )
    found = rows[0]
    found["members"] = db_rows(db, MEMBERS_SQL, [cluster_id])
    return found
