"""Format readers: each source format read from real bytes, bad items reported with reasons."""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reportedly.ingest.files import InputFailure
from reportedly.ingest.sources import (
    RawArticle,
    ReaderConfig,
    article_id,
    detect_format,
    html_fragment_to_text,
    normalise_date,
    read_sources,
)

OFFLINE = ReaderConfig(fetch_pages=False)


def read(*sources: str | Path, config: ReaderConfig = OFFLINE) -> list[RawArticle | InputFailure]:
    return list(read_sources([str(s) for s in sources], config))


def articles(items: list[RawArticle | InputFailure]) -> list[RawArticle]:
    return [i for i in items if isinstance(i, RawArticle)]


def failures(items: list[RawArticle | InputFailure]) -> list[InputFailure]:
    return [i for i in items if isinstance(i, InputFailure)]


# --------------------------------------------------------------------------- identity, dates


def test_identity_ignores_spacing_and_unicode_normal_form_but_not_words() -> None:
    text = "Café owner said: “prices rise.”\n\nMore text."
    respaced = "  Cafe\u0301 owner   said: “prices rise.”\r\n More text.\n"
    assert article_id(text) == article_id(respaced)
    assert article_id(text) != article_id(text.replace("rise", "fall"))
    assert len(article_id(text)) == 16


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2024-05-01", "2024-05-01"),
        ("2024-05-01T09:30:00Z", "2024-05-01T09:30:00+00:00"),
        ("2024-05-01 09:30:00+02:00", "2024-05-01T09:30:00+02:00"),
        ("Wed, 01 May 2024 09:30:00 GMT", "2024-05-01T09:30:00+00:00"),
        ("yesterday", None),
        ("", None),
    ],
)
def test_dates_are_normalised_to_iso(given: str, expected: str | None) -> None:
    assert normalise_date(given) == expected


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.txt", b"<html>", "text"),  # the suffix wins
        ("a.jsonl", b"", "jsonl"),
        ("page.html.gz", b"", "html"),
        ("crawl.warc.gz", b"", "warc"),
        ("feed.xml", b"", "feed"),
        ("noext", b"WARC/1.0\r\n", "warc"),
        ("download.bin", b'<?xml version="1.0"?><rss version="2.0">', "feed"),
        ("download.bin", b"<!DOCTYPE html><html>", "html"),
        ("download.bin", b'{"text": "x"}\n', "jsonl"),
        ("download.bin", b"Plain words.", "text"),
        ("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00", None),
    ],
)
def test_format_is_detected_by_suffix_then_content(
    name: str, head: bytes, expected: str | None
) -> None:
    assert detect_format(Path(name), head) == expected


# --------------------------------------------------------------------------- text


def test_text_files_directories_and_globs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("First article.", encoding="utf-8")
    nested = tmp_path / "nested"
    nested.mkdir()
    (nested / "b.txt").write_text("Second article.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Not read.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "notes.ann").write_text("T1\tSource 0 5\tMayor", encoding="utf-8")
    (tmp_path / "README").write_bytes(b"\x00\x01 no suffix, not text")

    from_dir = read(tmp_path)
    assert [a.text for a in articles(from_dir)] == ["First article.", "Second article."]
    assert [(Path(f.name).name, f.reason) for f in failures(from_dir)] == [
        ("README", "skipped: not a format reportedly reads (by its content)"),
        ("image.png", "skipped: not a format reportedly reads (by its suffix)"),
        ("notes.ann", "skipped: not a format reportedly reads (by its suffix)"),
    ]
    assert [a.text for a in articles(read(tmp_path / "**" / "*.txt"))] == [
        "First article.",
        "Second article.",
    ]
    [missing] = read(tmp_path / "*.none")
    assert isinstance(missing, InputFailure) and "no file matches" in missing.reason


def test_binary_empty_and_missing_files_fail_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"abc\x00\x01\x02")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    items = read(tmp_path / "binary.txt", tmp_path / "empty.txt", tmp_path / "gone.txt")
    reasons = [f.reason for f in failures(items)]
    assert len(reasons) == 3
    assert "binary" in reasons[0]
    assert "empty" in reasons[1]
    assert "no such file" in reasons[2]


def test_invalid_utf8_is_read_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 owner spoke.".encode("latin-1"))
    [article] = articles(read(tmp_path / "latin.txt"))
    assert article.text == "Café owner spoke."
    assert any("not UTF-8" in w and "decoded as" in w for w in article.warnings)


# --------------------------------------------------------------------------- JSONL


def test_jsonl_records_with_text_or_html_and_metadata(kit: Any, tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "text": "The mayor said the bridge will open.",
                "title": "Bridge",
                "url": "https://news.example/bridge",
                "published": "2024-05-01T10:00:00Z",
                "outlet": "Example News",
                "language": "en",
            }
        ),
        "",
        json.dumps(
            {
                "html": kit.html_page("Budget passes", kit.LONG_PARAGRAPHS).decode(),
                "url": "https://news.example/budget",
            }
        ),
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first, second = articles(read(path))
    assert first.text == "The mayor said the bridge will open."
    assert (first.title, first.url, first.outlet, first.language) == (
        "Bridge",
        "https://news.example/bridge",
        "Example News",
        "en",
    )
    assert first.published == "2024-05-01T10:00:00+00:00"
    assert first.origin == f"{path}:1"
    assert second.origin == f"{path}:3"
    assert "council president Maria Lopez" in second.text
    assert "All rights reserved" not in second.text  # page furniture is not the article
    assert second.url == "https://news.example/budget"
    assert second.outlet == "Example News"


def test_bad_jsonl_lines_are_reported_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        "\n".join(
            [
                '{"text": "Good one."}',
                '{"text": "unterminated',
                "[1, 2]",
                '{"title": "no body"}',
                '{"text": "Typed badly.", "title": 7, "published": "someday"}',
            ]
        ),
        encoding="utf-8",
    )
    items = read(path)
    good = articles(items)
    assert [a.text for a in good] == ["Good one.", "Typed badly."]
    assert any("'title'" in w for w in good[1].warnings)
    assert any("unrecognised date" in w for w in good[1].warnings)
    assert good[1].title is None and good[1].published is None
    assert [(f.name, f.reason.split(" (")[0]) for f in failures(items)] == [
        (f"{path}:2", "invalid JSON"),
        (f"{path}:3", "not a JSON object but list"),
        (f"{path}:4", "no non-empty 'text' or 'html' field"),
    ]


# --------------------------------------------------------------------------- HTML


def test_real_pages_give_their_body_and_metadata(
    kit: Any,
    tmp_path: Path,
    real_page: Callable[[str], bytes],
    extraction_truth: dict[str, dict[str, str]],
) -> None:
    (tmp_path / "wsj.html").write_bytes(real_page(kit.WSJ_PAGE))
    (tmp_path / "nyt.html.gz").write_bytes(gzip.compress(real_page(kit.NYT_PAGE)))
    wsj, nyt = articles(read(tmp_path / "wsj.html", tmp_path / "nyt.html.gz"))
    # values checked against the pages' own <title>, og: and schema.org tags
    assert wsj.title is not None and wsj.title.startswith("Google Stadia, Microsoft xCloud")
    assert wsj.url == extraction_truth[kit.WSJ_PAGE]["url"]
    assert wsj.published == "2019-11-19"
    assert wsj.language == "en-US"
    assert nyt.title == "Opinion | Republicans Are Following Trump to Nowhere"
    assert nyt.url == extraction_truth[kit.NYT_PAGE]["url"]
    for article, page in ((wsj, kit.WSJ_PAGE), (nyt, kit.NYT_PAGE)):
        truth = extraction_truth[page]["articleBody"]
        first_sentence = truth.strip().split(". ")[0]
        assert first_sentence in article.text.replace("\n\n", " ")
        assert "\n\n" in article.text  # paragraphs are separated by blank lines


def test_a_page_without_article_text_fails(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_bytes(b"<html><body><script>var x;</script></body></html>")
    [failure] = read(tmp_path / "empty.html")
    assert isinstance(failure, InputFailure)
    assert failure.reason == "no article text found in the page"


def test_a_page_with_no_declared_charset_is_decoded_like_every_other_input(
    kit: Any, tmp_path: Path
) -> None:
    paragraphs = [
        "“We will not leave,” said the café owner, who has run the shop "
        "on the corner of the square for thirty years — since before the war.",
        *kit.LONG_PARAGRAPHS,
    ]
    page = kit.html_page("Café owners stay", paragraphs).decode("utf-8")
    (tmp_path / "undeclared.html").write_bytes(page.encode("cp1252"))
    [article] = read(tmp_path / "undeclared.html")
    assert not isinstance(article, InputFailure)
    assert "“We will not leave,” said the café owner" in article.text
    assert "— since before the war" in article.text
    assert any("Windows-1252" in w or "cp1252" in w for w in article.warnings), article.warnings
    # a page that declares its charset is read by that declaration, without a warning
    declared = page.replace("<head>", '<head><meta charset="windows-1252">')
    (tmp_path / "declared.html").write_bytes(declared.encode("cp1252"))
    [article] = read(tmp_path / "declared.html")
    assert not isinstance(article, InputFailure)
    assert "said the café owner" in article.text and not article.warnings


def test_html_fragments_become_paragraphs() -> None:
    fragment = (
        "<p>A long\nparagraph with <b>bold</b> &amp; more</p><p>Second</p>"
        "<script>var x = 1;</script><ul><li>one</li><li>two</li></ul>tail"
    )
    assert html_fragment_to_text(fragment) == (
        "A long paragraph with bold & more\n\nSecond\n\none\n\ntwo\n\ntail"
    )


# --------------------------------------------------------------------------- feeds


def test_rss_items_use_their_content_and_carry_feed_metadata(kit: Any, tmp_path: Path) -> None:
    path = tmp_path / "planet.rss"
    path.write_bytes(
        kit.rss_feed(
            [
                {
                    "title": "Bridge opens",
                    "link": "https://planet.example/bridge",
                    "date": "Wed, 01 May 2024 09:30:00 GMT",
                    "description": "Short summary.",
                    "content": "<p>The bridge opened.</p><p>“It is great,” said Lois Lane.</p>",
                },
                {"title": "Summary only", "description": "Just a summary sentence here."},
            ]
        )
    )
    first, second = articles(read(path))
    assert first.text == "The bridge opened.\n\n“It is great,” said Lois Lane."
    assert first.title == "Bridge opens"
    assert first.url == "https://planet.example/bridge"
    assert first.published == "2024-05-01T09:30:00+00:00"
    assert (first.outlet, first.language) == ("Daily Planet", "en-us")
    assert first.origin == f"{path}#entry1"
    assert second.text == "Just a summary sentence here."
    assert second.url is None


def test_atom_entries(kit: Any, tmp_path: Path) -> None:
    path = tmp_path / "times.atom"
    path.write_bytes(
        kit.atom_feed(
            [
                {
                    "title": "Storm warning",
                    "link": "https://atom.example/storm",
                    "updated": "2024-05-02T06:00:00Z",
                    "content": "&lt;p&gt;A storm is coming, forecasters said.&lt;/p&gt;",
                }
            ]
        )
    )
    [entry] = articles(read(path))
    assert entry.text == "A storm is coming, forecasters said."
    assert entry.outlet == "The Atom Times"
    assert entry.published == "2024-05-02T06:00:00+00:00"


def test_malformed_and_empty_feeds_fail_but_lenient_feeds_are_read(
    kit: Any, tmp_path: Path
) -> None:
    (tmp_path / "broken.xml").write_bytes(b'<?xml version="1.0"?><rss version="2.0"><channel><ti')
    (tmp_path / "empty.rss").write_bytes(kit.rss_feed([]))
    lenient = kit.rss_feed([{"title": "Fine", "description": "Text & more words."}])
    (tmp_path / "lenient.rss").write_bytes(lenient.replace(b"<![CDATA[", b"").replace(b"]]>", b""))
    items = read(tmp_path / "broken.xml", tmp_path / "empty.rss", tmp_path / "lenient.rss")
    broken, empty = failures(items)
    assert broken.reason.startswith("malformed feed")
    assert empty.reason.startswith("no entries")
    [article] = articles(items)
    assert article.text == "Text & more words."
    assert any("not well-formed" in w for w in article.warnings)


def test_feed_entry_pages_are_fetched_when_reachable(
    kit: Any, tmp_path: Path, web_server: Callable[..., str], closed_port_url: str
) -> None:
    page_url = web_server("/budget", kit.html_page("Budget passes", kit.LONG_PARAGRAPHS))
    path = tmp_path / "feed.rss"
    path.write_bytes(
        kit.rss_feed(
            [
                {"title": "Budget passes", "link": page_url, "description": "Teaser only."},
                {"title": "Gone", "link": closed_port_url, "description": "The feed's own text."},
            ]
        )
    )
    fetched, fallback = articles(read(path, config=ReaderConfig(fetch_timeout=2)))
    assert "council president Maria Lopez" in fetched.text
    assert fetched.title == "Budget passes" and fetched.url == page_url
    assert fetched.outlet == "Daily Planet"  # the feed's metadata wins over the page's
    assert fallback.text == "The feed's own text."
    assert any("page not used" in w for w in fallback.warnings)


def test_a_slow_server_never_hangs_the_reader(
    kit: Any, tmp_path: Path, web_server: Callable[..., str]
) -> None:
    slow_url = web_server("/slow", kit.html_page("Slow", kit.LONG_PARAGRAPHS), "text/html", 5.0)
    path = tmp_path / "feed.rss"
    path.write_bytes(
        kit.rss_feed([{"title": "Slow", "link": slow_url, "description": "Fallback."}])
    )
    started = time.monotonic()
    [article] = articles(read(path, config=ReaderConfig(fetch_timeout=0.5)))
    assert time.monotonic() - started < 3
    assert article.text == "Fallback."


def test_feeds_given_by_url(kit: Any, web_server: Callable[..., str], closed_port_url: str) -> None:
    feed = kit.rss_feed([{"title": "One", "description": "Entry text."}])
    url = web_server("/feed.xml", feed, "application/rss+xml")
    items = read(url, closed_port_url)
    assert [a.text for a in articles(items)] == ["Entry text."]
    [failure] = failures(items)
    assert failure.name == closed_port_url and "cannot fetch" in failure.reason


# --------------------------------------------------------------------------- WARC


def crawl(kit: Any, *, compressed: bool) -> bytes:
    """Two HTML pages among records that are not articles (an image, a 404)."""
    page_a = kit.html_page("Page A", kit.LONG_PARAGRAPHS)
    page_b = kit.html_page("Page B", kit.LONG_PARAGRAPHS[::-1])
    records = [
        ("https://warc.example/a", "200 OK", page_a, "text/html"),
        ("https://warc.example/logo.png", "200 OK", b"\x89PNG\r\n\x1a\n\x00", "image/png"),
        ("https://warc.example/missing", "404 Not Found", b"<html>nope</html>", "text/html"),
        ("https://warc.example/b", "200 OK", page_b, "text/html; charset=utf-8"),
    ]
    return bytes(kit.warc_bytes(records, gzip_records=compressed))


@pytest.mark.parametrize("compressed", [False, True])
def test_warc_html_responses_become_articles(kit: Any, tmp_path: Path, compressed: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    path.write_bytes(crawl(kit, compressed=compressed))
    items = read(path)
    assert failures(items) == []
    page_a, page_b = articles(items)
    assert (page_a.url, page_a.title) == ("https://warc.example/a", "Page A")
    assert (page_b.url, page_b.title) == ("https://warc.example/b", "Page B")
    assert page_a.text.startswith("Page A\n\nThe city council approved the budget")
    assert page_a.origin.startswith(f"{path}@")


@pytest.mark.parametrize("compressed", [False, True])
def test_a_truncated_warc_keeps_the_records_before_the_cut(
    kit: Any, tmp_path: Path, compressed: bool
) -> None:
    data = crawl(kit, compressed=compressed)
    path = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
    path.write_bytes(data[: len(data) - 200])  # inside the last response
    items = read(path)
    assert [a.title for a in articles(items)] == ["Page A"]
    [failure] = failures(items)
    assert "truncated WARC record" in failure.reason


def test_a_server_that_trickles_bytes_is_given_up_at_the_timeout() -> None:
    import socket
    import threading

    from reportedly.errors import InputError
    from reportedly.ingest.sources import fetch_url

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    stop = threading.Event()

    def trickle() -> None:
        connection, _ = server.accept()
        with connection:
            connection.recv(65536)
            for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + b"<p>x</p>" * 100:
                if stop.is_set():
                    return
                try:
                    connection.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(0.05)

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.getsockname()[1]}/feed"
    started = time.monotonic()
    with pytest.raises(InputError, match="timed out"):
        fetch_url(url, ReaderConfig(fetch_timeout=1.0))
    assert time.monotonic() - started < 2.5  # each byte came well within the socket timeout
    stop.set()
    server.close()


def test_the_number_of_items_is_known_ahead_for_folders_of_pages_and_texts(
    kit: Any, tmp_path: Path
) -> None:
    from reportedly.ingest.sources import count_ahead

    (tmp_path / "a.txt").write_text("One article, the mayor said.", encoding="utf-8")
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(kit.html_page("B", kit.LONG_PARAGRAPHS)))
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    sources = [str(tmp_path), str(tmp_path / "a.txt")]
    assert count_ahead(sources) == len(list(read_sources(sources, OFFLINE))) == 4
    (tmp_path / "d.jsonl").write_text('{"text": "x"}\n{"text": "y"}\n', encoding="utf-8")
    assert count_ahead(sources) is None
    assert count_ahead(["-"]) is None
