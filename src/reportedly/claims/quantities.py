"""Find numbers and quantities in a parsed text: value, unit or counted noun, hedge.

"around 300,000 reservists" -> value 300000, unit "reservists", hedge "around";
"a total of 17 women" -> 17, "women", no hedge (the text keeps "a total of");
"More than nine months" -> 9, "months", "more than"; "$5.2 million" -> 5200000, "USD";
"between 10 and 20 people" -> 10 (``high`` 20), "people", hedge "between".

The finder reads tokens left to right and is purely lexical plus a look at the
parse for the counted noun, so it is cheap (one pass, no matcher) and testable on
Docs built by hand. Calendar numbers (years, days of the month, clock times),
ordinals and numbers that are names ("Air Force One", "No. 1") are not quantities;
durations ("nine months") are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from spacy.tokens import Doc, Token

from ..nlp.tokens import TokenTable, hashes, token_table
from ..records import Quantity, Span, SpanMapper

QuantityKind = Literal["count", "money", "percent", "measure", "duration"]

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "dozen": 12,
}  # fmt: skip
# abbreviated scales written after digits: "$2.5m", "3bn", "40k"
SHORT_SCALES = {"m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "k": 1_000, "tn": 10**12}
# "dozens", "hundreds of thousands": a magnitude, not a value
VAGUE_PLURALS = {"dozens", "scores", "hundreds", "thousands", "millions", "billions", "trillions"}

CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₽": "RUB"}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "sterling": "GBP", "ruble": "RUB", "rubles": "RUB", "rouble": "RUB",
    "roubles": "RUB", "yen": "JPY", "yuan": "CNY", "hryvnia": "UAH", "hryvnias": "UAH",
}  # fmt: skip
PERCENT_WORDS = {"%": "percent", "percent": "percent", "pct": "percent"}
DURATION_NOUNS = {
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
    "month", "months", "year", "years", "decade", "decades", "century", "centuries",
}  # fmt: skip
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
CLOCK_WORDS = {"a.m.", "p.m.", "am", "pm", "o'clock", "gmt", "utc", "et", "est", "edt"}
# entity types whose numbers are part of a name, not an amount
NAME_ENTITY_TYPES = {
    "PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "ORDINAL",
    "NORP", "LANGUAGE",
}  # fmt: skip
NUMBER_PREFIXES = {"no", "no.", "number", "#", "nr", "nr.", "nos."}

# Hedges that qualify an amount
_HEDGE_PHRASES = (
    "more than", "less than", "fewer than", "greater than", "higher than",
    "lower than", "at least", "at most", "up to", "as many as", "as much as",
    "as few as", "as little as", "no more than", "no fewer than", "no less than",
    "not more than", "nearly", "almost", "around", "about", "roughly",
    "approximately", "approx.", "some", "over", "under", "just over",
    "just under", "well over", "well under", "close to", "upwards of",
    "an estimated", "estimated", "circa", "an average of", "on average",
    "more or less", "up to about", "perhaps", "maybe", "possibly",
)  # fmt: skip
# longest first, so that "just over" wins over "over"
PRE_HEDGES: tuple[tuple[str, ...], ...] = tuple(
    sorted((tuple(phrase.split()) for phrase in _HEDGE_PHRASES), key=len, reverse=True)
)
# Words that make a bare scale word vague: "several hundred", "a few thousand".
VAGUE_COUNTS: tuple[tuple[str, ...], ...] = (("a", "few"), ("several",), ("few",), ("many",))
# Words that make an amount exact or total: kept in the quantity's text, not a hedge.
EXACT_PREFIXES: tuple[tuple[str, ...], ...] = (
    ("a", "total", "of"),
    ("a", "combined"),
    ("exactly",),
    ("precisely",),
)
POST_HEDGES: tuple[tuple[str, ...], ...] = (("or", "more"), ("or", "so"), ("-", "plus"), ("plus",))
MEASURE_UNITS = {
    "km", "kilometers", "kilometres", "kilometer", "kilometre", "miles", "mile", "meters",
    "metres", "meter", "metre", "feet", "foot", "inches", "kg", "kilograms", "kilos", "grams",
    "tons", "tonnes", "ton", "tonne", "acres", "hectares", "litres", "liters",
    "gallons", "barrels", "degrees", "mph", "km/h", "megawatts", "gigawatts", "square",
}  # fmt: skip
RANGE_JOINERS = {"to", "-", "–", "—", "or"}
# A score or a tally ("won 6-4, 6-3", "a 2-1 win", "voted 52-48") gives two sides' counts,
# not an amount of anything: a tight pair of whole numbers that falls (a range rises),
# or any such pair in a sentence about a contest, is no quantity.
SCORE_DASHES = {"-", "–", "—"}
SCORE_LEMMAS = {
    "win", "beat", "defeat", "lose", "lead", "draw", "tie", "victory", "score", "set", "match",
    "game", "final", "vote", "trail", "edge", "rout", "loss",
}  # fmt: skip

_START_WORD_HASHES = hashes([*UNITS, *TENS, *SCALES, *VAGUE_PLURALS])
_SCALE_HASHES = hashes(SCALES)
_ARTICLE_HASHES = hashes(["a", "an"])
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$|^\.\d+$")
_YEAR = re.compile(r"^(1[1-9]|20|21)\d\d$")


@dataclass(frozen=True, slots=True)
class QuantityMention:
    """One quantity found in a Doc: token range ``[start, end)`` and what it says.

    ``value`` is the amount (the lower bound of a range, ``None`` when only a
    magnitude is given: "dozens"); ``high`` the upper bound of a range.
    """

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    value: float | None
    high: float | None
    unit: str | None
    hedge: str | None
    kind: QuantityKind

    @property
    def char_span(self) -> Span:
        return (self.start_char, self.end_char)

    def to_record(self, to_input: SpanMapper) -> Quantity:
        """The pipeline record, with its span in input coordinates."""
        return Quantity(
            spans=(to_input(self.char_span),),
            text=self.text,
            value=self.value,
            unit=self.unit,
            hedge=self.hedge,
            high=self.high,
        )


@dataclass(frozen=True, slots=True)
class _Core:
    """A bare number phrase: tokens ``[start, end)``, its value, and whether it is vague."""

    start: int
    end: int
    value: float | None


def parse_number_word_sequence(words: Sequence[str]) -> float | None:
    """Value of a spelled-out or digit number phrase ("one hundred and twenty", "5.2 million").

    Returns ``None`` when a word is not part of a number.
    """
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        word = word.lower()
        if word in {"and", "-", "a", "an"}:
            if word in {"a", "an"}:
                current = current or 1.0
            continue
        digit = _digit_value(word)
        if digit is not None:
            current += digit
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = (current or 1.0) * 100
        elif word == "dozen":
            current = (current or 1.0) * 12
        elif word in SCALES:
            total += (current or 1.0) * SCALES[word]
            current = 0.0
        elif word in SHORT_SCALES:
            total += (current or 1.0) * SHORT_SCALES[word]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def _digit_value(text: str) -> float | None:
    if not _DIGITS.match(text):
        return None
    return float(text.replace(",", ""))


def _is_number_word(lower: str) -> bool:
    return lower in UNITS or lower in TENS or lower in SCALES


def _starts_core(doc: Doc, i: int) -> bool:
    token = doc[i]
    lower = token.lower_
    if _DIGITS.match(lower):
        return True
    if lower in VAGUE_PLURALS:
        return True
    if _is_number_word(lower):
        # "one" the pronoun ("the one who") is tagged NN/PRP, not CD
        return token.tag_ == "CD" or lower in SCALES
    if lower in {"a", "an"} and i + 1 < len(doc):
        return doc[i + 1].lower_ in SCALES
    return False


def _read_core(doc: Doc, i: int) -> _Core | None:
    """Read the longest number phrase starting at token ``i``."""
    n = len(doc)
    lower = doc[i].lower_
    if lower in VAGUE_PLURALS:
        # "hundreds of thousands", "dozens"
        end = i + 1
        while end + 1 < n and doc[end].lower_ == "of" and doc[end + 1].lower_ in VAGUE_PLURALS:
            end += 2
        return _Core(i, end, None)
    end = i + 1
    last_was_digit = _DIGITS.match(lower) is not None
    while end < n and _continues_core(doc, end, last_was_digit):
        end += 1
        last_was_digit = False
    words = [doc[k].lower_ for k in range(i, end)]
    if words and words[-1] in {"and", "-"}:
        end -= 1
        words.pop()
    value = parse_number_word_sequence(words)
    if value is None:
        return None
    if words in (["a"], ["an"]):
        return None
    return _Core(i, end, value)


def _continues_core(doc: Doc, k: int, after_digit: bool) -> bool:
    """Whether token ``k`` extends the number phrase that ends before it."""
    word = doc[k].lower_
    prev = doc[k - 1]
    if word in SCALES:  # "5 million", "one hundred"
        return True
    if word in SHORT_SCALES:  # "2.5m", not "5 m"
        return after_digit and not prev.whitespace_
    if after_digit:
        return False
    if _is_number_word(word):  # "twenty five", "hundred and twenty"
        return prev.lower_ in TENS or prev.lower_ in SCALES or prev.lower_ in {"-", "and"}
    if word in {"-", "and"} and k + 1 < len(doc) and _is_number_word(doc[k + 1].lower_):
        # "twenty-five", "one hundred and twenty"
        return prev.lower_ in TENS if word == "-" else prev.lower_ in SCALES
    return False


def _is_calendar_or_name(doc: Doc, core: _Core) -> bool:
    """Years, days of the month, clock times, ordinals and numbers inside names."""
    first = doc[core.start]
    last = doc[core.end - 1]
    if first.ent_type_ in NAME_ENTITY_TYPES:
        return True
    if core.start > 0 and doc[core.start - 1].lower_ in NUMBER_PREFIXES:
        return True
    if core.start > 1 and doc[core.start - 1].text == "." and doc[core.start - 2].lower_ == "no":
        return True  # "No. 1" split as "No", ".", "1"
    nxt = doc[core.end] if core.end < len(doc) else None
    prev = doc[core.start - 1] if core.start > 0 else None
    # "in 2016", "the 2016 race"; but "2000 people"
    if (
        core.end - core.start == 1
        and _YEAR.match(first.text)
        and (first.ent_type_ == "DATE" or nxt is None or nxt.tag_ != "NNS")
    ):
        return True
    if prev is not None and prev.lower_.rstrip(".") in MONTHS and first.text.isdigit():
        return True
    if nxt is not None and nxt.lower_.rstrip(".") in MONTHS and last.text.isdigit():
        return True
    if nxt is not None and (nxt.lower_ in CLOCK_WORDS or nxt.text == ":"):
        return True
    if prev is not None and prev.text == ":" and first.text.isdigit():
        return True
    return bool(nxt is not None and nxt.lower_ in {"st", "nd", "rd", "th"} and not nxt.whitespace_)


def _by_last_word(phrases: Sequence[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:  # already longest first
        index.setdefault(phrase[-1], []).append(phrase)
    return {word: tuple(group) for word, group in index.items()}


_PRE_HEDGES_BY_LAST = _by_last_word(PRE_HEDGES)
_VAGUE_COUNTS_BY_LAST = _by_last_word(VAGUE_COUNTS)
_EXACT_PREFIXES_BY_LAST = _by_last_word(EXACT_PREFIXES)


def _match_phrase(
    doc: Doc, end: int, phrases_by_last: dict[str, tuple[tuple[str, ...], ...]]
) -> int | None:
    """Start of the longest phrase that ends right before token ``end``.

    ``phrases_by_last`` holds the phrases by their last word, longest first, so
    only the few phrases that can match are compared.
    """
    if end == 0:
        return None
    for phrase in phrases_by_last.get(doc[end - 1].lower_, ()):
        start = end - len(phrase)
        if start >= 0 and all(doc[start + k].lower_ == word for k, word in enumerate(phrase)):
            return start
    return None


def _match_phrase_after(doc: Doc, start: int, phrases: Sequence[tuple[str, ...]]) -> int | None:
    """End of the first phrase in ``phrases`` that starts at token ``start``."""
    for phrase in phrases:
        end = start + len(phrase)
        if end > len(doc):
            continue
        if all(doc[start + k].lower_ == word for k, word in enumerate(phrase)):
            return end
    return None


def _is_noun(token: Token) -> bool:
    return token.pos_ in {"NOUN", "PROPN"} or token.tag_ in {"NN", "NNS"}


_MODIFIER_POS = {"ADJ", "NOUN", "PROPN", "VERB", "ADV", "PUNCT", "NUM"}


def _counted_noun(doc: Doc, end: int, sentence_end: int) -> int | None:
    """Index of the noun counted by a number that ends before token ``end``.

    Looks a few tokens ahead over modifiers ("17 women", "more than a dozen
    selected women", "300,000 conscripted reservists") and through "of"
    ("dozens of protesters"); prefers the head of a noun compound.
    """
    limit = min(sentence_end, end + 5)
    k = end
    if k < limit and doc[k].text in {"-", "–"}:  # "42-year-old"
        k += 1
    if k < limit and doc[k].lower_ == "of":
        k += 1
        if k < limit and doc[k].pos_ in {"DET", "PRON"}:
            k += 1
    while k < limit:
        token = doc[k]
        if _is_noun(token):
            # run to the end of a compound: "600 Russian army reservists"
            while k + 1 < sentence_end and _is_noun(doc[k + 1]) and doc[k].dep_ == "compound":
                k += 1
            return k
        if token.pos_ not in _MODIFIER_POS or token.text in {",", ";", ":", "(", ")"}:
            return None
        if token.pos_ == "VERB" and token.dep_ not in {"amod", "compound"}:
            return None
        k += 1
    return None


def _classify(unit: str | None, from_currency: bool, from_percent: bool) -> QuantityKind:
    if from_currency:
        return "money"
    if from_percent:
        return "percent"
    if unit is not None and unit.lower() in DURATION_NOUNS:
        return "duration"
    if unit is not None and unit.lower() in MEASURE_UNITS:
        return "measure"
    return "count"


def find_quantities(doc: Doc, table: TokenTable | None = None) -> tuple[QuantityMention, ...]:
    """Every quantity in ``doc``, left to right, not overlapping.

    ``table`` (the Doc's token columns) is made when not given; with it, only the
    tokens that can start a number are looked at one by one.
    """
    return tuple(_iter_quantities(doc, token_table(doc) if table is None else table))


def _candidate_starts(table: TokenTable) -> list[int]:
    """Tokens that may start a number phrase: digits, number words, "a" before a scale."""
    starts = table.like_num | np.isin(table.lower, _START_WORD_HASHES)
    article = np.isin(table.lower, _ARTICLE_HASHES)
    article[:-1] &= np.isin(table.lower[1:], _SCALE_HASHES)
    if len(article):
        article[-1] = False
    return [int(i) for i in np.flatnonzero(starts | article)]


def _iter_quantities(doc: Doc, table: TokenTable) -> Iterator[QuantityMention]:
    covered_until = 0
    for i in _candidate_starts(table):
        if i < covered_until or not _starts_core(doc, i):
            continue
        if (score_end := _score_end(doc, i)) is not None:
            covered_until = score_end
            continue
        mention = _read_quantity(doc, i)
        if mention is not None:
            yield mention
            covered_until = mention.end


def _score_end(doc: Doc, i: int) -> int | None:
    """The end of a score that starts at token ``i`` ("6", "-", "4"), else None."""
    if i + 2 >= len(doc):
        return None
    first, dash, second = doc[i], doc[i + 1], doc[i + 2]
    tight = not first.whitespace_ and not dash.whitespace_ and dash.text in SCORE_DASHES
    if not (tight and first.text.isdigit() and second.text.isdigit()):
        return None
    if i > 0 and doc[i - 1].lower_ in {"between", "from"}:
        return None
    falls = int(second.text) <= int(first.text)
    sentence = doc[i].sent if doc.has_annotation("SENT_START") else doc[:]
    if falls or any(token.lemma_.lower() in SCORE_LEMMAS for token in sentence):
        return i + 3
    return None


@dataclass(slots=True)
class _Reading:
    """A quantity read outward from its number ``core`` (each step widens it in place)."""

    core: _Core
    start: int
    end: int
    value: float | None
    high: float | None = None
    currency: str | None = None
    unit: str | None = None
    from_percent: bool = False
    hedges: list[str] = field(default_factory=list)


def _read_quantity(doc: Doc, i: int) -> QuantityMention | None:
    core = _read_core(doc, i)
    if core is None or _is_calendar_or_name(doc, core):
        return None
    sentence_end = doc[i].sent.end if doc.has_annotation("SENT_START") else len(doc)
    reading = _Reading(core, core.start, core.end, core.value)
    # currency symbol before the number: "$5.2 million", "US$ 3"
    if reading.start > 0 and doc[reading.start - 1].lower_ in CURRENCY_SYMBOLS:
        reading.start -= 1
        reading.currency = CURRENCY_SYMBOLS[doc[reading.start].lower_]
    range_word = _read_range(doc, reading)
    _read_words_before(doc, reading)
    # the hedge reads in the order of the text's words, then how the amount is vague
    if range_word is not None:
        reading.hedges.append(range_word)
    if core.value is None:
        reading.hedges.append(doc[core.start : core.end].text.lower())
    _read_words_after(doc, reading)
    if reading.unit is None and reading.currency is not None:
        reading.unit = reading.currency
    elif reading.unit is None:
        _read_counted_noun(doc, reading, sentence_end)
    # "one of them" is not an amount worth listing; "one soldier" is
    lone_one = core.end - core.start == 1 and doc[core.start].lower_ == "one"
    if lone_one and (reading.unit is None or doc[core.end : core.end + 1].text.lower() == "of"):
        return None
    span = doc[reading.start : reading.end]
    return QuantityMention(
        start=reading.start,
        end=reading.end,
        start_char=span.start_char,
        end_char=span.end_char,
        text=span.text,
        value=reading.value,
        high=reading.high,
        unit=reading.unit,
        hedge=" ".join(reading.hedges) or None,
        kind=_classify(reading.unit, reading.currency is not None, reading.from_percent),
    )


def _read_range(doc: Doc, reading: _Reading) -> str | None:
    """Read a range on: "10 to 20", "10-20", "between 10 and 20", "from 10 to 20". Returns
    its hedge word ("between", "from" or "range"), None when there is no range."""
    core, start, end, value = reading.core, reading.start, reading.end, reading.value
    if end + 1 >= len(doc) or value is None:
        return None
    joiner = doc[end].lower_
    opener = doc[start - 1].lower_ if start > 0 else ""
    if joiner not in RANGE_JOINERS and not (joiner == "and" and opener == "between"):
        return None
    after = end + 1
    if after < len(doc) and doc[after].lower_ in CURRENCY_SYMBOLS:
        after += 1
    if after >= len(doc) or not _starts_core(doc, after):
        return None
    second = _read_core(doc, after)
    if (
        second is None
        or second.value is None
        or _is_calendar_or_name(doc, second)
        or (joiner == "or" and doc[second.end : second.end + 1].text in {"more", "so"})
    ):
        return None
    reading.high = second.value
    # "5 to 7 million": the scale of the second applies to the first
    scale_word = doc[second.end - 1].lower_
    first_scaled = any(doc[k].lower_ in SCALES for k in range(core.start, core.end))
    if scale_word in SCALES and not first_scaled and value * SCALES[scale_word] <= second.value:
        reading.value = value * SCALES[scale_word]
    reading.end = second.end
    if opener in {"between", "from"}:
        reading.start -= 1
        return opener
    return "range"


def _read_words_before(doc: Doc, reading: _Reading) -> None:
    """Read back over a vague count ("several hundred"), "half" ("half a million") and a
    hedge ("more than", "around") or an exactness marker ("a total of")."""
    core = reading.core
    # "several hundred guests", "a few thousand": a magnitude, not a value
    vague_start = _match_phrase(doc, reading.start, _VAGUE_COUNTS_BY_LAST)
    if (
        vague_start is not None
        and reading.start == core.start
        and all(doc[k].lower_ in SCALES for k in range(core.start, core.end))
    ):
        reading.start, reading.value = vague_start, None
        reading.hedges.append(doc[vague_start : core.end].text.lower())
    if (
        reading.value is not None
        and reading.start == core.start > 0
        and doc[core.start - 1].lower_ == "half"
        and doc[core.start].lower_ in {"a", "an"}
    ):
        reading.start -= 1
        reading.value /= 2
    hedge_start = _match_phrase(doc, reading.start, _PRE_HEDGES_BY_LAST)
    if hedge_start is not None:
        reading.hedges.append(doc[hedge_start : reading.start].text.lower())
        reading.start = hedge_start
    else:
        exact_start = _match_phrase(doc, reading.start, _EXACT_PREFIXES_BY_LAST)
        if exact_start is not None:
            reading.start = exact_start


def _read_words_after(doc: Doc, reading: _Reading) -> None:
    """Read on over a percent or currency word and a hedge after ("or more", "-plus")."""
    end = reading.end
    if end < len(doc):
        word = doc[end].lower_
        if word in PERCENT_WORDS:
            reading.unit, reading.from_percent, end = "percent", True, end + 1
        elif word == "per" and end + 1 < len(doc) and doc[end + 1].lower_ == "cent":
            reading.unit, reading.from_percent, end = "percent", True, end + 2
        elif word == "percentage" and end + 1 < len(doc) and doc[end + 1].lower_ == "points":
            reading.unit, reading.from_percent, end = "percentage points", True, end + 2
        elif word in CURRENCY_WORDS and reading.currency is None:
            reading.currency, end = CURRENCY_WORDS[word], end + 1
    post_end = _match_phrase_after(doc, end, POST_HEDGES)
    if post_end is not None:
        reading.hedges.append(
            doc[post_end - 1].lower_ if doc[end].text == "-" else doc[end:post_end].text.lower()
        )
        end = post_end
    reading.end = end


def _read_counted_noun(doc: Doc, reading: _Reading, sentence_end: int) -> None:
    """Read on to the counted noun: "17 women", "3 billion euros", "a 42-year-old man"."""
    noun = _counted_noun(doc, reading.end, sentence_end)
    if noun is None:
        return
    reading.unit = doc[noun].text
    if doc[noun].lower_ in CURRENCY_WORDS:
        reading.currency = CURRENCY_WORDS[doc[noun].lower_]
        reading.unit = reading.currency
    end = noun + 1
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ == "old":
        end += 2
        reading.unit = "years old"
    reading.end = end
