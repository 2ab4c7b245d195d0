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
def train_polnear(
    train_dir: Path,
    out: Path,
    dev_dir: Path | None,
    iterations: int | None,
    jobs: int,
    folds: int | None,
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
    config = TrainingConfig(n_process=jobs)
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
