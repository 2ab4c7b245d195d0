"""Fixtures for the signals tests: the bare spaCy pipeline and hand-built attributions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from reportedly.records import Attribution, Cue, Source, TextPart


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
) -> Attribution:
    """An Attribution whose parts are the first occurrences of the given strings in ``text``."""
    return Attribution(
        kind=kind,
        source=None
        if source is None
        else Source((_span(text, source),), source, source, source_type),
        cue=None if cue is None else Cue((_span(text, cue),), cue, cue.lower(), stance),
        content=TextPart((_span(text, content),), content),
    )


@pytest.fixture
def make_attribution() -> Callable[..., Attribution]:
    return build_attribution
