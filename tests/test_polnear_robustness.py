"""Every PolNeAR train and dev article: no crash, and every span points into the input."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reportedly import analyze_many
from reportedly.validate import span_mismatches


@pytest.mark.slow
def test_every_polnear_article_analyzes_with_valid_offsets(polnear_dir: Path) -> None:
    paths = sorted((polnear_dir / "data" / "dev" / "text").glob("*.txt")) + sorted(
        (polnear_dir / "data" / "train" / "text").glob("*.txt")
    )
    assert len(paths) == 924
    texts = (p.read_text(encoding="utf-8") for p in paths)
    problems: list[str] = []
    attributions = 0
    for path, analysis in zip(paths, analyze_many(texts, n_process=2), strict=True):
        attributions += len(analysis.attributions)
        problems.extend(f"{path.name}: {p}" for p in span_mismatches(analysis))
    assert problems == []
    assert attributions > 10 * len(paths)


@pytest.mark.slow
def test_damaged_forms_of_dev_stay_within_a_point_of_clean(polnear_dir: Path) -> None:
    """Both hard wraps, page furniture, NBSP/zero-width characters and Windows-1252
    bytes: relation F1 within one point of the clean articles (benchmarks/robustness_polnear.py
    prints the table)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from robustness_polnear import measure

    from reportedly.evaluation.brat import read_brat_dir

    rows = measure(read_brat_dir(polnear_dir / "data" / "dev"), n_process=2)
    clean = rows.pop("clean")["relation_f1"]
    assert clean > 60
    assert {
        name: row["relation_f1"] for name, row in rows.items() if row["relation_f1"] < clean - 1
    } == {}
