"""CI quality gate: the real pipeline over PolNeAR dev must stay above the floors in
``eval_floors.json``: the whole analysis, and the model alone and the rules alone
(``configurations``, each with the parts it switches off, as ``reportedly eval
--without`` does, and its mode, by default the default one), so that losing a rule or
mender that pays is caught. Skipped only
when the dataset is absent (set REPORTEDLY_POLNEAR to the PolNeAR folder, or to its
dev split)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from reportedly import analyze_many
from reportedly.attribution.extract import check_names
from reportedly.config import DEFAULT_MODE, AnalysisConfig
from reportedly.evaluation.brat import is_split_dir, read_brat_dir
from reportedly.evaluation.runner import evaluate
from reportedly.evaluation.speakers import load_references

REPO = Path(__file__).resolve().parents[2]
FLOORS_PATH = Path(__file__).with_name("eval_floors.json")


def dev_split() -> Path | None:
    """PolNeAR dev: $REPORTEDLY_POLNEAR (the dev split or a folder above it), else ../shared."""
    configured = os.environ.get("REPORTEDLY_POLNEAR")
    root = Path(configured) if configured else REPO.parent / "shared" / "datasets" / "polnear"
    for candidate in (root, root / "dev", root / "data" / "dev"):
        if is_split_dir(candidate):
            return candidate
    return None


def value_at(data: dict[str, Any], path: str) -> Any:
    for key in path.split("."):
        data = data[key]
    return data


def floors() -> dict[str, float]:
    loaded: dict[str, float] = json.loads(FLOORS_PATH.read_text(encoding="utf-8"))["floors"]
    return loaded


def configurations() -> dict[str, tuple[list[str], str, dict[str, float]]]:
    """Name -> (parts switched off, mode, floors), the whole analysis first."""
    data = json.loads(FLOORS_PATH.read_text(encoding="utf-8"))
    found = {"whole analysis": ([], DEFAULT_MODE, floors())}
    for name, configuration in data["configurations"].items():
        found[name] = (
            configuration["without"],
            configuration.get("mode", DEFAULT_MODE),
            configuration["floors"],
        )
    return found


def test_floors_file_names_real_measures() -> None:
    example = {
        "relation": {"f1": 0.0, "precision": 0.0, "recall": 0.0},
        "direct": {"f1": 0.0},
        "speakers": {"of_all": 0.0, "of_found": 0.0},
        **{
            role: {"exact": {"f1": 0.0}, "overlap": {"f1": 0.0}}
            for role in ("source", "cue", "content")
        },
    }
    for without, mode, configured in configurations().values():
        check_names(without)  # raises on a part that does not exist
        AnalysisConfig(mode=mode)  # type: ignore[arg-type]  # raises on an unknown mode
        for path, floor in configured.items():
            assert isinstance(value_at(example, path), float), path
            assert 0.0 <= floor <= 1.0, path


@pytest.mark.slow
@pytest.mark.parametrize("configuration", list(configurations()))
def test_polnear_dev_stays_above_the_floors(configuration: str) -> None:
    split = dev_split()
    if split is None:
        pytest.skip("PolNeAR dev not found: set REPORTEDLY_POLNEAR to the PolNeAR folder")
    without, mode, configured = configurations()[configuration]
    articles = read_brat_dir(split)
    config = AnalysisConfig(without=without, mode=mode)  # type: ignore[arg-type]
    analyses = list(analyze_many([article.text for article in articles], config, n_process=2))
    scores = evaluate(articles, analyses, load_references()).scores.to_dict()
    assert scores["speakers"] is not None, "the speaker reference no longer matches dev"
    below = {
        path: (value_at(scores, path), floor)
        for path, floor in configured.items()
        if (value_at(scores, path) or 0.0) < floor
    }
    assert not below, f"below the floors (measured, floor): {below}"
