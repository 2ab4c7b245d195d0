"""The quote timeline, the article's copies and translations, and people, on a corpus whose
provenance tables (by the contract with the linking step) were filled here by hand."""

from __future__ import annotations

import sqlite3
from typing import Any

import httpx

LINKED_SQL = """
CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT,
                     attributions INTEGER, articles INTEGER);
CREATE TABLE aliases (person_id INTEGER, alias TEXT, PRIMARY KEY (person_id, alias));
ALTER TABLE attributions ADD COLUMN person_id INTEGER;
CREATE TABLE links (a TEXT, b TEXT, kind TEXT, similarity REAL, evidence TEXT,
                    PRIMARY KEY (a, b));
CREATE TABLE clusters (id INTEGER PRIMARY KEY, person_id INTEGER, label TEXT, size INTEGER,
                       first_published TEXT);
CREATE TABLE cluster_members (attribution_id INTEGER PRIMARY KEY, cluster_id INTEGER,
                              article_id TEXT, language TEXT);
"""


def test_quote_timeline_and_links(copy_db: Any, serve_db: Any, hostile: dict[str, str]) -> None:
    db = copy_db("linked")
    with sqlite3.connect(db) as conn:
        conn.executescript(LINKED_SQL)
        # three attributions of three articles: a quote, its copy, its "translation"
        rows = conn.execute(
            "SELECT t.id, t.article_id, t.content, a.published FROM attributions t "
            "JOIN articles a ON a.id = t.article_id WHERE a.published IS NOT NULL "
            "GROUP BY t.article_id ORDER BY a.published LIMIT 3"
        ).fetchall()
        (first, a1, text1, _), (copy, a2, _, _), (translated, a3, _, _) = rows
        conn.execute("INSERT INTO people VALUES (1, 'Jane Doe', 'person', 3, 3)")
        conn.execute(
            "UPDATE attributions SET person_id = 1 WHERE id IN (?, ?, ?)", (first, copy, translated)
        )
        conn.execute(
            "INSERT INTO clusters VALUES (7, 1, ?, 3, ?)", (hostile["title"], rows[0][3])
        )  # a hostile label must be shown literally too
        conn.executemany(
            "INSERT INTO cluster_members VALUES (?, 7, ?, ?)",
            [(first, a1, "en"), (copy, a2, "en"), (translated, a3, "de")],
        )
        conn.execute("UPDATE attributions SET content = ? WHERE id = ?", (text1 + " again", copy))
        conn.execute("INSERT INTO links VALUES (?, ?, 'translation', 0.91, '{}')", (a1, a3))
    base = serve_db(db)
    page = httpx.get(f"{base}/quotes/7", timeout=30)
    assert page.status_code == 200
    assert "<script>" not in page.text and "&lt;script&gt;" in page.text
    assert page.text.count('href="/articles/') >= 3
    assert "<ins>" in page.text and "again" in page.text  # the copy's added word
    assert 'lang="de"' in page.text  # the translation, side by side
    listing = httpx.get(f"{base}/api/v1/clusters", timeout=30).json()
    assert listing["available"] is True and listing["items"][0]["id"] == 7
    cluster = httpx.get(f"{base}/api/v1/clusters/7", timeout=30).json()["cluster"]
    assert [m["attribution_id"] for m in cluster["members"]] == [first, copy, translated]
    article = httpx.get(f"{base}/api/v1/articles/{a1}", timeout=30).json()
    assert article["linking"] is True
    assert [(k["article_id"], k["kind"]) for k in article["links"]] == [(a3, "translation")]
    assert 7 in {a["cluster"] for a in article["attributions"]}
    html = httpx.get(f"{base}/articles/{a1}", timeout=30).text
    assert 'href="/quotes/7"' in html and f'href="/articles/{a3}"' in html
    speakers = httpx.get(f"{base}/api/v1/speakers", timeout=30).json()
    assert speakers["mode"] == "people" and [s["name"] for s in speakers["items"]] == ["Jane Doe"]
    assert httpx.get(f"{base}/speakers/1", timeout=30).status_code == 200
