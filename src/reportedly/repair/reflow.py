"""Re-flow of hard-wrapped paragraphs.

Plain-text newsletters, e-mails, PDF extractions and some feeds break the lines
of a paragraph at a fixed width (often 72 columns). The parser takes every line
break for a boundary, so a sentence broken over three lines loses its subject,
cue or quote. This pass finds such texts and turns each break *inside* a
paragraph into a space (with the spaces around the break, if any), and the
offset map sends that space back to the break in the input.

A text counts as hard-wrapped when the lines that are followed by another
non-blank line ("inner" lines) are all about as long as the longest of them,
``width`` (at most :data:`MAX_WIDTH` columns), and no line is much longer. A
break is joined when the next line's first word would not have fit on the line
at that width, which is how wrapping tools break, so short lines (a dateline, a
list, a signature) keep their breaks.
"""

from __future__ import annotations

import re

from .edits import _LINE_BREAK_RE, _Edit

# hard wraps are made at terminal or e-mail widths; longer lines are paragraphs
MAX_WIDTH = 120
MIN_WIDTH = 30
# share of inner lines that must reach this fraction of the width
FULL_SHARE = 0.8
FULL_FRACTION = 0.6
# share of all lines allowed to run past the width (long URLs, unbreakable words)
OVERLONG_SHARE = 0.05
_BULLET_RE = re.compile(r"\s*(?:[-*•·>]|\d{1,3}[.)])\s")


def reflow_edits(text: str, min_lines: int = 6) -> list[_Edit]:
    """Edits turning line breaks inside hard-wrapped paragraphs into single spaces."""
    if text.count("\n") + text.count("\r") < min_lines:
        return []
    lines: list[tuple[int, int, int]] = []  # content start, content end, break end
    pos = 0
    for brk in _LINE_BREAK_RE.finditer(text):
        lines.append((pos, brk.start(), brk.end()))
        pos = brk.end()
    lines.append((pos, len(text), len(text)))
    lengths = [len(text[s:e].rstrip()) for s, e, _ in lines]
    filled = [n for n in lengths if n]
    inner = [i for i in range(len(lines) - 1) if lengths[i] and lengths[i + 1]]
    if len(filled) < min_lines or len(inner) < max(3, min_lines // 2):
        return []
    width = max(lengths[i] for i in inner)
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return []
    if sum(lengths[i] >= FULL_FRACTION * width for i in inner) < FULL_SHARE * len(inner):
        return []
    if sum(n > width + 2 for n in filled) > OVERLONG_SHARE * len(filled):
        return []
    edits = []
    for i in inner:
        start, end, _ = lines[i]
        next_start, next_end, _ = lines[i + 1]
        following = text[next_start:next_end]
        if _BULLET_RE.match(following) or following[:1].isspace() != text[start:end][:1].isspace():
            continue  # a list item, or an indented block beginning or ending
        first_word = following.split(None, 1)[0]
        if lengths[i] + 1 + len(first_word) <= width:
            continue  # the word would have fit: the break is the author's
        # the line's trailing and the next line's leading spaces go with the break
        content_end = start + len(text[start:end].rstrip())
        next_content = next_start + len(following) - len(following.lstrip())
        edits.append(_Edit(content_end, next_content, " ", "reflow"))
    return edits
