"""Helpers over the parse and the text: which quotations stand alone as headings."""

from __future__ import annotations

import pytest

from reportedly.attribution.quotes import find_direct_quotes
from reportedly.attribution.syntax import is_heading_quote


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("“Fake News, Deception and Lies”", True),
        # a title set in quote marks keeps its full stop inside them
        ("''Legend in the Coal Fields.''", True),
        ("''Coal Isn't the Villain.''", True),
        # a quotation paragraph is no heading, title-cased or not
        ("“We will not back down.”", False),
        ("“I Love New York.” That was all he said.", False),
        ("“Make America great again, and do it now, he said, because I will.”", False),
    ],
)
def test_a_quoted_line_standing_alone_in_title_case_is_a_heading(line: str, heading: bool) -> None:
    text = f"The mayor spoke on Monday.\n\n{line}\n\nHe left early.\n"
    [quote] = find_direct_quotes(text)
    assert is_heading_quote(text, quote) is heading
