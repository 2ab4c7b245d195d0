"""A batch job: options, the summary it ends with, and the local engine's driver.

Both engines read the same refs (:mod:`.inputs`), skip what the output
already holds (:func:`.shards.recorded`), analyse with the same
:class:`~.work.RowAnalyser` and write the same shard rows; they differ in
where the work runs. ``local`` runs a pool of processes on this machine
(:mod:`.local`); ``ray`` runs a Ray Data actor pool (:mod:`.ray_engine`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Literal

from ..config import DEFAULT_ANALYSIS, AnalysisConfig
from ..ingest.sources import ReaderConfig, count_ahead
from .inputs import PARQUET_SUFFIX, expand_sources, is_remote, item_row, read_ref
from .local import LocalPool
from .shards import Recorded, ShardWriter, recorded
from .work import DEFAULT_ANALYSER

Engine = Literal["local", "ray"]


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How a batch job runs; the defaults are ``reportedly batch``'s."""

    engine: Engine = "local"
    # local processes, or Ray actors (each holds one loaded model and uses one CPU)
    workers: int = 1
    # a Ray cluster to join (``ray://host:10001`` or ``host:6379``); None starts one here
    address: str | None = None
    # articles analysed together (one nlp.pipe call)
    batch_size: int = 8
    # rows per shard file written by the local engine
    rows_per_shard: int = 1000
    # a worker whose resident memory passes this (MiB) is replaced after its batch; 0: never.
    # A worker analysing news articles settles at about 450 MiB (docs/scale.md).
    memory_limit_mb: float = 2048.0
    # "module:function" analysing a list of texts (tests put a faulty one here)
    analyser: str = DEFAULT_ANALYSER
    # what the analysis does (its parts, time limit, repair settings, language)
    analysis: AnalysisConfig = DEFAULT_ANALYSIS
    # object store of a Ray instance started here (MiB); None: Ray's default
    object_store_mb: int | None = None
    reader: ReaderConfig = field(default_factory=ReaderConfig)


@dataclass
class BatchSummary:
    """What a job did; ``worker_peak_mb`` is each worker's peak resident memory."""

    engine: Engine
    workers: int
    analysed: int = 0
    failed: int = 0
    skipped: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    worker_peak_mb: dict[str, float] = field(default_factory=dict)
    # CPU seconds each worker spent analysing (model loading aside)
    worker_cpu_s: dict[str, float] = field(default_factory=dict)
    shards: list[str] = field(default_factory=list)
    seconds: float = 0.0
    startup_seconds: float | None = None
    recycled: int = 0
    restarts: int = 0
    notes: list[str] = field(default_factory=list)

    def count(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            if row["status"] == "ok":
                self.analysed += 1
            else:
                self.failed += 1
                self.failures.append((row["origin"], row["reason"] or ""))
            worker, peak = row.get("worker"), row.get("worker_peak_mb")
            if worker and peak is not None:
                self.worker_peak_mb[worker] = max(self.worker_peak_mb.get(worker, 0.0), peak)
            cpu = row.get("worker_cpu_s")
            if worker and cpu is not None:
                self.worker_cpu_s[worker] = max(self.worker_cpu_s.get(worker, 0.0), cpu)

    @property
    def peak_mb(self) -> float | None:
        return max(self.worker_peak_mb.values()) if self.worker_peak_mb else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "workers": self.workers,
            "analysed": self.analysed,
            "failed": self.failed,
            "skipped": self.skipped,
            "failures": [{"name": name, "reason": reason} for name, reason in self.failures],
            "seconds": round(self.seconds, 3),
            "startup_seconds": (
                None if self.startup_seconds is None else round(self.startup_seconds, 3)
            ),
            "worker_peak_mb": self.worker_peak_mb,
            "peak_mb": self.peak_mb,
            "worker_cpu_s": self.worker_cpu_s,
            "recycled": self.recycled,
            "restarts": self.restarts,
            "shards": self.shards,
            "notes": self.notes,
        }


@dataclass(frozen=True, slots=True)
class BatchProgress:
    """Where a running job stands: sent to ``run_batch``'s ``on_progress`` as it goes."""

    done: int  # articles analysed or recorded as failed (failed inputs included)
    failed: int
    skipped: int  # already in the output
    # articles and failed inputs the sources hold, when known without reading them
    total: int | None
    seconds: float  # since the job started

    @property
    def to_do(self) -> int | None:
        """How many articles the job has to analyse in all (the skipped ones aside)."""
        return None if self.total is None else max(self.done, self.total - self.skipped)


ProgressCallback = Callable[[BatchProgress], None]


def count_items(sources: list[str]) -> int | None:
    """What the sources hold (as :func:`~reportedly.ingest.sources.count_ahead`), or None
    when that needs reading them: Parquet files and remote sources."""
    for source in sources:
        if is_remote(source) or source.lower().endswith(PARQUET_SUFFIX):
            return None
        path = Path(source)
        if path.is_dir() and any(p.suffix.lower() == PARQUET_SUFFIX for p in path.rglob("*")):
            return None
    return count_ahead(sources)


def run_batch(
    sources: Iterable[str],
    out: str,
    options: BatchOptions,
    on_progress: ProgressCallback | None = None,
) -> BatchSummary:
    """Analyse every article of ``sources`` not yet in ``out``; write shards into ``out``.
    ``on_progress`` hears how far the job is, from the driver, after each batch (local)
    or every second (Ray)."""
    sources = list(sources)
    progress = Progress(on_progress, count_items(sources) if on_progress else None)
    if options.engine == "ray":
        from .ray_engine import run_ray

        return run_ray(sources, out, options, progress)
    return run_local(sources, out, options, progress)


class Progress:
    """Sends a job's :class:`BatchProgress` to its callback (if any)."""

    def __init__(self, callback: ProgressCallback | None, total: int | None) -> None:
        self.callback = callback
        self.total = total
        self.started = time.perf_counter()

    def __call__(self, done: int, failed: int, skipped: int) -> None:
        if self.callback is not None:
            seconds = time.perf_counter() - self.started
            self.callback(BatchProgress(done, failed, skipped, self.total, seconds))


def select_rows(
    sources: Iterable[str], done: Recorded, summary: BatchSummary, reader: ReaderConfig
) -> Iterator[dict[str, Any]]:
    """Rows to write: failed inputs and articles to analyse, less what ``done`` holds.

    The same text twice in one job is analysed once (as ``ingest`` stores it once).
    """
    seen: set[str] = set()
    for ref in expand_sources(sources):
        for item in read_ref(ref, reader):
            row = item_row(item)
            if done.holds(row) or (row["id"] is not None and row["id"] in seen):
                summary.skipped += 1
                continue
            if row["id"] is not None:
                seen.add(row["id"])
            yield row


def run_local(
    sources: list[str], out: str, options: BatchOptions, progress: Progress | None = None
) -> BatchSummary:
    started = time.perf_counter()
    summary = BatchSummary("local", options.workers)
    done = recorded(out)
    summary.notes += [f"unreadable shard, analysed again: {s}" for s in done.unreadable]
    writer = ShardWriter(out, options.rows_per_shard)
    pool = LocalPool(options.workers, options.analyser, options.memory_limit_mb, options.analysis)
    batch: list[dict[str, Any]] = []

    def batches() -> Iterator[list[dict[str, Any]]]:
        rows = select_rows(sources, done, summary, options.reader)
        while chunk := list(islice(rows, options.batch_size)):
            failed = [row for row in chunk if row["status"] != "pending"]
            pending = [row for row in chunk if row["status"] == "pending"]
            if failed:  # nothing to analyse: written as read
                writer.add(failed)
                summary.count(failed)
                report()
            if pending:
                yield pending

    def report() -> None:
        if progress is not None:
            done = summary.analysed + summary.failed
            progress(done, summary.failed, summary.skipped)

    try:
        for batch in pool.map(batches()):
            writer.add(batch)
            summary.count(batch)
            report()
    finally:
        writer.close()  # what was analysed is kept, even when the job stops on an error
        summary.shards = writer.written
        summary.seconds = time.perf_counter() - started
    summary.startup_seconds = pool.stats.startup_seconds
    summary.recycled, summary.restarts = pool.stats.recycled, pool.stats.restarts
    summary.notes += pool.stats.notes
    return summary
