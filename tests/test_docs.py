"""README and docs against the code: commands, the Quick start contract, the schema doc."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import get_args

import click
import pytest

from reportedly.cli import cli
from reportedly.records import (
    SCHEMA,
    AttributionKind,
    ClaimKind,
    FlagKind,
    FoundBy,
    MenderName,
    RepairKind,
    SourceType,
    Stance,
)
from reportedly.signal_records import MatchMethod, SourceGroup, Voice

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _command_paths(group: click.Group, prefix: str = "") -> set[str]:
    paths = set()
    for name, command in group.commands.items():
        path = f"{prefix}{name}"
        if isinstance(command, click.Group):
            paths |= _command_paths(command, path + " ")
        else:
            paths.add(path)
    return paths


def test_quick_start_has_exactly_two_one_line_bash_blocks() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", section, flags=re.DOTALL)
    assert len(blocks) == 2
    assert all(len(block.strip().splitlines()) == 1 for block in blocks)
    assert "reportedly analyze examples/seed-article.txt" in blocks[0]
    assert "pytest" in blocks[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    section = README.split("## Quick start", 1)[1]
    test_command = re.findall(r"```bash\n(.*?)\n```", section, flags=re.DOTALL)[1]
    assert f"\n{test_command}\n" in ci


def test_every_command_is_in_the_readme_and_back() -> None:
    documented = set()
    for line in README.split("## Command line", 1)[1].split("\n## ", 1)[0].splitlines():
        pattern = r"reportedly ((?:[a-z]+)(?: (?:polnear|brat|jsonl|links|german|identities))?)"
        for match in re.finditer(pattern, line):
            documented.add(match.group(1))
    assert documented == _command_paths(cli)


def test_schema_doc_names_the_current_schema() -> None:
    assert f"`{SCHEMA}`" in (REPO / "docs" / "schema.md").read_text(encoding="utf-8")


def _schema_list(heading: str, label: str = "") -> tuple[str, ...]:
    """The values a list in docs/schema.md gives (each bullet's first code span): the first
    list in section ``heading``, or the first after the line starting with ``label``."""
    doc = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    section = doc.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    if label:
        section = section.split(f"\n{label}", 1)[1]
    block = "- " + section.split("\n- ", 1)[1].split("\n\n", 1)[0]
    return tuple(re.findall(r"(?m)^- `([^`]+)`", block))


def _schema_cell(field: str) -> tuple[str, ...]:
    """The values the type cell of ``field``'s row in a docs/schema.md table gives."""
    doc = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    row = re.search(rf"(?m)^\| `{re.escape(field)}` \| ([^|]*) \|", doc)
    assert row is not None, field
    return tuple(re.findall(r"`([^`]+)`", row.group(1)))


@pytest.mark.parametrize(
    ("values", "listed"),
    [
        pytest.param(AttributionKind, lambda: _schema_cell("kind"), id="AttributionKind"),
        pytest.param(SourceType, lambda: _schema_cell("source.type"), id="SourceType"),
        pytest.param(Stance, lambda: _schema_cell("cue.stance"), id="Stance"),
        pytest.param(
            FoundBy, lambda: _schema_list("`attributions[].origin`", "Found by:"), id="FoundBy"
        ),
        pytest.param(
            MenderName,
            lambda: _schema_list("`attributions[].origin`", "Changed by:"),
            id="MenderName",
        ),
        pytest.param(RepairKind, lambda: _schema_list("`repairs[].kind`"), id="RepairKind"),
        pytest.param(FlagKind, lambda: _schema_list("`flags[].kind`"), id="FlagKind"),
        pytest.param(ClaimKind, lambda: _schema_list("`claims[].kind`"), id="ClaimKind"),
        pytest.param(
            SourceGroup,
            lambda: _schema_list("`signals`", "`sources.items[].group`"),
            id="SourceGroup",
        ),
        pytest.param(
            Voice,
            lambda: _schema_list("`signals`", "`evaluative_wording.items[].voice`"),
            id="Voice",
        ),
        pytest.param(
            MatchMethod,
            lambda: _schema_list("`signals`", "`headline.phrases[].match.method`"),
            id="MatchMethod",
        ),
    ],
)
def test_the_schema_doc_lists_each_enumeration_exactly(
    values: object, listed: Callable[[], tuple[str, ...]]
) -> None:
    assert listed() == get_args(values)


def test_the_cascade_table_gives_each_part_its_registered_dev_effect() -> None:
    from reportedly.attribution.menders import MENDERS
    from reportedly.attribution.rules import RULES

    model_doc = (REPO / "docs" / "model.md").read_text(encoding="utf-8")
    start = model_doc.index("| part | tier / stage | dev effect (relation F1) | kept? |")
    table = model_doc[start : model_doc.index("\n\n", start)]
    documented = {
        match.group(1): float(match.group(2).replace("−", "-"))
        for match in re.finditer(r"(?m)^\| ([a-z-]+)\b[^|]*\| [^|]*\| ([+−-]?\d+\.\d\d)", table)
    }
    registered = {part.name: part.effect.dev_points for part in (*RULES, *MENDERS)}
    assert {name: documented.get(name) for name in registered} == registered


@pytest.mark.slow
def test_the_readme_python_snippet_runs_as_written(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    section = README.split("## Python", 1)[1]
    snippet = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)[0]
    monkeypatch.chdir(REPO)
    namespace: dict[str, object] = {}
    exec(compile(snippet, "README.md", "exec"), namespace)
    printed = capsys.readouterr().out
    # the English text by the rules alone, as the config says; the German one by its tagger
    assert "according_to" in printed and "+rules~fast/reportedly" in printed
    assert "+de." in printed
    assert any(a.source for a in namespace["german"].attributions)  # type: ignore[attr-defined]


def test_the_readme_spacy_snippet_runs_as_written(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    section = README.split("For NLP engineers", 1)[1]
    snippet = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)[0]
    assert "nlp = spacy.load(" in snippet  # says where `nlp` comes from
    monkeypatch.chdir(REPO)
    exec(compile(snippet, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "according_to official information a total of 17 women" in printed
    assert "Vladimir Putin" in printed
