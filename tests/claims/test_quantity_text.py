"""Quantities said as a reader expects them, found in real text; scores are no quantity."""

from __future__ import annotations

import pytest
from spacy.language import Language

from reportedly.claims.quantities import find_quantities
from reportedly.claims.quantity_text import describe_quantity, number_words
from reportedly.records import Quantity


def described(nlp: Language, text: str) -> list[str]:
    return [describe_quantity(q.to_record(lambda span: span)) for q in find_quantities(nlp(text))]


@pytest.mark.parametrize(
    ("text", "reads"),
    [
        ("The deal is worth $4.2 billion, officials said.", "$4.2 billion"),
        ("The fund holds €3 million in cash.", "€3 million"),
        ("The club paid £1.5 million for him.", "£1.5 million"),
        ("Toyota spent 4.2 billion yen on the plant.", "4.2 billion yen"),
        ("The city has 2.5 million inhabitants.", "2.5 million inhabitants"),
        ("Putin met more than a dozen mothers.", "more than 12 mothers"),
        ("Around 300,000 reservists have been called up.", "around 300,000 reservists"),
        ("Between 6 and 7 people were hurt.", "between 6 and 7 people"),
        ("Police said 10-20 protesters were hurt.", "10–20 protesters"),
        ("Five to 7 million people voted.", "5–7 million people"),
        ("The poll gave him 5 to 7 percent of the vote.", "5–7%"),
        ("Dozens of protesters gathered.", "dozens of protesters"),
        ("Several hundred guests came.", "several hundred guests"),
        ("They sent 300,000-plus troops.", "300,000+ troops"),
        ("Turnout fell to 40% in the city.", "40%"),
    ],
)
def test_quantities_read_as_a_reader_says_them(nlp: Language, text: str, reads: str) -> None:
    assert described(nlp, text) == [reads]


def test_the_record_keeps_its_machine_fields(nlp: Language) -> None:
    (found,) = find_quantities(nlp("The deal is worth $4.2 billion, officials said."))
    assert (found.value, found.unit, found.hedge) == (4.2e9, "USD", None)


@pytest.mark.parametrize(
    "text",
    [
        "Nadal won the final 6-4, 6-3 on Sunday.",
        "She lost the first set 4-6 but won the match.",
        "Chelsea beat Arsenal 2-1 at home.",
        "The game ended in a 1-1 draw.",
        "The Senate voted 52-48 to pass the bill.",
    ],
)
def test_scores_and_tallies_are_not_quantities(nlp: Language, text: str) -> None:
    assert described(nlp, text) == []


def test_a_rising_pair_outside_a_contest_is_still_a_range(nlp: Language) -> None:
    assert described(nlp, "Temperatures of 10-20 degrees are expected.") == ["10–20 degrees"]


def test_number_words() -> None:
    assert number_words(4_200_000_000) == "4.2 billion"
    assert number_words(1_375_000) == "1.375 million"
    assert number_words(300_000) == "300,000"
    assert number_words(2.5) == "2.5"
    assert number_words(3e12) == "3 trillion"


def test_a_hedge_after_the_number_stays_after_it() -> None:
    quantity = Quantity(((0, 14),), "500 or more tanks", 500, "tanks", "or more")
    assert describe_quantity(quantity) == "500 or more tanks"
