"""`analyze` reads web pages as `ingest` does: the same article, the same attributions."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PAGES = REPO.parent / "shared" / "datasets" / "article-extraction" / "html"


def _attributions(record: dict[str, object]) -> list[tuple[str, object, object]]:
    found = record["attributions"]
    assert isinstance(found, list)
    return [(a["kind"], a["content"]["spans"], a["source"] and a["source"]["spans"]) for a in found]


@pytest.mark.slow
@pytest.mark.skipif(not PAGES.is_dir(), reason="needs ../shared/datasets/article-extraction")
def test_analyze_and_ingest_give_the_same_attributions_on_181_pages(tmp_path: Path) -> None:
    started = time.perf_counter()
    analyzed = subprocess.run(
        [sys.executable, "-m", "reportedly", "analyze", str(PAGES), "--format", "jsonl",
         "--include-text", "--jobs", "2"],
        capture_output=True, text=True, timeout=1800, check=False,
    )  # fmt: skip
    middle = time.perf_counter()
    db = tmp_path / "pages.db"
    ingested = subprocess.run(
        [sys.executable, "-m", "reportedly", "ingest", str(PAGES), "--db", str(db), "--jobs", "2",
         "--json"],
        capture_output=True, text=True, timeout=1800, check=False,
    )  # fmt: skip
    print(
        f"analyze {middle - started:.0f} s, ingest {time.perf_counter() - middle:.0f} s "
        f"for {len(list(PAGES.iterdir()))} pages"
    )
    assert "Traceback" not in analyzed.stderr + ingested.stderr
    records = [json.loads(line) for line in analyzed.stdout.splitlines()]
    summary = json.loads(ingested.stdout)
    # a page without article text fails in both, with the same reason
    failed_analyze = sorted(
        line for line in analyzed.stderr.splitlines() if line.startswith("error")
    )
    assert len(failed_analyze) == summary["failed"]
    with sqlite3.connect(db) as connection:
        stored = {
            origin: json.loads(record)
            for origin, record in connection.execute(
                "SELECT articles.origin, analyses.record FROM articles "
                "JOIN analyses ON analyses.article_id = articles.id"
            )
        }
        texts = dict(connection.execute("SELECT origin, text FROM articles"))
    assert len(records) >= 170 and len(records) == summary["new"] + summary["unchanged"]
    compared = 0
    for record in records:
        if record["path"] not in stored:  # the same text as an earlier page: stored once
            continue
        assert record["text"] == texts[record["path"]]  # the extracted article, not the markup
        assert "<" not in record["text"][:200] or "meta name" not in record["text"]
        assert _attributions(record) == _attributions(stored[record["path"]]), record["path"]
        compared += 1
    assert compared >= 170
    assert sum(len(r["attributions"]) for r in records) > 500


# a page of the extraction benchmark that is not held out (HELDOUT-PAGES.txt)
AUTO_SHOW = PAGES / "05844573ca7e1fba714d715bb11ca08c26e25328999c74a1cb3bc8a0e4399f0f.html.gz"


@pytest.mark.skipif(not AUTO_SHOW.is_file(), reason="needs ../shared/datasets/article-extraction")
def test_analyze_keeps_the_pages_title_date_and_outlet_as_ingest_does() -> None:
    from click.testing import CliRunner

    from reportedly.cli import cli
    from reportedly.ingest.articles import RawArticle, ReaderConfig
    from reportedly.ingest.sources import read_sources

    (stored,) = read_sources([str(AUTO_SHOW)], ReaderConfig())  # what ingest stores
    assert isinstance(stored, RawArticle)
    runner = CliRunner()
    as_json = runner.invoke(cli, ["analyze", "--format", "json", str(AUTO_SHOW)])
    assert as_json.exit_code == 0, as_json.output
    metadata = json.loads(as_json.stdout)["metadata"]
    assert metadata["title"] == "New SUVs and electric vehicles highlight L.A. Auto Show"
    assert metadata["outlet"] == "Connecticut Post"
    assert metadata["published"] == "2019-11-20"
    for field in ("title", "url", "outlet", "published", "language"):
        assert metadata[field] == getattr(stored, field)
    report = runner.invoke(cli, ["analyze", str(AUTO_SHOW)])
    assert report.exit_code == 0, report.output
    header = report.stdout.split("Who said what", 1)[0]
    assert "page title: New SUVs and electric vehicles highlight L.A. Auto Show" in header
    assert "Connecticut Post · 2019-11-20 · https://www.ctpost.com/" in " ".join(header.split())
