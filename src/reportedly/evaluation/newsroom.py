"""The newsroom linking benchmark: NTREX families hidden among thousands of unrelated articles.

On NTREX alone every document has its translations and nothing else, so linking
looks perfect; a real corpus mixes stories. This benchmark stores, in one
shuffled order (seed ``SEED``):

- the NTREX families: each document's English original, its British / US /
  Indian rewrites and its German, Russian, Ukrainian, French and Spanish
  translations (9 articles, one family);
- real distractors in the same languages: PolNeAR's train, dev and
  annotator-training texts (English; never the test split), the true article
  bodies of the article-extraction pages (English; not the held-out pages) and
  German Wikinews texts (german-quotes train and dev);
- generated near-misses: per NTREX document, one English and one translated
  article made of a third of its sentences and two other documents' (interleaved
  one by one, or two by two), see ``near_misses``.

A link is right when both articles are of one NTREX family, or are a hand-checked
PolNeAR copy (``evaluation/data/polnear-copies.tsv``); every other link is false
(listed). A near-miss belongs to no family: a link to it is false. Recall is the
share of family members (8 a family) joined to their family's English original
through links; purity is measured on the quote clusters holding an NTREX quote.
"""

from __future__ import annotations

import csv
import json
import random
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ..corpus.link import LinkOptions, link
from ..corpus.link.translations import embedding_cache
from ..corpus.store import open_db
from ..errors import DatasetError
from .links import TRANSLATIONS, VARIANTS, Document, bcubed, data_file, read_ntrex

SEED = 25
FAMILY_VERSIONS = ("eng", *VARIANTS, *TRANSLATIONS)
POLNEAR_TEXT_SPLITS = ("train", "dev", "annotator-training")  # never the test split
NEAR_SHARE = 0.4  # of each of its three documents' sentences a near-miss takes
NEAR_MIN_DOCUMENTS = 20  # fewer: the offsets below wrap around onto each other
GERMAN_SPLITS = ("train", "dev")  # the test split is held out (encrypted)


@dataclass(frozen=True, slots=True)
class BenchArticle:
    id: str
    text: str
    source: str  # ntrex/<version>, polnear, article-extraction, german-wikinews, near-miss/<lang>
    family: str | None = None  # the NTREX document of a family member
    published: str | None = None
    lines: tuple[int, ...] = ()  # NTREX: where each line starts (gold quote variants)
    sources: tuple[tuple[str, int], ...] = ()  # a near-miss: each line's (document, line)


# --------------------------------------------------------------------------- reading


def _ntrex(
    directory: Path, families: int | None
) -> tuple[list[BenchArticle], dict[str, dict[str, Document]]]:
    documents = {v: read_ntrex(directory, v, families) for v in FAMILY_VERSIONS}
    articles = [
        BenchArticle(f"{v}:{d.id}", d.text, f"ntrex/{v}", d.id, None, d.line_starts)
        for v, docs in documents.items()
        for d in docs
    ]
    by_id = {v: {d.id: d for d in docs} for v, docs in documents.items()}
    return articles, by_id


def _polnear(data_dir: Path) -> Iterable[BenchArticle]:
    meta_path = data_dir / "metadata.tsv"
    if not meta_path.is_file():
        raise DatasetError(f"{data_dir}: not PolNeAR's data folder (no metadata.tsv)")
    with meta_path.open(encoding="utf-8") as handle:
        meta = {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}
    for split in POLNEAR_TEXT_SPLITS:
        for path in sorted((data_dir / split / "text").glob("*.txt")):
            published = meta.get(path.stem, {}).get("publication_date") or None
            yield BenchArticle(
                path.stem, path.read_text(encoding="utf-8"), "polnear", None, published
            )


def _extraction_pages(directory: Path) -> Iterable[BenchArticle]:
    truth_path = directory / "ground-truth.json"
    if not truth_path.is_file():
        raise DatasetError(f"{directory}: not the article-extraction folder (no ground-truth.json)")
    held_path = directory / "HELDOUT-PAGES.txt"
    held = set()
    if held_path.is_file():
        held = {
            line.strip()
            for line in held_path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        }
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        body = truth[page_id].get("articleBody") or ""
        if page_id not in held and body.strip():
            yield BenchArticle(f"page:{page_id[:16]}", body, "article-extraction")


def _german(directory: Path) -> Iterable[BenchArticle]:
    for split in GERMAN_SPLITS:
        for path in sorted((directory / split).glob("*.json")):
            doc = json.loads(path.read_text(encoding="utf-8"))
            name = str(doc.get("documentName") or "")
            headline = name.split(" - ", 1)[-1].rsplit(" (", 1)[0]
            date = name.rsplit("(", 1)[-1].rstrip(")") if name.endswith(")") else None
            text = f"{headline}\n\n{doc.get('originalText') or ''}"
            yield BenchArticle(f"wikinews:{path.stem}", text, "german-wikinews", None, date)


def near_misses(documents: dict[str, dict[str, Document]]) -> list[BenchArticle]:
    """Per NTREX document A: an English and a translated article made of the first
    ``NEAR_SHARE`` of the sentences of A and of two other documents (as many of each),
    one sentence of each in turn (odd documents) or two (even ones). A copy keeping most
    of an article is a partial copy (linking it would be right); a near-miss keeps a
    third of its sentences from A and under half of any one document's, and shares at
    most one document with any other near-miss."""
    ids = list(documents["eng"])
    made = []
    for i, doc_id in enumerate(ids):
        if len(ids) < NEAR_MIN_DOCUMENTS:
            break
        # documents i, i+1, i+3 (English) and i, i+4, i+9 (translated): no two near-misses
        # share more than one document, as the differences 1, 2, 3 and 4, 5, 9 are distinct
        for version, (b, c) in (("eng", (1, 3)), (TRANSLATIONS[i % len(TRANSLATIONS)], (4, 9))):
            others = (ids[(i + b) % len(ids)], ids[(i + c) % len(ids)])
            block = 1 if i % 2 else 2
            lines = _mixed(documents[version], (doc_id, *others), block)
            how = "interleaved" if block == 1 else "blocks"
            made.append(
                BenchArticle(f"near-miss:{how}:{version}:{doc_id}",
                             "\n".join(line for line, _ in lines), f"near-miss/{version}",
                             sources=tuple(source for _, source in lines))
            )  # fmt: skip
    return made


def _mixed(
    documents: dict[str, Document], ids: tuple[str, str, str], block: int
) -> list[tuple[str, tuple[str, int]]]:
    """The first ``NEAR_SHARE`` of each document's lines (as many from each), ``block``
    lines of each in turn, each line with its (document, line) of origin."""
    sources = [
        [(line, (doc_id, n)) for n, line in enumerate(documents[doc_id].text.split("\n"))]
        for doc_id in ids
    ]
    keep = max(1, int(min(len(lines) for lines in sources) * NEAR_SHARE))
    mixed = []
    for start in range(0, keep, block):
        for lines in sources:
            mixed += lines[start : min(start + block, keep)]
    return mixed


def newsroom_articles(
    datasets: Path, families: int | None = None, distractors: int | None = None, seed: int = SEED
) -> list[BenchArticle]:
    """The benchmark's articles in their (shuffled) storing order; ``families``: only the
    first N NTREX documents; ``distractors``: a sample of N real distractors."""
    family_articles, documents = _ntrex(datasets / "ntrex", families)
    real = [
        *_polnear(datasets / "polnear" / "data"),
        *_extraction_pages(datasets / "article-extraction"),
        *_german(datasets / "german-quotes"),
    ]
    rng = random.Random(seed)
    if distractors is not None and distractors < len(real):
        real = rng.sample(real, distractors)
    articles = [*family_articles, *real, *near_misses(documents)]
    rng.shuffle(articles)
    return articles


# --------------------------------------------------------------------------- scoring


def _known_copies() -> set[frozenset[str]]:
    pairs = set()
    for line in data_file("polnear-copies.tsv").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[2] == "copy":
            pairs.add(frozenset(parts[:2]))
    return pairs


def _store(db: Database, articles: list[BenchArticle]) -> None:
    with db.atomic():
        for article in articles:
            db.table("articles").insert(
                {"id": article.id, "title": article.id, "outlet": article.source,
                 "published": article.published, "text": article.text,
                 "length": len(article.text), "origin": article.source,
                 "analysis_version": "eval-newsroom"}
            )  # fmt: skip


def _components(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> dict[str, str]:
    parent = {n: n for n in nodes}

    def root(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in edges:
        parent[root(a)] = root(b)
    return {n: root(n) for n in parent}


def score_links(db: Database, articles: list[BenchArticle]) -> dict[str, Any]:
    """Link precision (with every false link listed) and the family members joined."""
    by_id = {a.id: a for a in articles}
    copies = _known_copies()
    rows = db.execute("SELECT a, b, kind, similarity, evidence FROM links ORDER BY a, b").fetchall()
    right = 0
    false_links = []
    for a, b, kind, similarity, evidence in rows:
        fa, fb = by_id[a].family, by_id[b].family
        if (fa is not None and fa == fb) or frozenset((a, b)) in copies:
            right += 1
            continue
        details = json.loads(evidence) if evidence else {}
        false_links.append({"a": a, "b": b, "kind": kind, "similarity": similarity,
                            "confidence": details.get("confidence"),
                            "rule": details.get("rule")})  # fmt: skip
    component = _components(by_id, ((a, b) for a, b, *_ in rows))
    joined: Counter[str] = Counter()
    members: Counter[str] = Counter()
    whole = families = 0
    for doc_id in sorted({a.family for a in articles if a.family}):
        original = f"eng:{doc_id}"
        together = 0
        for version in FAMILY_VERSIONS[1:]:
            member = f"{version}:{doc_id}"
            if member not in by_id:
                continue
            members[version] += 1
            if component[member] == component[original]:
                joined[version] += 1
                together += 1
        families += 1
        whole += together == len(FAMILY_VERSIONS) - 1
    total_members = sum(members.values())
    return {
        "links": len(rows),
        "right": right,
        "precision": round(right / len(rows), 4) if rows else 1.0,
        "false_links": false_links,
        "family_members_joined": round(sum(joined.values()) / total_members, 4)
        if total_members else 0.0,
        "joined_by_version": {v: f"{joined[v]}/{members[v]}" for v in FAMILY_VERSIONS[1:]},
        "families_whole": f"{whole}/{families}",
        "links_by_kind": dict(Counter(kind for _, _, kind, *_ in rows)),
    }  # fmt: skip


def score_clusters(db: Database, articles: list[BenchArticle]) -> dict[str, Any]:
    """Purity of the clusters holding an NTREX quote (gold: its document line; any other
    quote is its own gold), and B-cubed of the NTREX quotes among themselves."""
    by_id = {a.id: a for a in articles}
    gold: dict[int, tuple[Any, ...]] = {}
    predicted: dict[int, int] = {}
    for attribution_id, article_id, cluster_id, start in db.execute(
        "SELECT cluster_members.attribution_id, cluster_members.article_id, "
        "cluster_members.cluster_id, attributions.content_start FROM cluster_members "
        "JOIN attributions ON attributions.id = cluster_members.attribution_id"
    ):
        article = by_id[article_id]
        predicted[attribution_id] = cluster_id
        if article.family is not None and start is not None:
            line = Document(article.id, article.text, article.lines).line_of(int(start))
            gold[attribution_id] = (article.family, line)
        elif article.sources and start is not None:  # a near-miss: the line it was taken from
            gold[attribution_id] = article.sources[article.text.count("\n", 0, int(start))]
        else:
            gold[attribution_id] = ("other", attribution_id)
    members: dict[int, list[int]] = defaultdict(list)
    for attribution_id, cluster_id in predicted.items():
        members[cluster_id].append(attribution_id)
    pure = size = impure_clusters = 0
    for quotes in members.values():
        if len(quotes) < 2 or not any(gold[q][0] != "other" for q in quotes):
            continue
        top = Counter(gold[q] for q in quotes).most_common(1)[0][1]
        pure += top
        size += len(quotes)
        impure_clusters += top < len(quotes)
    ntrex = {q: (predicted[q], g) for q, g in gold.items() if g[0] != "other"}
    return {
        "purity": round(pure / size, 4) if size else 1.0,
        "clustered_ntrex_quotes": size,
        "impure_clusters": impure_clusters,
        "ntrex_quote_variants": bcubed(ntrex),
    }


def evaluate_newsroom(
    datasets: Path,
    families: int | None = None,
    distractors: int | None = None,
    *,
    embeddings: Path | None = None,
    say: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    """Store the benchmark in a throwaway corpus, link it, score it (see the module doc).
    ``embeddings``: a sentence-vector cache file kept between runs."""
    articles = newsroom_articles(datasets, families, distractors)
    sources = Counter(a.source.split("/")[0] for a in articles)
    with tempfile.TemporaryDirectory(prefix="reportedly-newsroom-") as tmp:
        db = open_db(Path(tmp) / "newsroom.db")
        _store(db, articles)
        say(f"linking {len(articles)} articles ({dict(sources)}) ...")
        started = time.perf_counter()
        with embedding_cache(embeddings):
            link(db, LinkOptions())
        seconds = time.perf_counter() - started
        results = {
            "articles": len(articles),
            "families": sum(1 for a in articles if a.source == "ntrex/eng"),
            "distractors": sum(1 for a in articles if a.family is None),
            "sources": dict(sources),
            "seconds": round(seconds, 1),
            **score_links(db, articles),
            "quote_clusters": score_clusters(db, articles),
        }
        db.close()
    return results


def format_newsroom(results: dict[str, Any], false_links: int = 30) -> str:
    clusters = results["quote_clusters"]
    variants = clusters["ntrex_quote_variants"]
    lines = [
        f"newsroom: {results['families']} NTREX families among {results['distractors']} "
        f"distractors ({results['articles']} articles, linked in {results['seconds']} s)",
        f"  link precision        {results['precision']:.4f} ({results['right']} of "
        f"{results['links']} links right; {results['links_by_kind']})",
        f"  family members joined {results['family_members_joined']:.4f} "
        f"({results['families_whole']} families whole; {results['joined_by_version']})",
        f"  quote-cluster purity  {clusters['purity']:.4f} ({clusters['clustered_ntrex_quotes']} "
        f"quotes in clusters holding an NTREX quote, {clusters['impure_clusters']} impure)",
        f"  NTREX quote variants, B-cubed P {variants['precision']:.4f} R {variants['recall']:.4f} "
        f"F1 {variants['f1']:.4f} ({variants['quotes']} quotes)",
    ]
    listed = results["false_links"]
    if listed:
        lines.append(f"  false links ({len(listed)}):")
        for item in listed[:false_links]:
            lines.append(
                f"    {item['kind']:<11} {item['similarity']:.3f} {item['a']} -> {item['b']}"
                + (f" (confidence {item['confidence']}, {item['rule']})" if item["rule"] else "")
            )
        if len(listed) > false_links:
            lines.append(f"    ... and {len(listed) - false_links} more (--json lists all)")
    return "\n".join(lines)
