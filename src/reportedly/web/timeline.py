"""A quote cluster's timeline: the first appearance, later copies with their word diffs, and
translations (members in another language than the first) side by side."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any

WORDS = re.compile(r"\s+|[^\s]+")


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """``after`` as pieces tagged ``same``, ``added`` or ``removed`` (words of ``before``)."""
    old = WORDS.findall(before)
    new = WORDS.findall(after)
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(new[j1:j2])))
            continue
        if i2 > i1:
            pieces.append(("removed", "".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(("added", "".join(new[j1:j2])))
    return pieces


def timeline(members: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """``first``, ``copies`` (same language, each with ``diff`` against the first) and
    ``translations`` (other languages), in order of publication."""
    if not members:
        return {"first": None, "copies": [], "translations": []}
    first = members[0]
    language = first.get("language")
    copies, translations = [], []
    for member in members[1:]:
        if member.get("language") and language and member["language"] != language:
            translations.append(member)
        else:
            copies.append(member | {"diff": word_diff(first["content"], member["content"])})
    return {"first": first, "copies": copies, "translations": translations}
