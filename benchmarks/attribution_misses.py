"""Where the analysis misses PolNeAR attributions, by cue word and pattern.

    python benchmarks/attribution_misses.py [SPLIT_DIR] [--limit N] [--top 40]

SPLIT_DIR defaults to PolNeAR *train* (look for rules there, check them on dev: a
rule found by reading dev's misses only fits dev). The held-out test split is never
read. Each gold attribution the analysis does not find (relation matching, as in
``reportedly eval``) falls in one bucket:

- no predicted cue overlaps its cue: counted by the cue's last word (lower case) and
  by where its content stands (right after the cue, after a comma or colon, further
  on, or before the cue);
- a predicted cue overlaps but the source differs, or the content overlaps less than
  half (IoU < 0.5): counted by origin (``model``, ``model+filled-content``, rules).

Note that the shipped model was trained on train, so on train it misses less than on
unseen text; the shape of what it misses is what this script is for.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from reportedly import analyze_many
from reportedly.evaluation import intervals
from reportedly.evaluation.brat import read_brat_dir
from reportedly.evaluation.runner import attribution_spans
from reportedly.evaluation.scoring import relation_matches
from reportedly.records import EvalSpans

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared/datasets/polnear/data/train"


def where_content(text: str, gold: EvalSpans) -> str:
    """Where a gold content stands relative to its cue."""
    if not gold.content or not gold.cue:
        return "no content"
    gap_start, content_start = gold.cue[-1][1], gold.content[0][0]
    if content_start < gap_start:
        return "before the cue"
    gap = text[gap_start:content_start].strip()
    if not gap:
        return "right after the cue"
    return "after a comma or colon" if gap in {",", ":"} else "further on"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--limit", type=int, default=100, help="articles (0: all)")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    if "test" in args.split_dir.name:
        parser.error("the held-out test split is never read")
    articles = read_brat_dir(args.split_dir)
    if args.limit:
        articles = articles[: args.limit]
    analyses = analyze_many([a.text for a in articles])
    no_cue: Counter[str] = Counter()
    patterns: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    total = found = 0
    for article, analysis in zip(articles, analyses, strict=True):
        text, gold = article.text, article.attributions
        predicted = attribution_spans(analysis)
        matched = {g for g, _ in relation_matches(gold, predicted)}
        total += len(gold)
        found += len(matched)
        for index, attribution in enumerate(gold):
            if index in matched:
                continue
            near = [p for p in predicted if intervals.shared(attribution.cue, p.cue) > 0]
            if not near:
                words = " ".join(text[s:e] for s, e in attribution.cue).lower().split()
                no_cue[words[-1] if words else "(none)"] += 1
                patterns[where_content(text, attribution)] += 1
                continue
            prediction = near[0]
            source_ok = (
                not intervals.covered(attribution.source)
                and not intervals.covered(prediction.source)
            ) or intervals.shared(attribution.source, prediction.source) > 0
            kind = "source differs" if not source_ok else "content IoU < 0.5"
            wrong[f"{kind}: {prediction.origin}"] += 1
    print(f"{args.split_dir}: {len(articles)} articles, {found}/{total} gold attributions found")
    print(f"\nno predicted cue ({sum(no_cue.values())}), by where the content stands:")
    for pattern, count in patterns.most_common():
        print(f"  {count:5d}  {pattern}")
    print(f"\nno predicted cue, by the cue's last word (top {args.top}):")
    for word, count in no_cue.most_common(args.top):
        print(f"  {count:5d}  {word}")
    print(f"\ncue found, attribution wrong ({sum(wrong.values())}), by origin:")
    for kind, count in wrong.most_common(args.top):
        print(f"  {count:5d}  {kind}")


if __name__ == "__main__":
    main()
