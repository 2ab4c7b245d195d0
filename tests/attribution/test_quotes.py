"""Direct-quote finding: marks, multi-paragraph quotes, odd counts, scare quotes."""

from __future__ import annotations

import time
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportedly.attribution.quotes import QuoteSpan, find_direct_quotes, is_scare_quote
from reportedly.evaluation.brat import read_brat_dir


def contents(text: str) -> list[list[str]]:
    """The content fragments of every quote found, as text."""
    return [[text[s:e] for s, e in q.content] for q in find_direct_quotes(text)]


def flat(text: str) -> list[str]:
    """The content of every quote found, fragments joined by " | "."""
    return [" | ".join(fragments) for fragments in contents(text)]


def the_quote(text: str) -> QuoteSpan:
    quotes = list(find_direct_quotes(text))
    assert len(quotes) == 1, flat(text)
    return quotes[0]


# --- the marks ---------------------------------------------------------------


def test_straight_double_quote_offsets_and_marks() -> None:
    text = 'He said "we will win" today.'
    quote = the_quote(text)
    assert (quote.start, quote.end) == (8, 21)
    assert text[quote.start : quote.end] == '"we will win"'
    assert quote.content == ((9, 20),)
    assert (quote.open_mark, quote.close_mark, quote.paragraphs) == ('"', '"', 1)


def test_quote_span_is_frozen() -> None:
    quote = the_quote("“Yes.”")
    with pytest.raises(FrozenInstanceError):
        quote.start = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected", "marks"),
    [
        ("He said “we will win” today.", "we will win", ("“", "”")),
        ("Il a dit « nous gagnerons » hier.", "nous gagnerons", ("«", "»")),
        ("Il a dit «nous gagnerons» hier.", "nous gagnerons", ("«", "»")),
        ("Er sagte »wir gewinnen« gestern.", "wir gewinnen", ("»", "«")),
        ("Er sagte „wir gewinnen“ gestern.", "wir gewinnen", ("„", "“")),
        ("Er sagte „wir gewinnen” gestern.", "wir gewinnen", ("„", "”")),
        ("Han sa ”vi vinner” igår.", "vi vinner", ("”", "”")),
        ("He said ''we will win,'' and left.", "we will win,", ("''", "''")),
        ("He said ``we will win'' and left.", "we will win", ("``", "''")),
        ("He called it ‘fake news’ again.", "fake news", ("‘", "’")),
        ("Trump: 'Mexico will pay'", "Mexico will pay", ("'", "'")),
    ],
)
def test_quote_marks(text: str, expected: str, marks: tuple[str, str]) -> None:
    quote = the_quote(text)
    assert [text[s:e] for s, e in quote.content] == [expected]
    assert (quote.open_mark, quote.close_mark) == marks
    assert text[quote.start : quote.end].startswith(marks[0])
    assert text[quote.start : quote.end].endswith(marks[1])


def test_curly_marks_pair_by_direction() -> None:
    assert flat("“A” and “B” and “C”") == ["A", "B", "C"]


def test_curly_opening_glyph_used_as_a_closing_mark() -> None:
    # a common autocorrect slip: “ typed for ” after the last word
    assert flat("“We will win,“ he said. “Soon.”") == ["We will win,", "Soon."]


def test_straight_marks_by_context_and_alternation() -> None:
    assert flat('"Yes," he said, "we will."') == ["Yes,", "we will."]
    assert flat('He wrote ("see below") twice.') == ["see below"]
    # neither side says which: alternation decides
    assert flat('a " b " c " d "') == ["b", "d"]


# --- apostrophes are not quotes -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Putin meets soldiers’ mothers.",
        "I don’t know and they won’t say.",
        "In the ’90s it was different.",
        "In the ‘90s it was different.",
        "Mother’s Day is on Sunday.",
        "It happened at the Smiths’ house.",
        "They played rock ‘n’ roll ‘til dawn.",
        "It’s the soldiers' mothers' day, isn't it?",
        "He is 6'2\" tall.",
        "O‘Brien said no.",
    ],
)
def test_apostrophes_are_never_quote_marks(text: str) -> None:
    assert flat(text) == []


def test_apostrophes_inside_single_quotes() -> None:
    assert flat("‘The soldiers’ mothers don’t know,’ she said.") == [
        "The soldiers’ mothers don’t know,"
    ]
    assert flat("‘Mother’s Day’ is on Sunday, the ’90s are gone.") == ["Mother’s Day"]


def test_possessive_closes_a_single_quote_when_another_opens_after_it() -> None:
    text = "He called them ‘the Smiths’ and later ‘the Joneses’."
    assert flat(text) == ["the Smiths", "the Joneses"]


def test_possessive_closes_a_single_quote_when_nothing_better_follows() -> None:
    assert flat("Fans of ‘Lyin’ Ted’ cheered.") == ["Lyin’ Ted"]
    assert flat("They shouted ‘no more wars’ all night.") == ["no more wars"]


def test_single_quote_must_close_in_its_paragraph() -> None:
    assert flat("He said ‘maybe\nnot’ today.") == []


# --- nesting ---------------------------------------------------------------------


def test_nested_single_quote_is_part_of_the_outer_quote() -> None:
    text = "“He told me ‘never again’ twice,” she said."
    quote = the_quote(text)
    assert [text[s:e] for s, e in quote.content] == ["He told me ‘never again’ twice,"]
    assert quote.close_mark == "”"


def test_nested_quote_of_the_same_kind_is_part_of_the_outer_quote() -> None:
    assert flat("“He said “no” to me,” she said.") == ["He said “no” to me,"]
    assert flat('“He said "no" to me,” she said.') == ['He said "no" to me,']
    assert flat("« Il a dit « non » hier », dit-elle.") == ["Il a dit « non » hier"]


def test_reopened_quote_inside_an_unclosed_quote() -> None:
    # the seed's sentence: the second “ opens a quote nested in the first, and the
    # first, never closed, runs to the end of its paragraph
    text = (
        "“Life is hard,” Putin said. “There is a lot of fake news, fraud and lies. "
        "It has become “more significant and effective”.\n\nCritics complain."
    )
    first, second = find_direct_quotes(text)
    assert text[first.start : first.end] == "“Life is hard,”"
    assert second.close_mark is None
    assert second.start == text.index("“There")
    assert second.end == text.index("\n")
    (fragment,) = second.content
    assert text[slice(*fragment)] == (
        "There is a lot of fake news, fraud and lies. "
        "It has become “more significant and effective”."
    )


# --- quotes over several paragraphs ----------------------------------------------


def test_quote_over_three_paragraphs() -> None:
    text = "“We will win.\n\n“We will keep winning.\n\n“And then we rest,” he said.\n"
    quote = the_quote(text)
    assert [text[s:e] for s, e in quote.content] == [
        "We will win.",
        "We will keep winning.",
        "And then we rest,",
    ]
    assert quote.paragraphs == 3
    assert (quote.start, quote.close_mark) == (0, "”")
    assert text[quote.end - 1] == "”" and text[quote.end :].startswith(" he said")


def test_quote_over_paragraphs_with_straight_marks_and_crlf() -> None:
    text = 'He said: "First.\r\n"Second," and left.\r\n"Other."'
    assert contents(text) == [["First.", "Second,"], ["Other."]]


def test_unclosed_quote_closes_at_the_paragraph_end() -> None:
    text = "“We will win, he said.  \n\nThen he left. “Bye.”"
    first, second = find_direct_quotes(text)
    assert first.close_mark is None
    assert text[first.start : first.end] == "“We will win, he said."
    assert [text[s:e] for s, e in first.content] == ["We will win, he said."]
    assert text[second.start : second.end] == "“Bye.”"


def test_a_paragraph_without_a_reopening_mark_ends_the_quote() -> None:
    text = "“A quote left open.\nA narrator's line.\n“A new quote.”"
    assert contents(text) == [["A quote left open."], ["A new quote."]]
    assert [q.close_mark for q in find_direct_quotes(text)] == [None, "”"]


# --- odd counts, stray marks -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The end.” Then nothing.", []),
        ('He is 6\'2" tall and said "yes".', ["yes"]),
        ("“”, “ ”, “...” and “ok”", ["ok"]),
        ("“Three “opening “marks", ["Three “opening “marks"]),
        ('<tweet id="123" author="someone">Hello</tweet>', []),
        ("", []),
        ("\n\n\n", []),
    ],
)
def test_odd_counts_and_stray_marks(text: str, expected: list[str]) -> None:
    assert flat(text) == expected


MARKS_AND_TEXT = st.text(alphabet=list("\"“”„«»‘’'`ab .,:(\n\r\t"), max_size=80)


@settings(max_examples=400, deadline=None)
@given(MARKS_AND_TEXT)
def test_any_text_gives_ordered_well_formed_quotes(text: str) -> None:
    quotes = list(find_direct_quotes(text))
    previous_end = 0
    for quote in quotes:
        assert previous_end <= quote.start < quote.end <= len(text)
        previous_end = quote.end
        assert text.startswith(quote.open_mark, quote.start)
        if quote.close_mark is not None:
            assert text[quote.end - len(quote.close_mark) : quote.end] == quote.close_mark
        assert 1 <= len(quote.content) <= quote.paragraphs
        for start, end in quote.content:
            fragment = text[start:end]
            assert quote.start + len(quote.open_mark) <= start < end <= quote.end
            assert fragment == fragment.strip()
            assert "\n" not in fragment and "\r" not in fragment
        assert any(ch.isalnum() for s, e in quote.content for ch in text[s:e])
        assert is_scare_quote(text, quote) in (True, False)


# --- the seed article --------------------------------------------------------------


def test_seed_article_quotes(seed_text: str) -> None:
    text = seed_text.replace("‚ÄúThere", "“There")
    assert flat(text) == [
        "Share their pain",
        "Sharing their pain",
        "I want you to know that we share this pain with you and that, of course, we will "
        "do everything so that you do not feel forgotten,",
        "We do everything we can to make sure you feel the shoulder next to you.",
        "We understand that nothing can replace the loss of a son, a child,",
        "feeling of anxiety and uncertainty",
        "with their boys",
        "Fake News, Deception and Lies",
        "Life is more complicated than what you see on TV or on the Internet, where you "
        "can’t believe anything,",
        "There is a lot of fake news, fraud and lies. This has always been the case, but "
        "with modern technology it has become “more significant and effective”.",
    ]
    quotes = list(find_direct_quotes(text))
    assert all(q.paragraphs == 1 for q in quotes)
    assert [q.close_mark for q in quotes].count(None) == 1
    assert quotes[-1].close_mark is None
    assert quotes[-1].end == text.index("\n", quotes[-1].start)


def test_seed_article_scare_quotes(seed_text: str) -> None:
    text = seed_text.replace("‚ÄúThere", "“There")
    scare = {text[slice(*q.content[0])]: is_scare_quote(text, q) for q in find_direct_quotes(text)}
    # speech, in sentences of its own or followed by its speaker
    assert not scare["We understand that nothing can replace the loss of a son, a child,"]
    assert not scare["We do everything we can to make sure you feel the shoulder next to you."]
    # a short phrase quoted inside the narrator's sentence ("feeling of anxiety and
    # uncertainty" is one too, but at five words it is past the limit)
    assert scare["with their boys"]


# --- scare quotes ------------------------------------------------------------------


def scare(text: str) -> bool:
    return is_scare_quote(text, the_quote(text))


@pytest.mark.parametrize(
    "text",
    [
        "Trump called it “fake news” on Monday.",
        "The former “Apprentice” host spoke.",
        "Dana Perino, a host of ''The Five,'' refused.",
        "She appeared on ''Good Morning America.''",
        "He watched the “Dateline on Assignment Special Report” broadcast.",
        "The so-called “rebels” got the weapons.",
        "Critics of ‘Obamacare’ met.",
    ],
)
def test_scare_quotes_and_titles(text: str) -> None:
    assert scare(text)


@pytest.mark.parametrize(
    "text",
    [
        "“We lost.”",
        "He told the agency: “We lost.”",
        "“Absolutely,” Trump said.",
        "“Technicals,” Bob said.",
        "“Quiet,” said Tom Burke.",
        "Then a heckler shouted “You suck!” at him.",
        "He said it was “a total disaster for everyone in this country” again.",
        "Trump said he “will win” in November.",
        "She said she “can’t” go.",
        "“We will win.\n“Soon.”",
        "He shouted “stop it",
    ],
)
def test_reported_speech_is_not_a_scare_quote(text: str) -> None:
    assert not scare(text)


# --- speed ----------------------------------------------------------------------------


def test_two_megabytes_in_well_under_a_second_or_two(seed_text: str) -> None:
    text = (seed_text.replace("‚ÄúThere", "“There") + "\n\n") * (2_000_000 // len(seed_text))
    started = time.perf_counter()
    quotes = list(find_direct_quotes(text))
    elapsed = time.perf_counter() - started
    assert len(quotes) == 10 * (2_000_000 // len(seed_text))
    assert elapsed < 5.0  # about 0.1 s here; generous for loaded CI machines


def test_dense_unmatched_marks_stay_linear() -> None:
    # each opening single mark looks ahead for its close: done with tables, not a rescan
    small, large = "‘a " * 20_000, "‘a " * 80_000
    started = time.perf_counter()
    assert list(find_direct_quotes(small)) == []
    small_elapsed = time.perf_counter() - started
    started = time.perf_counter()
    assert list(find_direct_quotes(large)) == []
    large_elapsed = time.perf_counter() - started
    assert large_elapsed < 20 * max(small_elapsed, 0.01)  # 4x the input; quadratic would be 16x+


# --- PolNeAR ----------------------------------------------------------------------------


def _iou(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


@pytest.mark.slow
def test_polnear_dev_quotes_and_scare_filter(polnear_dir: Path) -> None:
    """Every gold content with a double mark is touched by a quote found, and the
    scare filter mostly flags quotes that are no gold content by themselves.

    Measured when written: 708 of 710 contents touched; 211 of 245 flagged
    quotes match no gold content (IoU < 0.5 over non-space characters).
    """
    touched = with_marks = flagged = flagged_not_content = 0
    for article in read_brat_dir(polnear_dir / "data" / "dev"):
        text = article.text
        gold = [
            {i for s, e in a.content for i in range(s, e) if not text[i].isspace()}
            for a in article.attributions
        ]
        quotes = list(find_direct_quotes(text))
        inside = bytearray(len(text))
        for quote in quotes:
            inside[quote.start : quote.end] = b"\x01" * (quote.end - quote.start)
        for content in gold:
            if any(text[i] in '"“”' for i in content) or "''" in "".join(
                text[i] for i in sorted(content)
            ):
                with_marks += 1
                touched += any(inside[i] for i in content)
        for quote in quotes:
            if not is_scare_quote(text, quote):
                continue
            chars = {i for s, e in quote.content for i in range(s, e) if not text[i].isspace()}
            flagged += 1
            flagged_not_content += all(_iou(chars, content) < 0.5 for content in gold)
    assert with_marks > 500 and touched / with_marks >= 0.99
    assert flagged > 150 and flagged_not_content / flagged >= 0.8
