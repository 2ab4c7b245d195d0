"""The terminal report: speaker -> verb -> content (channel), then repairs and flags,
then a legend that says what each mark means."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import get_args

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .claims.report import claims_legend_rows, render_knowledge_section
from .records import Analysis, Attribution, AttributionKind, SourceType, Stance

# Content longer than this is shortened in the terminal (the JSON keeps it whole).
CONTENT_PREVIEW = 220
# A speaker or verb column is never narrower than its longest word (up to this many
# characters), so that at 80 columns a verb is wrapped, never cut ("menti…").
LONGEST_WORD_KEPT = 16
NO_SOURCE = "(no source)"
NO_CUE = "(continues)"
# the width of the kind column of the repairs and flags panel (the longest kind and a space)
KIND_WIDTH = 22


def _shorten(text: str, limit: int = CONTENT_PREVIEW) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _speaker(attribution: Attribution) -> Text:
    source = attribution.source
    if source is None:
        return Text(NO_SOURCE, style="dim")
    line = Text(source.name, style="bold")
    if source.text.strip() != source.name:
        line.append(f" ({source.text.strip()})", style="dim")
    line.append(f"\n{source.type}", style="cyan")
    return line


def longest_word(texts: Iterable[str], limit: int = LONGEST_WORD_KEPT) -> int:
    """The length of the longest word in ``texts``, at most ``limit``."""
    return min(limit, max((len(word) for text in texts for word in text.split()), default=1))


def attributions_table(analysis: Analysis) -> Table:
    table = Table(title="Who said what", show_lines=True, expand=True)
    table.add_column("#", justify="right", style="dim", width=3)
    # the words shown in each column: a source's name and type, the cue and its stance
    speakers = [
        f"{a.source.name} {a.source.type}" if a.source else NO_SOURCE for a in analysis.attributions
    ]
    verbs = [f"{a.cue.text} {a.cue.stance}" if a.cue else NO_CUE for a in analysis.attributions]
    # ``width`` on a ratio column is its minimum (rich gives ratio columns no min_width)
    table.add_column("speaker", ratio=2, width=longest_word(speakers))
    table.add_column("verb", ratio=1, width=longest_word(verbs))
    table.add_column("content", ratio=6)
    for index, attribution in enumerate(analysis.attributions):
        cue = attribution.cue
        verb = Text(cue.text if cue else NO_CUE, style="magenta")
        if cue:
            verb.append(f"\n{cue.stance}", style="dim")
        content = Text(_shorten(attribution.content.text))
        content.append(f"\n[{attribution.kind}]", style="green")
        if attribution.channel is not None:
            content.append(f" via {attribution.channel.text}", style="yellow")
        start, end = attribution.content.spans[0]
        content.append(f"  @{start}-{end}", style="dim")
        table.add_row(str(index), _speaker(attribution), verb, content)
    return table


def repairs_and_flags(analysis: Analysis) -> RenderableType:
    lines = Text()
    for item in analysis.repairs:
        start, end = item.spans[0]
        lines.append(f"repair  {item.kind:<{KIND_WIDTH}}", style="yellow")
        after = f" -> {item.after!r}" if item.after else " (excluded from analysis)"
        lines.append(f"@{start}-{end} {_shorten(item.before, 60)!r}{after}\n")
    for flag in analysis.flags:
        start, end = flag.spans[0]
        lines.append(f"flag    {flag.kind:<{KIND_WIDTH}}", style="red")
        lines.append(f"@{start}-{end} {_shorten(analysis.text[start:end], 60)!r} {flag.note}\n")
    for warning in analysis.warnings:
        lines.append(f"warning {warning}\n", style="bold red")
    if not lines:
        lines.append("no repairs, flags or warnings", style="dim")
    return Panel(lines, title="Repairs and flags", title_align="left")


def _legend_row(table: Table, mark: str, meaning: str) -> None:
    table.add_row(Text(mark, style="bold"), meaning)


def legend(*, attributions: bool = True) -> RenderableType:
    """What the report's marks mean (``attributions=False``: the claims' marks only)."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column()
    if attributions:
        for mark, meaning in (
            (
                "speaker",
                "the speaker's resolved name, the text's own words for them in (parentheses), "
                f"and under it the type of source: {', '.join(get_args(SourceType))}; "
                f"{NO_SOURCE}: the text names none",
            ),
            (
                "verb",
                "the words that report the speech (the cue), and under them their stance, "
                f"how they frame it: {', '.join(get_args(Stance))}; {NO_CUE}: a quote that "
                "goes on with no cue of its own",
            ),
            *_kind_rows(),
            ("via X", "the channel the words came through (an agency, a statement)"),
            (
                "@160-190",
                "where the content is: [start, end) character offsets into the original "
                "input, before any repair (every span of the JSON output is so)",
            ),
            ("repair", "text changed or left out before the analysis, with its offsets"),
            ("flag", "suspicious text left as it was (a likely machine-translation break)"),
        ):
            _legend_row(table, mark, meaning)
    for mark, meaning in claims_legend_rows():
        _legend_row(table, mark, meaning)
    return Panel(table, title="Legend", title_align="left", border_style="dim")


def _kind_rows() -> list[tuple[str, str]]:
    meanings: dict[AttributionKind, str] = {
        "direct": "a quotation, in its quote marks",
        "indirect": "reported speech, in the reporter's words",
        "mixed": "reported speech with a quoted fragment in it",
        "according_to": '"according to X"',
    }
    return [(f"[{kind}]", meanings[kind]) for kind in get_args(AttributionKind)]


def page_header(metadata: Mapping[str, str | None]) -> Text | None:
    """The page's own title, then its outlet, date and address, as the source gave them."""
    title = metadata.get("title")
    details = [metadata.get(key) for key in ("outlet", "published", "url")]
    if not title and not any(details):
        return None
    line = Text()
    if title:
        line.append(f"page title: {title}", style="bold")
    shown = " · ".join(detail for detail in details if detail)
    if shown:
        line.append(("\n" if title else "") + shown, style="cyan")
    return line


def render_analysis(
    analysis: Analysis, name: str, metadata: Mapping[str, str | None] | None = None
) -> RenderableType:
    """The report of one article; ``metadata`` is what its source said about it
    (``title``, ``outlet``, ``published``, ``url``: a web page's, a feed item's)."""
    parts: list[RenderableType] = [Text(f"{name}", style="bold underline")]
    header = page_header(metadata or {})
    if header is not None:
        parts.append(header)
    if analysis.title is not None:
        parts.append(Text(f"headline: {analysis.title.text}", style="italic"))
    if analysis.attributions:
        parts.append(attributions_table(analysis))
    else:
        parts.append(Text("no attributions found", style="dim"))
    parts.append(render_knowledge_section(analysis))
    parts.append(repairs_and_flags(analysis))
    return Group(*parts)


def print_analysis(
    console: Console,
    analysis: Analysis,
    name: str,
    metadata: Mapping[str, str | None] | None = None,
) -> None:
    console.print(render_analysis(analysis, name, metadata))
