"""docs/corpus.md against the code: every option of the corpus commands, every table and view."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from reportedly.cli import cli
from reportedly.corpus.store import open_db

DOC = (Path(__file__).resolve().parents[2] / "docs" / "corpus.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["ingest", "quotes", "search", "export"])
def test_every_option_is_documented(name: str) -> None:
    command = cli.commands[name]
    assert f"reportedly {name}" in DOC
    for parameter in command.params:
        if isinstance(parameter, click.Option) and parameter.name != "help":
            for option in parameter.opts:
                if option.startswith("--"):
                    assert option in DOC, f"{name} {option} is not in docs/corpus.md"


def test_every_table_and_view_is_documented(tmp_path: Path) -> None:
    db = open_db(tmp_path / "corpus.db")
    names = [t for t in db.table_names() if not t.startswith("_") and "_fts" not in t]
    for name in [*names, *db.view_names(), "articles_fts", "attributions_fts"]:
        assert f"`{name}`" in DOC, f"{name} is not in docs/corpus.md"
    for column in db.table("attributions").columns_dict:
        assert f"`{column}`" in DOC, f"attributions.{column} is not in docs/corpus.md"
