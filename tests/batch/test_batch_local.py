"""The local engine: records as the single-process path makes them, reruns, faults, memory."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from reportedly.batch import BatchOptions, list_shards, run_batch
from reportedly.batch.records import compact_json, shard_schema
from reportedly.batch.shards import read_rows
from reportedly.cli import cli
from reportedly.config import AnalysisConfig, analysis_version
from reportedly.corpus.link.run import MARKED_ORIGIN
from reportedly.corpus.load import Analyzer, ingest
from reportedly.corpus.store import open_db
from reportedly.ingest.sources import article_id

# real worker processes, end to end: left out of the fast loop
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]


def rows_of(out: Path) -> list[dict[str, Any]]:
    return list(read_rows(list_shards(str(out))))


def test_records_are_byte_for_byte_those_of_the_single_process_path(
    tmp_path: Path, dev_files: list[Path], reference: dict[str, str]
) -> None:
    out = tmp_path / "out"
    options = BatchOptions(workers=2, batch_size=4, rows_per_shard=5)
    summary = run_batch([str(p) for p in dev_files], str(out), options)
    assert (summary.analysed, summary.failed, summary.skipped) == (len(dev_files), 0, 0)
    rows = rows_of(out)
    assert len(summary.shards) == 3  # 12 rows, 5 per shard
    assert all(pq.read_schema(s).names == shard_schema().names for s in summary.shards)
    assert sorted(r["origin"] for r in rows) == sorted(str(p) for p in dev_files)
    for row in rows:
        assert row["status"] == "ok" and row["reason"] is None
        assert row["id"] == article_id(row["text"])
        assert row["analysis"] == reference[row["id"]], row["origin"]
    # both workers took part, each reporting its peak memory
    assert len(summary.worker_peak_mb) == 2
    assert all(100 < peak < 4096 for peak in summary.worker_peak_mb.values())


def test_the_jobs_analysis_config_reaches_the_workers(
    tmp_path: Path, dev_files: list[Path]
) -> None:
    rules_only = AnalysisConfig(without={"model"})
    options = BatchOptions(workers=1, batch_size=2, analysis=rules_only)
    summary = run_batch([str(p) for p in dev_files[:2]], str(tmp_path / "out"), options)
    assert summary.analysed == 2
    rows = rows_of(tmp_path / "out")
    assert {row["analysis_version"] for row in rows} == {analysis_version(rules_only)}
    assert all("+rules~fast/" in row["analysis_version"] for row in rows)


def test_records_are_those_of_reportedly_analyze_jsonl(
    tmp_path: Path, dev_files: list[Path]
) -> None:
    paths = [str(p) for p in dev_files[:2]]
    analyzed = CliRunner().invoke(cli, ["analyze", "--format", "jsonl", *paths])
    assert analyzed.exit_code == 0, analyzed.output
    # one article a batch, a progress line after each (stderr is not a terminal here)
    batch_args = ["--batch-size", "1", "--progress-interval", "0"]
    batched = CliRunner().invoke(
        cli, ["batch", *paths, "--out", str(tmp_path / "out"), *batch_args]
    )
    assert batched.exit_code == 0, batched.output
    progress = [line for line in batched.stderr.splitlines() if line.startswith("batch:")]
    assert progress[0] == "batch: 1/2 articles, 0 failed", batched.stderr
    assert re.fullmatch(r"batch: 2/2 articles, 0 failed, 0:00 left", progress[-1]), progress
    assert "batch:" not in batched.stdout  # the summary alone on stdout
    shard = {row["origin"]: row["analysis"] for row in rows_of(tmp_path / "out")}
    for line in analyzed.stdout.splitlines():
        record = json.loads(line)
        path = record.pop("path")
        record.pop("metadata", None)  # the page's title, date, outlet: shard columns in a batch
        assert compact_json(record) == shard[path]


def test_a_rerun_skips_what_the_output_holds(tmp_path: Path, dev_files: list[Path]) -> None:
    out = tmp_path / "out"
    first = run_batch([str(p) for p in dev_files[:3]], str(out), BatchOptions())
    assert first.analysed == 3
    again = run_batch([str(p) for p in dev_files[:4]], str(out), BatchOptions())
    assert (again.analysed, again.skipped) == (1, 3)
    ids = [row["id"] for row in rows_of(out)]
    assert len(ids) == len(set(ids)) == 4


def test_ingest_stores_shards_without_analysing_again(
    tmp_path: Path, dev_files: list[Path], reference: dict[str, str]
) -> None:
    out = tmp_path / "out"
    run_batch([str(p) for p in dev_files[:5]], str(out), BatchOptions(rows_per_shard=2))

    def refuse(*args: object) -> Any:
        raise AssertionError("a shard was analysed again")

    def many(texts: Any, jobs: int) -> Any:
        return (refuse() for _ in texts)  # the analyzer is started, and must get no text

    db = open_db(tmp_path / "corpus.db")
    summary = ingest([str(out)], db, analyzer=Analyzer(many=many, one=refuse, version="x"))
    assert (summary.new, summary.failed) == (5, 0)
    stored = dict(db.execute("SELECT article_id, record FROM analyses").fetchall())
    assert stored == {key: reference[key] for key in stored}
    texts = dict(db.execute("SELECT id, text FROM articles").fetchall())
    assert all(article_id(text) == key for key, text in texts.items())
    # the usual corpus rows are there: attributions and speakers come from the same records
    # (linking adds quotes found only by their quotation marks, under an origin of its own)
    attributions = db.execute(
        "SELECT count(*) FROM attributions WHERE origin IS NOT ?", (MARKED_ORIGIN,)
    ).fetchone()[0]
    assert attributions == sum(len(json.loads(r)["attributions"]) for r in stored.values())
    db.close()
    # through the CLI, a second load changes nothing
    result = CliRunner().invoke(cli, ["ingest", str(out), "--db", str(tmp_path / "corpus.db")])
    assert result.exit_code == 0, result.output
    assert "unchanged   5" in result.output


def test_bad_input_and_failing_articles_are_recorded_and_the_job_completes(
    tmp_path: Path, bad_inputs: Any, faulty: str
) -> None:
    out = tmp_path / "out"
    options = BatchOptions(workers=2, batch_size=4, analyser=faulty)
    summary = run_batch([str(bad_inputs.folder)], str(out), options)
    rows = rows_of(out)
    failed = {Path(r["origin"]).name: r["reason"] for r in rows if r["status"] != "ok"}
    assert failed == {
        "image.txt": "binary data (NUL byte), not text",
        "articles.jsonl:2": failed["articles.jsonl:2"],
        "articles.jsonl:3": "analysis failed (RuntimeError: planted failure)",
    }
    assert failed["articles.jsonl:2"].startswith("invalid JSON")
    ok = [row for row in rows if row["status"] == "ok"]
    # the article whose worker was SIGKILLed mid-batch was analysed once, by another worker
    assert bad_inputs.kill_flag.exists()
    assert sorted(row["text"] for row in ok) == sorted(bad_inputs.good)
    assert summary.restarts == 1 and summary.failed == 3
    # and the CLI says so with exit status 2
    result = CliRunner().invoke(cli, ["batch", str(bad_inputs.folder), "--out", str(out)])
    assert result.exit_code == 0  # everything is in the output already: nothing failed now
    assert "skipped     6" in result.output


def test_a_worker_past_its_memory_limit_is_recycled(
    tmp_path: Path, dev_files: list[Path], reference: dict[str, str]
) -> None:
    out = tmp_path / "out"
    options = BatchOptions(workers=1, batch_size=2, memory_limit_mb=1)
    summary = run_batch([str(p) for p in dev_files[:4]], str(out), options)
    assert summary.analysed == 4
    assert summary.recycled == 2  # after each of its two batches
    rows = rows_of(out)
    assert len({row["worker"] for row in rows}) == 2  # one process per batch
    assert all(row["analysis"] == reference[row["id"]] for row in rows)


def test_a_missing_source_is_one_failed_row(tmp_path: Path) -> None:
    missing, out = str(tmp_path / "nowhere.txt"), str(tmp_path / "out")
    result = CliRunner().invoke(cli, ["batch", missing, "--out", out])
    assert result.exit_code == 2
    assert "nowhere.txt: no such file" in result.output


def test_a_record_is_rebuilt_exactly_or_refused() -> None:
    from reportedly import analyze
    from reportedly.batch.records import analysis_from_record, record_json

    text = (REPO / "examples" / "seed-article.txt").read_text(encoding="utf-8")
    analysis = analyze(text)
    record = record_json(analysis)
    assert analysis.repairs and analysis.attributions and analysis.claims  # every part is there
    assert analysis_from_record(record, text) == analysis
    newer = json.loads(record)
    newer["attributions"][0]["confidence"] = 0.9  # a field this version does not know
    with pytest.raises(ValueError, match="not rebuilt exactly"):
        analysis_from_record(compact_json(newer), text)
    with pytest.raises(ValueError, match="does not belong"):
        analysis_from_record(record, text + " more")


def test_progress_lines_give_the_total_the_failures_and_the_time_left() -> None:
    from reportedly.batch.job import BatchProgress
    from reportedly.cli.progress import BatchProgressLines

    stream = io.StringIO()
    lines = BatchProgressLines(interval=10.0, stream=stream)
    # 10 skipped of 850: 840 to do; the first 20 done at 30 s (model loading), 100 more by 40 s
    lines(BatchProgress(done=0, failed=0, skipped=10, total=850, seconds=29.0))
    lines(BatchProgress(done=20, failed=1, skipped=10, total=850, seconds=30.0))
    lines(BatchProgress(done=60, failed=2, skipped=10, total=850, seconds=35.0))  # too soon
    lines(BatchProgress(done=120, failed=3, skipped=10, total=850, seconds=40.0))
    assert stream.getvalue().splitlines() == [
        "batch: 0/840 articles, 0 failed, 10 already in the output",
        "batch: 120/840 articles, 3 failed, 10 already in the output, 1:12 left",
    ]
    unknown = BatchProgressLines(interval=0.0, stream=stream)
    assert unknown.line(BatchProgress(7, 0, 0, None, 3.0)) == "batch: 7 articles, 0 failed"
