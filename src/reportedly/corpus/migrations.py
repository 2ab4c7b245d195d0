"""The corpus schema, as an ordered set of sqlite-utils migrations.

Each migration runs in its own transaction together with the record of it in
``_sqlite_migrations``; a database is brought up to date by applying the ones
it lacks. Never edit a migration that has shipped: add a new one.

Tables (all children point at ``articles.id`` with a foreign key):

- ``articles``: one row per distinct text (``id`` is a hash of the normalised text)
- ``attributions``: who said what; ``speaker`` is the resolved name
- ``speakers``: one row per resolved name per article; ``name_key`` links across articles
- ``claims``, ``signals``, ``repairs``, ``flags``: the rest of the analysis
- ``analyses``: the full analysis record (JSON) each article's rows were made from
- ``articles_fts``, ``attributions_fts``: FTS5 over article text and quote content
- view ``quotes``: attributions with their speaker and article, for reading
- view ``speaker_totals``: each speaker (by ``name_key``) over all articles
- ``article_facets``: each article's facet columns in a narrow table, kept by triggers (the
  explorer counts and sorts search hits on it instead of the wide ``articles`` rows)
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

# Porter stemming on top of unicode61: "election" finds "elections".
FTS_TOKENIZER = "porter"
# (table, columns, unique): every foreign key is indexed (the unique ones lead with it)
INDEXES: tuple[tuple[str, list[str], bool], ...] = (
    ("articles", ["outlet"], False),
    ("articles", ["published"], False),
    ("articles", ["analysis_version"], False),
    ("speakers", ["article_id", "name"], True),
    ("speakers", ["name_key"], False),
    ("attributions", ["article_id", "position"], True),
    ("attributions", ["speaker_id"], False),
    ("attributions", ["kind"], False),
    ("claims", ["article_id", "position"], True),
    ("claims", ["attribution_id"], False),
    ("repairs", ["article_id"], False),
    ("flags", ["article_id"], False),
)


def m001_create_tables(db: Database) -> None:
    db.table("articles").create(
        {
            "id": str,
            "title": str,
            "outlet": str,
            "published": str,
            "url": str,
            "language": str,
            "text": str,
            "length": int,
            "origin": str,
            "analysis_version": str,
            "analyzed_at": str,
            "warnings": str,
        },
        pk="id",
        not_null={"text", "analysis_version"},
    )
    db.table("analyses").create(
        {"article_id": str, "record": str},
        pk="article_id",
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"record"},
    )
    db.table("speakers").create(
        {
            "id": int,
            "article_id": str,
            "name": str,
            "name_key": str,
            "type": str,
            "attributions": int,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"article_id", "name", "name_key"},
    )
    db.table("attributions").create(
        {
            "id": int,
            "article_id": str,
            "position": int,
            "kind": str,
            "speaker": str,
            "speaker_id": int,
            "source_text": str,
            "source_type": str,
            "cue": str,
            "cue_lemma": str,
            "stance": str,
            "content": str,
            "channel": str,
            "content_start": int,
            "content_end": int,
            "origin": str,
            "spans": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("speaker_id", "speakers", "id")],
        not_null={"article_id", "position", "kind", "content"},
    )
    db.table("claims").create(
        {
            "id": int,
            "article_id": str,
            "position": int,
            "kind": str,
            "text": str,
            "start": int,
            "end": int,
            "checkworthiness": float,
            "attribution_id": int,
            "quantities": str,
            "spans": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("attribution_id", "attributions", "id")],
        not_null={"article_id", "position"},
    )
    db.table("signals").create(
        {"article_id": str, "name": str, "value": str, "number": float},
        pk=("article_id", "name"),
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("repairs").create(
        {
            "id": int,
            "article_id": str,
            "position": int,
            "kind": str,
            "start": int,
            "end": int,
            "before": str,
            "after": str,
            "explanation": str,
            "spans": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"article_id", "kind"},
    )
    db.table("flags").create(
        {
            "id": int,
            "article_id": str,
            "kind": str,
            "start": int,
            "end": int,
            "note": str,
            "spans": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"article_id", "kind"},
    )
    for table, columns, unique in INDEXES:
        db.table(table).create_index(columns, unique=unique)


def m002_full_text_search(db: Database) -> None:
    # triggers keep the index in step inside the same transaction as the rows
    db.table("articles").enable_fts(["title", "text"], create_triggers=True, tokenize=FTS_TOKENIZER)
    db.table("attributions").enable_fts(
        ["content", "speaker"], create_triggers=True, tokenize=FTS_TOKENIZER
    )


def m003_views(db: Database) -> None:
    db.create_view(
        "quotes",
        """
        SELECT
            attributions.id AS attribution_id,
            COALESCE(attributions.speaker, attributions.source_text) AS speaker,
            attributions.source_type AS speaker_type,
            attributions.kind,
            attributions.cue,
            attributions.content AS quote,
            attributions.channel,
            articles.title AS article_title,
            articles.outlet,
            articles.published,
            articles.url,
            attributions.article_id,
            attributions.content_start,
            attributions.content_end
        FROM attributions
        JOIN articles ON articles.id = attributions.article_id
        """,
    )
    # speakers linked across articles by their folded name
    db.create_view(
        "speaker_totals",
        """
        SELECT
            name_key,
            MIN(name) AS name,
            COUNT(DISTINCT article_id) AS articles,
            SUM(attributions) AS attributions
        FROM speakers
        GROUP BY name_key
        """,
    )


def m004_provenance(db: Database) -> None:
    """People identities, article copies and quote-variant clusters (``reportedly link``)."""
    from .link.schema import create_provenance_tables

    create_provenance_tables(db)


def m006_explorer(db: Database) -> None:
    """What the explorer's search needs to stay fast on 100,000 articles.

    ``article_facets`` holds the few columns search filters, counts and sorts on, one row
    per article under the article's rowid (the key the full-text index uses), so counting
    and sorting thousands of hits reads a narrow table rather than the articles' texts.
    Triggers keep it in step with ``articles`` inside the writer's transaction.
    """
    db.execute(
        """
        CREATE TABLE article_facets (
            rowid INTEGER PRIMARY KEY,  -- articles.rowid, as in articles_fts
            id TEXT NOT NULL REFERENCES articles(id),
            outlet TEXT,
            published TEXT,
            language TEXT
        )
        """
    )
    db.execute(
        "INSERT INTO article_facets (rowid, id, outlet, published, language) "
        "SELECT rowid, id, outlet, published, language FROM articles"
    )
    copy_new = (
        "INSERT OR REPLACE INTO article_facets (rowid, id, outlet, published, language) "
        "VALUES (new.rowid, new.id, new.outlet, new.published, new.language);"
    )
    db.execute(f"CREATE TRIGGER article_facets_ai AFTER INSERT ON articles BEGIN {copy_new} END")
    db.execute(
        "CREATE TRIGGER article_facets_au AFTER UPDATE ON articles BEGIN "
        f"DELETE FROM article_facets WHERE rowid = old.rowid; {copy_new} END"
    )
    db.execute(
        "CREATE TRIGGER article_facets_ad AFTER DELETE ON articles BEGIN "
        "DELETE FROM article_facets WHERE rowid = old.rowid; END"
    )
    db.table("article_facets").create_index(["id"], unique=True)
    db.table("article_facets").create_index(["published"])
    db.table("article_facets").create_index(["outlet", "published"])
    # the speaker facet of an article search reads this index alone
    db.table("speakers").create_index(
        ["article_id", "name_key", "type", "name"], index_name="idx_speakers_article_facet"
    )
    # the overview's top speakers and the speaker page read this one alone
    db.table("speakers").create_index(
        ["name_key", "type", "name", "article_id", "attributions"],
        index_name="idx_speakers_name_facet",
    )
    # the overview's source-type and stance mixes count these
    db.table("attributions").create_index(["source_type"])
    db.table("attributions").create_index(["stance"])
    # an article search filtered by kind, stance or source type asks each hit whether it
    # has such an attribution: one seek in these
    for column in ("kind", "stance", "source_type"):
        db.table("attributions").create_index(["article_id", column])


def m007_link_scale(db: Database) -> None:
    """Copy families for ``reportedly link`` (its cost per article stays flat, docs/provenance.md).

    ``link_families`` gives each linked article (by rowid, like ``link_bands``) the rowid of
    its copy family's first article. Articles linked before this migration have no row and
    count as families of their own. ``attributions (person_id, article_id)`` lets the
    counts of a person be taken from the index alone, and ``articles (id,
    analysis_version)`` lets the linker find the articles it has not linked without reading
    every article's row.
    """
    from .link.schema import create_link_scale_tables

    create_link_scale_tables(db)


# The order migrations are applied in. Append new ones; never reorder or edit shipped ones.
ORDER = (
    m001_create_tables,
    m002_full_text_search,
    m003_views,
    m004_provenance,
    m006_explorer,
    m007_link_scale,
)
MIGRATION_NAMES = tuple(migration.__name__ for migration in ORDER)
MIGRATIONS = Migrations("reportedly.corpus")
for _migration in ORDER:
    MIGRATIONS()(_migration)
