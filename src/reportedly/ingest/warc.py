"""WARC and WARC.gz files: every HTML response (or resource) in them, as an article."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any, BinaryIO

from .articles import ReaderConfig, SourceItem
from .files import InputFailure
from .pages import article_from_html


def read_warc(stream: BinaryIO, name: str, config: ReaderConfig) -> Iterator[SourceItem]:
    """Every HTML response (or resource) in a WARC or WARC.gz file.

    Other records (requests, metadata, images, redirects) are not articles and
    are passed over. A truncated record is reported and the ones before it kept.
    """
    from warcio.archiveiterator import ArchiveIterator

    size = stream.seek(0, io.SEEK_END)
    stream.seek(0)
    records = ArchiveIterator(stream)
    try:
        for record in records:
            if not _holds_html(record):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            # bounded: a record may claim (or decompress to) any size
            payload = record.content_stream().read(config.max_page_bytes + 1)
            # only after the payload is read: asking for the offset reads the record to its end
            origin = f"{name}@{records.get_record_offset()}"
            if getattr(record.raw_stream, "limit", 0) > 0:
                yield InputFailure(f"{origin} ({uri})", "truncated WARC record")
                continue
            yield article_from_html(payload, origin, config, url=uri)
    # warcio raises many kinds of error on damaged data (its own parser errors,
    # zlib, struct, index errors); each is about the rest of this file only
    except Exception as exc:
        offset = getattr(records, "offset", 0)
        reason = _one_line(exc) or type(exc).__name__
        yield InputFailure(f"{name}@{offset}", f"unreadable WARC data ({reason})")
        return
    if records.offset < size:
        # warcio stops quietly at a gzip member cut short; what it did not reach was lost
        yield InputFailure(
            f"{name}@{records.offset}",
            f"truncated WARC record ({size - records.offset} bytes at the end not readable)",
        )


def _holds_html(record: Any) -> bool:
    """Whether a WARC record holds an HTML page (a successful response, or a resource)."""
    if record.rec_type == "response" and record.http_headers is not None:
        status: str = record.http_headers.get_statuscode() or ""
        content_type: str = record.http_headers.get_header("Content-Type") or ""
        return status.startswith("2") and "html" in content_type.lower()
    if record.rec_type == "resource":
        return "html" in (record.rec_headers.get_header("Content-Type") or "").lower()
    return False


def _one_line(value: object) -> str:
    return " ".join(str(value).split())
