"""Links that need evidence: aligned sentences, confidence and rule stored, strict linking."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from click.testing import CliRunner
from sqlite_utils import Database

from reportedly.cli import cli
from reportedly.corpus.link import LinkOptions, link
from reportedly.corpus.link.evidence import Alignment, judge_translation, monotone_pairs
from reportedly.corpus.link.translations import TranslationMatch
from reportedly.corpus.migrations import MIGRATIONS
from reportedly.corpus.store import open_db

from .test_link_provenance import OTHER, WIRE, add_article


def test_monotone_pairs_keep_the_order_of_both_sides() -> None:
    scores = np.array(
        [
            [0.9, 0.1, 0.1, 0.1],
            [0.1, 0.1, 0.8, 0.1],
            [0.1, 0.7, 0.1, 0.1],  # in order only without the (1, 2) pair
            [0.1, 0.1, 0.1, 0.95],
        ]
    )
    pairs = monotone_pairs(scores, 0.6)
    assert [(i, j) for i, j, _ in pairs] in ([(0, 0), (1, 2), (3, 3)], [(0, 0), (2, 1), (3, 3)])
    assert monotone_pairs(scores, 0.99) == []


def _match(cosine: float = 0.8, second: float | None = 0.3) -> TranslationMatch:
    return TranslationMatch("x", cosine, 1.5, second, "de", cosine)


def test_a_candidate_with_too_few_aligned_sentences_is_rejected() -> None:
    three = Alignment(((0, 0, 0.8), (1, 1, 0.7), (2, 2, 0.8)), (12, 12), ())
    decision = judge_translation(_match(), three, (1000, 1100))
    assert not decision.accepted and decision.rule == "rejected: aligned sentences"
    four = Alignment(tuple((i, i, 0.8) for i in range(4)), (12, 12), ())
    decision = judge_translation(_match(), four, (1000, 1100))
    assert not decision.accepted and decision.rule == "rejected: coverage"
    short = Alignment(((0, 0, 0.8), (1, 1, 0.7)), (2, 9), ())  # all of a 2-sentence side
    assert judge_translation(_match(), short, (200, 300)).accepted
    most = Alignment(tuple((i, i, 0.8) for i in range(11)), (12, 12), ())
    decision = judge_translation(_match(), most, (1000, 1100))
    assert decision.accepted and decision.confidence == round(11 / 12, 4)
    assert "11/12 sentences aligned" in decision.rule
    assert not judge_translation(_match(), most, (1000, 5000)).accepted  # lengths implausible


def _translation_corpus(path: Path) -> Database:
    english = (
        "Bridge to open next spring\n\n" + WIRE + "\n\nThe council will publish the plans online."
    )
    german = (
        "Brücke wird im nächsten Frühjahr eröffnet\n\n"
        "Beamte in der Hauptstadt gaben am Dienstag bekannt, dass die neue Brücke über den Fluss "
        "im nächsten Frühjahr nach drei Jahren Bauzeit und wiederholten, durch Überschwemmungen "
        "verursachten Verzögerungen eröffnet wird. Der Bürgermeister sagte, das Projekt habe mehr "
        "als vierzig Millionen Dollar gekostet und Hunderte von örtlichen Arbeitern beschäftigt. "
        "Ingenieure haben das Bauwerk letzte Woche untersucht und keine Mängel am Stahlrahmen "
        "oder an den Betonpfeilern gefunden. Die Bewohner der nördlichen Bezirke begrüßten die "
        "Nachricht, weil ihr täglicher Arbeitsweg zwanzig Minuten kürzer wird. Der Stadtrat "
        "wird nächsten Monat über den Namen der Brücke abstimmen, nachdem nach einer öffentlichen "
        "Umfrage drei Kandidaten übrig geblieben sind.\n\n"
        "Der Rat wird die Pläne online veröffentlichen."
    )
    db = open_db(path)
    add_article(db, "en", english, published="2016-10-01")
    add_article(db, "other", OTHER + " " + OTHER, published="2016-10-01")
    add_article(db, "de", german, published="2016-10-02")
    return db


def test_a_translation_link_keeps_its_evidence_and_strict_reads_it(tmp_path: Path) -> None:
    db = _translation_corpus(tmp_path / "c.db")
    summary = link(db)
    assert summary.links == {"translation": 1}
    a, b, confidence, rule, evidence = db.execute(
        "SELECT a, b, confidence, rule, evidence FROM links"
    ).fetchone()
    evidence = json.loads(evidence)
    assert (a, b) == ("en", "de")
    assert evidence["aligned"] >= 5 and evidence["coverage"] >= 0.8
    assert confidence == evidence["confidence"] >= 0.8 and "aligned in order" in rule
    assert evidence["examples"] and "Brücke" in json.dumps(evidence["examples"], ensure_ascii=False)
    db.close()
    runner = CliRunner()
    path = str(tmp_path / "c.db")
    shown = runner.invoke(cli, ["links", "--db", path, "--strict"])
    assert shown.exit_code == 0 and "aligned in order" in shown.output
    traced = runner.invoke(cli, ["trace", "--db", path, "--article", "en"])
    assert traced.exit_code == 0 and "confidence" in traced.output


def test_strict_linking_stores_only_confident_links(tmp_path: Path) -> None:
    db = open_db(tmp_path / "c.db")
    add_article(db, "orig", WIRE, outlet="AP", published="2016-10-01")
    # two thirds of the story kept, a new paragraph: a copy, but not a confident one
    kept = WIRE.rsplit(". ", 2)[0] + ". " + OTHER
    add_article(db, "partial", kept, outlet="Other", published="2016-10-02")
    add_article(db, "whole", WIRE + " More later.", outlet="Other", published="2016-10-03")
    link(db)
    everything = {
        (a, b): c for a, b, c in db.execute("SELECT a, b, confidence FROM links ORDER BY 1, 2")
    }
    strict_db = open_db(tmp_path / "s.db")
    for article_id, text in db.execute("SELECT id, text FROM articles ORDER BY rowid"):
        add_article(strict_db, article_id, text)
    summary = link(strict_db, LinkOptions(strict=True))
    strict = {(a, b) for a, b in strict_db.execute("SELECT a, b FROM links")}
    assert strict == {pair for pair, c in everything.items() if c >= 0.8}
    assert strict and strict != set(everything) and summary.rejected >= 1


def test_the_evidence_migration_keeps_old_links(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = Database(path)
    MIGRATIONS.apply(old, stop_before="m010_link_evidence")
    old.execute(
        "INSERT INTO articles (id, text, analysis_version) VALUES "
        "('a', 'x', 'v'), ('b', 'y', 'v'), ('c', 'z', 'v')"
    )
    old.execute(
        "INSERT INTO links (a, b, kind, similarity, evidence) VALUES "
        """('a', 'b', 'syndicated', 0.55, '{"jaccard": 0.55, "containment": 0.91}'), """
        """('a', 'c', 'translation', 0.7, '{"cosine": 0.7}')"""
    )
    old.conn.commit()
    old.close()
    db = open_db(path)
    rows = db.execute("SELECT b, confidence, rule FROM links ORDER BY b").fetchall()
    assert rows[0][:2] == ("b", 0.91) and "before m009" in rows[0][2]
    assert rows[1][:2] == ("c", None) and "before m009" in rows[1][2]


def test_short_quotes_do_not_pair_across_languages_on_their_place(tmp_path: Path) -> None:
    db = _translation_corpus(tmp_path / "c.db")
    for article_id, quote in (
        ("en", ' "So are we," the mayor said. "The bridge will change how this city works."'),
        ("de", " „Ich liebe es“, sagte der Bürgermeister. „Die Brücke wird verändern, wie "
               "diese Stadt funktioniert.“"),
    ):  # fmt: skip
        text = db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()[0]
        db.execute(
            "UPDATE articles SET text = ?, length = ? WHERE id = ?",
            [text + quote, len(text + quote), article_id],
        )
    db.conn.commit()
    link(db)
    clusters = dict(
        db.execute(
            "SELECT attributions.content, cluster_members.cluster_id FROM cluster_members "
            "JOIN attributions ON attributions.id = cluster_members.attribution_id"
        ).fetchall()
    )
    assert clusters["So are we,"] != clusters["Ich liebe es"]
    long_en = "The bridge will change how this city works."
    assert clusters[long_en] == clusters["Die Brücke wird verändern, wie diese Stadt funktioniert."]
