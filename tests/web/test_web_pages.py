"""What the pages say, in-process over the test corpus: cards with their words apart, counts
in the singular and plural, outlets listed once with the articles that have none, quotation
marks closed on the cards, the quote clusters worth a look first."""

from __future__ import annotations

import html
import re
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from reportedly.web import create_app
from reportedly.web.render import closed_quotes, count_of


def client_for(db: Path) -> TestClient:
    return TestClient(create_app(db), base_url="http://127.0.0.1", raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(corpus_db: Path) -> Iterator[TestClient]:
    with client_for(corpus_db) as answer:
        yield answer


def text_of(fragment: str) -> str:
    """What a reader sees of an HTML fragment: tags out, entities in, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def one(conn: sqlite3.Connection, sql: str, *params: Any) -> Any:
    return conn.execute(sql, params).fetchone()[0]


def test_cards_keep_their_words_apart(client: TestClient, corpus_db: Path) -> None:
    with sqlite3.connect(corpus_db) as conn:
        seed = one(conn, "SELECT id FROM articles WHERE outlet = 'Seed'")
    conn.close()
    page = client.get(f"/articles/{seed}").text
    heads = [text_of(h) for h in re.findall(r'<p class="card-head">(.*?)</p>', page, re.S)]
    assert heads
    for head in heads:
        assert not re.search(r"\w\(|\)\w", head), head
    putin = [h for h in heads if "Vladimir Putin (person)" in h]
    assert putin and all(re.search(r"\(person\) · \w+", h) for h in putin), putin


def test_counts_say_one_article_not_one_articles(client: TestClient) -> None:
    assert count_of(1, "article") == "1 article"
    assert count_of(0, "article") == "0 articles"
    assert count_of(1234, "attribution") == "1,234 attributions"
    for path in ("/", "/speakers"):
        shown = text_of(client.get(path).text)
        assert not re.search(r"\b1 (articles|attributions|speakers)\b", shown), path
    assert re.search(r"\b1 article\b", text_of(client.get("/").text))


def test_overview_lists_outlets_once_and_the_articles_without_one(copy_db: Any) -> None:
    db = copy_db("no-outlet")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE articles SET outlet = NULL WHERE outlet = 'Seed'")
        outlets = [row[0] for row in conn.execute("SELECT DISTINCT outlet FROM articles")]
    conn.close()
    with client_for(db) as app:
        page = app.get("/").text
    listed = re.findall(r'href="/search\?outlet=([^"]+)"', page)
    assert listed and len(listed) == len(set(listed))
    assert "No outlet: 1 article" in text_of(page)
    assert None in outlets


def test_quotation_marks_are_closed_on_cards(client: TestClient, corpus_db: Path) -> None:
    assert closed_quotes("supporters “deplorables") == "supporters “deplorables”"
    assert closed_quotes("true,” he said") == "“true,” he said"
    assert closed_quotes('to "keep it') == 'to "keep it"'
    assert closed_quotes('it," he said') == '"it," he said'
    assert closed_quotes("a “b” c") == "a “b” c"
    # German marks: „…“ is closed (its “ opens nothing), a quote inside it too
    assert closed_quotes("„Was in aller Welt ist das?“") == "„Was in aller Welt ist das?“"
    assert closed_quotes("„Er sagte “nein” dazu“") == "„Er sagte “nein” dazu“"
    with sqlite3.connect(corpus_db) as conn:
        found = conn.execute(
            "SELECT article_id, content FROM attributions WHERE kind = 'mixed' "
            "AND length(content) - length(replace(content, '“', '')) "
            "> length(content) - length(replace(content, '”', '')) LIMIT 1"
        ).fetchone()
    conn.close()
    if found is None:
        pytest.skip("no mixed quote left open in the test corpus")
    article_id, content = found
    page = client.get(f"/articles/{article_id}").text
    cards = [text_of(c) for c in re.findall(r'<p class="content">(.*?)</p>', page, re.S)]
    shown = [c for c in cards if c.startswith(content[:40])]
    assert shown and all(c.count("“") == c.count("”") for c in shown)


def test_quotes_page_lists_repeated_quotes_first(client: TestClient, corpus_db: Path) -> None:
    with sqlite3.connect(corpus_db) as conn:
        repeated = one(conn, "SELECT COUNT(*) FROM clusters WHERE size >= 2")
        single = one(conn, "SELECT COUNT(*) FROM clusters WHERE size = 1")
    conn.close()
    assert repeated > 0 and single > 0
    page = text_of(client.get("/quotes").text)
    assert f"{repeated} cluster" in page and f"{single:,} other quote" in page
    everything = text_of(client.get("/quotes", params={"min_size": 1}).text)
    assert f"{repeated + single:,} clusters" in everything
