"""A crfsuite linear-chain CRF read into numpy, for tagging many paragraphs at once.

python-crfsuite trains the tagger (``reportedly train``); tagging with it costs a
round of string conversion and lookups inside crfsuite per token and per pass,
and its marginals one Python call per label and token. Over PolNeAR dev that was
about 1.9 of the attribution stage's 3.4 seconds. Here the model's weights are
read once from crfsuite's own file format (the ``crf1d`` model python-crfsuite
writes) into one ``attributes x labels`` matrix and one ``labels x labels`` matrix, the
paragraphs of a Doc are scored together (one sparse ``tokens x attributes`` matrix
times the weights), and Viterbi and forward-backward run across all of them at each
position.

The arithmetic is crfsuite's: state scores are summed in the item's attribute
order, from zero, Viterbi keeps the first of equal maxima, and forward-backward gives crfsuite's
marginals (crfsuite scales each position to sum to one; here it runs in log space,
which cannot overflow), so the labels are crfsuite's (unless a model is
:meth:`~LinearChainCRF.restricted_to` some transitions), and the marginals agree
with its to rounding (``tests/attribution/test_crf.py`` compares both on the
shipped model).
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import chain

import numpy as np
from scipy import sparse

from ..errors import ModelError

__all__ = [
    "EncodedSequences",
    "LinearChainCRF",
    "read_crfsuite_model",
    "read_crfsuite_models",
    "split_by_lengths",
]

_MAGIC = b"lCRF"
_MODEL_TYPE = b"FOMC"
_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CQDB_HEADER = struct.Struct("<4sIIIII")
_FEATURE_CHUNK = struct.Struct("<4sII")

# one feature: type (0 = state, attribute -> label; 1 = transition, label -> label),
# source, destination, weight
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1


@dataclass(frozen=True, slots=True)
class EncodedSequences:
    """Sequences of attribute names as one sparse ``tokens x attributes`` matrix:
    row ``k`` holds a 1 for each attribute of token ``k``, in the token's attribute
    order (an attribute given twice is there twice); ``lengths`` are the sequences'
    token counts."""

    matrix: sparse.csr_array
    lengths: tuple[int, ...]

    def followed_by(self, more: EncodedSequences) -> EncodedSequences:
        """Each token's attributes, then its attributes in ``more`` (the same tokens):
        the second pass reads the first pass's features and then its own."""
        first, second = self.matrix, more.matrix
        if first.shape[0] != second.shape[0]:
            raise ValueError("sequences of different tokens cannot be joined")
        first_sizes, second_sizes = np.diff(first.indptr), np.diff(second.indptr)
        indptr = first.indptr + second.indptr
        indices = np.empty(len(first.indices) + len(second.indices), dtype=first.indices.dtype)
        # each token's own attributes first, then the ones of ``more``, at the row's place
        row_start = np.repeat(indptr[:-1], first_sizes)
        indices[
            np.arange(len(first.indices)) - np.repeat(first.indptr[:-1], first_sizes) + row_start
        ] = first.indices
        row_start = np.repeat(indptr[:-1] + first_sizes, second_sizes)
        indices[
            np.arange(len(second.indices)) - np.repeat(second.indptr[:-1], second_sizes) + row_start
        ] = second.indices
        matrix = sparse.csr_array(
            (np.ones(len(indices)), indices, indptr),
            shape=(first.shape[0], max(first.shape[1], second.shape[1])),
        )
        return EncodedSequences(matrix, self.lengths)


@dataclass(frozen=True, eq=False)
class LinearChainCRF:
    """A first-order linear-chain CRF: label names, attribute rows and weights.

    ``state`` has one row per attribute and a last row of zeros that every unknown
    attribute maps to. Models read together (:func:`read_crfsuite_models`) share
    ``attributes``, so that sequences encoded for one are encoded for all.
    """

    labels: tuple[str, ...]
    attributes: Mapping[str, int]
    state: np.ndarray  # (attributes + 1, labels)
    transition: np.ndarray  # (labels, labels): from the row's label to the column's

    def encode(self, sequences: Sequence[Sequence[Sequence[str]]]) -> EncodedSequences:
        """``sequences`` (of tokens, each a sequence of attribute names) as rows."""
        unknown = len(self.state) - 1
        rows = self.attributes.get
        return self.encode_rows(
            [
                [[rows(name, unknown) for name in item] for item in sequence]
                for sequence in sequences
            ]
        )

    def encode_rows(self, sequences: Sequence[Sequence[Sequence[int]]]) -> EncodedSequences:
        """``sequences`` whose tokens already name their attributes by row (as
        :func:`~reportedly.attribution.features.sequence_rows` does)."""
        items = list(chain.from_iterable(sequences))
        indptr = np.zeros(len(items) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, items), dtype=np.int64, count=len(items)), out=indptr[1:])
        columns = np.fromiter(chain.from_iterable(items), dtype=np.int64, count=int(indptr[-1]))
        if len(columns) and not 0 <= columns.min() <= columns.max() < len(self.state):
            raise ValueError("a row outside the model's weights")
        matrix = sparse.csr_array(
            (np.ones(len(columns)), columns, indptr), shape=(len(items), len(self.state))
        )
        return EncodedSequences(matrix, tuple(len(sequence) for sequence in sequences))

    def token_scores(self, encoded: EncodedSequences) -> np.ndarray:
        """Every token's state scores, ``(tokens, labels)``: the sum of its
        attributes' rows, unknown attributes ignored.

        A sparse product adds each row's weights one by one in the row's order,
        starting from zero, which is exactly crfsuite's sum (a gather and
        ``np.add.reduceat`` differed from it in the last bits).
        """
        return np.asarray(encoded.matrix @ self.state)

    def scores(self, sequences: Sequence[Sequence[Sequence[str]]]) -> list[np.ndarray]:
        """Each sequence's state scores, ``(tokens, labels)``."""
        encoded = self.encode(sequences)
        return split_by_lengths(self.token_scores(encoded), encoded.lengths)

    def viterbi(self, scores: Sequence[np.ndarray]) -> list[list[str]]:
        """The best label sequence for each sequence of state scores."""
        best = _viterbi(scores, self.transition)
        names = self.labels
        return [[names[k] for k in path] for path in best]

    def marginals(self, scores: Sequence[np.ndarray]) -> list[np.ndarray]:
        """Each position's probability of each label, ``(tokens, labels)`` per sequence."""
        return _marginals(scores, self.transition)

    def restricted_to(self, allowed: Callable[[str, str], bool]) -> LinearChainCRF:
        """The same model with every transition ``allowed(before, after)`` refuses
        made impossible (its weight minus infinity), so Viterbi never takes it."""
        transition = self.transition.copy()
        for i, before in enumerate(self.labels):
            for j, after in enumerate(self.labels):
                if not allowed(before, after):
                    transition[i, j] = -np.inf
        return replace(self, transition=transition)


def split_by_lengths(values: np.ndarray, lengths: Sequence[int]) -> list[np.ndarray]:
    """``values`` (one row per token) cut into one array per sequence."""
    out = []
    first = 0
    for length in lengths:
        out.append(values[first : first + length])
        first += length
    return out


def _padded(scores: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Non-empty sequences, longest first (as :func:`_batches` groups them), padded
    into one ``(sequences, positions, labels)`` array, and their lengths: at position
    ``t`` the sequences still running are a prefix of the batch."""
    lengths = np.array([len(s) for s in scores], dtype=np.intp)
    batch = np.zeros((len(scores), int(lengths[0]), scores[0].shape[1]))
    for row, values in enumerate(scores):
        batch[row, : len(values)] = values
    return lengths, batch


def _running(lengths: np.ndarray) -> list[int]:
    """For each ``n`` up to the longest length and one more, how many sequences
    (longest first) have at least ``n`` tokens."""
    counts = np.searchsorted(-lengths, -np.arange(int(lengths[0]) + 2), side="right")
    return counts.tolist()  # type: ignore[no-any-return]


# the most positions (sequences x the longest length) decoded in one padded batch: a Doc
# with one very long paragraph among many short ones must not pad them all to its length
BATCH_CELLS = 1 << 16


def _batches(scores: Sequence[np.ndarray]) -> Iterator[list[int]]:
    """The indices of the non-empty sequences, longest first, in groups whose padded
    size stays within :data:`BATCH_CELLS` (a longer sequence is a group of its own)."""
    order = sorted((k for k, s in enumerate(scores) if len(s)), key=lambda k: -len(scores[k]))
    group: list[int] = []
    for k in order:
        if group and (len(group) + 1) * len(scores[group[0]]) > BATCH_CELLS:
            yield group
            group = []
        group.append(k)
    if group:
        yield group


def _viterbi(scores: Sequence[np.ndarray], transition: np.ndarray) -> list[list[int]]:
    done: list[list[int]] = [[] for _ in scores]
    for group in _batches(scores):
        paths = _viterbi_batch([scores[k] for k in group], transition)
        for k, path in zip(group, paths, strict=True):
            done[k] = path
    return done


def _marginals(scores: Sequence[np.ndarray], transition: np.ndarray) -> list[np.ndarray]:
    out = [np.zeros_like(s) for s in scores]
    for group in _batches(scores):
        probabilities = _marginals_batch([scores[k] for k in group], transition)
        for k, values in zip(group, probabilities, strict=True):
            out[k] = values
    return out


def _viterbi_batch(scores: Sequence[np.ndarray], transition: np.ndarray) -> list[list[int]]:
    """Viterbi over one group of :func:`_batches`, in one padded batch."""
    lengths, batch = _padded(scores)
    running = _running(lengths)
    steps = batch.shape[1]
    back = np.zeros(batch.shape, dtype=np.intp)
    best = batch[:, 0].copy()  # the best score of a path ending in each label
    for t in range(1, steps):
        n = running[t + 1]
        # path to label i at t-1, then i -> j: crfsuite adds the transition first,
        # keeps the first maximum, then adds the state score
        candidates = best[:n, :, None] + transition
        choice = candidates.argmax(axis=1)
        back[:n, t] = choice
        best[:n] = candidates.max(axis=1) + batch[:n, t]
    # trace every path back at once, from each sequence's own last position
    rows = np.arange(len(scores))
    paths = np.zeros(back.shape[:2], dtype=np.intp)
    paths[rows, lengths - 1] = best.argmax(axis=1)
    for t in range(steps - 1, 0, -1):
        n = running[t + 1]
        paths[:n, t - 1] = back[rows[:n], t, paths[:n, t]]
    return [paths[row, :length].tolist() for row, length in enumerate(lengths.tolist())]


def _marginals_batch(scores: Sequence[np.ndarray], transition: np.ndarray) -> list[np.ndarray]:
    """Forward-backward over one group of :func:`_batches`, in one padded batch.

    In log space: an exponential of a raw score overflows (and the products then
    give NaN) once a score passes about 709, so only differences from a maximum
    are exponentiated (:func:`_log_step`)."""
    lengths, batch = _padded(scores)
    running = _running(lengths)
    count, steps, _ = batch.shape
    finite = transition[np.isfinite(transition)]
    transition_peak = float(finite.max()) if finite.size else 0.0
    exp_transition = np.exp(transition - transition_peak)
    log_alpha = np.full(batch.shape, -np.inf)
    log_alpha[:, 0] = batch[:, 0]
    for t in range(1, steps):
        n = running[t + 1]
        # paths to each label at t-1, then on to each label at t, then its state score
        step = _log_step(log_alpha[:n, t - 1], exp_transition)
        log_alpha[:n, t] = step + transition_peak + batch[:n, t]
    log_beta = np.full(batch.shape, -np.inf)
    rows = np.arange(count)
    last = lengths - 1
    log_beta[rows, last] = 0.0
    for t in range(steps - 2, -1, -1):
        # the sequences whose position t is not their last
        n = running[t + 2]
        step = _log_step(log_beta[:n, t + 1] + batch[:n, t + 1], exp_transition.T)
        log_beta[:n, t] = step + transition_peak
    log_total = _log_step(log_alpha[rows, last], np.ones((batch.shape[2], 1)))[:, 0]
    # a sequence that no path can take (every transition forbidden) gets zeros
    log_total[~np.isfinite(log_total)] = np.inf
    probabilities = np.exp(log_alpha + log_beta - log_total[:, None, None])
    return [probabilities[row, :length] for row, length in enumerate(lengths.tolist())]


def _log_step(log_values: np.ndarray, exp_weights: np.ndarray) -> np.ndarray:
    """``log(exp(log_values) @ exp_weights)`` for a batch of rows, without overflow:
    each row's largest value is taken out before the exponential (logsumexp done as
    one matrix product). A row of nothing but ``-inf`` (no path) stays ``-inf``."""
    peak = log_values.max(axis=1, keepdims=True)
    peak[~np.isfinite(peak)] = 0.0
    summed = np.exp(log_values - peak) @ exp_weights
    with np.errstate(divide="ignore"):  # log(0): no path reaches the label, -inf
        return np.log(summed) + peak  # type: ignore[no-any-return]


def read_crfsuite_model(data: bytes) -> LinearChainCRF:
    """Read a crfsuite ``crf1d`` model file (what ``pycrfsuite.Trainer`` writes)."""
    return read_crfsuite_models(data)[0]


def read_crfsuite_models(*files: bytes) -> tuple[LinearChainCRF, ...]:
    """Read crfsuite model files into models that share one attribute table."""
    try:
        parts = [_read(memoryview(data)) for data in files]
    except (struct.error, ValueError, IndexError, UnicodeDecodeError) as exc:
        raise ModelError(f"not a crfsuite CRF model: {exc}") from exc
    attributes: dict[str, int] = {}
    for _labels, names, _state, _transition in parts:
        for name in names:
            attributes.setdefault(name, len(attributes))
    models = []
    for labels, names, state, transition in parts:
        # the model's rows moved to the shared table's, then the row of zeros
        table = np.zeros((len(attributes) + 1, len(labels)))
        table[[attributes[name] for name in names]] = state[: len(names)]
        models.append(LinearChainCRF(tuple(labels), attributes, table, transition))
    return tuple(models)


_Parts = tuple[list[str], list[str], np.ndarray, np.ndarray]


def _read(data: memoryview) -> _Parts:
    header = _HEADER.unpack_from(data)
    magic, size, model_type, _version, _features, num_labels, num_attrs = header[:7]
    off_features, off_labels, off_attrs = header[7:10]
    if magic != _MAGIC or model_type != _MODEL_TYPE or size > len(data):
        raise ValueError("bad header")
    labels = _read_strings(data, off_labels, num_labels)
    attributes = _read_strings(data, off_attrs, num_attrs)
    chunk, _chunk_size, count = _FEATURE_CHUNK.unpack_from(data, off_features)
    # (crfsuite leaves the header's feature count at 0: the chunk's is the one)
    if chunk != b"FEAT" or off_features + _FEATURE_CHUNK.size + count * _FEATURE.itemsize > size:
        raise ValueError("bad feature chunk")
    features = np.frombuffer(
        data, dtype=_FEATURE, count=count, offset=off_features + _FEATURE_CHUNK.size
    )
    state = np.zeros((num_attrs + 1, num_labels))
    transition = np.zeros((num_labels, num_labels))
    is_state = features["type"] == _STATE
    is_transition = features["type"] == _TRANSITION
    # each (attribute, label) pair is one feature, so plain assignment is a sum
    state[features["src"][is_state], features["dst"][is_state]] = features["weight"][is_state]
    transition[features["src"][is_transition], features["dst"][is_transition]] = features["weight"][
        is_transition
    ]
    return labels, attributes, state, transition


def _read_strings(data: memoryview, offset: int, count: int) -> list[str]:
    """The ``count`` strings of the CQDB (crfsuite's constant string database) at
    ``offset``, by id: its backward array points at each ``id, size, bytes`` record."""
    chunk, _size, _flag, _byteorder, bwd_size, bwd_offset = _CQDB_HEADER.unpack_from(data, offset)
    if chunk != b"CQDB" or bwd_size < count:
        raise ValueError("bad string database")
    pointers = struct.unpack_from(f"<{count}I", data, offset + bwd_offset)
    strings = []
    for pointer in pointers:
        _id, length = struct.unpack_from("<II", data, offset + pointer)
        start = offset + pointer + 8
        strings.append(bytes(data[start : start + length - 1]).decode("utf-8"))
    return strings
