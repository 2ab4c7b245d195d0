"""The parts of a split quote are one utterance: one quote cluster, in every language."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportedly.corpus.link import link
from reportedly.corpus.link.clusters import QuotePlace, utterances
from reportedly.corpus.store import open_db

SPLIT = '"We will build the bridge," the mayor said, "and it will open next spring."'
TWO = '"We will build the bridge," the mayor said. "It will open next spring."'


def _places(text: str, speakers: list[int | None], direct: bool = True) -> list[QuotePlace]:
    starts = [i + 1 for i, ch in enumerate(text) if ch == '"'][::2]
    ends = [i for i, ch in enumerate(text) if ch == '"'][1::2]
    return [(s, e, who, direct) for s, e, who in zip(starts, ends, speakers, strict=True)]


def test_quotes_of_one_sentence_are_one_utterance() -> None:
    assert utterances(SPLIT, _places(SPLIT, [1, 1])) == [0, 0]
    assert utterances(SPLIT, _places(SPLIT, [1, None])) == [0, 0]  # unnamed: compatible


@pytest.mark.parametrize(
    ("text", "speakers", "direct"),
    [
        (TWO, [1, 1], True),  # a sentence ends between them
        (SPLIT, [1, 2], True),  # two speakers
        (SPLIT, [1, 1], False),  # paraphrases are no parts of a quote
        (SPLIT.replace(" the mayor said, ", "\n"), [1, 1], True),  # a line break
        (SPLIT.replace("the mayor said", "x " * 70), [1, 1], True),  # too far apart
    ],
)
def test_quotes_apart_are_apart(text: str, speakers: list[int | None], direct: bool) -> None:
    assert utterances(text, _places(text, speakers, direct)) == [0, 1]


def test_the_full_stop_inside_a_quote_ends_its_sentence() -> None:
    text = '"We will build it." According to officials, "it will open next spring."'
    assert utterances(text, _places(text, [1, 1])) == [0, 1]


def test_a_split_quote_and_its_translation_are_one_cluster(tmp_path: Path) -> None:
    english = (
        "City approves the bridge\n\nThe city council approved the new bridge across the river "
        "on Tuesday after three years of debate. " + SPLIT + " The project will cost forty "
        "million dollars. Engineers will start work in the northern district next month."
    )
    german = (
        "Stadt genehmigt die Brücke\n\nDer Stadtrat hat am Dienstag nach drei Jahren Debatte "
        "die neue Brücke über den Fluss genehmigt. „Wir werden die Brücke bauen, und sie wird "
        "im nächsten Frühjahr eröffnet“, sagte der Bürgermeister. Das Projekt wird vierzig "
        "Millionen Dollar kosten. Ingenieure beginnen nächsten Monat im Norden mit der Arbeit."
    )
    db = open_db(tmp_path / "c.db")
    with db.atomic():  # no analysis: the quotes are found by their quotation marks
        for article_id, text in (("en", english), ("de", german)):
            db.table("articles").insert(
                {"id": article_id, "text": text, "length": len(text), "analysis_version": "t"}
            )
    link(db)
    rows = db.execute(
        "SELECT attributions.content, cluster_members.cluster_id, cluster_members.language "
        "FROM cluster_members JOIN attributions ON attributions.id = "
        "cluster_members.attribution_id ORDER BY attributions.article_id, content_start"
    ).fetchall()
    assert [(text, language) for text, _, language in rows] == [
        ("Wir werden die Brücke bauen, und sie wird im nächsten Frühjahr eröffnet", "de"),
        ("We will build the bridge,", "en"),
        ("and it will open next spring.", "en"),
    ]
    assert len({cluster for _, cluster, _ in rows}) == 1
