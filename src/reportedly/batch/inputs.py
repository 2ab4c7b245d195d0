"""What a batch job reads: the sources of ``reportedly ingest``, on any filesystem pyarrow reads.

Sources are first expanded into :class:`FileRef` (one file or URL each) on the
driver; each ref is then read, possibly on another machine, into articles and
failures by the readers of :mod:`reportedly.ingest.sources`. Local paths are
read by exactly the code ``ingest`` uses; ``s3://``, ``gs://``, ``hdfs://``
and other URIs go through a pyarrow filesystem and then the same format
readers. Parquet files of articles (a ``text`` or ``html`` column, plus the
metadata columns of JSONL) are read row by row as JSONL records are.
"""

from __future__ import annotations

import fnmatch
import glob
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..ingest.files import InputFailure
from ..ingest.sources import (
    GLOB_CHARS,
    JSONL_FIELDS,
    RawArticle,
    ReaderConfig,
    SourceItem,
    detect_format,
    has_known_suffix,
    jsonl_record,
    read_bytes,
    read_file,
    read_url,
)
from ..ingest.textmeta import is_sidecar
from .records import empty_row

URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
PARQUET_SUFFIX = ".parquet"
# rows of an input Parquet file read at a time
PARQUET_READ_ROWS = 1024


@dataclass(frozen=True, slots=True)
class FileRef:
    """One file (local path or URI) or http(s) URL to read; ``reason`` set when it cannot be."""

    uri: str
    from_directory: bool = False
    reason: str | None = None

    def to_row(self) -> dict[str, Any]:
        return {"uri": self.uri, "from_directory": self.from_directory, "reason": self.reason}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> FileRef:
        return cls(str(row["uri"]), bool(row["from_directory"]), row.get("reason"))


def is_remote(source: str) -> bool:
    return bool(URI.match(source)) and not source.startswith(("http://", "https://", "file://"))


def expand_sources(sources: Iterable[str]) -> Iterator[FileRef]:
    """Every file of every source (file, directory, glob, URI or URL), in ingest's order."""
    for source in sources:
        if source.startswith(("http://", "https://")):
            yield FileRef(source)
        elif is_remote(source):
            yield from _expand_remote(source)
        else:
            yield from _expand_local(source.removeprefix("file://"))


def _expand_local(source: str) -> Iterator[FileRef]:
    path = Path(source)
    if path.is_dir():
        yield from _directory(path)
    elif not path.exists() and GLOB_CHARS & set(source):
        matches = sorted(glob.glob(source, recursive=True))
        if not matches:
            yield FileRef(source, reason="no file matches this pattern")
        for match in (m for m in matches if not is_sidecar(Path(m))):
            yield from _directory(Path(match)) if Path(match).is_dir() else [FileRef(match)]
    else:
        yield FileRef(source)


def _directory(directory: Path) -> Iterator[FileRef]:
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        hidden = any(part.startswith(".") for part in path.relative_to(directory).parts)
        if not hidden and not is_sidecar(path):  # a sidecar is read with its text file
            yield FileRef(str(path), from_directory=True)


def _expand_remote(source: str) -> Iterator[FileRef]:
    import pyarrow.fs as pafs

    try:
        fs, path = pafs.FileSystem.from_uri(source)
    except (OSError, ValueError, pafs.ArrowException) as exc:  # type: ignore[attr-defined]
        yield FileRef(source, reason=f"cannot open this filesystem ({_one_line(exc)})")
        return
    prefix = source[: len(source) - len(path)] if source.endswith(path) else ""
    pattern = None
    if GLOB_CHARS & set(path):
        pattern = path
        path = path[: min(path.index(c) for c in GLOB_CHARS if c in path)].rsplit("/", 1)[0]
    try:
        info = fs.get_file_info(path)
        if info.type == pafs.FileType.File and pattern is None:
            yield FileRef(source)
            return
        if info.type != pafs.FileType.Directory:
            yield FileRef(source, reason="no such file")
            return
        found = fs.get_file_info(pafs.FileSelector(path, recursive=True))
    except OSError as exc:
        yield FileRef(source, reason=f"cannot list ({_one_line(exc)})")
        return
    names = sorted(i.path for i in found if i.type == pafs.FileType.File)
    matched = 0
    for name in names:
        relative = name[len(path) :].lstrip("/")
        if any(part.startswith(".") for part in relative.split("/")):
            continue
        if pattern is not None and not fnmatch.fnmatchcase(name, pattern):
            continue
        matched += 1
        yield FileRef(prefix + name, from_directory=pattern is None)
    if pattern is not None and not matched:
        yield FileRef(source, reason="no file matches this pattern")


# --------------------------------------------------------------------------- reading


def read_ref(ref: FileRef, config: ReaderConfig) -> Iterator[SourceItem]:
    """The articles (and failures) of one ref, read as ``ingest`` reads them."""
    if ref.reason is not None:
        yield InputFailure(ref.uri, ref.reason)
    elif ref.uri.startswith(("http://", "https://")):
        yield from read_url(ref.uri, config)
    elif ref.uri.lower().endswith(PARQUET_SUFFIX):
        yield from read_parquet_articles(ref.uri)
    elif not is_remote(ref.uri):
        yield from read_file(Path(ref.uri), config, from_directory=ref.from_directory)
    else:
        yield from _read_remote(ref, config)


def _read_remote(ref: FileRef, config: ReaderConfig) -> Iterator[SourceItem]:
    import pyarrow.fs as pafs

    path = Path(ref.uri.split("://", 1)[1])
    if ref.from_directory and not has_known_suffix(path):
        yield InputFailure(ref.uri, "skipped: not a format reportedly reads (by its suffix)")
        return
    try:
        fs, inner = pafs.FileSystem.from_uri(ref.uri)
        with fs.open_input_stream(inner) as stream:
            data = stream.read()
    except (OSError, ValueError) as exc:
        yield InputFailure(ref.uri, f"cannot read ({_one_line(exc)})")
        return
    kind = detect_format(path, data[:8192])
    if kind is None:
        reason = (
            "skipped: not a format reportedly reads (by its content)"
            if ref.from_directory
            else "binary data or unknown format (expected text, JSONL, HTML, RSS/Atom or WARC)"
        )
        yield InputFailure(ref.uri, reason)
        return
    yield from read_bytes(data, ref.uri, kind, config)


def read_parquet_articles(uri: str, config: ReaderConfig | None = None) -> Iterator[SourceItem]:
    """One article per row of a Parquet file: ``text`` or ``html`` plus JSONL's metadata.

    Each row is validated exactly as a JSONL record is (origin ``file:row``).
    """
    import pyarrow as pa
    import pyarrow.fs as pafs
    import pyarrow.parquet as pq

    config = config or ReaderConfig()
    try:
        fs, inner = (
            pafs.FileSystem.from_uri(uri)
            if is_remote(uri)
            else (pafs.LocalFileSystem(), str(Path(uri).resolve()))
        )
        parquet = pq.ParquetFile(fs.open_input_file(inner))
        names = set(parquet.schema_arrow.names)
        columns = [c for c in ("text", "html", *JSONL_FIELDS) if c in names]
        if "text" not in names and "html" not in names:
            yield InputFailure(uri, "Parquet file without a 'text' or 'html' column")
            return
        number = 0
        for batch in parquet.iter_batches(batch_size=PARQUET_READ_ROWS, columns=columns):
            for row in batch.to_pylist():
                number += 1
                line = json.dumps(row, ensure_ascii=False, default=str)
                yield jsonl_record(line, f"{uri}:{number}", config)
    except (OSError, ValueError, pa.ArrowException) as exc:
        yield InputFailure(uri, f"unreadable Parquet file ({_one_line(exc)})")


# --------------------------------------------------------------------------- rows


def item_row(item: SourceItem) -> dict[str, Any]:
    """A shard row for what a reader gave: a pending article or a failed input."""
    row = empty_row()
    if isinstance(item, InputFailure):
        row.update(origin=item.name, status="failed", reason=item.reason)
        return row
    row.update(id=item.id, origin=item.origin, status="pending", text=item.text)
    row.update(
        title=item.title,
        url=item.url,
        outlet=item.outlet,
        published=item.published,
        language=item.language,
        warnings=list(item.warnings),
    )
    return row


def row_article(row: dict[str, Any]) -> RawArticle:
    """The article a row was read from."""
    return RawArticle(
        row["text"],
        row["origin"],
        title=row["title"],
        url=row["url"],
        outlet=row["outlet"],
        published=row["published"],
        language=row["language"],
        warnings=tuple(row["warnings"] or ()),
    )


def _one_line(value: object) -> str:
    return " ".join(str(value).split())
