"""Gold attributions as BIO (or BILOU) token labels, and the cue lexicon read off them."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc

from ..attribution.features import CueLexicon
from ..attribution.model import CONTENT, CUE, SOURCE
from ..evaluation.scoring import trim_fragment
from ..records import AttributionSpans, Span

ROLE_TAGS = (("source", SOURCE), ("cue", CUE), ("content", CONTENT))


def token_labels(doc: Doc, attributions: Iterable[AttributionSpans]) -> list[str]:
    """One BIO label per token of ``doc`` (whose text the gold offsets index).

    Fragments are trimmed as the scorer trims them, so quote marks and the
    final period are outside the labelled tokens, as they are outside what
    exact matching compares. A token takes the first label it gets (PolNeAR
    gives each token at most one; the rare clash is an annotation slip).
    """
    labels = ["O"] * len(doc)
    token_ends = [token.idx + len(token.text) for token in doc]
    for attribution in attributions:
        for field, tag in ROLE_TAGS:
            fragments: Sequence[Span] = getattr(attribution, field)
            for fragment in fragments:
                start, end = trim_fragment(doc.text, fragment)
                first = True
                for i in _overlapping_tokens(doc, token_ends, start, end):
                    if labels[i] == "O":
                        labels[i] = ("B-" if first else "I-") + tag
                    first = False
    return labels


def to_bilou(labels: Sequence[str]) -> list[str]:
    """BIO labels as BILOU: the last token of a span is ``L-``, a one-token span ``U-``.
    Explicit ends let the CRF learn where a span stops (multi-word cues, contents
    running on past a comma) from the end's own features."""
    bilou = list(labels)
    for i, label in enumerate(labels):
        if label == "O":
            continue
        role = label[2:]
        continues = i + 1 < len(labels) and labels[i + 1] == "I-" + role
        if label.startswith("B-"):
            bilou[i] = ("B-" if continues else "U-") + role
        else:
            bilou[i] = ("I-" if continues else "L-") + role
    return bilou


def _overlapping_tokens(doc: Doc, token_ends: Sequence[int], start: int, end: int) -> list[int]:
    tokens = []
    for i in range(bisect.bisect_right(token_ends, start), len(doc)):
        token = doc[i]
        if token.idx >= end:
            break
        if not token.is_space:
            tokens.append(i)
    return tokens


def build_cue_lexicon(
    docs: Sequence[Doc],
    labels: Sequence[Sequence[str]],
    *,
    min_count: int,
    likely_threshold: float,
) -> CueLexicon:
    """The share of each lemma's occurrences that lie in a gold cue.

    Only lemmas seen in a cue at least ``min_count`` times are kept: a ratio
    over one or two sightings would be noise the CRF learns to trust.
    """
    seen: Counter[str] = Counter()
    in_cue: Counter[str] = Counter()
    for doc, doc_labels in zip(docs, labels, strict=True):
        for token, label in zip(doc, doc_labels, strict=True):
            lemma = token.lemma_.lower()
            seen[lemma] += 1
            if label.endswith(CUE):
                in_cue[lemma] += 1
    ratios = {
        lemma: round(count / seen[lemma], 4)
        for lemma, count in sorted(in_cue.items())
        if count >= min_count
    }
    return CueLexicon(ratios, likely_threshold)
