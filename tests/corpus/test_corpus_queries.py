"""Named queries (quotes, search) and exports over a corpus built from hand-made analyses."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from reportedly.corpus.export import export_records, write_jsonl, write_parquet
from reportedly.corpus.read.quotes import QuoteFilter, quotes
from reportedly.corpus.read.search import HIGHLIGHT
from reportedly.corpus.read.search import plain_search as search
from reportedly.corpus.store import AnalyzedArticle, open_db, save_articles
from reportedly.errors import StoreError
from reportedly.ingest.sources import RawArticle, article_id
from reportedly.records import Source


@pytest.fixture
def corpus(tmp_path: Path, kit: Any) -> Database:
    """Three articles: two outlets, three dates, one without a date."""
    db = open_db(tmp_path / "corpus.db")
    rows = [
        ("Monday", "Daily Planet", "2024-05-01", "Jane Doe"),
        ("Tuesday", "Daily Planet", "2024-06-15T09:00:00+00:00", "John Roe"),
        ("Friday", "The Atom Times", None, "Jane Doe"),
    ]
    items = []
    for day, outlet, published, speaker in rows:
        text = kit.QUOTE_ARTICLE.replace("Monday", day)
        analysis = kit.quote_analysis(text)
        mayor = analysis.attributions[0]
        assert mayor.source is not None
        renamed = replace(mayor, source=replace(mayor.source, name=speaker))
        analysis = replace(analysis, attributions=(renamed, *analysis.attributions[1:]))
        article = RawArticle(
            text, f"{day}.txt", title=f"Bridge news {day}", outlet=outlet, published=published
        )
        items.append(AnalyzedArticle(article_id(text), article, analysis))
    save_articles(db, items)
    return db


def test_quotes_lists_every_attribution_newest_article_first(corpus: Database) -> None:
    rows = list(quotes(corpus))
    assert len(rows) == 6
    assert [r["article_title"] for r in rows[::2]] == [
        "Bridge news Tuesday",
        "Bridge news Monday",
        "Bridge news Friday",  # no date: last
    ]
    first = rows[0]
    assert (first["speaker"], first["kind"], first["cue"], first["quote"]) == (
        "John Roe",
        "direct",
        "said",
        "We will build it by 2026",
    )
    # an attribution without a resolved name shows its source's own words
    assert rows[1]["speaker"] == "Critics"


def test_quote_filters(corpus: Database) -> None:
    def speakers(**where: Any) -> list[str]:
        return [row["speaker"] for row in quotes(corpus, QuoteFilter(**where))]

    assert speakers(speaker="jane") == ["Jane Doe", "Jane Doe"]
    assert speakers(speaker="%") == []  # LIKE wildcards in the name are literal
    assert speakers(outlet="the atom times") == ["Jane Doe", "Critics"]
    assert speakers(since=date(2024, 6, 1)) == ["John Roe", "Critics"]
    assert speakers(kind="indirect") == ["Critics", "Critics", "Critics"]
    assert speakers(kind="direct", limit=1) == ["John Roe"]
    with pytest.raises(StoreError, match="unknown attribution kind"):
        speakers(kind="rumour")


def test_search_articles_with_highlighted_snippets(corpus: Database) -> None:
    hits = search(corpus, "bridge", highlight=("[", "]"))
    assert len(hits) == 3
    assert all("[bridge]" in hit["snippet"].lower() for hit in hits)
    [tuesday] = search(corpus, "tuesday")
    assert tuesday["title"] == "Bridge news Tuesday"
    start, end = HIGHLIGHT
    assert f"{start}Tuesday{end}" in tuesday["snippet"]


def test_search_stems_and_survives_bad_syntax(corpus: Database) -> None:
    assert len(search(corpus, "bridges")) == 3  # porter stemming
    assert len(search(corpus, '"Mayor Jane')) == 3  # unbalanced quote: searched as words
    assert search(corpus, "NOT") == []
    with pytest.raises(StoreError, match="empty search query"):
        search(corpus, "  ")


def test_search_quotes(corpus: Database) -> None:
    hits = search(corpus, "million", scope="quotes", highlight=("<", ">"))
    assert len(hits) == 3
    assert {hit["speaker"] for hit in hits} == {"Critics"}
    assert all("<million>" in hit["snippet"] for hit in hits)
    assert [h["speaker"] for h in search(corpus, "roe", scope="quotes")] == ["John Roe"]


def test_jsonl_export_holds_each_article_and_its_full_analysis(corpus: Database, kit: Any) -> None:
    out = io.StringIO()
    assert write_jsonl(corpus, out) == 3
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["title"] for r in records] == [
        "Bridge news Monday",
        "Bridge news Tuesday",
        "Bridge news Friday",
    ]
    monday = records[0]
    assert monday["text"] == kit.QUOTE_ARTICLE
    assert monday["outlet"] == "Daily Planet"
    assert monday["analysis"]["schema"] == "reportedly.analysis/1"
    analysis = kit.quote_analysis()
    mayor = analysis.attributions[0]
    assert mayor.source is not None
    renamed = replace(mayor, source=replace(mayor.source, name="Jane Doe"))
    expected = replace(analysis, attributions=(renamed, *analysis.attributions[1:]))
    assert monday["analysis"] == expected.to_dict(include_text=False)


def test_parquet_export_reads_back(tmp_path: Path, corpus: Database) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "corpus.parquet"
    assert write_parquet(corpus, path) == 3
    table = pq.read_table(path)
    assert table.num_rows == 3
    rows = table.to_pylist()
    exported = list(export_records(corpus))
    for row, record in zip(rows, exported, strict=True):
        assert row["id"] == record["id"] and row["text"] == record["text"]
        assert json.loads(row["analysis"]) == record["analysis"]
        assert [a["content"] for a in row["attributions"]] == [
            a["content"]["text"] for a in record["analysis"]["attributions"]
        ]
    mayor = rows[0]["attributions"][0]
    assert (mayor["speaker"], mayor["source_text"], mayor["stance"]) == (
        "Jane Doe",
        "Mayor Jane Doe",
        "neutral",
    )
    text = rows[0]["text"]
    assert text[mayor["content_start"] : mayor["content_end"]] == "We will build it by 2026"
    assert rows[0]["claims"][0]["attribution"] == 1


def test_a_source_without_a_name_exports_no_speaker(tmp_path: Path, kit: Any) -> None:
    db = open_db(tmp_path / "corpus.db")
    analysis = kit.quote_analysis()
    nameless = replace(analysis.attributions[0], source=Source(((0, 5),), "Mayor", "", "official"))
    analysis = replace(analysis, attributions=(nameless,))
    article = RawArticle(analysis.text, "x.txt")
    save_articles(db, [AnalyzedArticle(article.id, article, analysis)])
    write_parquet(db, tmp_path / "out.parquet")
    import pyarrow.parquet as pq

    [row] = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert row["attributions"][0]["speaker"] is None
    assert db.table("speakers").count == 0
