"""The JSONL gold format: one article per line, with fragments as [start, end] pairs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reportedly.errors import DatasetError
from reportedly.evaluation.jsonl import read_jsonl
from reportedly.records import EvalSpans

TEXT = "Officials said the plan would work, Smith wrote.\u2028It is said that taxes rise."


def write(tmp_path: Path, *objects: Any) -> Path:
    path = tmp_path / "gold.jsonl"
    lines = [
        obj if isinstance(obj, str) else json.dumps(obj, ensure_ascii=False) for obj in objects
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reads_articles_in_file_order(tmp_path: Path) -> None:
    first = {
        "id": "first",
        "text": TEXT,
        "attributions": [
            {"source": [[0, 9]], "cue": [[10, 14]], "content": [[15, 34]]},
            {"source": [], "cue": [[52, 59]], "content": [[60, 75]]},
        ],
    }
    second = {"text": "Nothing here.", "attributions": []}
    articles = read_jsonl(write(tmp_path, first, "", second))
    assert [a.id for a in articles] == ["first", "line-3"]
    assert articles[0].text == TEXT  # U+2028 inside a string does not split the line
    assert articles[0].attributions == (
        EvalSpans(source=((0, 9),), cue=((10, 14),), content=((15, 34),)),
        EvalSpans(source=(), cue=((52, 59),), content=((60, 75),)),
    )
    assert TEXT[60:75] == "that taxes rise"


def test_source_and_cue_may_be_missing_or_null(tmp_path: Path) -> None:
    obj = {"text": TEXT, "attributions": [{"source": None, "content": [[15, 34], [0, 9]]}]}
    [article] = read_jsonl(write(tmp_path, obj))
    assert article.attributions[0] == EvalSpans(source=(), cue=(), content=((0, 9), (15, 34)))


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", r"gold\.jsonl:1: not JSON"),
        ("[1, 2]", "expected a JSON object"),
        ({"attributions": []}, "'text' must be a string"),
        ({"text": "abc", "attributions": {}}, "'attributions' must be a list"),
        ({"text": "abc", "attributions": [{"content": []}]}, "at least one content fragment"),
        ({"text": "abc", "attributions": [{"content": [[2, 1]]}]}, r"\[2, 1\] is empty or lies"),
        ({"text": "abc", "attributions": [{"content": [[0, 4]]}]}, "outside the text"),
        ({"text": "abc", "attributions": [{"content": [[0, True]]}]}, "must be \\[start, end\\]"),
        (
            {"text": "abc", "attributions": [{"content": [[0, 1]], "cue": "x"}]},
            "cue must be a list",
        ),
        ({"text": "abc", "id": 3}, "'id' must be a non-empty string"),
    ],
)
def test_bad_lines_raise_one_line_dataset_errors(tmp_path: Path, line: Any, message: str) -> None:
    with pytest.raises(DatasetError, match=message):
        read_jsonl(write(tmp_path, line))


def test_empty_files_and_repeated_ids_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="holds no articles"):
        read_jsonl(write(tmp_path, ""))
    with pytest.raises(DatasetError, match="'x' appears more than once"):
        read_jsonl(write(tmp_path, {"id": "x", "text": "a"}, {"id": "x", "text": "b"}))
    with pytest.raises(DatasetError, match="cannot read"):
        read_jsonl(tmp_path / "missing.jsonl")
