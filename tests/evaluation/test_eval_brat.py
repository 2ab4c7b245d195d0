"""Reading brat standoff gold: T and E lines, fragments, folders and bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportedly.errors import DatasetError
from reportedly.evaluation.brat import (
    annotation_for,
    parse_ann,
    read_brat_dir,
    read_brat_file,
    read_text,
)
from reportedly.records import EvalSpans

TEXT = 'Officials said "we will win," and then "we will win big." It is said that taxes rise.\n'
ANN = "\n".join(
    [
        "T1\tSource 0 9\tOfficials",
        "T2\tCue 10 14\tsaid",
        'T3\tContent 15 29;39 57\t"we will win," "we will win big."',
        "T4\tAttribution 10 14\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        "T5\tCue 61 68\tis said",
        "T6\tContent 69 84\tthat taxes rise",
        "T7\tAttribution-no-source 61 68\tis said",
        "E2\tAttribution-no-source:T7 Cue:T5 Content:T6",
        "T8\tDiscuss 30 38\tand then",
        "T9\tDiscard 0 9\tOfficials",
        "#1\tAnnotatorNotes T8\tunsure",
        "",
    ]
)


def test_parse_ann_reads_attributions_in_e_line_order() -> None:
    assert parse_ann(ANN, TEXT) == (
        EvalSpans(source=((0, 9),), cue=((10, 14),), content=((15, 29), (39, 57))),
        EvalSpans(source=(), cue=((61, 68),), content=((69, 84),)),
    )


def test_discuss_and_discard_spans_are_not_attributions() -> None:
    only_flags = "T8\tDiscuss 30 38\tand then\nT9\tDiscard 0 9\tOfficials\n"
    assert parse_ann(only_flags, TEXT) == ()


def test_content2_adds_content_fragments() -> None:
    ann = ANN.replace("T3\tContent 15 29;39 57", "T3\tContent 15 29") + (
        'T10\tContent 39 57\t"we will win big."\n'
        "E3\tAttribution:T4 Content:T3 Cue:T2 Source:T1 Content2:T10\n"
    )
    third = parse_ann(ann, TEXT)[2]
    assert third.content == ((15, 29), (39, 57))


def test_continuation_lines_and_mismatching_surface_text_are_tolerated() -> None:
    # brat writes a newline inside a span's surface text as a line of its own;
    # PolNeAR also has a few spans whose surface text does not match the offsets
    ann = "T1\tSource 0 9\tSomething else\nsecond line of it\n\nT2\tCue 10 14\tsaid\r\n"
    ann += "T3\tContent 15 29\tx\nE1\tCue:T2 Content:T3 Source:T1\n"
    assert parse_ann(ann, TEXT) == (
        EvalSpans(source=((0, 9),), cue=((10, 14),), content=((15, 29),)),
    )


@pytest.mark.parametrize(
    ("ann", "message"),
    [
        ("T1\tCue 10 999\tsaid\n", r"x\.ann:1: span 10-999 lies outside the text"),
        ("T1\tCue ten 14\tsaid\n", r"x\.ann:1: bad span offsets 'ten 14'"),
        ("T1\tCue 10 14\tsaid\nE1\tCue:T1 Content:T7\n", r"x\.ann:2: Content refers to 'T7'"),
    ],
)
def test_bad_ann_lines_raise_one_line_dataset_errors(ann: str, message: str) -> None:
    with pytest.raises(DatasetError, match=message):
        parse_ann(ann, TEXT, "x.ann")


def test_read_text_keeps_carriage_returns_so_offsets_stay_valid(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("line one\r\nline “two”\r\n".encode())
    assert read_text(path) == "line one\r\nline “two”\r\n"


def test_read_text_refuses_non_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"caf\xe9")
    with pytest.raises(DatasetError, match="not UTF-8"):
        read_text(path)


def write_pair(folder: Path, name: str, ann_name: str | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    (folder / (ann_name or f"{name}.ann")).write_text(ANN, encoding="utf-8")


def test_read_brat_dir_flat_layout(tmp_path: Path) -> None:
    write_pair(tmp_path, "b")
    write_pair(tmp_path, "a")
    articles = read_brat_dir(tmp_path)
    assert [article.id for article in articles] == ["a", "b"]
    assert articles[0].text == TEXT
    assert len(articles[0].attributions) == 2


def test_read_brat_dir_split_layout_takes_the_first_annotator(tmp_path: Path) -> None:
    write_pair(tmp_path / "text", "art_1")
    (tmp_path / "text" / "art_1.ann").unlink()
    attributions = tmp_path / "attributions"
    attributions.mkdir()
    (attributions / "art_1_zz99.ann").write_text("", encoding="utf-8")
    (attributions / "art_1_ab12.ann").write_text(ANN, encoding="utf-8")
    # another article whose id starts with this one's must not be taken for it
    (attributions / "art_1_b_0000.ann").write_text("", encoding="utf-8")
    [article] = read_brat_dir(tmp_path)
    assert article.id == "art_1"
    assert len(article.attributions) == 2


def test_annotation_for_prefers_the_exact_name(tmp_path: Path) -> None:
    (tmp_path / "x_aaaa.ann").write_text("", encoding="utf-8")
    assert annotation_for("x", tmp_path) == tmp_path / "x_aaaa.ann"
    (tmp_path / "x.ann").write_text("", encoding="utf-8")
    assert annotation_for("x", tmp_path) == tmp_path / "x.ann"
    assert annotation_for("y[1]", tmp_path) is None


def test_read_brat_dir_errors(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="is not a folder"):
        read_brat_dir(tmp_path / "missing")
    with pytest.raises(DatasetError, match=r"no \.txt files"):
        read_brat_dir(tmp_path)
    (tmp_path / "lonely.txt").write_text("text", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"no \.ann file for lonely\.txt"):
        read_brat_dir(tmp_path)


def test_read_brat_file(tmp_path: Path) -> None:
    write_pair(tmp_path, "one")
    article = read_brat_file(tmp_path / "one.txt", tmp_path / "one.ann")
    assert article.id == "one"
    assert article.attributions[0].source == ((0, 9),)


def test_polnear_dev_counts(polnear_dir: Path) -> None:
    articles = read_brat_dir(polnear_dir / "data" / "dev")
    # SOURCE.md: 84 dev articles, 2,193 attributions with one .ann per article
    assert len(articles) == 84
    assert sum(len(article.attributions) for article in articles) == 2193
    content2 = read_brat_file(
        polnear_dir / "data/dev/text/politico_2016-09-22_house-panel-votes-to-hold-clinto.txt",
        polnear_dir
        / "data/dev/attributions/politico_2016-09-22_house-panel-votes-to-hold-clinto_4e07.ann",
    )
    assert any(len(a.content) == 2 for a in content2.attributions)


def test_polnear_files_with_mismatching_surface_text_are_read(polnear_dir: Path) -> None:
    # two of the three spans SOURCE.md reports as not matching their text
    train = polnear_dir / "data" / "train"
    for name in (
        "usa-today_2016-08-09_khans-trump-stirs-ugliness-musli",
        "wash-post_2016-06-27_byline-amber-phillips",
    ):
        article = read_brat_file(
            train / "text" / f"{name}.txt", train / "attributions" / f"{name}_4e07.ann"
        )
        assert article.attributions
