"""``reportedly serve``: the explorer (web app and REST API) over a corpus, read-only."""

from __future__ import annotations

from pathlib import Path

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
def serve(db_path: Path, host: str, port: int) -> None:
    """Explore a corpus in the browser: search, articles, speakers, quotes; REST API at /api/v1."""
    try:
        import uvicorn

        from ..web import create_app
    except ImportError as exc:
        raise StoreError(
            f"the explorer needs the web extra ({exc.name} is missing): "
            "pip install 'reportedly[web]'"
        ) from None
    app = create_app(db_path)
    click.echo(
        f"reportedly explorer on http://{host}:{port}/ (corpus {db_path}, read-only)", err=True
    )
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
