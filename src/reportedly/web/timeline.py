"""A quote cluster's timeline: the first appearance, later copies with their word diffs, and
translations (members in another language than the first) side by side."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..corpus.link.diff import word_changes


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """``after`` as pieces tagged ``same``, ``added`` or ``removed`` (words of ``before``),
    the spacing kept."""
    pieces: list[tuple[str, str]] = []
    for op, old, new in word_changes(before, after, keep_spaces=True):
        if op == "equal":
            pieces.append(("same", new))
            continue
        if old:
            pieces.append(("removed", old))
        if new:
            pieces.append(("added", new))
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
