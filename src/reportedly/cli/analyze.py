"""``reportedly analyze PATH...``: the single-article analyzer."""

from __future__ import annotations

import json
from typing import Any

import click

from .app import analyze_inputs, cli, read_cli_inputs, report_console


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl"]),
    default="text",
    show_default=True,
    help="text: a terminal report; json: one document per article; jsonl: one line per input.",
)
@click.option(
    "--jobs", default=1, show_default=True, type=click.IntRange(min=1), help="Worker processes."
)
@click.option("--include-text", is_flag=True, help="Put the input text into the JSON record.")
def analyze(paths: tuple[str, ...], fmt: str, jobs: int, include_text: bool) -> None:
    """Analyze articles: files, directories (their text files) or - for stdin.

    Every span in the JSON output is a [start, end) Python str offset into the
    decoded input, before repair. Unreadable inputs (binary, missing) are
    reported on stderr and skipped; the exit status is then 2.
    """
    inputs, failed = read_cli_inputs(paths)
    console = report_console()
    for item, analysis in analyze_inputs(inputs, jobs):
        if analysis is None:
            failed += 1
            continue
        record: dict[str, Any] = {"path": item.name} | analysis.to_dict(include_text=include_text)
        record["warnings"] = [*item.warnings, *record["warnings"]]
        if fmt == "jsonl":
            click.echo(json.dumps(record, ensure_ascii=False))
        elif fmt == "json":
            click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        else:
            from ..report import print_analysis

            print_analysis(console, analysis, item.name)
    if failed:
        raise SystemExit(2)
