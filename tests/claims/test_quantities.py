"""Quantity finding: every form the issue names, and the numbers that are not amounts."""

from __future__ import annotations

import itertools

import pytest
from spacy.language import Language

from reportedly.claims.quantities import (
    QuantityMention,
    find_quantities,
    parse_number_word_sequence,
)


def quantities(nlp: Language, text: str) -> list[QuantityMention]:
    return list(find_quantities(nlp(text)))


def only(nlp: Language, text: str) -> QuantityMention:
    found = quantities(nlp, text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["17"], 17),
        (["300,000"], 300_000),
        (["1.5"], 1.5),
        (["nine"], 9),
        (["twenty", "-", "five"], 25),
        (["one", "hundred", "and", "twenty"], 120),
        (["5.2", "million"], 5_200_000),
        (["a", "dozen"], 12),
        (["two", "dozen"], 24),
        (["three", "thousand", "four", "hundred"], 3400),
        (["2.5", "m"], 2_500_000),
    ],
)
def test_number_phrases_have_their_value(words: list[str], value: float) -> None:
    assert parse_number_word_sequence(words) == pytest.approx(value)


def test_a_word_that_is_not_a_number_gives_no_value() -> None:
    assert parse_number_word_sequence(["nine", "lives"]) is None
    assert parse_number_word_sequence([]) is None


# The seed article's forms, as the issue states them.
@pytest.mark.parametrize(
    ("text", "quantity_text", "value", "unit", "hedge"),
    [
        (
            "Faced with military defeats, around 300,000 reservists have been called up.",
            "around 300,000 reservists",
            300_000,
            "reservists",
            "around",
        ),
        (
            "According to official information, a total of 17 women traveled from the regions.",
            "a total of 17 women",
            17,
            "women",
            None,
        ),
        (
            "More than nine months after launching the war, Putin expressed his condolences.",
            "More than nine months",
            9,
            "months",
            "more than",
        ),
        (
            "He handed out cups of coffee to more than a dozen selected women at his residence.",
            "more than a dozen selected women",
            12,
            "women",
            "more than",
        ),
    ],
)
def test_seed_quantities(
    bare_nlp: Language,
    text: str,
    quantity_text: str,
    value: float,
    unit: str,
    hedge: str | None,
) -> None:
    found = only(bare_nlp, text)
    assert found.text == quantity_text
    assert found.value == value
    assert found.unit == unit
    assert found.hedge == hedge
    assert text[found.start_char : found.end_char] == quantity_text


@pytest.mark.parametrize(
    ("text", "quantity_text", "value", "unit", "kind"),
    [
        ("The storm destroyed 1,500 homes last week.", "1,500 homes", 1500, "homes", "count"),
        (
            "Officials counted twenty-five soldiers.",
            "twenty-five soldiers",
            25,
            "soldiers",
            "count",
        ),
        ("She bought a dozen eggs.", "a dozen eggs", 12, "eggs", "count"),
        ("Turnout fell to 40% in the city.", "40%", 40, "percent", "percent"),
        ("Turnout fell to 40 percent in the city.", "40 percent", 40, "percent", "percent"),
        ("Prices rose by 3 per cent this year.", "3 per cent", 3, "percent", "percent"),
        ("The campaign raised $5.2 million in May.", "$5.2 million", 5_200_000, "USD", "money"),
        ("The plan costs 1.5 billion euros.", "1.5 billion euros", 1.5e9, "EUR", "money"),
        ("The ticket cost £300 last year.", "£300", 300, "GBP", "money"),
        ("The convoy drove 12 km north.", "12 km", 12, "km", "measure"),
        ("The talks lasted two hours.", "two hours", 2, "hours", "duration"),
        ("Half a million people marched.", "Half a million people", 500_000, "people", "count"),
    ],
)
def test_quantity_forms(
    bare_nlp: Language, text: str, quantity_text: str, value: float, unit: str, kind: str
) -> None:
    found = only(bare_nlp, text)
    assert (found.text, found.unit, found.kind) == (quantity_text, unit, kind)
    assert found.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "quantity_text", "low", "high", "hedge"),
    [
        (
            "Between 10 and 20 people died in the fire.",
            "Between 10 and 20 people",
            10,
            20,
            "between",
        ),
        ("The poll gave him 5 to 7 percent of the vote.", "5 to 7 percent", 5, 7, "range"),
        ("Five to 7 million people voted.", "Five to 7 million people", 5e6, 7e6, "range"),
    ],
)
def test_ranges_keep_both_bounds(
    bare_nlp: Language, text: str, quantity_text: str, low: float, high: float, hedge: str
) -> None:
    found = only(bare_nlp, text)
    assert found.text == quantity_text
    assert (found.value, found.high) == (pytest.approx(low), pytest.approx(high))
    assert found.hedge == hedge


def test_a_range_written_with_a_hyphen(bare_nlp: Language) -> None:
    found = only(bare_nlp, "Police said 10-20 protesters were hurt.")
    assert (found.value, found.high) == (10, 20)


@pytest.mark.parametrize(
    ("text", "unit", "hedge"),
    [
        ("Dozens of protesters gathered outside.", "protesters", "dozens"),
        ("Hundreds of thousands of people fled.", "people", "hundreds of thousands"),
        ("He welcomed several hundred guests.", "guests", "several hundred"),
        ("A few thousand fans waited.", "fans", "a few thousand"),
    ],
)
def test_vague_magnitudes_have_no_value(
    bare_nlp: Language, text: str, unit: str, hedge: str
) -> None:
    found = only(bare_nlp, text)
    assert found.value is None
    assert (found.unit, found.hedge) == (unit, hedge)


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("Nearly 40 people were hurt.", "nearly"),
        ("At least 12 soldiers died.", "at least"),
        ("Up to 300 families left.", "up to"),
        ("The army sent 500 or more tanks.", "or more"),
    ],
)
def test_hedges(bare_nlp: Language, text: str, hedge: str) -> None:
    assert only(bare_nlp, text).hedge == hedge


@pytest.mark.parametrize(
    "text",
    [
        "The election took place in 2016.",
        "The meeting was held on Sept. 12 in the capital.",
        "The meeting started at 3 p.m. sharp.",
        "He finished first in the race.",
        "The song was No. 1 in the charts.",
        "One of them left early.",
        "Air Force One landed in Berlin.",
    ],
)
def test_calendar_ordinals_and_names_are_not_quantities(bare_nlp: Language, text: str) -> None:
    assert quantities(bare_nlp, text) == []


def test_several_quantities_in_one_sentence_do_not_overlap(bare_nlp: Language) -> None:
    found = quantities(bare_nlp, "About 200 soldiers and 40% of the tanks were lost in 3 days.")
    assert [q.text for q in found] == ["About 200 soldiers", "40%", "3 days"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_record_maps_its_span_to_the_input(bare_nlp: Language) -> None:
    found = only(bare_nlp, "Officials counted 17 women.")
    record = found.to_record(lambda span: (span[0] + 100, span[1] + 100))
    assert record.spans == ((found.start_char + 100, found.end_char + 100),)
    assert (record.value, record.unit, record.hedge) == (17, "women", None)


def test_a_doc_without_a_parse_still_yields_quantities(bare_nlp: Language) -> None:
    doc = bare_nlp.make_doc("We counted 17 women and 300,000 reservists")
    assert [q.value for q in find_quantities(doc)] == [17, 300_000]


def test_a_lone_one_with_a_currency_sign_at_the_end_of_the_text_is_an_amount(
    bare_nlp: Language,
) -> None:
    # "one" is dropped only before "of" ("one of them"); at the very end there is no next
    # word to read (this raised IndexError, so analyze("It cost $one") failed)
    found = only(bare_nlp, "It cost $one")
    assert (found.text, found.value, found.unit, found.kind) == ("$one", 1, "USD", "money")
    assert quantities(bare_nlp, "It cost $one of them") == []
