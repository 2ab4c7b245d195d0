"""Read the provenance tables: links, quote clusters, people, and timelines (``trace``)."""

from __future__ import annotations

import json
from collections import deque
from typing import Any

from sqlite_utils import Database

from ...errors import StoreError
from ..queries import like_escape
from .diff import word_changes
from .evidence import STRICT_CONFIDENCE
from .text import sentences

# An article family is followed through at most this many links.
MAX_FAMILY = 200
MAX_DIFF_OPS = 40
MAX_ALIGNED = 12


def _rows(db: Database, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor]


def links(db: Database, kind: str | None = None, strict: bool = False) -> list[dict[str, Any]]:
    """Links with their evidence, confidence and rule; ``strict``: only those whose
    confidence reaches ``evidence.STRICT_CONFIDENCE``."""
    rows = _rows(
        db,
        "SELECT links.a, links.b, links.kind, links.similarity, links.confidence, links.rule, "
        "links.evidence, "
        "x.title AS a_title, x.outlet AS a_outlet, x.published AS a_published, "
        "x.language AS a_language, y.title AS b_title, y.outlet AS b_outlet, "
        "y.published AS b_published, y.language AS b_language FROM links "
        "JOIN articles x ON x.id = links.a JOIN articles y ON y.id = links.b "
        "WHERE (:kind IS NULL OR links.kind = :kind) AND (:strict = 0 OR links.confidence >= "
        ":floor) ORDER BY links.kind, links.a, links.b",
        {"kind": kind, "strict": int(strict), "floor": STRICT_CONFIDENCE},
    )
    for row in rows:
        row["evidence"] = json.loads(row["evidence"]) if row["evidence"] else None
    return rows


def _person_ids(db: Database, speaker: str) -> list[int]:
    pattern = "%" + like_escape(speaker) + "%"
    return [
        int(row[0])
        for row in db.execute(
            "SELECT DISTINCT person_id FROM aliases WHERE alias LIKE ? ESCAPE '\\' UNION "
            "SELECT id FROM people WHERE name LIKE ? ESCAPE '\\'",
            [pattern, pattern],
        )
    ]


# ``speaker_from_cluster``: the cluster's speaker, named for a member whose own article left
# its speaker unknown (no identity of its own): said apart from the article's own ``speaker``
MEMBERS_SQL = """
SELECT cluster_members.article_id, cluster_members.attribution_id, attributions.content AS text,
       cluster_members.language, articles.published, articles.outlet, articles.title,
       attributions.speaker, attributions.channel, attributions.origin,
       CASE WHEN attributions.person_id IS NULL THEN people.name END AS speaker_from_cluster
FROM cluster_members
JOIN attributions ON attributions.id = cluster_members.attribution_id
JOIN articles ON articles.id = cluster_members.article_id
JOIN clusters ON clusters.id = cluster_members.cluster_id
LEFT JOIN people ON people.id = clusters.person_id
WHERE cluster_members.cluster_id = ?
ORDER BY articles.published IS NULL, articles.published, articles.rowid, attributions.content_start
"""


def clusters(
    db: Database, speaker: str | None = None, min_size: int = 2, limit: int | None = None
) -> list[dict[str, Any]]:
    """Quote clusters (largest first) with their members in timeline order."""
    where = "clusters.size >= ?"
    params: list[Any] = [min_size]
    if speaker:
        ids = _person_ids(db, speaker)
        if not ids:
            return []
        where += f" AND clusters.person_id IN ({','.join('?' * len(ids))})"
        params += ids
    rows = _rows(
        db,
        "SELECT clusters.id AS cluster, people.name AS speaker, clusters.person_id, "
        "clusters.label, clusters.language, clusters.size, clusters.first_published "
        "FROM clusters "
        f"LEFT JOIN people ON people.id = clusters.person_id WHERE {where} "
        f"ORDER BY clusters.size DESC, clusters.id LIMIT {-1 if limit is None else limit}",
        params,
    )
    for row in rows:
        row["members"] = _rows(db, MEMBERS_SQL, [row["cluster"]])
    return rows


def people(db: Database, name: str | None = None) -> list[dict[str, Any]]:
    rows = _rows(
        db,
        "SELECT id, name, kind, attributions, articles FROM people "
        "ORDER BY attributions DESC, name",
    )
    if name:
        wanted = set(_person_ids(db, name))
        rows = [row for row in rows if row["id"] in wanted]
    for row in rows:
        row["aliases"] = [
            r[0]
            for r in db.execute(
                "SELECT alias FROM aliases WHERE person_id = ? ORDER BY alias", [row["id"]]
            )
        ]
    return rows


# --------------------------------------------------------------------------- timelines


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
    from .translations import encode

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
    found = clusters_by_id(db, int(row[0]))
    steps: list[dict[str, Any]] = []
    members = found["members"]
    for i, member in enumerate(members):
        step = _step(_previous(members[:i], member), member, "text")
        step["link"] = _quote_link(db, members[:i], member, step["compared_with"])
        steps.append(step)
    found["timeline"] = steps
    found["dates_missing"] = sum(1 for m in found["members"] if not m["published"])
    return found


LINK_COLUMNS = "a, b, kind, similarity, confidence, rule, evidence"


def aligned_passages(kind: str, evidence: dict[str, Any] | None) -> int | None:
    """How many passages of the two articles the link's evidence matched: sentence pairs
    aligned in order (a translation), or 5-word passages shared (a same-language copy)."""
    if not evidence:
        return None
    if kind == "translation":
        aligned = evidence.get("aligned")
        return int(aligned) if isinstance(aligned, int | float) else None
    sizes, contained = evidence.get("shingles"), evidence.get("containment")
    if isinstance(sizes, list) and sizes and isinstance(contained, int | float):
        smaller: float = min(float(size) for size in sizes)
        return round(contained * smaller)
    return None


def _link_summary(row: dict[str, Any]) -> dict[str, Any]:
    """A link as a timeline step shows it: kind, similarity, confidence, rule, passages."""
    evidence = json.loads(row["evidence"]) if row.get("evidence") else None
    return {
        "kind": row["kind"],
        "similarity": row["similarity"],
        "confidence": row["confidence"],
        "rule": row["rule"],
        "aligned_passages": aligned_passages(row["kind"], evidence),
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
        rows = _rows(
            db,
            f"SELECT {LINK_COLUMNS} FROM links WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)",
            [other["article_id"], member["article_id"]] * 2,
        )
        if rows:
            return {"from": other["article_id"], **_link_summary(rows[0])}
    return None


def clusters_by_id(db: Database, cluster_id: int) -> dict[str, Any]:
    rows = _rows(
        db,
        "SELECT clusters.id AS cluster, people.name AS speaker, clusters.label, "
        "clusters.language, clusters.size, clusters.first_published FROM clusters "
        "LEFT JOIN people ON people.id = clusters.person_id WHERE clusters.id = ?",
        [cluster_id],
    )
    found = rows[0]
    found["members"] = _rows(db, MEMBERS_SQL, [cluster_id])
    found["label_basis"] = label_basis(db, found)
    return found


LABEL_BASES = {
    "first": "the language it first appeared in",
    "main": "no member is dated: the corpus's main language",
    "stored": "no member is dated: the first wording stored",
}


def label_basis(db: Database, cluster: dict[str, Any]) -> str:
    """Why the cluster's label is in its language (a key of ``LABEL_BASES``)."""
    if cluster.get("first_published"):
        return "first"
    row = db.execute(
        "SELECT language FROM articles WHERE language IS NOT NULL GROUP BY language "
        "ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()
    return "main" if row is not None and row[0] == cluster.get("language") else "stored"


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
        for row in _rows(
            db,
            f"SELECT {LINK_COLUMNS} FROM links WHERE (a = ? OR b = ?) AND (? = 0 OR "
            "confidence >= ?)",
            [current, current, int(strict), STRICT_CONFIDENCE],
        ):
            other = row["b"] if row["a"] == current else row["a"]
            if other not in family:
                family.add(other)
                via[other] = {"from": current, **_link_summary(row)}
                queue.append(other)
    placeholders = ",".join("?" * len(family))
    members = _rows(
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
