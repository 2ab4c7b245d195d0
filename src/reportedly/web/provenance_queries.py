"""Who is who and what was copied: the explorer's queries over the provenance tables.

Two ways of naming a speaker, chosen per corpus:

- **people**: when linking has run (table ``people`` exists and is not empty), a speaker is a
  row of ``people`` and its attributions are those with ``attributions.person_id``;
- **names**: otherwise a speaker is a folded name (``speakers.name_key``) grouped over the
  articles, as the view ``speaker_totals`` does.

Either way pronouns and other words that name nobody ("he", "it", "who", "they", "I") are never
listed as people. Quote clusters (``clusters``, ``cluster_members``) and article links (``links``)
exist only when linking has run (see :func:`linking_available`); each function says so
(``None``) when it has not.
Every query is parameterised; the SQL fragments chosen here are constants.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from .db import Corpus

SpeakerMode = Literal["people", "names"]

# Words that stand for a speaker without naming one; never listed as people.
PRONOUNS = (
    "he", "she", "it", "they", "who", "whom", "which", "that", "this", "these", "those",
    "i", "we", "you", "me", "us", "him", "her", "his", "them", "one", "someone", "somebody",
    "anyone", "everyone", "nobody", "none", "both", "all", "some", "others", "other",
)  # fmt: skip
_PRONOUN_LIST = ", ".join(f"'{word}'" for word in PRONOUNS)
# Source types that name someone (anonymous and vague sources are not people).
NAMED_TYPES = ("person", "organization", "official", "media")
_NAMED_TYPE_LIST = ", ".join(f"'{kind}'" for kind in NAMED_TYPES)

# --- names: speakers.name_key over articles
NAME_IS_PERSON = f"""
    s.name_key NOT IN ({_PRONOUN_LIST}) AND s.type IN ({_NAMED_TYPE_LIST})
    AND substr(s.name, 1, 1) <> lower(substr(s.name, 1, 1))
"""
TOP_NAMES_SQL = f"""
SELECT s.name_key AS id, MAX(s.name) AS name, COUNT(DISTINCT s.article_id) AS articles,
       SUM(s.attributions) AS attributions
FROM speakers s
WHERE {NAME_IS_PERSON} AND (:prefix IS NULL OR s.name_key LIKE :prefix || '%' ESCAPE '\\')
GROUP BY s.name_key
ORDER BY attributions DESC, articles DESC, id
LIMIT :limit OFFSET :offset
"""
COUNT_NAMES_SQL = f"""
SELECT COUNT(DISTINCT s.name_key) FROM speakers s
WHERE {NAME_IS_PERSON} AND (:prefix IS NULL OR s.name_key LIKE :prefix || '%' ESCAPE '\\')
"""
NAME_VARIANTS_SQL = """
SELECT s.name, COUNT(*) AS articles FROM speakers s WHERE s.name_key = ?
GROUP BY s.name ORDER BY articles DESC, s.name LIMIT 20
"""
NAME_ATTRIBUTIONS_FROM = """
FROM attributions t JOIN speakers s ON s.id = t.speaker_id JOIN {articles} a ON a.id = t.article_id
WHERE s.name_key = :id
"""
# --- people: the provenance tables
PERSON_IS_LISTED = f"lower(p.name) NOT IN ({_PRONOUN_LIST})"
TOP_PEOPLE_SQL = f"""
SELECT CAST(p.id AS TEXT) AS id, p.name, p.kind, p.articles, p.attributions FROM people p
WHERE {PERSON_IS_LISTED} AND (:prefix IS NULL OR lower(p.name) LIKE :prefix || '%' ESCAPE '\\')
ORDER BY p.attributions DESC, p.articles DESC, p.id
LIMIT :limit OFFSET :offset
"""
COUNT_PEOPLE_SQL = f"""
SELECT COUNT(*) FROM people p
WHERE {PERSON_IS_LISTED} AND (:prefix IS NULL OR lower(p.name) LIKE :prefix || '%' ESCAPE '\\')
"""
PERSON_ATTRIBUTIONS_FROM = """
FROM attributions t JOIN {articles} a ON a.id = t.article_id WHERE t.person_id = :id
"""
# Attributions the linker adds for quotes it finds between quotation marks and the analysis
# did not attribute (``reportedly.corpus.link.run.MARKED_ORIGIN``; their positions start at
# 100000): all the quotes of an article in a language the analysis does not cover.
MARKED_ORIGIN = "quote-marks"
LINKING_NOT_RUN = (
    "Linking has not run on this corpus: quote clusters and links between copies and "
    "translations appear once it has."
)


DIGITS = re.compile(r"[0-9]{1,19}")
MAX_ROW_ID = 2**63 - 1  # SQLite's largest integer


def person_number(value: str) -> int | None:
    """A person's id as a number; ``None`` when ``value`` is not one: ASCII digits only (``²``
    and ``٣`` are digits to ``str.isdigit`` but not to SQLite), within SQLite's integers."""
    if not DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if number <= MAX_ROW_ID else None


def speaker_mode(corpus: Corpus) -> SpeakerMode:
    """``people`` when linking has filled the ``people`` table, else ``names``."""
    return "people" if corpus.value("SELECT EXISTS (SELECT 1 FROM people)") else "names"


def like_prefix(text: str | None) -> str | None:
    if not text:
        return None
    folded = text.strip().lower()
    return folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") or None


def top_speakers(
    corpus: Corpus, *, limit: int = 20, offset: int = 0, prefix: str | None = None
) -> tuple[list[dict[str, Any]], int]:
    """Speakers who are people or organisations, most attributions first; and how many."""
    params = {"limit": limit, "offset": offset, "prefix": like_prefix(prefix)}
    if speaker_mode(corpus) == "people":
        return corpus.rows(TOP_PEOPLE_SQL, params), int(corpus.value(COUNT_PEOPLE_SQL, params))
    return corpus.rows(TOP_NAMES_SQL, params), int(corpus.value(COUNT_NAMES_SQL, params))


def speaker(corpus: Corpus, speaker_id: str) -> dict[str, Any] | None:
    """One speaker's name, other names, and totals; ``None`` when there is no such speaker."""
    if speaker_mode(corpus) == "people":
        number = person_number(speaker_id)
        if number is None:
            return None
        found = corpus.row(
            f"SELECT CAST(p.id AS TEXT) AS id, p.name, p.kind, p.articles, p.attributions "
            f"FROM people p WHERE p.id = ? AND {PERSON_IS_LISTED}",
            (number,),
        )
        if found is None:
            return None
        aliases = corpus.rows(
            "SELECT alias FROM aliases WHERE person_id = ? ORDER BY alias LIMIT 50", (number,)
        )
        found["aliases"] = [row["alias"] for row in aliases if row["alias"] != found["name"]]
        return found
    found = corpus.row(
        f"SELECT s.name_key AS id, MAX(s.name) AS name, MAX(s.type) AS kind, "
        f"COUNT(DISTINCT s.article_id) AS articles, SUM(s.attributions) AS attributions "
        f"FROM speakers s WHERE s.name_key = ? AND {NAME_IS_PERSON} GROUP BY s.name_key",
        (speaker_id,),
    )
    if found is None:
        return None
    variants = corpus.rows(NAME_VARIANTS_SQL, (speaker_id,))
    found["aliases"] = [row["name"] for row in variants if row["name"] != found["name"]]
    return found


def speaker_attributions_from(corpus: Corpus, articles: str = "articles") -> str:
    """The FROM/WHERE of one speaker's attributions (``t``) with their articles (``a``, from
    table ``articles`` or the narrow ``article_facets``)."""
    if articles not in ("articles", "article_facets"):
        raise ValueError(f"not an article table: {articles}")
    if speaker_mode(corpus) == "people":
        return PERSON_ATTRIBUTIONS_FROM.format(articles=articles)
    return NAME_ATTRIBUTIONS_FROM.format(articles=articles)


def speaker_param(corpus: Corpus, speaker_id: str) -> str | int:
    if speaker_mode(corpus) == "people":
        number = person_number(speaker_id)
        return -1 if number is None else number
    return speaker_id


def article_filter_sql(corpus: Corpus) -> str:
    """A condition on article ``a``: one of its attributions is by speaker ``:speaker``."""
    if speaker_mode(corpus) == "people":
        return (
            "EXISTS (SELECT 1 FROM attributions f "
            "WHERE f.article_id = a.id AND f.person_id = :speaker)"
        )
    return "EXISTS (SELECT 1 FROM speakers f WHERE f.article_id = a.id AND f.name_key = :speaker)"


def attribution_filter_sql(corpus: Corpus) -> str:
    """A condition on attribution ``t``: it is by speaker ``:speaker``."""
    if speaker_mode(corpus) == "people":
        return "t.person_id = :speaker"
    return "t.speaker_id IN (SELECT f.id FROM speakers f WHERE f.name_key = :speaker)"


def quote_speaker_sql(corpus: Corpus) -> tuple[str, str]:
    """Columns (speaker key, label; NULL for no person) and the join adding them to ``t``."""
    if speaker_mode(corpus) == "people":
        return (
            f"CASE WHEN {PERSON_IS_LISTED} THEN CAST(p.id AS TEXT) END, p.name",
            "LEFT JOIN people p ON p.id = t.person_id",
        )
    return (
        f"CASE WHEN {NAME_IS_PERSON} THEN s.name_key END, s.name",
        "LEFT JOIN speakers s ON s.id = t.speaker_id",
    )


def article_speakers_sql(corpus: Corpus) -> str:
    """(speaker key, label, articles) of the top ``:facet_limit`` people and organisations
    quoted in articles ``:ids`` (a JSON array)."""
    if speaker_mode(corpus) == "people":
        return (
            "SELECT CAST(p.id AS TEXT), p.name, COUNT(DISTINCT t.article_id) AS n "
            "FROM attributions t JOIN people p ON p.id = t.person_id "
            f"WHERE t.article_id IN (SELECT value FROM json_each(:ids)) AND {PERSON_IS_LISTED} "
            "GROUP BY p.id ORDER BY n DESC, p.name LIMIT :facet_limit"
        )
    return (
        "SELECT s.name_key, MAX(s.name), COUNT(DISTINCT s.article_id) AS n FROM speakers s "
        f"WHERE s.article_id IN (SELECT value FROM json_each(:ids)) AND {NAME_IS_PERSON} "
        "GROUP BY s.name_key ORDER BY n DESC, s.name_key LIMIT :facet_limit"
    )


def attribution_speakers(corpus: Corpus, article_id: str) -> dict[int, dict[str, str]]:
    """For each attribution position of an article, its speaker's page id and name."""
    if speaker_mode(corpus) == "people":
        rows = corpus.rows(
            f"SELECT t.position, CAST(p.id AS TEXT) AS id, p.name FROM attributions t "
            f"JOIN people p ON p.id = t.person_id WHERE t.article_id = ? AND {PERSON_IS_LISTED}",
            (article_id,),
        )
    else:
        rows = corpus.rows(
            f"SELECT t.position, s.name_key AS id, s.name FROM attributions t "
            f"JOIN speakers s ON s.id = t.speaker_id WHERE t.article_id = ? AND {NAME_IS_PERSON}",
            (article_id,),
        )
    return {int(row["position"]): {"id": row["id"], "name": row["name"]} for row in rows}


# --------------------------------------------------------------------------- links and clusters


def marked_quotes(corpus: Corpus, article_id: str) -> list[dict[str, Any]]:
    """The article's quotes found by quotation marks, in the order of its text, each with its
    person (``person``: id and name, when one is known and listed) and cluster."""
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
