"""Every attribution's identity in `quotes --format jsonl` and the export (issue 25), so a
researcher can count quotes by person."""

from __future__ import annotations

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
def linked_db(tmp_path: Path, kit: Any) -> Path:
    path = tmp_path / "linked.db"
    db = open_db(path)
    analysis = kit.quote_analysis()
    article = RawArticle(analysis.text, "story.txt", outlet="Daily Planet", published="2024-05-01")
    save_articles(db, [AnalyzedArticle(article.id, article, analysis)])
    db.close()
    linked = run("link", "--db", str(path))
    assert linked.exit_code == 0, linked.output
    return path


def test_quotes_as_json_lines_carry_the_identity(linked_db: Path) -> None:
    result = run("quotes", "--db", str(linked_db), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    by_speaker = {row["speaker"]: row for row in rows}
    doe = by_speaker["Jane Doe"]
    assert isinstance(doe["person_id"], int)
    assert (doe["person"], doe["person_kind"]) == ("Jane Doe", "person")
    assert by_speaker["Critics"]["person_id"] is None  # an unnamed source has none


def test_the_export_carries_the_identities(linked_db: Path, tmp_path: Path) -> None:
    result = run("export", "--db", str(linked_db), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    identities = record["identities"]
    assert len(identities) == len(record["analysis"]["attributions"])
    assert identities[0]["person"] == "Jane Doe" and isinstance(identities[0]["person_id"], int)
    assert identities[1] is None

    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "corpus.parquet"
    assert (
        run("export", "--db", str(linked_db), "--format", "parquet", "--output", str(out)).exit_code
        == 0
    )
    attributions = pq.read_table(out).to_pylist()[0]["attributions"]
    assert attributions[0]["person_id"] == identities[0]["person_id"]
    assert attributions[0]["person"] == "Jane Doe"
