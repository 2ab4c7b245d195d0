"""Quotation marks by name: the one table every stage builds its sets of marks from.

Each stage needs its own set (the tagger's features know the tokenizer's ASCII quotes,
the scorer trims what PolNeAR's annotators leave out, the German lexicon pairs „ with “),
but every set is made of these names, so a mark is added or told apart in one place.
"""

from __future__ import annotations

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
