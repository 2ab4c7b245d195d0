"""A quote cluster's timeline: the first appearance, later copies with their word diffs, and
translations (members in another language than the first) side by side."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..corpus.link.diff import word_changes
from ..corpus.read.links import links_among

if TYPE_CHECKING:
    from ..corpus.read.connection import Corpus


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


def why_linked(corpus: Corpus, members: Sequence[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """Why each member after the first is in the cluster (attribution id -> evidence): the
    same article as an earlier member, or the link between its article and an earlier
    member's (the first's before the others), with its kind, rule, confidence and the
    passages its evidence aligned; ``{"kind": None}`` when no link joins them (the same
    speaker and wording did)."""
    ids = list(dict.fromkeys(m["article_id"] for m in members))[:200]
    if len(ids) < 2:
        return {m["attribution_id"]: {"kind": "same article"} for m in members[1:]}
    links = {frozenset((row["a"], row["b"])): row for row in links_among(corpus, ids)}
    found: dict[int, dict[str, Any]] = {}
    for n, member in enumerate(members[1:], 1):
        earlier = list(dict.fromkeys(m["article_id"] for m in members[:n]))
        if member["article_id"] in earlier:
            found[member["attribution_id"]] = {"kind": "same article"}
            continue
        link = next(
            (links[key] for a in earlier if (key := frozenset((a, member["article_id"]))) in links),
            None,
        )
        found[member["attribution_id"]] = dict(link) if link else {"kind": None}
    return found
