"""``reportedly claims`` through click's runner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from reportedly.cli import cli

SEED_PATH = Path(__file__).resolve().parents[2] / "examples" / "seed-article.txt"


def test_json_lists_claims_with_sources() -> None:
    result = CliRunner().invoke(cli, ["claims", "--format", "json", str(SEED_PATH)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["path"] == str(SEED_PATH)
    women = [c for c in record["claims"] if "17 women" in c["text"]]
    assert len(women) == 1
    assert women[0]["source"] == "official information"
    assert women[0]["quantities"][0]["value"] == 17
    assert "signals" not in record and "attributions" not in record


def test_csv_has_one_row_per_claim() -> None:
    result = CliRunner().invoke(cli, ["claims", "--format", "csv", str(SEED_PATH)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows, result.stdout
    reservists = [r for r in rows if "300,000 reservists" in r["text"]]
    assert len(reservists) == 1
    assert reservists[0]["voice"] == "reporter"
    assert reservists[0]["kind"] == "quantity"
    text = SEED_PATH.read_text(encoding="utf-8")
    start, end = int(reservists[0]["start"]), int(reservists[0]["end"])
    assert text[start:end] == reservists[0]["text"]


def test_text_groups_by_voice() -> None:
    result = CliRunner().invoke(cli, ["claims", str(SEED_PATH)])
    assert result.exit_code == 0, result.output
    assert result.stdout.index("Reporter's voice") < result.stdout.index("official information")


def test_unreadable_input_is_an_error_and_the_rest_is_listed(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(cli, ["claims", "--format", "json", str(missing), str(SEED_PATH)])
    assert result.exit_code == 2
    assert "missing.txt" in result.stderr
    [record] = json.loads(result.stdout)  # two inputs named: one JSON array
    assert record["path"] == str(SEED_PATH)
