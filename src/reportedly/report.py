"""The terminal report: speaker -> verb -> content (channel), then repairs and flags."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .claims.report import render_knowledge_section
from .records import Analysis, Attribution

# Content longer than this is shortened in the terminal (the JSON keeps it whole).
CONTENT_PREVIEW = 220


def _shorten(text: str, limit: int = CONTENT_PREVIEW) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _speaker(attribution: Attribution) -> Text:
    source = attribution.source
    if source is None:
        return Text("(no source)", style="dim")
    line = Text(source.name, style="bold")
    if source.text.strip() != source.name:
        line.append(f" ({source.text.strip()})", style="dim")
    line.append(f"\n{source.type}", style="cyan")
    return line


def attributions_table(analysis: Analysis) -> Table:
    table = Table(title="Who said what", show_lines=True, expand=True)
    table.add_column("#", justify="right", style="dim", width=3)
    table.add_column("speaker", ratio=2)
    table.add_column("verb", ratio=1)
    table.add_column("content", ratio=6)
    for index, attribution in enumerate(analysis.attributions):
        cue = attribution.cue
        verb = Text(cue.text if cue else "(continues)", style="magenta")
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
        lines.append(f"repair  {item.kind:<19}", style="yellow")
        after = f" -> {item.after!r}" if item.after else " (excluded from analysis)"
        lines.append(f"@{start}-{end} {_shorten(item.before, 60)!r}{after}\n")
    for flag in analysis.flags:
        start, end = flag.spans[0]
        lines.append(f"flag    {flag.kind:<19}", style="red")
        lines.append(f"@{start}-{end} {_shorten(analysis.text[start:end], 60)!r} {flag.note}\n")
    for warning in analysis.warnings:
        lines.append(f"warning {warning}\n", style="bold red")
    if not lines:
        lines.append("no repairs, flags or warnings", style="dim")
    return Panel(lines, title="Repairs and flags", title_align="left")


def render_analysis(analysis: Analysis, name: str) -> RenderableType:
    parts: list[RenderableType] = [Text(f"{name}", style="bold underline")]
    if analysis.title is not None:
        parts.append(Text(f"headline: {analysis.title.text}", style="italic"))
    if analysis.attributions:
        parts.append(attributions_table(analysis))
    else:
        parts.append(Text("no attributions found", style="dim"))
    parts.append(render_knowledge_section(analysis))
    parts.append(repairs_and_flags(analysis))
    return Group(*parts)


def print_analysis(console: Console, analysis: Analysis, name: str) -> None:
    console.print(render_analysis(analysis, name))
