"""AnalysisConfig: one frozen config in, written into the analysis version; no environment."""

from __future__ import annotations

import ast
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from reportedly import ANALYSIS_VERSION, analyze, analyze_many
from reportedly.config import DEFAULT_ANALYSIS, AnalysisConfig, analysis_version
from reportedly.errors import ConfigError
from reportedly.repair import RepairConfig

SRC = Path(__file__).resolve().parents[1] / "src" / "reportedly"


def test_the_default_config_is_the_shipped_analysis() -> None:
    assert analysis_version() == ANALYSIS_VERSION == analysis_version(AnalysisConfig())
    assert "+crf." in ANALYSIS_VERSION and "~" not in ANALYSIS_VERSION


def test_the_version_names_what_changes_records_and_not_the_time_limit() -> None:
    assert analysis_version(AnalysisConfig(time_limit=5)) == ANALYSIS_VERSION
    rules_only = analysis_version(AnalysisConfig(use_model=False))
    assert rules_only == analysis_version(AnalysisConfig(without={"model"}))
    assert "+rules/" in rules_only
    without = analysis_version(AnalysisConfig(without=["quote-rule", "menders"]))
    assert "~without.menders,quote-rule/" in without
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
