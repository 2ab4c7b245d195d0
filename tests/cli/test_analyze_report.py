"""The terminal report at 80 and 120 columns: nothing cut, nothing too wide, a legend."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from reportedly.cli import cli
from reportedly.records import Analysis
from reportedly.report import legend, print_analysis

REPO = Path(__file__).resolve().parents[2]
SEED_PATH = REPO / "examples" / "seed-article.txt"


def rendered(analysis: Analysis, width: int) -> str:
    console = Console(record=True, width=width, highlight=False)
    print_analysis(console, analysis, "seed-article.txt")
    console.print(legend())
    return console.export_text()


def verb_column_words(report: str) -> list[str]:
    """The words in the verb column of the "Who said what" table (its third cell)."""
    table = report.split("Who said what", 1)[1].split("How this article knows", 1)[0]
    cells = [line.split("│")[3] for line in table.splitlines() if line.count("│") == 5]
    return [word for cell in cells for word in cell.split()]


@pytest.mark.parametrize("width", [80, 120])
def test_every_cue_is_whole_and_no_line_is_too_wide(seed_analysis: Analysis, width: int) -> None:
    report = rendered(seed_analysis, width)
    assert max(len(line) for line in report.splitlines()) <= width
    words = verb_column_words(report)
    assert words and not any("…" in word for word in words)
    for attribution in seed_analysis.attributions:
        assert attribution.cue is not None
        for word in (*attribution.cue.text.split(), attribution.cue.stance):
            assert word in words, (word, width)


def test_the_legend_explains_every_mark(seed_analysis: Analysis) -> None:
    report = rendered(seed_analysis, 100)
    shown = report.split("Legend", 1)[1]
    for mark in ("speaker", "verb", "[mixed]", "[according_to]", "via X", "@160-190", "check"):
        assert mark in shown
    # the types and stances the report prints are named in it
    for attribution in seed_analysis.attributions:
        if attribution.source is not None:
            assert attribution.source.type in shown
        assert attribution.cue is not None and attribution.cue.stance in shown
    assert "character offsets into the original" in " ".join(shown.split())


def test_analyze_and_claims_print_the_legend_unless_told_not_to() -> None:
    runner = CliRunner()
    for command in ("analyze", "claims"):
        with_legend = runner.invoke(cli, [command, str(SEED_PATH)])
        without = runner.invoke(cli, [command, "--no-legend", str(SEED_PATH)])
        assert with_legend.exit_code == 0 and without.exit_code == 0, command
        assert "Legend" in with_legend.stdout and "check-worthiness" in with_legend.stdout
        assert "Legend" not in without.stdout
        assert without.stdout in with_legend.stdout  # the report itself is the same
