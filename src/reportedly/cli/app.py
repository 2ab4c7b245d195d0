"""The click group every ``reportedly`` command hangs on."""

from __future__ import annotations

from typing import Any

import click

from .. import __version__
from ..errors import ReportedlyError


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
