"""The explorer in a real browser (Debian's Chromium through Playwright) against a real server.

Flows: search a speaker, open an article, check every highlight covers exactly the stored
offsets, follow to the speaker page; hostile article data shown literally with no script run;
axe-core finds no serious or critical violation on the main pages; screenshots for the docs.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest

# Pages the accessibility check visits (the article page is added by id).
MAIN_PAGES = ("/", "/search?q=clinton", "/search?q=said&scope=quotes", "/speakers", "/quotes",
              "/analyze", "/api/v1/docs")  # fmt: skip


def top_speaker(db: Path) -> tuple[str, str]:
    """The most quoted named speaker's key and one article where they speak."""
    with sqlite3.connect(db) as conn:
        key, article_id = conn.execute(
            "SELECT s.name_key, s.article_id FROM speakers s WHERE s.type = 'person' "
            "GROUP BY s.name_key ORDER BY COUNT(DISTINCT s.article_id) DESC, s.name_key LIMIT 1"
        ).fetchone()
    return key, article_id


def stored_parts(db: Path, article_id: str) -> tuple[str, list[tuple[int, str, list[list[int]]]]]:
    import json

    with sqlite3.connect(db) as conn:
        text = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
        rows = conn.execute(
            "SELECT position, spans FROM attributions WHERE article_id = ? "
            "AND origin IS NOT 'quote-marks' ORDER BY position",  # those: see test_web_copies
            (article_id,),
        ).fetchall()
    parts = []
    for position, spans in rows:
        for role, role_spans in json.loads(spans).items():
            parts.append((position, role, role_spans))
    return text, parts


def test_search_article_highlights_and_speaker(page: Any, server: str, corpus_db: Path) -> None:
    key, _ = top_speaker(corpus_db)
    # the speaker's last name, as a user would type it
    page.goto(f"{server}/")
    page.fill("#quick-q", key.split()[-1])
    page.press("#quick-q", "Enter")
    page.wait_for_url("**/search?q=*")
    hits = page.locator("ol.hits > li")
    assert hits.count() > 0
    # narrow by the speaker facet, then open the first article
    page.locator(".facets a", has_text=key.split()[-1].capitalize()).first.click()
    assert "speaker=" in page.url
    page.locator("ol.hits h3 a").first.click()
    page.wait_for_url("**/articles/*")
    article_id = page.url.rsplit("/", 1)[1].split("#")[0]
    text, parts = stored_parts(corpus_db, article_id)
    # the page shows the original text, character for character
    assert page.locator("#article-text").evaluate("el => el.textContent") == text
    assert parts
    for position, role, spans in parts:
        shown = page.locator(f'#article-text [data-parts~="{role}-{position}"]')
        covered = shown.evaluate_all(
            "els => els.map(e => [+e.dataset.start, +e.dataset.end, e.textContent])"
        )
        pieces = [seg_text for _, _, seg_text in covered]
        want = [text[start:end] for start, end in spans]
        assert "".join(pieces) == "".join(want), (position, role)
        for start, end, seg_text in covered:
            assert text[start:end] == seg_text
            assert any(s <= start and end <= e for s, e in spans)
    # hovering a content highlights the same attribution's source and cue
    first = parts[0][0]
    page.locator(f'[data-parts~="content-{first}"]').first.hover()
    lit = page.locator(".seg.hl").evaluate_all("els => els.map(e => e.dataset.parts)")
    assert lit and all(f"-{first}" in parts_ for parts_ in lit)
    assert page.locator(f"#a-{first}.hl").count() == 1
    # keyboard: focusing the card lights the text too
    page.locator(f"#a-{first}").focus()
    assert page.locator(f'.seg.hl[data-parts~="content-{first}"]').count() > 0
    # follow to the speaker page
    link = page.locator("a.speaker-link", has_text=key.split()[-1].capitalize()).first
    link.click()
    page.wait_for_url("**/speakers/*")
    assert key.split()[-1] in page.locator("h1").inner_text().lower()
    # the speaker's attributions are paged newest first: the article is on one of the pages
    hit = f'ol.hits a[href^="/articles/{article_id}"]'
    while page.locator(hit).count() == 0 and page.locator('a[rel="next"]').count():
        page.locator('a[rel="next"]').first.click()
        page.wait_for_load_state()
    assert page.locator(hit).count() > 0
    assert page.errors == []


def test_hostile_article_shown_literally(
    page: Any, server: str, corpus_db: Path, hostile: dict[str, str]
) -> None:
    XSS_OUTLET, XSS_TEXT, XSS_TITLE, XSS_URL = (
        hostile[k] for k in ("outlet", "text", "title", "url")
    )
    with sqlite3.connect(corpus_db) as conn:
        (article_id,) = conn.execute("SELECT id FROM articles WHERE url = ?", (XSS_URL,)).fetchone()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in (f"/articles/{article_id}", "/search?q=bridge", "/search?q=bridge&scope=quotes",
                 "/", "/search?" + urlencode({"outlet": XSS_OUTLET}), "/speakers"):  # fmt: skip
        page.goto(server + path)
        assert page.evaluate("() => window.__xss") is None, path
        assert page.locator("script:not([src])").count() == 0, path
        assert page.locator("img").count() == 0, path
        assert page.locator("[onerror]").count() == 0, path
    page.goto(f"{server}/articles/{article_id}")
    assert page.locator("#article-text").evaluate("el => el.textContent") == XSS_TEXT
    assert page.locator("h1").inner_text() == XSS_TITLE
    assert XSS_OUTLET in page.locator("main").inner_text()
    # the javascript: URL is shown as text, never as a link
    assert page.locator(".source-url").inner_text() == XSS_URL
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert dialogs == [] and page.errors == []


def test_no_serious_accessibility_violations(page: Any, server: str, corpus_db: Path) -> None:
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    axe = axe_module.Axe()
    key, article_id = top_speaker(corpus_db)
    found = {}
    for path in (*MAIN_PAGES, f"/articles/{article_id}", "/speakers/" + quote(key)):
        page.goto(server + path)
        results = axe.run(page)
        serious = [
            (v["id"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"]
            if v.get("impact") in ("serious", "critical")
        ]
        found[path] = serious
    assert all(not v for v in found.values()), found


def test_keyboard_reaches_search_and_shows_focus(page: Any, server: str) -> None:
    page.goto(f"{server}/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip"
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "quick-q":
            break
    assert page.evaluate("() => document.activeElement.id") == "quick-q"


def test_screenshots(page: Any, server: str, corpus_db: Path, screenshot_dir: Path) -> None:
    _, article_id = top_speaker(corpus_db)
    with sqlite3.connect(corpus_db) as conn:
        # the timeline of the seed article's Putin quote, as linking clustered it
        (cluster,) = conn.execute(
            "SELECT m.cluster_id FROM cluster_members m JOIN attributions t "
            "ON t.id = m.attribution_id JOIN articles a ON a.id = m.article_id "
            "WHERE a.outlet = 'Seed' AND t.content LIKE '%we share this pain%'"
        ).fetchone()
        # the NTREX story's German translation, and its quote clustered with the English one
        german, translated = conn.execute(
            "SELECT a.id, m.cluster_id FROM cluster_members m JOIN articles a "
            "ON a.id = m.article_id WHERE a.language = 'de' ORDER BY m.cluster_id LIMIT 1"
        ).fetchone()
    shots = {
        "explorer-overview.png": "/",
        "explorer-search.png": "/search?q=clinton&scope=quotes",
        "explorer-article.png": f"/articles/{article_id}",
        "explorer-quote.png": f"/quotes/{cluster}",
        "explorer-quoted.png": f"/articles/{german}",
        "explorer-translation.png": f"/quotes/{translated}",
    }
    shots["explorer-quotes.png"] = "/quotes"
    for name, path in shots.items():
        page.goto(server + path)
        target = screenshot_dir / name
        page.screenshot(path=str(target), full_page=False)
        assert target.stat().st_size > 10_000
    # an empty text sent from the analyze page: the form again, with what to do
    page.goto(server + "/analyze")
    page.click("form.analyze button[type=submit]")
    page.wait_for_selector(".error-message")
    assert "Paste a text in the box" in page.inner_text(".error-message")
    page.screenshot(path=str(screenshot_dir / "explorer-analyze-empty.png"), full_page=False)
