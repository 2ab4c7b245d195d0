"""Wall-clock time of `reportedly analyze` on a one-line file, and of `reportedly --help`.

    python benchmarks/startup.py [--runs 5] [--src OTHER/src]

Each command runs ``--runs`` times as a fresh process; the median and the
minimum are printed. ``--src`` runs the same commands with another checkout's
``src`` first on ``PYTHONPATH`` (to compare with an earlier version).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(command: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--src", type=Path)
    args = parser.parse_args()
    env = dict(os.environ)
    if args.src:
        env["PYTHONPATH"] = str(args.src.resolve())
    with tempfile.TemporaryDirectory() as folder:
        one_line = Path(folder, "one.txt")
        one_line.write_text("The mayor said the bridge would reopen in May.\n", encoding="utf-8")
        for label, command in (
            ("--help", [sys.executable, "-m", "reportedly", "--help"]),
            (
                "analyze one-line file",
                [sys.executable, "-m", "reportedly", "analyze", str(one_line)],
            ),
        ):
            median, best = timed(command, env, args.runs)
            print(f"{label:24} median {median:.2f} s  min {best:.2f} s  ({args.runs} runs)")


if __name__ == "__main__":
    main()
