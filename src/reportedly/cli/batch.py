"""``reportedly batch SOURCE... --out DIR``: analysis into Parquet shards, locally or on Ray."""

from __future__ import annotations

import contextlib
import json
import logging
import sys
from typing import TYPE_CHECKING

import click

from .app import analysis_config, cli, mode_option, on_interrupt
from .corpus import MAX_LISTED, QUIET_LOGGERS

if TYPE_CHECKING:  # the batch engine loads on first use: `reportedly --help` stays quick
    from collections.abc import Callable, Iterator

    from ..batch.job import BatchProgress, BatchSummary


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--out",
    required=True,
    help="Folder (local path or a URI such as s3://bucket/prefix) the shards are written to.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="local: processes on this machine; ray: a Ray Data actor pool (needs reportedly[ray]).",
)
@click.option(
    "--address",
    envvar="RAY_ADDRESS",
    help="Ray cluster to join (e.g. ray://head:10001; default: RAY_ADDRESS, as a `ray job "
    "submit` driver has it); without either, start Ray on this machine.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1),
    help="Worker processes (local) or actors (ray); each loads the model once.",
)
@click.option(
    "--batch-size",
    default=8,
    show_default=True,
    type=click.IntRange(1),
    help="Articles analysed together.",
)
@click.option(
    "--rows-per-shard",
    default=1000,
    show_default=True,
    type=click.IntRange(1),
    help="Articles per shard file (at least, with Ray).",
)
@click.option(
    "--memory-limit",
    "memory_limit_mb",
    default=2048.0,
    show_default=True,
    type=click.FloatRange(0),
    help="MiB of resident memory past which a worker is replaced after its batch (0: never).",
)
@click.option(
    "--object-store-memory",
    "object_store_mb",
    type=click.IntRange(50),
    help="MiB of object store for a Ray instance started here.",
)
@click.option(
    "--fetch/--no-fetch",
    default=True,
    show_default=True,
    help="Fetch the page of each feed entry.",
)
@click.option(
    "--progress/--no-progress",
    default=True,
    show_default=True,
    help="Show the articles done, of how many, and the time left on stderr: a live bar on "
    "a terminal, else a line every --progress-interval seconds.",
)
@click.option(
    "--progress-interval",
    default=10.0,
    show_default=True,
    type=click.FloatRange(0),
    metavar="SECONDS",
    help="Seconds between progress lines when stderr is not a terminal.",
)
@mode_option
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def batch(
    sources: tuple[str, ...],
    out: str,
    engine: str,
    address: str | None,
    workers: int,
    batch_size: int,
    rows_per_shard: int,
    memory_limit_mb: float,
    object_store_mb: int | None,
    fetch: bool,
    progress: bool,
    progress_interval: float,
    mode: str,
    as_json: bool,
) -> None:
    """Analyse articles into Parquet shards of analysis records in OUT.

    SOURCES are what `reportedly ingest` reads (files, folders, globs, JSONL,
    HTML, feeds, WARC), Parquet files of articles (a text or html column),
    and URIs of any filesystem pyarrow reads (s3://, gs://). Articles already
    in OUT are skipped; a failing article is recorded as failed with its
    reason. Load the shards with `reportedly ingest OUT --db corpus.db`.
    Exit status 2 if any input or article failed.
    """
    from ..batch.job import BatchOptions, run_batch
    from ..ingest.sources import ReaderConfig

    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    options = BatchOptions(
        engine="ray" if engine == "ray" else "local",
        workers=workers,
        address=address,
        batch_size=batch_size,
        rows_per_shard=rows_per_shard,
        memory_limit_mb=memory_limit_mb,
        object_store_mb=object_store_mb,
        reader=ReaderConfig(fetch_pages=fetch),
        analysis=analysis_config(mode=mode),
    )
    with batch_progress(progress, progress_interval) as show:
        last: list[BatchProgress] = []

        def on_progress(state: BatchProgress) -> None:
            last[:] = [state]
            if show is not None:
                show(state)

        on_interrupt(lambda: interrupted_batch(last[0] if last else None, out))
        summary = run_batch(sources, out, options, on_progress)
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_batch_summary(summary, out))
    if summary.failed:
        raise SystemExit(2)


def interrupted_batch(state: BatchProgress | None, out: str) -> str:
    """What an interrupted job had written (its analysed rows are written on the way out)."""
    done = state.done if state is not None else 0
    to_do = state.to_do if state is not None else None
    return f"{done}{f' of {to_do}' if to_do is not None else ''} articles written to {out}; " + (
        "rerun to continue"
    )


@contextlib.contextmanager
def batch_progress(
    enabled: bool, interval: float
) -> Iterator[Callable[[BatchProgress], None] | None]:
    """The progress callback of a batch job: a bar on a terminal, else lines (or none)."""
    if not enabled:
        yield None
        return
    from .progress import BatchProgressBar, BatchProgressLines

    if not sys.stderr.isatty():
        yield BatchProgressLines(interval)
        return
    with BatchProgressBar() as bar:
        yield bar


def format_batch_summary(summary: BatchSummary, out: str) -> str:
    rate = summary.analysed / summary.seconds if summary.seconds > 0 else 0.0
    lines = [
        f"{out}: {summary.analysed} analysed in {summary.seconds:.1f} s ({rate:.2f} articles/s, "
        f"{summary.engine}, {summary.workers} worker(s))",
        f"  skipped     {summary.skipped} (already in the output)",
        f"  failed      {summary.failed}",
    ]
    lines += [f"    {name}: {reason}" for name, reason in summary.failures[:MAX_LISTED]]
    if summary.failed > MAX_LISTED:
        lines.append(f"    … and {summary.failed - MAX_LISTED} more (see --json)")
    if summary.worker_peak_mb:
        peaks = ", ".join(f"{peak:.0f}" for peak in sorted(summary.worker_peak_mb.values()))
        lines.append(f"  peak memory per worker (MiB): {peaks}")
    if summary.recycled or summary.restarts:
        lines.append(f"  workers recycled {summary.recycled}, restarted {summary.restarts}")
    lines.append(f"  shards      {len(summary.shards)} written")
    lines += [f"  note: {note}" for note in summary.notes[:MAX_LISTED]]
    return "\n".join(lines)
