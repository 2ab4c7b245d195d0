"""The click group every ``reportedly`` command hangs on."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

import click
from rich.console import Console

from .. import __version__
from ..errors import ReportedlyError
from ..ingest import InputFailure, InputText, read_inputs


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
