"""``reportedly eval``: score the analyzer against gold attributions."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import DatasetError
from .app import cli, mode_option, progress_bar

if TYPE_CHECKING:  # the evaluation package loads when a command runs
    from ..evaluation.brat import GoldArticle

JSONL_FORMAT = """\b
GOLD.jsonl holds one JSON object per line:
  {"id": "optional-name", "text": "...",
   "attributions": [{"source": [[s, e]], "cue": [[s, e]], "content": [[s, e], [s, e]]}]}
Offsets are character offsets into "text", end exclusive; each role is a list
of [start, end] fragments. "content" needs one fragment or more; "source" and
"cue" may be empty or missing (no source: "It is said that ...")."""


@cli.group(name="eval")
def eval_group() -> None:
    """Score reportedly's attributions against gold annotations.

    Prints per-role precision / recall / F1 (exact and overlap matching),
    relation and direct-quote scores, as defined in docs/evaluation.md.
    """


_EVALUATION_OPTIONS = (
    click.option("--limit", type=click.IntRange(min=1), help="Score only the first N articles."),
    click.option(
        "--errors",
        "error_count",
        type=click.IntRange(min=0),
        default=0,
        show_default=True,
        help="Also show the N worst missed gold attributions beside the closest prediction.",
    ),
    click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON."),
    click.option(
        "--speakers",
        "speakers_file",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Speaker-name references (JSONL, see docs/evaluation.md) instead of the "
        "shipped PolNeAR dev ones.",
    ),
    click.option(
        "--without",
        "without",
        multiple=True,
        metavar="NAME",
        help="Switch off a rule or mender by name, or 'model', 'rules', 'menders' "
        "(repeatable; the names are listed in docs/model.md).",
    ),
    click.option(
        "--jobs",
        type=click.IntRange(min=1),
        default=1,
        show_default=True,
        help="Processes to analyze with.",
    ),
    mode_option,
    click.option(
        "--no-trim",
        "no_trim",
        is_flag=True,
        help="Exact matching of spans as drawn (whitespace aside), as the published PolNeAR "
        "scorers match them, instead of with punctuation, quote marks and dashes trimmed.",
    ),
)


def _evaluation_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options every ``eval`` subcommand shares."""
    for option in reversed(_EVALUATION_OPTIONS):
        command = option(command)
    return command


@eval_group.command(name="polnear")
@click.argument("split_dir", type=click.Path(path_type=Path))
@_evaluation_options
def eval_polnear(
    split_dir: Path,
    limit: int | None,
    error_count: int,
    as_json: bool,
    speakers_file: Path | None,
    without: tuple[str, ...],
    jobs: int,
    mode: str,
    no_trim: bool,
) -> None:
    """Score against a PolNeAR split (SPLIT_DIR holds text/ and attributions/).

    The gold of each article is its alphabetically first .ann file. On the
    dev split the output also has the speaker-name accuracy of pronoun and
    role-noun sources ("he", "the senator").
    """
    from ..evaluation.brat import is_split_dir, read_brat_dir

    if not is_split_dir(split_dir):
        raise DatasetError(f"{split_dir} is not a PolNeAR split (no text/ and attributions/)")
    _run(
        read_brat_dir(split_dir),
        str(split_dir),
        limit,
        error_count,
        as_json,
        jobs,
        without,
        speakers_file,
        mode,
        not no_trim,
    )


@eval_group.command(name="brat")
@click.argument("gold_dir", type=click.Path(path_type=Path))
@_evaluation_options
def eval_brat(
    gold_dir: Path,
    limit: int | None,
    error_count: int,
    as_json: bool,
    speakers_file: Path | None,
    without: tuple[str, ...],
    jobs: int,
    mode: str,
    no_trim: bool,
) -> None:
    """Score against brat annotations in GOLD_DIR.

    GOLD_DIR holds NAME.txt files with NAME.ann beside them (or
    NAME_<annotator>.ann), or text/ and attributions/ folders. Attributions
    are E lines with Source (optional), Cue and Content roles.
    """
    from ..evaluation.brat import read_brat_dir

    _run(
        read_brat_dir(gold_dir),
        str(gold_dir),
        limit,
        error_count,
        as_json,
        jobs,
        without,
        speakers_file,
        mode,
        not no_trim,
    )


@eval_group.command(name="jsonl", epilog=JSONL_FORMAT)
@click.argument("gold_file", metavar="GOLD.jsonl", type=click.Path(path_type=Path))
@_evaluation_options
def eval_jsonl(
    gold_file: Path,
    limit: int | None,
    error_count: int,
    as_json: bool,
    speakers_file: Path | None,
    without: tuple[str, ...],
    jobs: int,
    mode: str,
    no_trim: bool,
) -> None:
    """Score against attributions in a JSON Lines file (format below)."""
    from ..evaluation.jsonl import read_jsonl

    _run(
        read_jsonl(gold_file),
        str(gold_file),
        limit,
        error_count,
        as_json,
        jobs,
        without,
        speakers_file,
        mode,
        not no_trim,
    )


def _run(
    articles: Sequence[GoldArticle],
    label: str,
    limit: int | None,
    error_count: int,
    as_json: bool,
    jobs: int,
    without: tuple[str, ...] = (),
    speakers_file: Path | None = None,
    mode: str = "fast",
    trim: bool = True,
) -> None:
    # imported here: the pipeline loads spaCy, which `reportedly --help` should not wait for
    from .. import analyze_many
    from ..attribution.extract import check_names
    from ..config import AnalysisConfig, effective_mode
    from ..evaluation.errors_view import format_misses
    from ..evaluation.runner import evaluate
    from ..evaluation.speakers import load_references

    articles = articles[:limit] if limit else articles
    config = AnalysisConfig(without=check_names(without), mode=mode)  # type: ignore[arg-type]
    off = ",".join(sorted(config.without))
    click.echo(
        f"analyzing {len(articles)} articles from {label} in the {effective_mode(mode)} mode"
        + (f" without {off}" if off else "")
        + " ...",
        err=True,
    )
    analyses = []
    with progress_bar(len(articles), "analyzing", output_after=True) as advance:
        texts = [article.text for article in articles]
        for analysis in analyze_many(texts, config, n_process=jobs):
            analyses.append(analysis)
            advance()
    evaluation = evaluate(
        articles, analyses, load_references(speakers_file), misses=error_count, trim=trim
    )
    if as_json:
        click.echo(json.dumps(evaluation.to_dict(), ensure_ascii=False, indent=2))
        return
    width = shutil.get_terminal_size((100, 24)).columns
    title = f"{label}: {len(articles)} articles" + ("" if trim else ", exact spans untrimmed")
    click.echo(evaluation.scores.format_table(title, width=width), nl=False)
    if evaluation.misses:
        click.echo(f"\nThe {len(evaluation.misses)} worst misses:\n")
        click.echo(format_misses(evaluation.misses, width=width), nl=False)


@eval_group.command(name="links")
@click.argument("ntrex_dir", required=False, type=click.Path(path_type=Path))
@click.option(
    "--polnear",
    "polnear_dir",
    type=click.Path(path_type=Path),
    help="PolNeAR's data folder: also score same-language copies and speaker identities.",
)
@click.option(
    "--newsroom",
    "datasets_dir",
    type=click.Path(path_type=Path),
    help="The datasets folder (ntrex, polnear, article-extraction, german-quotes): the newsroom "
    "benchmark, NTREX families among 2,000+ unrelated articles (precision, families joined, "
    "false links, quote-cluster purity).",
)
@click.option(
    "--families", type=click.IntRange(min=1), help="--newsroom: only the first N NTREX documents."
)
@click.option(
    "--distractors", type=click.IntRange(min=1), help="--newsroom: a sample of N real distractors."
)
@click.option(
    "--embeddings",
    type=click.Path(path_type=Path),
    help="A sentence-vector cache file kept between runs (made when missing): the encoder "
    "runs once per sentence.",
)
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N NTREX documents.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_links(
    ntrex_dir: Path | None,
    polnear_dir: Path | None,
    datasets_dir: Path | None,
    families: int | None,
    distractors: int | None,
    embeddings: Path | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """Score corpus linking: NTREX_DIR (translated copies, near-duplicates, quote variants),
    PolNeAR (same-language copies, speaker identities) and/or the newsroom benchmark."""
    from ..corpus.link.translations import embedding_cache
    from ..evaluation.links import (
        evaluate_ntrex,
        evaluate_people,
        evaluate_polnear_copies,
        format_links,
    )
    from ..evaluation.newsroom import evaluate_newsroom, format_newsroom

    if ntrex_dir is None and polnear_dir is None and datasets_dir is None:
        raise click.UsageError("give NTREX_DIR, --polnear DIR and/or --newsroom DIR")
    say = lambda line: click.echo(line, err=True)  # noqa: E731
    results: dict[str, Any] = {}
    with embedding_cache(embeddings):
        if ntrex_dir is not None:
            results["ntrex"] = evaluate_ntrex(ntrex_dir, limit, say=say)
        if polnear_dir is not None:
            results["polnear_copies"] = evaluate_polnear_copies(polnear_dir, say=say)
            results["polnear_people"] = evaluate_people(polnear_dir, say=say)
        if datasets_dir is not None:
            results["newsroom"] = evaluate_newsroom(datasets_dir, families, distractors, say=say)
    if as_json:
        click.echo(json.dumps(results, indent=2, ensure_ascii=False))
        return
    text = [format_links(results)] if set(results) - {"newsroom"} else []
    if "newsroom" in results:
        text.append(format_newsroom(results["newsroom"]))
    click.echo("\n".join(text))


@eval_group.command(name="german")
@click.argument("split_dir", type=click.Path(path_type=Path))
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N articles.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_german(split_dir: Path, limit: int | None, as_json: bool) -> None:
    """Score the German analysis on a split of the German news quotation data
    (SPLIT_DIR holds NNNN.json articles): token precision, recall and F1 of quote,
    speaker, cue and all three (joint), also by the gold's type (docs/german.md)."""
    from ..evaluation.german import evaluate_german, read_german_dir

    articles = read_german_dir(split_dir, limit)
    scores = evaluate_german(articles)
    if as_json:
        click.echo(json.dumps(scores.to_dict(), indent=2))
        return
    click.echo(scores.format_table(f"{split_dir}: {scores.articles} articles"), nl=False)


@eval_group.command(name="identities")
@click.argument("reference", type=click.Path(path_type=Path))
@click.option(
    "--datasets",
    "datasets_dir",
    type=click.Path(path_type=Path),
    default=Path("../shared/datasets"),
    show_default=True,
    help="The datasets folder holding the reference's documents (polnear, "
    "article-extraction, ntrex).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_identities(reference: Path, datasets_dir: Path, as_json: bool) -> None:
    """Score speaker identities against a hand-made REFERENCE (JSON Lines, see
    tests/evaluation/README-identities.md): pairwise precision and recall of identity
    merges, fragments rejected, type accuracy."""
    from ..evaluation.identities import evaluate_identities, format_identities

    scores = evaluate_identities(reference, datasets_dir)
    if as_json:
        click.echo(json.dumps(scores, indent=2, ensure_ascii=False))
        return
    click.echo(format_identities(scores))
