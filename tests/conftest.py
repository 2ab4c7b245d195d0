"""Shared fixtures: the bundled example, the shared datasets, the model, hand-built records."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reportedly.records import Cue, DocAttribution, Source, TextPart

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


@pytest.fixture(scope="session", params=["accurate", "fast"])
def seed_analysis(seed_text: str, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """The seed article's analysis, in each mode: its report must be right in both."""
    from reportedly import analyze

    return analyze(seed_text, mode=request.param)


@pytest.fixture(scope="session")
def bare_nlp():  # type: ignore[no-untyped-def]
    """The parser without the attribution component (attributions are built by hand)."""
    from reportedly.nlp import load_nlp

    return load_nlp(with_attributions=False)


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return (start, start + len(part))


def build_attribution(
    text: str,
    content: str,
    *,
    source: str | None = None,
    cue: str | None = None,
    stance: Any = "neutral",
    source_type: Any = "person",
    kind: Any = "indirect",
) -> DocAttribution:
    """A DocAttribution whose parts are the first occurrences of the given strings in ``text``."""
    return DocAttribution(
        kind=kind,
        source=None
        if source is None
        else Source((_span(text, source),), source, source, source_type),
        cue=None if cue is None else Cue((_span(text, cue),), cue, cue.lower(), stance),
        content=TextPart((_span(text, content),), content),
    )


@pytest.fixture
def make_attribution() -> Callable[..., DocAttribution]:
    return build_attribution


# Fixtures that stand up a whole system: a corpus made by a real `reportedly ingest`, a
# real server, a real browser, a real Ray head. A test that uses one is end to end: it
# runs in the whole suite (CI) and is left out of the fast loop (`-m "not slow"`).
END_TO_END_FIXTURES = frozenset(
    {"corpus_db", "unlinked_db", "server", "unlinked_server", "browser", "page", "copy_db"}
    | {"ray_runs"}
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if END_TO_END_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
