"""Ingest end to end with the real pipeline into a real SQLite file, every source format at once."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from reportedly.corpus.load import (
    Analyzer,
    IngestEvent,
    IngestOptions,
    ingest,
    pipeline_analyzer,
)
from reportedly.corpus.store import open_db
from reportedly.errors import ModelError
from reportedly.ingest.sources import ReaderConfig
from reportedly.records import Analysis

OFFLINE = IngestOptions(jobs=1, reader=ReaderConfig(fetch_pages=False))
ATTRIBUTIONS_DUMP = """
SELECT article_id, position, kind, speaker, cue, content, spans
FROM attributions ORDER BY article_id, position
"""
TABLES = ("articles", "attributions", "speakers", "claims", "signals", "repairs", "analyses")


@pytest.fixture(scope="session")
def pipeline() -> Analyzer:
    return pipeline_analyzer()


@pytest.fixture
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database outside the input directories (tmp_path holds the inputs)."""
    return tmp_path_factory.mktemp("db") / "corpus.db"


class Recorder:
    """Wraps an analyzer and records every text it is asked to analyze."""

    def __init__(self, inner: Analyzer, *, version: str | None = None, fail_on: str = "") -> None:
        self.inner = inner
        self.version = version or inner.version
        self.fail_on = fail_on
        self.texts: list[str] = []

    def analyzer(self) -> Analyzer:
        return Analyzer(many=self.many, one=self.one, version=self.version)

    def many(self, texts: Iterable[str], jobs: int) -> Iterator[Analysis]:
        for analysis in self.inner.many(self._seen(texts), jobs):
            self._check(analysis.text)
            yield replace(analysis, version=self.version)

    def one(self, text: str) -> Analysis:
        self.texts.append(text)
        self._check(text)
        return replace(self.inner.one(text), version=self.version)

    def _seen(self, texts: Iterable[str]) -> Iterator[str]:
        for text in texts:
            self.texts.append(text)
            yield text

    def _check(self, text: str) -> None:
        if self.fail_on and self.fail_on in text:
            raise RuntimeError("the analyzer broke on this one")


def table_counts(db: Database) -> dict[str, int]:
    return {table: db.table(table).count for table in TABLES}


@pytest.fixture
def mixed_sources(tmp_path: Path, kit: Any, real_page: Any) -> tuple[Path, int]:
    """A directory with every format, good and bad; returns it and the number of good articles."""
    root = tmp_path / "inputs"
    root.mkdir()
    (root / "story.txt").write_text(kit.QUOTE_ARTICLE, encoding="utf-8")
    (root / "batch.jsonl").write_text(
        "\n".join(
            [
                json.dumps({"text": "The senator said the vote was close.", "outlet": "Wire"}),
                '{"text": "broken',
                json.dumps({"html": kit.html_page("Budget", kit.LONG_PARAGRAPHS).decode()}),
            ]
        ),
        encoding="utf-8",
    )
    (root / "page.html").write_bytes(real_page(kit.NYT_PAGE))
    (root / "planet.rss").write_bytes(
        kit.rss_feed(
            [
                {"title": "Bridge", "description": "<p>“It opens today,” the mayor said.</p>"},
                {"title": "Rain", "description": "<p>Rain is expected, forecasters said.</p>"},
            ]
        )
    )
    (root / "times.atom").write_bytes(
        kit.atom_feed(
            [
                {
                    "title": "Storm",
                    "link": "https://atom.example/storm",
                    "updated": "2024-05-02T06:00:00Z",
                    "content": "&lt;p&gt;A storm is coming, officials warned.&lt;/p&gt;",
                }
            ]
        )
    )
    page_a = kit.html_page("Crawl A", kit.LONG_PARAGRAPHS[:2])
    page_b = kit.html_page("Crawl B", kit.LONG_PARAGRAPHS[1:])
    pages = [
        ("https://warc.example/a", "200 OK", page_a, "text/html"),
        ("https://warc.example/b", "200 OK", page_b, "text/html"),
    ]
    (root / "crawl.warc.gz").write_bytes(kit.warc_bytes(pages, gzip_records=True))
    # bad inputs inside the same batch
    (root / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (root / "broken.xml").write_bytes(b'<?xml version="1.0"?><rss version="2.0"><channel><ti')
    cut = kit.warc_bytes(pages, gzip_records=False)
    (root / "cut.warc").write_bytes(cut[: len(cut) - 150])
    good = 1 + 2 + 1 + 2 + 1 + 2
    return root, good


def test_every_format_is_ingested_and_bad_inputs_are_reported(
    db_path: Path, mixed_sources: tuple[Path, int], pipeline: Analyzer
) -> None:
    root, good = mixed_sources
    db = open_db(db_path)
    events: list[IngestEvent] = []
    summary = ingest([str(root)], db, OFFLINE, analyzer=pipeline, on_event=events.append)

    reasons = {Path(f.name.split("@")[0].split(":")[0]).name: f.reason for f in summary.failures}
    assert set(reasons) == {"binary.txt", "broken.xml", "batch.jsonl", "cut.warc"}
    assert "binary" in reasons["binary.txt"]
    assert reasons["broken.xml"].startswith("malformed feed")
    assert reasons["batch.jsonl"].startswith("invalid JSON")
    assert "truncated WARC record" in reasons["cut.warc"]
    # the first record of the truncated WARC is whole: it is read, and is the same
    # text as crawl.warc.gz's first page, so it is not stored twice
    assert (summary.new, summary.unchanged, summary.failed) == (good, 1, 4)
    assert len(events) == good + 1 + 4
    assert db.table("articles").count == good

    by_origin = {Path(row["origin"]).name: row for row in db.query("SELECT * FROM articles")}
    assert (
        by_origin["page.html"]["url"]
        == "https://www.nytimes.com/2019/11/19/opinion/republicans-elections-impeachment.html"
    )
    assert by_origin["planet.rss#entry1"]["outlet"] == "Daily Planet"
    assert by_origin["batch.jsonl:1"]["outlet"] == "Wire"
    assert by_origin["times.atom#entry1"]["published"] == "2024-05-02T06:00:00+00:00"
    crawl = {row["url"] for row in db.query("SELECT url FROM articles WHERE url LIKE '%warc%'")}
    assert crawl == {"https://warc.example/a", "https://warc.example/b"}

    # the story's direct quote is found, with offsets into the stored text
    story = by_origin["story.txt"]
    rows = list(db.query("SELECT * FROM attributions WHERE article_id = ?", [story["id"]]))
    quote = next(r for r in rows if "We will build it by 2026" in r["content"])
    quoted = story["text"][quote["content_start"] : quote["content_end"]]
    assert "We will build it by 2026" in quoted
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_second_run_analyzes_nothing_and_adds_nothing(
    db_path: Path, mixed_sources: tuple[Path, int], pipeline: Analyzer
) -> None:
    root, good = mixed_sources
    db = open_db(db_path)
    ingest([str(root)], db, OFFLINE, analyzer=pipeline)
    before = table_counts(db)
    recorder = Recorder(pipeline)
    summary = ingest([str(root)], db, OFFLINE, analyzer=recorder.analyzer())
    assert recorder.texts == []
    assert (summary.new, summary.reanalyzed, summary.unchanged) == (0, 0, good + 1)
    assert table_counts(db) == before


def test_the_same_text_twice_is_one_article(
    tmp_path: Path, db_path: Path, pipeline: Analyzer, kit: Any
) -> None:
    (tmp_path / "a.txt").write_text(kit.QUOTE_ARTICLE, encoding="utf-8")
    respaced = "  " + kit.QUOTE_ARTICLE.replace("\n\n", "\n \n") + "\n"
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"text": respaced, "url": "https://b.example/"}) + "\n", encoding="utf-8"
    )
    db = open_db(db_path)
    summary = ingest(
        [str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl")], db, OFFLINE, analyzer=pipeline
    )
    assert (summary.new, summary.unchanged) == (1, 1)
    assert db.table("articles").count == 1


def test_reanalyze_runs_only_articles_of_older_versions(
    tmp_path: Path, db_path: Path, pipeline: Analyzer, kit: Any
) -> None:
    texts = {
        name: kit.QUOTE_ARTICLE.replace("Monday", day)
        for name, day in (("old1", "Tuesday"), ("old2", "Friday"), ("current", "Sunday"))
    }
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    db = open_db(db_path)
    old = Recorder(pipeline, version="0.0.1/reportedly.analysis/1")
    ingest([str(tmp_path / "old*.txt")], db, OFFLINE, analyzer=old.analyzer())
    ingest([str(tmp_path / "current.txt")], db, OFFLINE, analyzer=pipeline)
    before = table_counts(db)

    plain = Recorder(pipeline)
    ingest([str(tmp_path)], db, OFFLINE, analyzer=plain.analyzer())
    assert plain.texts == []  # without --reanalyze nothing is redone

    again = Recorder(pipeline)
    options = replace(OFFLINE, reanalyze=True)
    summary = ingest([str(tmp_path)], db, options, analyzer=again.analyzer())
    assert sorted(again.texts) == sorted([texts["old1"], texts["old2"]])
    assert (summary.new, summary.reanalyzed, summary.unchanged) == (0, 2, 1)
    versions = {row[0] for row in db.execute("SELECT analysis_version FROM articles")}
    assert versions == {pipeline.version}
    assert table_counts(db) == before  # replaced, not added


def test_an_analyzer_failure_fails_one_article_only(
    tmp_path: Path, db_path: Path, pipeline: Analyzer, kit: Any
) -> None:
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    for day in days:
        (tmp_path / f"{day}.txt").write_text(
            kit.QUOTE_ARTICLE.replace("Monday", day), encoding="utf-8"
        )
    db = open_db(db_path)
    broken = Recorder(pipeline, fail_on="Wednesday")
    options = replace(OFFLINE, batch_size=2)
    summary = ingest([str(tmp_path)], db, options, analyzer=broken.analyzer())
    assert summary.new == 4
    [failure] = summary.failures
    assert failure.name.endswith("Wednesday.txt")
    assert failure.reason == "analysis failed (RuntimeError: the analyzer broke on this one)"
    stored = {row[0] for row in db.execute("SELECT text FROM articles")}
    assert not any("Wednesday" in text for text in stored)
    assert len(stored) == 4


def test_parallel_analysis_stores_what_a_single_process_does(
    tmp_path: Path, pipeline: Analyzer, polnear_dir: Path
) -> None:
    files = sorted((polnear_dir / "data" / "dev" / "text").glob("*.txt"))[:4]
    dumps = []
    for jobs in (1, 2):
        db = open_db(tmp_path / f"jobs{jobs}.db")
        summary = ingest(
            [str(f) for f in files], db, replace(OFFLINE, jobs=jobs), analyzer=pipeline
        )
        assert summary.new == 4
        dumps.append(list(db.query(ATTRIBUTIONS_DUMP)))
    assert dumps[0] == dumps[1] and dumps[0]


def test_an_analyzer_that_cannot_start_is_one_error_not_a_loop(
    tmp_path: Path, db_path: Path, pipeline: Analyzer, kit: Any
) -> None:
    def broken_many(texts: Iterable[str], jobs: int) -> Iterator[Analysis]:
        raise OSError("no processes left")
        yield  # a generator, like analyze_many

    (tmp_path / "a.txt").write_text(kit.QUOTE_ARTICLE, encoding="utf-8")
    broken = Analyzer(many=broken_many, one=pipeline.one, version=pipeline.version)
    with pytest.raises(ModelError, match=r"could not start.*no processes left"):
        ingest([str(tmp_path)], open_db(db_path), OFFLINE, analyzer=broken)
