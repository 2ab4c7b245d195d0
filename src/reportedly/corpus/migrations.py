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
- ``quote_facets``: the same for each attribution (its article's outlet, language and date,
  its kind, stance, source type, speaker and person), kept by triggers
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
    # one helper per group of tables, called in the order the tables were first created:
    # the migration has shipped, so its SQL (and sqlite_master's order) must not change
    _create_article_tables(db)
    _create_attribution_tables(db)
    _create_claim_and_signal_tables(db)
    _create_repair_and_flag_tables(db)
    for table, columns, unique in INDEXES:
        db.table(table).create_index(columns, unique=unique)


def _create_article_tables(db: Database) -> None:
    """The articles and the full analysis record each article's rows were made from."""
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


def _create_attribution_tables(db: Database) -> None:
    """Who said what: the resolved speakers of each article, and its attributions."""
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


def _create_claim_and_signal_tables(db: Database) -> None:
    """The claims (each may point at the attribution it came from) and the signals."""
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


def _create_repair_and_flag_tables(db: Database) -> None:
    """What the repair stage changed in each text, and what it flagged."""
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


# Speakers who are people in the explorer's facets, as of this migration (a frozen copy of
# reportedly.corpus.read.speakers.NAME_IS_PERSON: a name that is no pronoun, of a type that
# names someone, capitalised).
_FACET_PRONOUNS = (
    "he", "she", "it", "they", "who", "whom", "which", "that", "this", "these", "those",
    "i", "we", "you", "me", "us", "him", "her", "his", "them", "one", "someone", "somebody",
    "anyone", "everyone", "nobody", "none", "both", "all", "some", "others", "other",
)  # fmt: skip
_FACET_NAME_IS_PERSON = (
    f"s.name_key NOT IN ({', '.join(repr(w) for w in _FACET_PRONOUNS)}) "
    "AND s.type IN ('person', 'organization', 'official', 'media') "
    "AND substr(s.name, 1, 1) <> lower(substr(s.name, 1, 1))"
)
QUOTE_FACET_COLUMNS = (
    "rowid, article_rowid, outlet, language, published, kind, stance, source_type, "
    "speaker_id, speaker_key, speaker_name, person_id"
)


def _quote_facet_select(t: str) -> str:
    """The ``quote_facets`` rows of attributions ``t``: all of them, or trigger row ``new``."""
    source = (
        "articles a LEFT JOIN speakers s ON s.id = new.speaker_id WHERE a.id = new.article_id"
        if t == "new"
        else f"attributions {t} JOIN articles a ON a.id = {t}.article_id "
        f"LEFT JOIN speakers s ON s.id = {t}.speaker_id"
    )
    return f"""
    SELECT {t}.id, a.rowid, a.outlet, a.language, a.published, {t}.kind, {t}.stance,
           {t}.source_type, {t}.speaker_id,
           CASE WHEN {_FACET_NAME_IS_PERSON} THEN s.name_key END,
           CASE WHEN {_FACET_NAME_IS_PERSON} THEN s.name END, {t}.person_id
    FROM {source}"""


def _article_people_sql(article_id: str, kind: str) -> str:
    """Statements that write again the ``article_people`` rows of one kind of an article."""
    if kind == "name":
        select = (
            "SELECT a.rowid, 'name', s.name_key, MAX(s.name) FROM articles a "
            f"JOIN speakers s ON s.article_id = a.id WHERE a.id = {article_id} "
            f"AND {_FACET_NAME_IS_PERSON} GROUP BY s.name_key"
        )
    else:
        select = (
            "SELECT DISTINCT a.rowid, 'person', CAST(t.person_id AS TEXT), NULL FROM articles a "
            f"JOIN attributions t ON t.article_id = a.id WHERE a.id = {article_id} "
            "AND t.person_id IS NOT NULL"
        )
    return (
        "DELETE FROM article_people WHERE article_rowid = "
        f"(SELECT rowid FROM articles WHERE id = {article_id}) AND kind = '{kind}'; "
        f"INSERT OR REPLACE INTO article_people (article_rowid, kind, key, name) {select};"
    )


# What the two tables hold, from the tables they are made of (the migration's fill; also
# run by benchmarks/serve_latency.py after it copies rows in bulk with the triggers off, and
# by the tests that check the triggers kept them in step).
EXPLORER_SPEED_SELECTS = {
    "quote_facets": _quote_facet_select("t"),
    "article_people": "SELECT a.rowid, 'name', s.name_key, MAX(s.name) FROM speakers s "
    f"JOIN articles a ON a.id = s.article_id WHERE {_FACET_NAME_IS_PERSON} "
    "GROUP BY s.article_id, s.name_key UNION ALL "
    "SELECT DISTINCT a.rowid, 'person', CAST(t.person_id AS TEXT), NULL FROM attributions t "
    "JOIN articles a ON a.id = t.article_id WHERE t.person_id IS NOT NULL",
}
EXPLORER_SPEED_COLUMNS = {
    "quote_facets": QUOTE_FACET_COLUMNS,
    "article_people": "article_rowid, kind, key, name",
}
FILL_EXPLORER_SPEED_SQL = tuple(
    f"INSERT OR REPLACE INTO {table} ({EXPLORER_SPEED_COLUMNS[table]}) {select}"
    for table, select in EXPLORER_SPEED_SELECTS.items()
)
EXPLORER_SPEED_TRIGGERS = (
    "quote_facets_ai",
    "quote_facets_au",
    "quote_facets_ad",
    "quote_facets_article_au",
    "article_people_speakers_ai",
    "article_people_speakers_ad",
    "article_people_ai",
    "article_people_au",
    "article_people_ad",
    "article_people_article_ad",
)


def m007_explorer_speed(db: Database) -> None:
    """Facets over millions of quotes without reading the wide rows (the explorer's search).

    ``quote_facets`` holds, under each attribution's id (the key of ``attributions_fts``),
    what quote search filters and counts: its article's outlet, language and date, its kind,
    stance and source type, its speaker row, that speaker's name key and name when it is a
    person (else NULL), and its person (``person_id``, set by the linker).
    ``article_people`` holds, under each article's rowid (the key of ``articles_fts``), the
    people its attributions name: their name keys with the fullest name (kind ``name``), and
    the linker's person ids (kind ``person``).
    Triggers keep both in step inside the writer's transaction: with ``attributions``
    (inserted, re-written and deleted at re-ingest; ``person_id`` set by the linker, quotes
    found by quotation marks added by it), ``speakers``, and the article's metadata.
    """
    db.execute(
        """
        CREATE TABLE quote_facets (
            rowid INTEGER PRIMARY KEY,  -- attributions.id, as in attributions_fts
            article_rowid INTEGER NOT NULL,  -- articles.rowid, as in article_facets
            outlet TEXT,
            language TEXT,
            published TEXT,
            kind TEXT,
            stance TEXT,
            source_type TEXT,
            speaker_id INTEGER,
            speaker_key TEXT,  -- speakers.name_key when the speaker is a person
            speaker_name TEXT,
            person_id INTEGER
        )
        """
    )
    db.execute(
        """
        CREATE TABLE article_people (
            article_rowid INTEGER NOT NULL,  -- articles.rowid, as in articles_fts
            kind TEXT NOT NULL,  -- 'name': a speakers.name_key; 'person': a people.id
            key TEXT NOT NULL,
            name TEXT,  -- the fullest form of the name (kind 'name')
            PRIMARY KEY (article_rowid, kind, key)
        ) WITHOUT ROWID
        """
    )
    for sql in FILL_EXPLORER_SPEED_SQL:
        db.execute(sql)
    copy_new = (
        f"INSERT OR REPLACE INTO quote_facets ({QUOTE_FACET_COLUMNS}) {_quote_facet_select('new')};"
    )

    triggers = dict.fromkeys(EXPLORER_SPEED_TRIGGERS, "")
    triggers |= {
        "quote_facets_ai": f"AFTER INSERT ON attributions BEGIN {copy_new}",
        "quote_facets_au": "AFTER UPDATE OF id, article_id, kind, stance, source_type, "
        "speaker_id, person_id ON attributions BEGIN "
        f"DELETE FROM quote_facets WHERE rowid = old.id; {copy_new}",
        "quote_facets_ad": "AFTER DELETE ON attributions BEGIN "
        "DELETE FROM quote_facets WHERE rowid = old.id;",
        "quote_facets_article_au": "AFTER UPDATE OF outlet, language, published ON articles "
        "BEGIN UPDATE quote_facets SET outlet = new.outlet, language = new.language, "
        "published = new.published WHERE article_rowid = new.rowid;",
        "article_people_speakers_ai": "AFTER INSERT ON speakers BEGIN "
        + _article_people_sql("new.article_id", "name"),
        "article_people_speakers_ad": "AFTER DELETE ON speakers BEGIN "
        + _article_people_sql("old.article_id", "name"),
        "article_people_ai": "AFTER INSERT ON attributions WHEN new.person_id IS NOT NULL "
        "BEGIN " + _article_people_sql("new.article_id", "person"),
        "article_people_au": "AFTER UPDATE OF person_id, article_id ON attributions "
        "WHEN old.person_id IS NOT new.person_id OR old.article_id IS NOT new.article_id BEGIN "
        + _article_people_sql("old.article_id", "person")
        + _article_people_sql("new.article_id", "person"),
        "article_people_ad": "AFTER DELETE ON attributions WHEN old.person_id IS NOT NULL "
        "BEGIN " + _article_people_sql("old.article_id", "person"),
        "article_people_article_ad": "AFTER DELETE ON articles BEGIN "
        "DELETE FROM article_people WHERE article_rowid = old.rowid;",
    }
    for name, body in triggers.items():
        db.execute(f"CREATE TRIGGER {name} {body} END")
    # an article's quotes (the metadata trigger above), and whether an article has a quote of
    # a kind, stance or source type (an article search's filters), read from this index alone
    db.table("quote_facets").create_index(
        ["article_rowid", "kind", "stance", "source_type"], index_name="idx_quote_facets_article"
    )


def m008_link_scale(db: Database) -> None:
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


def m009_explorer_filters(db: Database) -> None:
    """Indexes for the explorer's article search filtered by a quote's source type or stance.

    Such a search asks, for each matching article it walks (up to 2,500), whether one of the
    article's quotes has that source type (or stance). ``idx_quote_facets_article`` (m007)
    leads with the kind, so it reads each of the article's ~20 quotes; these two indexes
    answer with one lookup: on the 100,000-article benchmark corpus a search for "Pence" among
    articles with an anonymous source took 40 ms of SQL before, 5 ms after
    (docs/explorer.md).
    """
    for column in ("source_type", "stance"):
        db.execute(
            f"CREATE INDEX IF NOT EXISTS idx_quote_facets_article_{column} "
            f"ON quote_facets (article_rowid, {column})"
        )


def m010_link_evidence(db: Database) -> None:
    """Every link's confidence and the rule that accepted it (issue 25, docs/provenance.md):
    ``links.confidence`` (0..1) and ``links.rule``; the full evidence stays in ``links.evidence``.
    """
    from .link.schema import add_link_evidence_columns

    add_link_evidence_columns(db)


def m011_identity_roles(db: Database) -> None:
    """The role or description cleaned off a speaker's name when it was given its identity
    (issue 25): ``attributions.person_role`` ("Trump running mate, Indiana Gov." for Mike
    Pence). Attributions linked before keep none until relinked."""
    db.execute("ALTER TABLE attributions ADD COLUMN person_role TEXT")


# The order migrations are applied in. Append new ones; never reorder or edit shipped ones.
ORDER = (
    m001_create_tables,
    m002_full_text_search,
    m003_views,
    m004_provenance,
    m006_explorer,
    m007_explorer_speed,
    m008_link_scale,
    m009_explorer_filters,
    m010_link_evidence,
    m011_identity_roles,
)
MIGRATION_NAMES = tuple(migration.__name__ for migration in ORDER)
MIGRATION_SET = "reportedly.corpus"
MIGRATIONS = Migrations(MIGRATION_SET)
for _migration in ORDER:
    MIGRATIONS()(_migration)
