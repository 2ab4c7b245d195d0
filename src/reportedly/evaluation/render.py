"""Rendering rich tables to plain text (no colour, no terminal needed)."""

from __future__ import annotations

import io

from rich.console import Console, RenderableType


def render_text(renderable: RenderableType, width: int = 100) -> str:
    """``renderable`` as plain text lines, ending with one newline."""
    buffer = io.StringIO()
    # markup off: article text holds "[...]" that rich would otherwise take for styles
    console = Console(
        file=buffer, width=width, color_system=None, highlight=False, emoji=False, markup=False
    )
    console.print(renderable)
    lines = [line.rstrip() for line in buffer.getvalue().rstrip().split("\n")]
    return "\n".join(lines) + "\n"
