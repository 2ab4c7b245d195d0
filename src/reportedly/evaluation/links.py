"""Score corpus linking on NTREX-128: translated copies, near-duplicates, quote variants.

NTREX (``shared/datasets/ntrex``, see its SOURCE.md) holds news documents line
aligned across languages. Each language's lines of a document are joined into
one article, and the articles are linked into a throwaway corpus:

- translated copies: the English articles plus each translation; per language,
  a predicted ``translation`` link between an English and a translated article
  is right when both are the same document (62 gold pairs per language, every
  other pair a negative): precision, recall, F1;
- near-duplicates: the English articles plus their British / US / Indian
  rewrites; a same-language link between the two versions of one document is
  right, any other is wrong;
- quote variants: every quote found by its quotation marks in the six languages
  (eng, deu, rus, ukr, fra, spa), gold cluster = its document line (the same
  utterance in every language); B-cubed precision, recall, F1 of the clusters.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ..corpus.link import LinkOptions, link
from ..corpus.store import open_db
from ..errors import DatasetError

TRANSLATIONS = ("deu", "rus", "ukr", "fra", "spa")
VARIANTS = ("eng-GB", "eng-US", "eng-IN")
SAME_LANGUAGE_KINDS = ("duplicate", "syndicated", "update")


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str
    line_starts: tuple[int, ...]

    def line_of(self, offset: int) -> int:
        line = 0
        for i, start in enumerate(self.line_starts):
            if start <= offset:
                line = i
        return line


def read_ntrex(directory: Path, language: str, limit: int | None = None) -> list[Document]:
    ids_path = directory / "DOCUMENT_IDS.tsv"
    text_path = directory / f"newstest2019.{language}.txt"
    if not ids_path.is_file() or not text_path.is_file():
        raise DatasetError(
            f"{directory}: not the NTREX folder (no {text_path.name} / DOCUMENT_IDS.tsv)"
        )
    ids = ids_path.read_text(encoding="utf-8").split("\n")
    lines = text_path.read_text(encoding="utf-8").split("\n")
    grouped: dict[str, list[str]] = {}
    for doc_id, line in zip(ids, lines, strict=False):
        if doc_id.strip():
            grouped.setdefault(doc_id.strip(), []).append(line)
    documents = []
    for doc_id, doc_lines in list(grouped.items())[:limit]:
        starts, offset = [], 0
        for line in doc_lines:
            starts.append(offset)
            offset += len(line) + 1
        documents.append(Document(doc_id, "\n".join(doc_lines), tuple(starts)))
    return documents


def _store(db: Database, language: str, documents: Sequence[Document]) -> None:
    with db.atomic():
        for doc in documents:
            db.table("articles").insert(
                {
                    "id": f"{language}:{doc.id}",
                    "title": doc.id,
                    "outlet": doc.id.split(".")[0],
                    "text": doc.text,
                    "length": len(doc.text),
                    "origin": f"ntrex/{language}",
                    "analysis_version": "eval-links",
                }
            )


def prf(tp: int, predicted: int, gold: int) -> dict[str, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp,
            "predicted": predicted, "gold": gold}  # fmt: skip


def bcubed(items: dict[Any, tuple[Any, Any]]) -> dict[str, float]:
    """B-cubed P/R/F1 of ``items``: id -> (predicted cluster, gold cluster)."""
    by_pred: dict[Any, list[Any]] = defaultdict(list)
    by_gold: dict[Any, list[Any]] = defaultdict(list)
    for item, (pred, gold) in items.items():
        by_pred[pred].append(item)
        by_gold[gold].append(item)
    precision = recall = 0.0
    for pred, gold in items.values():
        same_pred = by_pred[pred]
        same_gold = by_gold[gold]
        both = sum(1 for other in same_pred if items[other][1] == gold)
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    n = len(items) or 1
    p, r = precision / n, recall / n
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "quotes": len(items),
    }


def evaluate_ntrex(
    directory: Path, limit: int | None = None, say: Callable[[str], None] = lambda _: None
) -> dict[str, Any]:
    english = read_ntrex(directory, "eng", limit)
    results: dict[str, Any] = {"documents": len(english)}
    with tempfile.TemporaryDirectory(prefix="reportedly-links-") as tmp:
        # near-duplicates: English and its three rewrites
        db = open_db(Path(tmp) / "variants.db")
        _store(db, "eng", english)
        for variant in VARIANTS:
            _store(db, variant, read_ntrex(directory, variant, limit))
        started = time.perf_counter()
        say(f"linking {len(english) * 4} English articles (near-duplicates) ...")
        link(db)
        results["near_duplicates_seconds"] = round(time.perf_counter() - started, 1)
        found: dict[str, Counter[str]] = defaultdict(Counter)
        for a, b, kind in db.execute("SELECT a, b, kind FROM links"):
            (la, da), (lb, db_) = a.split(":", 1), b.split(":", 1)
            pair = sorted((la, lb))
            if kind not in SAME_LANGUAGE_KINDS or pair[0] != "eng" or pair[1] == "eng":
                if la != lb:
                    found[pair[1] if pair[0] == "eng" else "other"]["wrong"] += 1
                continue
            found[pair[1]]["right" if da == db_ else "wrong"] += 1
        results["near_duplicates"] = {
            v: prf(found[v]["right"], found[v]["right"] + found[v]["wrong"], len(english))
            for v in VARIANTS
        }
        db.close()

        # translated copies and quote variants: English and five translations
        db = open_db(Path(tmp) / "translations.db")
        documents = {"eng": english}
        _store(db, "eng", english)
        for language in TRANSLATIONS:
            documents[language] = read_ntrex(directory, language, limit)
            _store(db, language, documents[language])
        started = time.perf_counter()
        say(f"linking {len(english) * 6} articles in six languages (encoder) ...")
        link(db)
        results["translations_seconds"] = round(time.perf_counter() - started, 1)
        per_language: dict[str, Counter[str]] = defaultdict(Counter)
        for a, b in db.execute("SELECT a, b FROM links WHERE kind = 'translation'"):
            (la, da), (lb, db_) = a.split(":", 1), b.split(":", 1)
            if "eng" not in (la, lb):
                per_language["between translations"]["right" if da == db_ else "wrong"] += 1
                continue
            other = lb if la == "eng" else la
            per_language[other]["right" if da == db_ else "wrong"] += 1
        results["translated_copies"] = {
            language: prf(
                per_language[language]["right"],
                per_language[language]["right"] + per_language[language]["wrong"],
                len(english),
            )
            for language in TRANSLATIONS
        }
        between = per_language["between translations"]
        results["links_between_translations"] = {
            "right": between["right"],
            "wrong": between["wrong"],
        }
        docs = {(lang, d.id): d for lang, ds in documents.items() for d in ds}
        items = {}
        for attribution_id, article_id, cluster_id, start in db.execute(
            "SELECT cluster_members.attribution_id, cluster_members.article_id, "
            "cluster_members.cluster_id, attributions.content_start FROM cluster_members "
            "JOIN attributions ON attributions.id = cluster_members.attribution_id"
        ):
            language, doc_id = article_id.split(":", 1)
            line = docs[(language, doc_id)].line_of(int(start))
            items[attribution_id] = (cluster_id, (doc_id, line))
        results["quote_variants"] = bcubed(items)
        db.close()
    return results


def format_links(results: dict[str, Any]) -> str:
    lines: list[str] = []

    def row(label: str, score: dict[str, Any]) -> None:
        lines.append(
            f"  {label:<34} {score['precision']:.4f}  {score['recall']:.4f}  {score['f1']:.4f}"
        )

    ntrex = results.get("ntrex")
    if ntrex:
        lines.append(f"NTREX: {ntrex['documents']} documents                P       R       F1")
        lines.append("translated copies (vs English)")
        for language, score in ntrex["translated_copies"].items():
            row(language, score)
        lines.append("near-duplicates (vs English)")
        for variant, score in ntrex["near_duplicates"].items():
            row(variant, score)
        q = ntrex["quote_variants"]
        row(f"quote variants, B-cubed ({q['quotes']} q.)", q)
        between = ntrex["links_between_translations"]
        lines.append(
            f"  links between two translations: {between['right']} right, {between['wrong']} wrong"
        )
    copies = results.get("polnear_copies")
    if copies:
        lines.append(f"PolNeAR: {copies['articles']} articles")
        row(f"same-language copies ({copies['gold']} gold)", copies)
    people = results.get("polnear_people")
    if people:
        row(f"identities, pairwise ({people['names']} names)", people)
    return "\n".join(lines)


# --------------------------------------------------------------------------- PolNeAR

POLNEAR_SPLITS = ("train", "dev", "annotator-training")  # never the test split


def data_file(name: str) -> str:
    from importlib import resources

    return resources.files("reportedly.evaluation").joinpath("data", name).read_text("utf-8")


def _polnear_metadata(data_dir: Path) -> dict[str, dict[str, str]]:
    import csv

    path = data_dir / "metadata.tsv"
    if not path.is_file():
        raise DatasetError(f"{data_dir}: not PolNeAR's data folder (no metadata.tsv)")
    with path.open(encoding="utf-8") as handle:
        return {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}


def evaluate_polnear_copies(
    data_dir: Path, say: Callable[[str], None] = lambda _: None
) -> dict[str, Any]:
    """Same-language copies in PolNeAR against the hand-checked pairs of polnear-copies.tsv."""
    meta = _polnear_metadata(data_dir)
    gold: set[tuple[str, str]] = set()
    rejected: set[tuple[str, str]] = set()
    for line in data_file("polnear-copies.tsv").splitlines():
        if line.startswith("#") or line.startswith("a\t") or not line.strip():
            continue
        a, b, verdict = line.split("\t")[:3]
        (gold if verdict == "copy" else rejected).add((min(a, b), max(a, b)))
    with tempfile.TemporaryDirectory(prefix="reportedly-links-") as tmp:
        db = open_db(Path(tmp) / "polnear.db")
        count = 0
        with db.atomic():
            for split in POLNEAR_SPLITS:
                for path in sorted((data_dir / split / "text").glob("*.txt")):
                    row = meta.get(path.stem, {})
                    text = path.read_text(encoding="utf-8")
                    db.table("articles").insert(
                        {
                            "id": path.stem,
                            "title": row.get("title"),
                            "outlet": row.get("publisher"),
                            "published": row.get("publication_date"),
                            "text": text,
                            "length": len(text),
                            "analysis_version": "eval-links",
                        }
                    )
                    count += 1
        say(f"linking {count} PolNeAR articles (same-language copies) ...")
        started = time.perf_counter()
        link(db, LinkOptions(translations=False))
        seconds = time.perf_counter() - started
        predicted = {
            (min(a, b), max(a, b)): kind
            for a, b, kind in db.execute("SELECT a, b, kind FROM links WHERE kind != 'translation'")
        }
        db.close()
    right = sum(1 for pair in predicted if pair in gold)
    scores = prf(right, len(predicted), len(gold))
    kinds = {"/".join(pair): kind for pair, kind in predicted.items()}
    return {"articles": count, "seconds": round(seconds, 1), **scores, "predicted_kinds": kinds,
            "rejected_predicted": sum(1 for pair in predicted if pair in rejected)}  # fmt: skip


def evaluate_people(data_dir: Path, say: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    """Speaker identities on PolNeAR dev: pairwise P/R against polnear-dev-people.jsonl.

    Every gold attribution of dev becomes a stored attribution whose speaker is
    the gold source's words; ``link`` resolves them into identities; each pair of
    reference mentions (article, name) is right when both agree on "same person".
    """
    import json

    from .brat import read_brat_dir

    reference = [json.loads(line) for line in data_file("polnear-dev-people.jsonl").splitlines()]
    articles = read_brat_dir(data_dir / "dev")
    with tempfile.TemporaryDirectory(prefix="reportedly-people-") as tmp:
        db = open_db(Path(tmp) / "people.db")
        with db.atomic():
            for article in sorted(articles, key=lambda a: a.id):
                db.table("articles").insert(
                    {"id": article.id, "text": article.text, "length": len(article.text),
                     "analysis_version": "eval-people"}
                )  # fmt: skip
                for position, gold in enumerate(article.attributions):
                    if not gold.content:
                        continue
                    source = " ".join(" ".join(article.text[s:e] for s, e in gold.source).split())
                    content = " ".join(article.text[s:e] for s, e in gold.content)
                    db.table("attributions").insert(
                        {"article_id": article.id, "position": position, "kind": "indirect",
                         "speaker": source or None, "source_text": source or None,
                         "source_type": "person", "content": content,
                         "content_start": gold.content[0][0], "content_end": gold.content[-1][1],
                         "origin": "gold"}
                    )  # fmt: skip
        say(f"linking {len(articles)} PolNeAR dev articles (speaker identities) ...")
        link(db, LinkOptions(translations=False))
        predicted = {
            (article_id, speaker): person_id
            for article_id, speaker, person_id in db.execute(
                "SELECT article_id, speaker, person_id FROM attributions WHERE origin = 'gold'"
            )
        }
        db.close()
    mentions = [(r["identity"], predicted.get((r["article"], r["name"]))) for r in reference]
    same_gold = same_pred = both = 0
    for i, (gold_i, pred_i) in enumerate(mentions):
        for gold_j, pred_j in mentions[i + 1 :]:
            g = gold_i == gold_j
            p = pred_i is not None and pred_i == pred_j
            same_gold += g
            same_pred += p
            both += g and p
    scores = prf(both, same_pred, same_gold)
    return {"mentions": len(mentions), "names": len({r["name"] for r in reference}),
            "identities": len({r["identity"] for r in reference}),
            "unresolved": sum(1 for _, p in mentions if p is None), **scores}  # fmt: skip
