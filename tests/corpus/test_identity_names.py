"""Speaker names cleaned, fragments rejected and typed before they become identities
(issue 25): each case is one the linker got wrong before."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from reportedly.corpus.link import LinkOptions, link
from reportedly.corpus.link.people import name_form
from reportedly.corpus.store import open_db


@pytest.mark.parametrize(
    ("raw", "source_type", "key", "kind"),
    [
        ("Trump running mate, Indiana Gov. Mike Pence", "organization", "mike pence", "person"),
        ("Loyola Law School professor Justin Levitt", "organization", "justin levitt", "person"),
        ("Fox News Ed Henry", "media", "ed henry", "person"),
        ("Washington Post Trump", "person", "trump", "person"),
        ("Supreme Court", "person", "supreme court", "organisation"),
        ("Jordan", "person", "jordan", "place"),
    ],
)
def test_names_are_cleaned_and_typed(raw: str, source_type: str, key: str, kind: str) -> None:
    form = name_form(raw, source_type)
    assert form is not None
    assert (form.key, form.kind) == (key, kind)


def test_headline_words_before_a_surname_are_no_first_name() -> None:
    text = "Derelict Obama Skips Another Intelligence Briefing\n\nObama was away again."
    form = name_form("Derelict Obama", "person", text)
    assert form is not None and form.key == "obama"
    curt = name_form("Curt Smith", "person", "Curt Smith said so.")
    assert curt is not None and curt.key == "curt smith"


def test_a_suffix_is_kept() -> None:
    form = name_form("Donald Trump Jr", "person")
    assert form is not None and (form.key, form.suffix) == ("donald trump", "jr")


def test_the_role_is_kept_apart() -> None:
    form = name_form("Trump running mate, Indiana Gov. Mike Pence", "organization")
    assert form is not None and form.display == "Mike Pence"
    assert form.role is not None and "running mate" in form.role and "Gov." in form.role


@pytest.mark.parametrize(
    "raw",
    [
        "LOS ANGELES, Sept. 28 (UPI)",
        "August",
        "Tom Nides Thanked Clinton",
        "spokeswoman for Neumann",
        "President Obama and Hillary Clinton",
        "PHILADELPHIA",
        "Americans",
        "Many Millennials",
        "Welsh Conservative",
        "AP-GfK Poll",
        "Macedonia's PM Zoran Zaev, his wife Zorica and his son Dushko",
    ],
)
def test_fragments_are_no_names(raw: str) -> None:
    assert name_form(raw, "person") is None


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Disney", "Disney CEO Bob Iger spoke. Disney said the parks would reopen."),
        ("WeWork", "WeWork co-founder Adam Neumann left. WeWork said it would cut jobs."),
        ("Xinhua", "Xinhua, the official Chinese news agency, wrote that it was unkind."),
    ],
)
def test_a_name_written_as_a_company_is_an_organisation(name: str, text: str) -> None:
    form = name_form(name, "person", text)
    assert form is not None and form.kind == "organisation"


def _corpus(tmp_path: Path, articles: dict[str, tuple[str, list[str]]]) -> Database:
    db = open_db(tmp_path / "c.db")
    with db.atomic():
        for article_id, (text, speakers) in articles.items():
            db.table("articles").insert(
                {"id": article_id, "text": text, "length": len(text), "analysis_version": "t"}
            )
            for position, speaker in enumerate(speakers):
                db.table("attributions").insert(
                    {"article_id": article_id, "position": position, "kind": "indirect",
                     "speaker": speaker, "source_text": speaker, "source_type": "person",
                     "content": "x"}
                )  # fmt: skip
    link(db, LinkOptions(translations=False))
    return db


def _ids(db: Database) -> dict[str, int | None]:
    return {speaker: pid for speaker, pid in db.execute(
        "SELECT speaker, person_id FROM attributions")}  # fmt: skip


def test_no_merge_through_a_description_or_a_relative(tmp_path: Path) -> None:
    db = _corpus(
        tmp_path,
        {
            "a": ("Adam Neumann said so. A spokeswoman for Neumann said more.",
                  ["Adam Neumann", "spokeswoman for Neumann"]),
            "b": ("Donald Trump spoke. Donald Trump Jr. spoke too.",
                  ["Donald Trump", "Donald Trump Jr."]),
            "c": ("Jeh Johnson said it. Earlier, President Lyndon B. Johnson had said it.",
                  ["Jeh Johnson", "President Lyndon B. Johnson"]),
        },
    )  # fmt: skip
    ids = _ids(db)
    assert ids["spokeswoman for Neumann"] is None
    assert ids["Donald Trump"] != ids["Donald Trump Jr."]
    assert ids["Jeh Johnson"] != ids["President Lyndon B. Johnson"]
    aliases = {a for (a,) in db.execute("SELECT alias FROM aliases")}
    assert not any("spokeswoman" in a for a in aliases)


def test_times_joins_new_york_times_only_in_the_same_article(tmp_path: Path) -> None:
    db = _corpus(
        tmp_path,
        {
            "a": ("The New York Times reported it. The Times said so.", ["The Times"]),
            "b": ("The Times of India said so.", ["Times"]),
            "c": ("The New York Times said so.", ["New York Times"]),
        },
    )
    ids = _ids(db)
    assert ids["The Times"] == ids["New York Times"]
    assert ids["Times"] != ids["New York Times"]


def test_the_name_after_a_description_is_the_speaker() -> None:
    form = name_form("a year at the United Nations, Trump, who last year", "organization")
    assert form is not None and form.key == "trump"
    pence = name_form("Front-runner's rival, Sen. Bernie Sanders of Vermont", "organization")
    assert pence is not None and (pence.key, pence.kind) == ("bernie sanders", "person")


def test_same_article_evidence_joins_short_names(tmp_path: Path) -> None:
    db = _corpus(
        tmp_path,
        {
            "a": ("The Associated Press said it. AP added more. Andres Manuel Lopez Obrador won; "
                  "Lopez Obrador spoke.",
                  ["Associated Press", "AP", "Andres Manuel Lopez Obrador", "Lopez Obrador"]),
            "b": ("AP Photo. Lopez Obrador is elsewhere.", ["AP"]),
        },
    )  # fmt: skip
    rows = db.execute(
        "SELECT article_id, speaker, person_id FROM attributions ORDER BY id"
    ).fetchall()
    ids = {(a, s): p for a, s, p in rows}
    assert ids[("a", "AP")] == ids[("a", "Associated Press")]
    assert ids[("b", "AP")] != ids[("a", "Associated Press")]
    assert ids[("a", "Lopez Obrador")] == ids[("a", "Andres Manuel Lopez Obrador")]


def test_a_surname_typed_an_organisation_joins_the_only_person_of_it(tmp_path: Path) -> None:
    db = open_db(tmp_path / "c.db")
    with db.atomic():
        for article_id, text, speaker, kind in (
            ("a", "Bernie Sanders said so.", "Bernie Sanders", "person"),
            ("b", "Sanders said so again.", "Sanders", "organization"),
            ("c", "Disney CEO Bob Iger spoke; Disney said so.", "Disney", "organization"),
            ("d", "Roy Disney said so.", "Roy Disney", "person"),
        ):
            db.table("articles").insert(
                {"id": article_id, "text": text, "length": len(text), "analysis_version": "t"}
            )
            db.table("attributions").insert(
                {"article_id": article_id, "position": 0, "kind": "indirect", "speaker": speaker,
                 "source_text": speaker, "source_type": kind, "content": "x"}
            )  # fmt: skip
    link(db, LinkOptions(translations=False))
    ids = _ids(db)
    assert ids["Sanders"] == ids["Bernie Sanders"]
    assert ids["Disney"] != ids["Roy Disney"]
    kinds = dict(db.execute("SELECT name, kind FROM people").fetchall())
    assert kinds["Disney"] == "organisation"
