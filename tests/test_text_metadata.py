"""Plain-text inputs carry their metadata: a sidecar, front matter, or the file's name."""

from __future__ import annotations

import json
from pathlib import Path

from reportedly.ingest.articles import RawArticle
from reportedly.ingest.files import InputFailure
from reportedly.ingest.sources import count_ahead, read_sources

BODY = 'The mayor said "we will build the bridge" on Tuesday.\n'


def _read(*sources: Path) -> list[RawArticle | InputFailure]:
    return list(read_sources([str(s) for s in sources]))


def test_a_polnear_style_name_gives_outlet_and_date(tmp_path: Path) -> None:
    path = tmp_path / "breitbart_2016-09-12_stealth-over-health.txt"
    path.write_text(BODY, encoding="utf-8")
    (article,) = _read(path)
    assert isinstance(article, RawArticle)
    assert (article.outlet, article.published) == ("breitbart", "2016-09-12")
    assert article.text == BODY
    plain = tmp_path / "notes_about_2016.txt"  # no date where the pattern wants one
    plain.write_text(BODY, encoding="utf-8")
    (article,) = _read(plain)
    assert isinstance(article, RawArticle) and article.published is None


def test_a_sidecar_gives_metadata_and_is_no_article_of_its_folder(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(BODY, encoding="utf-8")
    sidecar = {"published": "3 March 2023", "outlet": "Daily", "title": "Bridge", "url": 7}
    (tmp_path / "story.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    items = _read(tmp_path)
    assert count_ahead([str(tmp_path)]) == len(items) == 1
    (article,) = items
    assert isinstance(article, RawArticle)
    assert (article.published, article.outlet, article.title) == ("2023-03-03", "Daily", "Bridge")
    assert article.url is None
    assert any("'url' is not a non-empty string" in w for w in article.warnings)
    (refused,) = _read(tmp_path / "story.meta.json")
    assert isinstance(refused, InputFailure) and "sidecar" in refused.reason


def test_a_broken_sidecar_is_a_warning_and_the_text_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "story.meta.json").write_text("{not json", encoding="utf-8")
    (article,) = _read(tmp_path / "story.txt")
    assert isinstance(article, RawArticle) and article.published is None
    assert len(article.warnings) == 1 and "cannot read story.meta.json" in article.warnings[0]


def test_front_matter_is_metadata_and_offsets_still_index_the_file(tmp_path: Path) -> None:
    raw = "---\ntitle: A story\npublished: 2024-05-01\noutlet: Example News\n---\n" + BODY
    path = tmp_path / "reuters_2020-01-01_x.txt"  # the front matter wins over the name
    path.write_text(raw, encoding="utf-8")
    (article,) = _read(path)
    assert isinstance(article, RawArticle)
    assert (article.title, article.published, article.outlet) == (
        "A story",
        "2024-05-01",
        "Example News",
    )
    assert len(article.text) == len(raw) and article.text.endswith(BODY)
    assert article.text.index("we will") == raw.index("we will")
    assert not article.text[: raw.index("The mayor")].strip()


def test_a_text_starting_with_a_rule_is_not_front_matter(tmp_path: Path) -> None:
    raw = "---\nBreaking news: the bridge opens\n---\n" + BODY
    path = tmp_path / "story.txt"
    path.write_text(raw, encoding="utf-8")
    (article,) = _read(path)
    assert isinstance(article, RawArticle) and article.text == raw and article.title is None


def test_batch_lists_no_sidecar_and_reads_it_with_its_text(tmp_path: Path) -> None:
    from reportedly.batch.inputs import expand_sources, read_ref
    from reportedly.ingest.articles import ReaderConfig

    (tmp_path / "story.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "story.meta.json").write_text('{"outlet": "Daily"}', encoding="utf-8")
    (ref,) = list(expand_sources([str(tmp_path)]))
    assert ref.uri.endswith("story.txt")
    (article,) = list(read_ref(ref, ReaderConfig()))
    assert isinstance(article, RawArticle) and article.outlet == "Daily"
