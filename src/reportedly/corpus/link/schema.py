"""The provenance tables (migration ``m004_provenance``), see docs/provenance.md.

Contract tables (read by the explorer): ``people``, ``aliases``,
``attributions.person_id``, ``links``, ``clusters``, ``cluster_members``.
Working tables of the linker (its incremental state): ``link_state`` (which
article was linked at which analysis version), ``link_bands`` (MinHash LSH
band keys), ``link_vectors`` (document vectors for translated copies),
``cluster_keys`` (stem-pair keys to find candidate quote clusters), and
(migration ``m008_link_scale``) ``link_families`` (each article's copy family).
Migration ``m010_link_evidence`` adds ``links.confidence`` and ``links.rule``.
"""

from __future__ import annotations

import re

from sqlite_utils import Database

PROVENANCE_SQL = """
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT,
    attributions INTEGER,
    articles INTEGER,
    key TEXT NOT NULL,
    surname TEXT
);
CREATE INDEX idx_people_key ON people (key);
CREATE INDEX idx_people_surname ON people (surname);
CREATE TABLE aliases (
    person_id INTEGER NOT NULL REFERENCES people (id),
    alias TEXT NOT NULL,
    alias_key TEXT,
    PRIMARY KEY (person_id, alias)
);
CREATE INDEX idx_aliases_alias_key ON aliases (alias_key);
ALTER TABLE attributions ADD COLUMN person_id INTEGER REFERENCES people (id);
CREATE INDEX idx_attributions_person_id ON attributions (person_id);
CREATE TABLE links (
    a TEXT NOT NULL REFERENCES articles (id),
    b TEXT NOT NULL REFERENCES articles (id),
    kind TEXT NOT NULL,
    similarity REAL,
    evidence TEXT,
    PRIMARY KEY (a, b)
);
CREATE INDEX idx_links_b ON links (b);
CREATE INDEX idx_links_kind ON links (kind);
CREATE TABLE clusters (
    id INTEGER PRIMARY KEY,
    person_id INTEGER REFERENCES people (id),
    label TEXT,
    size INTEGER NOT NULL DEFAULT 0,
    first_published TEXT,
    language TEXT
);
CREATE INDEX idx_clusters_person_id ON clusters (person_id);
CREATE INDEX idx_clusters_size ON clusters (size);
CREATE TABLE cluster_members (
    attribution_id INTEGER PRIMARY KEY REFERENCES attributions (id) ON DELETE CASCADE,
    cluster_id INTEGER NOT NULL REFERENCES clusters (id),
    article_id TEXT NOT NULL REFERENCES articles (id),
    language TEXT
);
CREATE INDEX idx_cluster_members_cluster_id ON cluster_members (cluster_id);
CREATE INDEX idx_cluster_members_article_id ON cluster_members (article_id);
CREATE TRIGGER cluster_members_added AFTER INSERT ON cluster_members BEGIN
    UPDATE clusters SET size = size + 1 WHERE id = new.cluster_id;
END;
CREATE TRIGGER cluster_members_removed AFTER DELETE ON cluster_members BEGIN
    UPDATE clusters SET size = size - 1 WHERE id = old.cluster_id;
END;
CREATE TABLE cluster_keys (
    key TEXT NOT NULL,
    cluster_id INTEGER NOT NULL REFERENCES clusters (id),
    PRIMARY KEY (key, cluster_id)
) WITHOUT ROWID;
CREATE INDEX idx_cluster_keys_cluster_id ON cluster_keys (cluster_id);
CREATE TABLE link_state (
    article_id TEXT PRIMARY KEY REFERENCES articles (id),
    analysis_version TEXT NOT NULL,
    language TEXT,
    declared_language TEXT,
    linked_at TEXT
);
CREATE TABLE link_bands (
    key INTEGER NOT NULL,
    article INTEGER NOT NULL,
    PRIMARY KEY (key, article)
) WITHOUT ROWID;
CREATE INDEX idx_link_bands_article ON link_bands (article);
CREATE TABLE link_vectors (
    article_id TEXT PRIMARY KEY REFERENCES articles (id),
    language TEXT,
    vector BLOB NOT NULL,
    anchors TEXT
);
"""


LINK_SCALE_SQL = """
CREATE TABLE link_families (
    article INTEGER PRIMARY KEY,
    family INTEGER NOT NULL
);
CREATE INDEX idx_link_families_family ON link_families (family);
CREATE INDEX idx_attributions_person_article ON attributions (person_id, article_id);
CREATE INDEX idx_articles_id_version ON articles (id, analysis_version);
"""


def create_link_scale_tables(db: Database) -> None:
    for statement in LINK_SCALE_SQL.split(";\n"):
        if statement.strip():
            db.execute(statement)


def create_provenance_tables(db: Database) -> None:
    # one statement at a time (executescript would commit the migration's transaction)
    for statement in re.split(r";\n(?=CREATE|ALTER)", PROVENANCE_SQL):
        if statement.strip():
            db.execute(statement)


def add_link_evidence_columns(db: Database) -> None:
    """``links.confidence`` and ``links.rule`` (migration ``m010_link_evidence``); a copy
    linked before keeps its evidence JSON and gets its confidence from it, a translation
    linked before (on the document cosine alone) gets none, so ``--strict`` leaves it out."""
    db.execute("ALTER TABLE links ADD COLUMN confidence REAL")
    db.execute("ALTER TABLE links ADD COLUMN rule TEXT")
    db.execute(
        "UPDATE links SET confidence = MAX(COALESCE(json_extract(evidence, '$.jaccard'), 0), "
        "COALESCE(json_extract(evidence, '$.containment'), 0)), rule = 'shingle overlap "
        "(linked before m009)' WHERE kind != 'translation' AND json_valid(evidence)"
    )
    db.execute(
        "UPDATE links SET rule = 'document cosine and margin (linked before m009)' "
        "WHERE kind = 'translation'"
    )
    db.execute("CREATE INDEX idx_links_confidence ON links (confidence)")
