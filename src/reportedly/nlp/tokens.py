"""A Doc's token attributes as numpy columns, read once per article.

Creating a spaCy ``Token`` object costs far more than reading an attribute from
``Doc.to_array``; claims and signals look at every token several times, so they
read these columns (string attributes are 64-bit hashes: compare them with
:func:`hashes`) and make ``Token`` objects only where a rule needs the parse.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module

import numpy as np
import numpy.typing as npt
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LENGTH,
    LIKE_NUM,
    LOWER,
    POS,
    SENT_START,
    TAG,
)
from spacy.strings import get_string_id
from spacy.tokens import Doc

from ..records import Span

Hashes = npt.NDArray[np.uint64]
Ints = npt.NDArray[np.int64]
Flags = npt.NDArray[np.bool_]
# tokens [start, end) of a Doc: token indices, where a records.Span holds characters
TokenRange = tuple[int, int]

_COLUMNS = [
    LOWER, LEMMA, POS, TAG, DEP, ENT_IOB, ENT_TYPE, IS_ALPHA, IS_PUNCT, IS_SPACE, LIKE_NUM,
    SENT_START, HEAD, IDX, LENGTH,
]  # fmt: skip
ENT_IOB_BEGIN = 3


@lru_cache(maxsize=256)
def _hash_tuple(words: tuple[str, ...]) -> Hashes:
    return np.array([get_string_id(word) for word in words], dtype=np.uint64)


def hashes(words: Iterable[str]) -> Hashes:
    """The string-store hashes of ``words``, for ``np.isin`` against a column."""
    return _hash_tuple(tuple(sorted(set(words))))


def pos_ids(names: Iterable[str]) -> Ints:
    """Universal part-of-speech ids ("VERB", "AUX") as the POS column holds them."""
    ids = import_module("spacy.parts_of_speech").IDS  # a compiled module without type stubs
    return np.array([ids[name] for name in names], dtype=np.int64)


@dataclass(frozen=True, slots=True)
class TokenTable:
    lower: Hashes
    lemma: Hashes
    pos: Ints
    tag: Hashes
    dep: Hashes
    ent_iob: Ints
    ent_type: Hashes
    is_alpha: Flags
    is_punct: Flags
    is_space: Flags
    like_num: Flags
    sent_start: Ints  # 1 starts a sentence, -1 does not, 0 unknown
    head: Ints  # absolute index of the syntactic head
    start: Ints  # character offset of the token
    end: Ints  # character offset after the token

    def __len__(self) -> int:
        return len(self.lower)

    def char_span(self, start: int, end: int) -> Span:
        """Character span of tokens ``[start, end)``."""
        return (int(self.start[start]), int(self.end[end - 1]))

    def token_range(self, span: Span) -> TokenRange | None:
        """Tokens ``[start, end)`` overlapping a character span, or None."""
        first = int(np.searchsorted(self.end, span[0], side="right"))
        last = int(np.searchsorted(self.start, span[1], side="left"))
        return (first, last) if first < last else None


def token_table(doc: Doc) -> TokenTable:
    if len(doc) == 0:
        empty = np.zeros(0, dtype=np.uint64)
        none = np.zeros(0, dtype=np.int64)
        flags = np.zeros(0, dtype=bool)
        return TokenTable(
            empty, empty, none, empty, empty, none, empty, flags, flags, flags, flags,
            none, none, none, none,
        )  # fmt: skip
    columns: Hashes = np.asarray(doc.to_array(_COLUMNS), dtype=np.uint64)
    signed = columns.astype(np.int64)  # SENT_START and HEAD are signed, stored as uint64
    start = signed[:, 13]
    return TokenTable(
        lower=columns[:, 0],
        lemma=columns[:, 1],
        pos=signed[:, 2],
        tag=columns[:, 3],
        dep=columns[:, 4],
        ent_iob=signed[:, 5],
        ent_type=columns[:, 6],
        is_alpha=columns[:, 7].astype(bool),
        is_punct=columns[:, 8].astype(bool),
        is_space=columns[:, 9].astype(bool),
        like_num=columns[:, 10].astype(bool),
        sent_start=signed[:, 11],
        head=np.arange(len(doc), dtype=np.int64) + signed[:, 12],
        start=start,
        end=start + signed[:, 14],
    )
