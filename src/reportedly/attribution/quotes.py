"""Find direct quotations in plain text by their quotation marks.

A pure, character-level extractor: no tokenizer, no model, one pass over the
text (linear time). :func:`find_direct_quotes` yields one :class:`QuoteSpan` per
quotation, in text order; :func:`is_scare_quote` tells the attribution rules
which of them are scare quotes or titles rather than reported speech.

How marks are read
------------------
* Paragraphs are the lines of the text: every line break (``\\n``, ``\\r\\n``,
  ``\\r``, U+2028, ...) ends one. Blank lines are skipped.
* Double marks -- straight ``"``, curly “ ”, German low „, and ``''`` (two
  apostrophes, as in the New York Times archive; TeX opens with two backticks)
  -- pair with each other. A curly mark's direction comes from its glyph (“ and
  „ open, ” closes; inside a quote opened by „ the “ closes, as in German
  „...“) unless the characters around it say plainly otherwise (“ glued to the
  end of a word and followed by a space closes; ” after a space and glued to a
  word opens, as in Swedish ”...”). A straight ``"`` (or ``''``) opens after a
  space, a line start or an opening bracket and before a non-space; it closes
  after a non-space and before a space, punctuation or the line end; when the
  context says neither, it alternates (it closes when a quote is open, opens
  otherwise). A ``"`` right after ``=`` opens nothing: it is markup left in the
  text (``<tweet id="...">``).
* Guillemets pair with each other, in either orientation: «...» (French) and
  »...« (German). Outside a quote « opens unless it plainly closes; » opens only
  where it plainly opens. Inside a quote the mark that opened it opens a nested
  quote and the other one closes.
* A quote inside another one is part of the outer quote: marks of another family
  (‘...’ inside “...”, “...” inside «...») are ignored while a quote is open, and
  marks of the same family are counted as nesting, so the outer quote closes at
  the closing mark that brings the count back to zero.
* Single marks, curly ‘...’ and straight ``'...'``, are read only where they
  clearly quote, since ’ and ``'`` are mostly apostrophes: an opening mark must
  follow a space, a line start, a bracket or a dash, must be followed by a
  non-space and must not start an elision (‘90s, ‘em, ‘n’, ‘cause, ‘til, ‘tis);
  its closing mark must end a word and be followed by no letter or digit, so
  don’t, Mother’s Day and ’90s never close. A plural possessive (soldiers’
  mothers, the Smiths’ house) or a dropped g (Lyin’ Ted) closes only when no
  better candidate exists: the first closing mark not followed by a word wins,
  unless another single quote opens before it, in which case the
  possessive-looking mark closes. A single quote must close in the paragraph
  that opened it, otherwise the mark is taken for an apostrophe and skipped. ‚
  (single low-9) is never read as a mark; it is as often a comma or mojibake.

Odd counts, never an error
--------------------------
Nothing here raises on unbalanced marks. A closing mark with no open quote is
skipped. A double or guillemet quote still open at the end of its paragraph
continues, by English style, into the next non-blank paragraph if that paragraph
starts with a mark of the same family that reopens it (one content fragment per
paragraph); otherwise it is closed best effort at the end of its paragraph, with
``close_mark=None``. So in ``“There is a lot of fake news. It has become “more
significant and effective”.`` followed by a paragraph that opens no quote, the
second “ opens a quote nested in the first, and the first runs, unclosed, to
the end of its paragraph. Quotes whose content holds no letter or digit (“”,
"...") are not yielded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final, Literal

from reportedly.marks import (
    ASCII_CLOSE,
    ASCII_OPEN,
    CURLY_SINGLE,
    DOUBLE_MARKS,
    GUILLEMETS,
    LEFT_DOUBLE,
    LEFT_SINGLE,
    LOW_DOUBLE,
    STRAIGHT_DOUBLE,
    STRAIGHT_SINGLE,
)
from reportedly.records import Span, Spans

__all__ = ["QuoteSpan", "find_direct_quotes", "is_scare_quote"]


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One direct quotation: its marks, and its content fragment in each paragraph.

    ``start`` is the offset of the opening mark; ``end`` is the offset just after
    the closing mark, or, for a quote never closed (``close_mark is None``), the
    end of the last paragraph it covers, trailing spaces excluded. ``content``
    holds the text between the marks, one fragment per paragraph, each trimmed of
    surrounding white space; fragments that are empty after trimming are left out.
    """

    start: int
    end: int
    content: Spans
    open_mark: str
    close_mark: str | None
    paragraphs: int


Family = Literal["double", "guillemet", "single"]
Role = Literal["open", "close", "either"]

_FAMILY: Final[dict[str, Family]] = {
    '"': "double",
    "''": "double",  # two apostrophes for a double mark (the New York Times' archive style)
    "``": "double",  # TeX and Penn Treebank opening mark, closed by ''
    "“": "double",
    "”": "double",
    "„": "double",
    "«": "guillemet",
    "»": "guillemet",
    "‘": "single",
    "’": "single",
    "'": "single",
}
_MARK: Final = re.compile(
    f"{ASCII_CLOSE}|{ASCII_OPEN}|[{re.escape(DOUBLE_MARKS + CURLY_SINGLE + STRAIGHT_SINGLE)}]"
)
_LINE: Final = re.compile(r"[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")
# characters after which a mark glued to the next word opens a quote
_OPENING_CONTEXT: Final = frozenset(
    "([{<—–-/`" + STRAIGHT_DOUBLE + LEFT_DOUBLE + LOW_DOUBLE + GUILLEMETS + LEFT_SINGLE + "'"
)
# characters before which a mark glued to the previous word closes a quote
_CLOSING_CONTEXT: Final = frozenset(".,;:!?)]}>—–-/…" + DOUBLE_MARKS + CURLY_SINGLE + "'")
# characters a quotation does not start with
_NO_QUOTE_STARTS_WITH: Final = frozenset(",;:!?)]}")
# words that an apostrophe written as an opening single mark starts ("‘cause")
_ELISIONS: Final = frozenset(
    {"n", "em", "cause", "cos", "til", "tis", "twas", "bout", "nuff", "round", "s"}
)
_ELISION_WORD: Final = re.compile(r"[A-Za-z]+(?=[’'\s.,;:!?]|$)")


@dataclass(frozen=True, slots=True)
class _Mark:
    """One quotation mark (one or two characters) with its neighbours."""

    start: int
    text: str
    before: str  # the character before the mark, "\n" at the text start
    after: str  # the character after the mark, "\n" at the text end

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def family(self) -> Family:
        return _FAMILY[self.text]

    @property
    def opens_by_context(self) -> bool:
        """After a space, a line start or an opening bracket; before a non-space
        that is no closing punctuation (an ellipsis may start a quote)."""
        return (self.before.isspace() or self.before in _OPENING_CONTEXT) and not (
            self.after.isspace() or self.after in _NO_QUOTE_STARTS_WITH
        )

    @property
    def closes_by_context(self) -> bool:
        """At the end of a word; before a space, punctuation or the line end."""
        return not self.before.isspace() and (
            self.after.isspace() or self.after in _CLOSING_CONTEXT
        )

    @property
    def context_role(self) -> Role:
        opens, closes = self.opens_by_context, self.closes_by_context
        if opens and not closes:
            return "open"
        if closes and not opens:
            return "close"
        return "either"


def _marks(text: str, start: int, end: int) -> list[_Mark]:
    marks = []
    for match in _MARK.finditer(text, start, end):
        pos, stop = match.span()
        before = text[pos - 1] if pos > 0 else "\n"
        after = text[stop] if stop < len(text) else "\n"
        marks.append(_Mark(pos, match.group(), before, after))
    return marks


def _double_role(mark: _Mark, opener: str | None) -> Role:
    """Whether a double mark opens or closes, given the mark that opened the
    quote now open (``None`` outside a quote)."""
    context = mark.context_role
    if mark.text in ('"', "''"):
        if context != "either":
            return context
        return "close" if opener is not None else "open"
    if mark.text in ("„", "``"):
        return "open"
    if mark.text == "“":
        if opener == "„":
            return "open" if context == "open" else "close"
        return "close" if context == "close" else "open"
    # ”
    return "open" if context == "open" else "close"


def _guillemet_role(mark: _Mark, opener: str | None) -> Role:
    context = mark.context_role
    if opener is None:
        if mark.text == "«":
            return "close" if context == "close" else "open"
        return "open" if context == "open" else "close"
    return "open" if mark.text == opener else "close"


def _role(mark: _Mark, opener: str | None) -> Role:
    if mark.family == "guillemet":
        return _guillemet_role(mark, opener)
    if opener is None and mark.text == '"' and mark.before == "=":
        # name="value": markup left in the text (tweets embedded as <tweet id="...">)
        return "close"
    return _double_role(mark, opener)


def _opens_single(text: str, mark: _Mark) -> bool:
    """A single mark that clearly opens a quote: not an apostrophe, not ‘90s."""
    if mark.text == "’" or not mark.opens_by_context or mark.after.isdigit():
        return False
    word = _ELISION_WORD.match(text, mark.end)
    return word is None or word.group().lower() not in _ELISIONS


def _closes_single(mark: _Mark) -> bool:
    """A single mark that may close a quote: it ends a word and no letter or
    digit follows (so not don’t, not Mother’s)."""
    return mark.text != "‘" and not mark.before.isspace() and not mark.after.isalnum()


def _looks_possessive(text: str, mark: _Mark) -> bool:
    """A closing candidate that is likely an apostrophe ending a word: a plural
    possessive (``soldiers’ mothers``) or a dropped g (``Lyin’ Ted``)."""
    ends_word = mark.before in "sSzZ" or text[mark.start - 2 : mark.start] == "in"
    return ends_word and mark.after == " " and text[mark.end + 1 : mark.end + 2].isalnum()


@dataclass(slots=True)
class _SingleMarks:
    """The single marks of one paragraph, with next-candidate tables so that
    finding the close of each opening mark takes constant time."""

    marks: list[_Mark]
    opens: list[bool]
    next_open: list[int]
    next_close: list[int]
    next_possessive: list[int]


def _index_single_marks(text: str, marks: list[_Mark]) -> _SingleMarks:
    count = len(marks)
    opens = [_opens_single(text, mark) for mark in marks]
    next_open = [count] * (count + 1)
    next_close = [count] * (count + 1)
    next_possessive = [count] * (count + 1)
    for index in range(count - 1, -1, -1):
        mark = marks[index]
        closes = _closes_single(mark)
        possessive = closes and _looks_possessive(text, mark)
        next_open[index] = index if opens[index] else next_open[index + 1]
        next_close[index] = index if closes and not possessive else next_close[index + 1]
        next_possessive[index] = index if possessive else next_possessive[index + 1]
    return _SingleMarks(marks, opens, next_open, next_close, next_possessive)


def _single_close(single: _SingleMarks, index: int) -> int | None:
    """Index of the mark closing the single quote opened by mark ``index``."""
    count = len(single.marks)
    close = single.next_close[index + 1]
    possessive = single.next_possessive[index + 1]
    reopen = single.next_open[index + 1]
    if possessive < count and possessive < reopen < close:
        return possessive
    if close < count:
        return close
    if possessive < count:
        return possessive
    return None


@dataclass(slots=True)
class _OpenQuote:
    start: int
    open_mark: str
    family: Family
    content_start: int
    fragments: list[Span] = field(default_factory=list)
    paragraphs: int = 1
    depth: int = 1


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end)


def _finish(
    text: str, quote: _OpenQuote, content_end: int, end: int, close_mark: str | None
) -> QuoteSpan | None:
    fragments = [*quote.fragments, _trim(text, quote.content_start, content_end)]
    content = tuple((s, e) for s, e in fragments if s < e)
    if not any(ch.isalnum() for s, e in content for ch in text[s:e]):
        return None
    return QuoteSpan(quote.start, end, content, quote.open_mark, close_mark, quote.paragraphs)


def _scan_paragraph(
    text: str, start: int, end: int, carried: _OpenQuote | None
) -> tuple[list[QuoteSpan], _OpenQuote | None]:
    """Quotes closed in the paragraph ``text[start:end]``, and the quote still
    open at its end. ``carried`` is a quote reopened just before ``start``."""
    found: list[QuoteSpan] = []
    marks = _marks(text, start, end)
    single = _index_single_marks(text, [mark for mark in marks if mark.family == "single"])
    single_index = {mark.start: index for index, mark in enumerate(single.marks)}
    current = carried
    skip_until = start
    for mark in marks:
        if mark.start < skip_until:
            continue
        if current is not None:
            if mark.family != current.family:
                continue
            if _role(mark, current.open_mark) == "open":
                current.depth += 1
                continue
            current.depth -= 1
            if current.depth == 0:
                quote = _finish(text, current, mark.start, mark.end, mark.text)
                if quote is not None:
                    found.append(quote)
                current = None
        elif mark.family == "single":
            index = single_index[mark.start]
            close_index = _single_close(single, index) if single.opens[index] else None
            if close_index is None:
                continue
            close = single.marks[close_index]
            opened = _OpenQuote(mark.start, mark.text, "single", mark.end)
            quote = _finish(text, opened, close.start, close.end, close.text)
            if quote is not None:
                found.append(quote)
            skip_until = close.end
        elif _role(mark, None) == "open":
            current = _OpenQuote(mark.start, mark.text, mark.family, mark.end)
    return found, current


def _reopening_mark(text: str, start: int, quote: _OpenQuote) -> _Mark | None:
    """The mark at ``start`` (a paragraph start) if it reopens ``quote``."""
    marks = _marks(text, start, min(start + 2, len(text)))
    if not marks or marks[0].start != start or marks[0].family != quote.family:
        return None
    return marks[0] if marks[0].context_role != "close" else None


def find_direct_quotes(text: str) -> Iterator[QuoteSpan]:
    """Yield the quotations of ``text`` in order; see the module docstring for
    how marks are paired. Never raises on unbalanced or stray marks."""
    paragraphs = [_trim(text, *m.span()) for m in _LINE.finditer(text) if not m.group().isspace()]
    carried: _OpenQuote | None = None
    scan_from = 0
    for number, (start, end) in enumerate(paragraphs):
        found, open_quote = _scan_paragraph(text, max(start, scan_from), end, carried)
        yield from found
        carried = None
        if open_quote is None:
            continue
        reopening = None
        if number + 1 < len(paragraphs):
            reopening = _reopening_mark(text, paragraphs[number + 1][0], open_quote)
        if reopening is not None:
            open_quote.fragments.append(_trim(text, open_quote.content_start, end))
            open_quote.content_start = reopening.end
            open_quote.paragraphs += 1
            open_quote.depth = 1
            carried = open_quote
            scan_from = reopening.end
            continue
        quote = _finish(text, open_quote, end, end, None)
        if quote is not None:
            yield quote


# ---------------------------------------------------------------------------
# scare quotes and titles

# Tuned on PolNeAR train: of the quotes flagged, the share that is no gold content
# by itself (IoU < 0.5), and the share of such quotes flagged, for 3 / 4 / 5 words:
# precision .887 / .875 / .867, recall .379 / .412 / .431 (with 8 title words).
MAX_SCARE_QUOTE_WORDS: Final = 4
MAX_TITLE_WORDS: Final = 8

_WORD: Final = re.compile(r"[^\W_]+(?:[’'.-][^\W_]+)*")
# words that make a short quote a clause (something someone said), not a label
_CLAUSE_WORDS: Final = frozenset(
    {
        "i",
        "we",
        "you",
        "he",
        "she",
        "they",
        "it",
        "i'm",
        "we're",
        "you're",
        "he's",
        "she's",
        "they're",
        "it's",
        "there's",
        "that's",
        "i've",
        "we've",
        "they've",
        "you've",
        "i'd",
        "we'd",
        "they'd",
        "i'll",
        "we'll",
        "they'll",
        "you'll",
        "let's",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "will",
        "would",
        "can",
        "could",
        "should",
        "must",
        "shall",
        "may",
        "might",
        "have",
        "has",
        "had",
        "do",
        "does",
        "did",
    }
)
# small words that Title Case leaves in lower case
_TITLE_LOWER: Final = frozenset(
    {
        "a",
        "an",
        "the",
        "and",
        "or",
        "nor",
        "but",
        "of",
        "on",
        "in",
        "to",
        "for",
        "with",
        "at",
        "by",
        "from",
        "as",
        "vs",
    }
)
_SPEECH_VERBS: Final = (
    "said|says|say|told|tells|asked|asks|added|adds|replied|replies|wrote|writes|tweeted|"
    "continued|explained|declared|noted|shouted|yelled|insisted|argued|recalled|responded"
)
# ``“...,” the senator said`` / ``“...,” said Tom Burke``: a speaker follows the quote
_SPEAKER_FOLLOWS: Final = re.compile(
    rf"[^\S\n]*[,;]?[^\S\n]*(?:[\w.’'-]+[^\S\n]+){{0,5}}?(?:{_SPEECH_VERBS})\b"
)
_SENTENCE_END: Final = frozenset(".!?")


def _preceding_index(text: str, pos: int) -> int:
    """Index of the last non-space character before ``pos`` on its line; -1 at a
    paragraph start."""
    index = pos - 1
    while index >= 0 and text[index].isspace():
        if text[index] in "\n\r":
            return -1
        index -= 1
    return index


def _preceding_char(text: str, pos: int) -> str:
    index = _preceding_index(text, pos)
    return "\n" if index < 0 else text[index]


def _starts_sentence(text: str, pos: int) -> bool:
    index = _preceding_index(text, pos)
    if index < 0 or text[index] in _SENTENCE_END:
        return True
    # ``“Why?” “Because.”``: a quote right after a quote that ended a sentence
    return text[index] in _FAMILY and _preceding_char(text, index) in ".!?,"


def _is_title_case(words: list[str]) -> bool:
    return (
        len(words) >= 2
        and words[0][0].isupper()
        and all(word[0].isupper() or word.lower() in _TITLE_LOWER for word in words)
    )


def is_scare_quote(text: str, quote: QuoteSpan) -> bool:
    """Whether ``quote`` is a scare quote or a title rather than reported speech.

    PolNeAR's guidelines annotate neither, so the attribution rules make no
    direct attribution from such a quote: called it “fake news”, the
    “Apprentice” host, ''Good Morning America''. A heuristic on the quote and
    the characters around it; in order:

    * not a scare quote if it covers several paragraphs or was never closed,
      follows a colon (``told the agency: "We lost."``), is followed by a
      speaker and a speech verb (``“Technicals,” Bob said``), stands as a
      sentence ending in punctuation of its own (``“We lost.”``), or ends in
      ``!`` or ``?``;
    * a title if it is in Title Case, inside a sentence, of at most
      :data:`MAX_TITLE_WORDS` words;
    * otherwise a scare quote if it has at most :data:`MAX_SCARE_QUOTE_WORDS`
      words and none of them makes it a clause (a pronoun, an auxiliary or a
      modal, a negated verb).
    """
    if quote.paragraphs > 1 or quote.close_mark is None or not quote.content:
        return False
    content = text[quote.content[0][0] : quote.content[-1][1]].replace("’", "'")
    words = _WORD.findall(content)
    sentence_start = _starts_sentence(text, quote.start)
    if (
        _preceding_char(text, quote.start) == ":"
        or _SPEAKER_FOLLOWS.match(text, quote.end)
        or (sentence_start and content[-1] in ".,!?")
        or content[-1] in "!?"
    ):
        return False
    if _is_title_case(words) and not sentence_start and len(words) <= MAX_TITLE_WORDS:
        return True
    if len(words) > MAX_SCARE_QUOTE_WORDS:
        return False
    return not any(word.lower() in _CLAUSE_WORDS or word.lower().endswith("n't") for word in words)
