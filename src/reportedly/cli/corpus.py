"""Corpus commands ``ingest``, ``quotes``, ``search``, ``export``: a thin layer over the corpus."""

from __future__ import annotations

import csv
import json
import logging
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from ..corpus.ingest import IngestEvent, IngestOptions, IngestSummary
from ..corpus.ingest import ingest as ingest_sources
from ..corpus.queries import HIGHLIGHT, KINDS, QuoteFilter, SearchScope
from ..corpus.queries import quotes as quote_rows
from ..corpus.queries import search as search_corpus
from ..corpus.sources import ReaderConfig
from ..corpus.store import open_db
from ..errors import StoreError
from .app import cli

# Failures listed one by one in the summary; the rest are counted.
MAX_LISTED = 50
# Loggers of the extraction libraries: their messages would break the progress
# bar, and every failure they cause is already in the summary with its reason.
QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")

db_option = click.option(
    "--db",
    "db_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The corpus database (SQLite).",
)


# --------------------------------------------------------------------------- ingest


class RateColumn(ProgressColumn):
    """Articles per second since the start (average, not a jumpy window)."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:.1f} articles/s", style="progress.data.speed")


class IngestProgress:
    """A live bar on stderr: articles done, their outcomes, and the rate."""

    def __init__(self, enabled: bool) -> None:
        self.counts: Counter[str] = Counter()
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed} articles"),
            RateColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            disable=not enabled,
            transient=False,
        )
        self.task = self.progress.add_task("ingesting", total=None)

    def __enter__(self) -> IngestProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.progress.stop()

    def __call__(self, event: IngestEvent) -> None:
        self.counts[event.outcome] += 1
        described = " ".join(
            f"{outcome} {self.counts[outcome]}"
            for outcome in ("new", "reanalyzed", "unchanged", "failed")
            if self.counts[outcome]
        )
        self.progress.update(self.task, advance=1, description=described)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option(
    "--jobs",
    default=0,
    type=click.IntRange(0),
    help="Analysis processes  [default: one per CPU core].",
)
@click.option(
    "--reanalyze",
    is_flag=True,
    help="Analyze again stored articles whose analysis version is older than this reportedly's.",
)
@click.option(
    "--batch-size",
    default=16,
    show_default=True,
    type=click.IntRange(1),
    help="Articles written per transaction.",
)
@click.option(
    "--fetch/--no-fetch",
    default=True,
    show_default=True,
    help="Fetch the page of each feed entry (else, or when that fails, use the feed's content).",
)
@click.option(
    "--timeout",
    default=5.0,
    show_default=True,
    type=click.FloatRange(0.1),
    help="Seconds allowed for fetching one URL.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a live progress bar  [default: when stderr is a terminal].",
)
@click.option(
    "--link/--no-link",
    "link",
    default=True,
    show_default=True,
    help="Link identities, copies and quote clusters at the end (see `reportedly link`).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def ingest(
    sources: tuple[str, ...],
    db_path: Path,
    jobs: int,
    reanalyze: bool,
    batch_size: int,
    fetch: bool,
    timeout: float,
    progress: bool | None,
    link: bool,
    as_json: bool,
) -> None:
    """Analyze articles into a corpus database.

    SOURCES are text files, directories, glob patterns, JSONL files (fields
    text or html, optional title, url, published, outlet, language), HTML
    pages, RSS/Atom feeds (files or URLs) and WARC / WARC.gz files. An article
    already stored is not analyzed again; bad inputs are listed in the
    summary with their reasons and the rest is ingested (exit status 2 if any
    input failed).
    """
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    options = IngestOptions(
        jobs=jobs,
        reanalyze=reanalyze,
        batch_size=batch_size,
        reader=ReaderConfig(fetch_pages=fetch, fetch_timeout=timeout),
        link=link,
    )
    db = open_db(db_path)
    show = sys.stderr.isatty() if progress is None else progress
    try:
        with IngestProgress(show) as bar:
            summary = ingest_sources(sources, db, options, on_event=bar)
    finally:
        db.close()
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_summary(summary, db_path))
    if summary.failures:
        raise SystemExit(2)


def format_summary(summary: IngestSummary, db_path: Path) -> str:
    rate = summary.analyzed / summary.seconds if summary.seconds > 0 else 0.0
    lines = [
        f"{db_path}: {summary.analyzed} analyzed in {summary.seconds:.1f} s "
        f"({rate:.1f} articles/s)",
        f"  new         {summary.new}",
        f"  reanalyzed  {summary.reanalyzed}",
        f"  unchanged   {summary.unchanged}",
        f"  failed      {summary.failed}",
    ]
    lines += [f"    {f.name}: {f.reason}" for f in summary.failures[:MAX_LISTED]]
    if summary.failed > MAX_LISTED:
        lines.append(f"    … and {summary.failed - MAX_LISTED} more (see --json)")
    if summary.warnings:
        lines.append(f"  warnings    {len(summary.warnings)}")
        lines += [f"    {warning}" for warning in summary.warnings[:MAX_LISTED]]
    if summary.link is not None:
        from .provenance import format_link_summary

        lines.append(format_link_summary(summary.link, Path("linked")))
    return "\n".join(lines)


# --------------------------------------------------------------------------- quotes

QUOTE_TABLE_COLUMNS = ("speaker", "kind", "quote", "outlet", "published", "article_title")


@cli.command()
@db_option
@click.option("--speaker", help="Part of the speaker's name (any case).")
@click.option("--outlet", help="The outlet, exactly (any case).")
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Only articles published on or after this date (YYYY-MM-DD).",
)
@click.option("--kind", type=click.Choice(KINDS), help="Only attributions of this kind.")
@click.option("--limit", type=click.IntRange(1), help="At most this many quotes.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
def quotes(
    db_path: Path,
    speaker: str | None,
    outlet: str | None,
    since: datetime | None,
    kind: str | None,
    limit: int | None,
    fmt: str,
) -> None:
    """List attributions (who said what) with their article, newest first."""
    db = open_db(db_path, must_exist=True)
    where = QuoteFilter(speaker, outlet, since.date() if since else None, kind, limit)
    rows = list(quote_rows(db, where))
    db.close()
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        out = sys.stdout
        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["speaker"])
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = Table(*QUOTE_TABLE_COLUMNS, show_lines=True)
        for row in rows:
            table.add_row(*(str(row[c]) if row[c] is not None else "" for c in QUOTE_TABLE_COLUMNS))
        _console().print(table)
        click.echo(f"{len(rows)} quote(s)", err=True)


# --------------------------------------------------------------------------- search


@cli.command()
@db_option
@click.argument("query")
@click.option("--quotes", "in_quotes", is_flag=True, help="Search quote content, not articles.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def search(db_path: Path, query: str, in_quotes: bool, limit: int, fmt: str) -> None:
    """Full-text search (SQLite FTS5 syntax: words, "a phrase", OR, NOT, prefix*).

    Matched words are highlighted in each snippet; in JSON they are wrapped
    in <mark></mark>.
    """
    db = open_db(db_path, must_exist=True)
    scope: SearchScope = "quotes" if in_quotes else "articles"
    if fmt == "json":
        hits = search_corpus(db, query, scope=scope, limit=limit, highlight=("<mark>", "</mark>"))
        click.echo(json.dumps(hits, ensure_ascii=False, indent=2))
    else:
        hits = search_corpus(db, query, scope=scope, limit=limit)
        console = _console()
        for hit in hits:
            heading = Text(hit["title"] or hit["article_id"], style="bold")
            details = [hit.get("speaker"), hit["outlet"], hit["published"]]
            heading.append("  " + " · ".join(str(d) for d in details if d), style="dim")
            console.print(heading)
            console.print(highlighted(hit["snippet"]))
            console.print()
        click.echo(f"{len(hits)} hit(s)", err=True)
    db.close()


def highlighted(snippet: str) -> Text:
    """A snippet with the matched words styled (they come between HIGHLIGHT marks)."""
    text = Text("  ")
    start_mark, end_mark = HIGHLIGHT
    one_line = " ".join(snippet.split())  # paragraph breaks would scatter the snippet
    for i, piece in enumerate(one_line.replace(end_mark, start_mark).split(start_mark)):
        text.append(piece, style="bold yellow" if i % 2 else "")
    return text


# --------------------------------------------------------------------------- export


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet"]), required=True)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write (default for jsonl: standard output; required for parquet).",
)
def export(db_path: Path, fmt: str, output: Path | None) -> None:
    """Export every article with its metadata, text and analysis."""
    from ..corpus.export import write_jsonl, write_parquet

    db = open_db(db_path, must_exist=True)
    try:
        if fmt == "parquet":
            if output is None:
                raise click.UsageError("--output is required for --format parquet")
            count = write_parquet(db, output)
        elif output is None:
            count = write_jsonl(db, sys.stdout)
        else:
            try:
                with output.open("w", encoding="utf-8") as out:
                    count = write_jsonl(db, out)
            except OSError as exc:
                raise StoreError(f"{output}: cannot write ({exc.strerror or exc})") from None
    finally:
        db.close()
    click.echo(f"exported {count} article(s) to {output or 'standard output'}", err=True)


def _console() -> Console:
    return Console(highlight=False, width=None if sys.stdout.isatty() else 160)
