"""Export the corpus: JSON Lines (one article per line) or Parquet (one row per article).

Both are made from the stored analysis records, so an export holds exactly
what ``reportedly analyze --format jsonl`` gives for each article, plus the
article's metadata and text. Articles are streamed in the order they were
first stored; memory stays flat however large the corpus.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any, Literal, TextIO

from sqlite_utils import Database

from ..errors import StoreError

ExportFormat = Literal["jsonl", "parquet"]
ARTICLE_COLUMNS = (
    "id",
    "title",
    "outlet",
    "published",
    "url",
    "language",
    "origin",
    "analysis_version",
    "analyzed_at",
    "text",
)
EXPORT_SQL = f"""
SELECT {", ".join("articles." + c for c in ARTICLE_COLUMNS)}, analyses.record
FROM articles JOIN analyses ON analyses.article_id = articles.id
ORDER BY articles.rowid
"""
# Articles per Parquet row group (and per batch held in memory while writing).
PARQUET_BATCH = 256


# each attribution's identity (``reportedly link``), by its position in the analysis
IDENTITIES_SQL = """
SELECT attributions.position, attributions.person_id, people.name, people.kind,
       attributions.person_role
FROM attributions LEFT JOIN people ON people.id = attributions.person_id
WHERE attributions.article_id = ? AND attributions.origin IS NOT 'quote-marks'
"""


def export_records(db: Database) -> Iterator[dict[str, Any]]:
    """Every stored article: its metadata and text, its analysis under ``analysis``, and
    under ``identities`` each attribution's identity (null before ``reportedly link``),
    in the order of the analysis's attributions, so a researcher can count by person."""
    cursor = db.execute(EXPORT_SQL)
    for row in cursor:
        record = dict(zip(ARTICLE_COLUMNS, row[:-1], strict=True))
        record["analysis"] = json.loads(row[-1])
        record["identities"] = _identities(
            db, record["id"], len(record["analysis"]["attributions"])
        )
        yield record


def _identities(db: Database, article_id: str, count: int) -> list[dict[str, Any] | None]:
    found: list[dict[str, Any] | None] = [None] * count
    for position, person_id, name, kind, role in db.execute(IDENTITIES_SQL, [article_id]):
        if person_id is not None and 0 <= position < count:
            found[position] = {"person_id": person_id, "person": name, "kind": kind, "role": role}
    return found


def write_jsonl(db: Database, out: TextIO) -> int:
    """Write one JSON object per article to ``out``; returns the number written."""
    count = 0
    for record in export_records(db):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_parquet(db: Database, path: Path) -> int:
    """Write a Parquet file: one row per article, attributions and claims as nested lists."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    records = export_records(db)
    count = 0
    try:
        with pq.ParquetWriter(str(path), schema) as writer:
            while batch := list(islice(records, PARQUET_BATCH)):
                rows = [parquet_row(record) for record in batch]
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                count += len(rows)
    except OSError as exc:
        raise StoreError(f"{path}: cannot write ({exc})") from None
    return count


def parquet_schema() -> Any:
    import pyarrow as pa

    text = pa.string()
    attribution = pa.struct(
        [
            ("kind", text),
            ("speaker", text),
            ("source_text", text),
            ("source_type", text),
            ("cue", text),
            ("cue_lemma", text),
            ("stance", text),
            ("content", text),
            ("channel", text),
            ("content_start", pa.int64()),
            ("content_end", pa.int64()),
            ("person_id", pa.int64()),
            ("person", text),
        ]
    )
    claim = pa.struct(
        [
            ("kind", text),
            ("text", text),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("checkworthiness", pa.float64()),
            ("attribution", pa.int64()),
        ]
    )
    return pa.schema(
        [(column, text) for column in ARTICLE_COLUMNS]
        + [
            ("attributions", pa.list_(attribution)),
            ("claims", pa.list_(claim)),
            # the full analysis record, for anything the columns above leave out
            ("analysis", text),
        ]
    )


def parquet_row(record: dict[str, Any]) -> dict[str, Any]:
    analysis = record["analysis"]
    row = {column: record[column] for column in ARTICLE_COLUMNS}
    identities = record.get("identities") or []
    row["attributions"] = [
        _attribution_row(a) | _identity_columns(identities[i] if i < len(identities) else None)
        for i, a in enumerate(analysis["attributions"])
    ]
    row["claims"] = [
        {
            "kind": c["kind"],
            "text": c["text"],
            **_extent(c["spans"]),
            "checkworthiness": c["checkworthiness"],
            "attribution": c["attribution"],
        }
        for c in analysis.get("claims", [])
    ]
    row["analysis"] = json.dumps(analysis, ensure_ascii=False)
    return row


def _attribution_row(attribution: dict[str, Any]) -> dict[str, Any]:
    source = attribution.get("source") or {}
    cue = attribution.get("cue") or {}
    channel = attribution.get("channel") or {}
    extent = _extent(attribution["content"]["spans"])
    return {
        "kind": attribution["kind"],
        "speaker": source.get("name") or None,
        "source_text": source.get("text"),
        "source_type": source.get("type"),
        "cue": cue.get("text"),
        "cue_lemma": cue.get("lemma"),
        "stance": cue.get("stance"),
        "content": attribution["content"]["text"],
        "channel": channel.get("text"),
        "content_start": extent["start"],
        "content_end": extent["end"],
    }


def _identity_columns(identity: dict[str, Any] | None) -> dict[str, Any]:
    if identity is None:
        return {"person_id": None, "person": None}
    return {"person_id": identity["person_id"], "person": identity["person"]}


def _extent(spans: list[list[int]]) -> dict[str, int | None]:
    if not spans:
        return {"start": None, "end": None}
    return {"start": min(s for s, _ in spans), "end": max(e for _, e in spans)}
