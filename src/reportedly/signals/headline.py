"""Headline against body: is each phrase the headline quotes said in the body?

A headline like “Share their pain”: Putin meets soldiers' mothers presents a
quotation; the body may hold it verbatim, or paraphrased ("we share this pain").
Each quoted phrase is looked for verbatim first (the same words, case and
punctuation aside), then as a window of body tokens that holds all of the
phrase's content lemmas, scored by rapidfuzz's ratio between the lemma strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import numpy as np
from rapidfuzz import fuzz
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from .. import marks
from ..nlp.tokens import Flags, TokenRange, TokenTable
from ..records import Span

MatchMethod = Literal["verbatim", "lemma", "fuzzy"]

# Quoted stretches of a headline; a closing ’ must not be an apostrophe (soldiers’ mothers).
_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"|«([^»]+)»|‘([^’]+)’(?!\w)")
_QUOTE_MARKS = frozenset(marks.CURLY_DOUBLE + marks.STRAIGHT_DOUBLE + marks.GUILLEMETS) | frozenset(
    marks.CURLY_SINGLE
)
# A window that holds every content lemma counts as a paraphrase when the lemma
# strings are at least this similar; without every content lemma, it must be closer.
LEMMA_MATCH_MIN_RATIO = 50.0
FUZZY_MATCH_MIN_RATIO = 80.0
# windows may be this many tokens shorter or longer than the phrase
WINDOW_SLACK = 2


@dataclass(frozen=True, slots=True)
class BodyMatch:
    span: Span  # Doc character offsets
    text: str
    method: MatchMethod
    score: float  # 0..1


@dataclass(frozen=True, slots=True)
class HeadlinePhrase:
    span: Span  # Doc character offsets of the phrase inside its quote marks
    text: str
    match: BodyMatch | None


def quoted_phrases(text: str, offset: int = 0) -> list[Span]:
    """Spans (inside the marks, shifted by ``offset``) of the quoted stretches of ``text``."""
    found = []
    for match in _QUOTED.finditer(text):
        group = next(g for g in range(1, 5) if match.group(g) is not None)
        inner_start, inner_end = match.span(group)
        quoted = text[inner_start:inner_end]
        stripped = quoted.strip()
        if stripped:
            lead = len(quoted) - len(quoted.lstrip())
            start = offset + inner_start + lead
            found.append((start, start + len(stripped)))
    return found


class _Body:
    """The body's words (no punctuation or spaces) and their lemmas, looked up lazily."""

    def __init__(self, doc: Doc, table: TokenTable, body_start: int) -> None:
        self.doc = doc
        self.table = table
        words: Flags = ~(table.is_punct | table.is_space)
        words[:body_start] = False
        self.word_index = np.flatnonzero(words)
        line_breaks = [
            int(i)
            for i in np.flatnonzero(table.is_space[body_start:]) + body_start
            if "\n" in doc[int(i)].text
        ]
        self.line_breaks = np.array(line_breaks, dtype=np.int64)
        self._lemmas: dict[int, str] = {}

    def lemma(self, i: int) -> str:
        if i not in self._lemmas:
            self._lemmas[i] = self.doc[i].lemma_.lower()
        return self._lemmas[i]

    def crosses_line(self, start: int, end: int) -> bool:
        k = int(np.searchsorted(self.line_breaks, start))
        return k < len(self.line_breaks) and self.line_breaks[k] < end


def _phrase_words(doc: Doc, table: TokenTable, phrase: Span) -> list[Token]:
    tokens = table.token_range(phrase)
    if tokens is None:
        return []
    return [t for t in doc[tokens[0] : tokens[1]] if not (t.is_punct or t.is_space)]


def _match_span(doc: Doc, table: TokenTable, start: int, end: int) -> tuple[Span, str]:
    span = table.char_span(start, end)
    return span, doc[start:end].text


def find_verbatim(body: _Body, words: list[Token]) -> BodyMatch | None:
    """The first place where the body has the phrase's words in order, case aside."""
    size = len(words)
    lowers = body.table.lower[body.word_index]
    if size == 0 or len(lowers) < size:
        return None
    target = np.array([get_string_id(t.lower_) for t in words], dtype=np.uint64)
    windows = np.lib.stride_tricks.sliding_window_view(lowers, size)
    hits = np.flatnonzero((windows == target).all(axis=1))
    for k in (int(h) for h in hits):
        start, end = int(body.word_index[k]), int(body.word_index[k + size - 1]) + 1
        if not body.crosses_line(start, end):
            span, text = _match_span(body.doc, body.table, start, end)
            return BodyMatch(span, text, "verbatim", 1.0)
    return None


def find_paraphrase(body: _Body, words: list[Token]) -> BodyMatch | None:
    """The body window whose lemmas best cover and resemble the phrase's, if close enough."""
    lemmas = [t.lemma_.lower() for t in words]
    content = {t.lemma_.lower() for t in words if not t.is_stop} or set(lemmas)
    content_hashes = np.array([get_string_id(c) for c in content], dtype=np.uint64)
    target = " ".join(lemmas)
    index = body.word_index
    table = body.table
    # anchors: body words whose lemma (as is, or lower-cased text) is a content lemma
    anchors = np.flatnonzero(
        np.isin(table.lemma[index], content_hashes) | np.isin(table.lower[index], content_hashes)
    )
    best: tuple[float, float, int, int] | None = None  # coverage, ratio, start, end
    tried: set[TokenRange] = set()
    size = len(words)
    for anchor in (int(a) for a in anchors):
        for width in range(max(1, size - WINDOW_SLACK), size + WINDOW_SLACK + 1):
            for first in range(max(0, anchor - width + 1), anchor + 1):
                last = first + width  # positions in the word index, exclusive
                if last > len(index) or (first, last) in tried:
                    continue
                tried.add((first, last))
                start, end = int(index[first]), int(index[last - 1]) + 1
                if body.crosses_line(start, end):
                    continue
                window = [body.lemma(int(i)) for i in index[first:last]]
                coverage = len(content.intersection(window)) / len(content)
                ratio = fuzz.ratio(target, " ".join(window))
                if best is None or (coverage, ratio) > best[:2]:
                    best = (coverage, ratio, start, end)
    if best is None:
        return None
    coverage, ratio, start, end = best
    if coverage == 1.0 and ratio >= LEMMA_MATCH_MIN_RATIO:
        method: MatchMethod = "lemma"
    elif ratio >= FUZZY_MATCH_MIN_RATIO:
        method = "fuzzy"
    else:
        return None
    start = _with_subject(body.doc, start, words[0])
    span, text = _match_span(body.doc, table, start, end)
    return BodyMatch(span, text, method, round(ratio / 100, 3))


def _with_subject(doc: Doc, start: int, phrase_first: Token) -> int:
    """Widen a match to the subject right before it when the headline phrase has none.

    “Share their pain” drops its subject; "we share this pain" shows who speaks.
    """
    if phrase_first.pos_ not in {"VERB", "AUX"} or start == 0:
        return start
    before = doc[start - 1]
    if before.head.i == start and before.dep_ in {"nsubj", "nsubjpass"}:
        return start - 1
    return start


def match_headline(doc: Doc, table: TokenTable, title: Span) -> list[HeadlinePhrase]:
    """Each quoted phrase of the title with where (and how) the body says it."""
    title_tokens = table.token_range(title)
    if title_tokens is None:
        return []
    title_text = doc[title_tokens[0] : title_tokens[1]].text
    if not _QUOTE_MARKS.intersection(title_text):
        return []
    offset = int(table.start[title_tokens[0]])
    body = _Body(doc, table, title_tokens[1])
    phrases = []
    for span in quoted_phrases(title_text, offset):
        words = _phrase_words(doc, table, span)
        match = None
        if words:
            match = find_verbatim(body, words) or find_paraphrase(body, words)
        text = title_text[span[0] - offset : span[1] - offset]
        phrases.append(HeadlinePhrase(span, text, match))
    return phrases


def headline_words_in_body(
    doc: Doc, table: TokenTable, title: Span
) -> tuple[list[Token], list[Token]]:
    """The title's content words split into those the body uses (by lemma) and the rest."""
    title_tokens = table.token_range(title)
    if title_tokens is None:
        return [], []
    body = slice(title_tokens[1], None)
    alpha = table.is_alpha[body]
    body_words = set(table.lemma[body][alpha].tolist()) | set(table.lower[body][alpha].tolist())
    found: list[Token] = []
    missing: list[Token] = []
    for token in doc[title_tokens[0] : title_tokens[1]]:
        if token.is_alpha and not token.is_stop:
            used = get_string_id(token.lemma_.lower()) in body_words or token.lower in body_words
            (found if used else missing).append(token)
    return found, missing
