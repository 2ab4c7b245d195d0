"""How much a claim is worth checking: a score in [0, 1] from a few readable features.

Basis (see docs/claims.md for the table and the evaluation on PolNeAR dev):
a claim is worth checking when it states something specific that could be
shown true or false: numbers, dates, named actors and past events push the score
up; opinion, prediction and emotion push it down. The reporter's own voice
counts for more than a quoted source's, and an attribution whose cue marks a
belief, intention or doubt ("thinks", "plans", "doubts") counts for less than
one that asserts. So a number in the reporter's voice outranks an attributed
opinion, by construction.

The score is a logistic function of a weighted sum; the weights were set by
hand from what the features mean and checked (not fitted) against labels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Coarse claim kinds, most checkable first.
KIND_WEIGHTS: dict[str, float] = {
    "quantity": 1.2,
    "comparison": 0.7,
    "date_time": 0.6,
    "causal": 0.4,
    "event": 0.5,
    "other": 0.0,
}
# Cue stances that mark an opinion, a plan or a doubt rather than an assertion.
OPINION_STANCES = frozenset({"belief", "intention", "doubtful"})

BIAS = -1.2
W_REPORTER_VOICE = 0.6
W_OPINION_STANCE = -0.8
W_PER_ENTITY = 0.25  # named people, places, organisations, capped
MAX_ENTITIES = 4
W_EXTRA_QUANTITY = 0.3  # each quantity after the first, capped
MAX_EXTRA_QUANTITIES = 2
W_FIRST_SECOND_PERSON = -0.35  # "I", "we", "you": speaker-centred talk, capped at 3
W_MODAL = -0.45  # "could", "should", "might": possibility or obligation, capped at 2
W_FUTURE = -0.5  # predictions cannot be checked yet
W_EVALUATIVE = -0.4  # lexicon hits, capped at 2
W_QUESTION = -1.5
W_SHORT = -0.8  # fewer than SHORT_WORDS words: little to check
SHORT_WORDS = 6


@dataclass(frozen=True, slots=True)
class ClaimFeatures:
    kind: str
    reporter_voice: bool
    stance: str | None  # the cue stance of the claim's attribution, None for the reporter
    words: int
    quantities: int
    entities: int
    first_second_person: int
    modals: int
    future: bool
    evaluative: int
    question: bool


def weighted_sum(features: ClaimFeatures) -> float:
    total = BIAS + KIND_WEIGHTS.get(features.kind, 0.0)
    if features.reporter_voice:
        total += W_REPORTER_VOICE
    elif features.stance in OPINION_STANCES:
        total += W_OPINION_STANCE
    total += W_PER_ENTITY * min(features.entities, MAX_ENTITIES)
    total += W_EXTRA_QUANTITY * min(max(features.quantities - 1, 0), MAX_EXTRA_QUANTITIES)
    total += W_FIRST_SECOND_PERSON * min(features.first_second_person, 3)
    total += W_MODAL * min(features.modals, 2)
    total += W_EVALUATIVE * min(features.evaluative, 2)
    if features.future:
        total += W_FUTURE
    if features.question:
        total += W_QUESTION
    if features.words < SHORT_WORDS:
        total += W_SHORT
    return total


def checkworthiness(features: ClaimFeatures) -> float:
    """The score in [0, 1], rounded to 3 decimals so JSON output stays stable."""
    return round(1.0 / (1.0 + math.exp(-weighted_sum(features))), 3)


def precision_at_k(ranked_labels: list[bool], k: int) -> float:
    """Share of positives among the first ``k`` items of a ranking."""
    if k <= 0:
        raise ValueError("k must be positive")
    top = ranked_labels[:k]
    return sum(top) / len(top) if top else 0.0


def average_precision(ranked_labels: list[bool]) -> float:
    """Mean of precision@i over the ranks i of the positives (0 when there are none)."""
    hits = 0
    total = 0.0
    for rank, label in enumerate(ranked_labels, start=1):
        if label:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0
