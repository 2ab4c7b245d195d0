"""``reportedly serve``: the explorer (web app and REST API) over a corpus, read-only."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from ..errors import StoreError
from .app import cli


@cli.command()
@click.option(
    "--db",
    "db_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The corpus database (SQLite), opened read-only.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="A host name the server answers besides localhost, 127.0.0.1, [::1] and --host "
    "(repeatable; for a deployment behind a name). Other Host headers get 400.",
)
@click.option(
    "--analyze-timeout",
    default=60.0,
    show_default=True,
    type=click.FloatRange(0.01, 3600),
    help="Seconds one /analyze may run.",
)
@click.option(
    "--analyze-jobs",
    default=2,
    show_default=True,
    type=click.IntRange(1, 16),
    help="Analyses at once (analysis processes, shared out between --workers); one more "
    "is answered 503.",
)
@click.option(
    "--header-timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(0.1, 600),
    help="Seconds a client has to send a request's headers.",
)
@click.option(
    "--workers",
    default=min(2, os.cpu_count() or 1),
    show_default="2, or 1 on one core",
    type=click.IntRange(1, 64),
    help="Server processes (each answers requests; a search runs on one core).",
)
@click.option(
    "--search-cache",
    default=256,
    show_default=True,
    type=click.IntRange(0, 100_000),
    help="Search answers kept per state of the corpus (0: none).",
)
def serve(
    db_path: Path,
    host: str,
    port: int,
    allow_hosts: tuple[str, ...],
    analyze_timeout: float,
    analyze_jobs: int,
    header_timeout: float,
    search_cache: int,
    workers: int,
) -> None:
    """Explore a corpus in the browser: search, articles, speakers, quotes; REST API at /api/v1."""
    try:
        from ..corpus.read.articles import overview
        from ..corpus.read.connection import open_current_corpus
        from ..web import create_app
        from ..web.analysis import AnalyzeLimits
        from ..web.server import serve as run_server
    except ImportError as exc:
        raise StoreError(
            f"the explorer needs the web extra ({exc.name} is missing): "
            "pip install 'reportedly[web]'"
        ) from None
    # the analyses at once, shared out between the processes
    per_worker = max(1, -(-analyze_jobs // workers))
    limits = AnalyzeLimits(timeout_s=analyze_timeout, concurrency=per_worker)
    # a bad file is one error line here, before any worker starts
    corpus = open_current_corpus(db_path)
    if workers > 1:  # the overview (seconds on a large corpus) counted once, before the fork
        overview(corpus)
    corpus.close()

    def make_app() -> Any:
        return create_app(
            db_path,
            bound_host=host,
            allow_hosts=allow_hosts,
            analyze_limits=limits,
            search_cache=search_cache,
        )

    click.echo(
        f"reportedly explorer on http://{host}:{port}/ (corpus {db_path}, read-only, "
        f"{workers} process{'es' if workers > 1 else ''})",
        err=True,
    )
    run_server(make_app, host, port, workers=workers, header_timeout=header_timeout)
