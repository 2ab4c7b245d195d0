"""Same-language copies: MinHash LSH over word shingles, confirmed on the shingles themselves.

Each article's text becomes its set of 5-word shingles (case folded, words
only, so boilerplate punctuation and spacing do not matter). A 126-value
MinHash signature (datasketch) is cut into 42 bands of 3 values; band hashes
are stored in ``link_bands`` (an index), so the candidates of a new article
are the stored articles sharing a band, found by index lookups. A pair shares
a band when its Jaccard similarity is about 0.3 or more (50% probability at
J = 0.29, 99.6% at J = 0.5).

Copies form families (``link_families``: each article's family is the rowid of
the family's first article, its root). The per-article cost stays flat however
many copies a story has:

- a new article is compared with at most ``MAX_FAMILIES`` candidate families
  (those with the member sharing the most bands first), and in each with two
  members only: the root and the member sharing the most bands (its nearest);
  it is linked to those of the two it is a copy of, so ``trace`` reaches the
  whole family by following links;
- an article that joins a family stores only the band keys no member of the
  family holds yet, so a band's lookup returns about one row per family
  (at most ``PER_BAND``, the latest, for a band many stories share, such as
  boilerplate).

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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash
from sqlite_utils import Database

from .text import words

SHINGLE_WORDS = 5
NUM_PERM = 126
BAND_ROWS = 3
MAX_FAMILIES = 3
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


@dataclass(frozen=True, slots=True)
class CopyMatch:
    """A stored article the new one is a copy of; ``role``: ``root`` or ``nearest``."""

    rowid: int
    article_id: str
    published: str | None
    outlet: str | None
    comparison: Comparison
    bands_shared: int
    role: str


@dataclass(frozen=True, slots=True)
class Found:
    matches: tuple[CopyMatch, ...]
    family: int  # the family the new article joins (its own rowid when none)
    keys: tuple[int, ...]  # the band keys to store for it (those its family lacks)


def find_copies(db: Database, rowid: int, mine: set[str], keys: Sequence[int]) -> Found:
    """The copies of article ``rowid`` (shingles ``mine``, band ``keys``) among stored ones."""
    per_band = (
        "SELECT * FROM (SELECT link_bands.key, link_bands.article, "
        "COALESCE(link_families.family, link_bands.article) FROM link_bands "
        "LEFT JOIN link_families ON link_families.article = link_bands.article "
        "WHERE link_bands.key = ? AND link_bands.article != ? "
        f"ORDER BY link_bands.article DESC LIMIT {PER_BAND})"
    )
    rows = (
        db.execute(
            " UNION ALL ".join([per_band] * len(keys)),
            [value for key in keys for value in (key, rowid)],
        ).fetchall()
        if keys
        else []
    )
    hits: Counter[int] = Counter(article for _, article, _ in rows)
    family_of = {article: family for _, article, family in rows}
    nearest: dict[int, tuple[int, int]] = {}  # family -> (hits, -rowid) of its best member
    for article, count in hits.items():
        family = family_of[article]
        nearest[family] = max(nearest.get(family, (0, 0)), (count, -article))
    ranked = sorted(nearest.items(), key=lambda item: (-item[1][0], item[0]))[:MAX_FAMILIES]
    matches: list[CopyMatch] = []
    joined: list[int] = []
    for family, (_, negative) in ranked:
        for member, role in ((family, "root"), (-negative, "nearest")):
            if member == rowid or (role == "nearest" and member == family):
                continue  # itself (a re-linked root), or the root again
            other = db.execute(
                "SELECT id, text, published, outlet FROM articles WHERE rowid = ?", [member]
            ).fetchone()
            if other is None:
                continue
            comparison = compare(mine, shingles(other[1] or ""))
            if comparison.is_copy:
                shared = hits.get(member, 0)
                matches.append(
                    CopyMatch(member, other[0], other[2], other[3], comparison, shared, role)
                )
                joined.append(family)
    family = min(joined) if joined else rowid
    held = {key for key, _, holder in rows if holder == family}
    return Found(tuple(matches), family, tuple(key for key in keys if key not in held))


def store_bands(db: Database, rowid: int, found: Found) -> None:
    db.execute(
        "INSERT OR REPLACE INTO link_families (article, family) VALUES (?, ?)",
        [rowid, found.family],
    )
    db.conn.executemany(
        "INSERT OR IGNORE INTO link_bands (key, article) VALUES (?, ?)",
        [(key, rowid) for key in found.keys],
    )
