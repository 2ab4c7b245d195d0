"""The click group every ``reportedly`` command hangs on."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import click
from rich.console import Console

from .. import __version__
from ..errors import ReportedlyError
from ..ingest import InputFailure, InputText, read_inputs
from ..records import Analysis


class ReportedlyCliError(click.ClickException):
    """A library error shown as one line on stderr, exit status 2."""

    exit_code = 2


class ReportedlyGroup(click.Group):
    """Turns library errors into one-line CLI errors (exit status 2), never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ReportedlyError as exc:
            raise ReportedlyCliError(str(exc)) from exc


@click.group(cls=ReportedlyGroup)
@click.version_option(__version__, prog_name="reportedly")
def cli() -> None:
    """reportedly: who said what, through which channel, on whose authority."""


def read_cli_inputs(paths: Iterable[str]) -> tuple[list[InputText], int]:
    """Read the inputs of a command; print their warnings and one-line errors on stderr.

    Returns the readable inputs and how many failed (the command then exits 2).
    """
    inputs: list[InputText] = []
    failed = 0
    for item in read_inputs(paths):
        if isinstance(item, InputFailure):
            click.echo(f"error: {item.name}: {item.reason}", err=True)
            failed += 1
            continue
        for warning in item.warnings:
            click.echo(f"warning: {warning}", err=True)
        inputs.append(item)
    return inputs, failed


def report_console() -> Console:
    """A rich console: the terminal's width, or 110 columns when piped."""
    return Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 110)


def analyze_inputs(
    inputs: Sequence[InputText], jobs: int
) -> Iterator[tuple[InputText, Analysis | None]]:
    """Analyze the inputs in order; one article that breaks the analysis fails alone.

    After an unexpected error the remaining articles are analyzed one by one and a
    failing one is reported on stderr (``None`` in its place); a
    :class:`ReportedlyError` (a missing model, say) concerns them all and is raised.
    """
    from .. import analyze, analyze_many

    done = 0
    try:
        analyses = analyze_many((i.text for i in inputs), n_process=jobs)
        for item, analysis in zip(inputs, analyses, strict=True):
            yield item, analysis
            done += 1
        return
    except ReportedlyError:
        raise
    except Exception:  # a bug on one article must not cost the others
        pass
    for item in inputs[done:]:
        try:
            yield item, analyze(item.text)
        except ReportedlyError:
            raise
        except Exception as exc:
            click.echo(
                f"error: {item.name}: analysis failed ({type(exc).__name__}: {exc})", err=True
            )
            yield item, None
