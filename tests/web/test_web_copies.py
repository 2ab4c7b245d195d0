"""Copies, translations and quotes found by quotation marks, end to end in the browser.

The test corpus holds a syndicated copy of a PolNeAR article and an NTREX story in English
with its German translation (see conftest); linking found both links and clustered the German
quotes with the English ones: those the German analysis read (languages/de) as attributions,
the others found by their quotation marks.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import httpx

# what the NTREX story's translation has, and its English original
GERMAN_QUOTE, ENGLISH_QUOTE = "Was in aller Welt ist das?", "What in the world is that?"


# a segment of the text marked as a quote found by quotation marks, and nothing else
ONLY_QUOTED = "".join(f':not([data-parts*="{role}-"])' for role in ("source", "cue", "content",
                                                                    "channel"))  # fmt: skip


def article_of(db: Path, outlet: str) -> dict[str, Any]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return dict(conn.execute("SELECT * FROM articles WHERE outlet = ?", (outlet,)).fetchone())


def marked_quotes(db: Path, article_id: str) -> list[dict[str, Any]]:
    """The article's quotes found by quotation marks, in the order of its text."""
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(
            "SELECT t.id, t.content, t.content_start, t.content_end, p.name FROM attributions t "
            "LEFT JOIN people p ON p.id = t.person_id WHERE t.article_id = ? "
            "AND t.origin = 'quote-marks' ORDER BY t.content_start, t.position",
            (article_id,),
        )
        return [dict(row) for row in rows]


def follow_link(page: Any, kind: str, direction: str) -> str:
    """Click the article page's one link of ``kind`` (going ``direction``); the new URL."""
    links = page.locator("section.links li", has_text=kind)
    item = links.filter(has_text=f"{direction}:")
    assert item.count() == 1, page.locator("section.links").inner_text()
    assert item.locator(".tag").inner_text() == kind
    item.locator("a").click()
    page.wait_for_url("**/articles/*")
    return str(page.url)


def test_translation_links_and_marked_quotes(page: Any, server: str, corpus_db: Path) -> None:
    german = article_of(corpus_db, "Deutsche Rundschau")
    english = article_of(corpus_db, "CBS News")
    page.goto(f"{server}/articles/{german['id']}")
    text = german["text"]
    assert page.locator("#article-text").evaluate("el => el.textContent") == text
    # the quotes found by quotation marks: marked where they are, listed with their speaker
    quotes = marked_quotes(corpus_db, german["id"])
    assert quotes and not any(GERMAN_QUOTE in q["content"] for q in quotes)  # the analysis's
    assert page.locator(".legend .m-quoted").count() == 1
    cards = page.locator("li.quoted-card")
    assert cards.count() == len(quotes)
    assert "quotation marks" in page.locator("#h-quoted").inner_text()
    hovered = 0
    for k, quote in enumerate(quotes):
        shown = page.locator(f'#article-text [data-parts~="quoted-{k}"]')
        covered = shown.evaluate_all("els => els.map(e => [+e.dataset.start, +e.dataset.end])")
        assert covered and covered[0][0] == quote["content_start"]
        assert covered[-1][1] == quote["content_end"]
        joined = "".join(shown.evaluate_all("els => els.map(e => e.textContent)"))
        assert joined == text[quote["content_start"] : quote["content_end"]]
        card = page.locator(f"#q-{k}")
        assert quote["content"] in card.locator(".content").inner_text()
        if quote["name"]:  # a person named nearby: a link to their page
            assert card.locator("a.speaker-link").inner_text() == quote["name"]
        # hovering the text lights the card (where no attribution of the analysis shares
        # the text: that one's card is lit there), focusing the card lights the text
        alone = shown.and_(page.locator(ONLY_QUOTED))
        if alone.count():
            alone.first.hover()
            assert page.locator(f"#q-{k}.hl").count() == 1
            hovered += 1
        page.mouse.move(0, 0)  # out of the text, which focusing may scroll under the pointer
        card.focus()
        assert page.locator(f'.seg.hl[data-parts~="quoted-{k}"]').count() == shown.count()
    assert any(q["name"] for q in quotes) and hovered > 0
    # the same through the REST API
    answer = httpx.get(f"{server}/api/v1/articles/{german['id']}", timeout=30).json()
    assert [(q["id"], q["content"], q["start"], q["end"]) for q in answer["quoted"]] == [
        (q["id"], q["content"], q["content_start"], q["content_end"]) for q in quotes
    ]
    # the translation link leads to the English original, which links back
    assert follow_link(page, "translation", "earlier").endswith(f"/articles/{english['id']}")
    assert page.locator("h1").inner_text() == english["title"]
    assert follow_link(page, "translation", "later").endswith(f"/articles/{german['id']}")
    # the quote's timeline shows the English first and the German beside it (the German
    # analysis's attribution, with its quotation marks), and why they are one
    page.goto(f"{server}/articles/{german['id']}")
    card = page.locator("li.attr-card", has_text=GERMAN_QUOTE)
    card.locator("a", has_text="Follow").click()
    page.wait_for_url("**/quotes/*")
    first = page.locator("section[aria-labelledby=h-first] .quote").inner_text()
    assert first == ENGLISH_QUOTE
    pair = page.locator(".side-by-side .pair").first
    assert pair.locator('[lang="en"]').inner_text() == ENGLISH_QUOTE
    assert pair.locator('[lang="de"]').inner_text() == f"„{GERMAN_QUOTE}“"
    assert "Why: translation" in pair.locator(".why").inner_text()
    assert page.errors == []


def test_syndicated_copy_links_both_ways(page: Any, server: str, corpus_db: Path) -> None:
    with sqlite3.connect(corpus_db) as conn:
        original, copy = conn.execute(
            "SELECT a, b FROM links WHERE kind = 'syndicated' AND b IN "
            "(SELECT id FROM articles WHERE outlet = 'Wire Reprints')"
        ).fetchone()
    page.goto(f"{server}/articles/{original}")
    assert follow_link(page, "syndicated", "later").endswith(f"/articles/{copy}")
    assert "Wire Reprints" in page.locator("main").inner_text()
    assert follow_link(page, "syndicated", "earlier").endswith(f"/articles/{original}")
    assert page.errors == []
