"""Word classes for the tagger: k-means over the parser's contextual token vectors.

Fitted once on train; deterministic (a fixed sample of tokens, k-means++ seeded with a
constant, a fixed number of Lloyd iterations), so the same train split gives the same
centroids and hence the same model file.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy
from spacy.tokens import Doc

from ..attribution.features import WordClusters, nearest_centroids
from ..errors import DatasetError

# at most this many token vectors are clustered (every n-th token of train)
SAMPLE_TOKENS = 200_000
ITERATIONS = 20
SEED = 20261130
# centroids are stored as decimals in the model file: rounding before use keeps
# training and prediction on exactly the same numbers
DECIMALS = 4


def fit_word_clusters(docs: Sequence[Doc], k: int) -> WordClusters:
    """k centroids of the token vectors of ``docs`` (which must carry ``doc.tensor``)."""
    rows = [doc.tensor for doc in docs if doc.tensor is not None and len(doc.tensor)]
    if not rows:
        raise DatasetError("the parsed documents carry no token vectors (doc.tensor) to cluster")
    vectors = numpy.concatenate(rows).astype(numpy.float32)
    step = max(1, len(vectors) // SAMPLE_TOKENS)
    sample = vectors[::step]
    k = min(k, len(sample))
    rng = numpy.random.default_rng(SEED)
    centroids = _plus_plus(sample, k, rng)
    for _ in range(ITERATIONS):
        nearest = nearest_centroids(sample, centroids)
        for c in range(k):
            members = sample[nearest == c]
            # an emptied cluster keeps its centroid
            if len(members):
                centroids[c] = members.mean(axis=0)
    return WordClusters(numpy.round(centroids, DECIMALS).astype(numpy.float32))


def _plus_plus(sample: numpy.ndarray, k: int, rng: numpy.random.Generator) -> numpy.ndarray:
    """k-means++ seeding: each next centroid drawn with probability ~ squared distance."""
    centroids = numpy.empty((k, sample.shape[1]), dtype=numpy.float32)
    centroids[0] = sample[rng.integers(len(sample))]
    distance = ((sample - centroids[0]) ** 2).sum(axis=1)
    for c in range(1, k):
        total = float(distance.sum())
        index = int(rng.choice(len(sample), p=distance / total)) if total > 0 else c
        centroids[c] = sample[index]
        distance = numpy.minimum(distance, ((sample - centroids[c]) ** 2).sum(axis=1))
    return centroids
