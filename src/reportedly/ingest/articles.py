"""The records every reader yields: what is read, how, and an article's identity."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from hashlib import sha256

from .files import InputFailure

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


def encodable(text: str) -> str:
    """``text`` with lone surrogates (``"\\ud800"`` in JSON) as U+FFFD, one for one:
    no encoder, SQLite's included, accepts them."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATES.sub("\ufffd", text)
    return text
