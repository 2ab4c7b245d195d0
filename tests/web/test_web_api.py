"""The REST API against the real server: the same flow as the browser test, pagination,
the OpenAPI description, and a 4xx (never a 500) for every bad request."""

from __future__ import annotations

import html
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from reportedly import analyze


def get(server: str, path: str, **params: Any) -> httpx.Response:
    return httpx.get(server + path, params=params, timeout=30)


def test_search_article_speaker_flow(server: str, corpus_db: Path) -> None:
    speakers = get(server, "/api/v1/speakers").json()
    assert speakers["schema"] == "reportedly.api/1" and speakers["mode"] == "people"
    top = speakers["items"][0]
    found = get(server, "/api/v1/search", q=top["name"].split()[-1], speaker=top["id"]).json()
    assert found["total"] > 0
    assert {f["value"] for f in found["facets"]["speaker"]["values"]} >= {top["id"]}
    article_id = found["items"][0]["article_id"]
    article = get(server, f"/api/v1/articles/{article_id}").json()
    text = article["article"]["text"]
    with sqlite3.connect(corpus_db) as conn:
        stored = {
            position: (content, person_id)
            for position, content, person_id in conn.execute(
                "SELECT position, content, person_id FROM attributions WHERE article_id = ?",
                (article_id,),
            )
        }
    assert len(article["attributions"]) == len(stored)
    for item in article["attributions"]:
        content = " ".join(text[s:e] for s, e in item["spans"]["content"])
        assert content == item["content"] == stored[item["index"]][0]
    # people mode: a quote's speaker is the person linking resolved it to
    by_speaker = [a for a in article["attributions"] if (a["speaker"] or {}).get("id") == top["id"]]
    assert by_speaker
    assert all(stored[a["index"]][1] == int(top["id"]) for a in by_speaker)
    speaker = get(server, f"/api/v1/speakers/{top['id']}", per_page=100).json()
    assert speaker["speaker"]["name"] == top["name"]
    # the speaker's attributions are paged newest first: the article is on one of the pages
    seen = {q["article_id"] for q in speaker["items"]}
    while speaker["next"] and article_id not in seen:
        speaker = httpx.get(server + speaker["next"], timeout=30).json()
        seen |= {q["article_id"] for q in speaker["items"]}
    assert article_id in seen
    assert article["linking"] is True and isinstance(article["links"], list)


def test_names_mode_without_linking(unlinked_server: str, unlinked_db: Path) -> None:
    """A corpus ingested with --no-link: speakers are folded names, no clusters or links."""
    speakers = get(unlinked_server, "/api/v1/speakers").json()
    assert speakers["mode"] == "names" and speakers["items"]
    top = speakers["items"][0]
    with sqlite3.connect(unlinked_db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM link_state").fetchone()[0] == 0
        keys = {k for (k,) in conn.execute("SELECT name_key FROM speakers")}
    assert top["id"] in keys  # a folded name, not a person's number
    speaker = get(unlinked_server, f"/api/v1/speakers/{top['id']}").json()
    article_id = speaker["items"][0]["article_id"]
    article = get(unlinked_server, f"/api/v1/articles/{article_id}").json()
    assert article["linking"] is False and article["links"] is None
    assert any((a["speaker"] or {}).get("id") == top["id"] for a in article["attributions"])
    assert all(a["cluster"] is None for a in article["attributions"])


def test_pagination_is_consistent(server: str) -> None:
    first = get(server, "/api/v1/articles", per_page=5).json()
    assert first["total"] >= 10 and len(first["items"]) == 5 and first["previous"] is None
    second = httpx.get(server + first["next"], timeout=30).json()
    assert second["page"] == 2 and second["previous"]
    ids = {a["id"] for a in first["items"]} | {a["id"] for a in second["items"]}
    assert len(ids) == 10
    last = -(-first["total"] // 5)
    assert get(server, "/api/v1/articles", per_page=5, page=last).json()["next"] is None


def test_search_snippets_mark_matches(server: str) -> None:
    found = get(server, "/api/v1/search", q="clinton", per_page=3).json()
    for hit in found["items"]:
        snippet = hit["snippet"]
        assert snippet["matches"]
        for start, end in snippet["matches"]:
            assert snippet["text"][start:end].lower().startswith("clinton")


def test_openapi_and_docs(server: str) -> None:
    spec = get(server, "/api/v1/openapi.json").json()
    for path in ("/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/search",
                 "/api/v1/speakers", "/api/v1/clusters"):  # fmt: skip
        assert path in spec["paths"]
    docs = get(server, "/api/v1/docs")
    assert docs.status_code == 200 and "/api/v1/search" in docs.text


def test_clusters_say_linking_has_not_run(unlinked_server: str, server: str) -> None:
    listing = get(unlinked_server, "/api/v1/clusters").json()
    assert listing["available"] is False and "Linking has not run" in listing["message"]
    one = get(unlinked_server, "/api/v1/clusters/1")
    assert one.status_code == 404 and "Linking has not run" in one.json()["error"]["message"]
    page = get(unlinked_server, "/quotes")
    assert page.status_code == 200 and "Linking has not run" in page.text
    # the linked corpus lists its clusters instead
    linked = get(server, "/api/v1/clusters").json()
    assert linked["available"] is True and linked["total"] > 0
    assert "Linking has not run" not in get(server, "/quotes").text


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/articles/0000000000000000", 404),
        ("/api/v1/articles/0000000000000000", 404),
        ("/speakers/nobody%20at%20all", 404),
        ("/api/v1/speakers/he", 404),
        ("/nowhere", 404),
        ("/search?page=abc", 400),
        ("/search?page=-1", 400),
        ("/search?page=99999999999999999999", 400),
        ("/api/v1/search?q=x&page=1000000", 400),
        ("/api/v1/search?per_page=100000", 400),
        ("/search?kind=<script>", 400),
        ("/search?since=yesterday", 400),
        ("/search?q=" + "x" * 500, 400),
        ("/search?q=%00", 400),
        ("/search?q=%ff%fe", 200),
        ("/search?q=%22unbalanced", 200),
        ("/search?q=AND", 200),
        ("/search?q=title:clinton", 200),
        ("/search?q=title:clinton&scope=quotes", 200),
        ("/api/v1/search?q=text:x%20OR&scope=quotes", 200),
        ("/search?q=NEAR(a", 200),
        ("/quotes/abc", 400),
        ("/quotes/999999999", 404),
        ("/api/v1/clusters/999999999", 404),
        ("/api/v1/clusters/-5", 400),
    ],
)
def test_bad_requests_get_4xx(server: str, path: str, status: int) -> None:
    answer = httpx.get(server + path, timeout=30)
    assert answer.status_code == status, answer.text[:300]
    assert "Traceback" not in answer.text
    if path.startswith("/api/") and status >= 400:
        assert answer.json()["error"]["status"] == status


def test_security_headers_and_body_limit(server: str) -> None:
    answer = httpx.get(server + "/", timeout=30)
    csp = answer.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert answer.headers["x-content-type-options"] == "nosniff"
    form = {"content-type": "application/x-www-form-urlencoded"}
    big = httpx.post(
        server + "/analyze", content=b"text=" + b"a" * 1_300_000, headers=form, timeout=30
    )
    assert big.status_code == 413
    long = httpx.post(server + "/analyze", data={"text": "a" * 100_001}, timeout=30)
    assert long.status_code == 413 and "100,001 characters" in long.text
    empty = httpx.post(server + "/analyze", data={"text": "  "}, timeout=30)
    assert empty.status_code == 400 and "Paste a text in the box" in empty.text
    assert "<textarea" in empty.text
    assert httpx.get(server + "/", headers={"host": "evil.example"}).status_code == 400
    cross = httpx.post(
        server + "/analyze", data={"text": "x"}, headers={"origin": "https://evil.example"}
    )
    assert cross.status_code == 403
    assert httpx.post(server + "/api/v1/articles", timeout=30).status_code == 405


def test_read_only_and_bad_corpus_files(tmp_path: Path, corpus_db: Path) -> None:
    from reportedly.corpus.read.connection import Corpus
    from reportedly.errors import StoreError

    corpus = Corpus(corpus_db)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        corpus.conn.execute("DELETE FROM articles")
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("just text, not a database\n" * 100)
    empty_sqlite = tmp_path / "empty.db"
    sqlite3.connect(empty_sqlite).execute("CREATE TABLE t (x)").connection.close()
    cases = [
        (tmp_path / "missing.db", "no such corpus"),
        (not_sqlite, "cannot open"),
        (empty_sqlite, "not a reportedly corpus"),
    ]
    for path, reason in cases:
        with pytest.raises(StoreError, match=reason):
            Corpus(path)
        done = subprocess.run(
            [sys.executable, "-m", "reportedly", "serve", "--db", str(path), "--port", "0"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 2 and "[R030]" in done.stderr, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
        assert "Traceback" not in done.stderr
    assert not (tmp_path / "missing.db").exists()


def test_analyze_page_shows_marks_without_storing(server: str, corpus_db: Path) -> None:
    text = '"We will build it by 2026," said Mayor Jane Doe on Monday.'
    before = get(server, "/api/v1/articles").json()["total"]
    answer = httpx.post(server + "/analyze", data={"text": text}, timeout=120)
    assert answer.status_code == 200
    assert 'data-parts="content-0"' in answer.text and "Jane Doe" in answer.text
    assert get(server, "/api/v1/articles").json()["total"] == before


def test_analyze_page_names_speakers_as_the_cli_does(server: str) -> None:
    # one naming path: the page shows the name the analysis (and so the CLI) resolved,
    # "the mayor" as Jane Doe, with the words as written beside it
    text = (
        "Mayor Jane Doe opened the bridge on Monday.\n\n"
        "It will carry trucks by May, the mayor said.\n"
    )
    names = [a.source.name for a in analyze(text).attributions if a.source is not None]
    assert "Jane Doe" in names  # the name differs from the text as written, so this can fail
    answer = httpx.post(server + "/analyze", data={"text": text}, timeout=120)
    assert answer.status_code == 200
    shown = re.findall(r'<span class="who">([^<]*)</span>', answer.text)
    assert sorted(html.unescape(name) for name in shown) == sorted(names)
    assert "(the mayor)" in answer.text


def test_articles_ingested_while_serving_appear(
    copy_db: Any, serve_db: Any, tmp_path: Path
) -> None:
    db = copy_db("growing")
    base = serve_db(db)
    before = httpx.get(base + "/api/v1/overview", timeout=60).json()["totals"]["articles"]
    source = tmp_path / "new.txt"
    source.write_text(
        "Harbour reopens\n\nThe harbour reopened on Tuesday, the port authority said.\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "reportedly", "ingest", str(source), "--db", str(db), "--jobs", "1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    after = httpx.get(base + "/api/v1/overview", timeout=60).json()["totals"]["articles"]
    assert after == before + 1
    found = httpx.get(base + "/api/v1/search", params={"q": "harbour"}, timeout=60).json()
    assert found["total"] == 1 and found["items"][0]["title"] == "Harbour reopens"


def test_a_date_filter_says_how_many_undated_hits_it_left_out(server: str) -> None:
    answer = get(server, "/api/v1/search", q="pain", scope="quotes", since="2000-01-01").json()
    assert answer["undated_left_out"] >= 1  # the seed's pain quotes have no date
    assert (
        get(server, "/api/v1/search", q="pain", scope="quotes").json()["undated_left_out"] is None
    )
    page = get(server, "/search", q="pain", scope="quotes", since="2000-01-01").text
    left_out = answer["undated_left_out"]
    assert (
        f"{left_out} undated quote{'' if left_out == 1 else 's'} left out by the date filter"
        in page
    )
    assert (
        "left out by the date filter" not in get(server, "/search", q="pain", scope="quotes").text
    )
