"""The explorer reads the current schema only: an older corpus is brought up to date, or
refused with a one-line reason, never queried through fallback SQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlite_utils import Database

from reportedly.corpus.migrations import MIGRATION_NAMES, MIGRATIONS
from reportedly.corpus.read.connection import Corpus, OlderCorpus, open_current_corpus
from reportedly.web import create_app


def older_corpus(path: Path, stop_before: str = "m007_explorer_speed") -> Path:
    db = Database(path)
    MIGRATIONS.apply(db, stop_before=stop_before)
    db.close()
    return path


def test_an_older_corpus_is_refused_by_the_reader_with_the_fix(tmp_path: Path) -> None:
    path = older_corpus(tmp_path / "old.db")
    with pytest.raises(OlderCorpus, match=r"migration m007_explorer_speed not applied.*serve"):
        Corpus(path)


def test_serve_brings_an_older_corpus_up_to_date_and_searches_it(tmp_path: Path) -> None:
    path = older_corpus(tmp_path / "old.db")
    open_current_corpus(path).close()
    with sqlite3.connect(path) as conn:
        applied = [row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations")]
    assert applied == list(MIGRATION_NAMES)
    client = TestClient(create_app(path), base_url="http://127.0.0.1")
    for query in ("/search?q=putin", "/search?q=putin&scope=quotes&stance=doubtful"):
        answer = client.get(query)
        assert answer.status_code == 200, answer.text
