"""Re-flow of hard-wrapped paragraphs, from the text's own evidence.

Plain-text newsletters, e-mails, PDF and OCR extractions and some feeds break the
lines of a paragraph at a fixed width (often 72 columns). The parser takes every
line break for a boundary, so a sentence broken over three lines loses its
subject, cue or quote. This pass turns each break *inside* a paragraph into a
space (with the spaces around the break, if any), and the offset map sends that
space back to the break in the input.

A break between two non-blank lines is joined on any of three kinds of evidence:

1. **A wrap width.** Wrapping tools leave a trace that fixes the width: textwrap
   (and justified text) breaks where the next word would not have fit, so a line
   is at most ``width`` long and the next line's first word would have taken it
   past; a *ragged* wrap (some PDF and OCR exports, mail clients) breaks at the
   first space past ``width``, so a line reaches ``width`` and its last word
   starts before it. Every inner line (one followed by a non-blank line) votes
   for the widths it is consistent with, in each of the two ways; when one width
   explains most inner lines, the breaks it explains are joined.
2. **Blank-line paragraphs.** A text whose paragraphs are separated by blank lines
   says that its single line breaks are not paragraph ends: when no one width
   explains its inner lines but they all have the lengths of wrapped lines (none
   much longer than a terminal line), a break after a line of about their usual
   length that stops mid-sentence, and is no Title Case heading, is joined.
3. **A sentence running on.** A line of some length that ends without sentence
   punctuation, followed by a line that starts lower-case.

What is never joined: a break before a list item or a speaker's label
("Q:", "TRUMP:"), where the indentation changes, after a short line (headings,
datelines, bylines, signatures, lines of verse: no width explains them), and
inside the first block of lines (the headline and what stands with it) on the
evidence of blank-line paragraphs alone.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from .edits import LINE_BREAK_RE, Edit

# hard wraps are made at terminal or e-mail widths; longer lines are paragraphs
MAX_WIDTH = 120
MIN_WIDTH = 30
# a width must explain at least this share of the inner lines, and this many
WIDTH_SUPPORT = 0.5
WIDTH_MIN_LINES = 3
# blank-line paragraphs: share of inner lines that must be no longer than MAX_WIDTH,
# and how long a line must be, against the median inner line, to end inside a paragraph
SHORT_SHARE = 0.9
USUAL_FRACTION = 0.7
# bullets, numbered items, quoted e-mail, and a speaker's label in a transcript
_LIST_ITEM_RE = re.compile(r"\s*(?:[*•·>▪◦]|\d{1,3}[.)]|[a-z][.)])\s")
_DASH_ITEM_RE = re.compile(r"\s*[-–—]\s")
_SPEAKER_RE = re.compile(r"\s*(?:[QA]|[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}):\s")
_SENTENCE_END_RE = re.compile(r"[.!?:;…][\"'”’)\]]*$")
_WORD_SEPARATOR = re.compile(r"[ \t]+")


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # content start in the text
    end: int  # end of the content without its trailing spaces
    content: str  # the line without its trailing spaces

    @property
    def length(self) -> int:
        return len(self.content)

    @property
    def first_word(self) -> str:
        return _WORD_SEPARATOR.split(self.content.lstrip(" \t"), maxsplit=1)[0]

    @property
    def last_word(self) -> str:
        return _WORD_SEPARATOR.split(self.content)[-1]


@dataclass(frozen=True, slots=True)
class WrapWidth:
    """How a text was wrapped: ``ragged`` (at the first space past ``width``) or not
    (where the next word would not have fit within ``width``)."""

    width: int
    ragged: bool
    explained: int  # inner lines consistent with it

    def explains(self, line: _Line, following: _Line) -> bool:
        return self.width in _widths(line, following, ragged=self.ragged)


def reflow_edits(text: str, min_lines: int = 6) -> list[Edit]:
    """Edits turning line breaks inside hard-wrapped paragraphs into single spaces."""
    lines = _split(text)
    inner = [i for i in range(len(lines) - 1) if lines[i].length and lines[i + 1].length]
    if not inner:
        return []
    enough = sum(1 for line in lines if line.length) >= min_lines
    wrap = wrap_width([(lines[i], lines[i + 1]) for i in inner]) if enough else None
    # blank-line paragraphs are the evidence of a wrap that no one width explains
    usual = _usual_length(lines, inner) if enough and wrap is None else None
    headline_block = _first_block_end(lines)
    edits = []
    for i in inner:
        line, following = lines[i], lines[i + 1]
        if _keeps_break(line, following):
            continue
        joined = (
            (wrap is not None and wrap.explains(line, following))
            or (i >= headline_block and usual is not None and _ends_inside(line, usual))
            or _runs_on(line, following)
        )
        if joined:
            # the line's trailing and the next line's leading spaces go with the break
            next_content = (
                following.start + len(following.content) - len(following.content.lstrip())
            )
            edits.append(Edit(line.end, next_content, " ", "reflow"))
    return edits


def wrap_width(pairs: Sequence[tuple[_Line, _Line]]) -> WrapWidth | None:
    """The width (and kind) of wrap that explains most inner lines, if one does."""
    best: WrapWidth | None = None
    for ragged in (False, True):
        votes = [0] * (MAX_WIDTH + 2)
        for line, following in pairs:
            for width in _widths(line, following, ragged=ragged):
                if MIN_WIDTH <= width <= MAX_WIDTH:
                    votes[width] += 1
        explained = max(votes)
        if best is None or explained > best.explained:
            best = WrapWidth(votes.index(explained), ragged, explained)
    assert best is not None
    if best.explained < max(WIDTH_MIN_LINES, WIDTH_SUPPORT * len(pairs)):
        return None
    return best


def _widths(line: _Line, following: _Line, *, ragged: bool) -> range:
    """The wrap widths under which the break after ``line`` is a wrapping tool's."""
    if ragged:
        # the break came at the first space at or past the width: the last word
        # starts before the width and the line reaches it
        return range(line.length - len(line.last_word), line.length + 1)
    # the next word did not fit: width < length + 1 + word
    return range(line.length, line.length + 1 + len(following.first_word))


def _usual_length(lines: Sequence[_Line], inner: Sequence[int]) -> int | None:
    """In a text of blank-line paragraphs whose inner lines are all as short as wrapped
    lines, the length from which a line ends inside its paragraph; else None."""
    blocks = sum(1 for k in range(1, len(lines)) if not lines[k - 1].length and lines[k].length)
    if blocks < 2 or len(inner) < WIDTH_MIN_LINES:
        return None  # fewer than three paragraphs separated by blank lines
    lengths = [lines[i].length for i in inner]
    if sum(n <= MAX_WIDTH for n in lengths) < SHORT_SHARE * len(lengths):
        return None  # its single line breaks end paragraphs of prose
    median = statistics.median(lengths)
    if median < MIN_WIDTH:
        return None  # lists, verse, addresses
    return max(MIN_WIDTH, round(USUAL_FRACTION * median))


def _first_block_end(lines: Sequence[_Line]) -> int:
    """Index of the first blank line after the first non-blank one."""
    started = False
    for k, line in enumerate(lines):
        if line.length:
            started = True
        elif started:
            return k
    return len(lines)


def _keeps_break(line: _Line, following: _Line) -> bool:
    """A list item, a speaker's label or a change of indentation follows."""
    if _LIST_ITEM_RE.match(following.content) or _SPEAKER_RE.match(following.content):
        return True
    if _DASH_ITEM_RE.match(following.content) and (
        _DASH_ITEM_RE.match(line.content) or _SENTENCE_END_RE.search(line.content)
    ):
        return True  # a dash list, not a dash that a wrap put first on a line
    # an indented block beginning or ending
    return line.content[:1].isspace() != following.content[:1].isspace()


def _ends_inside(line: _Line, usual: int) -> bool:
    """A line of the usual length that stops mid-sentence and is no heading (a line
    ending a sentence keeps its break: the parser starts a sentence there anyway,
    and in a text of separate quotes, one a line, it ends a paragraph)."""
    return (
        line.length >= usual
        and not _SENTENCE_END_RE.search(line.content)
        and not _looks_like_heading(line.content)
    )


def _looks_like_heading(content: str) -> bool:
    """Title Case: most words of four letters or more capitalised."""
    words = [w for w in content.split() if len(w) >= 4 and w[:1].isalpha()]
    return len(words) >= 2 and sum(w[:1].isupper() for w in words) >= 0.75 * len(words)


def _runs_on(line: _Line, following: _Line) -> bool:
    """A long line stops mid-sentence and the next one goes on in lower case."""
    start = following.content.lstrip()[:1]
    return (
        line.length >= MIN_WIDTH and start.islower() and not _SENTENCE_END_RE.search(line.content)
    )


def _split(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for brk in LINE_BREAK_RE.finditer(text):
        lines.append(_line(text, pos, brk.start()))
        pos = brk.end()
    lines.append(_line(text, pos, len(text)))
    return lines


def _line(text: str, start: int, end: int) -> _Line:
    content = text[start:end].rstrip()
    if not content.strip():
        content = ""
    return _Line(start, start + len(content), content)
