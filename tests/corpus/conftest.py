"""Fixtures for the corpus tests: hand-made analyses, feeds, WARC files, real pages, a web server.

The builders are reached through the ``kit`` fixture (test modules cannot
import each other under pytest's import modes).
"""

from __future__ import annotations

import gzip
import io
import json
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from reportedly.records import (
    Analysis,
    Attribution,
    Claim,
    Cue,
    Flag,
    Quantity,
    Repair,
    Source,
    TextPart,
)
from reportedly.signal_records import (
    AttributedSentences,
    CueStances,
    EvaluativeWording,
    Headline,
    RepairSignals,
    Signals,
    SourceMix,
)

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "datasets"
EXTRACTION = SHARED / "article-extraction"
VERSION = "0.1.0/reportedly.analysis/1"

# Two real pages of the extraction benchmark (their truth is in ground-truth.json).
WSJ_PAGE = "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856"
NYT_PAGE = "04a6711caa7c687592777718866e781e976e0fe684faebe8b3cedcef8cd0ea34"

QUOTE_ARTICLE = (
    "Mayor pledges new bridge\n\n"
    '"We will build it by 2026," said Mayor Jane Doe on Monday.\n\n'
    "Critics said the plan would cost $40 million."
)


def span_of(text: str, part: str, start: int = 0) -> tuple[int, int]:
    index = text.index(part, start)
    return index, index + len(part)


def quote_analysis(text: str = QUOTE_ARTICLE, version: str = VERSION) -> Analysis:
    """An analysis of QUOTE_ARTICLE built by hand, with every kind of child record."""
    content = span_of(text, "We will build it by 2026")
    cue = span_of(text, "said")
    source = span_of(text, "Mayor Jane Doe")
    critics = span_of(text, "Critics")
    said2 = span_of(text, "said", critics[1])
    plan = span_of(text, "the plan would cost $40 million")
    money = span_of(text, "$40 million")
    return Analysis(
        text=text,
        title=TextPart((span_of(text, "Mayor pledges new bridge"),), "Mayor pledges new bridge"),
        attributions=(
            Attribution(
                "direct",
                Source((source,), "Mayor Jane Doe", "Jane Doe", "official"),
                Cue((cue,), "said", "say", "neutral"),
                TextPart((content,), "We will build it by 2026"),
                channel=None,
                origin="quote-rule",
            ),
            Attribution(
                "indirect",
                Source((critics,), "Critics", "", "vague"),
                Cue((said2,), "said", "say", "neutral"),
                TextPart((plan,), "the plan would cost $40 million"),
                origin="parse-rule",
            ),
        ),
        repairs=(Repair("whitespace", ((0, 0),), "", "", "nothing really"),),
        flags=(Flag("suspicious", (content,), "a note"),),
        claims=(
            Claim(
                (plan,),
                "the plan would cost $40 million",
                "quantity",
                (Quantity((money,), "$40 million", 40e6, "USD", None),),
                1,
                0.8,
            ),
        ),
        signals=Signals(
            AttributedSentences(0.5, 1, 2, (content,)),
            SourceMix(2, {"named": 1, "vague": 1}, ()),
            CueStances({"neutral": 2}, ()),
            EvaluativeWording.of((), "a lexicon"),
            RepairSignals((), (), (), {"suspicious": 1}, 1),
            Headline(None),
        ),
        version=version,
    )


# --------------------------------------------------------------------------- feeds


def rss_feed(items: Iterable[dict[str, str]], title: str = "Daily Planet") -> bytes:
    """An RSS 2.0 document; item keys: title, link, date (RFC 2822), content or description."""
    entries = []
    for item in items:
        parts = [f"<title>{item['title']}</title>"]
        if "link" in item:
            parts.append(f"<link>{item['link']}</link>")
        if "date" in item:
            parts.append(f"<pubDate>{item['date']}</pubDate>")
        if "description" in item:
            parts.append(f"<description><![CDATA[{item['description']}]]></description>")
        if "content" in item:
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        entries.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>https://planet.example/</link>"
        "<description>News</description><language>en-us</language>"
        + "".join(entries)
        + "</channel></rss>"
    ).encode("utf-8")


def atom_feed(entries: Iterable[dict[str, str]], title: str = "The Atom Times") -> bytes:
    parts = []
    for entry in entries:
        parts.append(
            "<entry>"
            f"<title>{entry['title']}</title>"
            f'<link href="{entry["link"]}"/>'
            f"<id>{entry['link']}</id>"
            f"<updated>{entry['updated']}</updated>"
            f'<content type="html">{entry["content"]}</content>'
            "</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:atom-times</id><updated>2024-05-02T00:00:00Z</updated>"
        + "".join(parts)
        + "</feed>"
    ).encode("utf-8")


# --------------------------------------------------------------------------- WARC


def warc_bytes(records: Iterable[tuple[str, str, bytes, str]], *, gzip_records: bool) -> bytes:
    """A WARC file with warcinfo first, then (uri, status, payload, content type) responses."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_records)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    for uri, status, payload, content_type in records:
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x.test")], is_http_request=True)
        writer.write_record(writer.create_warc_record(uri, "request", http_headers=request))
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                uri, "response", payload=io.BytesIO(payload), http_headers=headers
            )
        )
    return buffer.getvalue()


def html_page(title: str, paragraphs: Iterable[str], site: str = "Example News") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{title}</title>'
        f'<meta property="og:site_name" content="{site}">'
        f'<meta property="article:published_time" content="2024-03-05T08:00:00Z">'
        f"</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>Copyright Example News. All rights reserved.</footer></body></html>"
    ).encode()


LONG_PARAGRAPHS = [
    "The city council approved the budget on Tuesday after a long debate that lasted "
    "well into the night, with members arguing over the cost of new schools.",
    '"This is a budget for families," said council president Maria Lopez, who had '
    "pushed for the school funding since her election two years ago.",
    "Opponents said the plan would raise property taxes for thousands of homeowners "
    "and warned that the city could not afford the new spending in a weak economy.",
]


class WebHandler(BaseHTTPRequestHandler):
    """Serves ``routes``: path -> (status, content type, body, seconds to wait first)."""

    routes: ClassVar[dict[str, tuple[int, str, bytes, float]]] = {}

    def do_GET(self) -> None:
        status, content_type, body, delay = self.routes.get(
            self.path, (404, "text/plain", b"not found", 0.0)
        )
        if delay:
            time.sleep(delay)
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting, as the slow-server test wants

    def log_message(self, format: str, *args: Any) -> None:
        del format, args


class Kit:
    """Everything a corpus test builds its inputs with."""

    VERSION = VERSION
    WSJ_PAGE = WSJ_PAGE
    NYT_PAGE = NYT_PAGE
    QUOTE_ARTICLE = QUOTE_ARTICLE
    LONG_PARAGRAPHS = LONG_PARAGRAPHS
    span_of = staticmethod(span_of)
    quote_analysis = staticmethod(quote_analysis)
    rss_feed = staticmethod(rss_feed)
    atom_feed = staticmethod(atom_feed)
    warc_bytes = staticmethod(warc_bytes)
    html_page = staticmethod(html_page)


@pytest.fixture(scope="session")
def kit() -> type[Kit]:
    return Kit


@pytest.fixture
def make_analysis() -> Callable[..., Analysis]:
    return quote_analysis


@pytest.fixture(scope="session")
def extraction_truth() -> dict[str, dict[str, str]]:
    path = EXTRACTION / "ground-truth.json"
    if not path.is_file():
        pytest.skip(f"article-extraction benchmark not found at {EXTRACTION}")
    truth: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
    return truth


@pytest.fixture(scope="session")
def real_page(extraction_truth: dict[str, dict[str, str]]) -> Callable[[str], bytes]:
    def read(page_id: str) -> bytes:
        return gzip.decompress((EXTRACTION / "html" / f"{page_id}.html.gz").read_bytes())

    return read


@pytest.fixture
def web_server() -> Iterator[Callable[[str, bytes, str, float], str]]:
    """A real HTTP server on localhost; ``serve(path, body, type, delay)`` gives the URL."""
    routes: dict[str, tuple[int, str, bytes, float]] = {}
    handler = type("Handler", (WebHandler,), {"routes": routes})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]

    def serve(path: str, body: bytes, content_type: str = "text/html", delay: float = 0.0) -> str:
        routes[path] = (200, content_type, body, delay)
        return f"http://{host!s}:{port}{path}"

    yield serve
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port_url() -> str:
    """A URL nothing listens on (connection refused at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/gone"
