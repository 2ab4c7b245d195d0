"""Train the CRF attribution model on brat gold (PolNeAR's train split).

Deterministic: the articles are read in sorted order, spaCy's parse and
crfsuite's L-BFGS are deterministic, and nothing is sampled, so the same
command on the same data writes the same model.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pycrfsuite
from spacy.tokens import Doc

from ..attribution.features import sequence_features
from ..attribution.model import AttributionModel, read_bundle, write_bundle
from ..errors import DatasetError
from ..evaluation.brat import GoldArticle, read_brat_dir
from ..evaluation.scoring import Scores, score
from ..nlp import load_nlp
from .labels import build_cue_lexicon, token_labels
from .linking import link_examples, train_linker

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
        token_labels(doc, article.attributions) for doc, article in zip(docs, articles, strict=True)
    ]
    lexicon = build_cue_lexicon(
        docs,
        labels,
        min_count=config.lexicon_min_count,
        likely_threshold=config.likely_cue_threshold,
    )
    say(f"cue lexicon: {len(lexicon.ratios)} lemmas; extracting features")
    trainer = pycrfsuite.Trainer(verbose=False)
    tokens = 0
    for doc, doc_labels in zip(docs, labels, strict=True):
        for sequence in sequence_features(doc, lexicon):
            trainer.append(sequence.features, [doc_labels[i] for i in sequence.token_ids])
            tokens += len(sequence.token_ids)
    trainer.set_params(
        {
            "c1": config.c1,
            "c2": config.c2,
            "max_iterations": config.max_iterations,
            "feature.possible_transitions": True,
        }
    )
    say(f"training the CRF on {tokens} tokens ({config.max_iterations} iterations at most)")
    with tempfile.TemporaryDirectory(prefix="reportedly-train-") as scratch:
        crf_path = Path(scratch) / "crf.model"
        trainer.train(str(crf_path))
        crf = crf_path.read_bytes()
    say("training the linker")
    linker = train_linker(
        example
        for doc, article in zip(docs, articles, strict=True)
        for example in link_examples(doc, article.attributions)
    )
    meta: dict[str, Any] = {
        # n_process is left out: it does not change the model, so it must not change the file
        "training": {key: value for key, value in asdict(config).items() if key != "n_process"}
        | {"articles": len(articles), "tokens": tokens},
    }
    write_bundle(out, crf, lexicon, linker, meta)
    dev_scores = None
    if dev_dir is not None:
        say("scoring on dev")
        dev_scores = evaluate_model(out, read_brat_dir(dev_dir), config.n_process)
        write_bundle(out, crf, lexicon, linker, meta | {"dev_scores": dev_scores.to_dict()})
    return TrainingResult(
        path=out,
        train_articles=len(articles),
        train_tokens=tokens,
        seconds=time.perf_counter() - started,
        dev_scores=dev_scores,
    )


def evaluate_model(path: Path, articles: Sequence[GoldArticle], n_process: int = 1) -> Scores:
    """Scores of the model at ``path`` alone (no rules) on gold ``articles``."""
    # not the cached loader: the file at ``path`` may have just been rewritten
    model = AttributionModel(read_bundle(path), path)
    docs = parse_articles(articles, n_process)
    return score(articles, [model.predict(doc) for doc in docs])
