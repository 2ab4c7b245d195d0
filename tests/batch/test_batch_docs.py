"""docs/scale.md against the code: the shard columns and the batch options it names."""

from __future__ import annotations

from pathlib import Path

from reportedly.batch.records import SHARD_SCHEMA_NAME, shard_schema
from reportedly.cli import cli

DOC = (Path(__file__).resolve().parents[2] / "docs" / "scale.md").read_text(encoding="utf-8")


def test_every_shard_column_is_documented() -> None:
    table = DOC.split(f"### The shard schema (`{SHARD_SCHEMA_NAME}`)", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    documented = {name.strip("` ") for row in rows for name in row.split("|")[1].split(",")}
    assert documented == set(shard_schema().names)


def test_the_options_the_doc_uses_exist() -> None:
    options = {o for p in cli.commands["batch"].params for o in getattr(p, "opts", [])}
    for option in (
        "--out",
        "--engine",
        "--address",
        "--workers",
        "--batch-size",
        "--memory-limit",
        "--rows-per-shard",
        "--progress-interval",
    ):
        assert option in DOC and option in options
