"""Who is who: the speakers of a corpus, as the explorer lists them and as ``reportedly people``
does.

Two ways of naming a speaker, chosen per corpus:

- **people**: when linking has run (table ``people`` exists and is not empty), a speaker is a
  row of ``people`` and its attributions are those with ``attributions.person_id``;
- **names**: otherwise a speaker is a folded name (``speakers.name_key``) grouped over the
  articles, as the view ``speaker_totals`` does.

Either way pronouns and other words that name nobody ("he", "it", "who", "they", "I") are never
listed as people. Every query is parameterised; the SQL fragments chosen here are constants.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from sqlite_utils import Database

from .connection import Corpus, db_rows
from .quotes import like_escape

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
    """``text`` folded, for a LIKE prefix pattern (``ESCAPE '\\'``); ``None``: no text."""
    if not text:
        return None
    return like_escape(text.strip().lower()) or None


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


# --------------------------------------------------------------------------- people (CLI)


def person_ids(db: Database, speaker: str) -> list[int]:
    pattern = "%" + like_escape(speaker) + "%"
    return [
        int(row[0])
        for row in db.execute(
            "SELECT DISTINCT person_id FROM aliases WHERE alias LIKE ? ESCAPE '\\' UNION "
            "SELECT id FROM people WHERE name LIKE ? ESCAPE '\\'",
            [pattern, pattern],
        )
    ]


def people(db: Database, name: str | None = None) -> list[dict[str, Any]]:
    rows = db_rows(
        db,
        "SELECT id, name, kind, attributions, articles FROM people "
        "ORDER BY attributions DESC, name",
    )
    if name:
        wanted = set(person_ids(db, name))
        rows = [row for row in rows if row["id"] in wanted]
    for row in rows:
        row["aliases"] = [
            r[0]
            for r in db.execute(
                "SELECT alias FROM aliases WHERE person_id = ? ORDER BY alias", [row["id"]]
            )
        ]
    return rows
