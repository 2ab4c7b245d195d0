"""Progress bars with totals and the time left, on a real terminal (a pseudo-terminal)."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")

TEXTS = [
    "“We will build it by 2026,” said Mayor Jane Doe on Monday.",
    "The governor said taxes would rise next year.",
    "Officials said the port would close on Friday.",
]


def run_on_a_terminal(*args: str) -> tuple[int, str, str]:
    """Run reportedly with stderr on a pseudo-terminal and stdout on a pipe."""
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "reportedly", *args],
        stdout=subprocess.PIPE,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    seen = bytearray()
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal's other end closed: the process is done with it
            break
        if not chunk:
            break
        seen += chunk
    assert proc.stdout is not None
    out = proc.stdout.read().decode("utf-8")
    proc.wait(timeout=300)
    os.close(master)
    terminal = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", seen.decode("utf-8", errors="replace"))
    return proc.returncode, out, terminal


def test_eval_shows_a_bar_with_the_total_and_prints_its_table(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    with gold.open("w", encoding="utf-8") as stream:
        for i, text in enumerate(TEXTS):
            cue = text.index("said")
            content = [0, text.index("”") + 1] if i == 0 else [cue + 5, len(text) - 1]
            attribution = {"cue": [[cue, cue + 4]], "content": [content]}
            record = {"id": f"a{i}", "text": text, "attributions": [attribution]}
            stream.write(json.dumps(record) + "\n")
    code, out, terminal = run_on_a_terminal("eval", "jsonl", str(gold), "--jobs", "1")
    assert code == 0, terminal
    assert re.search(r"analyzing .* [0-3]/3 ", terminal), terminal  # done of total
    assert "cue" in out  # the table, on stdout after the bar


def test_analyze_shows_a_bar_when_its_output_goes_to_a_pipe(tmp_path: Path) -> None:
    paths = []
    for i, text in enumerate(TEXTS):
        path = tmp_path / f"{i}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    code, out, terminal = run_on_a_terminal("analyze", "--format", "jsonl", *paths, "--jobs", "1")
    assert code == 0, terminal
    assert re.search(r"analyzing .* [0-3]/3 ", terminal), terminal  # stdout is a pipe
    assert len(out.splitlines()) == 3
