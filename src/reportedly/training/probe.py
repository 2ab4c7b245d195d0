"""Train the accurate mode's probe: logistic regression on the encoder's token vectors.

Deterministic: full-batch L-BFGS from zero weights over the tokens in article order,
so the same vectors give the same weights. The CRFs are trained on *out-of-fold*
probabilities (each fold of articles read by a probe trained on the others), the
folds the second CRF's cross-fitting uses (article index modulo the fold count).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy
import numpy.typing as npt
from scipy.optimize import minimize

from ..attribution.probe import PROBE_CLASSES, PROBE_DECIMALS, RoleProbe, probe_class

# L2 penalty on the weights (not the bias), per token of training data
PROBE_L2 = 1e-4
PROBE_ITERATIONS = 100
# every n-th token is fitted on: neighbouring tokens' vectors are much alike, and the
# full-batch fit over all of train's ~470,000 tokens took about 5 minutes a probe here
PROBE_STEP = 3

Floats = npt.NDArray[numpy.float32]


def probe_targets(labels: Sequence[str]) -> npt.NDArray[numpy.int64]:
    """Each token's probe class from its tagger label (BIO or BILOU)."""
    return numpy.fromiter((probe_class(label) for label in labels), dtype=numpy.int64)


def fit_probe(
    vectors: Floats, targets: npt.NDArray[numpy.int64], iterations: int = PROBE_ITERATIONS
) -> RoleProbe:
    """A probe fitted on token ``vectors`` (rows) and their classes ``targets``, every
    :data:`PROBE_STEP`-th of them.

    The vectors are standardised for the fit (L-BFGS converges far faster), and the
    scaling folded back into the weights, which then read raw vectors.
    """
    x = numpy.asarray(vectors[::PROBE_STEP], dtype=numpy.float32)
    targets = targets[::PROBE_STEP]
    mean = x.mean(axis=0, dtype=numpy.float64).astype(numpy.float32)
    scale = x.std(axis=0, dtype=numpy.float64).astype(numpy.float32)
    scale[scale == 0] = 1.0
    x = (x - mean) / scale
    n, d = x.shape
    k = len(PROBE_CLASSES)
    onehot = numpy.zeros((n, k), dtype=numpy.float32)
    onehot[numpy.arange(n), targets] = 1.0
    l2 = PROBE_L2 * n

    def loss(flat: npt.NDArray[numpy.float64]) -> tuple[float, npt.NDArray[numpy.float64]]:
        weights = flat.reshape(d + 1, k).astype(numpy.float32)
        scores = x @ weights[:-1] + weights[-1]
        scores -= scores.max(axis=1, keepdims=True)
        exp = numpy.exp(scores)
        total = exp.sum(axis=1, keepdims=True)
        log_p = scores - numpy.log(total)
        value = -float((log_p * onehot).sum(dtype=numpy.float64))
        error = exp / total - onehot
        grad = numpy.empty((d + 1, k), dtype=numpy.float64)
        grad[:-1] = x.T @ error
        grad[-1] = error.sum(axis=0, dtype=numpy.float64)
        w = flat.reshape(d + 1, k)[:-1]
        value += 0.5 * l2 * float((w * w).sum())
        grad[:-1] += l2 * w
        return value, grad.ravel()

    start = numpy.zeros((d + 1) * k, dtype=numpy.float64)
    result = minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": iterations})
    fitted = result.x.reshape(d + 1, k)
    weights = numpy.empty_like(fitted)
    weights[:-1] = fitted[:-1] / scale[:, None]
    weights[-1] = fitted[-1] - (mean / scale) @ fitted[:-1]
    return RoleProbe(numpy.round(weights, PROBE_DECIMALS).astype(numpy.float32))


def out_of_fold_probabilities(
    vectors: Sequence[Floats],
    targets: Sequence[npt.NDArray[numpy.int64]],
    folds: int,
    iterations: int = PROBE_ITERATIONS,
) -> list[Floats]:
    """Each article's token probabilities from a probe that never saw it (``folds`` ≥ 2;
    article ``i`` is in fold ``i % folds``)."""
    out: list[Floats] = [numpy.zeros((0, len(PROBE_CLASSES)), dtype=numpy.float32)] * len(vectors)
    for fold in range(folds):
        seen = [i for i in range(len(vectors)) if i % folds != fold]
        probe = fit_probe(
            numpy.concatenate([vectors[i] for i in seen]),
            numpy.concatenate([targets[i] for i in seen]),
            iterations,
        )
        for i in range(fold, len(vectors), folds):
            out[i] = probe.probabilities(vectors[i])
    return out
