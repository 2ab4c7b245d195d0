"""Shared fixtures: paths to the bundled example and the shared datasets, the parsed model."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED_PATH = REPO / "examples" / "seed-article.txt"
POLNEAR = Path(
    os.environ.get("REPORTEDLY_POLNEAR", REPO.parent / "shared" / "datasets" / "polnear")
)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def polnear_dir() -> Path:
    if not (POLNEAR / "data" / "dev").is_dir():
        pytest.skip(f"PolNeAR not found at {POLNEAR} (set REPORTEDLY_POLNEAR)")
    return POLNEAR


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from reportedly.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_analysis(seed_text: str):  # type: ignore[no-untyped-def]
    from reportedly import analyze

    return analyze(seed_text)
