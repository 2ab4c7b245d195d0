"""Provenance commands ``link``, ``links``, ``clusters``, ``trace``, ``people``."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:  # the linker and the store load on first use: `reportedly --help` stays quick
    from ..corpus.link import LinkSummary

from .app import cli
from .corpus import db_option

T = TypeVar("T")
LINK_KINDS = ("duplicate", "syndicated", "update", "translation")
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl"]),
    default="text",
    show_default=True,
    help="text: for reading; json: one document; jsonl: one object a line.",
)


strict_option = click.option(
    "--strict",
    is_flag=True,
    help="Only links of high confidence (0.8 or more: most sentences aligned, most text shared).",
)


def describe_evidence(link: dict[str, Any]) -> str:
    """One line saying why two articles are linked: confidence, rule, aligned examples."""
    confidence = link.get("confidence")
    said = f"confidence {confidence:.2f}" if confidence is not None else "confidence unknown"
    said += f"; {link.get('rule') or 'no rule recorded'}"
    evidence = link.get("evidence") or {}
    examples = evidence.get("examples") or []
    if examples:
        first = examples[0]
        said += f'; e.g. "{first["a"][:60]}" = "{first["b"][:60]}" ({first["cosine"]})'
    return said


def emit(items: list[dict[str, Any]], fmt: str, text: Any) -> None:
    if fmt == "json":
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for item in items:
            click.echo(json.dumps(item, ensure_ascii=False))
    else:
        text(items)


def read_corpus(db_path: Path, query: Callable[..., T], *args: Any) -> T:
    """``query(db, *args)`` on the corpus at ``db_path``, opened read-only and closed after."""
    from ..corpus.store import open_db

    db = open_db(db_path, read_only=True)
    try:
        return query(db, *args)
    finally:
        db.close()


def run_link(db_path: Path, progress: bool, *, strict: bool = False) -> LinkSummary:
    """Link the corpus at ``db_path``, a progress line per article on stderr when asked."""
    from ..corpus.link import LinkEvent, LinkOptions
    from ..corpus.link import link as link_corpus
    from ..corpus.store import open_db

    def show(event: LinkEvent) -> None:
        if progress:
            click.echo(
                f"linked {event.article_id[:12]} [{event.language or '?'}] "
                f"{event.links} link(s), {event.joined} quote(s) joined",
                err=True,
            )

    db = open_db(db_path, must_exist=True)
    try:
        return link_corpus(db, LinkOptions(strict=strict), on_event=show)
    finally:
        db.close()


def format_link_summary(summary: LinkSummary, db_path: Path) -> str:
    kinds = ", ".join(f"{k} {v}" for k, v in summary.links.items()) or "none"
    lines = [
        f"{db_path}: {summary.linked} article(s) linked in {summary.seconds:.1f} s "
        f"({summary.unchanged} already linked)",
        f"  people      {summary.people}",
        f"  links       {kinds}",
        f"  clusters    {summary.clusters} (of 2+ quotes, {summary.clustered_quotes} quotes)",
    ]
    if summary.rejected:
        lines.append(f"  not linked  {summary.rejected} candidate(s) whose evidence did not hold")
    if summary.warnings:
        lines.append(f"  warnings    {len(summary.warnings)}")
        lines += [f"    {w}" for w in summary.warnings[:50]]
    return "\n".join(lines)


@cli.command()
@db_option
@click.option("--progress/--no-progress", default=None, help="A line per article on stderr.")
@click.option(
    "--strict",
    is_flag=True,
    help="Store only links of high confidence (0.8 or more); quote clusters cross only those.",
)
@format_option
def link(db_path: Path, progress: bool | None, strict: bool, fmt: str) -> None:
    """Build or update identities, article copies and quote clusters (incremental)."""
    show = sys.stderr.isatty() if progress is None else progress
    summary = run_link(db_path, show, strict=strict)
    if fmt == "text":
        click.echo(format_link_summary(summary, db_path))
    else:
        click.echo(
            json.dumps(summary.to_dict(), ensure_ascii=False, indent=None if fmt == "jsonl" else 2)
        )


@cli.command()
@db_option
@click.option("--kind", type=click.Choice(LINK_KINDS), help="Only links of this kind.")
@strict_option
@format_option
def links(db_path: Path, kind: str | None, strict: bool, fmt: str) -> None:
    """Copies of articles: duplicates, syndicated copies, updates, translations, each with
    its confidence and the evidence that made it."""
    from ..corpus.read.links import links as read_links

    rows = read_corpus(db_path, read_links, kind, strict)

    def text(items: list[dict[str, Any]]) -> None:
        for row in items:
            click.echo(
                f"{row['kind']:<11} {row['similarity']:.3f}  {row['a'][:12]} "
                f"[{row['a_language'] or '?'}] {row['a_outlet'] or '-'} {row['a_published'] or '?'}"
                f"  ->  {row['b'][:12]} [{row['b_language'] or '?'}] {row['b_outlet'] or '-'} "
                f"{row['b_published'] or '?'}  {row['b_title'] or ''}"
            )
            click.echo(f"            {describe_evidence(row)}")
        click.echo(f"{len(items)} link(s)", err=True)

    emit(rows, fmt, text)


@cli.command()
@db_option
@click.option("--speaker", help="Only clusters of this speaker (any alias, part of it).")
@click.option("--min-size", default=2, show_default=True, type=click.IntRange(1))
@click.option("--limit", type=click.IntRange(1), help="At most this many clusters.")
@format_option
def clusters(
    db_path: Path, speaker: str | None, min_size: int, limit: int | None, fmt: str
) -> None:
    """Quote clusters: the same utterance reported in several wordings, articles, languages."""
    from ..corpus.read.links import clusters_with_members

    rows = read_corpus(db_path, clusters_with_members, speaker, min_size, limit)

    def text(items: list[dict[str, Any]]) -> None:
        for row in items:
            click.echo(
                f"cluster {row['cluster']}: {row['speaker'] or 'unnamed source'} ({row['size']})"
            )
            for m in row["members"]:
                click.echo(
                    f"  {m['published'] or 'date unknown'} [{m['language'] or '?'}] "
                    f"{m['outlet'] or '-'}: {' '.join(m['text'].split())}"
                )
        click.echo(f"{len(items)} cluster(s)", err=True)

    emit(rows, fmt, text)


@cli.command()
@db_option
@click.option("--quote", help="Part of a quote's wording: trace its cluster.")
@click.option("--article", "article_id", help="An article id (or its start): trace its copies.")
@click.option("--strict", is_flag=True, help="--article: follow only high-confidence links.")
@format_option
def trace(db_path: Path, quote: str | None, article_id: str | None, strict: bool, fmt: str) -> None:
    """The timeline of a quote or an article: who carried it first, then each change."""
    if (quote is None) == (article_id is None):
        raise click.UsageError("give exactly one of --quote and --article")
    from ..corpus.read.timeline import trace_article, trace_quote

    found = (
        read_corpus(db_path, trace_quote, quote)
        if quote
        else read_corpus(db_path, trace_article, article_id or "", strict)
    )

    def text(items: list[dict[str, Any]]) -> None:
        from .trace_text import format_trace

        for line in format_trace(items[0], quote=quote is not None):
            click.echo(line)

    emit([found], fmt, text)


@cli.command()
@db_option
@click.option("--name", help="Only identities with this alias (part of it).")
@format_option
def people(db_path: Path, name: str | None, fmt: str) -> None:
    """Speaker identities across the corpus, with their aliases and counts."""
    from ..corpus.read.speakers import people as read_people

    rows = read_corpus(db_path, read_people, name)

    def text(items: list[dict[str, Any]]) -> None:
        for row in items:
            aliases = "; ".join(a for a in row["aliases"] if a != row["name"])
            click.echo(
                f"{row['name']} ({row['kind']}): {row['attributions']} attribution(s) in "
                f"{row['articles']} article(s)" + (f"  aka {aliases}" if aliases else "")
            )
        click.echo(f"{len(items)} identit{'y' if len(items) == 1 else 'ies'}", err=True)

    emit(rows, fmt, text)
