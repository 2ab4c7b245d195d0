"""Crash safety: an ingest killed with SIGKILL mid-run, then re-run, equals a clean run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

# 20 PolNeAR dev articles: about 4 s of analysis, long enough to be killed mid-run.
ARTICLES = 20
BATCH = 2
# killed once this many articles are committed, i.e. well inside the run
KILL_AFTER = 6

DUMPS = {
    "articles": "SELECT id, title, text, length, analysis_version FROM articles ORDER BY id",
    "attributions": """
        SELECT article_id, position, kind, speaker, source_text, cue, content, channel, spans
        FROM attributions ORDER BY article_id, position""",
    "speakers": "SELECT article_id, name, type, attributions FROM speakers ORDER BY 1, 2",
    "claims": "SELECT article_id, position, kind, text, spans FROM claims ORDER BY 1, 2",
    "repairs": "SELECT article_id, position, kind, spans FROM repairs ORDER BY 1, 2",
    "analyses": "SELECT article_id, record FROM analyses ORDER BY 1",
}
UNIQUE_KEYS = {
    "articles": "id",
    "attributions": "article_id, position",
    "speakers": "article_id, name",
    "claims": "article_id, position",
    "analyses": "article_id",
}


def ingest_command(files: list[Path], db: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "reportedly",
        "ingest",
        *map(str, files),
        "--db",
        str(db),
        "--jobs",
        "1",
        "--batch-size",
        str(BATCH),
        "--no-progress",
    ]


def committed_articles(db: Path) -> int:
    """Articles a reader sees now (only committed transactions, thanks to WAL)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def dump(db: Path) -> dict[str, list[Any]]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        for table, key in UNIQUE_KEYS.items():
            total = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            distinct = conn.execute(f"SELECT count(*) FROM (SELECT DISTINCT {key} FROM {table})")
            assert total == distinct.fetchone()[0], f"duplicates in {table}"
        # every stored article is whole: its analysis record and rows all made it
        orphans = conn.execute(
            "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM analyses)"
        )
        assert orphans.fetchone()[0] == 0
        # the full-text index holds exactly the stored articles
        fts = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        assert fts == conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        return {name: conn.execute(sql).fetchall() for name, sql in DUMPS.items()}


@pytest.mark.slow
def test_a_killed_ingest_is_completed_by_a_rerun(tmp_path: Path, polnear_dir: Path) -> None:
    files = sorted((polnear_dir / "data" / "dev" / "text").glob("*.txt"))[:ARTICLES]
    assert len(files) == ARTICLES
    clean_db, crashed_db = tmp_path / "clean.db", tmp_path / "crashed.db"
    env = os.environ | {"PYTHONUNBUFFERED": "1"}

    clean = subprocess.run(ingest_command(files, clean_db), capture_output=True, text=True, env=env)
    assert clean.returncode == 0, clean.stderr

    victim = subprocess.Popen(ingest_command(files, crashed_db), env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while committed_articles(crashed_db) < KILL_AFTER and victim.poll() is None:
        assert time.monotonic() < deadline, "the ingest made no progress"
        time.sleep(0.01)
    victim.send_signal(signal.SIGKILL)
    assert victim.wait() == -signal.SIGKILL, "the ingest ended before it could be killed"
    at_kill = committed_articles(crashed_db)
    assert KILL_AFTER <= at_kill < ARTICLES
    dump(crashed_db)  # what the killed run left is consistent already

    rerun = subprocess.run(
        ingest_command(files, crashed_db), capture_output=True, text=True, env=env
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"new         {ARTICLES - at_kill}" in rerun.stdout
    assert f"unchanged   {at_kill}" in rerun.stdout

    clean_rows, crashed_rows = dump(clean_db), dump(crashed_db)
    assert len(clean_rows["articles"]) == ARTICLES
    assert clean_rows["attributions"], "the pipeline found no attributions at all"
    for table in DUMPS:
        assert crashed_rows[table] == clean_rows[table], table
