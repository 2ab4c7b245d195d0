"""The terminal section "How this article knows what it says": claims by source, then signals."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..records import Analysis, Claim, Quantity
from ..signal_records import Headline, RepairSignals, WordingItem
from .quantity_text import describe_quantity

SECTION_TITLE = "How this article knows what it says"
REPORTER_VOICE = "Reporter's voice"
MAX_CLAIM_CHARS = 220
# claim kinds in the order the first that applies wins (extract.classify_claim)
CLAIM_KINDS = ("quantity", "comparison", "causal", "date_time", "event", "other")


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """Claims in one voice: the reporter's, or one source's (by name)."""

    heading: str
    claims: tuple[tuple[int, Claim], ...]  # (index in analysis.claims, claim)


def group_claims(analysis: Analysis) -> list[ClaimGroup]:
    """Reporter's voice first, then each source in order of its first claim."""
    reporter: list[tuple[int, Claim]] = []
    by_source: dict[str, list[tuple[int, Claim]]] = {}
    for index, claim in enumerate(analysis.claims):
        if claim.attribution is None:
            reporter.append((index, claim))
        else:
            by_source.setdefault(source_heading(analysis, claim.attribution), []).append(
                (index, claim)
            )
    groups = [ClaimGroup(REPORTER_VOICE, tuple(reporter))] if reporter else []
    groups.extend(ClaimGroup(heading, tuple(items)) for heading, items in by_source.items())
    return groups


def source_heading(analysis: Analysis, attribution_index: int) -> str:
    if not 0 <= attribution_index < len(analysis.attributions):
        return "unknown source"
    source = analysis.attributions[attribution_index].source
    if source is None:
        return "no named source"
    return f"{source.name or source.text} ({source.type})"


def format_quantity(quantity: Quantity) -> str:
    """Say what a quantity amounts to, as a reader would: ``around 300,000 reservists``."""
    return describe_quantity(quantity)


def claims_legend_rows() -> list[tuple[str, str]]:
    """The marks of the claims tables and what they mean (for the report's legend)."""
    return [
        ("kind", "what a claim states, the first that applies: " + ", ".join(CLAIM_KINDS)),
        (
            "check",
            "check-worthiness, 0 to 1: how much the claim is worth checking "
            "(numbers, names and past events raise it; opinion, first person, predictions and "
            "loaded words lower it)",
        ),
        ("quantities", "the claim's numbers as read; the JSON keeps value, unit and hedge"),
        (
            "…",
            "shortened here, whole in the JSON; inside a claim, its parts on both sides of "
            "the words that attribute it",
        ),
    ]


def _shorten(text: str, limit: int = MAX_CLAIM_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def claims_table(group: ClaimGroup) -> Table:
    table = Table(
        title=f"{group.heading}: {len(group.claims)} claim(s)",
        title_justify="left",
        title_style="bold",
        show_edge=False,
        expand=True,
    )
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("check", justify="right", no_wrap=True)
    table.add_column("claim", overflow="fold", ratio=3)
    # a group without numbers spends no width on an empty column
    with_quantities = any(claim.quantities for _, claim in group.claims)
    if with_quantities:
        table.add_column("quantities", overflow="fold", ratio=1)
    for index, claim in group.claims:
        cells = [str(index), claim.kind, f"{claim.checkworthiness:.2f}", _shorten(claim.text)]
        if with_quantities:
            cells.append("; ".join(format_quantity(q) for q in claim.quantities))
        table.add_row(*cells)
    return table


def render_claims(analysis: Analysis) -> RenderableType:
    """The claims part alone (also what ``reportedly claims`` prints)."""
    groups = group_claims(analysis)
    if not groups:
        return Text("no checkable claims found", style="dim")
    return Group(*(claims_table(group) for group in groups))


def _counts(counts: Mapping[str, Any]) -> str:
    """Non-zero counts in their mapping's order."""
    shown = [f"{key} {value}" for key, value in counts.items() if value]
    return ", ".join(shown) if shown else "none"


def _signal_lines(analysis: Analysis) -> Iterator[Text]:
    signals = analysis.signals
    if signals is None:
        return
    share = signals.attributed_sentences
    yield Text(
        f"Sentences with an attribution: {share.attributed} of {share.sentences}"
        f" ({share.share:.0%})"
    )
    # by_type holds every group in the report's order (signals.compute.SOURCE_GROUP_ORDER)
    yield Text(f"Sources by type: {_counts(signals.sources.by_type)}")
    yield Text(f"Cue stances: {_counts(signals.cue_stances.by_stance)}")
    wording = signals.evaluative_wording
    yield Text(
        f"Evaluative or loaded wording (flagged, not judged): {wording.count} "
        f"({wording.reporter_voice} in the reporter's voice, "
        f"{wording.attributed} inside attributions)"
    )
    for item in wording.items:
        yield _wording_line(analysis, item)
    yield from _repair_lines(signals.repairs)
    yield from _headline_lines(signals.headline)


def _wording_line(analysis: Analysis, item: WordingItem) -> Text:
    if item.voice == "attribution" and item.attribution is not None:
        voice = f"in the words of {source_heading(analysis, item.attribution)}"
    else:
        voice = "headline" if item.in_title else "reporter's voice"
    line = Text("  • ")
    line.append(f"“{item.text}”", style="bold")
    line.append(f" {item.category}, {voice}")
    return line


def _repair_lines(repairs: RepairSignals) -> Iterator[Text]:
    if repairs.repairs:
        yield Text(f"Repairs: {len(repairs.repairs)} ({_counts(repairs.by_kind)})")
    if repairs.boilerplate:
        yield Text(f"Boilerplate or repeated headline left out: {len(repairs.boilerplate)}")
    if repairs.machine_translation:
        yield Text(f"Possible machine-translation breaks: {len(repairs.machine_translation)}")


def _headline_lines(headline: Headline) -> Iterator[Text]:
    for phrase in headline.phrases:
        line = Text("Headline quote ")
        line.append(f"“{phrase.text}”", style="bold")
        match = phrase.match
        if match is None:
            line.append(" is not found in the body", style="yellow")
        else:
            line.append(f" is in the body as “{match.text}” ({match.method}")
            line.append(f", {match.score:.2f})")
        yield line
    if headline.title is not None and headline.words_share is not None:
        missing = ", ".join(word.text for word in headline.missing)
        line = Text(f"Headline words used in the body: {headline.words_share:.0%}")
        if missing:
            line.append(f" (not in the body: {missing})")
        yield line


def render_knowledge_section(analysis: Analysis) -> RenderableType:
    """Claims grouped by source (reporter's voice first), then the signals."""
    parts: list[RenderableType] = [Rule(SECTION_TITLE, align="left"), render_claims(analysis)]
    lines = list(_signal_lines(analysis))
    if lines:
        parts.append(Text("Signals", style="bold"))
        parts.extend(lines)
    return Group(*parts)
