"""Headline against body: quoted headline phrases found verbatim or paraphrased."""

from __future__ import annotations

from spacy.language import Language

from reportedly.nlp.tokens import token_table
from reportedly.signals.headline import headline_words_in_body, match_headline, quoted_phrases

SEED_LIKE = (
    "“Share their pain”: Putin meets soldiers’ mothers\n\n"
    "Putin met the mothers of soldiers on Friday. "
    "“I want you to know that we share this pain with you,” Putin said."
)


def title_of(text: str) -> tuple[int, int]:
    return (0, text.index("\n"))


def test_quoted_phrases_skip_apostrophes() -> None:
    text = "‘Not now’: soldiers’ mothers say “enough”"
    phrases = [text[s:e] for s, e in quoted_phrases(text)]
    assert phrases == ["Not now", "enough"]


def test_quoted_phrases_are_shifted_by_the_offset() -> None:
    assert quoted_phrases("“Enough”", offset=10) == [(11, 17)]


def test_paraphrase_is_matched_by_lemmas(bare_nlp: Language) -> None:
    doc = bare_nlp(SEED_LIKE)
    (phrase,) = match_headline(doc, token_table(doc), title_of(SEED_LIKE))
    assert phrase.text == "Share their pain"
    assert phrase.match is not None
    assert phrase.match.text == "we share this pain"
    assert phrase.match.method == "lemma"
    start, end = phrase.match.span
    assert SEED_LIKE[start:end] == "we share this pain"
    assert start > title_of(SEED_LIKE)[1]  # found in the body, not in the headline


def test_verbatim_quote_is_found_ignoring_case_and_quote_style(bare_nlp: Language) -> None:
    text = '‘Enough is enough’, says mayor\n\nThe mayor said: "Enough is enough."'
    doc = bare_nlp(text)
    (phrase,) = match_headline(doc, token_table(doc), title_of(text))
    assert phrase.match is not None
    assert phrase.match.method == "verbatim"
    assert phrase.match.text == "Enough is enough"
    assert phrase.match.score == 1.0


def test_a_quote_the_body_does_not_hold_is_not_matched(bare_nlp: Language) -> None:
    text = "“Total victory”: general speaks\n\nThe general spoke about supply problems on Monday."
    doc = bare_nlp(text)
    (phrase,) = match_headline(doc, token_table(doc), title_of(text))
    assert phrase.match is None


def test_headline_words_in_body(bare_nlp: Language) -> None:
    text = "Mayor resigns over budget scandal\n\nThe mayor resigned on Monday."
    doc = bare_nlp(text)
    found, missing = headline_words_in_body(doc, token_table(doc), title_of(text))
    assert sorted(t.lower_ for t in found) == ["mayor", "resigns"]
    assert sorted(t.lower_ for t in missing) == ["budget", "scandal"]
