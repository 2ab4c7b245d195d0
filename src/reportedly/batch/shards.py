"""Shards of analysis records: write them, find what they hold, read them back for the corpus.

A batch job's output is a folder of Parquet files (``--out``), each a whole
shard written at once: the local engine writes it under a hidden name and
renames it, so a killed job leaves complete shards only (Ray writes its own
files the same way per block). What is in the folder is what is done: a rerun
reads the ``id`` and ``origin`` columns and skips it.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..ingest.files import InputFailure
from ..ingest.sources import RawArticle
from ..records import Analysis
from .inputs import is_remote, row_article
from .records import SHARD_MARK_COLUMNS, analysis_from_record, shard_schema

SUFFIX = ".parquet"


def _filesystem(out: str) -> tuple[Any, str]:
    import pyarrow.fs as pafs

    if is_remote(out):
        fs, path = pafs.FileSystem.from_uri(out)
        return fs, path
    return pafs.LocalFileSystem(), str(Path(out.removeprefix("file://")).resolve())


def _join(out: str, name: str) -> str:
    return out.rstrip("/") + "/" + name


def list_shards(out: str) -> list[str]:
    """The shard files of an output folder (hidden and temporary files aside), sorted."""
    import pyarrow.fs as pafs

    fs, path = _filesystem(out)
    if fs.get_file_info(path).type != pafs.FileType.Directory:
        return []
    found = fs.get_file_info(pafs.FileSelector(path, recursive=True))
    names = []
    for info in found:
        relative = info.path[len(path) :].lstrip("/")
        if (
            info.type == pafs.FileType.File
            and info.path.endswith(SUFFIX)
            and not any(part.startswith((".", "_")) for part in relative.split("/"))
        ):
            names.append(_join(out, relative))
    return sorted(names)


def _open(shard: str) -> Any:
    import pyarrow.parquet as pq

    fs, path = _filesystem(shard)
    return pq.ParquetFile(fs.open_input_file(path))


def is_shard_file(path: str) -> bool:
    """Whether a Parquet file holds analysis records (by its columns)."""
    import pyarrow as pa

    try:
        return set(_open(path).schema_arrow.names) >= SHARD_MARK_COLUMNS
    except (OSError, ValueError, pa.ArrowException):
        return False


def is_shard_source(source: str) -> bool:
    """Whether an ingest source is a shard file, or a folder of them (all of its Parquet files)."""
    if is_remote(source):
        return False
    path = Path(source)
    if path.is_file():
        return path.suffix.lower() == SUFFIX and is_shard_file(str(path))
    if not path.is_dir():
        return False
    visible = [p for p in path.rglob("*") if p.is_file() and not p.name.startswith((".", "_"))]
    if not visible or any(p.suffix.lower() != SUFFIX for p in visible):
        # a folder of articles, decided without pyarrow (0.1 s of an ingest's start-up), whose
        # listing would also fail on a file name that is not valid UTF-8 (the readers read it)
        return False
    shards = list_shards(str(path))
    return len(visible) == len(shards) and all(map(is_shard_file, shards))


@dataclass
class Recorded:
    """What an output folder already holds: article ids, and failed inputs by origin."""

    ids: set[str] = field(default_factory=set)
    failed_origins: set[str] = field(default_factory=set)
    unreadable: list[str] = field(default_factory=list)

    def holds(self, row: dict[str, Any]) -> bool:
        if row["id"] is not None:
            return bool(row["id"] in self.ids)
        return bool(row["origin"] in self.failed_origins)


def recorded(out: str) -> Recorded:
    """The ids and failed origins of every shard in ``out``; an unreadable shard is listed."""
    import pyarrow as pa

    found = Recorded()
    for shard in list_shards(out):
        try:
            table = _open(shard).read(columns=["id", "origin"])
        except (OSError, ValueError, KeyError, pa.ArrowException):
            found.unreadable.append(shard)
            continue
        for article, origin in zip(
            table.column("id").to_pylist(), table.column("origin").to_pylist(), strict=True
        ):
            if article is None:
                found.failed_origins.add(origin)
            else:
                found.ids.add(article)
    return found


class ShardWriter:
    """Writes rows into whole shards of ``rows_per_shard`` rows (the last may be smaller)."""

    def __init__(self, out: str, rows_per_shard: int = 1000) -> None:
        fs, self.path = _filesystem(out)
        self.fs, self.out = fs, out
        self.rows_per_shard = rows_per_shard
        self.run = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        self.rows: list[dict[str, Any]] = []
        self.written: list[str] = []
        try:
            fs.create_dir(self.path, recursive=True)
        except OSError as exc:
            raise StoreError(f"{out}: cannot create the output folder ({exc})") from None

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        self.rows.extend(rows)
        while len(self.rows) >= self.rows_per_shard:
            self._write(self.rows[: self.rows_per_shard])
            del self.rows[: self.rows_per_shard]

    def close(self) -> None:
        if self.rows:
            self._write(self.rows)
            self.rows = []

    def _write(self, rows: list[dict[str, Any]]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        name = f"part-{self.run}-{len(self.written):05d}{SUFFIX}"
        final = self.path + "/" + name
        temporary = final if is_remote(self.out) else self.path + "/." + name + ".tmp"
        table = pa.Table.from_pylist(rows, schema=shard_schema())
        try:
            with self.fs.open_output_stream(temporary) as stream:
                pq.write_table(table, stream, compression="zstd")
            if temporary != final:
                os.replace(temporary, final)
        except OSError as exc:
            raise StoreError(f"{self.out}: cannot write a shard ({exc})") from None
        self.written.append(_join(self.out, name))


def read_rows(shards: Iterable[str], columns: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """Every row of the shards, read a row group at a time."""
    for shard in shards:
        parquet = _open(shard)
        for batch in parquet.iter_batches(batch_size=256, columns=columns):
            yield from batch.to_pylist()


def shard_items(
    sources: Iterable[str],
) -> Iterator[tuple[RawArticle, Analysis] | InputFailure]:
    """Articles with their analyses (and failures) from shard files or folders, for the corpus."""
    import pyarrow as pa

    for source in sources:
        shards = [source] if Path(source).is_file() else list_shards(source)
        for shard in shards:
            try:
                rows = list(read_rows([shard]))
            except (OSError, ValueError, pa.ArrowException) as exc:
                yield InputFailure(shard, f"unreadable shard ({' '.join(str(exc).split())})")
                continue
            for row in rows:
                yield _row_item(row)


def _row_item(row: dict[str, Any]) -> tuple[RawArticle, Analysis] | InputFailure:
    if row["status"] != "ok" or row["text"] is None or row["analysis"] is None:
        return InputFailure(row["origin"], row["reason"] or "not analysed")
    try:
        analysis = analysis_from_record(row["analysis"], row["text"])
    except ValueError as exc:
        return InputFailure(row["origin"], f"unusable analysis record in the shard ({exc})")
    return row_article(row), analysis
