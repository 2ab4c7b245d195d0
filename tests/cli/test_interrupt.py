"""Ctrl-C: the real CLI on PolNeAR articles with two worker processes, interrupted mid-run.

The command runs in a session of its own and gets SIGINT on its whole process
group, as a terminal's Ctrl-C sends it. It must stop with exit status 130 and
one line on stderr saying what was done, leave no process of its group behind,
and a rerun must complete the work.
"""

from __future__ import annotations

import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from reportedly.batch import list_shards
from reportedly.batch.shards import read_rows

DEV = Path(__file__).resolve().parents[2].parent / "shared/datasets/polnear/data/dev/text"
ARTICLES = 16

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = sorted(DEV.glob("*.txt"))[:ARTICLES]
    if len(files) < ARTICLES:
        pytest.skip(f"PolNeAR dev is not at {DEV}")
    folder = tmp_path_factory.mktemp("articles")
    for path in files:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def reportedly(*args: str) -> list[str]:
    return [sys.executable, "-m", "reportedly", *args]


def group_processes(group: int) -> list[int]:
    """Live (not zombie) processes whose process group is ``group``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def interrupt_when(command: list[str], ready: Callable[[str], bool]) -> tuple[int, str]:
    """Run ``command``, send Ctrl-C to its group once ``ready(stdout or stderr line so
    far)`` holds; its exit status and its stderr (all of it)."""
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    assert process.stdout is not None and process.stderr is not None
    seen: list[str] = []
    deadline = time.monotonic() + 240
    while not any(map(ready, seen)):
        assert time.monotonic() < deadline, seen
        assert process.poll() is None, (process.returncode, seen)
        readable, _, _ = select.select([process.stdout, process.stderr], [], [], 0.5)
        seen += [line for stream in readable if (line := stream.readline())]
        seen.append("")  # lets `ready` look at the time or the database between lines
    workers = group_processes(process.pid)
    assert len(workers) >= 2, workers  # the command and its workers
    os.killpg(process.pid, signal.SIGINT)
    _, errors = process.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while group_processes(process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not group_processes(process.pid), "processes left behind"
    errors = "".join(line for line in seen if line and not line.startswith("{")) + errors
    return process.returncode, errors


def one_line_besides_progress(errors: str) -> str:
    lines = [line for line in errors.splitlines() if line and not line.startswith("batch:")]
    assert "Traceback" not in errors
    assert len(lines) == 1, errors
    return lines[0]


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        try:
            return int(connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        except sqlite3.OperationalError:  # the schema is being made
            return 0


def test_an_interrupted_ingest_says_what_it_stored_and_a_rerun_completes(
    articles: Path, tmp_path: Path
) -> None:
    db = tmp_path / "corpus.db"
    command = reportedly("ingest", str(articles), "--db", str(db), "--jobs", "2")
    code, errors = interrupt_when(
        [*command, "--batch-size", "2", "--no-link"], lambda _: 2 <= stored(db) < ARTICLES
    )
    assert code == 130
    line = one_line_besides_progress(errors)
    count = stored(db)
    assert line == f"interrupted: {count} of {ARTICLES} articles stored; rerun to continue"
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"unchanged   {count}" in rerun.stdout
    assert stored(db) == ARTICLES


def test_an_interrupted_analyze_says_how_far_it_got(articles: Path) -> None:
    command = reportedly("analyze", str(articles), "--jobs", "2", "--format", "jsonl")
    code, errors = interrupt_when(command, lambda line: line.startswith("{"))
    assert code == 130
    line = one_line_besides_progress(errors)
    assert line.startswith("interrupted: ") and line.endswith(f" of {ARTICLES} articles analyzed")
    assert int(line.split()[1]) >= 1


def test_an_interrupted_local_batch_keeps_what_it_analysed_and_a_rerun_completes(
    articles: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    command = reportedly("batch", str(articles), "--out", str(out), "--workers", "2")
    code, errors = interrupt_when(
        [*command, "--batch-size", "2", "--progress-interval", "0"],
        lambda line: line.startswith("batch: "),
    )
    assert code == 130
    line = one_line_besides_progress(errors)
    written = len(list(read_rows(list_shards(str(out)), ["id"])))
    assert 2 <= written < ARTICLES
    assert line == (
        f"interrupted: {written} of {ARTICLES} articles written to {out}; rerun to continue"
    )
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"skipped     {written}" in rerun.stdout
    ids = [row["id"] for row in read_rows(list_shards(str(out)), ["id"])]
    assert len(ids) == len(set(ids)) == ARTICLES
