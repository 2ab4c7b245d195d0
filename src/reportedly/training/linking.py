"""Train the linker: which cue each source and content span belongs to.

The training pairs come from gold spans (every gold source or content with
every candidate cue near it; positive when both belong to the same gold
attribution). The model is a logistic regression, fitted with crfsuite on
one-item sequences so that no other learning library is needed; its weights
are read back into a plain feature -> weight mapping for the model file.
"""

from __future__ import annotations

import bisect
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pycrfsuite
from spacy.tokens import Doc

from ..attribution.features import paragraph_token_ids
from ..attribution.model import (
    CONTENT,
    CUE,
    SOURCE,
    LinkContext,
    LinkWeights,
    TaggedSpan,
    scored_pairs,
)
from ..evaluation.scoring import trim_fragment
from ..records import AttributionSpans, Span

POSITIVE, NEGATIVE = "1", "0"


def gold_spans(doc: Doc, attributions: Sequence[AttributionSpans]) -> list[tuple[int, TaggedSpan]]:
    """Each gold fragment as a token span, with the index of its attribution."""
    paragraph_of: dict[int, int] = {}
    for number, ids in enumerate(paragraph_token_ids(doc)):
        for i in ids:
            paragraph_of[i] = number
    starts = [token.idx for token in doc]
    spans = []
    for index, attribution in enumerate(attributions):
        for role, fragments in (
            (SOURCE, attribution.source),
            (CUE, attribution.cue),
            (CONTENT, attribution.content),
        ):
            for fragment in fragments:
                tokens = _fragment_tokens(doc, starts, paragraph_of, fragment)
                if tokens:
                    span = TaggedSpan(role, tokens[0], tokens[-1], paragraph_of[tokens[0]])
                    spans.append((index, span))
    return spans


def _fragment_tokens(
    doc: Doc, starts: Sequence[int], paragraph_of: dict[int, int], fragment: Span
) -> list[int]:
    start, end = trim_fragment(doc.text, fragment)
    first = max(bisect.bisect_right(starts, start) - 1, 0)
    return [
        i
        for i in range(first, bisect.bisect_left(starts, end))
        if i in paragraph_of and doc[i].idx + len(doc[i].text) > start
    ]


def link_examples(
    doc: Doc, attributions: Sequence[AttributionSpans]
) -> Iterator[tuple[list[str], str]]:
    """(pair features, label) for every gold source/content and each of its candidate cues."""
    spans = gold_spans(doc, attributions)
    cue_owner = [owner for owner, span in spans if span.role == CUE]
    cues = [span for _owner, span in spans if span.role == CUE]
    context = LinkContext.of(doc)
    for owner, span in spans:
        if span.role == CUE:
            continue
        for index, features in scored_pairs(context, span, cues):
            yield features, POSITIVE if cue_owner[index] == owner else NEGATIVE


def train_linker(
    examples: Iterable[tuple[list[str], str]], *, c2: float = 1.0, max_iterations: int = 200
) -> LinkWeights:
    """Fit the pair model; deterministic like the tagger (L-BFGS, fixed data order)."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for features, label in examples:
        trainer.append([features], [label])
    trainer.set_params({"c1": 0.0, "c2": c2, "max_iterations": max_iterations})
    with tempfile.TemporaryDirectory(prefix="reportedly-linker-") as scratch:
        path = str(Path(scratch) / "linker.crfsuite")
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        state_features = tagger.info().state_features
        tagger.close()
    weights: dict[str, float] = {}
    for (feature, label), weight in state_features.items():
        sign = 1.0 if label == POSITIVE else -1.0
        weights[feature] = weights.get(feature, 0.0) + sign * weight
    return LinkWeights({feature: round(w, 5) for feature, w in sorted(weights.items()) if w})
