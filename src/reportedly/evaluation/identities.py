"""Score speaker identities on a hand-made reference over a mixed corpus.

The reference (``tests/evaluation/identities-reference.jsonl``, see its README)
holds one JSON object a line, a name the analysis gave a speaker in one document::

    {"doc": "polnear:<id>" | "page:<sha256>" | "ntrex:<document id>",
     "name": "Trump running mate, Indiana Gov. Mike Pence",
     "source_text": "...", "source_type": "person",
     "identity": "Mike Pence", "type": "person"}

``identity`` is the gold cluster key (null when the name is no name at all:
"LOS ANGELES, Sept. 28 (UPI)"); ``type`` is ``person``, ``organisation`` or
``place`` (null with a null identity). The documents' texts come from the
datasets folder (PolNeAR's train texts, the article-extraction pages' article
bodies, NTREX's English documents); a page held out in HELDOUT-PAGES.txt is refused.

Every reference line becomes a stored attribution of its document whose speaker is
``name``; :func:`reportedly.corpus.link.link` resolves them into identities. Scores:

- pairwise precision and recall of "same identity" over every pair of mentions
  (a mention with a null gold identity is its own singleton, so merging it with
  anything is a wrong merge);
- names rejected: mentions with a null gold identity that got no identity (right),
  and mentions with a gold identity that got none (wrongly rejected);
- type accuracy over the mentions with a gold identity that got an identity.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..corpus.link import LinkOptions, link
from ..corpus.store import open_db
from ..errors import DatasetError
from .jsonl import json_object

TYPES = frozenset({"person", "organisation", "place"})


@dataclass(frozen=True, slots=True)
class IdentityMention:
    """One speaker name in one document, with its gold identity and type."""

    doc: str
    name: str
    source_text: str
    source_type: str
    identity: str | None
    type: str | None


@dataclass(frozen=True, slots=True)
class Predicted:
    """The identity the linker gave a mention (None: rejected as no name) and its kind."""

    person_id: int | None
    kind: str | None


def parse_mention(line: str, where: str) -> IdentityMention:
    data = json_object(line, where)
    for field in ("doc", "name", "source_type"):
        if not isinstance(data.get(field), str) or not data[field]:
            raise DatasetError(f"{where}: {field!r} must be a non-empty string")
    identity, kind = data.get("identity"), data.get("type")
    if identity is not None and (not isinstance(identity, str) or kind not in TYPES):
        raise DatasetError(f"{where}: an identity needs a type, one of {sorted(TYPES)}")
    if identity is None and kind is not None:
        raise DatasetError(f"{where}: a type without an identity")
    return IdentityMention(
        doc=data["doc"],
        name=data["name"],
        source_text=str(data.get("source_text") or data["name"]),
        source_type=data["source_type"],
        identity=identity,
        type=kind,
    )


def load_reference(path: Path) -> list[IdentityMention]:
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(f"cannot read the identity reference {path}: {exc}") from None
    mentions = [
        parse_mention(line, f"{path}:{number}")
        for number, line in enumerate(content.split("\n"), start=1)
        if line.strip()
    ]
    if not mentions:
        raise DatasetError(f"{path}: no reference lines")
    return mentions


def document_texts(datasets: Path, docs: Iterable[str]) -> dict[str, str]:
    """The text of each document id (``polnear:``, ``page:``, ``ntrex:``) under ``datasets``."""
    wanted = sorted(set(docs))
    texts: dict[str, str] = {}
    pages = [doc.split(":", 1)[1] for doc in wanted if doc.startswith("page:")]
    if pages:
        texts |= _page_texts(datasets / "article-extraction", pages)
    ntrex = {doc.split(":", 1)[1] for doc in wanted if doc.startswith("ntrex:")}
    if ntrex:
        from .links import read_ntrex

        for document in read_ntrex(datasets / "ntrex", "eng"):
            if document.id in ntrex:
                texts[f"ntrex:{document.id}"] = document.text
    for doc in wanted:
        if doc.startswith("polnear:"):
            path = datasets / "polnear" / "data" / "train" / "text" / f"{doc[8:]}.txt"
            if path.is_file():
                texts[doc] = path.read_text(encoding="utf-8")
    missing = [doc for doc in wanted if doc not in texts]
    if missing:
        raise DatasetError(
            f"{datasets}: {len(missing)} reference documents not found (first: {missing[0]})"
        )
    return texts


def _page_texts(directory: Path, pages: Sequence[str]) -> dict[str, str]:
    truth_path = directory / "ground-truth.json"
    if not truth_path.is_file():
        raise DatasetError(f"{directory}: not the article-extraction folder (no ground-truth.json)")
    held_path = directory / "HELDOUT-PAGES.txt"
    held = set(held_path.read_text(encoding="utf-8").split()) if held_path.is_file() else set()
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    texts = {}
    for page in pages:
        if page in held:
            raise DatasetError(f"page {page} is held out (HELDOUT-PAGES.txt): not for a reference")
        body = (truth.get(page) or {}).get("articleBody") or ""
        if body.strip():
            texts[f"page:{page}"] = body
    return texts


def predict(mentions: Sequence[IdentityMention], texts: dict[str, str]) -> list[Predicted]:
    """Link the mentions as attributions of their documents; each one's identity and kind."""
    with tempfile.TemporaryDirectory(prefix="reportedly-identities-") as tmp:
        db = open_db(Path(tmp) / "identities.db")
        with db.atomic():
            for doc in sorted(texts):
                db.table("articles").insert(
                    {"id": doc, "text": texts[doc], "length": len(texts[doc]),
                     "analysis_version": "eval-identities"}
                )  # fmt: skip
            for position, mention in enumerate(mentions):
                db.table("attributions").insert(
                    {"article_id": mention.doc, "position": position, "kind": "indirect",
                     "speaker": mention.name, "source_text": mention.source_text,
                     "source_type": mention.source_type, "content": "", "origin": "reference"}
                )  # fmt: skip
        link(db, LinkOptions(translations=False))
        rows = db.execute(
            "SELECT attributions.position, attributions.person_id, people.kind "
            "FROM attributions LEFT JOIN people ON people.id = attributions.person_id "
            "WHERE origin = 'reference'"
        ).fetchall()
        db.close()
    found = {int(position): Predicted(person_id, kind) for position, person_id, kind in rows}
    return [found.get(position, Predicted(None, None)) for position in range(len(mentions))]


def score_identities(
    mentions: Sequence[IdentityMention], predicted: Sequence[Predicted]
) -> dict[str, Any]:
    """Pairwise precision/recall of identity merges, rejections and type accuracy."""
    gold = [m.identity if m.identity is not None else f"\0{i}" for i, m in enumerate(mentions)]
    same_gold = same_pred = both = 0
    for i in range(len(mentions)):
        for j in range(i + 1, len(mentions)):
            g = gold[i] == gold[j]
            p = (
                predicted[i].person_id is not None
                and predicted[i].person_id == predicted[j].person_id
            )
            same_gold += g
            same_pred += p
            both += g and p
    named = [(m, p) for m, p in zip(mentions, predicted, strict=True) if m.identity is not None]
    fragments = [p for m, p in zip(mentions, predicted, strict=True) if m.identity is None]
    typed = [(m, p) for m, p in named if p.person_id is not None]
    type_right = sum(1 for m, p in typed if p.kind == m.type)
    return {
        "mentions": len(mentions),
        "identities": len({m.identity for m in mentions if m.identity is not None}),
        "precision": round(both / same_pred, 4) if same_pred else 1.0,
        "recall": round(both / same_gold, 4) if same_gold else 1.0,
        "pairs": {"right": both, "predicted": same_pred, "gold": same_gold},
        "fragments": len(fragments),
        "fragments_rejected": sum(1 for p in fragments if p.person_id is None),
        "names_rejected": sum(1 for _, p in named if p.person_id is None),
        "type_accuracy": round(type_right / len(typed), 4) if typed else None,
        "types_wrong": [
            {"doc": m.doc, "name": m.name, "gold": m.type, "predicted": p.kind}
            for m, p in typed
            if p.kind != m.type
        ],
    }


def evaluate_identities(reference: Path, datasets: Path) -> dict[str, Any]:
    """Score the linker's identities against ``reference`` (texts under ``datasets``)."""
    mentions = load_reference(reference)
    texts = document_texts(datasets, (m.doc for m in mentions))
    predicted = predict(mentions, texts)
    return score_identities(mentions, predicted) | {"documents": len(texts)}


def format_identities(scores: dict[str, Any]) -> str:
    lines = [
        f"identities: {scores['mentions']} mentions, {scores['identities']} gold identities, "
        f"{scores['documents']} documents",
        f"  pairwise precision {scores['precision']:.4f}  recall {scores['recall']:.4f}  "
        f"({scores['pairs']['right']} right of {scores['pairs']['predicted']} predicted, "
        f"{scores['pairs']['gold']} gold pairs)",
        f"  fragments rejected {scores['fragments_rejected']}/{scores['fragments']}, "
        f"names wrongly rejected {scores['names_rejected']}",
    ]
    accuracy = scores["type_accuracy"]
    lines.append(f"  type accuracy {'-' if accuracy is None else f'{accuracy:.4f}'}")
    for wrong in scores["types_wrong"]:
        lines.append(f"    {wrong['name']!r}: {wrong['predicted']} (gold {wrong['gold']})")
    return "\n".join(lines)
