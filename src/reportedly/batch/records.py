"""The rows of a batch shard: one per article (or failed input), and their Parquet schema.

A row holds the article as it was read (text and metadata), its status
(``ok`` or ``failed`` with a reason) and, when ``ok``, its analysis record:
the compact JSON of ``Analysis.to_dict(include_text=False)``, exactly the
string the corpus stores in ``analyses.record``. :func:`analysis_from_dict`
rebuilds the typed :class:`~reportedly.records.Analysis` from it, so a shard
is loaded into the corpus without analysing again.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from ..records import (
    Analysis,
)

SHARD_SCHEMA_NAME = "reportedly.batch/1"
Status = Literal["pending", "ok", "failed"]
# metadata fields of RawArticle carried by a row, in column order
META_FIELDS = ("title", "url", "outlet", "published", "language")
# a Parquet file with these columns is a shard of analysis records
SHARD_MARK_COLUMNS = frozenset({"id", "origin", "status", "reason", "analysis", "text"})


def shard_schema() -> Any:
    """The Arrow schema every shard is written with (pyarrow imported lazily)."""
    import pyarrow as pa

    string = pa.string()
    return pa.schema(
        [
            ("id", string),  # article_id(text); null for an input that gave no text
            ("origin", string),  # where it was read from (file, file:line, feed#entry)
            ("status", string),  # "ok" or "failed" ("pending" only between stages)
            ("reason", string),  # why it failed
            *[(name, string) for name in META_FIELDS],
            ("text", string),
            ("warnings", pa.list_(string)),  # from reading the input
            ("analysis_version", string),
            ("analysis", string),  # compact JSON, as in the corpus' analyses.record
            ("worker", string),  # host:pid of the process that analysed it
            ("worker_peak_mb", pa.float64()),  # that process' peak memory so far
            ("worker_cpu_s", pa.float64()),  # CPU seconds it has spent analysing so far
        ],
        metadata={"reportedly.shard": SHARD_SCHEMA_NAME},
    )


def empty_row() -> dict[str, Any]:
    names = shard_schema().names
    row: dict[str, Any] = dict.fromkeys(names)
    row["warnings"] = []
    return row


def compact_json(value: Any) -> str:
    """The JSON form of a record: the same as the corpus store's (no spaces, UTF-8)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def record_json(analysis: Analysis) -> str:
    """The analysis record of an ok row: the corpus' ``analyses.record`` string."""
    return compact_json(analysis.to_dict(include_text=False))


# --------------------------------------------------------------------------- back to records


def analysis_from_dict(data: dict[str, Any], text: str) -> Analysis:
    """The :class:`Analysis` a record was made from (``to_dict`` gives ``data`` back); a
    shard keeps the text beside its record, not in it."""
    return Analysis.from_dict(data | {"text": text})


def analysis_from_record(record: str, text: str) -> Analysis:
    """Rebuild an analysis from its record string, checking it gives the same string back.

    Raises ``ValueError`` when the record is not one this version can rebuild
    exactly (a newer schema, a damaged shard): nothing is stored that differs
    from what was analysed.
    """
    data = json.loads(record)
    if not isinstance(data, dict) or data.get("length") != len(text):
        raise ValueError("the analysis record does not belong to this text")
    try:
        analysis = analysis_from_dict(data, text)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"unreadable analysis record ({type(exc).__name__}: {exc})") from None
    if record_json(analysis) != record:
        raise ValueError(f"analysis record of schema {data.get('schema')!r} is not rebuilt exactly")
    return analysis
