"""Read articles from many formats: text, JSONL, HTML, RSS/Atom feeds, WARC.

Every reader is a generator of :class:`RawArticle` (one article, with the
metadata the format carries) and :class:`~reportedly.ingest.files.InputFailure` (an
input, or a part of one, that gave no article, with a one-line reason). A bad
item never stops a reader: a malformed JSON line, a broken feed entry or a
truncated WARC record is reported and the rest of the input is still read.

Plain text is decoded by :func:`reportedly.ingest.files.decode_bytes`, the one place
where bytes become text; HTML goes through trafilatura, feeds through
feedparser, WARC files through warcio. Nothing here touches the database.
"""

from __future__ import annotations

import calendar
import glob
import io
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from ..errors import InputError
from .articles import (
    RawArticle,
    ReaderConfig,
    SourceItem,
    article_id,
    encodable,
    normalise_text,
    paragraphs_text,
)
from .dates import YEARS, normalise_date
from .fetch import USER_AGENT
from .fetch import fetch_url as _fetch_url
from .files import InputFailure, InputText, decode_bytes, display_name, looks_binary
from .pages import article_from_html, html_fragment_to_text, page_outlet
from .textmeta import is_sidecar, with_text_metadata
from .warc import read_warc

Format = Literal["text", "jsonl", "html", "feed", "warc"]

# Suffixes (lower case, ``.gz`` removed first for HTML and WARC) that name a format;
# a file with another suffix, or none, is recognised by its first bytes.
SUFFIX_FORMATS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
}
GZIP_MAGIC = b"\x1f\x8b"
GLOB_CHARS = frozenset("*?[")
# Metadata fields a JSONL record may carry besides ``text`` / ``html``.
JSONL_FIELDS = ("title", "url", "published", "outlet", "language")
# the readers' records and the web-page and WARC readers live in their own modules;
# their names are importable from here as before
__all__ = [
    "USER_AGENT",
    "RawArticle",
    "ReaderConfig",
    "SourceItem",
    "article_from_html",
    "article_id",
    "encodable",
    "html_fragment_to_text",
    "normalise_date",
    "normalise_text",
    "page_outlet",
    "paragraphs_text",
    "read_sources",
    "read_warc",
]


DEFAULT_READER = ReaderConfig()

# --------------------------------------------------------------------------- formats


def has_known_suffix(path: Path) -> bool:
    """Whether the name says the format (``.gz`` aside); files without a suffix may be anything."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return not suffixes or suffixes[-1] in SUFFIX_FORMATS


def count_ahead(sources: Iterable[str]) -> int | None:
    """How many items ``read_sources`` will yield, when that is known without reading:
    every source a local file or folder whose files hold one article each (text and HTML,
    gzipped or not) or are skipped by their suffix. None when a source may hold any number
    (JSONL, a feed, a WARC, a glob, standard input, a URL, a file without a suffix)."""
    count = 0
    for source in sources:
        if source == "-" or source.startswith(("http://", "https://")):
            return None
        path = Path(source)
        if path.is_dir():
            files = [
                p
                for p in _walk(path)
                if not any(part.startswith(".") for part in p.relative_to(path).parts)
                and not is_sidecar(p)
            ]
            in_folder = True
            count += not files  # an empty folder is one failure
        elif path.is_file():
            files, in_folder = [path], False
        else:
            return None
        for file in files:
            suffixes = [s.lower() for s in file.suffixes[-2:]]
            if suffixes and suffixes[-1] == ".gz":
                suffixes = suffixes[:-1]
            kind = SUFFIX_FORMATS.get(suffixes[-1]) if suffixes else None
            if kind in ("jsonl", "feed", "warc") or (kind is None and not in_folder):
                return None
            if kind is None and not has_known_suffix(file):
                count += 1  # skipped by its suffix: one failure
            elif kind is None:
                return None  # no suffix: its content decides
            else:
                count += 1
    return count


def detect_format(path: Path, head: bytes) -> Format | None:
    """The format of a file, by its suffix, else by its first bytes."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
        if suffixes and SUFFIX_FORMATS.get(suffixes[-1]) in ("html", "warc"):
            return SUFFIX_FORMATS[suffixes[-1]]
        # a .gz cut short shows nothing: its inner suffix then says (and gunzip says why)
        return _sniff_format(_gunzip_head(head)) or (
            SUFFIX_FORMATS.get(suffixes[-1]) if suffixes else None
        )
    suffix = suffixes[-1] if suffixes else ""
    if suffix in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[suffix]
    return _sniff_format(head)


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
    except zlib.error:
        return b""


def _sniff_format(head: bytes) -> Format | None:
    if head.startswith(GZIP_MAGIC):
        return _sniff_format(_gunzip_head(head))
    if head.startswith(b"WARC/"):
        return "warc"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")) and re.search(
        rb"<(rss|feed|rdf:rdf)[\s>]", start[:4096]
    ):
        return "feed"
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    if start and not looks_binary(head):
        return "text"
    return None


# --------------------------------------------------------------------------- entry point


def read_sources(
    sources: Iterable[str], config: ReaderConfig = DEFAULT_READER
) -> Iterator[SourceItem]:
    """Every article of every source (file, directory, glob, ``-`` for standard input,
    or http(s) URL), in order. Every article is within the limits of ``config``."""
    stdin_read = False
    for source in sources:
        if source == "-":
            if stdin_read:
                yield InputFailure("<stdin>", "skipped: standard input was already read")
                continue
            stdin_read = True
            items = read_stdin(config)
        else:
            items = _read_source(source, config)
        for item in items:
            yield item if isinstance(item, InputFailure) else _within_limits(item, config)


def _read_source(source: str, config: ReaderConfig) -> Iterator[SourceItem]:
    if source.startswith(("http://", "https://")):
        yield from read_url(source, config)
        return
    path = Path(source)
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except OSError as exc:  # a name too long, a loop of links
        yield InputFailure(display_name(source), f"cannot read ({exc.strerror or exc})")
        return
    if is_dir:
        yield from read_directory(path, config)
    elif not exists and GLOB_CHARS & set(source):
        matches = sorted(glob.glob(source, recursive=True))
        if not matches:
            yield InputFailure(display_name(source), "no file matches this pattern")
        for match in (m for m in matches if not is_sidecar(Path(m))):
            yield from (
                read_directory(Path(match), config)
                if Path(match).is_dir()
                else read_file(Path(match), config)
            )
    else:
        yield from read_file(path, config)


def read_stdin(config: ReaderConfig) -> Iterator[SourceItem]:
    """Standard input, in whichever format its content shows."""
    data = sys.stdin.buffer.read(config.max_input_bytes + 1)
    if len(data) > config.max_input_bytes:
        yield InputFailure("<stdin>", f"larger than {config.max_input_bytes} bytes; not read")
        return
    kind = _sniff_format(data[:8192]) or "text"
    yield from read_bytes(data, "<stdin>", kind, config)


def _within_limits(article: RawArticle, config: ReaderConfig) -> SourceItem:
    """The article, or a failure saying which limit it passed."""
    if len(article.text) > config.max_article_chars:
        return InputFailure(
            article.origin,
            f"article too long ({len(article.text):,} characters; the limit is "
            f"{config.max_article_chars:,}): split it into articles",
        )
    return article


def read_directory(directory: Path, config: ReaderConfig) -> Iterator[SourceItem]:
    """Every file under ``directory`` (recursively, sorted; hidden files skipped)."""
    found = 0
    for path in sorted(_walk(directory)):
        if any(part.startswith(".") for part in path.relative_to(directory).parts):
            continue
        if is_sidecar(path):  # read with its text file
            continue
        found += 1
        yield from read_file(path, config, from_directory=True)
    if not found:
        yield InputFailure(display_name(directory), "empty folder: no files to read")


def _walk(directory: Path) -> Iterator[Path]:
    """Files under ``directory``; unreadable sub-folders are passed over."""
    for root, _dirs, files in os.walk(directory, onerror=None):
        for file in files:
            yield Path(root, file)


def read_file(
    path: Path, config: ReaderConfig, *, from_directory: bool = False
) -> Iterator[SourceItem]:
    """The articles of one file, in whichever format it is.

    In a directory walk, a file whose suffix names no format we read (``.ann``,
    ``.pdf``, ``.db``) is skipped, and reported, without looking inside.
    """
    name = display_name(path)
    if is_sidecar(path):  # read with its text file; in a folder, passed over in silence
        if not from_directory:
            yield InputFailure(name, "a metadata sidecar, read with its text file; not an article")
        return
    if from_directory and not has_known_suffix(path):
        yield InputFailure(name, "skipped: not a format reportedly reads (by its suffix)")
        return
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            # a FIFO would block for ever and a device would never end
            yield InputFailure(name, "not a regular file (a pipe, socket or device); not read")
            return
        with path.open("rb") as stream:
            head = stream.read(8192)
            kind = detect_format(path, head)
            if kind == "warc":
                # streamed: a crawl can be far larger than memory
                stream.seek(0)
                yield from read_warc(stream, name, config)
                return
            if kind is not None and path.stat().st_size > config.max_input_bytes:
                yield InputFailure(
                    name, f"larger than {config.max_input_bytes:,} bytes; not read (the limit)"
                )
                return
            data = head + stream.read() if kind is not None else b""
    except FileNotFoundError:
        yield InputFailure(name, "no such file")
        return
    except OSError as exc:
        yield InputFailure(name, f"cannot read ({exc.strerror or exc})")
        return
    if kind is None:
        yield InputFailure(
            name,
            "skipped: not a format reportedly reads (by its content)"
            if from_directory
            else "binary data or unknown format (expected text, JSONL, HTML, RSS/Atom or WARC)",
        )
        return
    yield from read_bytes(data, name, kind, config, path=path)


def read_bytes(
    data: bytes,
    name: str,
    kind: Format,
    config: ReaderConfig,
    *,
    url: str | None = None,
    path: Path | None = None,
) -> Iterator[SourceItem]:
    """The articles in ``data`` read as ``kind``; ``path``: the file it came from (a text
    file's sidecar and name may give its metadata)."""
    if kind == "warc":
        yield from read_warc(io.BytesIO(data), name, config)
        return
    if data.startswith(GZIP_MAGIC):
        try:
            data = gunzip(data, config.max_input_bytes)
        except InputError as exc:
            yield InputFailure(name, exc.message)
            return
    if kind == "text":
        text = read_text(data, name)
        yield text if isinstance(text, InputFailure) else with_text_metadata(text, path)
    elif kind == "jsonl":
        yield from read_jsonl(data, name, config)
    elif kind == "html":
        yield article_from_html(data, name, config, url=url)
    else:
        yield from read_feed(data, name, config)


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip data (all its members), refusing to go past ``limit`` bytes."""
    out: list[bytes] = []
    size = 0
    while data:
        stream = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            while data and not stream.eof:
                chunk = stream.decompress(data, limit + 1 - size)
                size += len(chunk)
                if size > limit:
                    raise InputError(
                        f"decompresses to more than {limit:,} bytes (the limit; a gzip bomb?)"
                    )
                out.append(chunk)
                data = stream.unconsumed_tail
        except zlib.error as exc:
            raise InputError(f"corrupt gzip data ({exc})") from None
        if not stream.eof:
            raise InputError("corrupt gzip data (truncated)")
        data = stream.unused_data.lstrip(b"\x00")  # members may be padded with NULs
    return b"".join(out)


def read_url(url: str, config: ReaderConfig) -> Iterator[SourceItem]:
    """A feed (or a single page) given by its URL."""
    try:
        data, content_type = fetch_url(url, config)
    except InputError as exc:
        yield InputFailure(url, _reason(exc, url))
        return
    kind = _sniff_format(data[:8192])
    if "xml" in content_type or "rss" in content_type or "atom" in content_type:
        kind = "feed"
    if kind not in ("feed", "html"):
        yield InputFailure(url, f"not a feed or an HTML page ({content_type or 'no content type'})")
        return
    yield from read_bytes(data, url, kind, config, url=url)


# --------------------------------------------------------------------------- text


def read_text(data: bytes, name: str) -> RawArticle | InputFailure:
    try:
        decoded: InputText = decode_bytes(data, name)
    except InputError as exc:
        return InputFailure(name, _reason(exc, name))
    if not decoded.text.strip():
        return InputFailure(name, "empty: no text to analyze")
    return RawArticle(decoded.text, name, warnings=decoded.warnings)


# --------------------------------------------------------------------------- JSONL


def read_jsonl(data: bytes, name: str, config: ReaderConfig) -> Iterator[SourceItem]:
    """One article per line: ``{"text": ...}`` or ``{"html": ...}``, plus optional metadata."""
    try:
        decoded = decode_bytes(data, name)
    except InputError as exc:
        yield InputFailure(name, _reason(exc, name))
        return
    # "\n" ends a record: str.splitlines would also split at U+2028, U+0085 and the
    # like, which JSON allows raw inside strings
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        if line.strip():
            yield jsonl_record(line.removesuffix("\r"), f"{name}:{number}", config)


def jsonl_record(line: str, origin: str, config: ReaderConfig) -> RawArticle | InputFailure:
    """One JSONL line as an article, validated field by field."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputFailure(origin, f"invalid JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        return InputFailure(origin, "invalid record: JSON nested too deeply")
    except ValueError as exc:  # an integer of thousands of digits
        return InputFailure(origin, f"invalid record ({_one_line(exc)})")
    if not isinstance(record, dict):
        return InputFailure(origin, f"not a JSON object but {type(record).__name__}")
    warnings: list[str] = []
    meta: dict[str, str | None] = {}
    for key in JSONL_FIELDS:
        value = record.get(key)
        if value is None:
            continue
        if isinstance(value, str) and value.strip():
            meta[key] = encodable(value.strip())
        else:
            warnings.append(f"{origin}: field {key!r} is not a non-empty string; ignored")
    if meta.get("published"):
        published = normalise_date(meta["published"] or "")
        if published is None:
            warnings.append(f"{origin}: unrecognised date {meta['published']!r}; ignored")
            del meta["published"]
        else:
            meta["published"] = published
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and text.strip():
        if encodable(text) != text:
            warnings.append(f"{origin}: lone surrogates in 'text' replaced with U+FFFD")
        article = _with_metadata(RawArticle(encodable(text), origin), meta)
    elif isinstance(html, str) and html.strip():
        extracted = article_from_html(encodable(html), origin, config, url=meta.get("url"))
        if isinstance(extracted, InputFailure):
            return extracted
        article = _with_metadata(extracted, meta)
    else:
        return InputFailure(origin, "no non-empty 'text' or 'html' field")
    return replace(article, warnings=article.warnings + tuple(warnings))


def _with_metadata(article: RawArticle, meta: dict[str, str | None]) -> RawArticle:
    """``article`` with the given metadata taking precedence over what it has."""
    given: dict[str, Any] = {key: value for key, value in meta.items() if value}
    return replace(article, **given)


# --------------------------------------------------------------------------- feeds


def read_feed(data: bytes, name: str, config: ReaderConfig) -> Iterator[SourceItem]:
    """Every entry of an RSS or Atom feed; its page is fetched when reachable."""
    import feedparser

    # a BytesIO, never the bytes themselves: feedparser treats a string as a URL or a path
    parsed = feedparser.parse(io.BytesIO(data))
    if parsed.bozo and not parsed.entries:
        reason = parsed.get("bozo_exception", "not well-formed")
        yield InputFailure(name, f"malformed feed ({_one_line(reason)})")
        return
    if not parsed.entries:
        kind = "feed" if parsed.get("version") else "RSS or Atom feed"
        yield InputFailure(name, f"no entries (is it an {kind}?)")
        return
    warnings: tuple[str, ...] = ()
    if parsed.bozo:
        reason = _one_line(parsed.get("bozo_exception", ""))
        warnings = (f"{name}: feed is not well-formed ({reason}); its entries were read leniently",)
    feed_info = parsed.get("feed", {})
    outlet = _clean(feed_info.get("title"))
    language = _clean(feed_info.get("language"))
    for number, entry in enumerate(parsed.entries, start=1):
        yield feed_entry_article(entry, f"{name}#entry{number}", config, outlet, language, warnings)


def feed_entry_article(
    entry: Any,
    origin: str,
    config: ReaderConfig,
    outlet: str | None,
    language: str | None,
    warnings: tuple[str, ...],
) -> RawArticle | InputFailure:
    """One feed entry: its fetched page when possible, else the content the feed carries."""
    url = _clean(entry.get("link"))
    meta = {
        "title": _clean(entry.get("title")),
        "url": url,
        "outlet": outlet,
        "published": _entry_date(entry),
        "language": language,
    }
    notes = list(warnings)
    if url and config.fetch_pages:
        page = _fetch_page(url, origin, config)
        if isinstance(page, RawArticle):
            # the feed's metadata is curated by the publisher; the page fills in the gaps
            filled = {key: value or getattr(page, key) for key, value in meta.items()}
            return replace(page, origin=origin, warnings=tuple(notes), **filled)
        notes.append(f"{origin}: page not used ({page.reason}); the feed's content was analyzed")
    text = html_fragment_to_text(_entry_content(entry))
    if not text:
        return InputFailure(origin, "entry has no content or summary, and no page was fetched")
    return RawArticle(text, origin, warnings=tuple(notes), **meta)


def _fetch_page(url: str, origin: str, config: ReaderConfig) -> RawArticle | InputFailure:
    try:
        data, _ = fetch_url(url, config)
    except InputError as exc:
        return InputFailure(origin, exc.message)
    return article_from_html(data, origin, config, url=url)


def _entry_content(entry: Any) -> str:
    """The longest HTML or text the entry carries (full content beats a summary)."""
    candidates = [str(part.get("value") or "") for part in entry.get("content") or []]
    candidates.append(str(entry.get("summary") or ""))
    return max(candidates, key=len)


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:  # a UTC struct_time
            try:
                value = datetime.fromtimestamp(calendar.timegm(parsed), UTC)
            except (ValueError, OverflowError, OSError, TypeError):
                continue  # a year feedparser read but no date holds
            if value.year in YEARS:
                return value.isoformat()
    for key in ("published", "updated"):  # forms feedparser does not know
        if isinstance(entry.get(key), str) and (found := normalise_date(entry[key])):
            return found
    return None


def _clean(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _reason(error: InputError, name: str) -> str:
    """The error's message without the name it starts with: the failure carries the name."""
    return error.message.removeprefix(f"{name}: ")


def _one_line(value: object) -> str:
    return " ".join(str(value).split())


# --------------------------------------------------------------------------- network


def fetch_url(url: str, config: ReaderConfig) -> tuple[bytes, str]:
    """GET an http(s) URL within ``config.fetch_timeout`` seconds in all (see :mod:`.fetch`)."""
    return _fetch_url(url, config.fetch_timeout, config.max_fetch_bytes)
