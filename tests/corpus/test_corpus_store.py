"""The store: schema and migrations, writing analyses, idempotence, atomic batches."""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from reportedly.corpus.migrations import MIGRATION_NAMES, MIGRATIONS
from reportedly.corpus.store import (
    AnalyzedArticle,
    is_outdated,
    name_key,
    open_db,
    save_articles,
    stored_version,
    version_key,
    write_transaction,
)
from reportedly.errors import StoreError
from reportedly.ingest.sources import RawArticle, article_id
from reportedly.records import Analysis, TextPart

TABLES = {
    "articles",
    "analyses",
    "attributions",
    "speakers",
    "claims",
    "signals",
    "repairs",
    "flags",
}
CHILD_TABLES = TABLES - {"articles"}


def item(analysis: Analysis, **meta: Any) -> AnalyzedArticle:
    article = RawArticle(analysis.text, meta.pop("origin", "test.txt"), **meta)
    return AnalyzedArticle(article_id(analysis.text), article, analysis)


def counts(db: Database) -> dict[str, int]:
    return {table: db.table(table).count for table in sorted(TABLES)}


def test_a_new_database_has_the_whole_schema(tmp_path: Path) -> None:
    db = open_db(tmp_path / "corpus.db")
    assert set(db.table_names()) >= TABLES
    assert {"articles_fts", "attributions_fts"} <= set(db.table_names())
    assert {"quotes", "speaker_totals"} <= set(db.view_names())
    assert [m.name for m in MIGRATIONS.applied(db)] == list(MIGRATION_NAMES)
    assert db.journal_mode == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    # every child table points at its article
    for table in CHILD_TABLES:
        keys = {(fk.column, fk.other_table) for fk in db.table(table).foreign_keys}
        assert ("article_id", "articles") in keys, table
    assert ("speaker_id", "speakers") in {
        (fk.column, fk.other_table) for fk in db.table("attributions").foreign_keys
    }


def test_an_old_database_is_migrated_with_its_data(tmp_path: Path, kit: Any) -> None:
    path = tmp_path / "old.db"
    old = Database(path)
    MIGRATIONS.apply(old, stop_before="m002_full_text_search")
    save_articles(old, [item(kit.quote_analysis())])
    assert "articles_fts" not in old.table_names()
    old.close()

    db = open_db(path)
    assert [m.name for m in MIGRATIONS.applied(db)] == list(MIGRATION_NAMES)
    # the full-text index was built over the rows already there
    hits = db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'bridge'")
    assert len(hits.fetchall()) == 1
    assert db.execute("SELECT count(*) FROM quotes").fetchone()[0] == 2


def test_a_database_from_a_newer_reportedly_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    db = open_db(path)
    db.table("_sqlite_migrations").insert(
        {"migration_set": "reportedly.corpus", "name": "m999_future", "applied_at": "2099"}
    )
    db.close()
    with pytest.raises(StoreError, match=r"newer reportedly.*m999_future"):
        open_db(path)


def test_unusable_files_are_store_errors(tmp_path: Path) -> None:
    (tmp_path / "notes.db").write_text("not a database at all " * 100, encoding="utf-8")
    with pytest.raises(StoreError, match="not a SQLite database"):
        open_db(tmp_path / "notes.db")
    with pytest.raises(StoreError, match="no such corpus database"):
        open_db(tmp_path / "missing.db", must_exist=True)
    assert not (tmp_path / "missing.db").exists()


def test_an_analysis_is_stored_across_the_tables(tmp_path: Path, kit: Any) -> None:
    db = open_db(tmp_path / "corpus.db")
    analysis = kit.quote_analysis()
    stored = item(analysis, url="https://x.example/a", outlet="X News", published="2024-05-01")
    save_articles(db, [stored])

    article = db.table("articles").get(stored.id)
    assert article["text"] == analysis.text
    assert article["title"] == "Mayor pledges new bridge"  # from the analysis: no metadata title
    assert (article["url"], article["outlet"], article["published"]) == (
        "https://x.example/a",
        "X News",
        "2024-05-01",
    )
    assert article["analysis_version"] == kit.VERSION

    mayor, critics = db.query("SELECT * FROM attributions ORDER BY position")
    assert (mayor["kind"], mayor["speaker"], mayor["cue"], mayor["content"]) == (
        "direct",
        "Jane Doe",
        "said",
        "We will build it by 2026",
    )
    start, end = mayor["content_start"], mayor["content_end"]
    assert analysis.text[start:end] == "We will build it by 2026"
    spans = json.loads(mayor["spans"])
    assert analysis.text[slice(*spans["source"][0])] == "Mayor Jane Doe"
    # an unnamed source has no speaker row, but keeps its words
    assert critics["speaker"] is None and critics["speaker_id"] is None
    assert critics["source_text"] == "Critics"

    [speaker] = db.query("SELECT * FROM speakers")
    assert (speaker["name"], speaker["name_key"], speaker["type"], speaker["attributions"]) == (
        "Jane Doe",
        "jane doe",
        "official",
        1,
    )
    assert mayor["speaker_id"] == speaker["id"]

    [claim] = db.query("SELECT * FROM claims")
    assert claim["attribution_id"] == critics["id"]  # Claim.attribution == 1: the second one
    assert json.loads(claim["quantities"])[0]["value"] == 40e6

    signals = {row["name"]: row for row in db.query("SELECT * FROM signals")}
    assert list(signals) == list(analysis.signals.to_dict())  # one row per signal
    share = json.loads(signals["attributed_sentences"]["value"])
    assert share == analysis.signals.to_dict()["attributed_sentences"]
    assert (share["share"], share["attributed"], share["sentences"]) == (0.5, 1, 2)
    assert signals["sources"]["number"] is None  # a JSON value, not a number

    assert db.table("repairs").count == 1 and db.table("flags").count == 1
    record = json.loads(db.table("analyses").get(stored.id)["record"])
    assert record == analysis.to_dict(include_text=False)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_saving_the_same_article_twice_keeps_one_copy(tmp_path: Path, kit: Any) -> None:
    db = open_db(tmp_path / "corpus.db")
    stored = item(kit.quote_analysis())
    save_articles(db, [stored])
    before = counts(db)
    save_articles(db, [stored])
    assert counts(db) == before
    assert before["articles"] == 1 and before["attributions"] == 2


def test_a_reanalysis_replaces_the_children_and_keeps_first_metadata(
    tmp_path: Path, kit: Any
) -> None:
    db = open_db(tmp_path / "corpus.db")
    first = kit.quote_analysis(version="0.0.9/reportedly.analysis/1")
    save_articles(db, [item(first, url="https://first.example/", outlet=None)])
    # the new analysis finds only the mayor's quote; the new source knows the outlet
    second = replace(first, attributions=first.attributions[:1], claims=(), version=kit.VERSION)
    save_articles(db, [item(second, url="https://second.example/", outlet="Late Outlet")])
    article_ids = {row["article_id"] for row in db.query("SELECT article_id FROM attributions")}
    assert db.table("articles").count == 1 and len(article_ids) == 1
    assert [r["content"] for r in db.query("SELECT content FROM attributions")] == [
        "We will build it by 2026"
    ]
    assert db.table("claims").count == 0
    [row] = db.query("SELECT url, outlet, analysis_version FROM articles")
    assert row == {
        "url": "https://first.example/",
        "outlet": "Late Outlet",
        "analysis_version": kit.VERSION,
    }
    # the full-text index follows the rows
    assert db.execute("SELECT count(*) FROM attributions_fts").fetchone()[0] == 1


def test_a_batch_is_written_whole_or_not_at_all(tmp_path: Path, kit: Any) -> None:
    db = open_db(tmp_path / "corpus.db")
    good = item(kit.quote_analysis())
    other_text = kit.QUOTE_ARTICLE.replace("Monday", "Tuesday")
    broken_analysis = replace(
        kit.quote_analysis(other_text),
        attributions=(replace(kit.quote_analysis(other_text).attributions[0], kind=None),),
    )
    with pytest.raises(StoreError, match="cannot write"):
        save_articles(db, [good, item(broken_analysis)])
    assert counts(db) == dict.fromkeys(sorted(TABLES), 0)
    assert db.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == 0


def test_empty_title_part_is_not_used_as_title(tmp_path: Path, kit: Any) -> None:
    db = open_db(tmp_path / "corpus.db")
    analysis = replace(kit.quote_analysis(), title=TextPart(((0, 0),), "  "))
    save_articles(db, [item(analysis)])
    assert db.execute("SELECT title FROM articles").fetchone()[0] is None


def test_stored_version(tmp_path: Path, kit: Any) -> None:
    db = open_db(tmp_path / "corpus.db")
    stored = item(kit.quote_analysis())
    assert stored_version(db, stored.id) is None
    save_articles(db, [stored])
    assert stored_version(db, stored.id) == kit.VERSION


@pytest.mark.parametrize(
    ("stored", "current", "outdated"),
    [
        ("0.1.0/reportedly.analysis/1", "0.1.0/reportedly.analysis/1", False),
        ("0.1.0/reportedly.analysis/1", "0.1.1/reportedly.analysis/1", True),
        ("0.9.0/reportedly.analysis/1", "0.10.0/reportedly.analysis/1", True),  # not text order
        ("0.1.0/reportedly.analysis/1", "0.1.0/reportedly.analysis/2", True),
        ("0.2.0/reportedly.analysis/1", "0.1.0/reportedly.analysis/1", False),  # newer: kept
        ("", "0.1.0/reportedly.analysis/1", True),
    ],
)
def test_versions_compare_by_number(stored: str, current: str, outdated: bool) -> None:
    assert is_outdated(stored, current) is outdated
    assert (version_key(stored) < version_key(current)) is outdated


@pytest.mark.parametrize(
    ("stored", "current", "outdated"),
    [
        ("0.2.0+crf.aaa/reportedly.analysis/1", "0.2.0+crf.bbb/reportedly.analysis/1", True),
        ("0.2.0+rules/reportedly.analysis/1", "0.2.0+crf.bbb/reportedly.analysis/1", True),
        ("0.2.0+crf.bbb/reportedly.analysis/1", "0.2.0+crf.bbb/reportedly.analysis/1", False),
        # a newer package keeps its records whatever model made them
        ("0.3.0+crf.aaa/reportedly.analysis/1", "0.2.0+crf.bbb/reportedly.analysis/1", False),
    ],
)
def test_another_model_at_the_same_version_is_outdated(
    stored: str, current: str, outdated: bool
) -> None:
    assert is_outdated(stored, current) is outdated


def test_speaker_totals_link_names_across_articles(tmp_path: Path, kit: Any) -> None:
    db = open_db(tmp_path / "corpus.db")
    items = []
    for day, name in (("Monday", "Jane Doe"), ("Tuesday", "JANE DOE."), ("Friday", "Jo Bloggs")):
        analysis = kit.quote_analysis(kit.QUOTE_ARTICLE.replace("Monday", day))
        mayor = analysis.attributions[0]
        renamed = replace(mayor, source=replace(mayor.source, name=name))
        items.append(item(replace(analysis, attributions=(renamed,))))
    save_articles(db, items)
    totals = {row["name_key"]: row for row in db.query("SELECT * FROM speaker_totals")}
    assert set(totals) == {"jane doe", "jo bloggs"}
    assert (totals["jane doe"]["articles"], totals["jane doe"]["attributions"]) == (2, 2)


def test_speaker_names_link_across_case_and_punctuation() -> None:
    assert name_key("Hillary  Clinton") == name_key("hillary clinton.") == "hillary clinton"
    assert name_key("O'Rourke") == "o'rourke"


def test_wal_lets_a_reader_see_only_committed_batches(tmp_path: Path, kit: Any) -> None:
    path = tmp_path / "corpus.db"
    db = open_db(path)
    reader = sqlite3.connect(path)
    with db.atomic():
        save_articles(db, [item(kit.quote_analysis())])
        assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


@pytest.mark.parametrize("immediate", [True, False])
def test_a_write_transaction_waits_for_a_writer_that_came_in_between(
    tmp_path: Path, immediate: bool
) -> None:
    """The race two ingests into one corpus ran into: read, another process writes, write."""
    path = tmp_path / "corpus.db"
    db = open_db(path)
    db.execute("CREATE TABLE scratch (x TEXT)")
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("PRAGMA busy_timeout = 10000")
    other.execute("BEGIN IMMEDIATE")
    read, written = threading.Event(), threading.Event()

    def write_then_commit() -> None:
        # after the deferred reader has read; an immediate one is blocked in BEGIN meanwhile
        read.wait(0.3 if immediate else 30)
        other.execute("INSERT INTO scratch VALUES ('a')")
        other.execute("COMMIT")
        written.set()

    transaction = write_transaction(db) if immediate else db.atomic()
    writer = threading.Thread(target=write_then_commit)
    writer.start()
    try:
        if immediate:
            with transaction:  # waits for the other writer, then reads what it wrote
                seen = db.execute("SELECT COUNT(*) FROM scratch").fetchone()[0]
                db.execute("INSERT INTO scratch VALUES ('b')")
            assert seen == 1
        else:
            # sqlite-utils' deferred transaction reads an old snapshot and cannot write after
            with pytest.raises(sqlite3.OperationalError, match="locked"), transaction:
                db.execute("SELECT COUNT(*) FROM scratch").fetchone()
                read.set()
                written.wait(30)
                db.execute("INSERT INTO scratch VALUES ('b')")
    finally:
        writer.join()
        other.close()
    assert db.execute("SELECT COUNT(*) FROM scratch").fetchone()[0] == (2 if immediate else 1)


def test_an_analysis_stored_meanwhile_at_the_same_version_is_not_written_again(
    tmp_path: Path, kit: Any
) -> None:
    """Two ingests analysed the same article; the first stored and linked it already."""
    from reportedly.corpus.link import link

    db = open_db(tmp_path / "corpus.db")
    stored = item(kit.quote_analysis())
    assert save_articles(db, [stored]) == set()
    link(db)
    linked = db.execute("SELECT id, person_id FROM attributions ORDER BY id").fetchall()
    assert any(person for _, person in linked)
    assert save_articles(db, [stored]) == {stored.id}
    assert db.execute("SELECT id, person_id FROM attributions ORDER BY id").fetchall() == linked
    # a new analysis version is written (and the article is linked again)
    newer = item(replace(kit.quote_analysis(), version=kit.VERSION + ".1"))
    assert save_articles(db, [newer]) == set()
    assert db.table("articles").get(stored.id)["analysis_version"] == kit.VERSION + ".1"
