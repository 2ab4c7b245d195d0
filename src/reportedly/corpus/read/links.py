"""Copies of articles and quote clusters (the tables the linker fills): ``reportedly links``
and ``clusters``, and the explorer's article links, cluster lists and cluster pages.

Quote clusters (``clusters``, ``cluster_members``) and article links (``links``) exist only
when linking has run (see :func:`linking_available`); each explorer query says so (``None``)
when it has not.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
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
    # a quote its article names no speaker for: its cluster's speaker, shown as such
    cluster_speaker = (
        "(SELECT cp.name FROM cluster_members m JOIN clusters c ON c.id = m.cluster_id "
        "JOIN people cp ON cp.id = c.person_id WHERE m.attribution_id = t.id "
        "AND t.person_id IS NULL)"
    )
    rows = corpus.rows(
        f"""
        SELECT t.id, t.position, t.content, t.content_start, t.content_end, t.speaker,
               CASE WHEN {PERSON_IS_LISTED} THEN CAST(p.id AS TEXT) END AS person_id,
               p.name AS person_name, {cluster} AS cluster,
               {cluster_speaker} AS speaker_from_cluster
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


# how many passages a link's evidence matched: sentence pairs aligned in order (a translation),
# 5-word passages shared (a same-language copy: containment times the smaller side's count)
PASSAGES_SQL = """CASE WHEN json_valid(l.evidence) THEN CASE WHEN l.kind = 'translation'
    THEN json_extract(l.evidence, '$.aligned') ELSE CAST(ROUND(
    json_extract(l.evidence, '$.containment') * MIN(json_extract(l.evidence, '$.shingles[0]'),
    json_extract(l.evidence, '$.shingles[1]'))) AS INTEGER) END END"""


def article_links(corpus: Corpus, article_id: str) -> list[dict[str, Any]] | None:
    """The article's copies, updates and translations; ``None`` when linking has not run."""
    if not linking_available(corpus):
        return None
    return corpus.rows(
        """
        SELECT l.kind, l.similarity, o.id AS article_id, o.title, o.outlet, o.published,
               o.language, CASE WHEN l.a = :id THEN 'later' ELSE 'earlier' END AS direction,
               l.confidence, l.rule, """
        + PASSAGES_SQL
        + """ AS passages
        FROM links l JOIN articles o ON o.id = CASE WHEN l.a = :id THEN l.b ELSE l.a END
        WHERE l.a = :id OR l.b = :id
        ORDER BY o.published, o.id LIMIT 100
        """,
        {"id": article_id},
    )


def links_among(corpus: Corpus, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The links between any two of ``article_ids``, each with its kind, confidence, rule and
    the passages its evidence matched (``passages``)."""
    marks = ",".join("?" * len(article_ids))
    return corpus.rows(
        "SELECT l.a, l.b, l.kind, l.confidence, l.rule, " + PASSAGES_SQL + " AS passages "
        f"FROM links l WHERE l.a IN ({marks}) AND l.b IN ({marks})",
        (*article_ids, *article_ids),
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


# ``speaker_from_cluster``: the cluster's speaker, named for a member whose own article left
# its speaker unknown (no identity of its own): said apart from the article's own ``speaker``
MEMBERS_SQL = """
SELECT cluster_members.article_id, cluster_members.attribution_id, attributions.content AS text,
       cluster_members.language, articles.published, articles.outlet, articles.title,
       attributions.speaker, attributions.channel, attributions.origin,
       CASE WHEN attributions.person_id IS NULL THEN people.name END AS speaker_from_cluster
FROM cluster_members
JOIN attributions ON attributions.id = cluster_members.attribution_id
JOIN articles ON articles.id = cluster_members.article_id
JOIN clusters ON clusters.id = cluster_members.cluster_id
LEFT JOIN people ON people.id = clusters.person_id
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
        "clusters.label, clusters.language, clusters.size, clusters.first_published "
        "FROM clusters "
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
        "SELECT clusters.id AS cluster, people.name AS speaker, clusters.label, "
        "clusters.language, clusters.size, clusters.first_published FROM clusters "
        "LEFT JOIN people ON people.id = clusters.person_id WHERE clusters.id = ?",
        [cluster_id],
    )
    found = rows[0]
    found["members"] = db_rows(db, MEMBERS_SQL, [cluster_id])
    found["label_basis"] = label_basis(db, found)
    return found


LABEL_BASES = {
    "first": "the language it first appeared in",
    "main": "no member is dated: the corpus's main language",
    "stored": "no member is dated: the first wording stored",
}


def label_basis(db: Database, cluster: dict[str, Any]) -> str:
    """Why the cluster's label is in its language (a key of ``LABEL_BASES``)."""
    if cluster.get("first_published"):
        return "first"
    row = db.execute(
        "SELECT language FROM articles WHERE language IS NOT NULL GROUP BY language "
        "ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()
    return "main" if row is not None and row[0] == cluster.get("language") else "stored"
