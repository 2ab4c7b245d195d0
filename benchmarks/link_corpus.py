"""Benchmark ``reportedly link``: seconds per 1,000 new articles as the corpus grows, peak memory.

The corpus is PolNeAR train (840 real articles) expanded with generated copies:
trimmed, re-headlined, paragraphs dropped, boilerplate added, and words changed,
so that most new articles have copies already stored. Articles are inserted
directly (no spaCy analysis: this measures linking alone) and linked in steps;
the seconds of each step are reported per 1,000 articles at each corpus size.

    python benchmarks/link_corpus.py --sizes 10000 50000 100000 --step 1000
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

from reportedly.corpus.link import link
from reportedly.corpus.store import open_db

POLNEAR = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "datasets"
    / "polnear"
    / "data"
    / "train"
    / "text"
)
BOILERPLATE = "\n\nSign up for our newsletter. Follow us on social media. All rights reserved."


def variant(text: str, rng: random.Random, n: int) -> str:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    choice = rng.randrange(4)
    if choice == 0 and len(paragraphs) > 3:  # trimmed
        paragraphs = paragraphs[: max(3, int(len(paragraphs) * rng.uniform(0.5, 0.9)))]
    elif choice == 1 and len(paragraphs) > 3:  # paragraphs dropped
        paragraphs = [p for p in paragraphs if rng.random() > 0.25] or paragraphs
    elif choice == 2:  # re-headlined
        paragraphs = [f"Headline {n}: {paragraphs[0][:60]}", *paragraphs[1:]]
    body = "\n".join(paragraphs)
    if rng.random() < 0.5:
        body += BOILERPLATE
    return f"{body}\n(copy {n})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--step", type=int, default=1000, help="new articles timed at each size")
    args = parser.parse_args()
    sources = [p.read_text(encoding="utf-8") for p in sorted(POLNEAR.glob("*.txt"))]
    rng = random.Random(9)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        count = 0

        def add(n: int) -> None:
            nonlocal count
            with db.atomic():
                for _ in range(n):
                    text = (
                        sources[count]
                        if count < len(sources)
                        else variant(rng.choice(sources), rng, count)
                    )
                    db.execute(
                        "INSERT INTO articles (id, text, length, outlet, analysis_version) "
                        "VALUES (?, ?, ?, ?, 'bench')",
                        [f"a{count}", text, len(text), f"outlet{count % 50}"],
                    )
                    count += 1

        for size in args.sizes:
            add(size - args.step - count)
            started = time.perf_counter()
            link(db)
            fill = time.perf_counter() - started
            add(args.step)
            started = time.perf_counter()
            summary = link(db)
            seconds = time.perf_counter() - started
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"corpus {size:>7,}: {seconds / summary.linked * 1000:.2f} s per 1,000 new "
                f"(filling to {size - args.step:,} took {fill:.0f} s); links {summary.links}; "
                f"peak RSS {peak:.0f} MiB",
                flush=True,
            )


if __name__ == "__main__":
    main()
