"""Quotation marks by name: the one table every stage builds its sets of marks from.

Each stage needs its own set (the tagger's features know the tokenizer's ASCII quotes,
the scorer trims what PolNeAR's annotators leave out, the German lexicon pairs „ with “),
but every set is made of these names, so a mark is added or told apart in one place.
"""

from __future__ import annotations

import unicodedata

STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"  # also the ASCII apostrophe
LEFT_DOUBLE = "“"  # opens an English quote, closes a German one („…“)
RIGHT_DOUBLE = "”"
LOW_DOUBLE = "„"  # opens a German, Russian or Ukrainian quote
LEFT_SINGLE = "‘"
RIGHT_SINGLE = "’"  # also the typographic apostrophe
LOW_SINGLE = "‚"
LEFT_GUILLEMET = "«"
RIGHT_GUILLEMET = "»"
LEFT_SINGLE_GUILLEMET = "‹"
RIGHT_SINGLE_GUILLEMET = "›"
# the quotes of tokenizers and PTB-style text (PolNeAR writes some of its quotes so)
ASCII_OPEN = "``"
ASCII_CLOSE = "''"

GUILLEMETS = LEFT_GUILLEMET + RIGHT_GUILLEMET
CURLY_DOUBLE = LEFT_DOUBLE + RIGHT_DOUBLE
CURLY_SINGLE = LEFT_SINGLE + RIGHT_SINGLE
# the marks that delimit a quotation in news text, straight ones included
DOUBLE_MARKS = STRAIGHT_DOUBLE + CURLY_DOUBLE + GUILLEMETS + LOW_DOUBLE
SINGLE_MARKS = STRAIGHT_SINGLE + CURLY_SINGLE + LOW_SINGLE


# trimmed from both ends of a fragment before exact comparison (PolNeAR's SCORING.md;
# the scorer and the accurate mode's span edges share it); dashes are every character
# of Unicode category Pd, whitespace is str.isspace
TRIM_CHARACTERS = frozenset(",.;:!?" + STRAIGHT_DOUBLE + STRAIGHT_SINGLE + CURLY_DOUBLE) | (
    frozenset(CURLY_SINGLE + GUILLEMETS)
)


def is_trimmed(character: str) -> bool:
    """Whether ``character`` is trimmed from a fragment's ends before exact comparison."""
    return (
        character.isspace()
        or character in TRIM_CHARACTERS
        or unicodedata.category(character) == "Pd"
    )


def trim_fragment(text: str, fragment: tuple[int, int]) -> tuple[int, int]:
    """``fragment`` without trimmable characters at either end.

    A fragment made only of such characters (PolNeAR has a few hundred ``:``
    cues, as in ``Trump: "..."``) is kept as it is rather than trimmed to
    nothing, so that it can still be matched exactly.
    """
    start, end = fragment
    while start < end and is_trimmed(text[start]):
        start += 1
    while end > start and is_trimmed(text[end - 1]):
        end -= 1
    return fragment if start == end else (start, end)
