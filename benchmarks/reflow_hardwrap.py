"""How many attributions survive hard wrapping, with and without the repair's re-flow.

    python benchmarks/reflow_hardwrap.py [--split dev] [--width 72] [--limit N] [--json PATH]

Each PolNeAR article of the split is hard-wrapped at ``--width`` columns the way
``textwrap`` wraps (a space at the wrap point becomes a line break; one character
for one, so the gold offsets still hold), and analyzed three ways, on one process:

- ``original``: the text as PolNeAR has it;
- ``wrapped, no re-flow``: the wrapped text, with the repair's re-flow switched off
  (what reportedly did before the re-flow existed);
- ``wrapped, re-flow``: the wrapped text, as reportedly analyzes it now.

It prints the number of attributions found and the relation and content (overlap)
F1 against the gold annotations for each.
"""

from __future__ import annotations

import argparse
import functools
import json
import time
from pathlib import Path
from typing import Any

DEFAULT_POLNEAR = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "polnear"


def hard_wrap(text: str, width: int) -> str:
    """``text`` with each line broken at ``width`` columns, a space becoming a line break."""
    out = list(text)
    line_start = 0
    last_space = -1
    for i, ch in enumerate(text):
        if ch == "\n":
            line_start, last_space = i + 1, -1
            continue
        if ch == " ":
            last_space = i
        if i - line_start >= width and last_space > line_start:
            out[last_space] = "\n"
            line_start, last_space = last_space + 1, -1
    return "".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--width", type=int, default=72)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from reportedly import pipeline
    from reportedly.evaluation.brat import read_brat_dir
    from reportedly.evaluation.runner import evaluate
    from reportedly.repair import RepairConfig, repair

    articles = read_brat_dir(args.polnear / "data" / args.split)
    if args.limit:
        articles = articles[: args.limit]
    wrapped = [type(a)(a.id, hard_wrap(a.text, args.width), a.attributions) for a in articles]
    assert all(len(w.text) == len(a.text) for w, a in zip(wrapped, articles, strict=True))
    results: dict[str, Any] = {"split": args.split, "width": args.width, "articles": len(articles)}
    runs = (
        ("original", articles, True),
        ("wrapped, no re-flow", wrapped, False),
        ("wrapped, re-flow", wrapped, True),
    )
    for label, gold, reflow in runs:
        pipeline.repair = functools.partial(  # type: ignore[assignment]
            repair, config=RepairConfig(reflow_hard_wraps=reflow)
        )
        started = time.perf_counter()
        analyses = list(pipeline.analyze_many([a.text for a in gold], n_process=1))
        scores = evaluate(gold, analyses).scores.to_dict()
        row = {
            "attributions": sum(len(a.attributions) for a in analyses),
            "relation_f1": scores["relation"]["f1"],
            "content_overlap_f1": scores["content"]["overlap"]["f1"],
            "source_overlap_f1": scores["source"]["overlap"]["f1"],
            "seconds": round(time.perf_counter() - started, 1),
        }
        results[label] = row
        print(f"{label:22} {json.dumps(row)}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
