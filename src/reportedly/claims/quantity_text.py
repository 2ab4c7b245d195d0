"""A quantity in words a reader expects: "$4.2 billion", "more than 12 mothers", "6–7 people".

The record keeps the machine fields as found (``value`` 4200000000.0, ``unit`` "USD",
``hedge`` "more than"); this module only says them the way a news text would. The
``hedge`` field is one string made of up to four parts, in this order (see
:func:`~reportedly.claims.quantities.find_quantities`): a vague count ("several
hundred"), a hedge before the number ("more than"), a range word ("between", "from"
or "range"), the magnitude word of an amount without a value ("dozens"), and a hedge
after the number ("or more", "or so", "plus").
"""

from __future__ import annotations

from ..records import Quantity

# The ISO codes the finder gives money, as a news text writes them: a sign before the
# number, or a word after it.
CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£"}
CURRENCY_WORDS = {"JPY": "yen", "RUB": "rubles", "CNY": "yuan", "UAH": "hryvnias"}
PERCENT_UNITS = {"percent": "%"}
# Large values are written with their scale word from a million up, as news text does.
SCALE_WORDS = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))
POST_HEDGES = ("or more", "or so", "plus")
RANGE_WORDS = ("between", "from", "range")
# magnitude words said with "of" before the counted noun: "dozens of protesters"
VAGUE_PLURALS = ("dozens", "scores", "hundreds", "thousands", "millions", "billions", "trillions")
# Digits kept after the point: "4.2 billion", "1.375 million", "0.5".
DECIMALS = 3


def number_words(value: float) -> str:
    """``4200000000.0`` -> ``4.2 billion``; ``300000.0`` -> ``300,000``; ``2.5`` -> ``2.5``."""
    for scale, word in SCALE_WORDS:
        if abs(value) >= scale:
            return f"{_plain(value / scale)} {word}"
    return _plain(value)


def _plain(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.{DECIMALS}f}".rstrip("0").rstrip(".")


def _split_hedge(hedge: str | None) -> tuple[str, str | None, str | None]:
    """The hedge's parts: (before the number, range word, after the number)."""
    words = (hedge or "").split()
    after = None
    for phrase in POST_HEDGES:
        tail = phrase.split()
        if words[-len(tail) :] == tail:
            after, words = phrase, words[: -len(tail)]
            break
    range_word = next((w for w in words if w in RANGE_WORDS), None)
    before = " ".join(w for w in words if w != range_word)
    return before, range_word, after


def _amount(value: float, unit: str | None) -> tuple[str, str]:
    """The number with a currency sign or percent sign, and the words after it."""
    number = number_words(value)
    if unit in CURRENCY_SIGNS:
        return CURRENCY_SIGNS[unit] + number, ""
    if unit in CURRENCY_WORDS:
        return number, CURRENCY_WORDS[unit]
    if unit in PERCENT_UNITS:
        return number + PERCENT_UNITS[unit], ""
    return number, unit or ""


def _range(low: float, high: float, unit: str | None, range_word: str) -> tuple[str, str]:
    """``6–7``, ``between 10 and 20``, ``from $5 million to $7 million``, ``5–7%``."""
    low_text, words = _amount(low, unit)
    high_text, _ = _amount(high, unit)
    if range_word == "between":
        return f"between {low_text} and {high_text}", words
    if range_word == "from":
        return f"from {low_text} to {high_text}", words
    # "5 million–7 million" reads "5–7 million"; "$5–7 million" likewise
    low_parts, high_parts = low_text.rsplit(" ", 1), high_text.rsplit(" ", 1)
    if len(low_parts) == 2 and len(high_parts) == 2 and low_parts[1] == high_parts[1]:
        return f"{low_parts[0]}–{high_parts[0].lstrip('$€£')} {low_parts[1]}", words
    if unit in PERCENT_UNITS:
        return f"{low_text.removesuffix('%')}–{high_text}", words
    return f"{low_text}–{high_text.lstrip('$€£')}", words


def describe_quantity(quantity: Quantity) -> str:
    """The quantity as a reader says it; the record's fields are left as they are.

    ``$4.2 billion``, ``4.2 billion yen``, ``2.5 million``, ``more than 12 mothers``,
    ``around 300,000 reservists``, ``6–7 people``, ``between 10 and 20 people``,
    ``dozens of protesters``, ``500 or more tanks``, ``300,000+ troops``.
    """
    before, range_word, after = _split_hedge(quantity.hedge)
    if quantity.value is None:  # a magnitude alone: "dozens", "several hundred"
        words = quantity.unit or ""
        if before.split()[-1:] and before.split()[-1] in VAGUE_PLURALS and words:
            words = f"of {words}"
        return _join(before or "some", "", words, after)
    if range_word is not None and quantity.high is not None:
        number, words = _range(quantity.value, quantity.high, quantity.unit, range_word)
    else:
        number, words = _amount(quantity.value, quantity.unit)
        if range_word in {"between", "from"}:  # a range whose upper bound is not known
            before = f"{before} {range_word}".strip()
    return _join(before, number, words, after)


def _join(before: str, number: str, words: str, after: str | None) -> str:
    if after == "plus":
        number, after = f"{number}+", None
    return " ".join(part for part in (before, number, after, words) if part)
