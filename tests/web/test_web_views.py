"""The explorer's building blocks without a browser: the article's segments, snippets, URLs,
diffs, and the two ways of naming speakers (names without linking, people with it)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reportedly.corpus.read import links
from reportedly.corpus.read import speakers as prov
from reportedly.corpus.read.connection import Corpus
from reportedly.corpus.read.search import SNIPPET_MARKS
from reportedly.web.app import safe_url, snippet_parts
from reportedly.web.render import segments
from reportedly.web.timeline import word_diff

marks = st.lists(
    st.tuples(
        st.sampled_from(["source-0", "cue-0", "content-1", "repair-0"]),
        st.integers(-5, 60),
        st.integers(-5, 60),
    ),
    max_size=8,
)


@given(st.text(max_size=50), marks)
def test_segments_put_back_the_text_and_cover_each_mark_exactly(
    text: str, given_marks: list[tuple[str, int, int]]
) -> None:
    pieces = segments(text, given_marks)
    assert "".join(p.text for p in pieces) == text
    for piece in pieces:
        assert text[piece.start : piece.end] == piece.text
    for name, start, end in given_marks:
        start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
        covered = "".join(p.text for p in pieces if name in p.parts)
        inside = [(s, e) for n, s, e in given_marks if n == name]
        if len(inside) == 1 and start < end:
            assert covered == text[start:end]


def test_overlapping_attributions_share_a_segment() -> None:
    text = "Critics said the mayor said no."
    pieces = segments(text, [("content-0", 13, 30), ("source-1", 13, 22), ("cue-1", 23, 27)])
    shared = [p for p in pieces if "content-0" in p.parts and "source-1" in p.parts]
    assert [p.text for p in shared] == ["the mayor"]
    assert pieces[1].focus == "a-0" and "m-content" in pieces[1].classes


def test_snippet_parts_and_urls() -> None:
    open_, close = SNIPPET_MARKS
    assert snippet_parts(f"a {open_}<b>{close} c") == [("a ", False), ("<b>", True), (" c", False)]
    # a stored control character marks nothing and is not shown
    assert snippet_parts("a \x02<b>\x03 c") == [("a <b> c", False)]
    assert safe_url("https://example.org/x") == "https://example.org/x"
    for url in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "//evil"):
        assert safe_url(url) is None


def test_word_diff_marks_changed_words() -> None:
    diff = word_diff("we will build it", "we shall build it now")
    assert ("removed", "will") in diff and ("added", "shall") in diff
    assert "".join(text for kind, text in diff if kind != "removed") == "we shall build it now"


def test_names_mode_lists_no_pronouns(unlinked_db: Path) -> None:
    """Without linking (``--no-link``) speakers are folded names, pronouns left out."""
    corpus = Corpus(unlinked_db)
    assert prov.speaker_mode(corpus) == "names"
    with sqlite3.connect(unlinked_db) as conn:
        keys = {k for (k,) in conn.execute("SELECT DISTINCT name_key FROM speakers")}
    assert keys & {"he", "it", "they", "who"}  # the corpus has them, so the test can fail
    listed, total = prov.top_speakers(corpus, limit=10_000)
    assert total == len(listed) > 0
    assert not {row["id"] for row in listed} & set(prov.PRONOUNS)
    assert prov.speaker(corpus, "they") is None
    # the tables exist (migration m004) but linking never ran
    assert corpus.has_table("clusters") and corpus.has_table("link_state")
    assert links.linking_available(corpus) is False
    assert links.clusters(corpus, limit=5, offset=0) is None
    assert links.article_links(corpus, listed[0]["id"]) is None


def test_people_mode_when_linking_has_run(corpus_db: Path) -> None:
    """The corpus as ingest links it: people with their other names, pronouns never listed."""
    corpus = Corpus(corpus_db)
    assert prov.speaker_mode(corpus) == "people" and links.linking_available(corpus)
    with sqlite3.connect(corpus_db) as conn:
        keys = {k for (k,) in conn.execute("SELECT DISTINCT name_key FROM speakers")}
        (seed,) = conn.execute("SELECT id FROM articles WHERE outlet = 'Seed'").fetchone()
        putin_positions = {
            p for (p,) in conn.execute(
                "SELECT position FROM attributions WHERE article_id = ? "
                "AND speaker IN ('Putin', 'Vladimir Putin')",
                (seed,),
            )
        }  # fmt: skip
    assert keys & {"he", "it", "they", "who"}  # the corpus has them, so the test can fail
    listed, total = prov.top_speakers(corpus, limit=10_000)
    assert total == len(listed) > 0
    assert all(row["id"].isdigit() for row in listed)
    assert not {row["name"].lower() for row in listed} & set(prov.PRONOUNS)
    counts = [row["attributions"] for row in listed]
    assert counts == sorted(counts, reverse=True)
    (putin,) = [row for row in listed if row["name"] == "Vladimir Putin"]
    person = prov.speaker(corpus, putin["id"])
    assert person is not None and "Putin" in person["aliases"]
    assert prov.speaker(corpus, "vladimir putin") is None  # a name key is no person id
    # every quote of the seed article by "Putin" or "Vladimir Putin" is by that one person
    by_position = prov.attribution_speakers(corpus, seed)
    assert putin_positions and all(
        by_position[p] == {"id": putin["id"], "name": "Vladimir Putin"} for p in putin_positions
    )


def test_person_numbers_are_ascii_integers_in_range() -> None:
    from reportedly.corpus.read.speakers import person_number

    assert person_number("42") == 42
    for value in ("", "²", "٣", "-1", "9223372036854775808", "1e3", " 1", "4\x00"):
        assert person_number(value) is None, value
