"""Same-language copies: MinHash LSH over word shingles, confirmed on the shingles themselves.

Each article's text becomes its set of 5-word shingles (case folded, words
only, so boilerplate punctuation and spacing do not matter). A 126-value
MinHash signature (datasketch) is cut into 42 bands of 3 values; each band's
hash is stored in ``link_bands`` (an index), so the candidates of a new
article are the stored articles sharing a band, found by index lookups whose
cost does not grow with the corpus (at most ``PER_BAND`` articles a band, the
latest; then at most ``MAX_CANDIDATES``, the most bands in common first). A
pair shares a band when its Jaccard similarity is about 0.3 or more (50%
probability at J = 0.29, 99.6% at J = 0.5).

Each candidate is then compared exactly: Jaccard similarity J and containment
C (the share of the smaller article's shingles found in the larger one). It is
a copy when J >= ``MIN_JACCARD`` or C >= ``MIN_CONTAINMENT``, and its kind is

- ``duplicate`` when J >= ``DUPLICATE_JACCARD`` (the same text, give or take a line),
- ``update`` when both articles come from the same outlet (a new version),
- ``syndicated`` otherwise (a wire story re-published, trimmed, re-headlined).
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from .text import words

SHINGLE_WORDS = 5
NUM_PERM = 126
BAND_ROWS = 3
MAX_CANDIDATES = 20
PER_BAND = 50
MIN_JACCARD = 0.5
MIN_CONTAINMENT = 0.6
DUPLICATE_JACCARD = 0.9
SEED = 9


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    tokens = words(text)
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32")


def band_keys(shingle_set: set[str]) -> list[int]:
    """The LSH band keys (signed 64-bit) of a shingle set."""
    minhash = MinHash(
        num_perm=NUM_PERM, seed=SEED, permutations=_TEMPLATE.permutations, scheme="affine32"
    )
    minhash.update_batch([s.encode("utf-8") for s in shingle_set])
    values = np.asarray(minhash.hashvalues, dtype=np.uint64)
    keys = []
    for band in range(NUM_PERM // BAND_ROWS):
        chunk = values[band * BAND_ROWS : (band + 1) * BAND_ROWS].tobytes()
        digest = hashlib.blake2b(struct.pack("<H", band) + chunk, digest_size=8).digest()
        keys.append(struct.unpack("<q", digest)[0])
    return keys


@dataclass(frozen=True, slots=True)
class Comparison:
    jaccard: float
    containment: float
    shared: int
    sizes: tuple[int, int]

    @property
    def is_copy(self) -> bool:
        return self.jaccard >= MIN_JACCARD or self.containment >= MIN_CONTAINMENT


def compare(a: set[str], b: set[str]) -> Comparison:
    shared = len(a & b)
    union = len(a | b)
    smaller = min(len(a), len(b))
    return Comparison(
        jaccard=shared / union if union else 0.0,
        containment=shared / smaller if smaller else 0.0,
        shared=shared,
        sizes=(len(a), len(b)),
    )


def copy_kind(comparison: Comparison, outlets: Sequence[str | None]) -> str:
    if comparison.jaccard >= DUPLICATE_JACCARD:
        return "duplicate"
    first, second = (o.casefold().strip() if o else None for o in outlets)
    if first and first == second:
        return "update"
    return "syndicated"
