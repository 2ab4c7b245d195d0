"""Write ood-gold.jsonl and ood-speakers.jsonl from annotations.py and the pages.

    python tests/evaluation/ood/build_gold.py \
        ../shared/datasets/article-extraction/ground-truth.json

The page texts are copied into the JSONL (the benchmark is MIT-licensed, see
its LICENSE.upstream), so scoring needs only the repository:

    reportedly eval jsonl tests/evaluation/ood/ood-gold.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from annotations import PAGES

HERE = Path(__file__).parent
WINDOW = 400


def nearest(text: str, needle: str, anchor: tuple[int, int], before: int | None = None) -> int:
    """The start of the occurrence of ``needle`` closest to ``anchor`` (within WINDOW)."""
    best: tuple[int, int] | None = None
    at = text.find(needle, max(0, anchor[0] - WINDOW))
    while at != -1 and at < anchor[1] + WINDOW:
        overlaps = at < anchor[1] and anchor[0] < at + len(needle)
        if not overlaps and (before is None or at + len(needle) <= before):
            distance = min(abs(at - anchor[1]), abs(anchor[0] - at - len(needle)))
            if best is None or distance < best[0]:
                best = (distance, at)
        at = text.find(needle, at + 1)
    if best is None:
        raise SystemExit(f"{needle!r} not found near {anchor}")
    return best[1]


def main(ground_truth: Path) -> None:
    pages = json.loads(ground_truth.read_text(encoding="utf-8"))
    gold_lines, speaker_lines = [], []
    for prefix, page_annotations in PAGES:
        [(page_id, page)] = [(k, v) for k, v in pages.items() if k.startswith(prefix)]
        text = page["articleBody"]
        attributions = []
        for source, cue, content, name in page_annotations:
            if text.count(content) != 1:
                raise SystemExit(f"{prefix}: content {content[:40]!r} found {text.count(content)}x")
            start = text.index(content)
            content_span = (start, start + len(content))
            cue_parts = [cue] if isinstance(cue, str) else cue
            last = nearest(text, cue_parts[-1], content_span)
            cue_spans = [(last, last + len(cue_parts[-1]))]
            for part in reversed(cue_parts[:-1]):
                at = nearest(text, part, cue_spans[0], before=cue_spans[0][0])
                cue_spans.insert(0, (at, at + len(part)))
            record: dict[str, object] = {
                "cue": [list(s) for s in cue_spans],
                "content": [list(content_span)],
            }
            if source is not None:
                at = nearest(text, source, (cue_spans[0][0], cue_spans[-1][1]))
                record["source"] = [[at, at + len(source)]]
                if name is not None:
                    mention = text.find(name)
                    if mention == -1:
                        raise SystemExit(f"{prefix}: name {name!r} not in the page")
                    speaker_lines.append(
                        {
                            "article": page_id,
                            "span": [at, at + len(source)],
                            "source": source,
                            "name": name,
                            "mention": [mention, mention + len(name)],
                        }
                    )
            attributions.append(record)
        gold_lines.append(
            {"id": page_id, "url": page["url"], "text": text, "attributions": attributions}
        )
    with (HERE / "ood-gold.jsonl").open("w", encoding="utf-8") as out:
        for line in gold_lines:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    with (HERE / "ood-speakers.jsonl").open("w", encoding="utf-8") as out:
        for line in speaker_lines:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    total = sum(len(line["attributions"]) for line in gold_lines)
    print(f"{len(gold_lines)} pages, {total} attributions, {len(speaker_lines)} speaker names")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
