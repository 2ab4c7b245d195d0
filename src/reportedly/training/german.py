"""Training the German attribution tagger (``reportedly train german``).

The gold spans of the German news quotation data are projected onto reportedly's
own German tokens (a token takes a role when it overlaps that role's span; the cue
wins over the speaker and the speaker over the quote where quotations nest), as BIO
labels, and a linear-chain CRF (python-crfsuite, L-BFGS with L1 and L2 penalties) is
trained on whole articles. Deterministic: the same data and settings give the same
file. Cross-validation over the training split measures it without touching dev.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..evaluation.german import GermanScores, GoldArticle, score_article, tokens_of
from ..evaluation.german import Quotation as GoldQuotation
from ..languages.de.features import document_features
from ..languages.de.quotations import GermanQuotation, quotations_from_labels
from ..languages.de.tokens import Token, tokenize

__all__ = ["GermanTrainingConfig", "cross_validate", "gold_labels", "predicted", "train_german"]

_PRIORITY = ("cue", "speaker", "quote")
_LETTER = {"quote": "Q", "speaker": "S", "cue": "C"}


@dataclass(frozen=True, slots=True)
class GermanTrainingConfig:
    c1: float = 0.05
    c2: float = 0.01
    max_iterations: int = 150
    min_feature_freq: int = 1


def gold_labels(article: GoldArticle, tokens: Sequence[Token]) -> list[str]:
    """BIO labels of our tokens from the article's gold quotations."""
    owner: list[tuple[str, int] | None] = [None] * len(tokens)
    for role in reversed(_PRIORITY):  # the last written wins: cue over speaker over quote
        for number, quotation in enumerate(article.quotations):
            gold = quotation.roles[role]
            if not gold:
                continue
            spans = [article.tokens[i] for i in gold]
            for i, token in enumerate(tokens):
                if any(a < token.end and token.start < b for a, b in spans):
                    owner[i] = (role, number)
    labels = []
    for i, mine in enumerate(owner):
        if mine is None:
            labels.append("O")
            continue
        begins = i == 0 or owner[i - 1] != mine
        labels.append(f"{'B' if begins else 'I'}-{_LETTER[mine[0]]}")
    return labels


def predicted(article: GoldArticle, found: Sequence[GermanQuotation]) -> list[GoldQuotation]:
    """Found quotations as gold-token sets, for scoring."""
    return [
        GoldQuotation(
            {
                "quote": tokens_of(q.quote, article.tokens),
                "speaker": tokens_of(q.speaker, article.tokens),
                "cue": tokens_of(q.cue, article.tokens),
            },
            "Direct" if q.kind == "direct" else "Indirect",
        )
        for q in found
    ]


def _train_file(
    sequences: Sequence[tuple[list[list[str]], list[str]]],
    out: Path,
    config: GermanTrainingConfig,
) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for features, labels in sequences:
        trainer.append(features, labels)
    trainer.set_params(
        {
            "c1": config.c1,
            "c2": config.c2,
            "max_iterations": config.max_iterations,
            "feature.minfreq": config.min_feature_freq,
            "feature.possible_transitions": True,
        }
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def _sequences(articles: Sequence[GoldArticle]) -> list[tuple[list[list[str]], list[str]]]:
    sequences = []
    for article in articles:
        tokens = tokenize(article.text)
        sequences.append((document_features(tokens), gold_labels(article, tokens)))
    return sequences


def score_model(model: Path, articles: Sequence[GoldArticle]) -> GermanScores:
    """The model's scores on gold articles (tokens, tagging, grouping as in analysis)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    scores = GermanScores()
    for article in articles:
        tokens = tokenize(article.text)
        labels = tagger.tag(document_features(tokens)) if tokens else []
        found = quotations_from_labels(tokens, labels)
        score_article(scores, article.quotations, predicted(article, found))
    return scores


def cross_validate(
    articles: Sequence[GoldArticle],
    folds: int,
    workdir: Path,
    config: GermanTrainingConfig = GermanTrainingConfig(),
    progress: Callable[[str], None] = lambda _: None,
) -> GermanScores:
    """Scores of ``folds``-fold cross-validation (article ``i`` in fold ``i % folds``)."""
    total = GermanScores()
    for fold in range(folds):
        held = [a for i, a in enumerate(articles) if i % folds == fold]
        rest = [a for i, a in enumerate(articles) if i % folds != fold]
        path = workdir / f"fold{fold}.crfsuite"
        _train_file(_sequences(rest), path, config)
        scores = score_model(path, held)
        progress(f"fold {fold + 1}/{folds}: joint F1 {scores.f1('joint') * 100:.1f}")
        for source, target in ((scores.roles, total.roles),):
            for role, counts in source.items():
                target[role].tp += counts.tp
                target[role].fp += counts.fp
                target[role].fn += counts.fn
        for kind, table in scores.by_type.items():
            mine = total.by_type.setdefault(kind, {r: type(c)() for r, c in table.items()})
            for role, counts in table.items():
                mine[role].tp += counts.tp
                mine[role].fp += counts.fp
                mine[role].fn += counts.fn
        total.articles += scores.articles
    return total


@dataclass(frozen=True, slots=True)
class GermanTrainingResult:
    path: Path
    articles: int
    tokens: int
    seconds: float


def train_german(
    articles: Sequence[GoldArticle],
    out: Path,
    config: GermanTrainingConfig = GermanTrainingConfig(),
) -> GermanTrainingResult:
    """Train the tagger on all ``articles`` and write it to ``out``."""
    started = time.perf_counter()
    sequences = _sequences(articles)
    _train_file(sequences, out, config)
    return GermanTrainingResult(
        out, len(articles), sum(len(s[1]) for s in sequences), time.perf_counter() - started
    )
