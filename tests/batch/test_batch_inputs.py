"""What a batch job reads: pyarrow filesystems and Parquet files of articles, as ingest reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from reportedly.batch.inputs import _expand_remote, _read_remote, read_parquet_articles
from reportedly.ingest.files import InputFailure
from reportedly.ingest.sources import RawArticle, ReaderConfig, read_sources


def summary(items: list[Any], prefix: str = "") -> list[tuple[str, str]]:
    return [
        (item.origin.removeprefix(prefix), item.text)
        if isinstance(item, RawArticle)
        else (item.name.removeprefix(prefix), item.reason)
        for item in items
    ]


def test_a_pyarrow_filesystem_gives_what_the_local_reader_gives(bad_inputs: Any) -> None:
    """s3:// and gs:// go through this code; file:// runs it here."""
    folder = bad_inputs.folder
    config = ReaderConfig(fetch_pages=False)
    through_pyarrow = [
        item for ref in _expand_remote(f"file://{folder}") for item in _read_remote(ref, config)
    ]
    local = list(read_sources([str(folder)], config))
    assert summary(through_pyarrow, "file://") == summary(local)
    assert len(local) == 6  # 4 articles, a binary file, a bad JSON line


def test_a_parquet_file_of_articles_is_read_row_by_row(tmp_path: Path) -> None:
    path = tmp_path / "articles.parquet"
    table = pa.table(
        {
            "text": ["The mayor said the bridge would open.", None, "  "],
            "title": ["Bridge", "No text", None],
            "published": ["2024-05-01", None, None],
        }
    )
    pq.write_table(table, path)
    items = list(read_parquet_articles(str(path)))
    first = items[0]
    assert isinstance(first, RawArticle)
    assert (first.origin, first.title, first.published) == (f"{path}:1", "Bridge", "2024-05-01")
    assert [(i.name, i.reason) for i in items[1:] if isinstance(i, InputFailure)] == [
        (f"{path}:2", "no non-empty 'text' or 'html' field"),
        (f"{path}:3", "no non-empty 'text' or 'html' field"),
    ]
    pq.write_table(pa.table({"body": ["x"]}), path)
    (failure,) = read_parquet_articles(str(path))
    assert (
        isinstance(failure, InputFailure) and "without a 'text' or 'html' column" in failure.reason
    )
