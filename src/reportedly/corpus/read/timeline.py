"""Timelines (``reportedly trace``): a quote cluster's wordings or an article's family of
copies in order of publication, each step with what changed since the one before it."""

from __future__ import annotations

import json
from collections import deque
from typing import Any

from sqlite_utils import Database

from ...errors import StoreError
from ..link.diff import word_changes
from ..link.evidence import STRICT_CONFIDENCE
from ..link.text import sentences
from .connection import db_rows
from .links import PASSAGES_SQL, cluster_with_members
from .quotes import like_escape

# An article family is followed through at most this many links.
MAX_FAMILY = 200
MAX_DIFF_OPS = 40
MAX_ALIGNED = 12


def word_diff(before: str, after: str) -> list[dict[str, str]]:
    """Word-level changes from ``before`` to ``after``, at most MAX_DIFF_OPS."""
    changes = word_changes(before, after)
    ops = [{"op": op, "before": old, "after": new} for op, old, new in changes if op != "equal"]
    return ops[:MAX_DIFF_OPS]


def render_diff(before: str, after: str) -> str:
    """The changes as one line of text: ``[-removed-]`` and ``{+added+}`` among the rest."""
    out = []
    for op, old, new in word_changes(before, after):
        if op == "equal":
            out.append(old)
            continue
        if old:
            out.append("[-" + old + "-]")
        if new:
            out.append("{+" + new + "+}")
    return " ".join(out)


def aligned_sentences(before: str, after: str) -> list[dict[str, Any]]:
    """The sentences of a translated copy side by side with the original's (encoder)."""
    from ..link.translations import encode

    left = sentences(before, MAX_ALIGNED)
    right = sentences(after, MAX_ALIGNED * 2)
    if not left or not right:
        return []
    scores = encode(left) @ encode(right).T
    pairs = []
    for i, sentence in enumerate(left):
        j = int(scores[i].argmax())
        pairs.append(
            {"before": sentence, "after": right[j], "cosine": round(float(scores[i, j]), 3)}
        )
    return pairs


def _previous(earlier: list[dict[str, Any]], item: dict[str, Any]) -> dict[str, Any] | None:
    """What a step is compared with: the last earlier one in its language, else the last one."""
    same = [c for c in earlier if c["language"] == item["language"]] or earlier
    return same[-1] if same else None


def _step(previous: dict[str, Any] | None, item: dict[str, Any], text_key: str) -> dict[str, Any]:
    step = dict(item)
    step["date"] = item["published"] or "date unknown"
    # "first" is said only of a dated member: an undated one's place is not known
    step["dated"] = bool(item["published"])
    step["compared_with"] = (
        None if previous is None else previous.get("attribution_id", previous.get("article_id"))
    )
    if previous is None:
        step["change"] = "first" if step["dated"] else "undated"
    elif previous["language"] != item["language"]:
        step["change"] = "translation"
        if text_key == "text":
            step["aligned"] = [{"before": previous[text_key], "after": item[text_key]}]
        else:
            step["aligned"] = aligned_sentences(previous[text_key], item[text_key])
    else:
        ops = word_diff(previous[text_key], item[text_key])
        step["change"] = "same" if not ops else "edited"
        step["diff"] = ops
        if text_key == "text" and ops:
            step["diff_text"] = render_diff(previous[text_key], item[text_key])
    return step


def trace_quote(db: Database, quote: str) -> dict[str, Any]:
    """The timeline of the quote cluster whose wordings best contain ``quote``."""
    words = quote.split()
    if not words:
        raise StoreError("empty quote to trace")
    pattern = "%" + "%".join(like_escape(w) for w in words) + "%"
    row = db.execute(
        "SELECT cluster_members.cluster_id, COUNT(*) AS hits FROM attributions JOIN "
        "cluster_members ON cluster_members.attribution_id = attributions.id "
        "WHERE attributions.content LIKE ? ESCAPE '\\' GROUP BY cluster_members.cluster_id "
        "ORDER BY hits DESC, cluster_members.cluster_id LIMIT 1",
        [pattern],
    ).fetchone()
    if row is None:
        raise StoreError(
            f"no quote in the corpus contains {quote!r} (run `reportedly link` first?)"
        )
    found = cluster_with_members(db, int(row[0]))
    steps: list[dict[str, Any]] = []
    members = found["members"]
    for i, member in enumerate(members):
        step = _step(_previous(members[:i], member), member, "text")
        step["link"] = _quote_link(db, members[:i], member, step["compared_with"])
        steps.append(step)
    found["timeline"] = steps
    found["dates_missing"] = sum(1 for m in found["members"] if not m["published"])
    return found


# a link's row as a timeline step reads it; ``passages`` counted as the explorer counts them
LINK_COLUMNS = (
    f"l.a, l.b, l.kind, l.similarity, l.confidence, l.rule, l.evidence, {PASSAGES_SQL} AS passages"
)


def _link_summary(row: dict[str, Any]) -> dict[str, Any]:
    """A link as a timeline step shows it: kind, similarity, confidence, rule, passages."""
    evidence = json.loads(row["evidence"]) if row.get("evidence") else None
    return {
        "kind": row["kind"],
        "similarity": row["similarity"],
        "confidence": row["confidence"],
        "rule": row["rule"],
        "aligned_passages": row["passages"],
        "examples": (evidence or {}).get("examples", [])[:1],
    }


def _quote_link(
    db: Database,
    earlier: list[dict[str, Any]],
    member: dict[str, Any],
    compared_with: int | None,
) -> dict[str, Any] | None:
    """Why a cluster member is with the earlier ones: the link between its article and an
    earlier member's (the one it is compared with first), or the same article; None when no
    link joins them (the same speaker and wording did)."""
    ordered = sorted(earlier, key=lambda m: m["attribution_id"] != compared_with)
    for other in ordered:
        if other["article_id"] == member["article_id"]:
            return {"from": other["article_id"], "kind": "same article"}
    for other in ordered:
        rows = db_rows(
            db,
            f"SELECT {LINK_COLUMNS} FROM links l "
            "WHERE (l.a = ? AND l.b = ?) OR (l.a = ? AND l.b = ?)",
            [other["article_id"], member["article_id"]] * 2,
        )
        if rows:
            return {"from": other["article_id"], **_link_summary(rows[0])}
    return None


def trace_article(db: Database, article_id: str, strict: bool = False) -> dict[str, Any]:
    """The family of an article (every copy reached through links) in timeline order, each
    step with the link that reached it (kind, similarity, confidence, rule); ``strict``:
    through strict links only."""
    exists = db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone()
    if exists is None:
        matches = db.execute(
            "SELECT id FROM articles WHERE id LIKE ? LIMIT 2", [article_id + "%"]
        ).fetchall()
        if len(matches) != 1:
            raise StoreError(f"no article {article_id!r} in the corpus")
        article_id = matches[0][0]
    family, queue, via = {article_id}, deque([article_id]), {}
    while queue and len(family) < MAX_FAMILY:
        current = queue.popleft()
        for row in db_rows(
            db,
            f"SELECT {LINK_COLUMNS} FROM links l WHERE (l.a = ? OR l.b = ?) AND (? = 0 OR "
            "l.confidence >= ?)",
            [current, current, int(strict), STRICT_CONFIDENCE],
        ):
            other = row["b"] if row["a"] == current else row["a"]
            if other not in family:
                family.add(other)
                via[other] = {"from": current, **_link_summary(row)}
                queue.append(other)
    placeholders = ",".join("?" * len(family))
    members = db_rows(
        db,
        "SELECT id AS article_id, title, outlet, published, url, language, text FROM articles "
        f"WHERE id IN ({placeholders}) ORDER BY published IS NULL, published, rowid",
        list(family),
    )
    steps = []
    for member in members:
        member["text_body"] = member.pop("text")
    for i, member in enumerate(members):
        step = _step(_previous(members[:i], member), member, "text_body")
        step.pop("text_body", None)
        step["link"] = via.get(member["article_id"])
        steps.append(step)
    return {
        "article": article_id,
        "family": len(members),
        "dates_missing": sum(1 for m in members if not m["published"]),
        "timeline": steps,
    }
