"""Measuring speaker resolution: is "he" / "the senator" given the right full name?

PolNeAR has no coreference, so the reference is a hand-made file shipped with
the package (``data/polnear-dev-speakers.jsonl``): gold sources of PolNeAR dev
that are pronouns or role nouns, each with the full name as written at the
nearest earlier full-name mention of that person in the article. One JSON
object per line::

    {"article": "<PolNeAR article id>", "span": [start, end], "source": "he",
     "name": "Hillary Clinton", "mention": [start, end]}

``mention`` locates that full-name mention, so the file can be checked
against the texts. A source the article never names ("a man who declined to
give his name", "the patient") has ``"name": null`` and ``"mention": null``:
it is right when the prediction leaves it as written (less a leading article)
rather than giving it a name from nearby.

Each reference is matched to the predicted source that overlaps it most; the
prediction is right when its ``name`` equals the reference name, ignoring case
and runs of whitespace. A reference no predicted source overlaps is a miss.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import DatasetError
from ..records import Span, Spans
from . import intervals
from .brat import GoldArticle
from .jsonl import json_object, span_pair

SHIPPED_REFERENCE = "polnear-dev-speakers.jsonl"


@dataclass(frozen=True, slots=True)
class SpeakerReference:
    """A gold source that needs resolving and the full name it refers to."""

    article: str
    span: Span
    source: str
    name: str | None  # None: the article never names this source
    mention: Span | None


@dataclass(frozen=True, slots=True)
class PredictedSource:
    """A predicted source span and the name the analyzer resolved it to."""

    spans: Spans
    name: str


@dataclass(frozen=True, slots=True)
class SpeakerScores:
    """``correct`` of ``total`` references got the right name; ``found`` had an
    overlapping predicted source at all."""

    correct: int
    found: int
    total: int

    @property
    def of_all(self) -> float | None:
        return self.correct / self.total if self.total else None

    @property
    def of_found(self) -> float | None:
        return self.correct / self.found if self.found else None

    def rows(self) -> list[tuple[str, float | None, int, int]]:
        """``(label, accuracy, correct, out of)`` for display."""
        return [
            ("of all", self.of_all, self.correct, self.total),
            ("of found", self.of_found, self.correct, self.found),
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "of_all": None if self.of_all is None else round(self.of_all, 4),
            "of_found": None if self.of_found is None else round(self.of_found, 4),
            "correct": self.correct,
            "found": self.found,
            "total": self.total,
        }


def normalize_name(name: str) -> str:
    """Case-folded, with runs of whitespace made one space."""
    return " ".join(name.split()).casefold()


def unnamed_words(text: str) -> list[str]:
    """The words of a source as written, case-folded, less a leading article."""
    words = [word.casefold() for word in re.findall(r"\w+", text)]
    return words[1:] if words[:1] in (["the"], ["a"], ["an"]) else words


def is_right(reference: SpeakerReference, name: str) -> bool:
    """Whether ``name`` is the reference's name; for an unnamed source, whether the
    name is the source as written (no name borrowed from nearby)."""
    if reference.name is None:
        return unnamed_words(name) == unnamed_words(reference.source)
    return normalize_name(name) == normalize_name(reference.name)


def parse_reference(line: str, where: str) -> SpeakerReference:
    data = json_object(line, where)
    for field in ("article", "source"):
        if not isinstance(data.get(field), str) or not data[field]:
            raise DatasetError(f"{where}: {field!r} must be a non-empty string")
    name = data.get("name")
    if name is not None and (not isinstance(name, str) or not name):
        raise DatasetError(f"{where}: 'name' must be a non-empty string or null")
    return SpeakerReference(
        article=data["article"],
        span=span_pair(data.get("span"), where, "span"),
        source=data["source"],
        name=name,
        mention=None if name is None else span_pair(data.get("mention"), where, "mention"),
    )


def load_references(path: Path | None = None) -> tuple[SpeakerReference, ...]:
    """The references in ``path``, by default the shipped PolNeAR dev file."""
    if path is None:
        content = (
            resources.files("reportedly.evaluation")
            .joinpath("data", SHIPPED_REFERENCE)
            .read_text(encoding="utf-8")
        )
        name = SHIPPED_REFERENCE
    else:
        try:
            content = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DatasetError(f"cannot read speaker references {path}: {exc}") from exc
        name = str(path)
    return tuple(
        parse_reference(line, f"{name}:{number}")
        for number, line in enumerate(content.split("\n"), start=1)
        if line.strip()
    )


def applicable(
    references: Sequence[SpeakerReference], articles: Sequence[GoldArticle]
) -> list[tuple[int, SpeakerReference]]:
    """``(article index, reference)`` for the references that belong to ``articles``.

    A reference applies when an article has its id and the text at its span
    is its source text, so a different text filed under the same id is not
    scored against it.
    """
    index_by_id = {article.id: index for index, article in enumerate(articles)}
    found = []
    for reference in references:
        index = index_by_id.get(reference.article)
        if index is None:
            continue
        start, end = reference.span
        if articles[index].text[start:end] == reference.source:
            found.append((index, reference))
    return found


def resolved_name(reference: SpeakerReference, predicted: Sequence[PredictedSource]) -> str | None:
    """The name of the predicted source that overlaps the reference most, if any."""
    best: tuple[float, int, str] | None = None
    for position, source in enumerate(predicted):
        if intervals.shared((reference.span,), source.spans) == 0:
            continue
        # most overlap first, then the earliest prediction
        key = (intervals.iou((reference.span,), source.spans), -position, source.name)
        if best is None or key[:2] > best[:2]:
            best = key
    return None if best is None else best[2]


def score_speakers(
    references: Sequence[SpeakerReference],
    articles: Sequence[GoldArticle],
    predicted: Sequence[Sequence[PredictedSource]],
) -> SpeakerScores | None:
    """Speaker-name accuracy over the references that belong to ``articles``;
    None when none does (the articles are not PolNeAR dev)."""
    pairs = applicable(references, articles)
    if not pairs:
        return None
    found = correct = 0
    for index, reference in pairs:
        name = resolved_name(reference, predicted[index])
        if name is None:
            continue
        found += 1
        correct += is_right(reference, name)
    return SpeakerScores(correct=correct, found=found, total=len(pairs))
