"""Speaker-name accuracy and the hand-made PolNeAR dev reference shipped with the package."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportedly.errors import DatasetError
from reportedly.evaluation.brat import GoldArticle, read_brat_dir
from reportedly.evaluation.jsonl import read_jsonl
from reportedly.evaluation.speakers import (
    PredictedSource,
    SpeakerReference,
    load_references,
    normalize_name,
    score_speakers,
)

TEXT = "Hillary Clinton spoke. Later she said no, and Tim Kaine agreed. The senator added more."
ARTICLE = GoldArticle(id="art", text=TEXT, attributions=())
SHE = SpeakerReference("art", (29, 32), "she", "Hillary Clinton", (0, 15))
SENATOR = SpeakerReference("art", (64, 75), "The senator", "Tim Kaine", (46, 55))


def test_reference_offsets_in_the_example_are_right() -> None:
    for reference in (SHE, SENATOR):
        assert TEXT[slice(*reference.span)] == reference.source
        assert TEXT[slice(*reference.mention)] == reference.name


def test_names_compare_without_case_and_extra_whitespace() -> None:
    assert normalize_name("  hillary\n CLINTON ") == normalize_name("Hillary Clinton")
    assert normalize_name("Hillary R. Clinton") != normalize_name("Hillary Clinton")


def test_score_speakers_counts_right_wrong_and_missing_names() -> None:
    predicted = [
        PredictedSource(spans=((29, 32),), name="hillary  clinton"),
        PredictedSource(spans=((46, 55),), name="Tim Kaine"),
    ]
    scores = score_speakers([SHE, SENATOR], [ARTICLE], [predicted])
    assert scores is not None
    assert (scores.correct, scores.found, scores.total) == (1, 1, 2)
    assert scores.of_all == 0.5
    assert scores.of_found == 1.0
    assert scores.to_dict()["of_all"] == 0.5


def test_the_most_overlapping_source_is_compared() -> None:
    predicted = [
        PredictedSource(spans=((60, 75),), name="Mike Pence"),  # "The senator" and more
        PredictedSource(spans=((64, 75),), name="Tim Kaine"),
    ]
    scores = score_speakers([SENATOR], [ARTICLE], [predicted])
    assert scores is not None
    assert (scores.correct, scores.found) == (1, 1)
    wrong = [PredictedSource(spans=((68, 75),), name="Mike Pence")]
    scores = score_speakers([SENATOR], [ARTICLE], [wrong])
    assert scores is not None
    assert (scores.correct, scores.found, scores.of_found) == (0, 1, 0.0)


def test_no_score_without_a_reference_for_these_articles() -> None:
    other = GoldArticle(id="other", text=TEXT, attributions=())
    assert score_speakers([SHE], [other], [[]]) is None
    changed = GoldArticle(id="art", text="x" * len(TEXT), attributions=())
    assert score_speakers([SHE], [changed], [[]]) is None


def test_load_references_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "refs.jsonl"
    good = {"article": "a", "span": [0, 2], "source": "He", "name": "Al Gore", "mention": [5, 12]}
    path.write_text(json.dumps(good) + "\n\n" + json.dumps({**good, "span": [3, 1]}) + "\n")
    with pytest.raises(DatasetError, match=r"refs\.jsonl:3: span must be \[start, end\]"):
        load_references(path)
    path.write_text(json.dumps(good) + "\n")
    assert load_references(path) == (SpeakerReference("a", (0, 2), "He", "Al Gore", (5, 12)),)


def test_the_shipped_reference_is_large_and_well_formed() -> None:
    references = load_references()
    assert len(references) >= 150
    assert len({(r.article, r.span) for r in references}) == len(references)
    for reference in references:
        words = reference.source.lower().split()
        assert words[0] in {"he", "she", "his", "her", "the"}, reference
        assert reference.name is not None, reference
        assert len(reference.name.split()) >= 2, reference  # a full name, not "Trump"


def test_the_shipped_reference_matches_polnear_dev(polnear_dir: Path) -> None:
    articles = {a.id: a for a in read_brat_dir(polnear_dir / "data" / "dev")}
    for reference in load_references():
        article = articles[reference.article]
        text = article.text
        assert text[slice(*reference.span)] == reference.source, reference
        assert reference.mention is not None, reference
        assert text[slice(*reference.mention)] == reference.name, reference
        assert reference.mention[1] <= reference.span[0], reference  # an earlier mention
        # it is a gold source of PolNeAR
        assert any(reference.span in attribution.source for attribution in article.attributions), (
            reference
        )


UNNAMED_TEXT = "Mayor Tom Barrett came. The man said no. He declined to give his name."
UNNAMED_ARTICLE = GoldArticle(id="flood", text=UNNAMED_TEXT, attributions=())
THE_MAN = SpeakerReference("flood", (24, 31), "The man", None, None)


def test_an_unnamed_source_is_right_only_left_as_written() -> None:
    assert UNNAMED_TEXT[slice(*THE_MAN.span)] == THE_MAN.source
    as_written = [PredictedSource(spans=((24, 31),), name="man")]
    borrowed = [PredictedSource(spans=((24, 31),), name="Tom Barrett")]
    right = score_speakers([THE_MAN], [UNNAMED_ARTICLE], [as_written])
    wrong = score_speakers([THE_MAN], [UNNAMED_ARTICLE], [borrowed])
    assert right is not None and (right.correct, right.found) == (1, 1)
    assert wrong is not None and (wrong.correct, wrong.found) == (0, 1)


def test_a_null_name_loads_as_an_unnamed_source(tmp_path: Path) -> None:
    path = tmp_path / "refs.jsonl"
    line = {"article": "a", "span": [0, 7], "source": "The man", "name": None, "mention": None}
    path.write_text(json.dumps(line) + "\n")
    assert load_references(path) == (SpeakerReference("a", (0, 7), "The man", None, None),)
    path.write_text(json.dumps({**line, "name": ""}) + "\n")
    with pytest.raises(DatasetError, match="'name' must be a non-empty string or null"):
        load_references(path)


OOD = Path(__file__).with_name("ood")
PRONOUNS = {"he", "she", "it", "they", "him", "her"}


def test_the_out_of_domain_speaker_reference_matches_its_pages() -> None:
    articles = {a.id: a for a in read_jsonl(OOD / "ood-gold.jsonl")}
    references = load_references(OOD / "ood-speakers.jsonl")
    assert len(articles) >= 25
    for reference in references:
        text = articles[reference.article].text
        assert text[slice(*reference.span)] == reference.source, reference
        if reference.name is not None:
            assert reference.mention is not None, reference
            assert text[slice(*reference.mention)] == reference.name, reference
    # pronouns and role nouns ("the agency", "an agency spokesman", "Salesforce's CEO"),
    # named or unnamed by the page
    pronouns_and_roles = [
        r
        for r in references
        if r.source.lower() in PRONOUNS
        or r.source.split()[0].lower() in {"the", "a", "an"}
        or ("," not in r.source and ("'s " in r.source or "’s " in r.source))
    ]
    assert len(pronouns_and_roles) >= 100
    assert sum(r.name is None for r in references) >= 5
