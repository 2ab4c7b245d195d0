"""Search at a bounded cost: the window of the newest hits, estimated totals, and the facet
tables of migration m007 kept in step with the corpus by its triggers."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reportedly.corpus.migrations import EXPLORER_SPEED_COLUMNS, EXPLORER_SPEED_SELECTS
from reportedly.corpus.read import search as searching
from reportedly.corpus.read.connection import Corpus
from reportedly.corpus.read.search import SearchParams

SEED = Path(__file__).resolve().parents[2] / "examples" / "seed-article.txt"

QUERIES: list[dict[str, str]] = [
    {"q": "clinton"},
    {"q": "said", "scope": "quotes"},
    {"q": "said", "scope": "quotes", "kind": "direct"},
    {"q": "the", "scope": "quotes", "sort": "oldest", "source_type": "named"},
    {"sort": "oldest", "language": "en"},
    {"scope": "quotes", "stance": "assertive"},
    {"q": "trump", "since": "2016-09-20", "kind": "indirect"},
    {"q": "trump", "scope": "quotes", "sort": "newest", "page": "2", "per_page": "5"},
]


def copy(db: Path, target: Path) -> Path:
    shutil.copy(db, target)
    for suffix in ("-wal", "-shm"):
        extra = db.with_name(db.name + suffix)
        if extra.exists():
            shutil.copy(extra, target.with_name(target.name + suffix))
    return target


def summary(result: dict[str, Any]) -> dict[str, Any]:
    keys = [hit.get("attribution_id") or hit["article_id"] for hit in result["hits"]]
    return {"total": result["total"], "keys": keys, "facets": result["facets"]}


def exact_hits(db: Path, sql: str) -> list[int]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute(sql)]


def test_window_estimates_and_order(corpus_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With small limits the big-corpus paths run here: facets and order among the newest
    hits, totals estimated and said to be, relevance not ranked past the count cap."""
    corpus = Corpus(corpus_db)
    params = SearchParams(**{"q": "the", "scope": "quotes", "kind": "indirect"})
    exact = searching.search(corpus, params)
    assert not exact["total_approximate"] and exact["rank_window"] is None
    assert not exact["unranked"] and not exact["facets"]["kind"]["approximate"]
    matching = exact_hits(
        corpus_db,
        "SELECT f.rowid FROM attributions_fts JOIN attributions f ON f.id = attributions_fts.rowid "
        "WHERE attributions_fts MATCH 'the' AND f.kind = 'indirect' ORDER BY f.id DESC",
    )
    assert exact["total"] == len(matching) > 60
    monkeypatch.setattr(searching, "WINDOW", 30)
    monkeypatch.setattr(searching, "SCAN", 120)
    monkeypatch.setattr(searching, "COUNT_CAP", 50)
    windowed = searching.search(corpus, params)
    assert windowed["total_approximate"] and windowed["facets"]["kind"]["approximate"]
    assert windowed["rank_window"] == windowed["ranked"] == 30
    assert windowed["unranked"]  # more than COUNT_CAP matches: newest first
    assert [h["attribution_id"] for h in windowed["hits"]] == matching[:20]
    assert abs(windowed["total"] - exact["total"]) <= 0.5 * exact["total"]
    (kind,) = windowed["facets"]["kind"]["values"]
    assert kind == {"value": "indirect", "label": "indirect", "n": 30}
    assert sum(v["n"] for v in windowed["facets"]["stance"]["values"]) <= 30
    # by date, among the window's hits: newest first, then article, then position
    newest = {"q": "the", "scope": "quotes", "kind": "indirect", "sort": "newest"}
    dated = searching.search(corpus, SearchParams(**newest))
    shown = [h["published"] or "" for h in dated["hits"]]
    assert shown == sorted(shown, reverse=True)
    # a rare word is still counted exactly and ranked
    rare = searching.search(corpus, SearchParams(**{"q": "Putin", "scope": "quotes"}))
    assert not rare["unranked"] and not rare["total_approximate"]
    assert rare["total"] == len(
        exact_hits(
            corpus_db, "SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH 'Putin'"
        )
    )


def assert_in_step(db: Path) -> None:
    """Each m007 table holds exactly what its defining SELECT gives from the base tables."""
    with sqlite3.connect(db) as conn:
        for table, select in EXPLORER_SPEED_SELECTS.items():
            columns = EXPLORER_SPEED_COLUMNS[table]
            stored = sorted(conn.execute(f"SELECT {columns} FROM {table}"), key=repr)
            expected = sorted(conn.execute(select), key=repr)
            assert stored == expected, table
            assert stored, table


def test_facet_tables_stay_in_step(corpus_db: Path, tmp_path: Path) -> None:
    """After ingest and linking, a re-analysis (and the linking after it), changed metadata,
    a person unlinked, and an article's rows deleted, the facet tables match the corpus."""
    db = copy(corpus_db, tmp_path / "corpus.db")
    assert_in_step(db)
    with sqlite3.connect(db) as conn:
        seed_id, seed_rowid = conn.execute(
            "SELECT id, rowid FROM articles WHERE outlet = 'Seed'"
        ).fetchone()
        # as if stored and linked by an older release
        for table, key in (("articles", "id"), ("link_state", "article_id")):
            conn.execute(
                f"UPDATE {table} SET analysis_version = '0.0.1' WHERE {key} = ?", (seed_id,)
            )
        before = conn.execute(
            "SELECT MIN(id) FROM attributions WHERE article_id = ?", (seed_id,)
        ).fetchone()[0]
    source = tmp_path / "seed.jsonl"
    source.write_text(json.dumps({"text": SEED.read_text(encoding="utf-8"), "outlet": "Seed",
                                  "language": "en"}) + "\n", encoding="utf-8")  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "reportedly", "ingest", str(source), "--db", str(db), "--json",
         "--jobs", "1", "--reanalyze"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["reanalyzed"] == 1
    with sqlite3.connect(db) as conn:
        after, people = conn.execute(
            "SELECT MIN(id), COUNT(person_id) FROM attributions WHERE article_id = ?", (seed_id,)
        ).fetchone()
        assert after != before and people > 0  # rows written again, people linked again
        names = conn.execute(
            "SELECT COUNT(*) FROM article_people WHERE article_rowid = ? AND kind = 'person'",
            (seed_rowid,),
        ).fetchone()[0]
        assert names > 0
    assert_in_step(db)
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE articles SET outlet = 'Renamed', published = '2001-02-03' WHERE id = ?",
            (seed_id,),
        )
        conn.execute(
            "UPDATE attributions SET person_id = NULL WHERE id = (SELECT MIN(id) FROM "
            "attributions WHERE article_id = ? AND person_id IS NOT NULL)",
            (seed_id,),
        )
        (other,) = conn.execute(
            "SELECT id FROM articles WHERE id <> ? AND outlet <> 'Renamed' LIMIT 1", (seed_id,)
        ).fetchone()
        conn.execute("DELETE FROM cluster_members WHERE article_id = ?", (other,))
        for table in ("claims", "attributions", "speakers"):
            conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (other,))
    assert_in_step(db)
    corpus = Corpus(db)
    renamed = searching.search(corpus, SearchParams(**{"scope": "quotes", "outlet": "Renamed"}))
    with sqlite3.connect(db) as conn:
        (count,) = conn.execute(
            "SELECT COUNT(*) FROM attributions WHERE article_id = ?", (seed_id,)
        ).fetchone()
    assert renamed["total"] == count > 0
    assert {v["value"] for v in renamed["facets"]["month"]["values"]} == {"2001-02"}


def test_m009_indexes_serve_article_searches_by_source_type_and_stance(
    copy_db: Any, tmp_path: Path
) -> None:
    """Migration m009: an article search filtered by a quote's source type or stance looks
    each walked article up in one index (its own), not through its quotes one by one."""
    from reportedly.corpus.store import open_db

    open_db(tmp_path / "new.db").conn.close()
    with sqlite3.connect(tmp_path / "new.db") as conn:
        indexed = {
            name: [row[2] for row in conn.execute(f"PRAGMA index_info({name})")]
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'quote_facets'"
            )
        }
    conn.close()
    assert indexed["idx_quote_facets_article_source_type"] == ["article_rowid", "source_type"]
    assert indexed["idx_quote_facets_article_stance"] == ["article_rowid", "stance"]
    corpus = Corpus(copy_db("m009"))
    seen: list[tuple[str, Any]] = []
    reading = corpus.iter_rows

    def spy(sql: str, params: Any = ()) -> Any:
        seen.append((sql, params))
        return reading(sql, params)

    corpus.iter_rows = spy  # type: ignore[method-assign]
    for column, value in (("source_type", "anonymous"), ("stance", "assertive")):
        seen.clear()
        searching.search(corpus, SearchParams(q="the", scope="articles", **{column: value}))
        sql, params = seen[0]
        plan = " ".join(row[3] for row in corpus.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))
        assert f"idx_quote_facets_article_{column}" in plan, plan


def test_a_date_filter_counts_the_undated_hits_it_leaves_out(corpus_db: Path) -> None:
    """since/until leave out hits whose article has no date (the seed, the NTREX stories):
    the search says how many, words and other filters applied; without a date filter it
    says nothing."""
    corpus = Corpus(corpus_db)
    for scope, table in (("articles", "article_facets"), ("quotes", "quote_facets")):
        undated = exact_hits(corpus_db, f"SELECT rowid FROM {table} WHERE published IS NULL")
        assert undated, "the test corpus holds undated articles"
        since = searching.search(corpus, SearchParams(scope=scope, since="2000-01-01"))
        assert since["undated_left_out"] == len(undated)
        until = searching.search(corpus, SearchParams(scope=scope, until="2030-12-31"))
        assert until["undated_left_out"] == len(undated)
        assert searching.search(corpus, SearchParams(scope=scope))["undated_left_out"] is None
    with_words = exact_hits(
        corpus_db,
        "SELECT f.rowid FROM attributions_fts JOIN quote_facets f ON f.rowid = "
        "attributions_fts.rowid WHERE attributions_fts MATCH 'pain' AND f.published IS NULL",
    )
    assert with_words, "the seed's pain quotes are undated"
    found = searching.search(corpus, SearchParams(q="pain", scope="quotes", since="2000-01-01"))
    assert found["undated_left_out"] == len(with_words)
