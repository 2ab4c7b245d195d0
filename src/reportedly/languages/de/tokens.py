"""German tokens and sentences: a regular-expression tokenizer of our own.

It follows the tokenization of the German news quotation data closely enough for
its spans to be projected onto ours and back (ordinals "20." and abbreviations
"Dr." are one token, so is a hyphenated compound; every quotation mark is a token
of its own). Offsets are ``str`` offsets into the text given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import ABBREVIATIONS, MONTHS

__all__ = ["Token", "tokenize"]


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    sentence: int  # index of the token's sentence in the text
    paragraph: int  # index of the token's paragraph (blank-line separated)


_MONTH_ALTERNATION = "|".join(sorted(MONTHS))
_TOKEN_RE = re.compile(
    rf"""
    \d+(?:-[^\W\d_]+)+                        # "67-jährige"
    | \d+(?:[.,:/]\d+)*(?:\.(?=\s+(?:[a-zäöüß]|(?:{_MONTH_ALTERNATION})\b)))?  # numbers, ordinals
    | (?:[^\W\d_]\.){{2,}}                       # z.B. u.a. d.h.
    | \w+(?:[-'’&]\w+)*-?                       # words, compounds ("Ost-", "US-Dollar")
    | ''|``|\.\.\.|…|--
    | \S                                         # any other character
    """,
    re.VERBOSE,
)
_SENTENCE_FINAL = frozenset({".", "!", "?", "…", "..."})
_CLOSING = frozenset({"“", "”", "«", "»", '"', "''", "‘", "’", ")"})
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=\s*\S)")


def _raw_tokens(text: str) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    for match in _TOKEN_RE.finditer(text):
        word, start = match.group(), match.start()
        # "Dr." as one token: the period of a known abbreviation stays on it
        following = text[match.end() : match.end() + 1]
        if following == "." and word.lower() in ABBREVIATIONS:
            found.append((word + ".", start, match.end() + 1))
            continue
        if found and found[-1][2] > start:  # the period already taken by an abbreviation
            continue
        found.append((word, start, match.end()))
    return found


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text`` with their sentence and paragraph numbers."""
    raw = _raw_tokens(text)
    tokens: list[Token] = []
    sentence = paragraph = 0
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    next_break = 0
    pending_end = False  # the last token ended a sentence; closing marks may follow
    for word, start, end in raw:
        new_paragraph = False
        while next_break < len(breaks) and breaks[next_break] < start:
            next_break += 1
            new_paragraph = True
        if tokens and new_paragraph:
            paragraph += 1
            sentence += 1
        elif (
            tokens
            and pending_end
            and word not in _CLOSING
            and (word[:1].isupper() or word[:1].isdigit() or not word[:1].isalpha())
        ):
            sentence += 1
        pending_end = word in _SENTENCE_FINAL or (pending_end and word in _CLOSING)
        tokens.append(Token(word, start, end, sentence, paragraph))
    return tokens
