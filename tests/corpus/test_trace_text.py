"""`trace` for a person: each entry's article, outlet, date (or undated), language and the
evidence of its link, changes as words; quote-cluster labels in the language that came first."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from sqlite_utils import Database

from reportedly.cli import cli
from reportedly.cli.trace_text import readable_changes
from reportedly.corpus.link import link
from reportedly.corpus.store import open_db

# one story and its German translation (the seed's pain quote);
# tests/web/test_web_evidence.py reads them too
PAIR = Path(__file__).resolve().parents[1] / "data" / "translated-pair"
ENGLISH = (PAIR / "putin-mothers.en.txt").read_text(encoding="utf-8")
GERMAN = (PAIR / "putin-mothers.de.txt").read_text(encoding="utf-8")
QUOTE = "I want you to know that we share this pain with you"
EDITED = "I want you to know that we all share this pain with you"


def _article(db: Database, article_id: str, text: str, quote: str | None, **meta: Any) -> None:
    db.table("articles").insert(
        {"id": article_id, "text": text, "length": len(text), "analysis_version": "test", **meta}
    )
    if quote:
        start = text.index(quote)
        db.table("attributions").insert(
            {"article_id": article_id, "position": 0, "kind": "direct",
             "speaker": "Vladimir Putin", "source_text": "Vladimir Putin",
             "source_type": "person", "content": quote, "content_start": start,
             "content_end": start + len(quote), "origin": "model"}
        )  # fmt: skip


def _corpus(path: Path, english_date: str | None, german_date: str | None) -> Path:
    """The German article stored first, then the English one and an edited English copy."""
    db = open_db(path)
    with db.atomic():
        _article(db, "de", GERMAN, None, title="Putin trifft Mütter", outlet="Zeitung",
                 published=german_date)  # fmt: skip
        _article(db, "en", ENGLISH, QUOTE, title="Putin meets mothers", outlet="Wire",
                 published=english_date)  # fmt: skip
        edited = ENGLISH.replace(QUOTE, EDITED) + " Reporting by the wire desk."
        _article(db, "copy", edited, EDITED, title="Copy", outlet="Daily")
    link(db)
    db.close()
    return path


def _trace(path: Path, *options: str) -> str:
    result = CliRunner().invoke(cli, ["trace", "--db", str(path), *options])
    assert result.exit_code == 0, result.output
    return result.output


def test_trace_text_names_each_entry_and_why_it_is_linked(tmp_path: Path) -> None:
    path = _corpus(tmp_path / "c.db", "2022-11-25", "2022-11-26")
    text = _trace(path, "--quote", "share this pain")
    entries = text.split("\n\n")
    assert entries[0].startswith("Quote cluster") and "3 wording(s) in 3 article(s)" in entries[0]
    assert "1 of 3 without a published date" in entries[0]
    first, german, copy = entries[1:]
    assert '1. "I want you to know that we share this pain with you"' in first
    assert "article   Putin meets mothers (en)" in first
    assert "outlet    Wire · 2022-11-25 · English (en)" in first
    assert "order     first (the earliest dated entry)" in first
    assert "outlet    Zeitung · 2022-11-26 · German (de)" in german
    assert "why       a translation of entry 1; rule: mutual best, margin," in german
    assert "sentences aligned" in german and "confidence" in german
    assert 'translates "I want you to know that we share this pain with you"' in german
    assert "outlet    Daily · undated · English (en)" in copy
    assert "order     undated: its place in the order is not known" in copy
    assert "a syndicated copy of entry 1; rule: shingle Jaccard" in copy
    assert "passages shared" in copy
    assert 'changes   "all" added' in copy
    found = json.loads(_trace(path, "--quote", "share this pain", "--format", "json"))[0]
    link = found["timeline"][1]["link"]
    assert link["kind"] == "translation" and link["aligned_passages"] >= 4
    assert found["timeline"][2]["link"]["aligned_passages"] > 10


def test_trace_article_text_shows_the_evidence_of_each_link(tmp_path: Path) -> None:
    path = _corpus(tmp_path / "c.db", "2022-11-25", "2022-11-26")
    text = _trace(path, "--article", "en")
    assert text.startswith("Article en: a family of 3 article(s) in 2 language(s) (de, en)")
    assert "outlet    Zeitung · 2022-11-26 · German (de)" in text
    assert "why       a translation of entry 1; rule: mutual best" in text
    assert "  2. Putin trifft Mütter (de)" in text
    assert "aligned   " in text


def test_cluster_label_is_in_the_language_that_came_first(tmp_path: Path) -> None:
    # the German article is stored first but published a day after the English one
    path = _corpus(tmp_path / "dated.db", "2022-11-25", "2022-11-26")
    found = json.loads(_trace(path, "--quote", "share this pain", "--format", "json"))[0]
    assert (found["label"], found["language"], found["label_basis"]) == (QUOTE, "en", "first")
    # nothing dated: the corpus's main language (English, two articles of three), said so
    path = _corpus(tmp_path / "undated.db", None, None)
    found = json.loads(_trace(path, "--quote", "share this pain", "--format", "json"))[0]
    assert (found["language"], found["label_basis"]) == ("en", "main")
    text = _trace(path, "--quote", "share this pain")
    assert "(English (en); no member is dated: the corpus's main language)" in text
    assert "first (the earliest" not in text


def test_readable_changes_say_what_became_what() -> None:
    diff = [
        {"op": "replace", "before": "Share", "after": "Sharing"},
        {"op": "delete", "before": "of course", "after": ""},
        {"op": "insert", "before": "", "after": "all"},
    ]
    assert readable_changes(diff) == [
        '"Share" became "Sharing"',
        '"of course" left out',
        '"all" added',
    ]
    many = readable_changes([{"op": "insert", "before": "", "after": str(n)} for n in range(9)])
    assert len(many) == 7 and many[-1].startswith("… and 3 more change(s)")
