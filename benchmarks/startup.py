"""Start-up of `reportedly` commands, each a fresh process, against a bare spaCy load.

    python benchmarks/startup.py [--runs 5] [--src OTHER/src] [--dev DEV_DIR] [--keep-no-bytecode]

Timed, ``--runs`` times each (median and minimum printed):

- ``bare spaCy``: ``python -c`` that loads the model reportedly uses and parses the
  one-line text: what any spaCy tool pays before its first result;
- ``analyze one-line file``: ``reportedly analyze`` on that text, and its ratio to the
  bare load (the aim: 1.15 or less);
- ``--help``, and ``quotes --limit 1`` on the corpus below (a read-only command);
- ``no-op ingest of dev``: ``reportedly ingest DEV_DIR --db X`` run again once every
  article is stored and linked (the first, analysing ingest is not timed). The aim for
  these three: under 1 s.

``--src`` runs the commands with another checkout's ``src`` first on ``PYTHONPATH``
(to compare with an earlier version). The processes may write bytecode caches, as an
installed package has them; ``--keep-no-bytecode`` keeps PYTHONDONTWRITEBYTECODE
from the environment (then every run compiles reportedly's sources again).
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

DEFAULT_DEV = Path(__file__).resolve().parents[1].parent / "shared/datasets/polnear/data/dev"
ONE_LINE = "The mayor said the bridge would reopen in May.\n"
BARE_SPACY = (
    "import sys, spacy; from reportedly.nlp import MODEL_NAME; "
    "nlp = spacy.load(MODEL_NAME); nlp(open(sys.argv[1], encoding='utf-8').read())"
)
AIM_RATIO = 1.15
AIM_SECONDS = 1.0


def timed(command: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median and minimum wall-clock seconds of ``runs`` fresh processes (one warm-up first)."""
    subprocess.run(command, env=env, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times)


def line(label: str, median: float, best: float, runs: int, note: str = "") -> None:
    print(f"{label:26} median {median:5.2f} s  min {best:5.2f} s  ({runs} runs){note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--src", type=Path)
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    parser.add_argument("--keep-no-bytecode", action="store_true")
    args = parser.parse_args()
    env = dict(os.environ)
    if args.src:
        env["PYTHONPATH"] = str(args.src.resolve())
    if not args.keep_no_bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    reportedly = [sys.executable, "-m", "reportedly"]
    runs = args.runs
    with tempfile.TemporaryDirectory() as folder:
        one_line = Path(folder, "one.txt")
        one_line.write_text(ONE_LINE, encoding="utf-8")
        bare = timed([sys.executable, "-c", BARE_SPACY, str(one_line)], env, runs)
        line("bare spaCy load + parse", *bare, runs)
        analyze = timed([*reportedly, "analyze", str(one_line)], env, runs)
        ratio = analyze[0] / bare[0]
        line("analyze one-line file", *analyze, runs, f"  ratio {ratio:.2f} (aim {AIM_RATIO})")
        # the accurate mode loads the token encoder too (issue 23; a fallback warning and the
        # fast mode's time where its packages are missing)
        accurate = timed([*reportedly, "analyze", "--mode", "accurate", str(one_line)], env, runs)
        line("analyze, accurate mode", *accurate, runs, f"  ratio {accurate[0] / bare[0]:.2f}")
        results = {}
        results["--help"] = timed([*reportedly, "--help"], env, runs)
        if not args.dev.is_dir():
            print(f"no-op ingest: skipped ({args.dev} not found)")
        else:
            db = str(Path(folder, "dev.db"))
            subprocess.run(
                [*reportedly, "ingest", str(args.dev), "--db", db, "--jobs", "1"],
                env=env,
                check=False,  # PolNeAR's .ann files are reported as skipped inputs
                capture_output=True,
            )
            quotes = [*reportedly, "quotes", "--db", db, "--limit", "1"]
            results["quotes --limit 1"] = timed(quotes, env, runs)
            no_op = [*reportedly, "ingest", str(args.dev), "--db", db, "--no-progress"]
            subprocess.run(no_op, env=env, check=False, capture_output=True)  # warm-up
            results["no-op ingest of dev"] = timed_no_op(no_op, env, runs)
        for label, (median, best) in results.items():
            verdict = "ok" if median < AIM_SECONDS else "over"
            line(label, median, best, runs, f"  aim < {AIM_SECONDS:.0f} s: {verdict}")


def timed_no_op(command: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """As :func:`timed`, for an ingest that must analyse nothing (its exit status 2 reports
    the inputs it skips: PolNeAR's .ann files)."""
    times = []
    for _ in range(runs):
        begun = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - begun)
        if done.returncode not in (0, 2) or " 0 analyzed" not in done.stdout:
            raise SystemExit(f"the no-op ingest did work or failed:\n{done.stdout}{done.stderr}")
    return statistics.median(times), min(times)


if __name__ == "__main__":
    main()
