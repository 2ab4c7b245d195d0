"""Training the attribution model end to end on a few PolNeAR train articles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from spacy.tokens import Doc
from spacy.vocab import Vocab

from reportedly.attribution.model import AttributionModel, read_bundle
from reportedly.cli import cli
from reportedly.records import AttributionSpans
from reportedly.training.labels import build_cue_lexicon, to_bilou, token_labels
from reportedly.training.linking import gold_spans, link_examples

ARTICLES = 3


def test_labels_follow_trimmed_gold_fragments() -> None:
    words = ["“", "We", "win", ",", "”", "Lee", "said", "."]
    doc = Doc(Vocab(), words=words, spaces=[False, True, False, False, True, True, False, False])
    text = doc.text  # “We win,” Lee said.
    gold = AttributionSpans(
        source=((text.index("Lee"), text.index("Lee") + 3),),
        cue=((text.index("said"), text.index("said") + 4),),
        content=((0, text.index("”") + 1),),  # quote marks and comma trimmed away
    )
    assert token_labels(doc, [gold]) == [
        "O", "B-CON", "I-CON", "O", "O", "B-SRC", "B-CUE", "O",
    ]  # fmt: skip


def test_bilou_labels_mark_where_each_span_ends() -> None:
    bio = ["O", "B-SRC", "I-SRC", "B-CUE", "B-CON", "I-CON", "I-CON", "O", "I-CON"]
    assert to_bilou(bio) == [
        "O", "B-SRC", "L-SRC", "U-CUE", "B-CON", "I-CON", "L-CON", "O", "L-CON",
    ]  # fmt: skip


def test_cue_lexicon_keeps_lemmas_seen_often_enough_in_cues() -> None:
    doc = Doc(Vocab(), words=["he", "said", "it", "said"], lemmas=["he", "say", "it", "say"])
    lexicon = build_cue_lexicon(
        [doc], [["O", "B-CUE", "O", "O"]], min_count=1, likely_threshold=0.4
    )
    assert lexicon.ratios == {"say": 0.5}
    assert lexicon.is_likely_cue("say") and not lexicon.is_likely_cue("he")


@pytest.fixture
def small_split(polnear_dir: Path, tmp_path: Path) -> Path:
    source = polnear_dir / "data" / "train"
    split = tmp_path / "split"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    for text in sorted((source / "text").glob("*.txt"))[:ARTICLES]:
        shutil.copy(text, split / "text")
        ann = sorted((source / "attributions").glob(f"{text.stem}_*.ann"))[0]
        shutil.copy(ann, split / "attributions")
    return split


@pytest.mark.slow
def test_train_command_writes_a_reproducible_model_that_predicts(
    small_split: Path, tmp_path: Path
) -> None:
    outputs = [tmp_path / "first.zip", tmp_path / "second.zip"]
    for out in outputs:
        command = ["train", "polnear", str(small_split), "--out", str(out), "--iterations", "5"]
        result = CliRunner().invoke(cli, [*command, "--dev", str(small_split)])
        assert result.exit_code == 0, result.output
        assert "relation" in result.stdout
    assert outputs[0].read_bytes() == outputs[1].read_bytes()
    bundle = read_bundle(outputs[0])
    assert bundle.meta["training"]["articles"] == ARTICLES
    assert bundle.meta["training"]["max_iterations"] == 5
    assert bundle.meta["dev_scores"]["articles"] == ARTICLES
    assert bundle.lexicon.ratios  # the few articles still have cues
    assert bundle.second_crf is not None  # three articles make three folds


@pytest.mark.slow
def test_the_encoder_model_carries_its_probe_and_tags_with_it(
    small_split: Path, tmp_path: Path
) -> None:
    out = tmp_path / "accurate.zip"
    command = ["train", "polnear", str(small_split), "--out", str(out), "--iterations", "5"]
    result = CliRunner().invoke(cli, [*command, "--encoder", "--dev", str(small_split)])
    assert result.exit_code == 0, result.output
    bundle = read_bundle(out)
    assert bundle.probe is not None and bundle.meta["training"]["encoder_probe"] is True
    # the CRFs were trained on the probe's features, and the loaded model reads them
    model = AttributionModel(bundle, out)
    assert any(name.startswith("pr=") for name in model._first.attributes)
    assert bundle.meta["dev_scores"]["articles"] == ARTICLES


def test_one_article_trains_a_single_pass_model(small_split: Path, tmp_path: Path) -> None:
    for extra in sorted((small_split / "text").glob("*.txt"))[1:]:
        extra.unlink()
    out = tmp_path / "one.zip"
    command = ["train", "polnear", str(small_split), "--out", str(out), "--iterations", "3"]
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 0, result.output
    assert read_bundle(out).second_crf is None  # no article left to hold out


def test_train_command_refuses_a_folder_that_is_not_a_split(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["train", "polnear", str(tmp_path), "--out", "m.zip"])
    assert result.exit_code != 0
    assert "is not a PolNeAR split" in result.output
    assert "Traceback" not in result.output


def test_gold_spans_become_linker_examples_with_the_right_cue() -> None:
    words = ["He", "said", "taxes", "rise", "."]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[1, 1, 3, 1, 1],
        deps=["nsubj", "ROOT", "nsubj", "ccomp", "punct"],
        lemmas=["he", "say", "tax", "rise", "."],
    )
    gold = AttributionSpans(source=((0, 2),), cue=((3, 7),), content=((8, 18),))
    spans = gold_spans(doc, [gold])
    assert [(owner, span.role, span.start, span.end) for owner, span in spans] == [
        (0, "SRC", 0, 0),
        (0, "CUE", 1, 1),
        (0, "CON", 2, 3),
    ]
    examples = list(link_examples(doc, [gold]))
    assert [label for _features, label in examples] == ["1", "1"]
    assert "CON|up=ccomp" in examples[1][0]
