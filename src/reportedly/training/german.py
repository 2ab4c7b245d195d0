"""Training the German attribution tagger (``reportedly train german``).

The gold spans of the German news quotation data are projected onto reportedly's
own German tokens (a token takes a role when it overlaps that role's span; the cue
wins over the speaker and the speaker over the quote where quotations nest), as BIO
labels, and a linear-chain CRF (python-crfsuite, L-BFGS with L1 and L2 penalties) is
trained on whole articles. A second CRF (:mod:`..languages.de.stacking`) is then
trained on the first one's out-of-fold output: the training articles are split in
``jackknife_folds`` parts, and each part is labelled by a first pass trained on the
others, so the second pass learns from first-pass labels as good as on unseen text.
Deterministic: the same data and settings give the same files. Cross-validation over
the training split measures both passes without touching dev.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..evaluation.german import GermanScores, GoldArticle, score_article, tokens_of
from ..evaluation.german import Quotation as GoldQuotation
from ..languages.de.features import document_features
from ..languages.de.quotations import GermanQuotation, quotations_from_labels
from ..languages.de.stacking import FirstPass, first_pass, stacked_features
from ..languages.de.tagger import second_pass_path, tag_with
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
    jackknife_folds: int = 3  # 0: no second pass


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


@dataclass(frozen=True, slots=True)
class _Document:
    article: GoldArticle
    tokens: list[Token]
    features: list[list[str]]
    labels: list[str]


def _documents(articles: Sequence[GoldArticle]) -> list[_Document]:
    documents = []
    for article in articles:
        tokens = tokenize(article.text)
        documents.append(
            _Document(article, tokens, document_features(tokens), gold_labels(article, tokens))
        )
    return documents


def _open(path: Path) -> Any:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def _out_of_fold(
    documents: Sequence[_Document],
    folds: int,
    workdir: Path,
    config: GermanTrainingConfig,
    progress: Callable[[str], None],
) -> list[FirstPass]:
    """First-pass output for every document from a first pass that did not see it
    (document ``i`` in fold ``i % folds``)."""
    passes: list[FirstPass | None] = [None] * len(documents)
    for fold in range(folds):
        path = workdir / f"first{fold}.crfsuite"
        rest = [(d.features, d.labels) for i, d in enumerate(documents) if i % folds != fold]
        _train_file(rest, path, config)
        tagger = _open(path)
        for i, document in enumerate(documents):
            if i % folds == fold:
                passes[i] = first_pass(tagger, document.features)
        progress(f"first pass, fold {fold + 1}/{folds}")
    return [p for p in passes if p is not None]


def _stacked(
    documents: Sequence[_Document], passes: Sequence[FirstPass]
) -> list[tuple[list[list[str]], list[str]]]:
    return [
        (stacked_features(d.tokens, d.features, p), d.labels)
        for d, p in zip(documents, passes, strict=True)
    ]


def score_model(model: Path, articles: Sequence[GoldArticle]) -> GermanScores:
    """The model's scores on gold articles (tokens, tagging, grouping as in analysis;
    the second pass too when its file lies beside the model)."""
    second = second_pass_path(model)
    first_tagger, second_tagger = _open(model), _open(second) if second.is_file() else None
    scores = GermanScores()
    for article in articles:
        tokens = tokenize(article.text)
        found = quotations_from_labels(tokens, tag_with(first_tagger, second_tagger, tokens))
        score_article(scores, article.quotations, predicted(article, found))
    return scores


def _score_labels(
    scores: GermanScores, documents: Sequence[_Document], labels: Sequence[Sequence[str]]
) -> None:
    for document, found in zip(documents, labels, strict=True):
        quotations = quotations_from_labels(document.tokens, found)
        score_article(scores, document.article.quotations, predicted(document.article, quotations))


def cross_validate(
    articles: Sequence[GoldArticle],
    folds: int,
    workdir: Path,
    config: GermanTrainingConfig = GermanTrainingConfig(),
    progress: Callable[[str], None] = lambda _: None,
) -> GermanScores:
    """Scores of ``folds``-fold cross-validation (article ``i`` in fold ``i % folds``).

    The first pass's held-out output is also the second pass's input: the second pass
    of fold ``k`` is trained on the other folds' out-of-fold first-pass output and
    tags fold ``k`` from its out-of-fold first-pass output."""
    documents = _documents(articles)
    passes = _out_of_fold(documents, folds, workdir, config, progress)
    first_only = GermanScores()
    _score_labels(first_only, documents, [p.labels for p in passes])
    progress(f"first pass alone: joint F1 {first_only.f1('joint') * 100:.1f}")
    if not config.jackknife_folds:
        return first_only
    stacked = _stacked(documents, passes)
    labels: list[list[str]] = [[] for _ in documents]
    for fold in range(folds):
        path = workdir / f"second{fold}.crfsuite"
        _train_file([s for i, s in enumerate(stacked) if i % folds != fold], path, config)
        tagger = _open(path)
        for i, (features, _) in enumerate(stacked):
            if i % folds == fold and features:
                labels[i] = list(tagger.tag(features))
        progress(f"second pass, fold {fold + 1}/{folds}")
    total = GermanScores()
    _score_labels(total, documents, labels)
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
    """Train the tagger on all ``articles`` and write it to ``out``, its second pass
    beside it (:func:`second_pass_path`)."""
    started = time.perf_counter()
    documents = _documents(articles)
    _train_file([(d.features, d.labels) for d in documents], out, config)
    second = second_pass_path(out)
    if config.jackknife_folds > 1:
        with tempfile.TemporaryDirectory() as workdir:
            passes = _out_of_fold(
                documents, config.jackknife_folds, Path(workdir), config, lambda _: None
            )
        _train_file(_stacked(documents, passes), second, config)
    else:
        second.unlink(missing_ok=True)
    return GermanTrainingResult(
        out, len(articles), sum(len(d.labels) for d in documents), time.perf_counter() - started
    )
