"""AnalysisConfig: one frozen config in, written into the analysis version; no environment."""

from __future__ import annotations

import ast
import re
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from reportedly import ANALYSIS_VERSION, analyze, analyze_many
from reportedly import config as config_module
from reportedly.config import DEFAULT_ANALYSIS, AnalysisConfig, analysis_version
from reportedly.corpus.store import is_outdated
from reportedly.errors import ConfigError
from reportedly.repair import RepairConfig

SRC = Path(__file__).resolve().parents[1] / "src" / "reportedly"


def test_the_default_config_is_the_shipped_analysis() -> None:
    assert analysis_version() == ANALYSIS_VERSION == analysis_version(AnalysisConfig())
    assert "+crf." in ANALYSIS_VERSION and ANALYSIS_VERSION.count("~") == 1
    assert DEFAULT_ANALYSIS.mode == config_module.DEFAULT_MODE == "fast"


def test_the_mode_is_in_the_version_with_the_model_it_tags_with() -> None:
    accurate = analysis_version(AnalysisConfig(mode="accurate"))
    fast = analysis_version(AnalysisConfig(mode="fast"))
    assert "~accurate/" in accurate and "~fast/" in fast
    # each mode names its own model file: a corpus knows which analysed an article
    model_tag = re.compile(r"\+(crf\.[0-9a-f]{12})~")
    accurate_model, fast_model = model_tag.search(accurate), model_tag.search(fast)
    assert accurate_model and fast_model and accurate_model.group(1) != fast_model.group(1)
    assert is_outdated(fast, accurate) and is_outdated(accurate, fast)
    with pytest.raises(ConfigError, match="mode must be one of accurate, fast"):
        AnalysisConfig(mode="quick")  # type: ignore[arg-type]


def test_accurate_falls_back_to_fast_with_one_warning_without_the_encoder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # as on an install without the encoder's packages: one of them cannot be found
    monkeypatch.setattr(config_module, "ENCODER_MODULES", ("reportedly_no_such_module",))
    config_module._warn_encoder_missing.cache_clear()
    with pytest.warns(UserWarning, match="reportedly_no_such_module.*fast mode") as caught:
        version = analysis_version(AnalysisConfig(mode="accurate"))
        assert config_module.effective_mode("accurate") == "fast"
        assert config_module.effective_mode("accurate") == "fast"
    assert len(caught) == 1
    assert version == analysis_version(AnalysisConfig(mode="fast"))
    config_module._warn_encoder_missing.cache_clear()


def test_the_version_names_what_changes_records_and_not_the_time_limit() -> None:
    assert analysis_version(AnalysisConfig(time_limit=5)) == ANALYSIS_VERSION
    rules_only = analysis_version(AnalysisConfig(use_model=False))
    assert rules_only == analysis_version(AnalysisConfig(without={"model"}))
    assert "+rules~fast/" in rules_only
    without = analysis_version(AnalysisConfig(without=["quote-rule", "menders"]))
    assert "~fast~without.menders,quote-rule/" in without
    repaired = analysis_version(AnalysisConfig(repair=RepairConfig(reflow_hard_wraps=False)))
    assert "~repair." in repaired and repaired != ANALYSIS_VERSION


def test_the_config_is_frozen_hashable_and_refuses_a_negative_time_limit() -> None:
    config = AnalysisConfig(without=["menders"])
    assert config.without == frozenset({"menders"})
    assert hash(config) == hash(AnalysisConfig(without=("menders",)))
    with pytest.raises(FrozenInstanceError):
        config.use_model = False  # type: ignore[misc]
    with pytest.raises(ConfigError, match="time limit"):
        AnalysisConfig(time_limit=-1)


def test_parts_switched_off_change_the_analysis_and_its_version(seed_text: str) -> None:
    whole = analyze(seed_text)
    bare = AnalysisConfig(without={"model", "rules", "menders"})
    rules_off = analyze(seed_text, bare)
    assert whole.version == ANALYSIS_VERSION
    assert rules_off.version == analysis_version(bare) != ANALYSIS_VERSION
    assert len(rules_off.attributions) < len(whole.attributions)
    # the same config reaches analyze_many's batches
    (many,) = analyze_many([seed_text], bare)
    assert many.to_dict() == rules_off.to_dict()


def test_an_unknown_part_is_refused_with_its_name(seed_text: str) -> None:
    with pytest.raises(ConfigError, match="'no-such-rule'"):
        analyze(seed_text, AnalysisConfig(without={"no-such-rule"}))


def test_the_component_takes_the_parts_switched_off_from_its_config() -> None:
    import spacy

    nlp = spacy.blank("en")
    component = nlp.add_pipe("reportedly_attributions_v1", config={"without": ["menders"]})
    assert component.without == frozenset({"menders"}) and component.use_model
    assert nlp.get_pipe_config("reportedly_attributions_v1")["without"] == ["menders"]
    with pytest.raises(ConfigError, match="'no-such-rule'"):
        nlp.add_pipe("reportedly_attributions", config={"without": ["no-such-rule"]})


def test_the_component_takes_its_mode_from_its_config() -> None:
    import spacy

    nlp = spacy.blank("en")
    assert nlp.add_pipe("reportedly_attributions_v1").mode == "fast"
    accurate = nlp.add_pipe("reportedly_attributions", name="acc", config={"mode": "accurate"})
    assert accurate.mode == "accurate" and nlp.get_pipe_config("acc")["mode"] == "accurate"
    with pytest.raises(ConfigError, match="mode must be one of"):
        nlp.add_pipe("reportedly_attributions", name="odd", config={"mode": "quick"})


def test_the_fast_mode_never_runs_the_encoder(
    seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportedly.attribution import model

    def refuse(docs: object) -> list[object]:
        raise AssertionError("the fast mode ran the token encoder")

    monkeypatch.setattr(model, "_encode", refuse)
    model._load.cache_clear()
    try:
        fast = analyze(seed_text, mode="fast")
        assert fast.version == analysis_version(AnalysisConfig(mode="fast"))
        assert fast.attributions
        with pytest.raises(AssertionError, match="ran the token encoder"):
            analyze(seed_text, mode="accurate")
    finally:
        model._load.cache_clear()


def test_nothing_under_src_reads_or_writes_configuration_in_the_environment() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "environ":
                line = ast.get_source_segment(path.read_text(encoding="utf-8"), node) or ""
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno}: {line}")
    assert offenders == []
    assert AnalysisConfig() == DEFAULT_ANALYSIS
