"""The shipped evaluative lexicon and the phrase matcher."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from spacy.language import Language

from reportedly.claims.lexicon import (
    LexiconError,
    find_lexicon_hits,
    load_lexicon,
    parse_lexicon,
    split_phrase,
)


def hit_texts(nlp: Language, text: str) -> list[str]:
    doc = nlp(text)
    return [doc[h.start : h.end].text for h in find_lexicon_hits(doc)]


def test_shipped_lexicon_states_provenance_and_licence() -> None:
    data = resources.files("reportedly.claims").joinpath("data").joinpath("evaluative-lexicon.tsv")
    header = [
        line for line in data.read_text(encoding="utf-8").splitlines() if line.startswith("#")
    ]
    text = " ".join(header)
    assert "Provenance" in text and "written by hand for reportedly" in text
    assert "Licence: MIT" in text


def test_shipped_lexicon_has_the_issue_examples() -> None:
    phrases = {entry.phrase for entry in load_lexicon().entries}
    assert {
        "war of aggression",
        "illegally annex",
        "cannon fodder",
        "regime",
        "slam",
        "so-called",
    } <= phrases


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The war of aggression continued.", ["war of aggression"]),
        ("Areas illegally annexed by Moscow voted.", ["illegally annexed"]),
        ("Men were used as cannon fodder.", ["cannon fodder"]),
        ("The senator slammed the plan.", ["slammed"]),
        ("The so-called referendum was held.", ["so-called"]),
        ("The regimes fell.", ["regimes"]),
        ("The regime change failed.", ["regime change"]),  # the longest entry wins
    ],
)
def test_matches_by_lower_case_or_lemma(bare_nlp: Language, text: str, expected: list[str]) -> None:
    assert hit_texts(bare_nlp, text) == expected


def test_part_of_speech_constraint(bare_nlp: Language) -> None:
    # "blast" is flagged as a verb of attack, not as an explosion
    assert hit_texts(bare_nlp, "The senator blasted the plan.") == ["blasted"]
    assert hit_texts(bare_nlp, "A blast hit the market.") == []


def test_neutral_text_has_no_hits(bare_nlp: Language) -> None:
    assert hit_texts(bare_nlp, "The committee met on Tuesday and approved the budget.") == []


def test_split_phrase_follows_spacy_hyphens() -> None:
    assert split_phrase("So-called") == ("so", "-", "called")


def test_malformed_lexicons_raise_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="header"):
        parse_lexicon(["word\tcategory"])
    with pytest.raises(LexiconError, match="tab-separated"):
        parse_lexicon(["phrase\tcategory\tpos\tnote", "regime\tloaded_label"])
    with pytest.raises(LexiconError, match="no entries"):
        parse_lexicon(["# only a comment", "phrase\tcategory\tpos\tnote"])
    with pytest.raises(LexiconError, match="cannot read"):
        load_lexicon(tmp_path / "missing.tsv")


def test_a_custom_lexicon(tmp_path: Path, bare_nlp: Language) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(
        "phrase\tcategory\tpos\tnote\nbold move\temotive\t-\tpraise\n", encoding="utf-8"
    )
    lexicon = load_lexicon(path)
    doc = bare_nlp("It was a bold move by the mayor.")
    (hit,) = find_lexicon_hits(doc, lexicon)
    assert doc[hit.start : hit.end].text == "bold move"
    assert hit.entry.category == "emotive"
