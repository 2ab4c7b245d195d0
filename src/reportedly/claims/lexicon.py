"""The evaluative-wording lexicon: loading it and finding its phrases in a Doc.

The shipped lexicon (``data/evaluative-lexicon.tsv``) was written for this
project and is MIT-licensed with it; its header says how it was made. Matching
is token by token on lower-case text or lemma, with a dictionary keyed by the
first word, so a pass over a document costs two look-ups per token.

It belongs to the claims stage, the first that reads it: check-worthiness counts
its hits, and the signals stage, which comes after, reports them (the hits are
found once per article, in :mod:`.passes`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

from ..errors import ReportedlyError
from ..nlp.tokens import TokenTable, hashes, token_table

LEXICON_RESOURCE = "evaluative-lexicon.tsv"
HEADER = ("phrase", "category", "pos", "note")
ANY_POS = "-"
# split a phrase the way spaCy splits words: "so-called" -> so, -, called
_WORDS = re.compile(r"[^\W_]+|[^\w\s]")


class LexiconError(ReportedlyError):
    """The evaluative lexicon file is malformed."""

    code = "R050"


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    phrase: str
    words: tuple[str, ...]
    category: str
    pos: str
    note: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Entries indexed by their first word, longest phrase first."""

    entries: tuple[LexiconEntry, ...]
    name: str = ""
    by_first_word: dict[str, tuple[LexiconEntry, ...]] = field(default_factory=dict)

    @classmethod
    def from_entries(cls, entries: Iterable[LexiconEntry], name: str = "") -> Lexicon:
        entries = tuple(entries)
        index: dict[str, list[LexiconEntry]] = {}
        for entry in entries:
            index.setdefault(entry.words[0], []).append(entry)
        return cls(
            entries,
            name,
            {
                word: tuple(sorted(group, key=lambda e: len(e.words), reverse=True))
                for word, group in index.items()
            },
        )


@dataclass(frozen=True, slots=True)
class LexiconHit:
    """An entry found at tokens ``[start, end)`` of a Doc."""

    start: int
    end: int
    entry: LexiconEntry


def split_phrase(phrase: str) -> tuple[str, ...]:
    return tuple(word.lower() for word in _WORDS.findall(phrase))


def parse_lexicon(lines: Iterable[str], name: str = "<lexicon>") -> Lexicon:
    """Parse the TSV format (``#`` comments, a header row, then ``phrase category pos note``)."""
    entries: list[LexiconEntry] = []
    seen_header = False
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not seen_header:
            if tuple(cells) != HEADER:
                raise LexiconError(f"{name}:{number}: expected the header {'/'.join(HEADER)}")
            seen_header = True
            continue
        if len(cells) != len(HEADER):
            raise LexiconError(
                f"{name}:{number}: expected {len(HEADER)} tab-separated cells, got {len(cells)}"
            )
        phrase, category, pos, note = (cell.strip() for cell in cells)
        words = split_phrase(phrase)
        if not words or not category:
            raise LexiconError(f"{name}:{number}: empty phrase or category")
        entries.append(LexiconEntry(phrase, words, category, pos or ANY_POS, note))
    if not entries:
        raise LexiconError(f"{name}: no entries")
    return Lexicon.from_entries(entries, name)


def load_lexicon(path: Path | None = None) -> Lexicon:
    """The lexicon at ``path``, or the shipped one (parsed once per process)."""
    if path is None:
        return _shipped_lexicon()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read the lexicon ({exc})") from None
    return parse_lexicon(text.splitlines(), str(path))


@lru_cache(maxsize=1)
def _shipped_lexicon() -> Lexicon:
    data = resources.files(__package__).joinpath("data").joinpath(LEXICON_RESOURCE)
    return parse_lexicon(data.read_text(encoding="utf-8").splitlines(), LEXICON_RESOURCE)


def _token_matches(token: Token, word: str) -> bool:
    return token.lower_ == word or token.lemma_.lower() == word


def _entry_matches(doc: Doc, start: int, entry: LexiconEntry) -> bool:
    end = start + len(entry.words)
    if end > len(doc):
        return False
    if entry.pos != ANY_POS and doc[start].pos_ != entry.pos:
        return False
    return all(_token_matches(doc[start + k], word) for k, word in enumerate(entry.words))


def find_lexicon_hits(
    doc: Doc, lexicon: Lexicon | None = None, *, table: TokenTable | None = None
) -> tuple[LexiconHit, ...]:
    """Non-overlapping hits, left to right, the longest entry winning at each token.

    Only tokens whose text or lemma starts an entry are looked at one by one
    (found on the Doc's token columns, ``table``, made when not given).
    """
    lexicon = lexicon or load_lexicon()
    table = token_table(doc) if table is None else table
    index = lexicon.by_first_word
    first_words = hashes(index)
    candidates = np.flatnonzero(
        np.isin(table.lower, first_words) | np.isin(table.lemma, first_words)
    )
    hits: list[LexiconHit] = []
    covered_until = 0
    for i in (int(c) for c in candidates):
        if i < covered_until:
            continue
        token = doc[i]
        lower = token.lower_
        entries = index.get(lower, ())
        lemma = token.lemma_.lower()
        if lemma != lower:
            entries = entries + index.get(lemma, ())
        best: LexiconEntry | None = None
        for entry in entries:
            if (best is None or len(entry.words) > len(best.words)) and _entry_matches(
                doc, i, entry
            ):
                best = entry
        if best is not None:
            hits.append(LexiconHit(i, i + len(best.words), best))
            covered_until = i + len(best.words)
    return tuple(hits)
