"""Linking at scale and identity edge cases, on small corpora built by hand (real SQLite files)."""

from __future__ import annotations

from pathlib import Path

from reportedly.corpus.link import link
from reportedly.corpus.link.copies import MAX_FAMILIES
from reportedly.corpus.read.timeline import trace_article
from reportedly.corpus.store import open_db
from reportedly.languages.detect import detect_language

from .test_link_provenance import OTHER, WIRE, add_article, tables

SPORT = (
    "The city marathon drew a record field of runners on Sunday morning despite the cold. "
    "Organisers said the course would be changed next year to avoid the steep hill."
)


def person_of(db, article_id: str) -> int | None:  # type: ignore[no-untyped-def]
    row = db.execute(
        "SELECT person_id FROM attributions WHERE article_id = ? ORDER BY position LIMIT 1",
        [article_id],
    ).fetchone()
    return None if row is None else row[0]


def person_named(db, name: str) -> int:  # type: ignore[no-untyped-def]
    return int(db.execute("SELECT id FROM people WHERE name = ?", [name]).fetchone()[0])


def test_a_bare_surname_two_people_share_stays_ambiguous_unless_the_article_resolves_it(
    tmp_path: Path,
) -> None:
    db = open_db(tmp_path / "c.db")
    chunks = [" ".join(OTHER.split()[i : i + 4]) for i in range(0, 40, 4)]
    # Hillary is quoted ten times as often as Bill: still no reason to read "Clinton" as her
    add_article(db, "hillary", "Hillary Clinton spoke. " + OTHER, attributions=[
        {"speaker": "Hillary Clinton", "content": chunk} for chunk in chunks
    ])  # fmt: skip
    add_article(db, "bill", "Bill Clinton spoke. " + WIRE, attributions=[
        {"speaker": "Bill Clinton", "content": "the new bridge across the river"},
    ])  # fmt: skip
    add_article(db, "bare", "Clinton spoke. " + SPORT, attributions=[
        {"speaker": "Clinton", "content": "a record field of runners"},
    ])  # fmt: skip
    add_article(db, "when", "When Clinton spoke. " + SPORT + " More.", attributions=[
        {"speaker": "Clinton", "content": "a record field of runners"},
    ])  # fmt: skip
    # the article writes her full name once, though only "Clinton" is quoted
    resolved = "At the rally Hillary Clinton was cheered. " + SPORT[:80]
    add_article(db, "resolved", resolved, attributions=[
        {"speaker": "Clinton", "content": "The city marathon drew"},
    ])  # fmt: skip
    both = "Bill Clinton and Hillary Clinton arrived. " + SPORT[:60]
    add_article(db, "both", both, attributions=[
        {"speaker": "Clinton", "content": "The city marathon"},
    ])  # fmt: skip
    link(db)
    hillary, bill = person_named(db, "Hillary Clinton"), person_named(db, "Bill Clinton")
    ambiguous = person_named(db, "Clinton")
    assert len({hillary, bill, ambiguous}) == 3
    assert person_of(db, "bare") == ambiguous
    assert person_of(db, "when") == ambiguous  # "When" is no first name
    assert person_of(db, "resolved") == hillary
    assert person_of(db, "both") == ambiguous  # both written in full as often: a tie
    people = {row[0]: row for row in tables(db)["people"]}
    assert people["Hillary Clinton"][2:] == (11, 2)
    assert people["Clinton"][2:] == (3, 3)


def test_a_bare_surname_joins_its_only_holder(tmp_path: Path) -> None:
    db = open_db(tmp_path / "c.db")
    add_article(db, "full", "Jane Doe spoke. " + OTHER, attributions=[
        {"speaker": "Jane Doe", "content": "The national football team lost"},
    ])  # fmt: skip
    add_article(db, "bare", "Doe spoke. " + SPORT, attributions=[
        {"speaker": "Doe", "content": "a record field of runners"},
    ])  # fmt: skip
    # a capitalised word starting a sentence is no first name
    add_article(db, "meanwhile", "The race ended. Meanwhile Doe spoke. " + SPORT, attributions=[
        {"speaker": "Doe", "content": "a record field of runners"},
    ])  # fmt: skip
    link(db)
    jane = person_named(db, "Jane Doe")
    assert person_of(db, "bare") == person_of(db, "full") == person_of(db, "meanwhile") == jane
    assert db.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 1


def test_a_headline_fragment_is_not_a_person(tmp_path: Path) -> None:
    db = open_db(tmp_path / "c.db")
    text = (
        "Gold Star Mom Corners Obama On His Refusal To Use The Words ‘Islamic Terrorist.’\n\n"
        "President Barack Obama responded to a Gold Star mother Wednesday night by saying his "
        "refusal to use the words was a manufactured issue.\n\n"
        "Obama said the words lump the good Muslims with the bad."
    )
    add_article(db, "gold", text, attributions=[
        {"speaker": "Gold Star Mom Corners Obama", "content": "Islamic Terrorist."},
        {"speaker": "President Barack Obama", "content": "was a manufactured issue"},
    ])  # fmt: skip
    headline = "Local Hero Saves Drowning Puppy From Icy Lake\n\n" + SPORT
    add_article(db, "puppy", headline, attributions=[
        {"speaker": "Local Hero Saves", "content": "Drowning Puppy From Icy Lake"},
    ])  # fmt: skip
    named = "Jane Doe Wins The City Marathon In Record Time\n\nJane Doe said: " + SPORT
    add_article(db, "doe", named, attributions=[
        {"speaker": "Jane Doe", "content": "Wins The City Marathon"},
    ])  # fmt: skip
    link(db)
    names = {row[0] for row in tables(db)["people"]}
    assert names == {"Barack Obama", "Jane Doe"}
    aliases = {row[0] for row in db.execute("SELECT alias FROM aliases")}
    assert not any("Corners" in alias or "Hero" in alias for alias in aliases)
    assert person_of(db, "gold") == person_named(db, "Barack Obama")  # the tail, "Obama"
    assert person_of(db, "puppy") is None  # nothing of it is written elsewhere: unnamed


def test_a_story_with_many_copies_is_linked_as_one_family_at_a_bounded_cost(
    tmp_path: Path,
) -> None:
    db = open_db(tmp_path / "c.db")
    sentences = WIRE.split(". ")
    quote = "the project cost more than forty million dollars"
    add_article(db, "w00", WIRE, outlet="AP", attributions=[
        {"speaker": "Jane Doe", "content": quote},
    ])  # fmt: skip
    add_article(db, "other", OTHER)
    copies = 30
    for i in range(1, copies + 1):
        kept = [s for j, s in enumerate(sentences) if j != 1 + i % (len(sentences) - 1)]
        text = f"Copy {i} of the bridge story\n\n" + ". ".join(kept) + f"\n\nFooter {i}."
        rows = [{"speaker": "Doe", "content": quote}] if quote in text else []
        add_article(db, f"w{i:02d}", text, outlet=f"paper{i}", attributions=rows)
    summary = link(db)
    links = tables(db)["links"]
    assert not any("other" in (a, b) for a, b, _, _ in links)
    # each copy is linked to the family's first article, and at most to its nearest besides
    assert {a for a, b, _, _ in links if "w00" in (a, b)} | {
        b for a, b, _, _ in links if "w00" in (a, b)
    } == {f"w{i:02d}" for i in range(copies + 1)}
    assert copies <= len(links) <= 2 * copies
    assert sum(summary.links.values()) == len(links)
    # every copy reaches the whole family by following links
    assert trace_article(db, "w17")["family"] == copies + 1
    families = db.execute("SELECT DISTINCT family FROM link_families").fetchall()
    assert families == [(1,)] or len(families) <= 1 + MAX_FAMILIES
    # copies store only the band keys their family lacks
    bands = db.execute("SELECT COUNT(*) FROM link_bands").fetchone()[0]
    assert bands < 42 * (copies + 2) / 3
    # the copies' verbatim quotes all join the first article's cluster
    clusters = db.execute("SELECT size FROM clusters WHERE size > 0").fetchall()
    kept_quote = sum(1 for row in tables(db)["members"] if quote in row[1])
    assert (kept_quote,) in clusters
    again = link(db)
    assert (again.linked, tables(db)["links"]) == (0, links)
    # the family's first article re-analyzed: re-linked, not linked to itself, nothing new
    with db.atomic():
        db.execute("UPDATE articles SET analysis_version = 'v2' WHERE id = 'w00'")
    assert link(db).linked == 1
    assert tables(db)["links"] == links


def test_a_short_text_read_as_another_language_does_not_make_the_corpus_multilingual(
    tmp_path: Path,
) -> None:
    short = "Follow Pam Key on Twitter @pamkeyNEN.\n(copy 56476)"
    assert detect_language(short)[0] not in (None, "en")  # py3langid: Nigerian Pidgin
    db = open_db(tmp_path / "c.db")
    add_article(db, "wire", WIRE)
    add_article(db, "short", short)
    link(db)
    add_article(db, "other", OTHER)
    link(db)  # a later run still sees one language among the articles long enough
    assert db.execute("SELECT COUNT(*) FROM link_vectors").fetchone()[0] == 0
