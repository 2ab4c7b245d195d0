"""One word diff for trace, the CLI and the explorer; LIKE patterns taken literally."""

from __future__ import annotations

import sqlite3

from reportedly.corpus.link.diff import word_changes
from reportedly.corpus.read.quotes import like_escape
from reportedly.corpus.read.timeline import render_diff, word_diff
from reportedly.web.timeline import word_diff as timeline_diff

BEFORE = "We  share their pain,  said Putin."
AFTER = "We share this pain, said Putin today."


def test_the_changes_between_two_wordings() -> None:
    changes = [c for c in word_changes(BEFORE, AFTER) if c[0] != "equal"]
    assert changes == [("replace", "their", "this"), ("replace", "Putin.", "Putin today.")]


def test_every_rendering_shows_the_same_changes() -> None:
    assert word_diff(BEFORE, AFTER) == [
        {"op": "replace", "before": "their", "after": "this"},
        {"op": "replace", "before": "Putin.", "after": "Putin today."},
    ]
    assert render_diff(BEFORE, AFTER) == (
        "We share [-their-] {+this+} pain, said [-Putin.-] {+Putin today.+}"
    )
    pieces = timeline_diff(BEFORE, AFTER)
    assert "".join(text for kind, text in pieces if kind != "removed") == AFTER  # spacing kept
    assert "".join(text for kind, text in pieces if kind != "added") == BEFORE
    assert ("removed", "their") in pieces and ("added", "this") in pieces


def test_like_patterns_take_wildcards_literally() -> None:
    conn = sqlite3.connect(":memory:")

    def matches(text: str, part: str) -> bool:
        sql = "SELECT ? LIKE ? ESCAPE '\\'"
        return bool(conn.execute(sql, [text, "%" + like_escape(part) + "%"]).fetchone()[0])

    assert matches("up 50% on the year", "50%")
    assert not matches("up 500 on the year", "50%")
    assert not matches("JeanXPaul", "n_P") and matches("Jean_Paul", "n_P")
