"""Corpus commands ``ingest``, ``quotes``, ``search``, ``export``: a thin layer over the corpus."""

from __future__ import annotations

import csv
import json
import logging
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

import click

from ..errors import StoreError
from ..records import AttributionKind
from .app import (
    analysis_config,
    checked_text_file,
    cli,
    mode_option,
    on_interrupt,
    time_limit_option,
)

if TYPE_CHECKING:
    from collections import Counter
    from collections.abc import Sequence

    from rich.console import Console
    from rich.text import Text

    from ..corpus.load import IngestSummary
    from ..corpus.read.search import SearchScope

# the corpus package (sqlite-utils and the readers) is imported by the commands that
# use it, not when the command line starts: `reportedly analyze` does not need it
KINDS: tuple[str, ...] = get_args(AttributionKind)
# the marks around matched words in search snippets (as reportedly.corpus.read.search.HIGHLIGHT)
HIGHLIGHT = ("\x02", "\x03")

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


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option(
    "--jobs",
    default=0,
    type=click.IntRange(0),
    help="Analysis processes  [default: one per CPU core].",
)
@time_limit_option
@mode_option
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
    time_limit: float | None,
    mode: str,
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
    from ..corpus.load import IngestOptions
    from ..corpus.load import ingest as ingest_sources
    from ..corpus.store import open_db
    from ..ingest.sources import ReaderConfig, count_ahead
    from .progress import IngestProgress

    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    options = IngestOptions(
        jobs=jobs,
        reanalyze=reanalyze,
        batch_size=batch_size,
        reader=ReaderConfig(fetch_pages=fetch, fetch_timeout=timeout),
        link=link,
        analysis=analysis_config(time_limit, mode=mode),
    )
    db = open_db(db_path)
    show = sys.stderr.isatty() if progress is None else progress
    try:
        total = count_ahead(sources) if show else None
        with IngestProgress(show, total) as bar:
            on_interrupt(lambda: interrupted_ingest(bar.counts, sources))
            summary = ingest_sources(sources, db, options, on_event=bar)
    finally:
        db.close()
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_summary(summary, db_path))
    if summary.failures:
        raise SystemExit(2)


def interrupted_ingest(counts: Counter[str], sources: Sequence[str]) -> str:
    """What an interrupted ingest had stored (each batch is written in one transaction:
    what it was writing is rolled back, and analyzed again by a rerun)."""
    from ..ingest.sources import count_ahead

    stored = counts["new"] + counts["reanalyzed"] + counts["unchanged"]
    total, failed = count_ahead(sources), counts["failed"]
    if total is None:
        done = f"{stored} articles stored" + (f", {failed} inputs failed" if failed else "")
    elif failed:
        done = f"{stored} articles stored, {failed} inputs failed, of {total} inputs"
    else:
        done = f"{stored} of {total} articles stored"
    return f"{done}; rerun to continue"


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
@click.option(
    "--outlet",
    help="The outlet, any case and common form: 'New York Times', 'The New York Times' "
    "and 'nytimes.com' (the domain of its articles) name the same outlet.",
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Only articles published on or after this date (YYYY-MM-DD).",
)
@click.option(
    "--until",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Only articles published on or before this date (YYYY-MM-DD).",
)
@click.option("--kind", type=click.Choice(KINDS), help="Only attributions of this kind.")
@click.option(
    "--limit",
    type=click.IntRange(1),
    callback=lambda _c, _p, v: clamp(v),
    help="At most this many quotes.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl", "csv"]),
    default="table",
    show_default=True,
    help="jsonl: one quote a line, with its identity (person_id, person, person_kind, "
    "person_role; null before `reportedly link`).",
)
def quotes(
    db_path: Path,
    speaker: str | None,
    outlet: str | None,
    since: datetime | None,
    until: datetime | None,
    kind: str | None,
    limit: int | None,
    fmt: str,
) -> None:
    """List attributions (who said what) with their article, newest first."""
    from ..corpus.read.quotes import QuoteFilter, count_undated, stored_outlets
    from ..corpus.read.quotes import quotes as quote_rows
    from ..corpus.store import open_db

    db = open_db(db_path, read_only=True)
    try:
        dated = since is not None or until is not None
        outlets: list[str | None] = [None] if outlet is None else stored_outlets(db, outlet)
        rows: list[dict[str, Any]] = []
        undated = 0
        for name in outlets:
            # --until, and several outlet names, are applied here, and the limit with them
            where = QuoteFilter(
                speaker, name, since.date() if since else None, kind,
                None if until or len(outlets) > 1 else limit,
            )  # fmt: skip
            rows += quote_rows(db, where)
            undated += count_undated(db, speaker, name, kind) if dated else 0
        if until is not None:
            last = until.date().isoformat()
            rows = [r for r in rows if r["published"] is not None and r["published"][:10] <= last]
        if len(outlets) > 1:
            rows.sort(key=lambda r: r["published"] or "", reverse=True)
        rows = rows[:limit] if limit else rows
    finally:
        db.close()
    if undated:
        click.echo(
            f"note: {undated} quote(s) from articles without a publication date were left "
            "out by --since/--until",
            err=True,
        )
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["speaker"])
        writer.writeheader()
        writer.writerows(rows)
    else:
        from rich.table import Table

        table = Table(*QUOTE_TABLE_COLUMNS, show_lines=True)
        for row in rows:
            cells = [str(row[c]) if row[c] is not None else "" for c in QUOTE_TABLE_COLUMNS]
            if row.get("speaker_from_cluster"):  # named by its cluster, not by its article
                filled = f"[{row['speaker_from_cluster']}, from its quote cluster]"
                cells[0] = f"{cells[0]} {filled}" if cells[0] else filled
            table.add_row(*cells)
        _console().print(table)
        click.echo(f"{len(rows)} quote(s)", err=True)


# --------------------------------------------------------------------------- search


@cli.command()
@db_option
@click.argument("query")
@click.option("--quotes", "in_quotes", is_flag=True, help="Search quote content, not articles.")
@click.option(
    "--limit",
    default=20,
    show_default=True,
    type=click.IntRange(1),
    callback=lambda _c, _p, v: clamp(v),
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def search(db_path: Path, query: str, in_quotes: bool, limit: int, fmt: str) -> None:
    """Full-text search (SQLite FTS5 syntax: words, "a phrase", OR, NOT, prefix*).

    Matched words are highlighted in each snippet; in JSON they are wrapped
    in <mark></mark>.
    """
    from ..corpus.read.search import plain_search as search_corpus
    from ..corpus.store import open_db

    db = open_db(db_path, read_only=True)
    scope: SearchScope = "quotes" if in_quotes else "articles"
    if fmt == "json":
        hits = search_corpus(db, query, scope=scope, limit=limit, highlight=("<mark>", "</mark>"))
        click.echo(json.dumps(hits, ensure_ascii=False, indent=2))
    else:
        from rich.text import Text

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
    from rich.text import Text

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
    help="Where to write; - is standard output (the default for jsonl; parquet needs a file).",
)
def export(db_path: Path, fmt: str, output: Path | None) -> None:
    """Export every article with its metadata, text and analysis."""
    from ..corpus.export import write_jsonl, write_parquet
    from ..corpus.store import open_db

    if output is not None and str(output) == "-":
        output = None
    if fmt == "parquet" and output is None:
        raise click.UsageError("--output is required for --format parquet (a file)")
    db = open_db(db_path, read_only=True)
    try:
        if fmt == "parquet":
            assert output is not None
            count = write_parquet(db, output)
        elif output is None:
            count = write_jsonl(db, sys.stdout)
        else:
            try:
                fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                with checked_text_file(fd) as out:
                    count = write_jsonl(db, out)
            except OSError as exc:
                raise StoreError(f"{output}: cannot write ({exc.strerror or exc})") from None
    finally:
        db.close()
    sys.stdout.flush()  # a write error is reported before the count, not after it
    click.echo(f"exported {count} article(s) to {output or 'standard output'}", err=True)


@cli.command("datasette")
@db_option
def datasette_metadata(db_path: Path) -> None:
    """Print Datasette metadata for the corpus (table descriptions, column labels, facets):

    reportedly datasette --db corpus.db > metadata.json &&
    datasette corpus.db --metadata metadata.json
    """
    from ..corpus.datasette import metadata

    click.echo(json.dumps(metadata(db_path), indent=2))


# SQLite integers are 64-bit: a larger --limit means "no limit"
MAX_LIMIT = 2**63 - 1


def clamp(limit: int | None) -> int | None:
    return None if limit is None else min(limit, MAX_LIMIT)


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False, width=None if sys.stdout.isatty() else 160)
