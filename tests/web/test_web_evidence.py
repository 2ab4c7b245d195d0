"""The explorer says why two things are linked: the article page's copies and translations
and the quote page's members each show the link's kind, rule, confidence and the passages
its evidence aligned (over httpx, on a real SQLite corpus linked by `link`)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlite_utils import Database

from reportedly.corpus.link import link
from reportedly.corpus.store import open_db
from reportedly.web import create_app

# one story and its German translation (the seed's pain quote);
# tests/corpus/test_trace_text.py reads them too
PAIR = Path(__file__).resolve().parents[1] / "data" / "translated-pair"
ENGLISH = (PAIR / "putin-mothers.en.txt").read_text(encoding="utf-8")
GERMAN = (PAIR / "putin-mothers.de.txt").read_text(encoding="utf-8")
QUOTE = "I want you to know that we share this pain with you"


def _article(db: Database, article_id: str, text: str, **meta: Any) -> None:
    db.table("articles").insert(
        {"id": article_id, "text": text, "length": len(text), "analysis_version": "test", **meta}
    )
    if QUOTE in text:
        start = text.index(QUOTE)
        db.table("attributions").insert(
            {"article_id": article_id, "position": 0, "kind": "direct",
             "speaker": "Vladimir Putin", "source_text": "Vladimir Putin",
             "source_type": "person", "content": QUOTE, "content_start": start,
             "content_end": start + len(QUOTE), "origin": "model"}
        )  # fmt: skip


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _client(path: Path) -> TestClient:
    return TestClient(create_app(path), base_url="http://127.0.0.1")


def test_article_and_quote_pages_show_why_things_are_linked(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    db = open_db(path)
    with db.atomic():
        _article(db, "en", ENGLISH, title="Putin meets mothers", outlet="Wire",
                 published="2022-11-25")  # fmt: skip
        _article(db, "de", GERMAN, title="Putin trifft Mütter", outlet="Zeitung",
                 published="2022-11-26")  # fmt: skip
        _article(db, "copy", ENGLISH + " Reporting by the wire desk.", title="Copy",
                 outlet="Daily", published="2022-11-27")  # fmt: skip
    link(db)
    kinds = dict(db.execute("SELECT b, kind FROM links WHERE a = 'en'").fetchall())
    assert kinds == {"de": "translation", "copy": "duplicate"}
    (cluster,) = db.execute("SELECT id FROM clusters WHERE size = 3").fetchone()
    db.close()
    client = _client(path)
    article = _text(client.get("/articles/en").text)
    translation = re.search(
        r"Why: translation (.*?) · confidence ([\d.]+) · (\d+) sentences aligned", article
    )
    assert translation is not None, article
    assert "aligned in order" in translation[1] and float(translation[2]) >= 0.4
    assert int(translation[3]) >= 4
    assert re.search(r"duplicate shingle \w+ [\d.]+ >= [\d.]+ · confidence [\d.]+ · \d+ "
                     r"passages shared", article), article  # fmt: skip
    page = _text(client.get(f"/quotes/{cluster}").text)
    assert "First appearance" in page
    assert re.search(r"Why: duplicate .* passages shared", page), page
    assert re.search(r"Why: translation .* \d+ sentences aligned", page), page


def test_an_undated_first_member_is_not_called_the_first_appearance(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    db = open_db(path)
    with db.atomic():
        _article(db, "en", ENGLISH, title="Putin meets mothers", outlet="Wire")
    link(db)
    (cluster,) = db.execute("SELECT id FROM clusters").fetchone()
    db.close()
    page = _text(_client(path).get(f"/quotes/{cluster}").text)
    assert "First appearance" not in page
    assert "Earliest stored (undated: its place in time is not known)" in page


def test_a_marked_quote_without_a_speaker_shows_its_clusters(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    db = open_db(path)
    with db.atomic():
        _article(db, "en", ENGLISH, title="Putin meets mothers", outlet="Wire",
                 published="2022-11-25")  # fmt: skip
        # its quote's speaker is not named where the quote stands
        _article(db, "de", GERMAN.replace("sagte Putin", "hieß es"), title="Putin trifft Mütter",
                 outlet="Zeitung", published="2022-11-26")  # fmt: skip
    link(db)
    db.close()
    page = _text(_client(path).get("/articles/de").text)
    assert "Vladimir Putin (from its quote cluster: the article does not say)" in page
