"""``reportedly claims PATH...``: the checkable claims of articles, nothing else."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from typing import Any

import click

from ..records import Analysis, Claim
from .analyze import input_metadata, legend_option
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

CSV_COLUMNS = (
    "path",
    "claim",
    "kind",
    "checkworthiness",
    "voice",
    "attribution",
    "source",
    "start",
    "end",
    "spans",
    "text",
    "quantities",
)


def claim_source(analysis: Analysis, claim: Claim) -> str:
    """The name of the claim's source, or "" for the reporter's voice or no source."""
    if claim.attribution is None or not 0 <= claim.attribution < len(analysis.attributions):
        return ""
    source = analysis.attributions[claim.attribution].source
    return "" if source is None else source.name or source.text


def claims_record(
    name: str,
    analysis: Analysis,
    warnings: tuple[str, ...],
    metadata: dict[str, str | None] | None = None,
) -> dict[str, Any]:
    """The JSON document of one article: its path, its source's metadata, its title and
    claims (spans into the input)."""
    return {
        "path": name,
        "metadata": metadata or {},
        "title": analysis.title.to_dict() if analysis.title else None,
        "claims": [
            claim.to_dict() | {"source": claim_source(analysis, claim) or None}
            for claim in analysis.claims
        ],
        "warnings": [*warnings, *analysis.warnings],
    }


def csv_rows(name: str, analysis: Analysis) -> Iterator[list[Any]]:
    for index, claim in enumerate(analysis.claims):
        start, end = claim.spans[0] if claim.spans else ("", "")
        yield [
            name,
            index,
            claim.kind,
            f"{claim.checkworthiness:.3f}",
            "reporter" if claim.attribution is None else "attribution",
            "" if claim.attribution is None else claim.attribution,
            claim_source(analysis, claim),
            start,
            end,
            json.dumps([list(span) for span in claim.spans]),
            claim.text,
            json.dumps([q.to_dict() for q in claim.quantities], ensure_ascii=False),
        ]


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
    help="text: claims grouped by source; json: one document (an array when there are several "
    "articles); csv: one row per claim.",
)
@jobs_option
@time_limit_option
@mode_option
@fetch_option
@legend_option
def claims(
    paths: tuple[str, ...],
    fmt: str,
    jobs: int,
    time_limit: float | None,
    mode: str,
    fetch: bool,
    no_legend: bool,
) -> None:
    """List the checkable claims of articles: any input `analyze` reads (text, HTML,
    JSONL, feeds, WARC, .gz, folders, globs, URLs, - for stdin).

    Each claim has its kind (quantity, date_time, comparison, event, causal,
    other), its check-worthiness in [0, 1], its quantities and the attribution
    that makes it (none for the reporter's own voice). Spans are [start, end)
    offsets into the decoded input. Unreadable inputs are reported on stderr and
    skipped; the exit status is then 2. The text output ends with a legend.
    """
    from ..claims.report import render_claims
    from ..ingest.sources import ReaderConfig

    inputs, failed = read_cli_inputs(paths, ReaderConfig(fetch_pages=fetch))
    console = report_console()
    writer = csv.writer(sys.stdout, lineterminator="\n") if fmt == "csv" else None
    if writer is not None:
        writer.writerow(CSV_COLUMNS)
    as_array = fmt == "json" and (len(paths) > 1 or len(inputs) != 1)
    reported = 0
    with json_documents(as_array) as emit:
        config = analysis_config(time_limit, mode=mode)
        for item, analysis in analyze_inputs(inputs, resolve_jobs(jobs, len(inputs)), config):
            if analysis is None:
                failed += 1
            elif writer is not None:
                writer.writerows(csv_rows(item.origin, analysis))
            elif fmt == "json":
                emit(claims_record(item.origin, analysis, item.warnings, input_metadata(item)))
            else:
                from ..report import page_header

                console.print(item.origin, style="bold underline", markup=False, emoji=False)
                if (header := page_header(input_metadata(item))) is not None:
                    console.print(header)
                console.print(render_claims(analysis))
                reported += 1
    if reported and not no_legend:
        from ..report import legend

        console.print(legend(attributions=False))
    if failed:
        raise SystemExit(2)
