"""Reading attribution gold from JSON Lines.

One JSON object per line (blank lines are skipped)::

    {"id": "optional-name",
     "text": "Officials said the plan would work, Smith wrote.",
     "attributions": [
       {"source": [[0, 9]], "cue": [[10, 14]], "content": [[15, 34]]}
     ]}

Offsets are Python ``str`` character offsets into ``text``, end exclusive;
each role is a list of ``[start, end]`` fragments (several for a
discontinuous span). ``content`` needs at least one fragment; ``source`` may
be empty, null or missing (no source, as in "It is said that ..."), and so
may ``cue``. ``id`` defaults to ``line-<n>``.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import DatasetError
from ..records import EvalSpans, Span
from .brat import GoldArticle, read_text


def json_object(line: str, where: str) -> dict[str, Any]:
    """One line of a JSON Lines file that must hold a JSON object."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DatasetError(f"{where}: not JSON ({exc.msg})") from exc
    if not isinstance(data, dict):
        raise DatasetError(f"{where}: expected a JSON object")
    return data


def span_pair(value: Any, where: str, what: str, text_length: int | None = None) -> Span:
    """``[start, end]``: two integer offsets, start before end; inside the text when
    its length is given (and the error then says so)."""
    start, end = value if _is_int_pair(value) else (-1, -1)
    if text_length is None:
        if not 0 <= start < end:
            raise DatasetError(f"{where}: {what} must be [start, end], got {value!r}")
    elif not _is_int_pair(value):
        raise DatasetError(f"{where}: {what} must be [start, end], got {value!r}")
    elif not 0 <= start < end <= text_length:
        raise DatasetError(
            f"{where}: {what} [{start}, {end}] is empty or lies outside "
            f"the text ({text_length} characters)"
        )
    return (start, end)


def _is_int_pair(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) for n in value)
    )


def _fragments(value: Any, role: str, text_length: int, where: str) -> tuple[Span, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise DatasetError(f"{where}: {role} must be a list of [start, end], got {value!r}")
    fragments = []
    for fragment in value:
        fragments.append(span_pair(fragment, where, f"{role} fragment", text_length))
    return tuple(sorted(fragments))


def _attribution(value: Any, text_length: int, where: str) -> EvalSpans:
    if not isinstance(value, dict):
        raise DatasetError(f"{where}: each attribution must be a JSON object")
    content = _fragments(value.get("content"), "content", text_length, where)
    if not content:
        raise DatasetError(f"{where}: an attribution needs at least one content fragment")
    return EvalSpans(
        source=_fragments(value.get("source"), "source", text_length, where),
        cue=_fragments(value.get("cue"), "cue", text_length, where),
        content=content,
    )


def parse_line(line: str, number: int, name: str = "<jsonl>") -> GoldArticle:
    """One gold article from one line of a JSONL gold file."""
    where = f"{name}:{number}"
    data = json_object(line, where)
    text = data.get("text")
    if not isinstance(text, str):
        raise DatasetError(f"{where}: 'text' must be a string")
    attributions = data.get("attributions", [])
    if not isinstance(attributions, list):
        raise DatasetError(f"{where}: 'attributions' must be a list")
    article_id = data.get("id", f"line-{number}")
    if not isinstance(article_id, str) or not article_id:
        raise DatasetError(f"{where}: 'id' must be a non-empty string")
    return GoldArticle(
        id=article_id,
        text=text,
        attributions=tuple(_attribution(item, len(text), where) for item in attributions),
    )


def read_jsonl(path: Path | str) -> list[GoldArticle]:
    """All gold articles of a JSONL file, in file order."""
    path = Path(path)
    content = read_text(path)
    # split on "\n" only: JSON strings may hold U+2028, which splitlines() breaks at
    articles = [
        parse_line(line, number, str(path))
        for number, line in enumerate(content.split("\n"), start=1)
        if line.strip()
    ]
    if not articles:
        raise DatasetError(f"{path} holds no articles")
    repeated = [name for name, count in Counter(a.id for a in articles).items() if count > 1]
    if repeated:
        raise DatasetError(f"{path}: article id {repeated[0]!r} appears more than once")
    return articles
