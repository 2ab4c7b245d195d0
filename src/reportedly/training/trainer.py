"""Train the CRF attribution model on brat gold (PolNeAR's train split).

Deterministic: the articles are read in sorted order, spaCy's parse and
crfsuite's L-BFGS are deterministic, and nothing is sampled, so the same
command on the same data writes the same model.
"""

from __future__ import annotations

import multiprocessing
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy
import pycrfsuite
from spacy.tokens import Doc

from ..attribution.crf import read_crfsuite_model
from ..attribution.encoder import load_encoder
from ..attribution.features import (
    CueLexicon,
    TokenSequence,
    WordClusters,
    paragraph_token_ids,
    sequence_features,
)
from ..attribution.model import AttributionModel, first_pass, read_bundle, write_bundle
from ..attribution.probe import RoleProbe, probe_feature_names, with_probe_features
from ..attribution.second_pass import FirstPass, second_pass_features
from ..errors import DatasetError
from ..evaluation.brat import GoldArticle, read_brat_dir
from ..evaluation.scoring import Scores, score
from ..nlp import load_nlp
from ..records import AttributionSpans, EvalSpans, Span
from .clusters import fit_word_clusters
from .labels import build_cue_lexicon, to_bilou, token_labels
from .linking import link_examples, train_linker
from .probe import fit_probe, out_of_fold_probabilities, probe_targets

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class TrainingConfig:
    """Everything that decides the trained weights; stored in the model file.

    ``c1`` / ``c2`` are crfsuite's L1 / L2 penalties (L1 keeps the file
    small by zeroing most feature weights); the lexicon settings say which
    lemmas count as likely cues for the non-local features.
    """

    # strong penalties: with weaker ones the CRF fits train almost perfectly
    # (F1 ~98) and generalises worse (dev scores in docs/model.md)
    c1: float = 1.0
    c2: float = 1.0
    max_iterations: int = 150
    lexicon_min_count: int = 3
    likely_cue_threshold: float = 0.15
    # "BILOU" or "BIO"; BILOU's explicit span ends gave +0.6 cue and +0.7 content F1 on
    # dev for the first pass alone
    label_scheme: str = "BILOU"
    # a second CRF reads the first one's labels; its training data come from first
    # passes cross-fitted over this many folds of train (0: one pass only)
    stacking_folds: int = 4
    # k-means classes of the parser's token vectors as features (0: none)
    word_clusters: int = 256
    # the accurate mode's model: a probe on the token encoder's contextual vectors
    # (attribution/probe.py) whose out-of-fold probabilities are features of both CRFs
    encoder_probe: bool = False
    # spaCy processes for parsing; the result does not depend on it
    n_process: int = 1


@dataclass(frozen=True, slots=True)
class TrainingResult:
    path: Path
    train_articles: int
    train_tokens: int
    seconds: float
    dev_scores: Scores | None


def parse_articles(
    articles: Sequence[GoldArticle], n_process: int = 1, progress: Progress | None = None
) -> list[Doc]:
    """Parse each article's text with the project's pipeline (without our component)."""
    nlp = load_nlp(with_attributions=False)
    docs: list[Doc] = []
    texts = (article.text for article in articles)
    for doc in nlp.pipe(texts, batch_size=8, n_process=n_process):
        docs.append(doc)
        if progress is not None and len(docs) % 100 == 0:
            progress(f"parsed {len(docs)}/{len(articles)} articles")
    return docs


def same_text(span: Span) -> Span:
    """Doc offsets to input offsets and back for the Docs training parses: each is parsed
    from its gold article's text itself (unrepaired, in one piece), so they are the same."""
    return span


def gold_in_doc(article: GoldArticle) -> list[AttributionSpans]:
    """The article's gold attributions in the offsets of the Doc parsed from its text."""
    return [gold.to_doc(same_text) for gold in article.attributions]


def train_model(
    train_dir: Path,
    out: Path,
    *,
    dev_dir: Path | None = None,
    config: TrainingConfig | None = None,
    progress: Progress | None = None,
) -> TrainingResult:
    """Train on the brat folder ``train_dir``, write the model to ``out``; score on
    ``dev_dir`` if given (the scores are stored in the model file too)."""
    config = config or TrainingConfig()
    say = progress or (lambda _message: None)
    started = time.perf_counter()
    articles = read_brat_dir(train_dir)
    if not any(article.attributions for article in articles):
        raise DatasetError(f"{train_dir} holds no attributions to learn from")
    say(f"parsing {len(articles)} training articles")
    docs = parse_articles(articles, config.n_process, progress)
    labels = [
        token_labels(doc, gold_in_doc(article)) for doc, article in zip(docs, articles, strict=True)
    ]
    if config.label_scheme == "BILOU":
        labels = [to_bilou(doc_labels) for doc_labels in labels]
    elif config.label_scheme != "BIO":
        raise ValueError(f"unknown label scheme {config.label_scheme!r} (BIO or BILOU)")
    clusters = None
    if config.word_clusters:
        say(f"clustering token vectors into {config.word_clusters} word classes")
        clusters = fit_word_clusters(docs, config.word_clusters)
    # each fold needs an article to hold out and one to train on
    folds = min(config.stacking_folds, len(docs))
    folds = folds if folds >= 2 else 0
    probe, probe_names = None, None
    if config.encoder_probe:
        probe, probe_names = _train_probe(docs, labels, max(folds, 2), say)
    global _JOB
    job = _JOB = _Job(docs, labels, config, clusters, probe_names)
    say(
        f"training the CRF ({config.max_iterations} iterations at most)"
        + (f" and {folds} cross-fitted first passes for the second CRF" if folds else "")
    )
    try:
        with ProcessPoolExecutor(
            max_workers=max(1, config.n_process), mp_context=multiprocessing.get_context("fork")
        ) as pool:
            full = pool.submit(_train_first_pass, None, folds)
            held_out = list(pool.map(_train_first_pass, range(folds), [folds] * folds))
            crf, lexicon, _ = full.result()
    finally:
        _JOB = None
    tokens = sum(len(ids) for doc in docs for ids in paragraph_token_ids(doc))
    second_crf = None
    if folds:
        say("training the second CRF on the first passes")
        views: dict[int, dict[int, FirstPass]] = {}
        for _crf, _lexicon, fold_views in held_out:
            views.update(fold_views)
        second_crf = _train_crf(
            (
                (sequence, doc_labels)
                for index, (doc, doc_labels) in enumerate(zip(docs, labels, strict=True))
                for sequence in second_pass_features(
                    doc, _features(job, index, lexicon), views[index]
                )
            ),
            config,
        )
    say("training the linker")
    linker = train_linker(
        example
        for doc, article in zip(docs, articles, strict=True)
        for example in link_examples(doc, gold_in_doc(article))
    )
    meta: dict[str, Any] = {
        # n_process is left out: it does not change the model, so it must not change the file
        "training": {key: value for key, value in asdict(config).items() if key != "n_process"}
        | {"articles": len(articles), "tokens": tokens},
    }
    write_bundle(out, crf, lexicon, linker, meta, second_crf, clusters, probe)
    dev_scores = None
    if dev_dir is not None:
        say("scoring on dev")
        dev_scores = evaluate_model(out, read_brat_dir(dev_dir), config.n_process)
        write_bundle(
            out,
            crf,
            lexicon,
            linker,
            meta | {"dev_scores": dev_scores.to_dict()},
            second_crf,
            clusters,
            probe,
        )
    return TrainingResult(
        path=out,
        train_articles=len(articles),
        train_tokens=tokens,
        seconds=time.perf_counter() - started,
        dev_scores=dev_scores,
    )


@dataclass(frozen=True, slots=True)
class _Job:
    """What the training processes share (inherited by fork, never pickled)."""

    docs: Sequence[Doc]
    labels: Sequence[Sequence[str]]
    config: TrainingConfig
    clusters: WordClusters | None = None
    # each article's probe features, by token (None: no encoder probe)
    probe_names: Sequence[Sequence[tuple[str, ...]]] | None = None


_JOB: _Job | None = None


def _features(job: _Job, index: int, lexicon: CueLexicon) -> list[TokenSequence[str]]:
    """Article ``index``'s first-pass feature strings, with its probe features if any."""
    sequences = sequence_features(job.docs[index], lexicon, job.clusters)
    if job.probe_names is None:
        return sequences
    return with_probe_features(sequences, job.probe_names[index], str)


def _train_probe(
    docs: Sequence[Doc], labels: Sequence[Sequence[str]], folds: int, say: Progress
) -> tuple[RoleProbe, list[list[tuple[str, ...]]]]:
    """The probe on all of train, and each article's probe features from a probe that
    never saw it (the CRFs learn how far to trust it on unseen text)."""
    say(f"encoding {len(docs)} articles with the token encoder")
    encoder = load_encoder()
    vectors = [
        vector
        for first in range(0, len(docs), 8)
        for vector in encoder.token_vectors_many(docs[first : first + 8])
    ]
    targets = [probe_targets(doc_labels) for doc_labels in labels]
    say(f"fitting the encoder probe ({folds} out-of-fold probes and one on all articles)")
    probe = fit_probe(numpy.concatenate(vectors), numpy.concatenate(targets))
    # a single article has no other to be read by: then it is read by the probe itself
    held_out = (
        out_of_fold_probabilities(vectors, targets, folds)
        if len(docs) >= folds
        else [probe.probabilities(vector) for vector in vectors]
    )
    return probe, [probe_feature_names(probabilities) for probabilities in held_out]


def _train_first_pass(
    fold: int | None, folds: int
) -> tuple[bytes, CueLexicon, dict[int, dict[int, FirstPass]]]:
    """Train the first CRF on every article (``fold`` None), or on all but one fold
    of them; in the latter case also tag the held-out fold, as the second CRF
    will see the first pass on unseen articles."""
    job = _JOB
    assert job is not None, "training state is set before the pool starts"
    config = job.config
    chosen = [i for i in range(len(job.docs)) if fold is None or i % folds != fold]
    lexicon = build_cue_lexicon(
        [job.docs[i] for i in chosen],
        [job.labels[i] for i in chosen],
        min_count=config.lexicon_min_count,
        likely_threshold=config.likely_cue_threshold,
    )
    crf = _train_crf(
        ((sequence, job.labels[i]) for i in chosen for sequence in _features(job, i, lexicon)),
        config,
    )
    views: dict[int, dict[int, FirstPass]] = {}
    if fold is not None:
        tagger = read_crfsuite_model(crf)
        for i in range(fold, len(job.docs), folds):
            views[i] = first_pass(tagger, _features(job, i, lexicon))
    return crf, lexicon, views


def _train_crf(
    examples: Iterable[tuple[TokenSequence[str], Sequence[str]]], config: TrainingConfig
) -> bytes:
    """A CRF trained on (sequence, the Doc's labels) pairs, as crfsuite's model bytes."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for sequence, doc_labels in examples:
        trainer.append(sequence.features, [doc_labels[i] for i in sequence.token_ids])
    trainer.set_params(
        {
            "c1": config.c1,
            "c2": config.c2,
            "max_iterations": config.max_iterations,
            "feature.possible_transitions": True,
        }
    )
    with tempfile.TemporaryDirectory(prefix="reportedly-train-") as scratch:
        path = Path(scratch) / "crf.model"
        trainer.train(str(path))
        return path.read_bytes()


def evaluate_model(path: Path, articles: Sequence[GoldArticle], n_process: int = 1) -> Scores:
    """Scores of the model at ``path`` alone (no rules) on gold ``articles``."""
    # not the cached loader: the file at ``path`` may have just been rewritten
    model = AttributionModel(read_bundle(path), path)
    docs = parse_articles(articles, n_process)
    predicted: list[list[EvalSpans]] = [
        [triple.to_input(same_text) for triple in model.predict(doc)] for doc in docs
    ]
    return score(articles, predicted)
