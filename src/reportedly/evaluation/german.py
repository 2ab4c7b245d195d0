"""Scoring German quotation attribution like the German news data's own scorer.

The gold is the German Wikinews quotation data (``../shared/datasets/german-quotes``,
CC BY-NC-SA 4.0; one JSON file per article). Per article, predicted and gold
quotations are paired one to one by the number of quote tokens they share (the
Hungarian assignment; a pair must share a token). Each role (quote, speaker, cue)
then counts its tokens against the paired gold: true positives are shared tokens,
false positives predicted tokens outside the gold (all of an unpaired prediction's),
false negatives gold tokens missed (all of an unpaired gold's). ``joint`` sums the
three roles. Figures are micro precision, recall and F1, over all quotations and by
the gold's type (Direct, Indirect, Reported, ...). The upstream scorer also counts
addressee and frame, which reportedly does not predict: they are left out here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

from ..errors import DatasetError
from ..records import Span

__all__ = [
    "ROLES",
    "GermanScores",
    "GoldArticle",
    "Quotation",
    "read_german_dir",
    "score_article",
    "tokens_of",
]

ROLES = ("quote", "speaker", "cue")


@dataclass(frozen=True, slots=True)
class Quotation:
    """One quotation as token-index sets per role; ``type`` is the gold's type or, for
    a prediction, the type its kind maps to (direct: Direct, else Indirect)."""

    roles: Mapping[str, frozenset[int]]
    type: str


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    tokens: tuple[Span, ...]  # character offsets of the gold tokens
    quotations: tuple[Quotation, ...]


def read_german_dir(directory: Path, limit: int | None = None) -> list[GoldArticle]:
    """The articles of one split folder (``NNNN.json`` files), in name order."""
    if not directory.is_dir():
        raise DatasetError(f"{directory} is not a folder of German quotation articles")
    paths = sorted(directory.glob("*.json"))
    if not paths:
        raise DatasetError(f"{directory} holds no .json articles")
    articles = []
    for path in paths[:limit]:
        try:
            data = json.loads(path.read_text("utf-8"))
            tokens = tuple((t["charBegin"], t["charEnd"]) for t in data["tokens"])
            quotations = tuple(
                Quotation(
                    {role: frozenset(a[role]["tokenIds"]) for role in ROLES},
                    str(a.get("type") or "Unknown"),
                )
                for a in data["annotations"]
            )
            articles.append(GoldArticle(path.stem, data["originalText"], tokens, quotations))
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise DatasetError(f"{path}: not a German quotation article ({error})") from None
    return articles


def tokens_of(spans: Iterable[Span], tokens: Sequence[Span]) -> frozenset[int]:
    """The indices of the tokens that overlap any of ``spans`` (character offsets)."""
    found: set[int] = set()
    for start, end in spans:
        found.update(i for i, (a, b) in enumerate(tokens) if a < end and start < b)
    return frozenset(found)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: frozenset[int], predicted: frozenset[int]) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class GermanScores:
    """Token counts per role (and ``joint``), overall and per gold type."""

    roles: dict[str, Counts] = field(
        default_factory=lambda: {r: Counts() for r in (*ROLES, "joint")}
    )
    by_type: dict[str, dict[str, Counts]] = field(default_factory=dict)
    articles: int = 0

    def _count(self, gold: Quotation | None, predicted: Quotation | None) -> None:
        kind = gold.type if gold is not None else predicted.type if predicted else "Unknown"
        tables = [
            self.roles,
            self.by_type.setdefault(kind, {r: Counts() for r in (*ROLES, "joint")}),
        ]
        for role in ROLES:
            g = gold.roles[role] if gold is not None else frozenset()
            p = predicted.roles[role] if predicted is not None else frozenset()
            for table in tables:
                table[role].add(g, p)
                table["joint"].add(g, p)

    def f1(self, role: str) -> float:
        return self.roles[role].prf()[2]

    def to_dict(self) -> dict[str, object]:
        def table(counts: Mapping[str, Counts]) -> dict[str, dict[str, float]]:
            return {
                role: dict(
                    zip(
                        ("precision", "recall", "f1"),
                        [round(x * 100, 2) for x in c.prf()],
                        strict=True,
                    )
                )
                for role, c in counts.items()
            }

        return {
            "articles": self.articles,
            "roles": table(self.roles),
            "by_type": {kind: table(c) for kind, c in sorted(self.by_type.items())},
        }

    def format_table(self, title: str) -> str:
        lines = [title, f"{'':22} {'P':>6} {'R':>6} {'F1':>6}"]
        for role, counts in self.roles.items():
            p, r, f = counts.prf()
            lines.append(f"{role:22} {p * 100:6.1f} {r * 100:6.1f} {f * 100:6.1f}")
        for kind, table in sorted(self.by_type.items()):
            for role in ("quote", "joint"):
                p, r, f = table[role].prf()
                lines.append(f"{kind + ' ' + role:22} {p * 100:6.1f} {r * 100:6.1f} {f * 100:6.1f}")
        return "\n".join(lines) + "\n"


def score_article(
    scores: GermanScores, gold: Sequence[Quotation], predicted: Sequence[Quotation]
) -> None:
    """Pair one article's quotations one to one by shared quote tokens and count."""
    scores.articles += 1
    paired_gold: set[int] = set()
    paired_predicted: set[int] = set()
    if gold and predicted:
        overlap = np.array(
            [[len(g.roles["quote"] & p.roles["quote"]) for p in predicted] for g in gold]
        )
        rows, columns = linear_sum_assignment(-overlap)
        for g, p in zip(rows, columns, strict=True):
            if overlap[g, p] > 0:
                scores._count(gold[g], predicted[p])
                paired_gold.add(int(g))
                paired_predicted.add(int(p))
    for i, quotation in enumerate(gold):
        if i not in paired_gold:
            scores._count(quotation, None)
    for i, quotation in enumerate(predicted):
        if i not in paired_predicted:
            scores._count(None, quotation)


def evaluate_german(articles: Sequence[GoldArticle]) -> GermanScores:
    """Analyse each article as German, the way ``reportedly analyze --lang de`` does,
    and score its attributions against the gold."""
    from ..config import AnalysisConfig
    from ..pipeline import analyze

    scores = GermanScores()
    for article in articles:
        analysis = analyze(article.text, AnalysisConfig(language="de"))
        found = [
            Quotation(
                {
                    "quote": tokens_of(a.content.spans, article.tokens),
                    "speaker": tokens_of(a.source.spans if a.source else (), article.tokens),
                    "cue": tokens_of(a.cue.spans if a.cue else (), article.tokens),
                },
                "Direct" if a.kind == "direct" else "Indirect",
            )
            for a in analysis.attributions
        ]
        score_article(scores, article.quotations, found)
    return scores
