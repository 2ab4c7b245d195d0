"""What claims and signals cost, as a share of the whole analysis, on PolNeAR dev.

    python benchmarks/claims_cost.py [TEXT_DIR] [--repeat N]

Times, over every article of the split (default: PolNeAR dev, or $REPORTEDLY_POLNEAR):
a bare spaCy parse (``load_nlp(with_attributions=False)``), the whole analysis
(``reportedly.analyze_many``, one process), and inside it the time spent in
``extract_claims`` (which also makes the passes it shares with signals) and
``compute_signals``. Both functions are wrapped with timers *before* the pipeline
is imported, so the pipeline calls the wrapped versions. The best of ``--repeat``
runs is reported for each figure.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEFAULT_POLNEAR = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "polnear"


def _timed(fn: Callable[..., Any], totals: dict[str, float], key: str) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[key] += time.perf_counter() - start

    return wrapper


def _instrument(totals: dict[str, float]) -> None:
    """Wrap the two entry points where the pipeline will look them up."""
    from reportedly.claims import extract
    from reportedly.signals import compute

    extract.extract_claims = _timed(extract.extract_claims, totals, "claims")  # type: ignore[method-assign]
    compute.compute_signals = _timed(compute.compute_signals, totals, "signals")  # type: ignore[method-assign]
    pipeline = sys.modules.get("reportedly.pipeline")
    if pipeline is not None:  # imported already: rebind its names too
        for name, module in (("extract_claims", extract), ("compute_signals", compute)):
            if hasattr(pipeline, name):
                setattr(pipeline, name, getattr(module, name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    polnear = Path(os.environ.get("REPORTEDLY_POLNEAR", DEFAULT_POLNEAR))
    parser.add_argument("text_dir", nargs="?", type=Path, default=polnear / "data/dev/text")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    paths = sorted(args.text_dir.glob("*.txt"))
    if not paths:
        print(f"error: no .txt files in {args.text_dir}", file=sys.stderr)
        return 2
    texts = [p.read_text(encoding="utf-8") for p in paths]

    totals = {"claims": 0.0, "signals": 0.0}
    _instrument(totals)
    from reportedly import analyze_many
    from reportedly.nlp import load_nlp

    bare = load_nlp(with_attributions=False)
    list(analyze_many(texts[:2]))  # load models and warm caches outside the timings
    list(bare.pipe(texts[:2]))

    best: dict[str, float] = {}
    claims_count = 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        tokens = sum(len(doc) for doc in bare.pipe(texts))
        bare_s = time.perf_counter() - start

        totals["claims"] = totals["signals"] = 0.0
        start = time.perf_counter()
        analyses = list(analyze_many(texts))
        whole_s = time.perf_counter() - start
        claims_count = sum(len(a.claims) for a in analyses)
        run = {"bare": bare_s, "whole": whole_s, **totals}
        best = {k: min(v, best.get(k, v)) for k, v in run.items()}

    if best["claims"] == 0.0 and best["signals"] == 0.0:
        print("error: the pipeline did not call extract_claims/compute_signals", file=sys.stderr)
        return 1
    part = best["claims"] + best["signals"]
    print(f"articles: {len(texts)}  tokens: {tokens}  claims found: {claims_count}")
    print(f"bare spaCy parse:        {best['bare']:.2f} s")
    ratio = best["whole"] / best["bare"]
    print(f"whole analysis:          {best['whole']:.2f} s  ({ratio:.2f}x bare)")
    print(f"  extract_claims:        {best['claims']:.3f} s (with the passes shared with signals)")
    print(f"  compute_signals:       {best['signals']:.3f} s")
    print(f"  claims + signals:      {part:.3f} s = {part / best['whole']:.1%} of the analysis")
    return 0


if __name__ == "__main__":
    sys.exit(main())
