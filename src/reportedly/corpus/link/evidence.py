"""Evidence for a link: why two articles are called the same, and how sure that is.

A translated copy is not decided on one document cosine. The candidate (the best
article of the other language, mutual, standing out by the margin criterion:
``translations.VectorIndex.matches``) must also show

- aligned sentences: the two articles' first sentences (``DOC_SENTENCES`` each) are
  encoded and aligned in order (a translation keeps the order of its sentences): the
  longest chain of sentence pairs, increasing on both sides, whose cosine is at least
  ``ALIGN_COSINE``; at least ``MIN_ALIGNED`` pairs (all of the shorter side's when it has
  fewer) covering at least ``MIN_COVERAGE`` of the shorter side's sentences;
- plausible lengths: the longer text at most ``MAX_LENGTH_RATIO`` times the shorter.

The lead over the runner-up is recorded, not a rule: a story's copies in one language
(NTREX's British, US and Indian English) are each other's runner-ups, so a true
translation's lead is often 0 (measured on the benchmark).

The thresholds are calibrated on the newsroom benchmark (NTREX families among some
2,000 unrelated articles and same-topic near-misses: ``evaluation/newsroom.py``), not
on NTREX alone. A link's confidence is its coverage (the share of the shorter
article's sentences aligned, for a copy the share of the smaller article's shingles
found in the other); ``STRICT_CONFIDENCE`` or more is a strict link (``links --strict``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .text import sentences
from .translations import DOC_SENTENCES, TranslationMatch, encode

ALIGN_COSINE = 0.6
ALIGN_COSINE_UNCOVERED = 0.35
MIN_ALIGNED = 4
MIN_COVERAGE = 0.4
MIN_COSINE = 0.3  # a sanity floor: the aligned sentences decide (0.0 measured the same)
MAX_LENGTH_RATIO = 2.0
STRICT_CONFIDENCE = 0.8
EXAMPLES = 3


@dataclass(frozen=True, slots=True)
class Alignment:
    """Sentence pairs of two articles aligned in order (indices into each side's sentences)."""

    pairs: tuple[tuple[int, int, float], ...]
    sides: tuple[int, int]
    examples: tuple[tuple[str, str, float], ...]

    @property
    def coverage(self) -> float:
        shorter = min(self.sides)
        return len(self.pairs) / shorter if shorter else 0.0

    @property
    def mean_cosine(self) -> float:
        return float(np.mean([c for _, _, c in self.pairs])) if self.pairs else 0.0


def monotone_pairs(scores: np.ndarray, floor: float) -> list[tuple[int, int, float]]:
    """The longest chain of cells >= ``floor`` increasing in both indices (ties: the higher
    total cosine), by dynamic programming over the score matrix."""
    rows, cols = scores.shape
    count = np.zeros((rows + 1, cols + 1), dtype=np.int32)
    total = np.zeros((rows + 1, cols + 1), dtype=np.float64)
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            best = (count[i - 1, j], total[i - 1, j])
            left = (count[i, j - 1], total[i, j - 1])
            if left > best:
                best = left
            cell = float(scores[i - 1, j - 1])
            if cell >= floor:
                diagonal = (count[i - 1, j - 1] + 1, total[i - 1, j - 1] + cell)
                if diagonal > best:
                    best = diagonal
            count[i, j], total[i, j] = best
    pairs = []
    i, j = rows, cols
    while i > 0 and j > 0:
        cell = float(scores[i - 1, j - 1])
        if (
            cell >= floor
            and count[i, j] == count[i - 1, j - 1] + 1
            and abs(total[i, j] - total[i - 1, j - 1] - cell) < 1e-9
        ):
            pairs.append((i - 1, j - 1, cell))
            i, j = i - 1, j - 1
        elif (count[i - 1, j], total[i - 1, j]) >= (count[i, j - 1], total[i, j - 1]):
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def align(left: str, right: str, covered: bool = True) -> Alignment:
    """The in-order sentence alignment of two articles' first ``DOC_SENTENCES`` sentences;
    ``covered``: both languages are the encoder's (else its cosines run lower: a sentence
    and its Ukrainian translation score about 0.4, ``ALIGN_COSINE_UNCOVERED``)."""
    a, b = sentences(left, DOC_SENTENCES), sentences(right, DOC_SENTENCES)
    if not a or not b:
        return Alignment((), (len(a), len(b)), ())
    floor = ALIGN_COSINE if covered else ALIGN_COSINE_UNCOVERED
    pairs = monotone_pairs(encode(a) @ encode(b).T, floor)
    step = max(1, len(pairs) // EXAMPLES)
    examples = tuple((a[i], b[j], round(c, 3)) for i, j, c in pairs[::step][:EXAMPLES])
    return Alignment(tuple(pairs), (len(a), len(b)), examples)


@dataclass(frozen=True, slots=True)
class Decision:
    accepted: bool
    rule: str  # the rule that accepted it, or the first one it failed
    confidence: float
    evidence: dict[str, Any]


def judge_translation(
    match: TranslationMatch, alignment: Alignment, lengths: tuple[int, int]
) -> Decision:
    """Accept a translation candidate only on the evidence listed in the module doc."""
    shorter = min(alignment.sides)
    needed = min(MIN_ALIGNED, shorter) if shorter else MIN_ALIGNED
    ratio = max(lengths) / max(1, min(lengths))
    lead = None if match.second is None else match.score - match.second
    evidence: dict[str, Any] = {
        "method": "encoder+aligned-sentences",
        "cosine": round(match.cosine, 4),
        "margin": None if match.margin is None else round(match.margin, 4),
        "second_best": None if match.second is None else round(match.second, 4),
        "lead": None if lead is None else round(lead, 4),
        "aligned": len(alignment.pairs),
        "sentences": list(alignment.sides),
        "coverage": round(alignment.coverage, 4),
        "aligned_cosine": round(alignment.mean_cosine, 4),
        "length_ratio": round(ratio, 3),
        "examples": [{"a": x, "b": y, "cosine": c} for x, y, c in alignment.examples],
    }
    failed = (
        "cosine" if match.cosine < MIN_COSINE
        else "aligned sentences" if len(alignment.pairs) < needed
        else "coverage" if alignment.coverage < MIN_COVERAGE
        else "length" if ratio > MAX_LENGTH_RATIO
        else None
    )  # fmt: skip
    confidence = round(min(1.0, alignment.coverage), 4)
    if failed is not None:
        return Decision(False, f"rejected: {failed}", confidence, evidence)
    rule = f"mutual best, margin, {len(alignment.pairs)}/{shorter} sentences aligned in order"
    return Decision(True, rule, confidence, evidence)


def copy_confidence(jaccard: float, containment: float) -> float:
    """A same-language copy's confidence: the share of the smaller text found in the other."""
    return round(max(jaccard, containment), 4)


def copy_rule(jaccard: float, containment: float, minimum: tuple[float, float]) -> str:
    min_jaccard, min_containment = minimum
    if jaccard >= min_jaccard:
        return f"shingle Jaccard {jaccard:.2f} >= {min_jaccard}"
    return f"shingle containment {containment:.2f} >= {min_containment}"


def is_strict(confidence: float | None) -> bool:
    return confidence is not None and confidence >= STRICT_CONFIDENCE
