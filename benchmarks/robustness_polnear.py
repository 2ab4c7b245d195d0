"""Relation F1 on PolNeAR dev when the same articles arrive the way real files do.

    python benchmarks/robustness_polnear.py [--split dev] [--limit N] [--json PATH]

Each article is analyzed as PolNeAR has it (``clean``) and in five damaged forms,
the gold offsets moved with every inserted character so that they still point at
the same words:

- ``textwrap 72``: hard-wrapped at 72 columns the way ``textwrap`` wraps (a space
  becomes a line break where the next word would not fit);
- ``ragged 72``: broken at the first space past 72 columns (PDF and OCR exports,
  some mail clients): every inner line is a little longer than 72;
- ``page furniture``: "Advertisement", share buttons, "Read more: ..." and
  newsletter lines between the paragraphs;
- ``NBSP / zero-width``: every fifth space a no-break space, a zero-width space
  inside every seventh word, a soft hyphen in every eleventh;
- ``Windows-1252``: the article written as Windows-1252 bytes (characters that
  code page lacks become ``?``) and read back by the readers' own decoder.

It prints one row per form: attributions found, relation F1 and its difference
from ``clean``. The gate of ``tests/test_polnear_robustness.py`` (slow) is that every
form stays within one point of ``clean``.
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reflow_hardwrap import DEFAULT_POLNEAR, hard_wrap

FURNITURE = (
    "Advertisement",
    "Share this article",
    "Read more: Senate vote set for Tuesday",
    "Follow us on Twitter",
    "Sign up for our newsletter",
)


def ragged_wrap(text: str, width: int) -> str:
    """``text`` with each line broken at the first space at or past ``width`` columns."""
    out = list(text)
    line_start = 0
    for i, char in enumerate(text):
        if char == "\n":
            line_start = i + 1
        elif char == " " and i - line_start >= width:
            out[i] = "\n"
            line_start = i + 1
    return "".join(out)


def with_insertions(text: str, insertions: Sequence[tuple[int, str]]) -> tuple[str, Any]:
    """``text`` with strings inserted at offsets (sorted), and a function moving an
    offset of ``text`` to the same character of the new text."""
    pieces, pos = [], 0
    for offset, inserted in insertions:
        pieces += [text[pos:offset], inserted]
        pos = offset
    pieces.append(text[pos:])
    offsets = [offset for offset, _ in insertions]
    shifts = [0]
    for _, inserted in insertions:
        shifts.append(shifts[-1] + len(inserted))

    def move(offset: int, *, end: bool = False) -> int:
        # an inserted string at a span's end stays outside the span
        k = bisect.bisect_left(offsets, offset) if end else bisect.bisect_right(offsets, offset)
        return offset + shifts[k]

    return "".join(pieces), move


def furniture(text: str) -> tuple[str, Any]:
    breaks = [i + 2 for i in range(len(text) - 1) if text[i : i + 2] == "\n\n"]
    insertions = [(at, FURNITURE[k % len(FURNITURE)] + "\n\n") for k, at in enumerate(breaks)]
    return with_insertions(text, insertions)


def invisible(text: str) -> tuple[str, Any]:
    chars = list(text)
    spaces = [i for i, char in enumerate(text) if char == " "]
    for i in spaces[::5]:
        chars[i] = "\u00a0"
    insertions = []
    for k, start in enumerate(i + 1 for i in [-1, *spaces]):
        word_end = text.find(" ", start)
        word_end = len(text) if word_end < 0 else word_end
        if word_end - start >= 4 and text[start:word_end].isalpha():
            if k % 7 == 3:
                insertions.append((start + 2, "\u200b"))
            elif k % 11 == 5:
                insertions.append((start + 2, "\u00ad"))
    return with_insertions("".join(chars), insertions)


def windows_1252(text: str) -> str:
    from reportedly.ingest.files import decode_bytes

    data = text.encode("cp1252", errors="replace")
    decoded = decode_bytes(data, "article.txt").text
    if len(decoded) != len(text):  # pragma: no cover - reported, not hidden
        raise SystemExit(f"Windows-1252 reading changed the length of {text[:40]!r}")
    return decoded


Form = Callable[[Any], Any]


def damaged(articles: Sequence[Any]) -> dict[str, list[Any]]:
    """The clean articles and each damaged form, gold offsets moved along."""
    forms: dict[str, list[Any]] = {"clean": list(articles)}
    same = {
        "textwrap 72": lambda t: hard_wrap(t, 72),
        "ragged 72": lambda t: ragged_wrap(t, 72),
        "Windows-1252": windows_1252,
    }
    for name, change in same.items():
        forms[name] = [type(a)(a.id, change(a.text), a.attributions) for a in articles]
    for name, insert in (("page furniture", furniture), ("NBSP / zero-width", invisible)):
        forms[name] = [_moved(a, *insert(a.text)) for a in articles]
    return forms


def _moved(article: Any, text: str, move: Any) -> Any:
    from dataclasses import replace

    def spans(values: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
        return tuple((move(s), move(e, end=True)) for s, e in values)

    gold = tuple(
        replace(g, source=spans(g.source), cue=spans(g.cue), content=spans(g.content))
        for g in article.attributions
    )
    return type(article)(article.id, text, gold)


def measure(articles: Sequence[Any], n_process: int = 1) -> dict[str, dict[str, float]]:
    """Each form's attributions and relation F1 (percent)."""
    from reportedly import pipeline
    from reportedly.evaluation.runner import evaluate

    rows: dict[str, dict[str, float]] = {}
    for name, gold in damaged(articles).items():
        started = time.perf_counter()
        analyses = list(pipeline.analyze_many([a.text for a in gold], n_process=n_process))
        scores = evaluate(gold, analyses).scores.to_dict()
        rows[name] = {
            "attributions": sum(len(a.attributions) for a in analyses),
            "relation_f1": round(100 * scores["relation"]["f1"], 2),
            "seconds": round(time.perf_counter() - started, 1),
        }
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from reportedly.evaluation.brat import read_brat_dir

    articles = read_brat_dir(args.polnear / "data" / args.split)
    if args.limit:
        articles = articles[: args.limit]
    rows = measure(articles, args.jobs)
    clean = rows["clean"]["relation_f1"]
    print(f"PolNeAR {args.split}, {len(articles)} articles")
    print(f"{'form':20} {'attributions':>12} {'relation F1':>12} {'vs clean':>9}")
    for name, row in rows.items():
        delta = row["relation_f1"] - clean
        print(f"{name:20} {row['attributions']:>12.0f} {row['relation_f1']:>12.2f} {delta:>+9.2f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
