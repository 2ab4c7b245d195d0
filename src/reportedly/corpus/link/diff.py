"""Word-level changes between two wordings: the one diff that `trace`, the CLI and the
explorer's timelines all show (each renders it its own way)."""

from __future__ import annotations

import difflib
import re
from typing import Literal

Op = Literal["equal", "replace", "delete", "insert"]
# words and the runs of white space between them, so that a rendering can keep the spacing
WORDS_AND_SPACES = re.compile(r"\s+|[^\s]+")


def word_changes(
    before: str, after: str, *, keep_spaces: bool = False
) -> list[tuple[Op, str, str]]:
    """``(op, words before, words after)`` from ``before`` to ``after``, in order (difflib's
    opcodes over words; ``keep_spaces``: the white space between words kept as it was)."""
    if keep_spaces:
        old, new, glue = WORDS_AND_SPACES.findall(before), WORDS_AND_SPACES.findall(after), ""
    else:
        old, new, glue = before.split(), after.split(), " "
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [
        (op, glue.join(old[i1:i2]), glue.join(new[j1:j2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
