"""Web pages: the main text and metadata of a page (trafilatura), and feed HTML fragments."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from .articles import WHITESPACE, RawArticle, ReaderConfig, paragraphs_text
from .dates import normalise_date
from .files import InputFailure, looks_binary

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
# a charset the page declares (<meta charset=...>, or the http-equiv Content-Type form)
DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*[A-Za-z0-9_.:-]+", re.IGNORECASE)


def page_markup(raw: bytes, origin: str) -> tuple[bytes | str, tuple[str, ...]]:
    """What trafilatura reads: the page's bytes when they are UTF-8 or the page declares
    its charset (trafilatura honours the declaration); else the text as every reader
    decodes undeclared bytes (:func:`reportedly.ingest.decoding.decode`: Windows-1252
    and its kin before exotic code pages), with the decoding's warning."""
    if DECLARED_CHARSET.search(raw[:8192]):
        return raw, ()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        from .decoding import decode

        decoded = decode(raw, origin)
        return decoded.text, decoded.warnings
    return raw, ()


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
    markup, warnings = page_markup(raw, origin)
    try:
        document = trafilatura.bare_extraction(
            markup,
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
        warnings=warnings,
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
