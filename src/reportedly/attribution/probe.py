"""A linear probe on the encoder's token vectors: the accurate mode's tagger features.

A multinomial logistic regression reads each token's contextual vector
(:mod:`.encoder`) and gives the probability that the token begins or continues a
source, a cue or a content (:data:`PROBE_CLASSES`). Those probabilities, bucketed,
become features of both CRF passes (:func:`probe_feature_names`): the CRFs keep the
parse features and learn how far to trust the probe. The probe is trained on PolNeAR
train by ``reportedly train polnear --encoder`` (:mod:`reportedly.training.probe`),
and the CRFs on its out-of-fold probabilities, so that they see the probe as it
behaves on unseen text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy
import numpy.typing as npt

from .feature_names import T
from .features import TokenSequence

# a token's role and whether it opens its span (BILOU's U- opens, L- continues)
PROBE_CLASSES = ("O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON")
# probabilities under this are no feature (most tokens are surely outside every span)
PROBE_FLOOR = 0.05
# probabilities are read in this many equal buckets
PROBE_BUCKETS = 5
# weights are stored in the model file with this many decimals
PROBE_DECIMALS = 6

Matrix = npt.NDArray[numpy.float32]


def probe_class(label: str) -> int:
    """The probe's class index of a tagger label (BIO or BILOU)."""
    if label == "O":
        return 0
    boundary, _, role = label.partition("-")
    return PROBE_CLASSES.index(("B-" if boundary in ("B", "U") else "I-") + role)


@dataclass(frozen=True, slots=True)
class RoleProbe:
    """Weights ``(dimensions + 1, classes)``: the last row is the bias."""

    weights: Matrix

    def probabilities(self, vectors: npt.NDArray[Any]) -> Matrix:
        """Each row's class probabilities (softmax of the linear scores)."""
        scores = vectors.astype(numpy.float32) @ self.weights[:-1] + self.weights[-1]
        scores -= scores.max(axis=1, keepdims=True)
        exp = numpy.exp(scores)
        return (exp / exp.sum(axis=1, keepdims=True)).astype(numpy.float32)  # type: ignore[no-any-return]

    def to_list(self) -> list[list[float]]:
        return [[round(float(w), PROBE_DECIMALS) for w in row] for row in self.weights]

    @classmethod
    def from_list(cls, rows: Sequence[Sequence[float]]) -> RoleProbe:
        weights = numpy.asarray(rows, dtype=numpy.float32)
        if weights.ndim != 2 or weights.shape[1] != len(PROBE_CLASSES) or len(weights) < 2:
            raise ValueError(f"probe weights must be rows of {len(PROBE_CLASSES)} numbers")
        return cls(weights)


def probe_feature_names(probabilities: npt.NDArray[Any]) -> list[tuple[str, ...]]:
    """Each token's probe features, from the probabilities of one Doc's tokens.

    The most likely class of the token and of its neighbours (±1), and each class the
    token has a probability of at least :data:`PROBE_FLOOR` for, bucketed.
    """
    if not len(probabilities):
        return []
    best = probabilities.argmax(axis=1).tolist()
    buckets = numpy.minimum((probabilities * PROBE_BUCKETS).astype(int), PROBE_BUCKETS - 1)
    present = (probabilities >= PROBE_FLOOR).tolist()
    bucket_rows = buckets.tolist()
    last = len(best) - 1
    names: list[tuple[str, ...]] = []
    for i, top in enumerate(best):
        own = [f"pr={PROBE_CLASSES[top]}"]
        own.append(f"pr-1={PROBE_CLASSES[best[i - 1]]}" if i > 0 else "pr-1=^")
        own.append(f"pr+1={PROBE_CLASSES[best[i + 1]]}" if i < last else "pr+1=$")
        own.extend(
            f"pr:{PROBE_CLASSES[c]}={bucket_rows[i][c]}"
            for c in range(1, len(PROBE_CLASSES))
            if present[i][c]
        )
        names.append(tuple(own))
    return names


def with_probe_features(
    sequences: Sequence[TokenSequence[T]],
    names: Sequence[tuple[str, ...]],
    name_of: Callable[[str], T],
) -> list[TokenSequence[T]]:
    """``sequences`` with each token's probe features (``names``, by Doc token index)
    after its own, named by ``name_of`` (the string itself, or its model row)."""
    out: list[TokenSequence[T]] = []
    for sequence in sequences:
        features: list[tuple[T, ...]] = []
        for i, own in zip(sequence.token_ids, sequence.features, strict=True):
            features.append(own + tuple(name_of(name) for name in names[i]))
        out.append(TokenSequence(sequence.token_ids, tuple(features)))
    return out
