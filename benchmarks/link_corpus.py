"""Benchmark ``reportedly link``: seconds per 1,000 new articles as the corpus grows, peak memory.

The corpus is PolNeAR train (840 real articles) expanded with generated copies:
trimmed, re-headlined, paragraphs dropped, boilerplate added, so that most new
articles have many copies already stored (at 100,000 articles, about 120 of
each story). Each article carries PolNeAR's gold attributions (source words as
the speaker; in a copy, those whose content survived, at their new offsets), so
identities and quote clusters grow as in an ingested corpus. Articles are
inserted directly (no spaCy analysis: this measures linking alone) and linked
in steps; the seconds of the step after each size are reported per 1,000
articles, with the rows of the tables that grow.

    python benchmarks/link_corpus.py --sizes 10000 50000 100000 --step 1000
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from reportedly.corpus.link import link
from reportedly.corpus.store import open_db
from reportedly.evaluation.brat import GoldArticle, read_brat_dir

POLNEAR_TRAIN = (
    Path(__file__).resolve().parents[2] / "shared" / "datasets" / "polnear" / "data" / "train"
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


def attributions(source: GoldArticle, text: str, article_id: str) -> list[dict[str, Any]]:
    """The gold attributions of ``source`` whose content is found in ``text`` (a copy of it)."""
    rows = []
    for position, gold in enumerate(source.attributions):
        if not gold.content:
            continue
        start, end = gold.content[0][0], gold.content[-1][1]
        content = source.text[start:end]
        found = text.find(content)
        if found < 0:
            continue
        speaker = " ".join(" ".join(source.text[s:e] for s, e in gold.source).split())
        rows.append(
            {"article_id": article_id, "position": position, "kind": "indirect",
             "speaker": speaker or None, "source_text": speaker or None,
             "source_type": "person", "content": content, "content_start": found,
             "content_end": found + len(content), "origin": "gold"}
        )  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--step", type=int, default=1000, help="new articles timed at each size")
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N",
        help="print the N functions of each timed step with the most cumulative time (cProfile)",
    )  # fmt: skip
    args = parser.parse_args()
    sources = read_brat_dir(POLNEAR_TRAIN)
    rng = random.Random(9)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        count = 0

        def add(n: int) -> None:
            nonlocal count
            with db.atomic():
                for _ in range(n):
                    article_id = f"a{count}"
                    if count < len(sources):
                        source = sources[count]
                        text = source.text
                    else:
                        source = rng.choice(sources)
                        text = variant(source.text, rng, count)
                    db.execute(
                        "INSERT INTO articles (id, text, length, outlet, analysis_version) "
                        "VALUES (?, ?, ?, ?, 'bench')",
                        [article_id, text, len(text), f"outlet{count % 50}"],
                    )
                    rows = attributions(source, text, article_id)
                    if rows:
                        db.table("attributions").insert_all(rows)
                    count += 1

        def rows(table: str) -> int:
            return int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

        started_all = time.perf_counter()
        for size in args.sizes:
            add(size - args.step - count)
            started = time.perf_counter()
            filled = link(db).linked
            fill = time.perf_counter() - started
            add(args.step)
            profiler = cProfile.Profile() if args.profile else None
            started, cpu = time.perf_counter(), time.process_time()
            if profiler is not None:
                profiler.enable()
            summary = link(db)
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            if profiler is not None:
                profiler.disable()
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"corpus {size:>7,}: {seconds / summary.linked * 1000:.2f} s per 1,000 new "
                f"({cpu / summary.linked * 1000:.2f} s of CPU) "
                f"(filling to {size - args.step:,} took {fill:.0f} s, "
                f"{fill / max(filled, 1) * 1000:.2f} s per 1,000 on average); "
                f"rows: links {rows('links'):,}, link_bands {rows('link_bands'):,}, "
                f"people {summary.people:,}, attributions {rows('attributions'):,}, "
                f"clusters {rows('clusters'):,}, cluster_keys {rows('cluster_keys'):,}; "
                f"peak RSS {peak:.0f} MiB; {time.perf_counter() - started_all:.0f} s so far",
                flush=True,
            )


if __name__ == "__main__":
    main()
