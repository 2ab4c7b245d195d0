"""A Doc's token attributes as columns, read once per Doc.

Creating a spaCy ``Token`` object costs far more than reading an attribute from
``Doc.to_array``, and every later stage looks at every token several times: the
attribution model's features and its linker, claims and signals. They all read
one :class:`TokenTable`, built the first time it is asked for (:func:`token_table`)
and kept as long as its Doc lives:

- numpy columns (string attributes are 64-bit hashes: compare them with
  :func:`hashes`) for the vectorised passes of claims and signals;
- :attr:`TokenTable.lists`, the same attributes as Python lists of strings and ints,
  for the per-token loops of the attribution stage (indexing a list beats a numpy
  scalar there). They are decoded from the hash columns, each distinct string
  once, and only when first needed.

A Doc must not change (retokenised, re-parsed) once its table was read; the pipeline
never changes one after parsing.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import import_module
from typing import Any

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
    ORTH,
    POS,
    SENT_START,
    SHAPE,
    SPACY,
    TAG,
)
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc

from ..records import Span

Hashes = npt.NDArray[np.uint64]
Ints = npt.NDArray[np.int64]
Flags = npt.NDArray[np.bool_]
# tokens [start, end) of a Doc: token indices, where a records.Span holds characters
TokenRange = tuple[int, int]

_COLUMNS = [
    LOWER, LEMMA, POS, TAG, DEP, ENT_IOB, ENT_TYPE, IS_ALPHA, IS_PUNCT, IS_SPACE, LIKE_NUM,
    SENT_START, HEAD, IDX, LENGTH, ORTH, SHAPE, SPACY,
]  # fmt: skip
ENT_IOB_BEGIN = 3
# Token.ent_iob_ for the ENT_IOB column's values
_IOB_NAMES = ("", "I", "O", "B")


@lru_cache(maxsize=256)
def _hash_tuple(words: tuple[str, ...]) -> Hashes:
    return np.array([get_string_id(word) for word in words], dtype=np.uint64)


def hashes(words: Iterable[str]) -> Hashes:
    """The string-store hashes of ``words``, for ``np.isin`` against a column."""
    return _hash_tuple(tuple(sorted(set(words))))


def _parts_of_speech() -> Any:
    return import_module("spacy.parts_of_speech")  # a compiled module without type stubs


def pos_ids(names: Iterable[str]) -> Ints:
    """Universal part-of-speech ids ("VERB", "AUX") as the POS column holds them."""
    ids = _parts_of_speech().IDS
    return np.array([ids[name] for name in names], dtype=np.int64)


@dataclass(frozen=True, slots=True)
class TokenLists:
    """The columns the attribution stage loops over, as Python lists (one item a token).

    The strings are spaCy's ``Token`` attributes: ``text``, ``lower_``, ``tag_``,
    ``pos_``, ``dep_``, ``ent_type_``, ``shape_``, ``whitespace_``; ``lemma`` is
    ``lemma_.lower()`` and ``ent_iob`` is ``ent_iob_`` where the token has an entity
    type, else "". ``head`` is the head's index, ``sent_start`` is
    ``bool(is_sent_start)`` and ``sentence`` the token's sentence number (0 first).
    """

    text: list[str]
    lower: list[str]
    lemma: list[str]
    tag: list[str]
    pos: list[str]
    dep: list[str]
    ent: list[str]
    ent_iob: list[str]
    shape: list[str]
    whitespace: list[str]
    is_space: list[bool]
    sent_start: list[bool]
    head: list[int]
    sentence: list[int]


@dataclass(frozen=True, eq=False)
class TokenTable:
    """A Doc's token attributes as columns; one row a token. Build it with
    :func:`token_table`."""

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
    orth: Hashes  # the token's text
    shape: Hashes
    spacy: Flags  # a space follows the token
    strings: StringStore = field(repr=False)  # the Doc's, to decode the hash columns

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

    @cached_property
    def lists(self) -> TokenLists:
        """The attribution stage's columns as Python lists, decoded on first use."""
        strings = self.strings
        pos_names = _parts_of_speech().NAMES
        has_entity = (self.ent_type != 0).tolist()
        sent_start = (self.sent_start == 1).tolist()
        sentence = np.cumsum(self.sent_start == 1) - 1
        if len(sentence):  # the first token opens the first sentence, whatever it says
            sentence += 1 - int(sent_start[0])
        return TokenLists(
            text=_decode(self.orth, strings),
            lower=_decode(self.lower, strings),
            lemma=_decode(self.lemma, strings, lower=True),
            tag=_decode(self.tag, strings),
            pos=[pos_names[pos] for pos in self.pos.tolist()],
            dep=_decode(self.dep, strings),
            ent=_decode(self.ent_type, strings),
            ent_iob=[
                _IOB_NAMES[iob] if entity else ""
                for iob, entity in zip(self.ent_iob.tolist(), has_entity, strict=True)
            ],
            shape=_decode(self.shape, strings),
            whitespace=[" " if space else "" for space in self.spacy.tolist()],
            is_space=self.is_space.tolist(),
            sent_start=sent_start,
            head=self.head.tolist(),
            sentence=sentence.tolist(),
        )


def _decode(column: Hashes, strings: StringStore, *, lower: bool = False) -> list[str]:
    """A hash column as its strings, each distinct one looked up once."""
    values = column.tolist()
    if lower:
        lookup = {key: strings[key].lower() for key in set(values)}
    else:
        lookup = {key: strings[key] for key in set(values)}
    return list(map(lookup.__getitem__, values))


# each live Doc's table; an entry goes with its Doc
_tables: weakref.WeakKeyDictionary[Doc, TokenTable] = weakref.WeakKeyDictionary()


def token_table(doc: Doc) -> TokenTable:
    """The token columns of ``doc``, read the first time they are asked for."""
    table = _tables.get(doc)
    if table is None or len(table) != len(doc):
        table = read_token_table(doc)
        _tables[doc] = table
    return table


def read_token_table(doc: Doc) -> TokenTable:
    """The token columns of ``doc``, read now (:func:`token_table` reads them once)."""
    strings = doc.vocab.strings
    if len(doc) == 0:
        empty = np.zeros(0, dtype=np.uint64)
        none = np.zeros(0, dtype=np.int64)
        flags = np.zeros(0, dtype=bool)
        return TokenTable(
            empty, empty, none, empty, empty, none, empty, flags, flags, flags, flags,
            none, none, none, none, empty, empty, flags, strings,
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
        orth=columns[:, 15],
        shape=columns[:, 16],
        spacy=columns[:, 17].astype(bool),
        strings=strings,
    )
