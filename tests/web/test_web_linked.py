"""The quote timeline, the article's clusters and links, and people, on the corpus as
`reportedly ingest` links it: the seed article's Putin quotes ("Share their pain" in the
headline, "Sharing their pain" in the deck, "we share this pain" in the body) make one cluster."""

from __future__ import annotations

import re
import sqlite3
from html import unescape
from pathlib import Path

import httpx

# the seed article's three wordings of one quote, in the order of its text
SEED_WORDINGS = ("Share their pain", "Sharing their pain", "we share this pain")


def get(base: str, path: str) -> httpx.Response:
    return httpx.get(base + path, timeout=30)


def seed_article(db: Path) -> tuple[str, str]:
    with sqlite3.connect(db) as conn:
        article_id, text = conn.execute(
            "SELECT id, text FROM articles WHERE outlet = 'Seed'"
        ).fetchone()
    return article_id, text


def seed_cluster(base: str, article_id: str) -> int:
    """The cluster of the seed article's "we share this pain", as the article's API shows it."""
    article = get(base, f"/api/v1/articles/{article_id}").json()
    assert article["linking"] is True
    (quote,) = [a for a in article["attributions"] if SEED_WORDINGS[2] in a["content"]]
    assert quote["cluster"] is not None
    return int(quote["cluster"])


def test_seed_quote_cluster_timeline(server: str, corpus_db: Path) -> None:
    article_id, text = seed_article(corpus_db)
    number = seed_cluster(server, article_id)
    cluster = get(server, f"/api/v1/clusters/{number}").json()["cluster"]
    assert cluster["person"] == "Vladimir Putin" and cluster["size"] == len(cluster["members"])
    members = [m["content"] for m in cluster["members"]]
    # one member per wording, in the order the article's text has them
    assert [next(i for i, m in enumerate(members) if w in m) for w in SEED_WORDINGS] == [0, 1, 2]
    with sqlite3.connect(corpus_db) as conn:
        offsets = [
            conn.execute(
                "SELECT content_start FROM attributions WHERE id = ?", (m["attribution_id"],)
            ).fetchone()[0]
            for m in cluster["members"]
        ]
    assert offsets == sorted(offsets)
    assert all(text[o:].startswith(m[:12]) for o, m in zip(offsets, members, strict=True))
    assert {m["article_id"] for m in cluster["members"]} == {article_id}
    # the quote page: the earliest wording, then the others as word diffs against it
    page = get(server, f"/quotes/{number}")
    assert page.status_code == 200
    shown = unescape(re.sub(r"<[^>]+>", "", page.text))
    assert "Vladimir Putin" in shown
    # the seed article has no date: its first wording is the earliest stored, not "first"
    assert "First appearance" not in shown
    first = shown.index("Earliest stored (undated: its place in time is not known)")
    later = shown.index("Later copies (2)")
    assert first < shown.index(SEED_WORDINGS[0], first) < later
    assert later < shown.index("Sharing", later) < shown.index("this pain", later)
    assert "<ins>Sharing</ins>" in page.text  # the word the deck changed
    assert f'href="/speakers/{cluster["person_id"]}"' in page.text
    html = get(server, f"/articles/{article_id}").text
    assert f'href="/quotes/{number}"' in html
    # the listing has it, with its size and speaker
    listing = get(server, "/api/v1/clusters?per_page=100").json()
    assert listing["available"] is True
    listed = {c["id"]: c for c in listing["items"]}
    assert listed[number]["size"] == len(members) and listed[number]["person"] == "Vladimir Putin"
    sizes = [c["size"] for c in listing["items"]]
    assert sizes == sorted(sizes, reverse=True)


def test_cluster_members_match_the_stored_links(server: str, corpus_db: Path) -> None:
    """Every quote's cluster on an article page is the one linking stored; its links likewise."""
    article_id, _ = seed_article(corpus_db)
    article = get(server, f"/api/v1/articles/{article_id}").json()
    with sqlite3.connect(corpus_db) as conn:
        stored = dict(
            conn.execute(
                "SELECT t.position, m.cluster_id FROM attributions t JOIN cluster_members m "
                "ON m.attribution_id = t.id WHERE t.article_id = ?",
                (article_id,),
            ).fetchall()
        )
        links = conn.execute(
            "SELECT COUNT(*) FROM links WHERE a = ? OR b = ?", (article_id, article_id)
        ).fetchone()[0]
    # the article view shows the analysis' attributions (those found by quotation marks while
    # linking, positions from 100000, are not on it): each with the cluster linking stored
    shown = {a["index"]: a["cluster"] for a in article["attributions"]}
    assert shown and shown == {p: c for p, c in stored.items() if p in shown}
    assert isinstance(article["links"], list) and len(article["links"]) == links


def test_hostile_quote_shown_literally(
    server: str, corpus_db: Path, hostile: dict[str, str]
) -> None:
    with sqlite3.connect(corpus_db) as conn:
        (number,) = conn.execute(
            "SELECT m.cluster_id FROM cluster_members m JOIN attributions t "
            "ON t.id = m.attribution_id JOIN articles a ON a.id = m.article_id "
            "WHERE a.url = ? AND t.content LIKE '%<script>%'",
            (hostile["url"],),
        ).fetchone()
    page = get(server, f"/quotes/{number}")
    assert page.status_code == 200
    assert "<script>window" not in page.text and "&lt;script&gt;window" in page.text


def test_people_named_once_across_articles(server: str, corpus_db: Path) -> None:
    """ "Putin" of the seed article and "Vladimir Putin" are one person with both names."""
    speakers = get(server, "/api/v1/speakers?q=vladimir").json()
    assert speakers["mode"] == "people"
    (putin,) = [s for s in speakers["items"] if s["name"] == "Vladimir Putin"]
    person = get(server, f"/api/v1/speakers/{putin['id']}").json()["speaker"]
    assert "Putin" in person["aliases"]
    with sqlite3.connect(corpus_db) as conn:
        spoken = {
            row[0]
            for row in conn.execute(
                "SELECT DISTINCT speaker FROM attributions WHERE person_id = ?", (int(putin["id"]),)
            )
        }
    assert spoken >= {"Putin", "Vladimir Putin"}
    assert get(server, f"/speakers/{putin['id']}").status_code == 200
