"""Write ood-gold.jsonl and ood-speakers.jsonl from annotations.py and the pages.

    python tests/evaluation/ood/build_gold.py \
        ../shared/datasets/article-extraction/ground-truth.json

The page texts are copied into the JSONL (the benchmark is MIT-licensed, see
its LICENSE.upstream), so scoring needs only the repository:

    reportedly eval jsonl tests/evaluation/ood/ood-gold.jsonl
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from annotations import PAGES as PAGES_ROUND1
from annotations import UNKNOWN
from annotations_round2_a import PAGES as PAGES_ROUND2_A
from annotations_round2_b import PAGES as PAGES_ROUND2_B
from annotations_round2_c import PAGES as PAGES_ROUND2_C
from annotations_round2_d import PAGES as PAGES_ROUND2_D
from annotations_round2_e import PAGES as PAGES_ROUND2_E

PAGES = (
    PAGES_ROUND1
    + PAGES_ROUND2_A
    + PAGES_ROUND2_B
    + PAGES_ROUND2_C
    + PAGES_ROUND2_D
    + PAGES_ROUND2_E
)

HERE = Path(__file__).parent
WINDOW = 400
SOURCE_REACH = 80


def by_distance(
    text: str,
    needle: str,
    anchor: tuple[int, int],
    before: int | None = None,
    avoid: list[tuple[int, int]] | None = None,
) -> list[int]:
    """The starts of the occurrences of ``needle`` within WINDOW of ``anchor``, closest
    first, overlapping neither the anchor nor the spans in ``avoid``."""
    found: list[tuple[int, int]] = []
    at = text.find(needle, max(0, anchor[0] - WINDOW))
    while at != -1 and at < anchor[1] + WINDOW:
        overlaps = any(
            at < end and start < at + len(needle) for start, end in [anchor, *(avoid or [])]
        )
        if not overlaps and (before is None or at + len(needle) <= before):
            found.append((min(abs(at - anchor[1]), abs(anchor[0] - at - len(needle))), at))
        at = text.find(needle, at + 1)
    if not found:
        raise SystemExit(f"{needle!r} not found near {anchor}")
    return [at for _, at in sorted(found)]


def nearest(
    text: str,
    needle: str,
    anchor: tuple[int, int],
    before: int | None = None,
    avoid: list[tuple[int, int]] | None = None,
) -> int:
    """The start of the occurrence of ``needle`` closest to ``anchor`` (see by_distance)."""
    return by_distance(text, needle, anchor, before, avoid)[0]


def has_source_near(
    text: str, source: str | None, cue: tuple[int, int], taken: list[tuple[int, int]]
) -> bool:
    """Whether ``source`` occurs within SOURCE_REACH of the cue, as a word and not taken
    (or there is no source): "That being said, "..." he said" takes the second "said"."""
    if source is None:
        return True
    start = max(0, cue[0] - SOURCE_REACH - len(source))
    end = cue[1] + SOURCE_REACH + len(source)
    return any(
        not any(match.start() < b and a < match.end() for a, b in taken)
        for match in re.finditer(rf"\b{re.escape(source)}\b", text[:end])
        if match.start() >= start
    )


def main(ground_truth: Path) -> None:
    pages = json.loads(ground_truth.read_text(encoding="utf-8"))
    gold_lines, speaker_lines = [], []
    for prefix, page_annotations in PAGES:
        [(page_id, page)] = [(k, v) for k, v in pages.items() if k.startswith(prefix)]
        text = page["articleBody"]
        attributions = []
        # a token belongs to one attribution: a cue or source taken is not found again
        taken: list[tuple[int, int]] = []
        for source, cue, content, name in page_annotations:
            content_spans = []
            for fragment in [content] if isinstance(content, str) else content:
                if text.count(fragment) != 1:
                    found = text.count(fragment)
                    raise SystemExit(f"{prefix}: content {fragment[:40]!r} found {found}x")
                start = text.index(fragment)
                content_spans.append((start, start + len(fragment)))
            content_span = content_spans[0]
            cue_parts = [cue] if isinstance(cue, str) else cue
            candidates = by_distance(text, cue_parts[-1], content_span, avoid=content_spans + taken)
            last = next(
                (
                    at
                    for at in candidates
                    if has_source_near(text, source, (at, at + len(cue_parts[-1])), taken)
                ),
                candidates[0],
            )
            cue_spans = [(last, last + len(cue_parts[-1]))]
            for part in reversed(cue_parts[:-1]):
                at = nearest(text, part, cue_spans[0], before=cue_spans[0][0], avoid=taken)
                cue_spans.insert(0, (at, at + len(part)))
            taken.extend(cue_spans)
            record: dict[str, object] = {
                "cue": [list(s) for s in cue_spans],
                "content": [list(span) for span in content_spans],
            }
            if source is not None:
                at = nearest(
                    text, source, (cue_spans[0][0], cue_spans[-1][1]), avoid=content_spans + taken
                )
                taken.append((at, at + len(source)))
                record["source"] = [[at, at + len(source)]]
                if name == UNKNOWN:
                    # the article never names this source: it must stay unnamed
                    speaker_lines.append(
                        {
                            "article": page_id,
                            "span": [at, at + len(source)],
                            "source": source,
                            "name": None,
                            "mention": None,
                        }
                    )
                elif name is not None:
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
