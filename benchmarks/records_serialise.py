"""Time the analysis records' JSON form both ways, over PolNeAR dev's analyses.

    python benchmarks/records_serialise.py [TEXT_DIR] [--repeat 5] [--limit N] [--rounds 20]

TEXT_DIR defaults to PolNeAR dev's text folder. The texts are analysed once (not
timed); then, ``--rounds`` times over all of them, per repeat:

- ``to_dict``: ``Analysis.to_dict(include_text=False)``, what the corpus store and the
  batch shards serialise for every article;
- ``from_dict``: ``reportedly.batch.records.analysis_from_dict``, what loading a shard
  into the corpus does with each record (``json.loads`` not included);
- ``json``: ``record_json`` (``to_dict`` plus the compact ``json.dumps``), the string
  the corpus stores.

Prints the best of ``--repeat`` for each, in milliseconds per round and microseconds
per record.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from reportedly import analyze_many
from reportedly.batch.records import analysis_from_dict, record_json

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared/datasets/polnear/data/dev/text"


def best(repeat: int, rounds: int, run: Callable[[], object]) -> float:
    """The fastest of ``repeat`` timings of ``rounds`` calls of ``run``, per call."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(rounds):
            run()
        times.append((time.perf_counter() - start) / rounds)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    paths = sorted(args.text_dir.glob("*.txt"))[: args.limit or None]
    if not paths:
        raise SystemExit(f"error: no .txt files in {args.text_dir}")
    texts = [p.read_text(encoding="utf-8") for p in paths]
    analyses = list(analyze_many(texts))
    records = [a.to_dict(include_text=False) for a in analyses]

    def to_dicts() -> None:
        for analysis in analyses:
            analysis.to_dict(include_text=False)

    def from_dicts() -> None:
        for record, text in zip(records, texts, strict=True):
            analysis_from_dict(record, text)

    def to_json() -> None:
        for analysis in analyses:
            record_json(analysis)

    n = len(analyses)
    print(f"records: {n}  rounds: {args.rounds}  repeat: {args.repeat} (best of)")
    for name, run in (("to_dict", to_dicts), ("from_dict", from_dicts), ("json", to_json)):
        seconds = best(args.repeat, args.rounds, run)
        print(f"{name:<10}: {seconds * 1e3:8.2f} ms per round  {seconds / n * 1e6:7.1f} µs/record")


if __name__ == "__main__":
    main()
