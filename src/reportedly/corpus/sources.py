"""Read articles from many formats: text, JSONL, HTML, RSS/Atom feeds, WARC.

Every reader is a generator of :class:`RawArticle` (one article, with the
metadata the format carries) and :class:`~reportedly.ingest.InputFailure` (an
input, or a part of one, that gave no article, with a one-line reason). A bad
item never stops a reader: a malformed JSON line, a broken feed entry or a
truncated WARC record is reported and the rest of the input is still read.

Plain text is decoded by :func:`reportedly.ingest.decode_bytes`, the one place
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
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from hashlib import sha256
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, BinaryIO, Literal
from urllib.parse import urlsplit

from ..errors import InputError
from ..ingest import InputFailure, InputText, decode_bytes, display_name, looks_binary
from .dates import YEARS, normalise_date
from .fetch import USER_AGENT
from .fetch import fetch_url as _fetch_url

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
__all__ = ["USER_AGENT", "RawArticle", "ReaderConfig", "normalise_date", "read_sources"]
# Tags after which feed HTML starts a new paragraph.
BLOCK_TAGS = frozenset(
    {
        "p", "div", "br", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
        "tr", "table", "ul", "ol", "section", "article", "header", "footer", "figure",
        "figcaption", "dd", "dt",
    }
)  # fmt: skip
SKIPPED_TAGS = frozenset({"script", "style", "noscript"})
HTML_LANG = re.compile(rb"<html[^>]*?\slang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)")
WHITESPACE = re.compile(r"\s+")
_SURROGATES = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class ReaderConfig:
    """How sources are read. The defaults are what ``reportedly ingest`` uses."""

    # fetch a feed entry's page (falling back to the feed's content when it fails)
    fetch_pages: bool = True
    # seconds for one whole fetch: connecting, waiting and reading together
    fetch_timeout: float = 5.0
    max_fetch_bytes: int = 10_000_000
    # trafilatura settings. On the 181 pages of the article-extraction benchmark
    # these give body F1 0.964 (P 0.958, R 0.971) against 0.958 for trafilatura's
    # defaults: comments and page furniture are not the article, and every
    # stray sentence left in is a chance of a false attribution.
    favor_precision: bool = True
    include_comments: bool = False
    # limits: what a hostile or broken input may cost before it is refused, with its reason
    # bytes of one file (or of what a .gz decompresses to); a gzip bomb stops here
    max_input_bytes: int = 128 * 1024 * 1024
    # bytes of one HTML page: extraction of a 30 MB page takes minutes and gigabytes
    max_page_bytes: int = 8 * 1024 * 1024
    # characters of one article (spaCy's own limit): a longer "article" is a dump
    max_article_chars: int = 1_000_000


@dataclass(frozen=True, slots=True)
class RawArticle:
    """One article as read from a source, before analysis.

    ``text`` is exactly what will be analyzed and stored (every offset of the
    analysis indexes it); ``origin`` says where it was read from. ``published``
    is an ISO 8601 date or date-time when the source gave one that parses.
    """

    text: str
    origin: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    warnings: tuple[str, ...] = field(default=())

    @property
    def id(self) -> str:
        return article_id(self.text)


SourceItem = RawArticle | InputFailure


def normalise_text(text: str) -> str:
    """The form of a text its identity is computed on: NFC, whitespace runs as one space."""
    return WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def article_id(text: str) -> str:
    """Identity of an article: the same text, however spaced or from wherever, is one article.

    64 bits of SHA-256 keep ids short enough to read in Datasette; a collision
    is not expected before billions of articles.
    """
    return sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


def paragraphs_text(text: str) -> str:
    """Lines (paragraphs of an extracted page) joined by blank lines, as plain-text articles are."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


# --------------------------------------------------------------------------- formats


def has_known_suffix(path: Path) -> bool:
    """Whether the name says the format (``.gz`` aside); files without a suffix may be anything."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return not suffixes or suffixes[-1] in SUFFIX_FORMATS


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
    sources: Iterable[str], config: ReaderConfig = ReaderConfig()
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
        for match in matches:
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
    yield from read_bytes(data, name, kind, config)


def read_bytes(
    data: bytes, name: str, kind: Format, config: ReaderConfig, *, url: str | None = None
) -> Iterator[SourceItem]:
    """The articles in ``data`` read as ``kind``."""
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
        yield read_text(data, name)
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


def encodable(text: str) -> str:
    """``text`` with lone surrogates (``"\\ud800"`` in JSON) as U+FFFD, one for one:
    no encoder, SQLite's included, accepts them."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATES.sub("\ufffd", text)
    return text


def _with_metadata(article: RawArticle, meta: dict[str, str | None]) -> RawArticle:
    """``article`` with the given metadata taking precedence over what it has."""
    given: dict[str, Any] = {key: value for key, value in meta.items() if value}
    return replace(article, **given)


# --------------------------------------------------------------------------- HTML


def article_from_html(
    html: bytes | str, origin: str, config: ReaderConfig, *, url: str | None = None
) -> RawArticle | InputFailure:
    """The main text and metadata of a web page (trafilatura)."""
    import trafilatura

    raw = html.encode("utf-8") if isinstance(html, str) else html
    if looks_binary(raw):
        return InputFailure(origin, "binary data (NUL byte), not HTML")
    if len(raw) > config.max_page_bytes:
        return InputFailure(
            origin,
            f"page too large ({len(raw):,} bytes; the limit is {config.max_page_bytes:,})",
        )
    try:
        document = trafilatura.bare_extraction(
            raw,
            url=url,
            with_metadata=True,
            favor_precision=config.favor_precision,
            include_comments=config.include_comments,
        )
        found: dict[str, Any] = (
            {}
            if document is None
            else document
            if isinstance(document, dict)
            else document.as_dict()
        )
    # trafilatura parses untrusted markup with lxml; any error it lets escape is
    # about this page only, and must not stop the rest of the corpus
    except Exception as exc:
        return InputFailure(origin, f"HTML extraction failed ({type(exc).__name__}: {exc})")
    text = paragraphs_text(found.get("text") or "")
    if not text:
        return InputFailure(origin, "no article text found in the page")
    language = found.get("language")
    if not language and (match := HTML_LANG.search(raw[:20_000])):
        language = match.group(1).decode("ascii").replace("_", "-")
    return RawArticle(
        text,
        origin,
        title=found.get("title") or None,
        url=found.get("url") or url,
        outlet=page_outlet(raw, found, url),
        published=normalise_date(found.get("date") or ""),
        language=language or None,
    )


_SITE_NAME = re.compile(
    rb"<meta\s[^>]*?(?:property|name)\s*=\s*[\"']og:site_name[\"'][^>]*?content\s*=\s*[\"']([^\"'<>]{1,100})"
    rb"|<meta\s[^>]*?content\s*=\s*[\"']([^\"'<>]{1,100})[\"'][^>]*?(?:property|name)\s*=\s*[\"']og:site_name",
    re.IGNORECASE,
)
_LD_PUBLISHER = re.compile(rb'"publisher"\s*:\s*\{[^{}]{0,400}?"name"\s*:\s*"([^"\\]{1,100})"')


def page_outlet(raw: bytes, found: dict[str, Any], url: str | None) -> str | None:
    """The outlet of a page: the publisher's own metadata (``og:site_name``, JSON-LD
    ``publisher.name``), else the domain of its URL, else what trafilatura guessed
    (which may come from a copyright line)."""
    head = raw[:300_000]
    for pattern in (_SITE_NAME, _LD_PUBLISHER):
        if match := pattern.search(head):
            name = next(g for g in match.groups() if g).decode("utf-8", "replace")
            name = " ".join(unescape(name).split())
            if name:
                return name
    domain = _domain(found.get("url") or url)
    return domain or found.get("hostname") or found.get("sitename") or None


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feed content), one paragraph per block element."""
    if "<" not in fragment:
        return paragraphs_text(fragment)
    parser = _FragmentText()
    parser.feed(fragment)
    parser.close()
    return paragraphs_text("".join(parser.parts))


class _FragmentText(HTMLParser):
    """Collects the text of an HTML fragment, a line break at each block element's edges."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0  # depth inside script/style

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:  # source line breaks inside HTML text are just spaces
            self.parts.append(WHITESPACE.sub(" ", data))


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


# --------------------------------------------------------------------------- WARC


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


# --------------------------------------------------------------------------- network


def fetch_url(url: str, config: ReaderConfig) -> tuple[bytes, str]:
    """GET an http(s) URL within ``config.fetch_timeout`` seconds in all (see :mod:`.fetch`)."""
    return _fetch_url(url, config.fetch_timeout, config.max_fetch_bytes)
