"""Every PolNeAR train and dev article: no crash, and every span points into the input."""

from __future__ import annotations

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
