"""Fixtures of the batch tests: a PolNeAR dev subset, its single-process records, bad inputs.

The subset is the first 12 of dev's 84 articles (sorted by name): enough for
several batches on two workers, small enough to keep the tests fast on a
2-core machine.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from reportedly.batch.records import record_json
from reportedly.ingest.sources import article_id

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DEV = REPO.parent / "shared" / "datasets" / "polnear" / "data" / "dev" / "text"
SUBSET = 12
FAULTY = "faulty_analyser:analyse"


def dev_subset() -> list[Path]:
    files = sorted(DEV.glob("*.txt"))[:SUBSET]
    if len(files) < SUBSET:
        pytest.skip(f"PolNeAR dev is not at {DEV}")
    return files


@pytest.fixture(scope="session")
def dev_files() -> list[Path]:
    return dev_subset()


@pytest.fixture(scope="session")
def reference(dev_files: list[Path]) -> dict[str, str]:
    """Each subset article's record by the single-process path (``reportedly.analyze``)."""
    from reportedly import analyze

    records = {}
    for path in dev_files:
        text = path.read_text(encoding="utf-8")
        records[article_id(text)] = record_json(analyze(text))
    return records


@pytest.fixture
def faulty(monkeypatch: pytest.MonkeyPatch) -> str:
    """The spec of the faulty analyser, importable here and in spawned workers."""
    monkeypatch.syspath_prepend(str(HERE))
    return FAULTY


@dataclass(frozen=True)
class BadInputs:
    folder: Path
    good: tuple[str, ...]  # texts that must be analysed
    kill_flag: Path  # created when the planted SIGKILL happened


def make_bad_inputs(folder: Path, good_texts: list[str]) -> BadInputs:
    """A binary file, a JSONL file with a bad line and a raising article, a SIGKILL article."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    kill_flag = folder.parent / "killed.flag"
    killed_text = (
        f"Officials said the bridge would open in May. PLANTED-SIGKILL-ONCE:{kill_flag}\n\n"
        '"It is ready," the mayor said.'
    )
    lines = [
        json.dumps({"text": good_texts[0], "title": "A good one"}),
        '{"text": "an unterminated string',
        json.dumps({"text": "The minister said PLANTED-RAISE would break this one."}),
        json.dumps({"text": good_texts[1]}),
    ]
    (folder / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "killed.txt").write_text(killed_text, encoding="utf-8")
    for number, text in enumerate(good_texts[2:]):
        (folder / f"more-{number}.txt").write_text(text, encoding="utf-8")
    return BadInputs(folder, (*good_texts, killed_text), kill_flag)


@pytest.fixture(scope="session")
def make_bad() -> Callable[[Path, list[str]], BadInputs]:
    return make_bad_inputs


@pytest.fixture
def bad_inputs(tmp_path: Path, dev_files: list[Path]) -> BadInputs:
    texts = [path.read_text(encoding="utf-8") for path in dev_files[:2]]
    return make_bad_inputs(tmp_path / "bad", texts)
