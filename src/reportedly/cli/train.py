"""``reportedly train``: train the learned attribution model."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from ..errors import DatasetError
from .app import cli


@cli.group(name="train")
def train_group() -> None:
    """Train the attribution model that reportedly ships (see docs/model.md)."""


@train_group.command(name="polnear")
@click.argument("train_dir", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write the model file (a .zip).",
)
@click.option(
    "--dev",
    "dev_dir",
    type=click.Path(path_type=Path),
    help="A split to score the trained model on (PolNeAR's dev); the scores go into the file.",
)
@click.option(
    "--iterations",
    type=click.IntRange(min=1),
    help="Most L-BFGS iterations (default: the shipped model's setting).",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes to parse and train with (the model does not depend on it).",
)
@click.option(
    "--folds",
    type=click.IntRange(min=0),
    help="Folds for the second pass's cross-fitted training data; 0 or 1 trains a "
    "one-pass model (default: the shipped model's setting, 4).",
)
@click.option(
    "--encoder",
    is_flag=True,
    help="Train the accurate mode's model: a probe on the token encoder's vectors whose "
    "out-of-fold probabilities are features of both CRFs (docs/model.md).",
)
def train_polnear(
    train_dir: Path,
    out: Path,
    dev_dir: Path | None,
    iterations: int | None,
    jobs: int,
    folds: int | None,
    encoder: bool,
) -> None:
    """Train on a PolNeAR split (TRAIN_DIR holds text/ and attributions/).

    Deterministic: the same command on the same data gives the same model.
    """
    # imported here: training loads spaCy, which `reportedly --help` should not wait for
    from ..evaluation.brat import is_split_dir
    from ..training import TrainingConfig, train_model

    for folder in (train_dir, dev_dir):
        if folder is not None and not is_split_dir(folder):
            raise DatasetError(f"{folder} is not a PolNeAR split (no text/ and attributions/)")
    config = TrainingConfig(n_process=jobs, encoder_probe=encoder)
    if iterations is not None:
        config = replace(config, max_iterations=iterations)
    if folds is not None:
        config = replace(config, stacking_folds=folds)
    result = train_model(
        train_dir,
        out,
        dev_dir=dev_dir,
        config=config,
        progress=lambda message: click.echo(message, err=True),
    )
    click.echo(
        f"wrote {result.path} ({result.path.stat().st_size / 1e6:.1f} MB) from "
        f"{result.train_articles} articles, {result.train_tokens} tokens, "
        f"in {result.seconds:.0f} s",
        err=True,
    )
    if result.dev_scores is not None:
        click.echo(result.dev_scores.format_table(f"{dev_dir}: the model alone"), nl=False)


@train_group.command(name="german")
@click.argument("train_dir", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write the tagger (a .crfsuite file; the shipped one is "
    "src/reportedly/languages/de/model/german-attribution.crfsuite).",
)
@click.option(
    "--folds",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Also cross-validate over TRAIN_DIR with this many folds and print the scores.",
)
@click.option("--iterations", type=click.IntRange(min=1), help="Most L-BFGS iterations.")
def train_german_command(train_dir: Path, out: Path, folds: int, iterations: int | None) -> None:
    """Train the German attribution tagger on a split of the German news quotation
    data (TRAIN_DIR holds NNNN.json articles; CC BY-NC-SA 4.0, and so is the model).

    Deterministic: the same command on the same data gives the same file.
    """
    import tempfile

    from ..evaluation.german import read_german_dir
    from ..training.german import GermanTrainingConfig, cross_validate, train_german

    config = GermanTrainingConfig()
    if iterations is not None:
        config = replace(config, max_iterations=iterations)
    articles = read_german_dir(train_dir)
    if folds > 1:
        with tempfile.TemporaryDirectory() as workdir:
            scores = cross_validate(
                articles, folds, Path(workdir), config, lambda m: click.echo(m, err=True)
            )
        click.echo(scores.format_table(f"{folds}-fold cross-validation over {train_dir}"), nl=False)
    result = train_german(articles, out, config)
    click.echo(
        f"wrote {result.path} ({result.path.stat().st_size / 1e6:.1f} MB) from "
        f"{result.articles} articles, {result.tokens} tokens, in {result.seconds:.0f} s",
        err=True,
    )
