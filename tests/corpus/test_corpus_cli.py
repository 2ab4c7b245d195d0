"""The corpus commands through click's runner: ingest, quotes, search, export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reportedly.cli import cli
from reportedly.corpus.store import AnalyzedArticle, open_db, save_articles
from reportedly.ingest.sources import RawArticle


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def stored_db(tmp_path: Path, kit: Any) -> Path:
    """A corpus with one hand-analyzed article (no model needed)."""
    path = tmp_path / "stored.db"
    db = open_db(path)
    analysis = kit.quote_analysis()
    article = RawArticle(
        analysis.text, "story.txt", outlet="Daily Planet", published="2024-05-01", url="https://dp/"
    )
    save_articles(db, [AnalyzedArticle(article.id, article, analysis)])
    db.close()
    return path


def test_ingest_summarises_and_reports_bad_inputs(tmp_path: Path, kit: Any) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "story.txt").write_text(kit.QUOTE_ARTICLE, encoding="utf-8")
    (inputs / "junk.txt").write_bytes(b"\x00\x00binary")
    db = tmp_path / "corpus.db"
    first = run("ingest", str(inputs), "--db", str(db), "--jobs", "1", "--no-progress")
    assert first.exit_code == 2, first.output
    assert "new         1" in first.stdout
    assert "failed      1" in first.stdout
    assert f"{inputs / 'junk.txt'}: " in first.stdout and "binary" in first.stdout

    again = run("ingest", str(inputs / "story.txt"), "--db", str(db), "--json", "--no-progress")
    assert again.exit_code == 0, again.output
    summary = json.loads(again.stdout)
    assert (summary["new"], summary["unchanged"], summary["failed"]) == (0, 1, 0)


def test_ingest_shows_a_progress_bar_when_asked(tmp_path: Path, kit: Any) -> None:
    (tmp_path / "story.txt").write_text(kit.QUOTE_ARTICLE, encoding="utf-8")
    result = run(
        "ingest", str(tmp_path / "story.txt"), "--db", str(tmp_path / "c.db"), "--progress"
    )
    assert result.exit_code == 0, result.output
    assert "articles/s" in result.stderr
    assert "new 1" in result.stderr


def test_quotes_as_json_csv_and_table(stored_db: Path) -> None:
    as_json = run("quotes", "--db", str(stored_db), "--format", "json", "--kind", "direct")
    assert as_json.exit_code == 0, as_json.output
    [row] = json.loads(as_json.stdout)
    assert (row["speaker"], row["quote"], row["outlet"]) == (
        "Jane Doe",
        "We will build it by 2026",
        "Daily Planet",
    )
    as_csv = run("quotes", "--db", str(stored_db), "--format", "csv", "--speaker", "critic")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [r["quote"] for r in rows] == ["the plan would cost $40 million"]
    table = run("quotes", "--db", str(stored_db), "--since", "2024-04-01")
    assert table.exit_code == 0 and "Jane Doe" in table.stdout and "2 quote(s)" in table.stderr
    none = run("quotes", "--db", str(stored_db), "--since", "2025-01-01", "--format", "json")
    assert json.loads(none.stdout) == []


def test_search_prints_snippets(stored_db: Path) -> None:
    table = run("search", "--db", str(stored_db), "bridge")
    assert table.exit_code == 0, table.output
    assert "Mayor pledges new bridge" in table.stdout and "1 hit(s)" in table.stderr
    as_json = run("search", "--db", str(stored_db), "million", "--quotes", "--format", "json")
    [hit] = json.loads(as_json.stdout)
    assert "<mark>million</mark>" in hit["snippet"]


def test_export_jsonl_and_parquet(tmp_path: Path, stored_db: Path) -> None:
    jsonl = run("export", "--db", str(stored_db), "--format", "jsonl")
    assert jsonl.exit_code == 0, jsonl.output
    [record] = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert record["url"] == "https://dp/" and len(record["analysis"]["attributions"]) == 2
    out = tmp_path / "out.parquet"
    parquet = run("export", "--db", str(stored_db), "--format", "parquet", "--output", str(out))
    assert parquet.exit_code == 0 and out.stat().st_size > 0
    assert "exported 1 article(s)" in parquet.stderr


def test_user_errors_are_one_line(tmp_path: Path, stored_db: Path) -> None:
    missing = run("quotes", "--db", str(tmp_path / "nope.db"))
    assert missing.exit_code == 2
    assert "[R030]" in missing.output and "no such corpus database" in missing.output
    assert "Traceback" not in missing.output
    no_output = run("export", "--db", str(stored_db), "--format", "parquet")
    assert no_output.exit_code == 2 and "--output is required" in no_output.output
    bad_date = run("quotes", "--db", str(stored_db), "--since", "May 1st")
    assert bad_date.exit_code == 2
    unwritable = run(
        "export", "--db", str(stored_db), "--format", "jsonl", "--output", str(tmp_path / "x" / "y")
    )
    assert unwritable.exit_code == 2 and "[R030]" in unwritable.output
    assert "cannot write" in unwritable.output
