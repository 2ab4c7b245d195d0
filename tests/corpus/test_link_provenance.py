"""Provenance linking on real SQLite corpora: identities, copies, translations, quote clusters."""

from __future__ import annotations

import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

from reportedly.cli import cli
from reportedly.corpus.link import link
from reportedly.corpus.link.people import name_form
from reportedly.corpus.link.quotemarks import marked_quotes
from reportedly.corpus.store import open_db

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "examples" / "seed-article.txt"

WIRE = (
    "Officials in the capital announced on Tuesday that the new bridge across the river will "
    "open next spring after three years of construction and repeated delays caused by floods. "
    "The mayor said the project cost more than forty million dollars and employed hundreds of "
    "local workers. Engineers inspected the structure last week and found no defects in the "
    "steel frame or the concrete pillars. Residents of the northern districts welcomed the news "
    "because their daily commute will become twenty minutes shorter. The city council will vote "
    "next month on the name of the bridge, with three candidates left after a public poll."
)
OTHER = (
    "The national football team lost its qualifying match on Saturday evening in front of a "
    "sold out stadium. The coach blamed the wet pitch and two injuries in the first half for "
    "the defeat, and promised changes before the next game against the league leaders."
)


def add_article(
    db: Database,
    article_id: str,
    text: str,
    *,
    outlet: str | None = None,
    published: str | None = None,
    attributions: list[dict[str, Any]] = (),  # type: ignore[assignment]
) -> None:
    with db.atomic():
        db.table("articles").insert(
            {
                "id": article_id,
                "text": text,
                "length": len(text),
                "outlet": outlet,
                "published": published,
                "analysis_version": "test",
            }
        )
        for position, row in enumerate(attributions):
            start = text.index(row["content"])
            db.table("attributions").insert(
                {
                    "article_id": article_id,
                    "position": position,
                    "kind": "direct",
                    "speaker": row.get("speaker"),
                    "source_text": row.get("speaker"),
                    "source_type": row.get("type", "person"),
                    "content": row["content"],
                    "content_start": start,
                    "content_end": start + len(row["content"]),
                    "origin": "model",
                }
            )


def tables(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    return {
        "people": list(
            db.execute("SELECT name, kind, attributions, articles FROM people ORDER BY 1")
        ),
        "links": list(db.execute("SELECT a, b, kind, similarity FROM links ORDER BY 1, 2")),
        "members": list(
            db.execute(
                "SELECT cluster_members.attribution_id, clusters.label FROM cluster_members "
                "JOIN clusters ON clusters.id = cluster_members.cluster_id ORDER BY 1"
            )
        ),
    }


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kremlin chief Vladimir Putin", "vladimir putin"),
        ("Russian President Vladimir Putin", "vladimir putin"),
        ("Donald J. Trump", "donald trump"),
        ("Martin Luther King Jr.", "martin king"),
        ("Putin", "putin"),
        ("Chad Bown, an expert on trade at the Peterson Institute", "chad bown"),
        ("Mayor Bill de Blasio", "bill blasio"),
        ("De Blasio", "blasio"),
        ("NYPD Commissioner James O’Neill", "james o'neill"),
        ("Secretary of State John F. Kerry", "john kerry"),
        ("he", None),
        ("who", None),
        ("I", None),
        ("the senator", None),
        ("officials", None),
        ("Critics", None),
    ],
)
def test_name_forms_never_make_pronouns_or_role_nouns_identities(
    name: str, expected: str | None
) -> None:
    form = name_form(name, "person")
    assert (form.key if form else None) == expected


def test_quotation_marks_of_other_languages() -> None:
    text = (
        "„Wir teilen diesen Schmerz mit Ihnen“, sagte Putin. "
        "« Nous partageons cette douleur avec vous », a dit Poutine. "
        "Путин сказал: «Мы разделяем эту боль „с вами“ навсегда»."
    )
    found = [q.text for q in marked_quotes(text)]
    assert found == [
        "Wir teilen diesen Schmerz mit Ihnen",
        "Nous partageons cette douleur avec vous",
        "Мы разделяем эту боль „с вами“ навсегда",
    ]
    for quote in marked_quotes(text):
        assert text[quote.start : quote.end] == quote.text


def test_identities_join_surnames_and_keep_two_smiths_apart(tmp_path: Path) -> None:
    db = open_db(tmp_path / "c.db")
    add_article(db, "a1", "Putin spoke. " + WIRE, attributions=[
        {"speaker": "Putin", "content": "the new bridge across the river will open next spring"},
    ])  # fmt: skip
    add_article(db, "a2", "Vladimir Putin spoke. " + OTHER, attributions=[
        {"speaker": "Vladimir Putin", "content": "the wet pitch and two injuries"},
    ])  # fmt: skip
    add_article(db, "a3", "John Smith and Anna Smith. " + OTHER[:120], attributions=[
        {"speaker": "John Smith", "content": "The national football team lost"},
        {"speaker": "Anna Smith", "content": "its qualifying match on Saturday"},
        {"speaker": "he", "content": "in front of a sold out stadium"},
    ])  # fmt: skip
    add_article(db, "a4", "Pat Caddell said. " + OTHER[:150], attributions=[
        {"speaker": "Pat Caddell", "content": "The national football team lost"},
        {"speaker": "Caddell", "type": "organization", "content": "its qualifying match"},
    ])  # fmt: skip
    link(db)
    people = {row[0]: row for row in tables(db)["people"]}
    assert set(people) == {"Vladimir Putin", "John Smith", "Anna Smith", "Pat Caddell"}
    assert people["Pat Caddell"][1:] == ("person", 2, 1)
    assert people["Vladimir Putin"][2:] == (2, 2)
    aliases = {r[0] for r in db.execute("SELECT alias FROM aliases")}
    assert {"Putin", "Vladimir Putin"} <= aliases
    unnamed = db.execute("SELECT person_id FROM attributions WHERE speaker = 'he'").fetchone()
    assert unnamed == (None,)


def test_copies_are_linked_with_kinds_and_relinking_adds_nothing(tmp_path: Path) -> None:
    db = open_db(tmp_path / "c.db")
    add_article(db, "orig", WIRE, outlet="AP", published="2016-10-01")
    trimmed = "Bridge to open in spring\n\n" + WIRE.rsplit(". ", 2)[0] + ".\n\nSubscribe now!"
    add_article(db, "copy", trimmed, outlet="Daily Planet", published="2016-10-02")
    add_article(
        db, "update", WIRE + " The vote was moved to May.", outlet="AP", published="2016-10-03"
    )
    add_article(db, "same", WIRE + "\n", outlet="Other", published="2016-09-30")
    add_article(db, "other", OTHER, outlet="AP")
    summary = link(db)
    assert summary.linked == 5
    found = {(a, b): kind for a, b, kind, _ in tables(db)["links"]}
    assert found[("orig", "copy")] == "syndicated"
    assert found[("orig", "update")] == "duplicate" or found[("orig", "update")] == "update"
    assert found[("same", "orig")] == "duplicate"  # the earlier published comes first
    assert not any("other" in pair for pair in found)
    before = tables(db)
    again = link(db)
    assert (again.linked, again.unchanged) == (0, 5)
    assert tables(db) == before


def test_linking_in_two_runs_equals_one_run(tmp_path: Path) -> None:
    def corpus(path: Path, split: bool) -> dict[str, list[tuple[Any, ...]]]:
        db = open_db(path)
        rows = [
            ("x1", WIRE, [{"speaker": "Jane Doe", "content": "the project cost more than forty million dollars"}]),  # noqa: E501
            ("x2", WIRE + " More later.", [{"speaker": "Doe", "content": "the project cost more than forty million dollars and employed hundreds"}]),  # noqa: E501
            ("x3", OTHER, [{"speaker": "Jane Doe", "content": "changes before the next game"}]),
        ]  # fmt: skip
        for i, (article_id, text, attributions) in enumerate(rows):
            add_article(db, article_id, text, attributions=attributions)
            if split and i == 0:
                link(db)
        link(db)
        return tables(db)

    one, two = corpus(tmp_path / "one.db", False), corpus(tmp_path / "two.db", True)
    assert one == two
    assert len({label for _, label in one["members"]}) == 2  # x1 and x2's quotes are one cluster


def test_bad_inputs_give_messages_not_crashes(tmp_path: Path) -> None:
    db = open_db(tmp_path / "c.db")
    add_article(db, "empty", "   ")
    summary = link(db)
    assert summary.linked == 1 and any("no text" in w for w in summary.warnings)
    db = open_db(tmp_path / "uk.db")
    add_article(db, "uk1", "Ми поділяємо їхній біль і зробимо все, щоб ви не почувалися забутими.")
    add_article(db, "uk2", "Уряд оголосив нові правила для шкіл, які почнуть діяти з вересня.")
    summary = link(db)
    assert summary.links == {}
    assert all("does not cover it" in w and "(uk)" in w for w in summary.warnings)
    assert db.execute("SELECT DISTINCT language FROM articles").fetchall() == [("uk",)]


PUTIN_EN = (
    "Putin meets soldiers' mothers\n\n"
    "Russian President Vladimir Putin met the mothers of soldiers at his residence near Moscow. "
    '"I want you to know that we share this pain with you," Putin said at the meeting. '
    "Seventeen women travelled from several regions to attend the televised event."
)
PUTIN_DE = (
    "Putin trifft Soldatenmütter\n\n"
    "Der russische Präsident Wladimir Putin hat die Mütter von Soldaten in seiner Residenz "
    "bei Moskau empfangen. „Ich möchte, dass Sie wissen, dass wir diesen Schmerz mit Ihnen "
    "teilen“, sagte Putin bei dem Treffen. Siebzehn Frauen reisten aus mehreren Regionen "
    "zu der im Fernsehen übertragenen Veranstaltung an."
)


def test_german_translation_joins_the_english_quote_cluster(tmp_path: Path) -> None:
    english, german = PUTIN_EN, PUTIN_DE
    db = open_db(tmp_path / "c.db")
    add_article(db, "en", english, published="2022-11-25", attributions=[
        {"speaker": "Vladimir Putin", "content": "I want you to know that we share this pain with you"},  # noqa: E501
    ])  # fmt: skip
    german_quote = "„Ich möchte, dass Sie wissen, dass wir diesen Schmerz mit Ihnen teilen“"
    add_article(db, "de", german, published="2022-11-26", attributions=[
        {"speaker": "Putin", "content": german_quote},  # as languages/de reads it
    ])  # fmt: skip
    summary = link(db)
    assert summary.links == {"translation": 1}
    # German is analysed now (languages/de): no warning that its quotes go unread
    assert not any("German (de)" in w for w in summary.warnings)
    rows = db.execute(
        "SELECT cluster_members.language, people.name, own.name FROM cluster_members "
        "JOIN clusters ON clusters.id = cluster_members.cluster_id JOIN people ON people.id = "
        "clusters.person_id JOIN attributions ON attributions.id = cluster_members.attribution_id "
        "LEFT JOIN people AS own ON own.id = attributions.person_id "
        "WHERE clusters.size = 2 ORDER BY 1"
    ).fetchall()
    # the German quote's speaker is its own article's ("sagte Putin": the German text's
    # "Wladimir Putin"), joined to the English Vladimir Putin's quote across the link
    assert rows == [
        ("de", "Vladimir Putin", "Wladimir Putin"),
        ("en", "Vladimir Putin", "Vladimir Putin"),
    ]


def test_a_quote_without_its_own_speaker_is_named_by_its_cluster(tmp_path: Path) -> None:
    db_path = tmp_path / "c.db"
    db = open_db(db_path)
    add_article(db, "en", PUTIN_EN, published="2022-11-25", attributions=[
        {"speaker": "Vladimir Putin", "content": "I want you to know that we share this pain with you"},  # noqa: E501
    ])  # fmt: skip
    add_article(db, "de", PUTIN_DE.replace("sagte Putin", "hieß es"), published="2022-11-26")
    link(db)
    db.close()
    runner = CliRunner()
    result = runner.invoke(
        cli, ["quotes", "--db", str(db_path), "--speaker", "Vladimir", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = {row["article_id"]: row for row in json.loads(result.output)}
    assert set(rows) == {"en", "de"}  # --speaker finds the German quote through its cluster
    assert rows["de"]["speaker"] is None  # its article does not say who
    assert rows["de"]["speaker_from_cluster"] == "Vladimir Putin"
    assert rows["en"]["speaker_from_cluster"] is None  # its own speaker
    result = runner.invoke(cli, ["clusters", "--db", str(db_path), "--format", "json"])
    (cluster,) = json.loads(result.output)
    filled = {m["language"]: m["speaker_from_cluster"] for m in cluster["members"]}
    assert filled == {"en": None, "de": "Vladimir Putin"}
    result = runner.invoke(cli, ["trace", "--db", str(db_path), "--quote", "share this pain"])
    assert "Vladimir Putin (from the cluster: its own article does not say)" in result.output
    # a date filter that leaves the undated German quote out counts it as --speaker finds it
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE articles SET published = NULL WHERE id = 'de'")
    result = runner.invoke(
        cli, ["quotes", "--db", str(db_path), "--speaker", "Vladimir", "--since", "2022-01-01"]
    )
    assert result.exit_code == 0, result.output
    assert "note: 1 quote(s) from articles without a publication date" in result.stderr


def test_seed_pain_wordings_are_one_putin_cluster(tmp_path: Path) -> None:
    db_path = str(tmp_path / "seed.db")
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(SEED), "--db", db_path, "--jobs", "1"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        cli, ["clusters", "--db", db_path, "--speaker", "Putin", "--format", "json"]
    )
    clusters = json.loads(result.output)
    pain = [c for c in clusters if any("pain" in m["text"] for m in c["members"])]
    assert len(pain) == 1 and pain[0]["speaker"] == "Vladimir Putin"
    texts = [m["text"] for m in pain[0]["members"]]
    assert texts[0] == "Share their pain" and texts[1] == "Sharing their pain"
    assert "we share this pain" in texts[2]
    result = runner.invoke(
        cli, ["trace", "--db", db_path, "--quote", "share their pain", "--format", "json"]
    )
    timeline = json.loads(result.output)[0]["timeline"]
    assert [step["text"] for step in timeline] == texts
    assert timeline[1]["diff"] == [{"op": "replace", "before": "Share", "after": "Sharing"}]
    result = runner.invoke(
        cli, ["quotes", "--db", db_path, "--speaker", "Kremlin chief", "--format", "json"]
    )
    assert result.exit_code == 0
    for command in (["links"], ["people"], ["link"]):
        result = runner.invoke(cli, [*command, "--db", db_path, "--format", "jsonl"])
        assert result.exit_code == 0, result.output


def test_a_killed_link_rerun_gives_the_tables_of_a_clean_run(tmp_path: Path) -> None:
    db = open_db(tmp_path / "killed.db")
    for i in range(120):
        speaker = ["Jane Doe", "Doe", "John Roe", "he"][i % 4]
        text = f"Story {i}. " + (WIRE if i % 2 else OTHER) + f" Update number {i}."
        add_article(
            db, f"k{i:02d}", text, attributions=[{"speaker": speaker, "content": f"Story {i}"}]
        )
    db.close()
    shutil.copy(tmp_path / "killed.db", tmp_path / "clean.db")
    script = "import sys; from reportedly.corpus.store import open_db; from reportedly.corpus.link import link; link(open_db(sys.argv[1]))"  # noqa: E501
    process = subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "killed.db")])
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:  # kill it mid-run
        with sqlite3.connect(tmp_path / "killed.db") as reader:
            if reader.execute("SELECT COUNT(*) FROM link_state").fetchone()[0] >= 10:
                break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    killed = open_db(tmp_path / "killed.db")
    done = killed.execute("SELECT COUNT(*) FROM link_state").fetchone()[0]
    link(killed)
    clean = open_db(tmp_path / "clean.db")
    link(clean)
    assert 10 <= done < 120
    assert tables(killed) == tables(clean), f"killed after {done} articles"
    assert link(killed).linked == 0


def test_identical_articles_with_different_urls_are_one_article(tmp_path: Path) -> None:
    records = tmp_path / "two.jsonl"
    text = "Mayor Jane Doe said the bridge will open next spring, officials said on Monday."
    records.write_text(
        json.dumps({"text": text, "url": "https://a.example/1"})
        + "\n"
        + json.dumps({"text": text, "url": "https://b.example/2"})
        + "\n",
        encoding="utf-8",
    )
    db_path = tmp_path / "c.db"
    result = CliRunner().invoke(
        cli, ["ingest", str(records), "--db", str(db_path), "--jobs", "1", "--json", "--no-link"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert (summary["new"], summary["unchanged"]) == (1, 1) and "link" not in summary
    result = CliRunner().invoke(cli, ["link", "--db", str(db_path), "--format", "json"])
    linked = json.loads(result.output)
    assert (linked["linked"], linked["links"]) == (1, {})
    result = CliRunner().invoke(cli, ["links", "--db", str(db_path), "--format", "json"])
    assert json.loads(result.output) == []


def test_one_surname_is_one_speaker_only_across_languages(tmp_path: Path) -> None:
    from reportedly.corpus.link.clusters import Clusterer

    db = open_db(tmp_path / "c.db")
    db.table("people").insert_all(
        [
            {"id": 1, "name": "Vladimir Putin", "kind": "person", "key": "v", "surname": "putin"},
            {"id": 2, "name": "Wladimir Putin", "kind": "person", "key": "w", "surname": "putin"},
            {"id": 3, "name": "Putin Inc", "kind": "organisation", "key": "p", "surname": "putin"},
        ]
    )
    clusterer = Clusterer(db)
    assert clusterer._same_person(1, 2, by_surname=True)  # a quote and its translation
    assert not clusterer._same_person(1, 2, by_surname=False)  # Bill and Hillary Clinton
    assert not clusterer._same_person(1, 3, by_surname=True)  # persons only
    assert clusterer._same_person(1, None, by_surname=False)  # an unnamed source
