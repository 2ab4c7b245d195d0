"""The corpus opens in Datasette as it is: tables, the quotes view, full-text search."""

from __future__ import annotations

import asyncio
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from reportedly.corpus.store import AnalyzedArticle, open_db, save_articles
from reportedly.ingest.sources import RawArticle

datasette_app = pytest.importorskip("datasette.app", reason="datasette is in the [web] extra")


def get_json(path: Path, url: str) -> Any:
    async def fetch() -> Any:
        datasette = datasette_app.Datasette([str(path)])
        response = await datasette.client.get(url)
        assert response.status_code == 200, response.text
        return response.json()

    # a fresh thread has no event loop, even when a session-wide Playwright keeps one
    # running in this one (the explorer's browser tests)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, fetch()).result()


def test_datasette_serves_the_quotes_view_and_searches(tmp_path: Path, kit: Any) -> None:
    path = tmp_path / "corpus.db"
    db = open_db(path)
    analysis = kit.quote_analysis()
    article = RawArticle(analysis.text, "story.txt", outlet="Daily Planet")
    save_articles(db, [AnalyzedArticle(article.id, article, analysis)])
    db.close()

    tables = {t["name"]: t for t in get_json(path, "/corpus.json")["tables"]}
    assert {"articles", "attributions", "speakers", "claims"} <= set(tables)
    # Datasette sees the search index of each searchable table
    assert tables["articles"]["fts_table"] == "articles_fts"
    assert tables["attributions"]["fts_table"] == "attributions_fts"

    quotes = get_json(path, "/corpus/quotes.json?_shape=objects&kind=direct")["rows"]
    assert [(q["speaker"], q["quote"], q["outlet"]) for q in quotes] == [
        ("Jane Doe", "We will build it by 2026", "Daily Planet")
    ]
    found = get_json(path, "/corpus/articles.json?_search=bridge&_shape=objects")["rows"]
    assert [row["id"] for row in found] == [article.id]
    # the attribution row links to its article and speaker by foreign key
    attribution = get_json(path, "/corpus/attributions/1.json?_shape=objects")
    assert attribution["rows"][0]["article_id"] == article.id


def test_datasette_metadata_names_real_tables_columns_and_facets(tmp_path: Path) -> None:
    import json as _json

    from click.testing import CliRunner

    from reportedly.cli import cli
    from reportedly.corpus.store import open_db

    db_path = tmp_path / "meta.db"
    open_db(db_path).close()
    result = CliRunner().invoke(cli, ["datasette", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    tables = _json.loads(result.stdout)["databases"]["meta"]["tables"]
    with sqlite3.connect(db_path) as connection:
        for table, meta in tables.items():
            columns = {row[1] for row in connection.execute(f"PRAGMA table_info([{table}])")}
            assert columns, table
            assert set(meta.get("facets", [])) <= columns, table
            assert set(meta.get("columns", {})) <= columns, table
            assert meta.get("sort_desc", "id") in columns | {"id"}, table
