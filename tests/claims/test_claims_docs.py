"""docs/claims.md must not drift from the code it describes."""

from __future__ import annotations

import re
from pathlib import Path

from reportedly.claims import checkworthiness
from reportedly.claims.lexicon import load_lexicon

DOC = Path(__file__).resolve().parents[2] / "docs" / "claims.md"


def test_weight_table_matches_the_code() -> None:
    rows = re.findall(r"^\| `(\w+)` \| (-?[\d.]+) \|", DOC.read_text(encoding="utf-8"), re.M)
    assert len(rows) >= 10
    for name, value in rows:
        assert getattr(checkworthiness, name) == float(value), name


def test_kind_weights_match_the_code() -> None:
    text = DOC.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("| kind | quantity"))
    documented = dict(re.findall(r"(\w+) (-?[\d.]+)", line))
    assert {k: float(v) for k, v in documented.items()} == checkworthiness.KIND_WEIGHTS


def test_lexicon_size_and_categories_match_the_code() -> None:
    text = DOC.read_text(encoding="utf-8")
    lexicon = load_lexicon()
    assert f"{len(lexicon.entries)} entries" in text
    for category in {entry.category for entry in lexicon.entries}:
        assert category in text
