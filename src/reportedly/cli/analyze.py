"""``reportedly analyze PATH...``: the single-article analyzer."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from ..languages import LANGUAGES
from .app import (
    analysis_config,
    analyze_inputs,
    cli,
    fetch_option,
    jobs_option,
    json_documents,
    mode_option,
    read_cli_inputs,
    report_console,
    resolve_jobs,
    time_limit_option,
)

if TYPE_CHECKING:
    from ..ingest.articles import RawArticle

# what a source may say about an article besides its text, as `ingest` stores it
METADATA_FIELDS = ("title", "url", "outlet", "published", "language")

legend_option = click.option(
    "--no-legend",
    "no_legend",
    is_flag=True,
    help="Leave out the legend printed after the text report.",
)


def input_metadata(item: RawArticle) -> dict[str, str | None]:
    """A page's or feed item's own title, address, outlet, date and language (None
    where the source gave none, as for a plain text file)."""
    return {field: getattr(item, field) for field in METADATA_FIELDS}


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl"]),
    default="text",
    show_default=True,
    help="text: a terminal report; json: one document (an array when there are several "
    "articles); jsonl: one line per article.",
)
@jobs_option
@time_limit_option
@mode_option
@click.option("--include-text", is_flag=True, help="Put the input text into the JSON record.")
@fetch_option
@click.option(
    "--lang",
    type=click.Choice(sorted(LANGUAGES)),
    help="The articles' language (default: detected; see docs/german.md).",
)
@legend_option
def analyze(
    paths: tuple[str, ...],
    fmt: str,
    jobs: int,
    time_limit: float | None,
    mode: str,
    include_text: bool,
    fetch: bool,
    lang: str | None,
    no_legend: bool,
) -> None:
    """Analyze articles: text, HTML pages, JSONL, RSS/Atom feeds, WARC files (any of
    them gzipped), folders, glob patterns, http(s) URLs, or - for stdin.

    Inputs are read exactly as `reportedly ingest` reads them (the main text of
    a page, every record of a JSONL file or feed). Every span in the JSON
    output is a [start, end) Python str offset into the article's text as read
    (for a page, its extracted main text). Unreadable inputs are reported on
    stderr and skipped; the exit status is then 2. A page's or feed item's own
    title, outlet, date and address are in the report's header and in the
    record's `metadata`. The text report ends with a legend of its marks.
    """
    from ..ingest.sources import ReaderConfig

    inputs, failed = read_cli_inputs(paths, ReaderConfig(fetch_pages=fetch))
    console = report_console()
    as_array = fmt == "json" and (len(paths) > 1 or len(inputs) != 1)
    reported = 0
    with json_documents(as_array) as emit:
        config = analysis_config(time_limit, lang, mode)
        for item, analysis in analyze_inputs(inputs, resolve_jobs(jobs, len(inputs)), config):
            if analysis is None:
                failed += 1
                continue
            record: dict[str, Any] = {"path": item.origin, "metadata": input_metadata(item)}
            record |= analysis.to_dict(include_text=include_text)
            record["warnings"] = [*item.warnings, *record["warnings"]]
            if fmt == "jsonl":
                click.echo(json.dumps(record, ensure_ascii=False))
            elif fmt == "json":
                emit(record)
            else:
                from ..report import print_analysis

                print_analysis(console, analysis, item.origin, input_metadata(item))
                reported += 1
    if reported and not no_legend:
        from ..report import legend

        console.print(legend())
    if failed:
        raise SystemExit(2)
